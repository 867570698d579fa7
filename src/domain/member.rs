//! Members as people see them: the handle they sign with and the rules it follows, their
//! page, and the codes that link a new key to an account.

use chrono::{DateTime, Utc};
use thiserror::Error;

/// Handles nobody may take: they would pass for the association, its moderators or the
/// software itself, or read as "nobody" next to a comment.
pub const RESERVED_HANDLES: &[&str] = &[
    "admin",
    "administrateur",
    "root",
    "cedille",
    "moderation",
    "moderateur",
    "modo",
    "sysop",
    "system",
    "support",
    "staff",
    "guest",
    "invite",
    "anonyme",
    "anonymous",
    "null",
    "help",
    "aide",
    "equipe",
    "team",
];

/// Shortest and longest handle, in characters.
pub const HANDLE_MIN: usize = 2;
pub const HANDLE_MAX: usize = 24;

/// After the first choice, a member changes their handle at most once in this many hours:
/// readers learn who signs what, and a name that changes every minute says nothing. A day
/// leaves room to fix a regretted choice the next morning.
pub const HANDLE_CHANGE_HOURS: i64 = 24;

/// A handle given up stays reserved this many days to the member who had it: nobody else
/// takes it while readers still remember it, and the old comments that name it (`@camille`)
/// keep pointing at the same person. A month covers a bulletin's life on screen.
pub const HANDLE_RESERVED_DAYS: i64 = 30;

/// Why a handle was refused. Messages for people are in `i18n`; these are for logs.
#[derive(Debug, Clone, Error, PartialEq)]
pub enum HandleError {
    #[error("a handle has at least {HANDLE_MIN} characters")]
    TooShort,
    #[error("a handle has at most {HANDLE_MAX} characters")]
    TooLong,
    /// The character refused, and the handle it suggests instead (accents folded, case
    /// lowered, spaces as `-`) when that one would pass.
    #[error("a handle may hold only a-z, 0-9, `_` and `-`, not {0:?}")]
    BadChar(char, Option<String>),
    #[error("this handle is reserved")]
    Reserved,
    #[error("this handle is taken")]
    Taken,
    /// Another member gave it up less than [`HANDLE_RESERVED_DAYS`] ago.
    #[error("this handle was given up recently and stays reserved")]
    RecentlyReleased,
    /// The member changed their handle less than [`HANDLE_CHANGE_HOURS`] ago.
    #[error("the handle was changed recently; next change from {next}")]
    TooSoon { next: DateTime<Utc> },
    #[error("this account is suspended")]
    Banned,
    #[error("database error: {0}")]
    Store(String),
}

/// Lowercases, then checks 2–24 characters of `a-z 0-9 _ -`; returns the handle to store.
///
/// Handles are plain ASCII so that every terminal shows them the same width and nobody can
/// pass for someone else with look-alike letters (Cyrillic `а` for Latin `a`).
pub fn validate_handle(input: &str) -> Result<String, HandleError> {
    let handle = input.trim().to_lowercase();
    if let Some(bad) =
        handle.chars().find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_' || *c == '-'))
    {
        let suggestion = Some(suggest_handle(&handle)).filter(|s| validate_handle(s).is_ok());
        return Err(HandleError::BadChar(bad, suggestion));
    }
    let n = handle.chars().count();
    if n < HANDLE_MIN {
        return Err(HandleError::TooShort);
    }
    if n > HANDLE_MAX {
        return Err(HandleError::TooLong);
    }
    if RESERVED_HANDLES.contains(&handle.as_str()) {
        return Err(HandleError::Reserved);
    }
    Ok(handle)
}

/// A handle close to `input` that holds only allowed characters: « Hélène » → `helene`,
/// « Jean Paul » → `jean-paul`, « Œuvre » → `oeuvre`; what has no plain letter is dropped.
pub fn suggest_handle(input: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in input.trim().nfd() {
        match c {
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            'ß' => out.push_str("ss"),
            c if (c.is_whitespace() || c == '.' || c == '\'') && !out.is_empty() && !out.ends_with('-') => {
                out.push('-');
            }
            c if c.is_whitespace() || c == '.' || c == '\'' => {}
            c if c.is_ascii_alphanumeric() || c == '_' || c == '-' => out.push(c.to_ascii_lowercase()),
            _ => {}
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The characters a member says their terminal shows, over what its locale says: a client
/// that sends no locale (PuTTY, most Windows clients) is taken for UTF-8, and one set to
/// Latin-1 would show « DÃ©fi » without it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CharsetChoice {
    /// As the terminal's locale says (LC_ALL, LC_CTYPE, LANG).
    #[default]
    Auto,
    Utf8,
    Latin1,
    Ascii,
}

impl CharsetChoice {
    /// Every choice, in the order menus number them.
    pub const ALL: [CharsetChoice; 4] =
        [CharsetChoice::Auto, CharsetChoice::Utf8, CharsetChoice::Latin1, CharsetChoice::Ascii];

    /// Its name in the database; `None` for the automatic choice.
    pub fn code(self) -> Option<&'static str> {
        match self {
            CharsetChoice::Auto => None,
            CharsetChoice::Utf8 => Some("utf8"),
            CharsetChoice::Latin1 => Some("latin1"),
            CharsetChoice::Ascii => Some("ascii"),
        }
    }

    /// The choice a stored name says; a name not known here is the automatic choice.
    pub fn from_code(code: Option<&str>) -> CharsetChoice {
        match code {
            Some("utf8") => CharsetChoice::Utf8,
            Some("latin1") => CharsetChoice::Latin1,
            Some("ascii") => CharsetChoice::Ascii,
            _ => CharsetChoice::Auto,
        }
    }

    /// The one after this one, the automatic choice after the last: what one key goes through.
    pub fn next(self) -> CharsetChoice {
        match self {
            CharsetChoice::Auto => CharsetChoice::Utf8,
            CharsetChoice::Utf8 => CharsetChoice::Latin1,
            CharsetChoice::Latin1 => CharsetChoice::Ascii,
            CharsetChoice::Ascii => CharsetChoice::Auto,
        }
    }
}

/// A member's page: who they say they are, and the keys they come in with. The commune and
/// the presentation are those of their one profile, the one « Réseau » edits too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub user_id: i64,
    pub handle: Option<String>,
    pub lang: Option<String>,
    pub commune_insee: Option<String>,
    /// The commune's name, for display.
    pub commune: Option<String>,
    pub presentation: String,
    pub keys: Vec<KeyInfo>,
    pub created_at: DateTime<Utc>,
    pub approved: bool,
    pub banned: bool,
    pub role: String,
    /// Every session opens in line mode (a setting of the member's own).
    pub line_mode: bool,
    /// The characters their terminal shows, when they said so.
    pub charset: CharsetChoice,
}

impl Profile {
    /// Moderators and admins see hidden comments and may act on them.
    pub fn is_moderator(&self) -> bool {
        matches!(self.role.as_str(), "moderator" | "admin")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub fingerprint: String,
    pub algorithm: String,
    pub added_at: DateTime<Utc>,
    /// The last login with this key; `None` when it was never recorded (keys older than
    /// the record, on an account that had several).
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Why a link code was refused.
#[derive(Debug, Clone, Error, PartialEq)]
pub enum LinkError {
    #[error("unknown code")]
    Unknown,
    #[error("this code has expired")]
    Expired,
    #[error("this code was already used")]
    Used,
    #[error("this key already belongs to that account")]
    SameAccount,
    /// Too many wrong codes from this key lately: the next attempt waits.
    #[error("too many attempts: try again in {wait_secs} s")]
    TooManyAttempts { wait_secs: u64 },
    #[error("database error: {0}")]
    Store(String),
}

/// How many letters and digits a link code has.
pub const CODE_LEN: usize = 8;

/// The form a code is shown in: two groups of four, easier to read aloud (`K7PX-3MQD`).
pub fn format_code(code: &str) -> String {
    if code.len() == CODE_LEN && code.is_ascii() {
        format!("{}-{}", &code[..4], &code[4..])
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_lowercased_and_checked() {
        assert_eq!(validate_handle("Camille"), Ok("camille".into()));
        assert_eq!(validate_handle("  jo_2-b "), Ok("jo_2-b".into()));
        assert_eq!(validate_handle("a"), Err(HandleError::TooShort));
        assert_eq!(validate_handle(""), Err(HandleError::TooShort));
        assert_eq!(validate_handle(&"x".repeat(24)), Ok("x".repeat(24)));
        assert_eq!(validate_handle(&"x".repeat(25)), Err(HandleError::TooLong));
        assert_eq!(validate_handle("élodie"), Err(HandleError::BadChar('é', Some("elodie".into()))));
        assert_eq!(validate_handle("Hélène"), Err(HandleError::BadChar('é', Some("helene".into()))));
        assert_eq!(validate_handle("jean paul"), Err(HandleError::BadChar(' ', Some("jean-paul".into()))));
        assert_eq!(
            validate_handle("Œuvre d'art"),
            Err(HandleError::BadChar('œ', Some("oeuvre-d-art".into())))
        );
        // Nothing close passes: no suggestion.
        assert_eq!(validate_handle("é"), Err(HandleError::BadChar('é', None)));
        assert_eq!(validate_handle("a\u{1b}b"), Err(HandleError::BadChar('\u{1b}', Some("ab".into()))));
        // Cyrillic а looks like a Latin a.
        assert_eq!(validate_handle("cаmille"), Err(HandleError::BadChar('а', Some("cmille".into()))));
    }

    #[test]
    fn reserved_handles_are_refused_in_any_case() {
        assert_eq!(validate_handle("admin"), Err(HandleError::Reserved));
        assert_eq!(validate_handle("ADMIN"), Err(HandleError::Reserved));
        assert_eq!(validate_handle("Modo"), Err(HandleError::Reserved));
        assert_eq!(validate_handle("admins"), Ok("admins".into()));
    }
}
