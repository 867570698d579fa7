//! The documents the console edits as text (an article, a space): opened in the admin's
//! editor or the built-in one, checked, saved only when they say something new, and never
//! over a change someone else made meanwhile without asking.

use super::admin::{ARTICLE_MAX_CHARS, AdminError, AdminOp, Doc};
use super::editor::{Editor, Target};
use super::modal::Modal;
use super::{App, View};
use crate::domain::console::{ChangedAnswer, Refusal};
use crate::domain::frontmatter::parse_article;
use crate::ui::event::{Effect, Key};

/// « The article changed since you opened it »: the admin's text, kept whatever they answer
/// but « reload », and the document's text now in the store.
pub struct Changed {
    pub editor: Editor,
    pub current: String,
}

/// Two texts of a document that say the same: line ends and what trails the last line aside
/// (the built-in editor drops the final newline, editors add one).
fn same_text(a: &str, b: &str) -> bool {
    a.replace("\r\n", "\n").trim_end() == b.replace("\r\n", "\n").trim_end()
}

impl App {
    /// A document's text goes to the admin's editor, or to the built-in one.
    pub(super) fn edit_doc(&mut self, doc: Doc, text: String, error: Option<String>) -> Vec<Effect> {
        let external = self.admin.as_ref().is_some_and(|a| a.external_editor);
        if external && error.is_none() {
            return vec![AdminOp::EditExternally(doc, text).into()];
        }
        if let Doc::Space(id) = doc {
            self.open_space_form(id, &text, error);
            return Vec::new();
        }
        let mut editor = Editor::new(Target::Doc(doc), &text);
        editor.limit = ARTICLE_MAX_CHARS;
        // A document is read from its top, where its fields are.
        if error.is_none() {
            editor.area.move_cursor(ratatui_textarea::CursorMove::Jump(0, 0));
        }
        editor.error = error;
        self.modal = Some(Modal::Editor(editor));
        Vec::new()
    }

    /// Whether `text` is the document as it was opened: nothing to save, nothing to lose.
    pub(super) fn doc_unchanged(&self, text: &str) -> bool {
        self.admin.as_ref().is_some_and(|a| same_text(text, &a.base))
    }

    /// Whether Esc may close `editor` without asking: a text still as it was opened holds no
    /// draft. A document is compared with the store's (a text back from the admin's own
    /// editor with an error is a draft, though the built-in editor opened on it).
    pub(super) fn nothing_to_lose(&self, editor: &Editor) -> bool {
        match editor.target {
            Target::Doc(_) => self.doc_unchanged(&editor.text()),
            _ => same_text(&editor.text(), &editor.initial),
        }
    }

    /// The save of a document, checked first; `None` with the editor told why when the text
    /// does not read, or when it says nothing new (then there is nothing to send).
    fn save_op(&mut self, doc: Doc, text: &str) -> Result<AdminOp, Option<String>> {
        if self.doc_unchanged(text) {
            return Err(None);
        }
        let base = self.admin.as_ref().map(|a| a.base.clone()).unwrap_or_default();
        match doc {
            Doc::Article(id) => match parse_article(text, self.now) {
                Ok(article) => Ok(AdminOp::SaveArticle(id, article, base)),
                Err(e) => Err(Some(self.lang.front_matter_error(&e))),
            },
            // Only the store can check a space whole (its commune must exist).
            Doc::Space(id) => Ok(AdminOp::SaveSpace(id, text.to_string(), base)),
        }
    }

    /// A document left as it was opened: nothing is written (a template saved unchanged
    /// creates nothing), the editor closes and says so.
    fn nothing_to_save(&mut self, doc: Doc) -> Vec<Effect> {
        self.modal = None;
        self.notice = Some(self.lang.nothing_saved(doc).to_string());
        Vec::new()
    }

    /// Ctrl-S in the built-in editor on a document: the same checks, and the editor stays
    /// as it is (its cursor where the admin left it) with the error, or waits for the store.
    pub(super) fn doc_sent(&mut self, doc: Doc, mut editor: Editor) -> (Option<Modal>, Vec<Effect>) {
        match self.save_op(doc, &editor.text()) {
            Ok(op) => {
                editor.sending = true;
                editor.error = None;
                (Some(Modal::Editor(editor)), vec![Effect::Admin(op)])
            }
            Err(None) => {
                let effects = self.nothing_to_save(doc);
                (None, effects)
            }
            Err(Some(error)) => {
                editor.error = Some(error);
                (Some(Modal::Editor(editor)), Vec::new())
            }
        }
    }

    /// The text of a document came back from the admin's own editor: checked, then saved;
    /// when it does not pass, the built-in editor opens on it with the error, nothing lost.
    pub(super) fn doc_text_done(&mut self, doc: Doc, text: String) -> Vec<Effect> {
        match self.save_op(doc, &text) {
            Ok(op) => {
                // Kept open (and waiting) until the store says it is saved.
                let mut editor = Editor::new(Target::Doc(doc), &text);
                editor.limit = ARTICLE_MAX_CHARS;
                editor.sending = true;
                self.modal = Some(Modal::Editor(editor));
                vec![Effect::Admin(op)]
            }
            Err(None) => self.nothing_to_save(doc),
            Err(Some(error)) => self.edit_doc(doc, text, Some(error)),
        }
    }

    /// The store's answer to a save: done (the editor closes), changed meanwhile (the
    /// question), or refused (the editor says why, its text kept).
    pub(super) fn doc_saved(&mut self, doc: Doc, result: Result<i64, AdminError>) -> Vec<Effect> {
        match result {
            Ok(id) => {
                if matches!(self.modal, Some(Modal::Editor(_) | Modal::Form(_))) {
                    self.modal = None;
                }
                self.notice = Some(self.lang.saved(doc, id));
                if self.view == View::Spaces {
                    return self.search_spaces();
                }
                return self.admin_reload();
            }
            Err(AdminError::Refused(Refusal::Changed(current)))
                if matches!(self.modal, Some(Modal::Form(_))) =>
            {
                let e = AdminError::Refused(Refusal::Changed(String::new()));
                self.space_form_refused(&e, Some(current));
            }
            Err(e) if matches!(self.modal, Some(Modal::Form(_))) => self.space_form_refused(&e, None),
            Err(AdminError::Refused(Refusal::Changed(current))) => match self.modal.take() {
                Some(Modal::Editor(mut editor)) => {
                    editor.sending = false;
                    editor.error = None;
                    self.modal = Some(Modal::Changed(Box::new(Changed { editor, current })));
                }
                other => {
                    self.modal = other;
                    self.notice = Some(self.lang.changed_question(doc).to_string());
                }
            },
            Err(e) => self.editor_refused(self.lang.admin_error(&e)),
        }
        Vec::new()
    }

    /// A key on « changed since you opened it ».
    pub(super) fn changed_key(&mut self, changed: Box<Changed>, key: Key) -> (Option<Modal>, Vec<Effect>) {
        let Changed { editor, current } = *changed;
        let Target::Doc(doc) = editor.target else { return (Some(Modal::Editor(editor)), Vec::new()) };
        let answer = match key {
            Key::Esc => Some(ChangedAnswer::KeepEditing),
            Key::Char(c) => self.lang.changed_answer(c),
            _ => None,
        };
        match answer {
            None => (Some(Modal::Changed(Box::new(Changed { editor, current }))), Vec::new()),
            Some(ChangedAnswer::KeepEditing) => (Some(Modal::Editor(editor)), Vec::new()),
            Some(ChangedAnswer::Overwrite) => {
                // The change made meanwhile is the one the admin chose to replace: a newer
                // one still asks.
                if let Some(admin) = &mut self.admin {
                    admin.base = current;
                }
                self.doc_sent(doc, editor)
            }
            Some(ChangedAnswer::Reload) => {
                if let Some(admin) = &mut self.admin {
                    admin.base = current.clone();
                }
                let effects = self.edit_doc(doc, current, None);
                (self.modal.take(), effects)
            }
        }
    }
}
