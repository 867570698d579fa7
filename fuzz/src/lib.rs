//! What each fuzz target checks, beyond « it does not panic »: the same promises as the
//! property tests, on inputs that the fuzzer grows from coverage. A failed check panics,
//! which the fuzzer records as a crash with its input.

use std::sync::OnceLock;

use cedille::store::{ImportFormat, SpaceQuery, SpaceSort, Store, parse_csv};
use cedille::term::input::InputDecoder;
use cedille::text::{MdLabels, MdStyles, clean_line, clean_text, render_comment, render_markdown};
use cedille::ui::{Event, Key};
use unicode_normalization::is_nfc;
use unicode_width::UnicodeWidthStr;

/// What no cleaned text may hold besides `\n`: C0, DEL, C1, the bidi controls, zero-width
/// characters and the BOM.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\0'..='\x09' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2069}'
        | '\u{061c}' | '\u{feff}'
    )
}

/// The first byte says where the network cut the rest into packets. Whatever the bytes,
/// the events stay in proportion, and the decoder comes back to reading keys.
pub fn input_parser(data: &[u8]) {
    let Some((&step, bytes)) = data.split_first() else {
        return;
    };
    let mut d = InputDecoder::new();
    let mut events = 0;
    for packet in bytes.chunks(usize::from(step) + 1) {
        events += d.feed(packet).len();
    }
    events += d.flush().len();
    assert!(events <= bytes.len() * 2 + 1, "{events} events from {} bytes", bytes.len());
    d.feed(b"\x1b[201~");
    d.flush();
    assert_eq!(d.feed(b"k"), vec![Event::Key(Key::Char('k'))], "the decoder is stuck");
}

/// The first byte is the width. Every line fits it, and nothing that steers a terminal
/// is drawn, as an article and as a comment.
pub fn markdown(data: &[u8]) {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let Ok(src) = std::str::from_utf8(rest) else {
        return;
    };
    let width = usize::from(w % 200) + 1;
    let styles = MdStyles::default();
    for lines in [
        render_markdown(src, width, &styles, &MdLabels::FRENCH),
        render_comment(src, width, &styles, &MdLabels::FRENCH),
    ] {
        for line in &lines {
            let columns: usize = line.spans.iter().map(|s| s.content.width()).sum();
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            assert!(columns <= width, "{columns} columns at width {width}: {text:?}");
            assert!(!text.chars().any(forbidden), "drawn: {text:?}");
        }
    }
}

/// Clean text holds nothing that steers or hides, is NFC, and cleaning it again changes
/// nothing; a clean line is one line.
pub fn cleaner(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let text = clean_text(s);
    assert!(!text.chars().any(forbidden), "kept: {text:?}");
    assert!(is_nfc(&text), "not NFC: {text:?}");
    assert_eq!(clean_text(&text), text);
    let line = clean_line(s);
    assert!(!line.contains('\n') && !line.chars().any(forbidden), "kept: {line:?}");
    assert_eq!(clean_line(&line), line);
}

/// One database for the whole run, with the demo spaces, in the temporary folder.
fn store() -> &'static Store {
    static STORE: OnceLock<(tempfile::TempDir, Store)> = OnceLock::new();
    let (_, store) = STORE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let (store, _) = Store::open(&dir.path().join("fuzz.db")).expect("the database opens");
        (dir, store)
    });
    store
}

/// Whatever is typed, the search answers (FTS5 never sees its own syntax).
pub fn query_builder(data: &[u8]) {
    let Ok(words) = std::str::from_utf8(data) else {
        return;
    };
    let now = chrono::Utc::now();
    for sort in [SpaceSort::Relevance, SpaceSort::Name] {
        let q = SpaceQuery { words: words.to_string(), sort, ..SpaceQuery::default() };
        if let Err(e) = store().spaces().search_page(&q, now, 0, 20) {
            panic!("{words:?} is a failed search: {e}");
        }
    }
}

/// Any file is read or refused; the rows it gives hold clean one-line names and
/// coordinates that are numbers.
pub fn cget_import(data: &[u8]) {
    for format in [ImportFormat::Cget, ImportFormat::Cedille] {
        let Ok(rows) = parse_csv(data, format) else {
            continue;
        };
        for (_, row) in rows {
            let Ok(space) = row else {
                continue;
            };
            for field in [&space.name, &space.address, &space.postcode, &space.commune_insee] {
                assert!(!field.contains('\n') && !field.chars().any(forbidden), "kept: {field:?}");
            }
            assert!(space.lat.is_finite() && space.lon.is_finite(), "{} {}", space.lat, space.lon);
        }
    }
}
