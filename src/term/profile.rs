//! What the server knows of one client's terminal: what it can be sent ([`Caps`], from
//! `TERM`) and the characters it shows ([`Charset`], from the locale).

use super::caps::Caps;
use super::charset::Charset;
use super::modes;
use crate::domain::member::CharsetChoice;

/// One client's terminal, as its SSH requests describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Profile {
    pub caps: Caps,
    /// What is sent: the locale's charset, or the one the member chose.
    pub charset: Charset,
    /// What the locale says, for a member who goes back to the automatic choice.
    locale: Charset,
}

impl Profile {
    /// The terminal of `TERM` (`None`: not said) with the locale variables LC_ALL,
    /// LC_CTYPE and LANG as the client sent them.
    pub fn new(term: Option<&str>, locales: [Option<&str>; 3]) -> Profile {
        let charset = Charset::from_locales(locales);
        Profile { caps: Caps::for_term(term), charset, locale: charset }
    }

    /// The terminal with the characters its member said it shows, over its locale's.
    pub fn chosen(self, choice: CharsetChoice) -> Profile {
        let charset = match choice {
            CharsetChoice::Auto => self.locale,
            CharsetChoice::Utf8 => Charset::Utf8,
            CharsetChoice::Latin1 => Charset::Latin1,
            CharsetChoice::Ascii => Charset::Ascii,
        };
        Profile { charset, ..self }
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
