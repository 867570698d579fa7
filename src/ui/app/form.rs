//! The one form of the app: labelled fields filled one at a time, Tab/Shift-Tab (and ↑/↓)
//! between them, Enter to the next and on the last to send, Ctrl-S to send from anywhere,
//! Esc asking to abandon only when something changed. A field may read a date (shown back as
//! understood), pick from a list found as one types (a space of the directory), or hold
//! several lines. What the form is for decides what its fields mean and where it is sent
//! (`meetup_form.rs`); this module only edits.

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

use super::editor::{MAX_PASTE_BYTES, single_line, single_line_key, text_key};
use crate::text::{clean_line, clean_text};
use crate::ui::event::Key;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// A date and an hour as people write them.
    Moment,
    /// One line whose words search a list offered under it.
    Pick,
    /// Several lines: Enter starts a new one.
    Text,
}

pub struct Field {
    /// What the field is, for its purpose (`title`, `start`…); its label comes from `i18n`.
    pub key: String,
    pub kind: FieldKind,
    pub input: TextArea<'static>,
    /// The value it started with: the form holds a draft only when one differs.
    pub initial: String,
    /// Why the last send was refused, said under the field.
    pub error: Option<String>,
}

impl Field {
    pub fn new(key: &str, kind: FieldKind, value: &str) -> Field {
        let input = if kind == FieldKind::Text { multi_line(value) } else { single_line(value) };
        Field { key: key.to_string(), kind, input, initial: value.to_string(), error: None }
    }

    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    pub fn changed(&self) -> bool {
        self.text().trim() != self.initial.trim()
    }
}

fn multi_line(text: &str) -> TextArea<'static> {
    let lines: Vec<String> =
        if text.is_empty() { vec![String::new()] } else { text.lines().map(String::from).collect() };
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(Style::default());
    area.set_cursor_style(Style::default().add_modifier(Modifier::REVERSED));
    area.move_cursor(CursorMove::Bottom);
    area.move_cursor(CursorMove::End);
    area
}

/// One thing a `Pick` field offers: its id, its name, a word of detail (the commune).
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub id: i64,
    pub name: String,
    pub detail: String,
}

/// What a form is for: where it is sent and what its fields mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// A meetup proposed by a member, or created by the console.
    Meetup,
    /// A space of the directory, edited in the console (`None`: a new one).
    Space(Option<i64>),
}

pub struct Form {
    pub purpose: Purpose,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last send was refused when no one field is to blame.
    pub error: Option<String>,
    /// A send is under way: keys other than Esc wait.
    pub sending: bool,
    /// What the focused `Pick` field's words found, the one Enter takes, and those words.
    pub offers: Vec<Offer>,
    pub offer: usize,
    pub offers_for: Option<String>,
    /// The answer for `offers_for` came (an empty list then means nothing matches).
    pub searched: bool,
    /// What was taken from the offers, with the words it was taken as.
    pub picked: Option<Offer>,
}

/// What a key did to the form; the purpose decides the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Nothing,
    /// The text of field `i` changed.
    Edited(usize),
    /// An offer was taken into its field.
    Picked,
    Send,
    /// Esc on a form that holds nothing new.
    Close,
    /// Esc on a form that holds a draft: ask first.
    AskDiscard,
}

impl Form {
    pub fn new(purpose: Purpose, fields: Vec<Field>) -> Form {
        Form {
            purpose,
            fields,
            focus: 0,
            error: None,
            sending: false,
            offers: Vec::new(),
            offer: 0,
            offers_for: None,
            searched: false,
            picked: None,
        }
    }

    pub fn changed(&self) -> bool {
        self.fields.iter().any(Field::changed)
    }

    pub fn value(&self, key: &str) -> String {
        self.fields.iter().find(|f| f.key == key).map(Field::text).unwrap_or_default()
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Whether the focused field shows offers that ↑ ↓ and Enter act on.
    pub fn offering(&self) -> bool {
        self.focused().is_some_and(|f| f.kind == FieldKind::Pick) && !self.offers.is_empty()
    }

    fn move_focus(&mut self, by: isize) {
        let last = self.fields.len().saturating_sub(1);
        self.focus = self.focus.saturating_add_signed(by).min(last);
        self.offers.clear();
        self.offers_for = None;
        self.searched = false;
        self.offer = 0;
    }

    /// Puts the focus on `key`'s field (the one a refusal is about).
    pub fn focus_on(&mut self, key: &str) {
        if let Some(i) = self.fields.iter().position(|f| f.key == key) {
            self.move_focus(i as isize - self.focus as isize);
        }
    }

    pub fn key(&mut self, key: Key) -> Step {
        if self.sending {
            return Step::Nothing;
        }
        let kind = self.focused().map(|f| f.kind);
        let text_field = kind == Some(FieldKind::Text);
        match key {
            Key::Esc if self.changed() => Step::AskDiscard,
            Key::Esc => Step::Close,
            Key::Ctrl('s') => Step::Send,
            Key::Tab => {
                self.move_focus(1);
                Step::Nothing
            }
            Key::BackTab => {
                self.move_focus(-1);
                Step::Nothing
            }
            Key::Up | Key::Down if self.offering() => {
                let last = self.offers.len().saturating_sub(1);
                self.offer =
                    if key == Key::Down { (self.offer + 1).min(last) } else { self.offer.saturating_sub(1) };
                Step::Nothing
            }
            Key::Enter if self.offering() => self.take_offer(),
            Key::Up if !text_field || self.at_edge(true) => {
                self.move_focus(-1);
                Step::Nothing
            }
            Key::Down if !text_field || self.at_edge(false) => {
                self.move_focus(1);
                Step::Nothing
            }
            Key::Enter if !text_field => {
                if self.focus + 1 >= self.fields.len() {
                    return Step::Send;
                }
                self.move_focus(1);
                Step::Nothing
            }
            key => self.edit(key),
        }
    }

    /// The cursor of a text field on its first line (`top`) or its last.
    fn at_edge(&self, top: bool) -> bool {
        self.focused().is_some_and(|f| {
            let row = f.input.cursor().0;
            if top { row == 0 } else { row + 1 >= f.input.lines().len() }
        })
    }

    fn edit(&mut self, key: Key) -> Step {
        let i = self.focus;
        let Some(field) = self.fields.get_mut(i) else { return Step::Nothing };
        let before = field.text();
        if field.kind == FieldKind::Text {
            text_key(&mut field.input, key);
        } else {
            single_line_key(&mut field.input, key);
        }
        self.edited(i, before)
    }

    fn edited(&mut self, i: usize, before: String) -> Step {
        let Some(field) = self.fields.get_mut(i) else { return Step::Nothing };
        if field.text() == before {
            return Step::Nothing;
        }
        field.error = None;
        self.error = None;
        if field.kind == FieldKind::Pick {
            self.picked = None;
        }
        Step::Edited(i)
    }

    fn take_offer(&mut self) -> Step {
        let Some(offer) = self.offers.get(self.offer).cloned() else { return Step::Nothing };
        let focus = self.focus;
        if let Some(field) = self.fields.get_mut(focus) {
            field.input = single_line(&clean_line(&offer.name));
            field.error = None;
        }
        self.picked = Some(offer);
        self.move_focus(1);
        Step::Picked
    }

    /// A paste into the focused field: whole into a text field, its first line elsewhere.
    pub fn paste(&mut self, text: &str) -> Step {
        if self.sending || text.len() > MAX_PASTE_BYTES {
            return Step::Nothing;
        }
        let i = self.focus;
        let Some(field) = self.fields.get_mut(i) else { return Step::Nothing };
        let before = field.text();
        if field.kind == FieldKind::Text {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            field.input.insert_str(clean_text(&text));
        } else {
            field.input.insert_str(clean_line(text.lines().next().unwrap_or("")));
        }
        self.edited(i, before)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> Form {
        Form::new(
            Purpose::Meetup,
            vec![
                Field::new("title", FieldKind::Line, ""),
                Field::new("description", FieldKind::Text, ""),
                Field::new("capacity", FieldKind::Line, ""),
            ],
        )
    }

    #[test]
    fn tab_enter_and_arrows_walk_the_fields_and_enter_on_the_last_sends() {
        let mut f = form();
        assert_eq!(f.key(Key::Char('A')), Step::Edited(0));
        assert_eq!(f.key(Key::Enter), Step::Nothing);
        assert_eq!(f.focus, 1);
        // In the text field Enter is a new line; ↓ on its last line leaves it.
        f.key(Key::Char('x'));
        f.key(Key::Enter);
        f.key(Key::Char('y'));
        assert_eq!(f.value("description"), "x\ny");
        assert_eq!(f.key(Key::Up), Step::Nothing);
        assert_eq!(f.focus, 1);
        f.key(Key::Down);
        f.key(Key::Down);
        assert_eq!(f.focus, 2);
        assert_eq!(f.key(Key::Enter), Step::Send);
        f.key(Key::BackTab);
        f.key(Key::BackTab);
        assert_eq!(f.focus, 0);
    }

    #[test]
    fn esc_asks_only_when_something_changed() {
        let mut f = form();
        assert_eq!(f.key(Key::Esc), Step::Close);
        f.key(Key::Char('A'));
        assert_eq!(f.key(Key::Esc), Step::AskDiscard);
        f.key(Key::Backspace);
        assert_eq!(f.key(Key::Esc), Step::Close);
    }
}
