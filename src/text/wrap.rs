//! Wrapping of styled text to a column width, on top of textwrap's
//! optimal-fit algorithm.
//!
//! textwrap wraps plain strings; we need styles to survive line breaks, so
//! words are built here as sequences of styled pieces and handed to textwrap
//! as abstract [`Fragment`]s.

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};

use super::width::{grapheme_width, graphemes, width as text_width};

/// Stand-in for a character wider than the whole line (a CJK character at
/// width 1): keeping it would break the width guarantee callers rely on.
const TOO_WIDE: char = '\u{FFFD}';

/// A run of text in one style.
#[derive(Debug, Clone)]
struct Piece {
    style: Style,
    text: String,
}

/// A word as textwrap sees it: unbreakable styled text plus the spaces that
/// follow it, which disappear when the word ends a line.
#[derive(Debug, Clone, Default)]
struct Word {
    pieces: Vec<Piece>,
    width: usize,
    space: Option<Piece>,
    space_width: usize,
}

impl Fragment for Word {
    fn width(&self) -> f64 {
        self.width as f64
    }
    fn whitespace_width(&self) -> f64 {
        self.space_width as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Appends `c` to the last piece if it has the same style, so that a word
/// spanning several spans keeps one piece per style change only.
fn push_char(pieces: &mut Vec<Piece>, style: Style, c: char) {
    match pieces.last_mut() {
        Some(last) if last.style == style => last.text.push(c),
        _ => pieces.push(Piece { style, text: c.to_string() }),
    }
}

fn pieces_width(pieces: &[Piece]) -> usize {
    pieces.iter().map(|p| text_width(&p.text)).sum()
}

/// Splits the text into lines at `\n` (a hard break), then into words at
/// ASCII spaces. No-break spaces are ordinary word characters here, which is
/// the whole point of [`super::typo::protect_french`]; a space French
/// typography would have made one (see [`glued`]) stays inside its word too,
/// whoever wrote it.
fn tokenize(spans: &[Span<'_>]) -> Vec<Vec<Word>> {
    let flat: Vec<(char, Style)> =
        spans.iter().flat_map(|span| span.content.chars().map(move |c| (c, span.style))).collect();
    let chars: Vec<char> = flat.iter().map(|(c, _)| *c).collect();
    let mut segments = Vec::new();
    let mut words: Vec<Word> = Vec::new();
    let mut cur = Word::default();
    for (i, &(c, style)) in flat.iter().enumerate() {
        match c {
            '\n' => {
                if !cur.pieces.is_empty() || cur.space.is_some() {
                    words.push(std::mem::take(&mut cur));
                }
                segments.push(std::mem::take(&mut words));
            }
            ' ' => match &mut cur.space {
                Some(space) => space.text.push(' '),
                None => cur.space = Some(Piece { style, text: " ".to_string() }),
            },
            _ => {
                if let Some(space) = cur.space.take() {
                    if !cur.pieces.is_empty() && glued(&chars, i - space.text.chars().count(), i) {
                        space.text.chars().for_each(|c| push_char(&mut cur.pieces, space.style, c));
                    } else {
                        cur.space = Some(space);
                        words.push(std::mem::take(&mut cur));
                    }
                }
                push_char(&mut cur.pieces, style, c);
            }
        }
    }
    if !cur.pieces.is_empty() || cur.space.is_some() {
        words.push(cur);
    }
    segments.push(words);
    for segment in &mut segments {
        for word in segment.iter_mut() {
            word.width = pieces_width(&word.pieces);
            word.space_width = word.space.as_ref().map_or(0, |s| text_width(&s.text));
        }
    }
    segments
}

/// Whether the spaces `chars[start..end]` hold together what French never parts at the end
/// of a line: `? : ; ! »` with the word before, `«` with the word after, and the groups of
/// digits of one number (« 57 000 »). Texts written with plain spaces wrap as if they had
/// been typeset, whether or not they went through [`super::typo::protect_french`].
fn glued(chars: &[char], start: usize, end: usize) -> bool {
    let before = start.checked_sub(1).and_then(|i| chars.get(i)).copied();
    let after = chars.get(end).copied();
    if matches!(after, Some('?' | ':' | ';' | '!' | '»')) || before == Some('«') {
        return true;
    }
    // A group of at most three digits, then exactly three, then no more digits.
    let head = chars.get(..start).unwrap_or(&[]).iter().rev().take_while(|c| c.is_ascii_digit()).count();
    let group = chars.get(end..).unwrap_or(&[]).iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&head) && group == 3
}

/// Cuts a word wider than the line into chunks of at most `width` columns;
/// only the last chunk keeps the trailing space.
fn split_long(word: Word, width: usize) -> Vec<Word> {
    if word.width <= width {
        return vec![word];
    }
    // Cut between graphemes only, each measured whole: a flag cut in two would leave a
    // lone « 🇷 » at the start of the next line, "❤" is 1 column where "❤\u{FE0F}" is 2.
    // A zero-width start of a piece (an accent styled apart) stays with what it modifies.
    let mut clusters: Vec<(Style, String)> = Vec::new();
    for piece in &word.pieces {
        for g in graphemes(&piece.text) {
            match clusters.last_mut() {
                Some((_, text)) if grapheme_width(g) == 0 => text.push_str(g),
                _ => clusters.push((piece.style, g.to_string())),
            }
        }
    }
    let mut chunks: Vec<Word> = Vec::new();
    let mut cur: Vec<Piece> = Vec::new();
    let mut cur_width = 0usize;
    for (style, mut text) in clusters {
        let mut w = text_width(&text);
        if w > width {
            text = TOO_WIDE.to_string();
            w = 1;
        }
        if cur_width + w > width && !cur.is_empty() {
            chunks.push(Word { width: cur_width, pieces: std::mem::take(&mut cur), ..Word::default() });
            cur_width = 0;
        }
        text.chars().for_each(|c| push_char(&mut cur, style, c));
        cur_width += w;
    }
    chunks.push(Word { width: cur_width, pieces: cur, space: word.space, space_width: word.space_width });
    chunks
}

/// Runs optimal fit, falling back to first fit if it fails or overflows.
///
/// Optimal fit only *penalises* overflowing lines; with textwrap's default
/// penalties a one-column overflow can cost less than a wide gap, so the
/// penalty is raised far above any gap cost and the result is checked.
fn break_lines(words: &[Word], width: usize) -> Vec<&[Word]> {
    let widths = [width as f64];
    let penalties = Penalties { overflow_penalty: usize::MAX / 4, ..Penalties::new() };
    let fits = |line: &&[Word]| {
        let w: usize = line.iter().map(|w| w.width + w.space_width).sum::<usize>()
            - line.last().map_or(0, |w| w.space_width);
        w <= width
    };
    match wrap_optimal_fit(words, &widths, &penalties) {
        Ok(lines) if lines.iter().all(fits) => lines,
        _ => wrap_first_fit(words, &widths),
    }
}

/// Builds one output line, merging neighbouring pieces of the same style and
/// dropping the spaces at its end.
fn assemble(line: &[Word]) -> Line<'static> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut add = |p: &Piece| match pieces.last_mut() {
        Some(last) if last.style == p.style => last.text.push_str(&p.text),
        _ => pieces.push(p.clone()),
    };
    for (i, word) in line.iter().enumerate() {
        word.pieces.iter().for_each(&mut add);
        if i + 1 < line.len()
            && let Some(space) = &word.space
        {
            add(space);
        }
    }
    while let Some(last) = pieces.last_mut() {
        let trimmed = last.text.trim_end_matches(' ').len();
        last.text.truncate(trimmed);
        if last.text.is_empty() {
            pieces.pop();
        } else {
            break;
        }
    }
    Line::from(pieces.into_iter().map(|p| Span::styled(p.text, p.style)).collect::<Vec<_>>())
}

/// Wraps a paragraph of styled spans to `width` display columns.
///
/// Breaks happen only at ASCII spaces (and `\n`, which forces a break), so
/// U+00A0 and U+202F hold words together. No line is wider than `width`:
/// words that cannot fit are cut. A width of 0 is treated as 1 so that a
/// collapsed pane degrades instead of failing.
pub fn wrap_spans(spans: &[Span<'_>], width: usize) -> Vec<Line<'static>> {
    let width = width.max(1);
    if spans.iter().all(|s| s.content.is_empty()) {
        return Vec::new();
    }
    let mut segments = tokenize(spans);
    // A final `\n` ends the last line rather than opening an empty one.
    if segments.len() > 1 && segments.last().is_some_and(Vec::is_empty) {
        segments.pop();
    }
    let mut out = Vec::new();
    for segment in segments {
        let words: Vec<Word> = segment.into_iter().flat_map(|w| split_long(w, width)).collect();
        if words.is_empty() {
            out.push(Line::default());
            continue;
        }
        out.extend(break_lines(&words, width).into_iter().map(assemble));
    }
    out
}

/// Wraps unstyled text; each `\n`-separated paragraph is wrapped on its own
/// and empty lines are kept, as the author's layout is meaningful.
pub fn wrap_plain(text: &str, width: usize) -> Vec<String> {
    let mut out = Vec::new();
    for para in text.lines() {
        if para.is_empty() {
            out.push(String::new());
            continue;
        }
        let lines = wrap_spans(&[Span::raw(para)], width);
        if lines.is_empty() {
            out.push(String::new());
        }
        out.extend(lines.iter().map(line_text));
    }
    out
}

fn line_text(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Modifier;
    use unicode_width::UnicodeWidthStr;

    const PARA: &str = "« Bonjour à tous » : voici le programme de la soirée ; nous partirons \
        à 20 h pour une marche de 12 km, soit 50 % de plus que l'an dernier ! Qui vient ? \
        Inscriptions : https://example.org/inscriptions-de-la-randonnee-nocturne avant \
        vendredi. Anticonstitutionnellement, c'est « la » question : pourquoi pas ?";

    fn width_of(line: &Line<'_>) -> usize {
        line.spans.iter().map(|s| s.content.width()).sum()
    }

    #[test]
    fn never_wider_than_width() {
        let protected = super::super::typo::protect_french(PARA);
        for text in [PARA, protected.as_str()] {
            for width in 1..=120 {
                let lines = wrap_spans(&[Span::raw(text)], width);
                assert!(!lines.is_empty());
                for line in &lines {
                    assert!(width_of(line) <= width, "width {width}: {line:?}");
                }
                for line in wrap_plain(text, width) {
                    assert!(line.width() <= width);
                }
            }
        }
    }

    #[test]
    fn nothing_lost_but_spaces() {
        let squash = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        for width in [1, 7, 33, 80] {
            let joined: String = wrap_plain(PARA, width).concat();
            assert_eq!(squash(&joined), squash(PARA));
        }
    }

    #[test]
    fn plain_spaces_hold_punctuation_and_digit_groups_too() {
        let text = "environ 57 000 habitants « vraiment » ? Oui : 1 234 567 ; bravo ! en 2024 123 fois";
        for width in 14..=60 {
            let lines = wrap_plain(text, width);
            for (i, line) in lines.iter().enumerate() {
                assert!(!line.starts_with([':', '?', '!', ';', '»']), "width {width}: {lines:?}");
                assert!(!line.ends_with('«'), "width {width}: {lines:?}");
                let parted = |head: &str| {
                    lines.get(i + 1).is_some_and(|next| line.ends_with(head) && next.starts_with("000"))
                };
                assert!(
                    !parted(" 57") && !line.ends_with(" 1") && !line.ends_with(" 234"),
                    "width {width}: {lines:?}"
                );
            }
            assert_eq!(lines.join(" "), text, "width {width}");
        }
        // A year before a number is two numbers.
        assert_eq!(wrap_plain("en 2024 123", 8), ["en 2024", "123"]);
    }

    #[test]
    fn french_punctuation_never_dangles() {
        let protected = super::super::typo::protect_french(PARA);
        // Below the width of the longest protected group, cutting is forced.
        let longest =
            protected.split(' ').filter(|w| w.contains('\u{a0}')).map(|w| w.width()).max().unwrap_or(0);
        assert!(longest < 20);
        for width in longest..=120 {
            for line in wrap_plain(&protected, width) {
                assert!(!line.starts_with([':', '?', '!', ';', '»']), "width {width}: {line:?}");
                assert!(!line.ends_with('«'), "width {width}: {line:?}");
                assert!(!line.ends_with(' '));
            }
        }
    }

    #[test]
    fn styles_survive_breaks() {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let spans = [
            Span::raw("un texte "),
            Span::styled("très important qui doit", bold),
            Span::raw(" rester gras"),
        ];
        let lines = wrap_spans(&spans, 10);
        let bold_text: String = lines
            .iter()
            .flat_map(|l| l.spans.iter())
            .filter(|s| s.style == bold)
            .map(|s| s.content.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(bold_text, "très important qui doit");
        assert!(lines.iter().all(|l| width_of(l) <= 10));
    }

    #[test]
    fn style_changes_inside_a_word() {
        let it = Style::new().add_modifier(Modifier::ITALIC);
        let spans = [Span::raw("l'"), Span::styled("exemple", it), Span::raw(".")];
        let lines = wrap_spans(&spans, 80);
        assert_eq!(lines.len(), 1);
        let line = lines.first().map(|l| l.spans.clone()).unwrap_or_default();
        assert_eq!(line.len(), 3);
    }

    #[test]
    fn uses_optimal_fit() {
        // First fit would give "To be, or" / "not to be:" / "that is" / "the".
        let lines = wrap_plain("To be, or not to be: that is the question", 10);
        assert_eq!(lines, vec!["To be,", "or not to", "be: that", "is the", "question"]);
    }

    #[test]
    fn nbsp_never_breaks() {
        let lines = wrap_plain("aaaa\u{a0}bbbb cccc\u{202f}dddd", 9);
        assert_eq!(lines, vec!["aaaa\u{a0}bbbb", "cccc\u{202f}dddd"]);
    }

    #[test]
    fn long_words_and_wide_chars() {
        let lines = wrap_plain("日本語のテキストです", 5);
        assert!(lines.iter().all(|l| l.width() <= 5));
        assert_eq!(lines.concat(), "日本語のテキストです");
        let lines = wrap_plain("日本", 1);
        assert!(lines.iter().all(|l| l.width() <= 1));
        let lines = wrap_plain(&"x".repeat(25), 10);
        assert_eq!(lines, vec!["x".repeat(10), "x".repeat(10), "x".repeat(5)]);
    }

    #[test]
    fn emoji_with_selector() {
        let text = "❤️❤️❤️❤️❤️";
        for width in 1..6 {
            for line in wrap_plain(text, width) {
                assert!(line.width() <= width, "{width} {line:?}");
            }
        }
    }

    #[test]
    fn edges() {
        assert!(wrap_spans(&[], 10).is_empty());
        assert!(wrap_spans(&[Span::raw("")], 10).is_empty());
        assert_eq!(wrap_spans(&[Span::raw("abc")], 0).len(), 3);
        assert!(wrap_plain("", 10).is_empty());
        assert_eq!(wrap_plain("a\n\nb", 10), vec!["a", "", "b"]);
        assert_eq!(wrap_plain("   ", 10), vec![""]);
        assert_eq!(wrap_plain("  indent", 10), vec!["  indent"]);
        assert_eq!(wrap_plain("a     b", 3), vec!["a", "b"]);
        let lines = wrap_spans(&[Span::raw("a\nb")], 10);
        assert_eq!(lines.len(), 2);
        let huge = "z".repeat(10_000);
        assert_eq!(wrap_plain(&huge, usize::MAX).len(), 1);
    }
}
