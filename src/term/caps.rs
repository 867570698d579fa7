//! What a client's terminal can be sent, by the family its `TERM` names.
//!
//! A small table, not a terminfo reader: the server would need the terminfo database of
//! every client on its own disk, and the capabilities used here are few. Each row was
//! read from ncurses' terminfo entries (`infocmp -1`): `indn`/`rin` (scroll a region by N,
//! `CSI n S`/`CSI n T`), `il`/`dl` (insert/delete lines), `smcup` (alternate screen),
//! `kmous` (mouse reports). The Linux console, the VT100 and the VT220 have no `indn`/`rin`:
//! the Linux console ignores SU/SD, so a scroll sent that way left the old lines on
//! screen under the new ones.

/// How a band of rows that only moved is brought to its new place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scroll {
    /// A scroll region, then `SU`/`SD` (`CSI n S`/`CSI n T`).
    Region,
    /// A scroll region, the cursor at its top, then delete or insert lines (`CSI n M`/`CSI n L`).
    Lines,
    /// Nothing moves: the rows that changed are written again.
    Redraw,
}

/// The capabilities used of a client's terminal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Caps {
    pub scroll: Scroll,
    /// `CSI ? 1049 h`: the member's shell comes back as it was when the session ends.
    pub alternate_screen: bool,
    /// `CSI ? 2004 h`: a paste arrives as one, its line ends not taken for Enter.
    pub bracketed_paste: bool,
    /// `CSI ? 1000 h` and `CSI ? 1006 h`: the wheel.
    pub mouse: bool,
}

impl Caps {
    /// Everything: xterm and the emulators that follow it.
    pub const FULL: Caps =
        Caps { scroll: Scroll::Region, alternate_screen: true, bracketed_paste: true, mouse: true };

    /// What a terminal nobody knows is sent: no scrolling, no mouse, no paste mode (a paste
    /// then arrives as typed keys); the alternate screen, which terminals that lack it ignore.
    pub const SAFE: Caps =
        Caps { scroll: Scroll::Redraw, alternate_screen: true, bracketed_paste: false, mouse: false };

    /// The capabilities of the terminal `TERM` names (`None`: the client did not say).
    pub fn for_term(term: Option<&str>) -> Caps {
        let term = term.unwrap_or("").trim().to_ascii_lowercase();
        let family = term.split(['-', '.']).next().unwrap_or("");
        match family {
            "xterm" | "putty" | "rxvt" | "tmux" | "alacritty" | "foot" | "kitty" | "wezterm" | "konsole"
            | "gnome" | "vte" | "iterm" | "iterm2" | "st" | "contour" | "ghostty" => Caps::FULL,
            // GNU screen before 5 ignores 1006 and reports the wheel the older way, which
            // the input decoder reads too.
            "screen" => Caps::FULL,
            // The Linux console: no SU/SD, no alternate screen, no mouse without gpm.
            "linux" => {
                Caps { scroll: Scroll::Lines, alternate_screen: false, bracketed_paste: false, mouse: false }
            }
            // The VT220 and the VT102 have insert/delete line; the VT100 only the region.
            "vt220" | "vt102" => {
                Caps { scroll: Scroll::Lines, alternate_screen: false, bracketed_paste: false, mouse: false }
            }
            "vt100" => {
                Caps { scroll: Scroll::Redraw, alternate_screen: false, bracketed_paste: false, mouse: false }
            }
            _ if term.starts_with("rxvt") || term.starts_with("xterm") => Caps::FULL,
            _ => Caps::SAFE,
        }
    }
}

impl Default for Caps {
    /// A session nobody described (the console, the tests): xterm.
    fn default() -> Self {
        Caps::FULL
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_family_gets_its_row_and_an_unknown_one_the_safe_subset() {
        for term in
            ["xterm", "xterm-256color", "screen-256color", "tmux-256color", "rxvt-unicode-256color", "putty"]
        {
            assert_eq!(Caps::for_term(Some(term)).scroll, Scroll::Region, "{term}");
        }
        for term in ["linux", "vt220", "vt102", "VT220"] {
            let caps = Caps::for_term(Some(term));
            assert_eq!(caps.scroll, Scroll::Lines, "{term}");
            assert!(!caps.mouse && !caps.alternate_screen, "{term}");
        }
        assert_eq!(Caps::for_term(Some("vt100")).scroll, Scroll::Redraw);
        assert_eq!(Caps::for_term(Some("wyse60")), Caps::SAFE);
        assert_eq!(Caps::for_term(Some("")), Caps::SAFE);
        assert_eq!(Caps::for_term(None), Caps::SAFE);
        assert!(Caps::for_term(Some("xterm-kitty")).mouse);
    }
}
