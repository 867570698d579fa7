//! What flows into the App and what it asks for in return.

use crate::domain::{Article, ArticleSummary};
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
}

/// Work the App asks its runtime to do; results come back as events.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadArticles,
    LoadArticle(i64),
    MarkRead(i64),
    SaveLang(Lang),
    Quit,
}
