//! Sanitising of untrusted user text before it is stored or drawn.
//!
//! Users write to other users' terminals through us: any control sequence
//! that survives here could clear screens, retitle windows or reorder text
//! (bidi "Trojan Source" tricks), so this is the single gate all user text
//! goes through.

use unicode_normalization::UnicodeNormalization;
use unicode_width::UnicodeWidthChar;

use super::width::{grapheme_width, graphemes};

/// Combining marks allowed after one base character. Real scripts need a
/// handful at most; "Zalgo" text stacks hundreds, which some terminals draw
/// over neighbouring lines.
const MAX_COMBINING_RUN: usize = 8;

/// Tab stops every four columns: the stops Markdown reads a tab by (CommonMark), so that
/// an indented line or a list means the same once its tabs are spaces.
const TAB_STOP: usize = 4;

const ZWJ: char = '\u{200D}';

/// Cleans multi-line user text (posts, messages).
///
/// Only `\n` survives as a control character because it is the one whose
/// effect on the layout we control; everything able to move the cursor,
/// change terminal state or silently reorder text is dropped. Filtering
/// happens before NFC so that removing an invisible character between a
/// letter and its accent still lets them compose.
pub fn clean_text(s: &str) -> String {
    let normalized = s.replace("\r\n", "\n");
    let mut filtered = String::with_capacity(normalized.len());
    for grapheme in graphemes(&normalized) {
        let mut chars = grapheme.chars().peekable();
        while let Some(c) = chars.next() {
            if c == ZWJ {
                // A joiner is kept where it joins what follows it into one glyph (👩‍💻, a
                // Devanagari half form); anywhere else it only hides something.
                if chars.peek().is_some_and(|&n| n.width().unwrap_or(0) > 0 && !is_unsafe(n)) {
                    filtered.push(c);
                }
            } else if let Some(kept) = filter_char(c) {
                filtered.push(kept);
            }
        }
    }
    expand_tabs(&cap_combining(filtered.nfc()))
}

/// Cleans a one-line field (title, handle) where a newline would break the
/// layout of lists and headers.
///
/// A single no-break space is kept as is because it was put there on purpose
/// (French typography); any other whitespace run becomes one space.
pub fn clean_line(s: &str) -> String {
    let text = clean_text(s);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let mut run = 1;
        while chars.next_if(|n| n.is_whitespace()).is_some() {
            run += 1;
        }
        if run == 1 && matches!(c, '\u{00A0}' | '\u{202F}') {
            out.push(c);
        } else {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// Maps one character to what may be kept of it, `None` meaning "drop".
fn filter_char(c: char) -> Option<char> {
    match c {
        '\n' => Some('\n'),
        // Kept for [`expand_tabs`], which knows the columns.
        '\t' => Some('\t'),
        // Line and paragraph separators are line breaks in disguise.
        '\u{2028}' | '\u{2029}' => Some('\n'),
        _ if is_unsafe(c) => None,
        _ => Some(c),
    }
}

/// Characters that are invisible, steer the terminal, or reorder text.
fn is_unsafe(c: char) -> bool {
    matches!(c,
        // C0 controls, DEL and C1 controls (C1 includes the 8-bit CSI).
        '\u{0000}'..='\u{001F}' | '\u{007F}'..='\u{009F}'
        // Soft hyphen: shown by some terminals and not by others.
        | '\u{00AD}'
        // Arabic number signs and other prepended format characters.
        | '\u{0600}'..='\u{0605}' | '\u{061C}' | '\u{06DD}' | '\u{070F}'
        | '\u{0890}' | '\u{0891}' | '\u{08E2}'
        // Hangul fillers render with inconsistent widths.
        | '\u{115F}' | '\u{1160}' | '\u{3164}' | '\u{FFA0}'
        | '\u{180E}'
        // Zero-width spaces/joiners and directional marks.
        | '\u{200B}'..='\u{200F}'
        // Bidi embeddings and overrides.
        | '\u{202A}'..='\u{202E}'
        // Word joiner, invisible operators, bidi isolates, deprecated formats.
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        // Interlinear annotations and non-characters.
        | '\u{FFF9}'..='\u{FFFB}' | '\u{FFFE}' | '\u{FFFF}'
        | '\u{110BD}' | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        // Language tags and their block.
        | '\u{E0000}'..='\u{E007F}'
    )
}

/// Replaces each tab by the spaces up to the next stop, every [`TAB_STOP`] columns of its
/// line: a terminal would move to its own stops, which the layout cannot know, and ratatui
/// draws no tab at all.
fn expand_tabs(s: &str) -> String {
    if !s.contains('\t') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut column = 0;
    for g in graphemes(s) {
        match g {
            "\t" => {
                let spaces = TAB_STOP - column % TAB_STOP;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            "\n" => {
                out.push('\n');
                column = 0;
            }
            _ => {
                out.push_str(g);
                column += grapheme_width(g);
            }
        }
    }
    out
}

/// Limits runs of zero-width characters following a base character.
fn cap_combining(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut run = 0usize;
    for c in chars {
        if c != '\n' && c.width() == Some(0) {
            run += 1;
            if run > MAX_COMBINING_RUN {
                continue;
            }
        } else {
            run = 0;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_are_defused() {
        let out = clean_text("\x1b[2J\x1b]0;pwned\x07bonjour");
        assert!(!out.contains('\x1b'));
        assert!(!out.contains('\x07'));
        assert!(out.ends_with("bonjour"));
        assert!(out.chars().all(|c| !c.is_control()));
    }

    #[test]
    fn c1_and_other_controls_removed() {
        let out = clean_text("a\u{9b}2Jb\0c\u{7f}d\re");
        assert_eq!(out, "a2Jbcde");
    }

    #[test]
    fn crlf_and_tabs() {
        assert_eq!(clean_text("a\r\nb\tc"), "a\nb   c");
        assert_eq!(clean_text("\tx\n日\ty\nabcd\tz\n🇫🇷\t|"), "    x\n日  y\nabcd    z\n🇫🇷  |");
    }

    #[test]
    fn joiners_kept_only_where_they_join() {
        for joined in ["👩\u{200d}💻", "👨\u{200d}👩\u{200d}👧", "🏳\u{fe0f}\u{200d}🌈", "क्\u{200d}ष"]
        {
            assert_eq!(clean_text(joined), joined);
        }
        assert_eq!(clean_text("a\u{200d}b \u{200d}👩 👩\u{200d} 👩\u{200d}\u{200d}💻"), "ab 👩 👩 👩💻");
        assert_eq!(clean_text("👩\u{200d}\u{1b}💻"), "👩💻");
    }

    #[test]
    fn bidi_and_zero_width_removed() {
        let out = clean_text("abc\u{202E}fed\u{2066}x\u{2069}\u{200B}\u{FEFF}\u{200D}y\u{061C}");
        assert_eq!(out, "abcfedxy");
    }

    #[test]
    fn nfd_becomes_nfc() {
        let nfd = "e\u{0301}t\u{0065}\u{0301}";
        assert_eq!(clean_text(nfd), "été");
        // An invisible character between letter and accent no longer
        // prevents composition.
        assert_eq!(clean_text("e\u{200B}\u{0301}"), "é");
    }

    #[test]
    fn emoji_and_cjk_kept() {
        let s = "Salut 👋🏽 ❤️ 日本語 한국어 🇫🇷";
        assert_eq!(clean_text(s), s);
    }

    #[test]
    fn zalgo_capped() {
        let s = format!("a{}b", "\u{0301}".repeat(100));
        let out = clean_text(&s);
        assert_eq!(out.chars().count(), 2 + MAX_COMBINING_RUN);
    }

    #[test]
    fn clean_line_collapses() {
        assert_eq!(clean_line("  Un\n titre \t\r\n  long  "), "Un titre long");
        assert_eq!(clean_line("Note\u{a0}: x"), "Note\u{a0}: x");
        assert_eq!(clean_line("a\u{a0} b"), "a b");
        assert_eq!(clean_line("\x1b[31mrouge\x1b[0m"), "[31mrouge[0m");
        assert_eq!(clean_line(""), "");
    }
}
