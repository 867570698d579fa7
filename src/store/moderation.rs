//! The moderation queue as a moderator needs it: each comment with what it answers and who
//! wrote it, so that a decision never needs a second screen.

use rusqlite::{Connection, OptionalExtension};

use super::comments::{FIELDS, FROM, comment_row, display_depth};
use super::{Result, Store};
use crate::domain::Comment;
use crate::domain::admin::{Queue, QueueItem};

fn item(c: &Connection, comment: Comment) -> rusqlite::Result<QueueItem> {
    let (title, published, hidden, pending, banned, approved) = c.query_row(
        "SELECT (SELECT title FROM articles WHERE id = ?1),
                (SELECT count(*) FROM comments WHERE author_id = ?2 AND +status = 'published'),
                (SELECT count(*) FROM comments WHERE author_id = ?2 AND status = 'hidden'),
                (SELECT count(*) FROM comments WHERE author_id = ?2 AND status = 'pending' AND id <> ?3),
                (SELECT banned FROM users WHERE id = ?2),
                (SELECT approved FROM users WHERE id = ?2)",
        rusqlite::params![comment.article_id, comment.author_id, comment.id],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get::<_, Option<bool>>(4)?.unwrap_or(false),
                r.get::<_, Option<bool>>(5)?.unwrap_or(false),
            ))
        },
    )?;
    let parent = match comment.parent_id {
        Some(p) => {
            c.query_row(&format!("SELECT {FIELDS} {FROM} WHERE c.id = ?1"), [p], comment_row).optional()?
        }
        None => None,
    };
    Ok(QueueItem {
        comment,
        article_title: title,
        parent,
        author_published: published,
        author_hidden: hidden,
        author_pending: pending,
        author_banned: banned,
        author_approved: approved,
    })
}

impl Store {
    /// The comments of one queue with their context, at most `limit`.
    pub fn moderation_queue(&self, queue: Queue, limit: usize) -> Result<Vec<QueueItem>> {
        self.read(|c| {
            let sql = match queue {
                Queue::Reports => return Ok(Vec::new()),
                Queue::Pending => {
                    format!("SELECT {FIELDS} {FROM} WHERE c.status = 'pending' ORDER BY c.created_at, c.id LIMIT ?1")
                }
                Queue::Hidden => format!(
                    "SELECT {FIELDS} {FROM} WHERE c.status = 'hidden' ORDER BY c.created_at DESC, c.id DESC LIMIT ?1"
                ),
            };
            let mut stmt = c.prepare_cached(&sql)?;
            let comments = stmt.query_map([limit as i64], comment_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
            let mut out = Vec::with_capacity(comments.len());
            for mut comment in comments {
                comment.depth = display_depth(c, comment.parent_id)?;
                out.push(item(c, comment)?);
            }
            Ok(out)
        })
    }
}
