//! What the association's admin console can ask for. Plain data, so that the console's
//! screens, its strings and its performer share one list of what an admin may do; only a
//! console on the server's own terminal performs them, signed in the audit log.

use chrono::{DateTime, Utc};

use super::CommentStatus;
use super::admin::{Queue, ReportDecision};
use super::article::NewArticle;
use super::event::Proposal;

/// What the console edits as text: an article, or a space of the directory (`None`: new).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Article(Option<i64>),
    Space(Option<i64>),
}

/// What the admin console asks for. Performed only by a local console, which signs them in
/// the audit log; a session over SSH ignores them.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminOp {
    LoadDashboard,
    LoadArticles,
    LoadQueue(Queue),
    LoadMembers,
    /// Reads a document as text (`None` ids: a template for a new one).
    Open(Doc),
    SaveArticle(Option<i64>, NewArticle),
    /// A space's record as the admin wrote it: checked by the store (the commune must exist).
    SaveSpace(Option<i64>, String),
    Publish(i64),
    Unpublish(i64),
    Schedule(i64, DateTime<Utc>),
    DeleteArticle(i64),
    Moderate(i64, CommentStatus),
    /// A decision on a reported message.
    DecideReport(i64, ReportDecision),
    ApproveMember(String),
    Ban(String, bool),
    Rename(String, String),
    SetRole(String, String),
    DeleteSpace(i64),
    ApproveEvent(i64),
    CancelEvent(i64),
    /// The association's own meetup, approved at once.
    CreateEvent(Proposal),
    ImportSpaces(String),
    ExportSpaces(String),
    /// Hands the terminal to the admin's own editor (`$VISUAL`, `$EDITOR`) on this text.
    EditExternally(Doc, String),
}
