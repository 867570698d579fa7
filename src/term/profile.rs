//! What the server knows of one client's terminal: what it can be sent ([`Caps`], from
//! `TERM`) and the characters it shows ([`Charset`], from the locale).

use super::caps::Caps;
use super::charset::Charset;
use super::modes;

/// One client's terminal, as its SSH requests describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Profile {
    pub caps: Caps,
    pub charset: Charset,
}

impl Profile {
    /// The terminal of `TERM` (`None`: not said) with the locale variables LC_ALL,
    /// LC_CTYPE and LANG as the client sent them.
    pub fn new(term: Option<&str>, locales: [Option<&str>; 3]) -> Profile {
        Profile { caps: Caps::for_term(term), charset: Charset::from_locales(locales) }
    }

    /// The bytes that put the terminal in the session's modes, those it has.
    pub fn enter(self) -> Vec<u8> {
        modes::enter(self.caps).into_bytes()
    }

    /// The bytes that undo [`Self::enter`].
    pub fn leave(self) -> Vec<u8> {
        modes::leave(self.caps).into_bytes()
    }

    /// `text` as the terminal reads it: what is sent outside a frame (line mode's lines, a
    /// farewell, an apology after a crash).
    pub fn text(self, text: &str) -> Vec<u8> {
        self.charset.encode(self.charset.plain(text).into_bytes())
    }
}
