//! `cedille comments list [--pending] [--limit N] [--json]` and `cedille comments approve|hide|delete ID`:
//! the moderation queue for scripts and cron; `cedille admin` is the same by hand.
//!
//! Exit status: 0 done; 1 no such comment; 2 the database cannot be opened.

use std::path::Path;

use super::{Limit, Outcome, left_out};
use crate::domain::CommentStatus;
use crate::i18n::Lang;
use crate::store::{Store, local_actor};

fn open(db: &Path) -> Result<Store, Outcome> {
    super::open_existing(db)
}

/// Lists comments waiting for moderation (`pending`), the oldest first (the queue, in the
/// order to decide it), or every comment, the newest first; at most `limit`, as text or JSON
/// lines. What the limit leaves out is said on stderr.
pub fn list(db: &Path, pending: bool, json: bool, limit: Limit) -> Outcome {
    let store = match open(db) {
        Ok(s) => s,
        Err(o) => return o,
    };
    let page =
        if pending { store.comments().pending_page(limit.0) } else { store.comments().latest(limit.0) };
    let page = match page {
        Ok(p) => p,
        Err(e) => return Outcome { stderr: format!("cedille: {e}\n"), status: 2, ..Default::default() },
    };
    let mut stdout = String::new();
    for c in &page.rows {
        if json {
            stdout.push_str(&serde_json::json!(c).to_string());
            stdout.push('\n');
        } else {
            stdout.push_str(&format!("article {} · ", c.article_id));
            stdout.push_str(&crate::commands::plain_comment(c, Lang::Fr));
        }
    }
    if page.rows.is_empty() && !json {
        stdout.push_str(if pending { "No comment waits for moderation.\n" } else { "No comment yet.\n" });
    }
    let stderr = if pending {
        left_out(&page, "comments waiting", "oldest first")
    } else {
        left_out(&page, "comments", "newest first")
    };
    Outcome { stdout, stderr, status: 0 }
}

/// Approves (publishes, and trusts the author from then on under `first`), hides or deletes,
/// signed in the audit log.
pub fn set(db: &Path, id: i64, status: CommentStatus) -> Outcome {
    let store = match open(db) {
        Ok(s) => s,
        Err(o) => return o,
    };
    match store.comments().moderate(&local_actor("cli"), id, status) {
        Ok(old) if old == status => Outcome::ok(format!("comment {id} was already {}\n", status.as_str())),
        Ok(_) => Outcome::ok(format!("comment {id}: {}\n", status.as_str())),
        Err(e) => Outcome::store(&e, &format!("comment {id}")),
    }
}
