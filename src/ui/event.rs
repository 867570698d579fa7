//! What flows into the App and what it asks for in return.

use chrono::{DateTime, Utc};

use crate::domain::CommentStatus;
use crate::domain::admin::{AuditEntry, Connected, Figures, MemberRow, Queue, QueueItem};
use crate::domain::article::{ArticleRow, NewArticle};
use crate::domain::catchup::CatchUp;
use crate::domain::comment::PostError;
use crate::domain::event::{Event as Meetup, EventError, Proposal, Rsvp};
use crate::domain::member::{HandleError, LinkError, Profile};
use crate::domain::space::Commune;
use crate::domain::spaces_query::{SpaceHit, SpaceQuery};
use crate::domain::{Article, ArticleSummary, Comment};
use crate::i18n::Lang;

/// A key, independent of the terminal library that decoded it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    Char(char),
    /// Ctrl with a letter, lowercase: Ctrl-C is `Ctrl('c')`.
    Ctrl(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Key(Key),
    /// A bracketed paste, whole.
    Paste(String),
    /// Mouse wheel: positive scrolls down, in lines.
    Scroll(i32),
    Resize(u16, u16),
    ArticlesLoaded(Result<Vec<ArticleSummary>, String>),
    ArticleLoaded(Result<Option<Article>, String>),
    CommentsLoaded(i64, Result<Vec<Comment>, String>),
    /// A comment was posted or edited.
    CommentSaved(Result<Comment, PostError>),
    CommentDeleted(Result<(), PostError>),
    HandleSet(Result<String, HandleError>),
    CatchUpLoaded(Box<CatchUp>),
    ProfileLoaded(Result<Profile, String>),
    /// A profile field was saved (or not); the profile reloads either way.
    ProfileSaved(Result<(), String>),
    LinkCodeCreated(Result<String, String>),
    /// This session's key joined the account of the given member.
    LinkRedeemed(Result<i64, LinkError>),
    /// Something changed in the database, here or in another process.
    DataChanged,
    /// Results of the search numbered `seq`: the first page, and how many match in all.
    SpacesFound(u64, Result<(Vec<SpaceHit>, usize), String>),
    /// Towns whose name starts with the given text.
    CommunesCompleted(String, Vec<Commune>),
    /// Time passed: relative dates (« il y a 3 min ») move on.
    Tick(DateTime<Utc>),
    /// The member's account as it is now: set at the start and again when the data changed
    /// (a handle chosen from another connection, a role given, a suspension).
    MemberLoaded {
        handle: Option<String>,
        moderator: bool,
        banned: bool,
    },
    /// A moderator's decision on a comment was recorded (or not).
    Moderated(Result<(), String>),
    /// The agenda: meetups to come (or past ones).
    AgendaLoaded(Result<Vec<Meetup>, String>),
    /// One meetup with who goes.
    EventLoaded(Result<Option<Box<Meetup>>, String>),
    /// The member's answer to meetup `id` was recorded (where they stand now), or why not.
    RsvpDone(i64, Result<Rsvp, EventError>),
    /// A proposal was recorded (its id), or why not (the text stays in the editor).
    ProposalDone(Result<i64, EventError>),
    /// Results for the admin console.
    Admin(AdminResult),
    /// Results for the « Réseau » section.
    Network(super::net_event::NetResult),
}

/// What the console edits as text: an article, or a space of the directory (`None`: new).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Article(Option<i64>),
    Space(Option<i64>),
}

/// What the admin console gets back.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminResult {
    Dashboard(Result<(Figures, Vec<Connected>, Vec<AuditEntry>), String>),
    Articles(Result<Vec<ArticleRow>, String>),
    Queue(Queue, Result<Vec<QueueItem>, String>),
    /// Open reports of private messages.
    Reports(Result<Vec<crate::domain::admin::ReportItem>, String>),
    Members(Result<Vec<MemberRow>, String>),
    /// The text of a document to edit: an article's front matter and Markdown, a space's
    /// record.
    Text(Doc, Result<String, String>),
    /// The text the external editor gave back, or why it could not run.
    Edited(Doc, Result<String, String>),
    /// A document was saved (its id), or why not (the text is still in the editor).
    Saved(Doc, Result<i64, String>),
    /// An action ended: which, with a detail to tell (an import's report), or why it failed.
    Done(AdminOp, Result<String, String>),
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
    DecideReport(i64, crate::domain::admin::ReportDecision),
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
}

/// Work the App asks its runtime to do; results come back as events.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadArticles,
    LoadArticle(i64),
    LoadComments(i64),
    MarkRead(i64),
    SaveLang(Lang),
    PostComment {
        article: i64,
        parent: Option<i64>,
        body: String,
    },
    EditComment {
        id: i64,
        body: String,
    },
    DeleteComment(i64),
    SetHandle(String),
    LoadCatchUp(DateTime<Utc>),
    LoadProfile,
    SearchSpaces {
        seq: u64,
        query: SpaceQuery,
    },
    CompleteCommune(String),
    SetTown(String),
    SetBio(String),
    CreateLinkCode,
    RedeemLinkCode(String),
    /// The agenda: past meetups or those to come; `all`: with proposals and cancelled ones
    /// (the console only).
    LoadAgenda {
        past: bool,
        all: bool,
    },
    LoadEvent(i64),
    Rsvp {
        id: i64,
        going: bool,
    },
    ProposeEvent(Proposal),
    /// The member's account as it is now (handle, role, suspension).
    LoadMember,
    /// A moderator's decision on a comment, over SSH (the store checks the role again).
    Moderate(i64, CommentStatus),
    Admin(AdminOp),
    Network(super::net_event::NetOp),
    /// Hands the terminal to the admin's own editor (`$VISUAL`, `$EDITOR`) on this text.
    EditExternally(Doc, String),
    Quit,
}
