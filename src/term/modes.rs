//! The escape sequences that put a client's terminal into the application's modes and back.
//!
//! Mouse: only modes 1000 (buttons, including the wheel) and 1006 (SGR coordinates). The
//! all-motion mode 1003 that crossterm's capture turns on floods the link with every move.

/// Alternate screen, hidden cursor, bracketed paste, wheel reporting, cleared screen.
pub const ENTER: &str = "\x1b[?1049h\x1b[?25l\x1b[?2004h\x1b[?1000h\x1b[?1006h\x1b[0m\x1b[2J\x1b[H";

/// Everything `ENTER` changed, undone, so the client's shell is left as it was.
pub const LEAVE: &str = "\x1b[?1006l\x1b[?1000l\x1b[?2004l\x1b[0m\x1b[?25h\x1b[?1049l";
