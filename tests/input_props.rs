#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Properties of the input decoder, the first thing that reads what a client sends: keys
//! come out the same however the network cut the bytes into packets; pastes come whole;
//! no input, however hostile, makes it panic or leaves it stuck.

use cedille::term::input::InputDecoder;
use cedille::ui::{Event, Key};
use proptest::prelude::*;
use proptest::sample::select;

/// One thing a person does at the keyboard: its bytes, as terminals send them, and the
/// events it must give.
#[derive(Debug, Clone)]
struct Stroke {
    bytes: Vec<u8>,
    events: Vec<Event>,
}

fn stroke(bytes: &[u8], key: Key) -> Stroke {
    Stroke { bytes: bytes.to_vec(), events: vec![Event::Key(key)] }
}

/// Keys with a fixed encoding (xterm, as OpenSSH, PuTTY and tmux pass them on).
fn fixed_keys() -> Vec<Stroke> {
    vec![
        stroke(b"\r", Key::Enter),
        stroke(b"\t", Key::Tab),
        stroke(b"\x1b[Z", Key::BackTab),
        stroke(b"\x7f", Key::Backspace),
        stroke(b"\x1b[3~", Key::Delete),
        stroke(b"\x1b[A", Key::Up),
        stroke(b"\x1b[B", Key::Down),
        stroke(b"\x1b[C", Key::Right),
        stroke(b"\x1b[D", Key::Left),
        stroke(b"\x1bOA", Key::Up),
        stroke(b"\x1b[H", Key::Home),
        stroke(b"\x1b[F", Key::End),
        stroke(b"\x1b[5~", Key::PageUp),
        stroke(b"\x1b[6~", Key::PageDown),
        stroke(b"\x1bOP", Key::F(1)),
        stroke(b"\x1b[15~", Key::F(5)),
        stroke(b"\x03", Key::Ctrl('c')),
        stroke(b"\x13", Key::Ctrl('s')),
        stroke(b"\x01", Key::Ctrl('a')),
        Stroke { bytes: b"\x1b[<64;10;5M".to_vec(), events: vec![Event::Scroll(-3)] },
        Stroke { bytes: b"\x1b[<65;1;1M".to_vec(), events: vec![Event::Scroll(3)] },
    ]
}

/// Characters typed on French and other keyboards, dead keys already composed.
fn typed_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => (0x20u8..0x7f).prop_map(char::from),
        2 => select("éèêàçùœÉÀ«»’€½ßñ日本語한👋🇫".chars().collect::<Vec<_>>()),
        1 => any::<char>().prop_filter("printable", |c| !c.is_control()),
    ]
}

/// Pasted text: anything a clipboard holds but the ESC that would end a bracketed paste.
fn pasted() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![4 => typed_char(), 1 => select(vec!['\n', '\r', '\t', '\u{7}'])], 0..60)
        .prop_map(|chars| chars.into_iter().collect())
}

fn strokes() -> impl Strategy<Value = Vec<Stroke>> {
    let one = prop_oneof![
        4 => typed_char().prop_map(|c| Stroke {
            bytes: c.to_string().into_bytes(),
            events: vec![Event::Key(Key::Char(c))],
        }),
        3 => select(fixed_keys()),
        1 => pasted().prop_map(|text| Stroke {
            bytes: [b"\x1b[200~".as_slice(), text.as_bytes(), b"\x1b[201~"].concat(),
            events: vec![Event::Paste(text)],
        }),
    ];
    prop::collection::vec(one, 0..40)
}

/// Cuts `bytes` into packets at the given points (taken modulo the length).
fn packets(bytes: &[u8], cuts: &[usize]) -> Vec<Vec<u8>> {
    let mut at: Vec<usize> =
        cuts.iter().map(|c| if bytes.is_empty() { 0 } else { c % bytes.len() }).collect();
    at.push(0);
    at.push(bytes.len());
    at.sort_unstable();
    at.dedup();
    at.windows(2).map(|w| bytes[w[0]..w[1]].to_vec()).collect()
}

/// 256 cases in the test suite; `PROPTEST_CASES` asks for more (`fuzz/run.sh` does).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn keys_are_the_same_however_the_bytes_are_cut(
        strokes in strokes(),
        cuts in prop::collection::vec(any::<usize>(), 0..12),
    ) {
        let bytes: Vec<u8> = strokes.iter().flat_map(|s| s.bytes.clone()).collect();
        let want: Vec<Event> = strokes.iter().flat_map(|s| s.events.clone()).collect();
        let mut d = InputDecoder::new();
        let mut got = Vec::new();
        for packet in packets(&bytes, &cuts) {
            got.extend(d.feed(&packet));
        }
        prop_assert!(!d.is_pending(), "held back after complete input: {bytes:?}");
        got.extend(d.flush());
        prop_assert_eq!(got, want, "bytes: {:?}", String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn escape_alone_is_the_escape_key_once_time_passes(strokes in strokes()) {
        let mut d = InputDecoder::new();
        for s in &strokes {
            d.feed(&s.bytes);
        }
        prop_assert!(d.feed(b"\x1b").is_empty(), "a lone ESC waits");
        prop_assert!(d.is_pending());
        prop_assert_eq!(d.flush(), vec![Event::Key(Key::Esc)]);
    }

    #[test]
    fn no_input_breaks_the_decoder_for_what_follows(
        junk in prop::collection::vec(
            prop_oneof![any::<u8>(), select(b"\x1b[<;~O0123456789M".to_vec())],
            0..200,
        ),
        cuts in prop::collection::vec(any::<usize>(), 0..8),
    ) {
        let mut d = InputDecoder::new();
        let mut events = 0;
        for packet in packets(&junk, &cuts) {
            events += d.feed(&packet).len();
        }
        prop_assert!(events <= junk.len() * 2, "{events} events from {} bytes", junk.len());
        // Whatever came before (half a sequence, half a paste, half a character), time
        // passing and the end of a paste bring the decoder back to reading keys.
        d.flush();
        d.feed(b"\x1b[201~");
        d.flush();
        prop_assert_eq!(d.feed(b"k"), vec![Event::Key(Key::Char('k'))], "after {:?}", junk);
    }
}
