//! The characters a client's terminal can show, from its locale, and frames made to fit.
//!
//! A terminal whose locale says no UTF-8 (`C`, `POSIX`, `fr_FR.ISO-8859-1`, `fr_FR@euro`)
//! reads each byte of a UTF-8 sequence as a character of its own: « DÃ©fi », columns
//! shifted, continuation bytes taken for C1 controls. Its frames are made to fit before
//! they are diffed ([`fit`]), so that the copy of its screen is what it shows: letters it
//! has stay (é in Latin-1), others lose their accents (é → e, by Unicode decomposition),
//! drawing and punctuation become ASCII (`+-|`, `<<`, `...`), and whatever is left is `?`.
//! The bytes then leave in its own encoding ([`Charset::encode`]), one byte a character.

use ratatui::buffer::{Buffer, Cell, CellWidth};
use unicode_normalization::UnicodeNormalization;

/// How a client's terminal reads bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    /// UTF-8: what a session with no locale is given, as every terminal of today reads it.
    #[default]
    Utf8,
    /// ISO-8859-1.
    Latin1,
    /// ISO-8859-15: Latin-1 with € and œ.
    Latin9,
    /// Only ASCII (`C`, `POSIX`, or an encoding not known here).
    Ascii,
}

/// Languages whose glibc locales without a codeset (`fr_FR`, `de_DE`) are ISO-8859-1.
const LATIN1_LANGUAGES: &[&str] = &[
    "af", "br", "ca", "da", "de", "en", "es", "et", "eu", "fi", "fo", "fr", "ga", "gl", "id", "is", "it",
    "kl", "lb", "ms", "nb", "nl", "nn", "no", "oc", "pt", "sq", "sv", "tl", "wa",
];

impl Charset {
    /// The charset POSIX's order says: the first of LC_ALL, LC_CTYPE and LANG that is set
    /// and not empty; none at all is UTF-8.
    pub fn from_locales<'a>(values: impl IntoIterator<Item = Option<&'a str>>) -> Charset {
        values
            .into_iter()
            .flatten()
            .map(str::trim)
            .find(|v| !v.is_empty())
            .map_or(Charset::Utf8, Charset::of_locale)
    }

    /// The charset of one locale name: `language[_territory][.codeset][@modifier]`.
    fn of_locale(locale: &str) -> Charset {
        let (name, modifier) = locale.split_once('@').map_or((locale, None), |(n, m)| (n, Some(m)));
        let (language, codeset) = name.split_once('.').map_or((name, None), |(l, c)| (l, Some(c)));
        let Some(codeset) = codeset else {
            let language = language.split('_').next().unwrap_or("").to_ascii_lowercase();
            return match modifier {
                _ if !LATIN1_LANGUAGES.contains(&language.as_str()) => Charset::Ascii,
                Some(m) if m.eq_ignore_ascii_case("euro") => Charset::Latin9,
                _ => Charset::Latin1,
            };
        };
        let codeset: String =
            codeset.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect();
        match codeset.as_str() {
            "utf8" => Charset::Utf8,
            "iso88591" | "latin1" | "cp1252" | "windows1252" => Charset::Latin1,
            "iso885915" | "latin9" => Charset::Latin9,
            _ => Charset::Ascii,
        }
    }

    /// The byte that says `c` in this charset, if it has one (always one in UTF-8: `None`
    /// there means several).
    fn byte(self, c: char) -> Option<u8> {
        let code = u32::from(c);
        if code < 0x80 {
            return u8::try_from(code).ok();
        }
        match self {
            Charset::Utf8 | Charset::Ascii => None,
            Charset::Latin1 => u8::try_from(code).ok().filter(|b| *b >= 0xA0),
            Charset::Latin9 => match c {
                '€' => Some(0xA4),
                'Š' => Some(0xA6),
                'š' => Some(0xA8),
                'Ž' => Some(0xB4),
                'ž' => Some(0xB8),
                'Œ' => Some(0xBC),
                'œ' => Some(0xBD),
                'Ÿ' => Some(0xBE),
                '¤' | '¦' | '¨' | '´' | '¸' | '¼' | '½' | '¾' => None,
                _ => u8::try_from(code).ok().filter(|b| *b >= 0xA0),
            },
        }
    }

    /// The character a terminal of this charset means by `byte`, when it is not ASCII and
    /// not UTF-8 (a Latin-1 terminal sends é as the one byte 0xE9).
    pub fn char_of(self, byte: u8) -> Option<char> {
        let latin9 = [
            (0xA4, '€'),
            (0xA6, 'Š'),
            (0xA8, 'š'),
            (0xB4, 'Ž'),
            (0xB8, 'ž'),
            (0xBC, 'Œ'),
            (0xBD, 'œ'),
            (0xBE, 'Ÿ'),
        ];
        match self {
            _ if byte < 0xA0 => None,
            Charset::Utf8 | Charset::Ascii => None,
            Charset::Latin1 => Some(char::from(byte)),
            Charset::Latin9 => {
                Some(latin9.iter().find(|(b, _)| *b == byte).map_or(char::from(byte), |(_, c)| *c))
            }
        }
    }

    /// Whether the terminal shows `c` as it is.
    fn shows(self, c: char) -> bool {
        self == Charset::Utf8 || self.byte(c).is_some()
    }

    /// `text` with what this charset lacks said as [`fit`] says it, for text outside a
    /// frame (a farewell), where no column has to be kept.
    pub fn plain(self, text: &str) -> String {
        let text: String = text.nfc().collect();
        if text.chars().all(|c| self.shows(c)) {
            return text;
        }
        text.chars().map(|c| if self.shows(c) { c.to_string() } else { ascii(&c.to_string()) }).collect()
    }

    /// `bytes` (UTF-8, as drawn) in this charset: each character its byte, `?` for one it
    /// has not. Frames were made to fit already; this is what guarantees that no byte of
    /// a UTF-8 sequence ever reaches such a terminal, whatever else is sent.
    pub fn encode(self, bytes: Vec<u8>) -> Vec<u8> {
        if self == Charset::Utf8 {
            return bytes;
        }
        String::from_utf8_lossy(&bytes).chars().map(|c| self.byte(c).unwrap_or(b'?')).collect()
    }
}

/// The cells of `buffer` made to show only what `charset` has, each row keeping its columns.
pub fn fit(buffer: &mut Buffer, charset: Charset) {
    if charset == Charset::Utf8 {
        return;
    }
    let width = usize::from(buffer.area.width);
    if width == 0 {
        return;
    }
    for row in buffer.content.chunks_mut(width) {
        fit_row(row, charset);
    }
}

/// Spaces that may give their column to a replacement longer than its cell (`«` before one,
/// `»` after one, as French typography puts them).
fn is_gap(symbol: &str) -> bool {
    matches!(symbol, "\u{a0}" | "\u{202f}" | "\u{2009}" | "\u{2007}")
}

fn fit_row(row: &mut [Cell], charset: Charset) {
    let len = row.len();
    // The cell before was a non-breaking space, now written as a plain one.
    let mut gap_before = false;
    let mut i = 0;
    while i < len {
        let width = usize::from(row[i].cell_width()).clamp(1, len - i);
        let symbol: String = row[i].symbol().nfc().collect();
        if symbol.chars().all(|c| charset.shows(c)) {
            if symbol != row[i].symbol() {
                row[i].set_symbol(&symbol);
            }
            gap_before = false;
            i += width;
            continue;
        }
        let text = ascii(&symbol);
        let gap = is_gap(&symbol);
        let (mut start, mut end) = (i, i + width);
        if text.len() > end - start && end < len && is_gap(row[end].symbol()) {
            end += 1;
        }
        if text.len() > end - start && gap_before {
            start -= 1;
        }
        while text.len() > end - start
            && let Some(pad) = padding(row, end)
        {
            // The rest of the text moves right into the blank after it (« cœur » → « coeur »,
            // an ellipsis at the end of a cut title): a border or a column beyond stays.
            row[end..=pad].rotate_right(1);
            end += 1;
        }
        let style = row[i].style();
        let mut chars = text.chars();
        for (k, cell) in row[start..end].iter_mut().enumerate() {
            let c = chars.next().unwrap_or(' ');
            if start + k > i && start + k < i + width {
                // A column the wide character covered: blank, and without its style.
                cell.set_style(style);
            }
            cell.set_char(c);
        }
        gap_before = gap && end == i + width;
        i = end;
    }
}

/// The first blank from `from` on that the text before it may take: a space followed by
/// another or ending the row, before any border or change of background (another column).
fn padding(row: &[Cell], from: usize) -> Option<usize> {
    let blank = |k: usize| row.get(k).is_some_and(|c| c.symbol() == " ");
    let bg = row.get(from.saturating_sub(1))?.bg;
    let border =
        |c: &Cell| c.bg != bg || c.symbol().chars().any(|c| matches!(c, '\u{2500}'..='\u{259f}' | '|'));
    let end = row[from..].iter().position(border).map_or(row.len(), |n| from + n);
    (from..end).find(|&k| blank(k) && (k + 1 == row.len() || (k + 1 < end && blank(k + 1))))
}

/// `symbol` in ASCII: drawing and punctuation by a table, letters by their decomposition
/// (é → e, ﬁ → fi), `?` for the rest.
fn ascii(symbol: &str) -> String {
    let mut out = String::new();
    for c in symbol.chars() {
        if let Some(text) = punctuation(c) {
            out.push_str(text);
            continue;
        }
        let base: String = c.to_string().nfkd().filter(char::is_ascii).collect();
        if base.is_empty() && !is_mark(c) {
            out.push('?');
        }
        out.push_str(&base);
    }
    if out.is_empty() { "?".to_string() } else { out }
}

/// Combining marks, joiners and variation selectors: nothing of their own to show.
fn is_mark(c: char) -> bool {
    matches!(u32::from(c), 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0x200B..=0x200D | 0xFE20..=0xFE2F | 0x1F3FB..=0x1F3FF | 0xE0100..=0xE01EF)
}

/// What Unicode decomposition does not turn into ASCII, said in ASCII.
fn punctuation(c: char) -> Option<&'static str> {
    Some(match c {
        '«' => "<<",
        '»' => ">>",
        '‹' => "<",
        '›' => ">",
        '‘' | '’' | '‚' | '‛' | '′' | '´' => "'",
        '“' | '”' | '„' | '‟' | '″' | '¨' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '¬' => "-",
        '…' => "...",
        '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' => " ",
        '•' | '●' | '◆' | '◉' | '∙' | '‣' | '★' | '■' => "*",
        '·' => ".",
        '○' | '◇' | '◦' | '□' | '☆' | '°' | 'º' => "o",
        '→' | '⇒' => "->",
        '←' | '⇐' => "<-",
        '↔' => "<->",
        '↑' | '▲' | '△' | '⇑' => "^",
        '↓' | '▼' | '▽' | '⇓' => "v",
        '▶' | '▸' | '►' | '▷' => ">",
        '◀' | '◂' | '◄' | '◁' => "<",
        '✓' | '✔' => "v",
        '✗' | '✘' | '×' => "x",
        '÷' => "/",
        '±' => "+-",
        'œ' => "oe",
        'Œ' => "OE",
        'æ' => "ae",
        'Æ' => "AE",
        'ß' => "ss",
        'ø' => "o",
        'Ø' => "O",
        'ł' => "l",
        'Ł' => "L",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'þ' => "th",
        'Þ' => "Th",
        '€' => "EUR",
        '£' => "GBP",
        '¢' => "c",
        '¥' => "JPY",
        '©' => "(c)",
        '®' => "(R)",
        '™' => "TM",
        '§' => "S",
        '¶' => "P",
        '¿' => "?",
        '¡' => "!",
        '¦' => "|",
        '¸' => ",",
        'µ' => "u",
        '¤' => "$",
        '¼' => "1/4",
        '½' => "1/2",
        '¾' => "3/4",
        // Box drawing: lines, then corners, tees and crosses.
        '\u{2500}'..='\u{257f}' => box_drawing(c),
        // Bars (the selection's « ▌ ») as bars, the other blocks as a solid mark.
        '▌' | '▍' | '▎' | '▏' | '▐' | '▕' => "|",
        '\u{2580}'..='\u{259f}' => "#",
        _ => return None,
    })
}

/// A box-drawing character as `-`, `|` or `+`.
fn box_drawing(c: char) -> &'static str {
    match c {
        '─' | '━' | '┄' | '┅' | '┈' | '┉' | '═' | '╌' | '╍' | '╴' | '╶' | '╸' | '╺' | '╼' | '╾' => {
            "-"
        }
        '│' | '┃' | '┆' | '┇' | '┊' | '┋' | '║' | '╎' | '╏' | '╵' | '╷' | '╹' | '╻' | '╽' | '╿' => {
            "|"
        }
        '╱' => "/",
        '╲' => "\\",
        '╳' => "x",
        _ => "+",
    }
}

#[cfg(test)]
#[path = "charset_tests.rs"]
mod tests;
