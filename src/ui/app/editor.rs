//! The comment editor: a multi-line text area, a character counter, and what the text is for.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{Input, Key as TaKey, TextArea, WrapMode};

use crate::domain::comment::MAX_COMMENT_CHARS;
use crate::text::{clean_text, width};
use crate::ui::event::Key;

/// A paste larger than this is refused whole, with a message: cutting it would lose text
/// silently.
pub const MAX_PASTE_BYTES: usize = 64 * 1024;

#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    New {
        article: i64,
    },
    Reply {
        article: i64,
        parent: i64,
        to: String,
    },
    Edit {
        id: i64,
    },
    /// A private message to a member.
    Message {
        to: i64,
        handle: String,
    },
    /// A document of the admin console: an article or a space, as text.
    Doc(super::Doc),
}

pub struct Editor {
    pub target: Target,
    pub area: TextArea<'static>,
    /// Why the last send failed; the text stays.
    pub error: Option<String>,
    /// A send is under way: keys other than Ctrl-C wait.
    pub sending: bool,
    /// The most characters a comment may have, as the operator set it.
    pub limit: usize,
    /// The text it opened with: Esc asks before closing only when the text differs.
    pub initial: String,
}

impl Editor {
    pub fn new(target: Target, text: &str) -> Editor {
        let lines: Vec<String> =
            if text.is_empty() { vec![String::new()] } else { text.lines().map(String::from).collect() };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(Style::default());
        area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Editor {
            target,
            area,
            error: None,
            sending: false,
            limit: MAX_COMMENT_CHARS,
            initial: text.to_string(),
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }

    /// Characters as the limit counts them (after cleaning, as the store will).
    pub fn chars(&self) -> usize {
        self.area.lines().iter().map(|l| l.chars().count()).sum::<usize>()
            + self.area.lines().len().saturating_sub(1)
    }

    pub fn is_blank(&self) -> bool {
        self.area.lines().iter().all(|l| l.trim().is_empty())
    }

    pub fn over_limit(&self) -> bool {
        self.chars() > self.limit
    }

    pub fn key(&mut self, key: Key) {
        text_key(&mut self.area, key);
    }

    /// Inserts a paste whole, cleaned; returns false when it is too large to take.
    pub fn paste(&mut self, text: &str) -> bool {
        if text.len() > MAX_PASTE_BYTES {
            return false;
        }
        // Terminals paste line ends as CR, as if Enter had been pressed: keep them as lines.
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        self.area.insert_str(clean_text(&text));
        true
    }
}

fn to_input(key: Key) -> Option<Input> {
    let (key, ctrl) = match key {
        Key::Char(c) => (TaKey::Char(c), false),
        Key::Ctrl(c) => (TaKey::Char(c), true),
        Key::Enter => (TaKey::Enter, false),
        Key::Tab => (TaKey::Tab, false),
        Key::Backspace => (TaKey::Backspace, false),
        Key::Delete => (TaKey::Delete, false),
        Key::Up => (TaKey::Up, false),
        Key::Down => (TaKey::Down, false),
        Key::Left => (TaKey::Left, false),
        Key::Right => (TaKey::Right, false),
        Key::PageUp => (TaKey::PageUp, false),
        Key::PageDown => (TaKey::PageDown, false),
        Key::Home => (TaKey::Home, false),
        Key::End => (TaKey::End, false),
        Key::Alt(c) => return Some(Input { key: TaKey::Char(c), ctrl: false, alt: true, shift: false }),
        Key::WordLeft => return to_input(Key::Alt('b')),
        Key::WordRight => return to_input(Key::Alt('f')),
        Key::Esc | Key::BackTab | Key::F(_) => return None,
    };
    Some(Input { key, ctrl, alt: false, shift: false })
}

/// Feeds a key to a multi-line text area.
pub fn text_key(area: &mut TextArea<'static>, key: Key) {
    if let Some(input) = to_input(key) {
        by_grapheme(area, key, input);
    }
}

/// Gives `input` to `area` as many times as the grapheme under the move has chars, and
/// puts a cursor a line move left inside one back at its start: the text area counts
/// chars, and a flag, a ZWJ sequence or an accent cut in two by a backspace or by the
/// cursor's own cell is drawn as something else, and at another width.
fn by_grapheme(area: &mut TextArea<'static>, key: Key, input: Input) {
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    let line = area.lines().get(row).map(String::as_str).unwrap_or_default();
    let times = match key {
        Key::Left | Key::Backspace | Key::Ctrl('b' | 'h') => width::chars_before(line, col),
        Key::Right | Key::Delete | Key::Ctrl('f' | 'd') => width::chars_after(line, col),
        _ => 1,
    };
    for _ in 0..times.max(1) {
        area.input(input.clone());
    }
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    let line = area.lines().get(row).map(String::as_str).unwrap_or_default();
    for _ in 0..width::inside(line, col) {
        area.move_cursor(ratatui_textarea::CursorMove::Back);
    }
}

/// A one-line input for prompts (handle, town…).
pub fn single_line(text: &str) -> TextArea<'static> {
    let mut area = TextArea::new(vec![text.to_string()]);
    area.set_cursor_line_style(Style::default());
    area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// Feeds a key to a one-line input; Enter and newlines never reach it.
pub fn single_line_key(area: &mut TextArea<'static>, key: Key) {
    if matches!(key, Key::Enter | Key::Tab | Key::BackTab | Key::Up | Key::Down | Key::Ctrl('m' | 'j')) {
        return;
    }
    // Ctrl-U rubs out what is before the cursor, as in a shell (the text area's own
    // Ctrl-U is « undo », which here took back one letter and looked broken).
    if key == Key::Ctrl('u') {
        area.delete_line_by_head();
        return;
    }
    // Alt+b and Alt+f (ESC b, ESC f) are the word moves of shells and readline.
    let key = match key {
        Key::Alt('b') => Key::WordLeft,
        Key::Alt('f') => Key::WordRight,
        key => key,
    };
    if let Some(input) = to_input(key) {
        by_grapheme(area, key, input);
    }
}

impl super::App {
    /// A send that failed: the reason in the editor, which stays open with the text, or on
    /// the status line when the editor was closed meanwhile.
    pub(super) fn editor_refused(&mut self, message: String) {
        match &mut self.modal {
            Some(super::Modal::Editor(editor)) => {
                editor.sending = false;
                editor.error = Some(message);
            }
            _ => self.notice = Some(message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ctrl_u_in_a_one_line_input_rubs_out_what_is_before_the_cursor() {
        let mut area = single_line("26150");
        single_line_key(&mut area, Key::Left);
        single_line_key(&mut area, Key::Ctrl('u'));
        assert_eq!(area.lines(), ["0"]);
    }

    #[test]
    fn paste_is_kept_whole_and_cleaned() {
        let mut e = Editor::new(Target::New { article: 1 }, "");
        assert!(e.paste("Bonjour\x1b[2J\n« monde »\u{202e}"));
        // The ESC is gone; what followed it is harmless printable text.
        assert_eq!(e.text(), "Bonjour[2J\n« monde »");
        assert_eq!(e.chars(), "Bonjour[2J\n« monde »".chars().count());
        assert!(!e.paste(&"x".repeat(MAX_PASTE_BYTES + 1)));
        assert_eq!(e.text(), "Bonjour[2J\n« monde »");
    }

    #[test]
    fn pasted_line_ends_stay_lines_whatever_the_terminal_sends() {
        let mut e = Editor::new(Target::New { article: 1 }, "");
        assert!(e.paste("un\rdeux\r\ntrois\nquatre"));
        assert_eq!(e.text(), "un\ndeux\ntrois\nquatre");
    }

    #[test]
    fn typing_and_editing() {
        let mut e = Editor::new(Target::Edit { id: 3 }, "ab");
        e.key(Key::Char('c'));
        e.key(Key::Enter);
        e.key(Key::Char('é'));
        assert_eq!(e.text(), "abc\né");
        e.key(Key::Backspace);
        assert_eq!(e.text(), "abc\n");
        assert!(!e.is_blank());
    }
}
