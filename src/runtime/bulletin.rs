//! The bulletin's door: articles, threads and comments, as the viewer may see them.

use chrono::Utc;

use super::door::{Ctx, Viewer, fault, log_post};
use super::queue::Kind;
use crate::domain::ArticleList;
use crate::domain::comment::{PostError, ThreadView};
use crate::domain::search::SEARCH_PAGE;
use crate::store::Seer;
use crate::ui::{BulletinOp, BulletinResult};

/// Loads supersede the one waiting; a read mark is kept once per article. Comments and
/// moderators' decisions are never dropped.
pub fn kind(op: &BulletinOp) -> Option<Kind> {
    match op {
        BulletinOp::LoadArticles => Some(Kind::one("articles")),
        // The answer does not name its article: only the last one opened is wanted.
        BulletinOp::LoadArticle(_) => Some(Kind::one("article")),
        BulletinOp::LoadComments(id) => Some(Kind::each("comments", *id)),
        BulletinOp::MarkRead(id) => Some(Kind::each("read", *id)),
        // Typing: only the words the line says now are worth searching.
        BulletinOp::Search(_) => Some(Kind::one("search")),
        BulletinOp::LoadAuthor(_) => Some(Kind::one("author")),
        BulletinOp::LoadMember(_) => Some(Kind::one("member-page")),
        BulletinOp::PostComment { .. }
        | BulletinOp::EditComment { .. }
        | BulletinOp::DeleteComment(_)
        | BulletinOp::Moderate(..) => None,
    }
}

/// Whether `viewer` sees waiting and hidden comments. The role is read again each time: a
/// member made moderator (or no longer) sees the difference at once. The console reads as a
/// moderator.
fn moderates(ctx: &Ctx, viewer: &Viewer) -> bool {
    match viewer {
        Viewer::Console(_) => true,
        Viewer::Member { user, .. } => ctx.store.users().is_moderator(*user).unwrap_or(false),
        Viewer::Guest => false,
    }
}

pub fn perform(ctx: &Ctx, viewer: &Viewer, op: BulletinOp) -> Option<BulletinResult> {
    let store = &ctx.store;
    let now = Utc::now();
    let user = viewer.user();
    Some(match op {
        BulletinOp::LoadArticles => BulletinResult::Articles(
            store
                .articles()
                .published(now)
                .and_then(|shared| match user {
                    // The member's own part: one query for their read marks and new counts.
                    Some(u) => Ok(ArticleList::with_marks(shared, store.follow().marks(u)?)),
                    None => Ok(ArticleList::new(shared, None)),
                })
                .map_err(fault),
        ),
        BulletinOp::LoadArticle(id) => {
            BulletinResult::Article(store.articles().get_published(&id.to_string(), user, now).map_err(fault))
        }
        BulletinOp::LoadComments(id) => BulletinResult::Comments(
            id,
            store
                .comments()
                .thread(id, user, moderates(ctx, viewer))
                .and_then(|comments| {
                    // The member's own part: whom they blocked, read with each thread so that
                    // a block made a moment ago in « Réseau » holds here at once.
                    let blocked = match user {
                        Some(u) => store.messages().blocked_by(u)?,
                        None => Vec::new(),
                    };
                    Ok(ThreadView { comments, blocked })
                })
                .map_err(fault),
        ),
        BulletinOp::Search(q) => {
            let seer = Seer { user, moderator: moderates(ctx, viewer) };
            let found = store.search().bulletin(&q, seer, now, SEARCH_PAGE).map_err(fault);
            BulletinResult::Found(q, found)
        }
        // Public pages: for everyone who may read, guests included.
        BulletinOp::LoadAuthor(id) => {
            BulletinResult::Author(id, store.author_of(id, now).map(|p| p.map(Box::new)).map_err(fault))
        }
        BulletinOp::LoadMember(id) => {
            BulletinResult::Member(id, store.member_page_of(id, now).map(|p| p.map(Box::new)).map_err(fault))
        }
        BulletinOp::MarkRead(article) => {
            if let Some(user) = user {
                let _ = store.articles().mark_read(user, article, now).map_err(fault);
            }
            return None;
        }
        BulletinOp::PostComment { article, parent, body } => BulletinResult::CommentSaved(match user {
            Some(user) => {
                store.comments().post(user, article, parent, &body, &ctx.policy, now).map_err(log_post)
            }
            None => Err(PostError::NoHandle),
        }),
        BulletinOp::EditComment { id, body } => BulletinResult::CommentSaved(match user {
            Some(user) => store.comments().edit(user, id, &body, &ctx.policy, now).map_err(log_post),
            None => Err(PostError::NoHandle),
        }),
        BulletinOp::DeleteComment(id) => BulletinResult::CommentDeleted(match user {
            Some(user) => store.comments().delete(user, id, now).map_err(log_post),
            None => Err(PostError::NoHandle),
        }),
        BulletinOp::Moderate(id, status) => BulletinResult::Moderated(match viewer {
            Viewer::Member { user, .. } => store.comments().moderate_as(*user, id, status).map(|_| ()),
            Viewer::Console(console) => {
                store.comments().moderate(&console.actor, id, status).map(|_| ()).map_err(PostError::from)
            }
            Viewer::Guest => Err(PostError::NoHandle),
        }),
    })
}
