//! Comments under articles, and the rules a new or edited comment follows. No I/O: the store
//! applies these rules inside its transactions.

use chrono::{DateTime, Utc};
use serde::Serialize;
use thiserror::Error;

use crate::text::clean::clean_text;

/// Longest comment, in characters after cleaning: a comment, not an article.
pub const MAX_COMMENT_CHARS: usize = 4000;

/// How long after posting its author may still fix or withdraw a comment: long enough to
/// fix a typo, short enough that replies do not end up answering a different text.
pub const EDIT_WINDOW_MINUTES: i64 = 15;

/// Where a comment stands. The names are stored in the database and part of the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Published,
    /// Waiting for a moderator; only its author (and moderators) see it.
    Pending,
    /// Set aside by a moderator; only moderators see it.
    Hidden,
    /// Withdrawn: the row stays so that replies keep their place, the text is gone.
    Deleted,
}

impl CommentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Published => "published",
            CommentStatus::Pending => "pending",
            CommentStatus::Hidden => "hidden",
            CommentStatus::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<CommentStatus> {
        match s {
            "published" => Some(CommentStatus::Published),
            "pending" => Some(CommentStatus::Pending),
            "hidden" => Some(CommentStatus::Hidden),
            "deleted" => Some(CommentStatus::Deleted),
            _ => None,
        }
    }
}

/// One comment as a thread shows it. Field names are part of the JSON interface
/// (`comments ID --json`): keep them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    /// The author's handle, `""` if they have none.
    pub author: String,
    /// `""` when the status is `Deleted`: the UI shows a placeholder instead.
    pub body: String,
    pub status: CommentStatus,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// Display depth, 0, 1 or 2: deeper replies are shown at 2 so that a long exchange does
    /// not walk off a narrow terminal.
    pub depth: u8,
}

/// Why a member may not change a comment of the thread (the store checks again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotEditable {
    /// Someone else's, or withdrawn already.
    NotYours,
    /// Past [`EDIT_WINDOW_MINUTES`].
    TooLate,
}

impl Comment {
    /// Whether `user` may still edit or withdraw this comment at `now`: asked before a text
    /// is opened or a question asked, so that neither ends in a refusal.
    pub fn editable_by(&self, user: Option<i64>, now: DateTime<Utc>) -> Result<(), NotEditable> {
        if Some(self.author_id) != user || self.status == CommentStatus::Deleted {
            return Err(NotEditable::NotYours);
        }
        if now.signed_duration_since(self.created_at) > chrono::Duration::minutes(EDIT_WINDOW_MINUTES) {
            return Err(NotEditable::TooLate);
        }
        Ok(())
    }
}

/// Deepest display depth of a reply.
pub const MAX_DEPTH: u8 = 2;

/// Who waits for a moderator before being seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Moderation {
    /// Everything is published at once (links aside).
    None,
    /// A member's comments wait until a moderator approved one of them.
    #[default]
    First,
    /// Every comment waits.
    All,
}

/// The rules of posting, set by the server's operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentPolicy {
    pub moderation: Moderation,
    /// Seconds between two comments of one member.
    pub min_interval_secs: i64,
    /// Comments per member in any 24 hours.
    pub per_day: i64,
    /// Longest comment, in characters.
    pub max_chars: usize,
    /// More links than this and the comment waits for a moderator, whoever wrote it: that is
    /// what spam looks like.
    pub max_links_unmoderated: usize,
}

impl Default for CommentPolicy {
    fn default() -> Self {
        CommentPolicy {
            moderation: Moderation::First,
            min_interval_secs: 20,
            per_day: 50,
            max_chars: MAX_COMMENT_CHARS,
            max_links_unmoderated: 2,
        }
    }
}

impl CommentPolicy {
    /// Whether a comment with `body` by an author (`approved` or not) waits for a moderator.
    pub fn needs_review(&self, body: &str, approved: bool) -> bool {
        let by_rule = match self.moderation {
            Moderation::None => false,
            Moderation::First => !approved,
            Moderation::All => true,
        };
        by_rule || count_links(body) > self.max_links_unmoderated
    }
}

/// Why a comment was refused. Messages for people are in `i18n`; these are for logs.
#[derive(Debug, Clone, Error, PartialEq)]
pub enum PostError {
    #[error("the comment is empty")]
    Empty,
    #[error("the comment is longer than {max} characters")]
    TooLong { max: usize },
    #[error("too fast: wait {wait_secs} s")]
    TooFast { wait_secs: i64 },
    #[error("at most {max} comments a day")]
    DailyLimit { max: i64 },
    #[error("choose a handle first")]
    NoHandle,
    #[error("not your comment")]
    NotYours,
    #[error("the edit window is over")]
    TooLate,
    #[error("not found")]
    NotFound,
    #[error("this account is suspended")]
    Banned,
    /// The database cannot save now (locked, disk full, read-only): nothing was saved, the
    /// same text may go through later.
    #[error("the database cannot save right now: {0}")]
    Unavailable(String),
    #[error("database error: {0}")]
    Store(String),
}

/// How many `http://` and `https://` links a text holds, in any case.
pub fn count_links(body: &str) -> usize {
    let lower = body.to_lowercase();
    lower.matches("http://").count() + lower.matches("https://").count()
}

/// The pace rules shared by comments and private messages: `last` is when the author last
/// wrote, `today` how many they wrote in the last 24 hours (deleted ones count too).
pub fn check_pace(
    last: Option<DateTime<Utc>>,
    today: i64,
    policy: &CommentPolicy,
    now: DateTime<Utc>,
) -> Result<(), PostError> {
    if let Some(last) = last {
        let elapsed = (now - last).num_seconds().max(0);
        if elapsed < policy.min_interval_secs {
            return Err(PostError::TooFast { wait_secs: policy.min_interval_secs - elapsed });
        }
    }
    if today >= policy.per_day {
        return Err(PostError::DailyLimit { max: policy.per_day });
    }
    Ok(())
}

/// The body to store: cleaned (see `clean_text`), trimmed, not empty, at most `max` characters.
pub fn check_body(body: &str, max: usize) -> Result<String, PostError> {
    let cleaned = clean_text(body);
    let body = cleaned.trim();
    if body.is_empty() {
        return Err(PostError::Empty);
    }
    if body.chars().count() > max {
        return Err(PostError::TooLong { max });
    }
    Ok(body.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_counted_in_any_case() {
        assert_eq!(count_links("rien"), 0);
        assert_eq!(count_links("https://a.fr et HTTP://b.fr, http://c"), 3);
        assert_eq!(count_links("httpx://a https:/b"), 0);
    }

    #[test]
    fn bodies_are_cleaned_then_measured() {
        assert_eq!(check_body("  \n\u{200d}\u{1b}\n ", 10), Err(PostError::Empty));
        assert_eq!(check_body(" a\u{1b}[2Jb\u{202e}c ", 10), Ok("a[2Jbc".into()));
        // Counted in characters, not bytes.
        assert_eq!(check_body(&"é".repeat(10), 10), Ok("é".repeat(10)));
        assert_eq!(check_body(&"é".repeat(11), 10), Err(PostError::TooLong { max: 10 }));
    }

    #[test]
    fn review_depends_on_moderation_and_links() {
        let mut p = CommentPolicy::default();
        assert!(p.needs_review("salut", false));
        assert!(!p.needs_review("salut", true));
        p.moderation = Moderation::None;
        assert!(!p.needs_review("http://a http://b", false));
        assert!(p.needs_review("http://a http://b http://c", true));
        p.moderation = Moderation::All;
        assert!(p.needs_review("salut", true));
    }
}
