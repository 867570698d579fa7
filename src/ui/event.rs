//! What flows into the App and what it asks for in return.

use chrono::{DateTime, Utc};

use crate::domain::comment::PostError;
use crate::domain::member::HandleError;
use crate::domain::space::Commune;
use crate::domain::{Article, ArticleSummary, Comment};
use crate::i18n::Lang;
use crate::store::{CatchUp, LinkError, Profile, SpaceHit, SpaceQuery};

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
    CatchUpLoaded(CatchUp),
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
}

/// Work the App asks its runtime to do; results come back as events.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadArticles,
    LoadArticle(i64),
    LoadComments(i64),
    MarkRead(i64),
    SaveLang(Lang),
    PostComment { article: i64, parent: Option<i64>, body: String },
    EditComment { id: i64, body: String },
    DeleteComment(i64),
    SetHandle(String),
    LoadCatchUp(DateTime<Utc>),
    LoadProfile,
    SearchSpaces { seq: u64, query: SpaceQuery },
    CompleteCommune(String),
    SetTown(String),
    SetBio(String),
    CreateLinkCode,
    RedeemLinkCode(String),
    Quit,
}
