//! What the association's admin console can ask for. Plain data, so that the console's
//! screens, its strings and its performer share one list of what an admin may do; only a
//! console on the server's own terminal performs them, signed in the audit log.

use chrono::{DateTime, Utc};
use thiserror::Error;

use super::admin::{Queue, ReportDecision};
use super::article::NewArticle;
use super::event::Proposal;
use super::frontmatter::FrontMatterError;
use super::record::RowError;
use super::{CommentStatus, HandleError};

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
    /// An article, and the text it had when the console opened it: the store refuses the
    /// save (`Refusal::Changed`) when it no longer has that text. Unused for a new one.
    SaveArticle(Option<i64>, NewArticle, String),
    /// A space's record as the admin wrote it: checked by the store (the commune must exist),
    /// with the record's text when opened, as for an article.
    SaveSpace(Option<i64>, String, String),
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

impl AdminOp {
    /// Whether the action names a member by their handle (`camille`, or `#12`).
    pub fn names_a_member(&self) -> bool {
        matches!(
            self,
            AdminOp::ApproveMember(_) | AdminOp::Ban(..) | AdminOp::Rename(..) | AdminOp::SetRole(..)
        )
    }
}

/// A rule an admin's action breaks: the store refused it and wrote nothing. The console says
/// it in its language (`i18n`); this `Display` is what the commands print.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum Refusal {
    #[error("the slug `{slug}` is already used by article {by}")]
    SlugTaken { slug: String, by: i64 },
    #[error("no member has the handle `{0}`")]
    NoSuchAuthor(String),
    #[error("{0}")]
    BadHandle(HandleError),
    #[error("the handle `{0}` is taken")]
    HandleTaken(String),
    #[error("unknown role `{0}` (expected member, moderator or admin)")]
    UnknownRole(String),
    #[error("event {0} is over: there is nothing to cancel")]
    EventOver(i64),
    #[error("event {0} was cancelled: it cannot come back")]
    EventCancelled(i64),
    /// A space's record that does not pass the import's checks.
    #[error("{0}")]
    Record(RowError),
    /// The record changed since the console opened it (another console, an import, a
    /// command): its text now, to compare with or to take.
    #[error("the record changed since it was opened")]
    Changed(String),
}

/// Why a file could not be read or written, from what the system said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileProblem {
    NotFound,
    PermissionDenied,
    IsADirectory,
    AlreadyExists,
    StorageFull,
    ReadOnly,
    /// Anything rarer, in the system's words.
    Other(String),
}

impl FileProblem {
    pub fn of(e: &std::io::Error) -> FileProblem {
        use std::io::ErrorKind as K;
        match e.kind() {
            K::NotFound => FileProblem::NotFound,
            K::PermissionDenied => FileProblem::PermissionDenied,
            K::IsADirectory => FileProblem::IsADirectory,
            K::AlreadyExists => FileProblem::AlreadyExists,
            K::StorageFull | K::QuotaExceeded => FileProblem::StorageFull,
            K::ReadOnlyFilesystem => FileProblem::ReadOnly,
            _ => FileProblem::Other(e.to_string()),
        }
    }
}

/// Why a spaces file cannot be imported at all (nothing was written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportProblem {
    Empty,
    NotUtf8 {
        line: usize,
    },
    MissingColumns(Vec<String>),
    /// The CSV reader's own words are left to the logs.
    Csv {
        line: u64,
    },
}

/// The admin's own editor (`$VISUAL`, `$EDITOR`) did not give a text back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorError {
    /// The temporary file for it could not be written.
    TempFile(FileProblem),
    /// The file it saved could not be read back.
    ReadBack(FileProblem),
    /// It did not start.
    Start { program: String, problem: FileProblem },
    /// It ended with a failure (`None`: killed by a signal): nothing is saved.
    Failed { program: String, code: Option<i32> },
}

/// Why an action of the console did not happen, said by `i18n` in the console's language.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminError {
    /// What the action was on is no longer there (deleted meanwhile).
    NotFound,
    /// The database cannot save right now (busy, full, read-only): trying again may work.
    Unavailable,
    /// The database file was replaced under the console: it must be restarted.
    Gone,
    Refused(Refusal),
    /// An article's front matter that does not read.
    FrontMatter(FrontMatterError),
    /// A file to import or export.
    File {
        path: String,
        problem: FileProblem,
    },
    Import {
        path: String,
        problem: ImportProblem,
    },
    Editor(EditorError),
    /// A fault of the program itself, in the words of the log.
    Internal(String),
}

/// What an action that went well has to tell.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    None,
    /// A member's name: the handle a rename gave, the sender a report was about.
    Name(String),
    Imported {
        inserted: usize,
        updated: usize,
        unchanged: usize,
        rejected: Vec<(u64, RowError)>,
    },
    Exported {
        count: usize,
        path: String,
    },
}

/// What the admin answers when the document they edit changed meanwhile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangedAnswer {
    /// Save their text over the other change.
    Overwrite,
    /// Throw their text away and edit the document as it is now.
    Reload,
    /// Back to their text; the next save asks again.
    KeepEditing,
}
