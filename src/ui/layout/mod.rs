//! What the App and the screens both measure: the lines of an article, its comments, a space,
//! the help, and how many rows a list item takes. The App keeps laid-out lines to scroll
//! them; the screens draw them. Nothing here reads the App: it gets what it lays out.

pub mod article;
pub mod author;
pub mod comments;
pub mod help;
pub mod space;

use chrono::{DateTime, Utc};

use crate::i18n::Lang;
use crate::ui::theme::Theme;

/// Rows an article takes in the bulletin's list (two lines and a blank).
pub const ARTICLE_ROWS: usize = 3;
/// Rows a space takes in the directory's list.
pub const SPACE_ROWS: usize = 3;
/// Rows a member takes in « Réseau »'s directory.
pub const MEMBER_ROWS: usize = 4;

/// What every layout needs besides its subject: the member's language, the colours, and
/// the time relative dates are counted from.
pub struct Look<'a> {
    pub lang: Lang,
    pub theme: &'a Theme,
    pub now: DateTime<Utc>,
}
