//! What flows into the App and what it asks for in return. Each section has its own door:
//! its operations and its results are defined beside its state in `ui/app/<section>.rs`
//! and performed by `runtime/<section>.rs`; here they are only named, one line each.

use chrono::{DateTime, Utc};

use super::app::{AdminOp, AdminResult, AgendaOp, AgendaResult, BulletinOp, BulletinResult};
use super::app::{
    FollowOp, FollowResult, NetOp, NetResult, ProfileOp, ProfileResult, SpacesOp, SpacesResult,
};

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
    /// Alt (Option, Meta) with a character: terminals send it as ESC then the character.
    Alt(char),
    /// Alt+← and Alt+→: a word back, a word on.
    WordLeft,
    WordRight,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Key(Key),
    /// A key that came in the same packet as the key before it: typed ahead, so it never
    /// answers a question that key opened, which the member has not seen yet.
    KeyAlong(Key),
    /// A bracketed paste, whole.
    Paste(String),
    /// Mouse wheel: positive scrolls down, in lines.
    Scroll(i32),
    Resize(u16, u16),
    /// Time passed: relative dates (« il y a 3 min ») move on.
    Tick(DateTime<Utc>),
    /// Something changed in the database, here or in another process.
    DataChanged,
    Bulletin(BulletinResult),
    Profile(ProfileResult),
    Spaces(SpacesResult),
    Agenda(AgendaResult),
    Network(NetResult),
    /// Boxed: the console's answers are rare and large, members' events many and small.
    Admin(Box<AdminResult>),
    Follow(FollowResult),
}

/// Work the App asks its runtime to do; results come back as events.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Bulletin(BulletinOp),
    Profile(ProfileOp),
    Spaces(SpacesOp),
    Agenda(AgendaOp),
    Network(NetOp),
    Admin(AdminOp),
    Follow(FollowOp),
}
