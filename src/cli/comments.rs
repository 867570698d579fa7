//! `cedille comments list [--pending] [--limit N] [--json]` and `cedille comments approve|hide|delete ID`:
//! the moderation queue for scripts and cron; `cedille admin` is the same by hand.
//!
//! Exit status: 0 done; 1 no such comment; 2 the database cannot be opened.

use std::path::Path;

use super::articles::with_store;
use super::{Limit, Outcome, left_out};
use crate::domain::CommentStatus;
use crate::i18n::{Listing, Subject};
use crate::store::local_actor;

/// Lists comments waiting for moderation (`pending`), the oldest first (the queue, in the
/// order to decide it), or every comment, the newest first; at most `limit`, as text or JSON
/// lines. What the limit leaves out is said on stderr.
pub fn list(db: &Path, pending: bool, json: bool, limit: Limit) -> Outcome {
    with_store(db, |lang, store| {
        let page =
            if pending { store.comments().pending_page(limit.0) } else { store.comments().latest(limit.0) };
        let page = match page {
            Ok(p) => p,
            Err(e) => return Outcome::store_failed(lang, &e),
        };
        let listing = if pending { Listing::CommentsWaiting } else { Listing::Comments };
        let mut stdout = String::new();
        for c in &page.rows {
            if json {
                stdout.push_str(&serde_json::json!(c).to_string());
                stdout.push('\n');
            } else {
                stdout.push_str(&format!("article {} · ", c.article_id));
                stdout.push_str(&crate::commands::plain_comment(c, lang));
            }
        }
        if page.rows.is_empty() && !json {
            stdout.push_str(lang.empty_listing(listing));
        }
        Outcome { stdout, stderr: left_out(lang, &page, listing), status: 0 }
    })
}

/// Approves (publishes, and trusts the author from then on under `first`), hides or deletes,
/// signed in the audit log.
pub fn set(db: &Path, id: i64, status: CommentStatus) -> Outcome {
    with_store(db, |lang, store| match store.comments().moderate(&local_actor("cli"), id, status) {
        Ok(old) => Outcome::ok(lang.comment_moderated(id, status, old == status)),
        Err(e) => Outcome::store(lang, &e, Subject::Comment(id)),
    })
}
