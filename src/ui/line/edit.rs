//! The line being typed, edited by the server: the member's terminal is in raw mode, so
//! every character comes here and its echo goes back from here. Only what a dumb terminal
//! understands is sent: the characters themselves, backspace and a space to rub one out,
//! and new lines.

use crate::text::width::{grapheme_width, graphemes, width};
use crate::ui::event::Key;

/// What a key did to the line.
#[derive(Debug, PartialEq, Eq)]
pub enum Edit {
    /// The line changed; these bytes show the change on the member's terminal.
    Echo(String),
    /// Enter: the line is done.
    Done(String),
    /// Ctrl-C: give up what is under way; `typed`: the line held something.
    Cancel { typed: bool },
    /// Ctrl-D on an empty line: the member leaves.
    Leave,
    /// Nothing to do (an arrow, a function key).
    Nothing,
}

/// The most characters a line holds: a comment is typed over several lines, and a
/// paste longer than this is cut, not kept in memory.
pub const MAX_LINE: usize = 4096;

#[derive(Debug, Default)]
pub struct LineEdit {
    text: String,
}

impl LineEdit {
    pub fn text(&self) -> &str {
        &self.text
    }

    /// One key.
    pub fn key(&mut self, key: Key) -> Edit {
        match key {
            Key::Char(c) => self.insert(c),
            Key::Tab => self.insert(' '),
            Key::Enter => Edit::Done(std::mem::take(&mut self.text)),
            // The whole last grapheme: half a flag left behind is another glyph.
            Key::Backspace | Key::Delete | Key::Ctrl('h') => match graphemes(&self.text).last() {
                Some(g) => {
                    let columns = grapheme_width(g);
                    self.text.truncate(self.text.len() - g.len());
                    Edit::Echo(rub_out(columns))
                }
                None => Edit::Nothing,
            },
            // Ctrl-U and Ctrl-W as in a shell: the whole line, the last word.
            Key::Ctrl('u') => {
                let text = std::mem::take(&mut self.text);
                Edit::Echo(rub_out(width(&text)))
            }
            Key::Ctrl('w') => {
                let trimmed = self.text.trim_end().len();
                let cut = self.text[..trimmed].rfind(' ').map_or(0, |i| i + 1);
                let gone = width(&self.text[cut..]);
                self.text.truncate(cut);
                Edit::Echo(rub_out(gone))
            }
            Key::Ctrl('c') => {
                let typed = !self.text.is_empty();
                self.text.clear();
                Edit::Cancel { typed }
            }
            Key::Ctrl('d') if self.text.is_empty() => Edit::Leave,
            _ => Edit::Nothing,
        }
    }

    fn insert(&mut self, c: char) -> Edit {
        if c.is_control() || self.text.chars().count() >= MAX_LINE {
            return Edit::Nothing;
        }
        self.text.push(c);
        Edit::Echo(c.to_string())
    }
}

/// Backspace, space, backspace for each column: what a terminal line discipline echoes.
fn rub_out(columns: usize) -> String {
    "\x08 \x08".repeat(columns)
}

/// The lines of a paste, as if typed: each line break is an Enter.
pub fn paste_lines(text: &str) -> Vec<Key> {
    let mut keys = Vec::new();
    let mut last_cr = false;
    for c in text.chars() {
        match c {
            // CR LF is one line break.
            '\n' if last_cr => {}
            '\r' | '\n' => keys.push(Key::Enter),
            c => keys.push(Key::Char(c)),
        }
        last_cr = c == '\r';
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(e: &mut LineEdit, s: &str) {
        for c in s.chars() {
            e.key(Key::Char(c));
        }
    }

    #[test]
    fn backspace_rubs_out_the_columns_of_the_last_character() {
        let mut e = LineEdit::default();
        typed(&mut e, "été 日");
        assert_eq!(e.key(Key::Backspace), Edit::Echo("\x08 \x08\x08 \x08".into()));
        assert_eq!(e.text(), "été ");
        assert_eq!(e.key(Key::Ctrl('u')), Edit::Echo("\x08 \x08".repeat(4)));
        assert_eq!(e.key(Key::Backspace), Edit::Nothing);
        // A flag goes whole, its two columns rubbed out.
        for c in "a🇫🇷".chars() {
            e.key(Key::Char(c));
        }
        assert_eq!(e.key(Key::Backspace), Edit::Echo("\x08 \x08\x08 \x08".into()));
        assert_eq!(e.text(), "a");
    }

    #[test]
    fn ctrl_w_takes_the_last_word_and_enter_gives_the_line() {
        let mut e = LineEdit::default();
        typed(&mut e, "près de Die");
        assert_eq!(e.key(Key::Ctrl('w')), Edit::Echo("\x08 \x08".repeat(3)));
        assert_eq!(e.key(Key::Enter), Edit::Done("près de ".into()));
        assert_eq!(e.key(Key::Ctrl('d')), Edit::Leave);
    }

    #[test]
    fn a_pasted_crlf_is_one_enter() {
        assert_eq!(paste_lines("a\r\nb\n"), vec![Key::Char('a'), Key::Enter, Key::Char('b'), Key::Enter]);
    }
}
