//! Turns the raw bytes a client sends into key, paste and wheel events.
//!
//! Bytes arrive in arbitrary packets: an arrow key (`ESC [ A`) can be split across two, and
//! a lone `ESC` is ambiguous until a little time has passed. The decoder keeps what it cannot
//! decide yet; the session calls [`InputDecoder::flush`] when nothing more came for
//! [`ESC_TIMEOUT`].

use std::time::Duration;

use terminput::{
    Event as TEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEventKind, ScrollDirection,
};

use super::charset::Charset;
use crate::ui::{Event, Key};

/// How long a lone ESC is held back in case the rest of a sequence follows.
pub const ESC_TIMEOUT: Duration = Duration::from_millis(30);

/// A bracketed paste larger than this is cut, unless the operator says otherwise: every
/// session may hold this much. Above the editor's own limit, so that the editor still sees
/// a paste too long and refuses it whole rather than taking a cut one.
pub const MAX_PENDING: usize = 128 * 1024;

/// Lines scrolled by one notch of the wheel.
const WHEEL_LINES: i32 = 3;

const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

pub struct InputDecoder {
    pending: Vec<u8>,
    /// The longest paste kept (the operator's `max_paste_bytes`).
    max_paste: usize,
    /// A paste grew past `max_paste`: it was delivered cut, and its rest is skipped
    /// until the end marker (keeping the last bytes to see a marker split across packets).
    skipping_paste: Option<Vec<u8>>,
    /// How the terminal says what is not ASCII: a byte that starts no UTF-8 character is
    /// its letter in a Latin-1 terminal, and not understood in any other.
    charset: Charset,
}

impl Default for InputDecoder {
    fn default() -> Self {
        Self::with_max_paste(MAX_PENDING)
    }
}

impl InputDecoder {
    pub fn new() -> Self {
        Self::default()
    }

    /// A decoder that cuts pastes longer than `max_paste` bytes.
    pub fn with_max_paste(max_paste: usize) -> Self {
        InputDecoder {
            pending: Vec::new(),
            max_paste: max_paste.max(64),
            skipping_paste: None,
            charset: Charset::Utf8,
        }
    }

    /// The terminal's charset, from its locale or the member's choice. Whatever it says,
    /// valid UTF-8 is read as UTF-8: a terminal that says Latin-1 but sends UTF-8 (a locale
    /// left over on a modern terminal) keeps its accents all the same.
    pub fn set_charset(&mut self, charset: Charset) {
        self.charset = charset;
    }

    /// A byte that starts no UTF-8 character, as a character.
    fn stray(&self, byte: u8) -> char {
        self.charset.char_of(byte).unwrap_or(char::REPLACEMENT_CHARACTER)
    }

    /// Decodes what can be decided now. Anything incomplete waits for more bytes or for
    /// [`flush`](Self::flush).
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        for &b in bytes {
            self.push(b, &mut out);
        }
        out
    }

    /// Takes one byte: decides what it completes, or holds it.
    fn push(&mut self, b: u8, out: &mut Vec<Event>) {
        if let Some(tail) = &mut self.skipping_paste {
            tail.push(b);
            if tail.ends_with(PASTE_END) {
                self.skipping_paste = None;
            } else if tail.len() > 64 {
                tail.drain(..tail.len() - PASTE_END.len());
            }
            return;
        }
        // ESC ESC: the first one was the Escape key, the second starts something new.
        if self.pending == [0x1b] && b == 0x1b {
            out.push(Event::Key(Key::Esc));
            return;
        }
        self.pending.push(b);
        // A lone ESC may start a sequence whose rest is in this packet or the next:
        // decide with the next byte, or on `flush` once the timeout has passed.
        if self.pending == [0x1b] {
            return;
        }
        self.decode_pending(out);
        if self.pending.len() > self.max_paste {
            if self.in_paste() {
                // Deliver what fits, cut at a character boundary; skip the rest.
                let text = String::from_utf8_lossy(&self.pending[PASTE_START.len()..]).into_owned();
                out.push(Event::Paste(text.trim_end_matches('\u{fffd}').to_string()));
                self.skipping_paste = Some(Vec::new());
            }
            self.pending.clear();
        }
    }

    fn in_paste(&self) -> bool {
        self.pending.starts_with(PASTE_START)
    }

    /// True when bytes are held back that only time can decide (an ESC, a sequence cut by
    /// the network): the caller should `flush` after [`ESC_TIMEOUT`]. A paste under way
    /// waits for its end marker however long it takes.
    pub fn is_pending(&self) -> bool {
        !self.pending.is_empty() && !self.in_paste()
    }

    /// Gives up waiting: a held ESC is the Escape key; an unfinished sequence is dropped.
    /// A paste under way is kept.
    pub fn flush(&mut self) -> Vec<Event> {
        if self.in_paste() {
            return Vec::new();
        }
        let held = std::mem::take(&mut self.pending);
        match held.first() {
            Some(0x1b) => vec![Event::Key(Key::Esc)],
            // The start of a character whose rest never came: a character all the same.
            Some(&b) if b >= 0x80 => vec![Event::Key(Key::Char(self.stray(b)))],
            _ => Vec::new(),
        }
    }

    fn decode_pending(&mut self, out: &mut Vec<Event>) {
        if let Some(ev) = ss3_extra(&self.pending) {
            self.pending.clear();
            convert(ev, out);
            return;
        }
        match TEvent::parse_from(&self.pending) {
            Ok(Some(ev)) => {
                self.pending.clear();
                convert(ev, out);
            }
            Ok(None) => {}
            // A byte that starts no UTF-8 character (Latin-1 `é` is the one byte 0xE9): it
            // alone is its letter in a Latin-1 terminal, else a character not understood,
            // shown as such where it was typed; the bytes after it are decoded afresh rather
            // than thrown away with it.
            Err(_) if self.pending[0] >= 0x80 => {
                let rest = self.pending.split_off(1);
                let c = self.stray(self.pending[0]);
                self.pending.clear();
                out.push(Event::Key(Key::Char(c)));
                for b in rest {
                    self.push(b, out);
                }
            }
            Err(_) => self.pending.clear(),
        }
    }
}

/// The `ESC O` forms the parser does not know: keypad Enter in application mode (`ESC O M`)
/// and rxvt's Ctrl+arrows (`ESC O a`/`b`/`c`/`d`, the same keys as xterm's `ESC [1;5A`…).
fn ss3_extra(pending: &[u8]) -> Option<TEvent> {
    let key = |code| Some(TEvent::Key(KeyEvent::new(code)));
    let ctrl = |code| Some(TEvent::Key(KeyEvent::new(code).modifiers(KeyModifiers::CTRL)));
    match pending {
        [0x1b, b'O', b'M'] => key(KeyCode::Enter),
        [0x1b, b'O', b'a'] => ctrl(KeyCode::Up),
        [0x1b, b'O', b'b'] => ctrl(KeyCode::Down),
        [0x1b, b'O', b'c'] => ctrl(KeyCode::Right),
        [0x1b, b'O', b'd'] => ctrl(KeyCode::Left),
        _ => None,
    }
}

fn convert(ev: TEvent, out: &mut Vec<Event>) {
    match ev {
        TEvent::Key(k) if k.kind != KeyEventKind::Release => {
            let alt = k.modifiers.contains(KeyModifiers::ALT);
            let ctrl = k.modifiers.contains(KeyModifiers::CTRL);
            let key = match k.code {
                KeyCode::Char('j') | KeyCode::Char('m') if ctrl => Key::Enter,
                KeyCode::Char('h') if ctrl => Key::Backspace,
                KeyCode::Char(c) if ctrl => Key::Ctrl(c.to_ascii_lowercase()),
                KeyCode::Char(c) => Key::Char(c),
                KeyCode::Enter => Key::Enter,
                KeyCode::Esc => Key::Esc,
                KeyCode::Tab if k.modifiers.contains(KeyModifiers::SHIFT) => Key::BackTab,
                KeyCode::Tab => Key::Tab,
                KeyCode::Backspace => Key::Backspace,
                KeyCode::Delete => Key::Delete,
                KeyCode::Up => Key::Up,
                KeyCode::Down => Key::Down,
                KeyCode::Left => Key::Left,
                KeyCode::Right => Key::Right,
                KeyCode::PageUp => Key::PageUp,
                KeyCode::PageDown => Key::PageDown,
                KeyCode::Home => Key::Home,
                KeyCode::End => Key::End,
                KeyCode::F(n) => Key::F(n),
                _ => return,
            };
            // ESC and a key in one packet is Alt (Option, Meta) with that key: a person cannot
            // type Escape and a letter that fast, and Escape alone would throw a draft away.
            let key = match key {
                Key::Char(c) if alt => Key::Alt(c),
                Key::Left if alt => Key::WordLeft,
                Key::Right if alt => Key::WordRight,
                key => key,
            };
            out.push(Event::Key(key));
        }
        TEvent::Paste(text) => out.push(Event::Paste(text)),
        TEvent::Mouse(m) => match m.kind {
            MouseEventKind::Scroll(ScrollDirection::Up) => out.push(Event::Scroll(-WHEEL_LINES)),
            MouseEventKind::Scroll(ScrollDirection::Down) => out.push(Event::Scroll(WHEEL_LINES)),
            _ => {}
        },
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(events: &[Event]) -> Vec<Key> {
        events
            .iter()
            .filter_map(|e| match e {
                Event::Key(k) => Some(*k),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn arrows_split_across_packets() {
        let mut d = InputDecoder::new();
        assert!(d.feed(b"\x1b").is_empty());
        assert!(d.is_pending());
        assert!(d.feed(b"[").is_empty());
        assert_eq!(keys(&d.feed(b"B")), vec![Key::Down]);
        assert!(!d.is_pending());
    }

    #[test]
    fn lone_escape_after_timeout() {
        let mut d = InputDecoder::new();
        assert!(d.feed(b"\x1b").is_empty());
        assert_eq!(keys(&d.flush()), vec![Key::Esc]);
    }

    #[test]
    fn utf8_split_and_ctrl_c() {
        let mut d = InputDecoder::new();
        let e = "é".as_bytes();
        assert!(d.feed(&e[..1]).is_empty());
        assert_eq!(keys(&d.feed(&e[1..])), vec![Key::Char('é')]);
        assert_eq!(keys(&d.feed(b"\x03q")), vec![Key::Ctrl('c'), Key::Char('q')]);
    }

    #[test]
    fn bracketed_paste_is_one_event() {
        let mut d = InputDecoder::new();
        let mut ev = d.feed(b"\x1b[200~l'\xc3\xa9t\xc3\xa9");
        assert!(ev.is_empty());
        ev.extend(d.feed(b"\nq\x1b[201~j"));
        assert_eq!(ev[0], Event::Paste("l'été\nq".into()));
        assert_eq!(ev[1], Event::Key(Key::Char('j')));
    }

    #[test]
    fn a_paste_paused_by_the_network_waits_for_its_end() {
        let mut d = InputDecoder::new();
        assert!(d.feed(b"\x1b[200~abc").is_empty());
        assert!(!d.is_pending(), "no timeout while a paste is under way");
        assert!(d.flush().is_empty());
        assert_eq!(d.feed(b"def\x1b[201~"), vec![Event::Paste("abcdef".into())]);
    }

    #[test]
    fn an_oversized_paste_is_cut_and_its_rest_skipped() {
        let mut d = InputDecoder::new();
        let mut ev = d.feed(b"\x1b[200~");
        ev.extend(d.feed(&vec![b'j'; MAX_PENDING + 100]));
        ev.extend(d.feed(b"jjj\x1b[20"));
        ev.extend(d.feed(b"1~k"));
        assert_eq!(ev.len(), 2, "one cut paste, then k");
        assert!(matches!(&ev[0], Event::Paste(t) if t.len() < MAX_PENDING && t.chars().all(|c| c == 'j')));
        assert_eq!(ev[1], Event::Key(Key::Char('k')));
    }

    #[test]
    fn escape_then_an_arrow_in_one_packet() {
        let mut d = InputDecoder::new();
        assert_eq!(keys(&d.feed(b"\x1b\x1b[B")), vec![Key::Esc, Key::Down]);
    }

    #[test]
    fn wheel_in_sgr_mode() {
        let mut d = InputDecoder::new();
        assert_eq!(d.feed(b"\x1b[<65;10;5M"), vec![Event::Scroll(3)]);
        assert_eq!(d.feed(b"\x1b[<64;10;5M"), vec![Event::Scroll(-3)]);
    }

    fn typed(events: &[Event]) -> String {
        keys(events)
            .iter()
            .map(|k| match k {
                Key::Char(c) => c.to_string(),
                Key::Enter => "⏎".to_string(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn latin1_bytes_are_replaced_one_by_one_and_keep_their_neighbours() {
        let mut d = InputDecoder::new();
        assert_eq!(typed(&d.feed(b"caf\xe9 ok")), "caf\u{fffd} ok");
        assert_eq!(typed(&d.feed(b"d\xe9j\xe0 vu")), "d\u{fffd}j\u{fffd} vu");
        assert_eq!(typed(&d.feed(b"\xab \xe7a \xbb")), "\u{fffd} \u{fffd}a \u{fffd}");
        // Typed one key at a time, as a person does: Enter still comes through.
        let mut one_by_one = Vec::new();
        for b in b"caf\xe9\r" {
            one_by_one.extend(d.feed(&[*b]));
        }
        assert_eq!(typed(&one_by_one), "caf\u{fffd}⏎");
        // A last é with nothing after it shows once the timeout has passed.
        assert!(d.feed(b"\xe9").is_empty());
        assert_eq!(typed(&d.flush()), "\u{fffd}");
        // Real UTF-8 around it is untouched.
        assert_eq!(typed(&d.feed(b"\xc3\xa9\xe9\xc3\xa0")), "é\u{fffd}à");
    }

    #[test]
    fn a_latin1_terminal_types_its_accents_and_utf8_still_reads_as_utf8() {
        let mut d = InputDecoder::new();
        d.set_charset(Charset::Latin1);
        assert_eq!(typed(&d.feed(b"caf\xe9 ok")), "café ok");
        assert_eq!(typed(&d.feed(b"\xab \xe7a \xbb")), "« ça »");
        assert!(d.feed(b"\xe9").is_empty());
        assert_eq!(typed(&d.flush()), "é");
        // A terminal that says Latin-1 but sends UTF-8 keeps its accents.
        assert_eq!(typed(&d.feed("déjà".as_bytes())), "déjà");
        // Latin-9 has € and œ where Latin-1 has ¤ and ½; C1 bytes are no letter in either.
        d.set_charset(Charset::Latin9);
        assert_eq!(typed(&d.feed(b"5 \xa4, \xbduf, \x85")), "5 €, œuf, \u{fffd}");
    }

    #[test]
    fn keypad_enter_and_rxvt_ctrl_arrows() {
        let mut d = InputDecoder::new();
        assert_eq!(keys(&d.feed(b"\x1bOM")), vec![Key::Enter]);
        assert!(d.feed(b"\x1bO").is_empty());
        assert_eq!(keys(&d.feed(b"M")), vec![Key::Enter]);
        for (rxvt, xterm) in [(b"\x1bOd", b"\x1b[1;5D"), (b"\x1bOc", b"\x1b[1;5C")] {
            let want = keys(&d.feed(xterm));
            assert!(!want.is_empty());
            assert_eq!(keys(&d.feed(rxvt)), want, "{rxvt:?}");
        }
        assert_eq!(keys(&d.feed(b"\x1bOa\x1bOb")), keys(&d.feed(b"\x1b[1;5A\x1b[1;5B")));
        assert!(!d.is_pending());
    }

    #[test]
    fn escape_and_a_key_in_one_packet_is_alt_with_that_key() {
        let mut d = InputDecoder::new();
        assert_eq!(keys(&d.feed(b"\x1bo")), vec![Key::Alt('o')]);
        assert_eq!(keys(&d.feed(b"\x1bb\x1bf")), vec![Key::Alt('b'), Key::Alt('f')]);
        assert_eq!(keys(&d.feed(b"\x1b[1;3D\x1b[1;3C")), vec![Key::WordLeft, Key::WordRight]);
        assert_eq!(keys(&d.feed(b"\x1b\xc3\xa9")), vec![Key::Alt('é')]);
        // Escape alone is still Escape, once the wait is over.
        assert!(d.feed(b"\x1b").is_empty());
        assert_eq!(keys(&d.flush()), vec![Key::Esc]);
    }

    #[test]
    fn garbage_is_dropped_not_fatal() {
        let mut d = InputDecoder::new();
        let _ = d.feed(b"\xff\xfe\x1b[999999999999999999~\x1b[<;;M");
        assert_eq!(keys(&d.feed(b"k")), vec![Key::Char('k')]);
    }
}
