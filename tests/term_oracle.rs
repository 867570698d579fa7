//! The differential oracle of the output backend: recorded sessions (a comment thread
//! scrolled through, with CJK, emoji, flags, combining accents; comments edited; windows
//! resized in bursts) are replayed frame by frame into a terminal emulator, and after every
//! frame the screen the incremental bytes left is compared with a full redraw of the same
//! state on a terminal of the same size. The emulators are independent of our code: the
//! `vt100` crate always, and tmux when it is installed (`.ci/run` installs it).
//!
//! Each session is replayed for every terminal family of `term::caps` (the bytes differ:
//! scroll regions, delete/insert line, rows written again) and without UTF-8.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod oracle;

use cedille::term::Profile;
use oracle::tmux::Tmux;
use oracle::*;

/// The terminal types replayed, one of each family, and a locale without UTF-8.
const TERMINALS: &[(&str, Option<&str>)] = &[
    ("xterm-256color", None),
    ("screen-256color", None),
    ("tmux-256color", None),
    ("rxvt-unicode-256color", None),
    ("putty", None),
    ("linux", None),
    ("vt100", None),
    ("vt220", None),
    ("wyse60", None),
    ("xterm-256color", Some("C")),
];

fn profile(term: &str, locale: Option<&str>) -> Profile {
    Profile::new(Some(term), [None, None, locale])
}

#[test]
fn every_frame_of_every_recorded_session_shows_what_a_full_redraw_shows_in_vt100() {
    let mut replayed: Vec<Profile> = Vec::new();
    for (term, locale) in TERMINALS {
        let profile = profile(term, *locale);
        // Families with the same capabilities are sent the same bytes: replayed once.
        if replayed.contains(&profile) {
            continue;
        }
        replayed.push(profile);
        for session in recorded() {
            replay_vt100(&session, profile, &format!("TERM={term} LANG={locale:?}"));
        }
    }
}

#[test]
fn every_frame_of_every_recorded_session_shows_what_a_full_redraw_shows_in_tmux() {
    let Some(mut tmux) = Tmux::start(80, 24) else {
        assert!(std::env::var_os("CI").is_none(), "tmux is not installed on CI");
        eprintln!("tmux is not installed: the vt100 oracle only");
        return;
    };
    // One family per way of scrolling, and ASCII: tmux reads every one of them.
    for (term, locale) in [("xterm-256color", None), ("linux", None), ("vt100", None), ("xterm", Some("C"))] {
        for session in recorded() {
            replay_tmux(&mut tmux, &session, profile(term, locale), &format!("TERM={term} LANG={locale:?}"));
        }
    }
}
