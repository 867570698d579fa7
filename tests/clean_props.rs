#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Properties of the one gate all user text goes through (`clean_text`, `clean_line`) and of
//! the Markdown renderer behind it, on arbitrary strings: nothing that steers a terminal or
//! hides or reorders text comes out, the output is NFC, cleaning twice changes nothing, and
//! rendered lines fit the width asked for.

use cedille::text::{MdLabels, MdStyles, clean_line, clean_text, lines_to_plain, render_markdown};
use proptest::prelude::*;
use proptest::sample::select;
use unicode_normalization::is_nfc;
use unicode_width::UnicodeWidthStr;

/// Characters chosen to hurt.
const NASTY: &str = concat!(
    // C0, DEL, C1, and what follows an ESC in the sequences that matter.
    "\0\x07\x08\t\n\r\x0b\x0c\x1b\x7f\u{80}\u{85}\u{90}\u{9b}\u{9c}\u{9d}[]P;\\~6nm",
    // Invisible: soft hyphen, zero-width, word joiner, BOM, Arabic letter mark.
    "\u{ad}\u{200b}\u{200c}\u{200d}\u{2060}\u{feff}\u{61c}",
    // Bidi marks, embeddings, overrides and isolates.
    "\u{200e}\u{200f}\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}",
    // Separators and spaces.
    "\u{2028}\u{2029}\u{a0}\u{202f}\u{3000} ",
    // Letters and combining marks that compose, enclose, or pile up.
    "eEa\u{301}\u{300}\u{327}\u{316}\u{20dd}\u{fe0f}",
    // Wide: emoji and skin tone, flags, CJK, fullwidth; Hangul jamo that compose.
    "\u{1f44b}\u{1f3fd}\u{1f1eb}\u{1f1f7}日語\u{ff21}\u{1100}\u{1161}\u{11a8}\u{ac00}",
    // Indic vowel signs (zero-width or not) that compose with each other.
    "\u{cbf}\u{cd5}\u{bc6}\u{bbe}\u{d46}\u{d3e}",
    // Tags, interlinear annotations, non-characters.
    "\u{e0001}\u{e0041}\u{fff9}\u{fffe}\u{10ffff}",
    // Markdown.
    "*_#>-`|()!.1:<&xhtp/",
);

/// Arbitrary text, half of it from [`NASTY`].
fn text() -> impl Strategy<Value = String> {
    let nasty: Vec<char> = NASTY.chars().collect();
    prop::collection::vec(prop_oneof![any::<char>(), select(nasty)], 0..120)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Markdown-shaped text: blocks, inline syntax, long words, wide and invisible characters.
fn markdown() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "# ",
        "## ",
        "### ",
        "- ",
        "* ",
        "1. ",
        "> ",
        "> > ",
        "    ",
        "```\n",
        "```rust\n",
        "`",
        "*",
        "**",
        "_",
        "~~",
        "[lien](https://example.org/un/chemin/assez/long)",
        "<https://example.org>",
        "[^1]",
        "\n[^1]: une note\n",
        "---\n",
        "| a | b |\n|---|---|\n| c | d |\n",
        "<b>gras</b>",
        "\n",
        "\n\n",
        " ",
        "  ",
        "\t",
        "mot ",
        "Bonjour ! ",
        "« guillemets » ",
        "l'été ",
        "anticonstitutionnellement",
        "https://example.org/tres/long/chemin/sans/espace/du/tout",
        "日本語の文章",
        "👋🏽",
        "🇫🇷",
        "e\u{301}\u{301}\u{301}",
        "\u{202e}",
        "\u{200d}",
        "\x1b[31m",
        "\x1b]52;c;SGVsbG8=\x07",
        "\u{9b}",
        "\u{a0}",
        "\u{ad}",
        "ａｂｃ",
        "\u{1100}\u{1161}",
    ];
    prop::collection::vec(prop_oneof![3 => select(PIECES).prop_map(str::to_string), 1 => text()], 0..40)
        .prop_map(|parts| parts.concat())
}

/// Text as people write it, already NFC: letters with their accents, punctuation, French
/// spaces, line breaks, emoji, other scripts. Nothing in it is to be removed.
fn ordinary() -> impl Strategy<Value = String> {
    let chars: Vec<char> =
        "abcxyzABCXYZ0189 .,;:!?'\"()[]{}<>*_#-+=/@&%$€«»’éèêëàâçùûüôöîïœæÉÈÀÇŒ\n\u{a0}\u{202f}日本語한국어👋🎉αβγ"
            .chars()
            .collect();
    prop::collection::vec(select(chars), 0..120).prop_map(|chars| chars.into_iter().collect())
}

/// Characters that only hide, steer or reorder: the cleaner removes them and nothing else.
const HIDDEN: &[char] = &[
    '\0',
    '\x07',
    '\x08',
    '\x0b',
    '\x0c',
    '\x1b',
    '\x7f',
    '\u{80}',
    '\u{9b}',
    '\u{ad}',
    '\u{200b}',
    '\u{200c}',
    '\u{200e}',
    '\u{200f}',
    '\u{202a}',
    '\u{202e}',
    '\u{2060}',
    '\u{2066}',
    '\u{2069}',
    '\u{61c}',
    '\u{feff}',
    '\u{e0041}',
];

/// What no cleaned text may hold besides `\n`: C0 (tabs too: they become spaces), DEL, C1,
/// the bidi controls, zero-width characters and the BOM. The joiner is checked apart
/// ([`stray_joiner`]): it stays where it joins a sequence.
fn forbidden(c: char) -> bool {
    matches!(c,
        '\0'..='\x09' | '\x0b'..='\x1f' | '\x7f'..='\u{9f}'
        | '\u{200b}'..='\u{200c}' | '\u{200e}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}' | '\u{061c}' | '\u{feff}'
    )
}

/// A zero-width joiner that joins nothing: at the end, or before something invisible.
fn stray_joiner(s: &str) -> Option<usize> {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().position(|(i, &c)| {
        c == '\u{200d}'
            && chars.get(i + 1).is_none_or(|n| forbidden(*n) || n.is_whitespace() || *n == '\u{200d}')
    })
}

/// Emoji of `ordinary()`: a joiner between two of them makes one sequence, and is kept.
const EMOJI: &[char] = &['👋', '🎉'];

/// 256 cases in the test suite; `PROPTEST_CASES` asks for more (`fuzz/run.sh` does).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn clean_text_keeps_nothing_that_steers_or_hides(s in text()) {
        let out = clean_text(&s);
        if let Some(bad) = out.chars().find(|&c| forbidden(c)) {
            prop_assert!(false, "U+{:04X} kept in {out:?} (from {s:?})", u32::from(bad));
        }
        prop_assert!(stray_joiner(&out).is_none(), "a joiner joining nothing in {out:?} (from {s:?})");
    }

    #[test]
    fn ordinary_text_comes_out_unchanged(s in ordinary()) {
        prop_assert_eq!(clean_text(&s), s.clone());
    }

    #[test]
    fn hidden_characters_are_removed_and_nothing_else(
        s in ordinary(),
        inserted in prop::collection::vec((any::<prop::sample::Index>(), select(HIDDEN)), 0..20),
    ) {
        let mut chars: Vec<char> = s.chars().collect();
        for (at, c) in inserted {
            let at = at.index(chars.len() + 1);
            chars.insert(at, c);
        }
        let dirty: String = chars.into_iter().collect();
        prop_assert_eq!(clean_text(&dirty), s.clone(), "from {:?}", dirty);
    }

    #[test]
    fn a_joiner_stays_only_between_two_emoji(
        s in ordinary(),
        at in prop::collection::vec(any::<prop::sample::Index>(), 0..6),
    ) {
        let mut chars: Vec<char> = s.chars().collect();
        for at in at {
            let at = at.index(chars.len() + 1);
            chars.insert(at, '\u{200d}');
        }
        let dirty: String = chars.iter().collect();
        let joins = |i: usize| {
            i > 0 && EMOJI.contains(&chars[i - 1]) && chars.get(i + 1).is_some_and(|n| EMOJI.contains(n))
        };
        let expected: String =
            chars.iter().enumerate().filter(|&(i, &c)| c != '\u{200d}' || joins(i)).map(|(_, c)| c).collect();
        prop_assert_eq!(clean_text(&dirty), expected, "from {:?}", dirty);
    }

    #[test]
    fn clean_text_is_nfc(s in text()) {
        let out = clean_text(&s);
        prop_assert!(is_nfc(&out), "not NFC: {out:?} (from {s:?})");
    }

    #[test]
    fn clean_text_is_idempotent(s in text()) {
        let once = clean_text(&s);
        prop_assert_eq!(clean_text(&once), once.clone(), "from {:?}", s);
    }

    #[test]
    fn clean_line_is_one_clean_nfc_line_and_idempotent(s in text()) {
        let out = clean_line(&s);
        prop_assert!(!out.contains('\n'), "a line break in {out:?} (from {s:?})");
        if let Some(bad) = out.chars().find(|&c| forbidden(c)) {
            prop_assert!(false, "U+{:04X} kept in {out:?} (from {s:?})", u32::from(bad));
        }
        prop_assert!(
            out.chars().all(|c| !c.is_whitespace() || matches!(c, ' ' | '\u{a0}' | '\u{202f}')),
            "odd whitespace in {out:?}"
        );
        prop_assert_eq!(out.trim(), out.as_str());
        prop_assert!(is_nfc(&out), "not NFC: {out:?} (from {s:?})");
        prop_assert_eq!(clean_line(&out), out.clone(), "from {:?}", s);
    }

    #[test]
    fn render_markdown_never_panics_and_fits_the_width(src in markdown(), width in 1usize..200) {
        let lines = render_markdown(&src, width, &MdStyles::default(), &MdLabels::FRENCH);
        for (i, line) in lines.iter().enumerate() {
            // Span by span, as ratatui measures and draws them. (Joined, a variation selector
            // that starts a span, say U+FE0F after inline code `0`, would make its neighbour
            // an emoji of two columns: unicode-width measures the pair, not the characters.)
            let columns: usize = line.spans.iter().map(|s| s.content.width()).sum();
            let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
            prop_assert!(
                columns <= width,
                "line {i} is {columns} columns wide at width {width}: {text:?}\nsource: {src:?}\nall: {:#?}",
                lines_to_plain(&lines)
            );
            if let Some(bad) = text.chars().find(|&c| forbidden(c)) {
                prop_assert!(false, "U+{:04X} drawn in {text:?} (from {src:?})", u32::from(bad));
            }
        }
    }
}
