//! The escape sequences that put a client's terminal into the application's modes and back,
//! only those its terminal type has ([`Caps`]).
//!
//! Mouse: only modes 1000 (buttons, including the wheel) and 1006 (SGR coordinates). The
//! all-motion mode 1003 that crossterm's capture turns on floods the link with every move.

use super::caps::Caps;

/// Alternate screen, hidden cursor, bracketed paste, wheel reporting, cleared screen: what
/// an xterm is sent ([`enter`] of [`Caps::FULL`]).
pub const ENTER: &str = "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[?1000h\x1b[?1006h\x1b[0m\x1b[2J\x1b[H";

/// Everything `ENTER` changed, undone, so the client's shell is left as it was.
pub const LEAVE: &str = "\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";

/// What [`ENTER`] sends, less the modes `caps` lacks.
pub fn enter(caps: Caps) -> String {
    let mut out = String::new();
    if caps.alternate_screen {
        out.push_str("\x1b[?1049h");
    }
    out.push_str("\x1b[?25l");
    if caps.bracketed_paste {
        out.push_str("\x1b[?2004h");
    }
    if caps.mouse {
        out.push_str("\x1b[?1000h\x1b[?1006h");
    }
    out.push_str("\x1b[0m\x1b[2J\x1b[H");
    out
}

/// What [`LEAVE`] sends, for the modes [`enter`] set. Without an alternate screen the
/// member's shell goes on under the last frame, cleared.
pub fn leave(caps: Caps) -> String {
    let mut out = String::new();
    if caps.mouse {
        out.push_str("\x1b[?1006l\x1b[?1000l");
    }
    if caps.bracketed_paste {
        out.push_str("\x1b[?2004l");
    }
    out.push_str("\x1b[0m\x1b[?25h");
    if caps.alternate_screen {
        out.push_str("\x1b[?1049l");
    } else {
        out.push_str("\x1b[2J\x1b[H");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::caps::Scroll;

    #[test]
    fn an_xterm_gets_every_mode_and_a_vt100_none_it_lacks() {
        assert_eq!(enter(Caps::FULL), ENTER);
        assert_eq!(leave(Caps::FULL), LEAVE);
        let vt100 = Caps::for_term(Some("vt100"));
        assert_eq!(vt100.scroll, Scroll::Redraw);
        assert_eq!(enter(vt100), "\x1b[?25l\x1b[0m\x1b[2J\x1b[H");
        assert_eq!(leave(vt100), "\x1b[0m\x1b[?25h\x1b[2J\x1b[H");
        let screen = Caps::for_term(Some("screen"));
        assert!(enter(screen).contains("\x1b[?1000h") && enter(screen).contains("\x1b[?1049h"));
    }
}
