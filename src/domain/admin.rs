//! What the admin tools show: the dashboard's figures, who is connected, the audit log, the
//! members list, the moderation queue and the reported messages. No I/O: the store fills
//! these rows (see `store::maintenance`, `audit`, `members`, `moderation`, `reports`), the
//! admin screens and the commands read them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::Comment;
use crate::domain::network::Message;

/// The dashboard's figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Figures {
    pub members: i64,
    pub banned: i64,
    pub articles: i64,
    pub drafts: i64,
    pub comments: i64,
    pub pending: i64,
    pub spaces: i64,
    pub sessions: i64,
    /// Meetups proposed by members, waiting for approval.
    pub events_pending: i64,
}

/// One open session, from the server's `sessions` table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Connected {
    /// The member's handle, `#ID` without one, `None` for a guest.
    pub who: Option<String>,
    pub peer: String,
    pub since: DateTime<Utc>,
}

/// One admin action. Field names are part of the JSON interface (`audit --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Who acted: a system user on the server (`cli:alice`, `console:alice`) or a moderator's
    /// handle over SSH (`@camille`).
    pub actor: String,
    /// A short verb: `article.publish`, `comment.hide`, `user.ban`…
    pub action: String,
    /// What was acted on: `article 3`, `comment 12`, `camille`.
    pub target: String,
    pub detail: String,
}

/// One line of the members list. Field names are part of the JSON interface
/// (`users list --json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberRow {
    pub id: i64,
    /// `None` until the member chooses one.
    pub handle: Option<String>,
    pub role: String,
    pub banned: bool,
    /// Their comments skip the moderation queue under `--moderation first`.
    pub approved: bool,
    pub keys: Vec<String>,
    pub first_seen: DateTime<Utc>,
    pub last_seen: Option<DateTime<Utc>>,
    /// Comments written, deleted ones excepted.
    pub comments: i64,
    pub hidden_comments: i64,
}

impl MemberRow {
    /// How the admin tools name the member: the handle, or `#ID`.
    pub fn name(&self) -> String {
        self.handle.clone().unwrap_or_else(|| format!("#{}", self.id))
    }
}

/// A comment waiting (or hidden) with its context.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    pub comment: Comment,
    pub article_title: String,
    /// The comment it answers, if any.
    pub parent: Option<Comment>,
    /// The author's other comments: published, hidden, waiting.
    pub author_published: i64,
    pub author_hidden: i64,
    pub author_pending: i64,
    pub author_banned: bool,
    pub author_approved: bool,
}

/// Which list of the moderation screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Waiting for a decision, oldest first.
    Pending,
    /// Hidden ones, newest first: they stay listed so that a decision can be undone.
    Hidden,
    /// Private messages reported by their recipients (see `Store::message_reports`).
    Reports,
}

/// A report waiting for a decision.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportItem {
    pub id: i64,
    pub reported_at: DateTime<Utc>,
    pub message: Message,
    /// Who reported it: the message's recipient.
    pub reporter: String,
    /// Why, in the reporter's words (cleaned on the way in); empty when they gave none.
    pub reason: String,
    pub sender_banned: bool,
    /// The messages of the conversation just before, oldest first.
    pub context: Vec<Message>,
}

/// What a moderator decides about a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReportDecision {
    /// Nothing wrong: the report leaves the queue.
    Dismiss,
    /// The sender is suspended, as `users ban` does.
    Suspend,
}

/// The first rows of an operator's listing, in its order, and how many rows the listing
/// holds in all: what `cedille comments list --limit N` prints, and what it says it left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub total: usize,
}

impl<T> Page<T> {
    /// Rows the listing holds beyond this page.
    pub fn left_out(&self) -> usize {
        self.total.saturating_sub(self.rows.len())
    }
}

/// One check of `cedille check` (the store's `check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    Integrity,
    ForeignKeys,
    SearchIndex,
}

impl std::fmt::Display for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Check::Integrity => "integrity",
            Check::ForeignKeys => "foreign keys",
            Check::SearchIndex => "search index",
        })
    }
}

/// Something `cedille check` found wrong. The command line says it in its language; this
/// `Display` is for the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A line of SQLite's integrity check, in SQLite's words.
    Integrity(String),
    /// A row of `table` whose foreign key points to no row of `parent`.
    ForeignKey { table: String, row: i64, parent: String },
    /// The search index of the spaces does not say what they say (SQLite's words).
    SearchIndex(String),
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Integrity(line) => write!(f, "integrity: {line}"),
            Problem::ForeignKey { table, row, parent } => {
                write!(f, "foreign key: {table} row {row} points to a missing {parent}")
            }
            Problem::SearchIndex(e) => write!(f, "search index out of step with the spaces: {e}"),
        }
    }
}
