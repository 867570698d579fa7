//! Boxes over the screen: the editor, questions, the handle prompt, the catch-up summary.
//! While one is open it takes every key.

use ratatui_textarea::TextArea;

use super::editor::{Editor, Target, single_line, single_line_key};
use super::{AgendaOp, App, BulletinOp, NetOp, ProfileOp};
use crate::domain::comment::PostError;
use crate::domain::member::HandleError;
use crate::domain::{Comment, Identity};
use crate::ui::event::{Effect, Key};

/// What the member wanted to do when they were asked for a handle first.
#[derive(Debug, Clone, PartialEq)]
pub enum Intent {
    Comment,
    Reply(i64),
    /// A private message to a member: their id and handle.
    Message(i64, String),
    /// Publishing one's profile in the directory.
    Publish,
    /// « J'y vais » to a meetup, or proposing one.
    Rsvp(i64),
    Propose,
}

/// What a one-line prompt asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum PromptKind {
    /// A handle, then what the member wanted to do (nothing when changed from the profile).
    Handle(Option<Intent>),
    Town,
    Bio,
    LinkCode,
    /// The town distances are measured from.
    Near,
    /// « ouvert le … à … ».
    When,
    /// A question of the admin console.
    Admin(super::AdminPrompt),
    /// A question of the « Réseau » section.
    Net(super::NetPrompt),
}

pub struct Prompt {
    pub input: TextArea<'static>,
    pub error: Option<String>,
    pub kind: PromptKind,
}

impl PromptKind {
    /// Prompts that offer communes as the person types.
    pub fn completes(&self) -> bool {
        matches!(
            self,
            PromptKind::Near
                | PromptKind::Town
                | PromptKind::Net(super::NetPrompt::Near | super::NetPrompt::Commune)
        )
    }
}

impl Prompt {
    pub fn new(kind: PromptKind, text: &str) -> Prompt {
        Prompt { input: single_line(text), error: None, kind }
    }
}

/// The one yes/no question of the app: yes performs `yes`; no (or Esc) goes back to `back`
/// (the draft, when discarding it was asked), or just closes.
pub struct Confirm {
    pub question: String,
    pub yes: Vec<Effect>,
    pub back: Option<Box<Modal>>,
    /// Why `yes` failed (the console's actions): said under the question, which stays.
    pub error: Option<String>,
}

impl Confirm {
    /// A question before `yes` is performed, as the modal that asks it.
    pub fn ask(question: impl Into<String>, yes: Vec<Effect>) -> Modal {
        Modal::Confirm(Confirm { question: question.into(), yes, back: None, error: None })
    }

    /// « Discard this draft? », the draft kept until the answer.
    fn discard(question: &str, editor: Editor) -> Modal {
        Confirm::discard_modal(question, Modal::Editor(editor))
    }

    /// « Discard this draft? » over `draft` (an editor, a form), kept until the answer.
    pub(super) fn discard_modal(question: &str, draft: Modal) -> Modal {
        Modal::Confirm(Confirm {
            question: question.to_string(),
            yes: Vec::new(),
            back: Some(Box::new(draft)),
            error: None,
        })
    }

    /// The draft behind the question, to draw under it.
    pub fn draft(&self) -> Option<&Editor> {
        match self.back.as_deref() {
            Some(Modal::Editor(editor)) => Some(editor),
            _ => None,
        }
    }

    /// The form behind the question, to draw under it.
    pub fn form(&self) -> Option<&super::Form> {
        match self.back.as_deref() {
            Some(Modal::Form(form)) => Some(form),
            _ => None,
        }
    }
}

pub enum Modal {
    Editor(Editor),
    /// A form filled field by field (a meetup).
    Form(super::Form),
    /// A guest tried to write: how to make a key.
    NeedKey,
    Prompt(Prompt),
    /// « Depuis votre dernière visite », an item chosen.
    CatchUp(super::CatchUpView),
    /// The directory's filters, with the cursor on a row.
    Filters(usize),
    /// A question before what cannot be undone (a deletion, a suspension, a report).
    Confirm(Confirm),
    /// The commands that pass an article on (the reader's `s`).
    Share(super::Share),
    /// The console's document changed in the store since it was opened: overwrite, reload
    /// or keep editing.
    Changed(Box<super::admin_docs::Changed>),
}

impl App {
    pub(super) fn modal_key(&mut self, key: Key) -> Vec<Effect> {
        if self.dialog_waits() {
            // The console's dialog waits for its action: its keys wait too. Esc closes it;
            // the action's outcome is then said on the status line.
            if key == Key::Esc {
                self.stop_waiting();
                self.modal = None;
            }
            return Vec::new();
        }
        let Some(modal) = self.modal.take() else {
            return Vec::new();
        };
        let (next, effects) = match modal {
            Modal::Editor(editor) => self.editor_key(editor, key),
            Modal::Form(form) => self.form_key(form, key),
            Modal::Changed(changed) => self.changed_key(changed, key),
            Modal::Confirm(confirm) => match key {
                Key::Char(c) if self.lang.is_yes(c) => self.confirmed(confirm),
                Key::Char('n' | 'N') | Key::Esc => (confirm.back.map(|back| *back), Vec::new()),
                _ => (Some(Modal::Confirm(confirm)), Vec::new()),
            },
            Modal::Share(_) if key == Key::Char('s') => (None, Vec::new()),
            Modal::NeedKey | Modal::Share(_)
                if matches!(key, Key::Enter | Key::Esc | Key::Char('q' | ' ')) =>
            {
                (None, Vec::new())
            }
            m @ (Modal::NeedKey | Modal::Share(_)) => (Some(m), Vec::new()),
            Modal::CatchUp(view) => self.catch_up_key(view, key),
            Modal::Filters(row) => self.filters_key(row, key),
            Modal::Prompt(_) if key == Key::Esc => (None, Vec::new()),
            Modal::Prompt(prompt) => self.prompt_key(prompt, key),
        };
        self.modal = next;
        effects
    }

    /// A one-line prompt: each kind is answered by its section.
    fn prompt_key(&mut self, mut prompt: Prompt, key: Key) -> (Option<Modal>, Vec<Effect>) {
        if prompt.kind.completes() || prompt.kind == PromptKind::When {
            return self.choice_key(prompt, key);
        }
        if key != Key::Enter {
            single_line_key(&mut prompt.input, key);
            if matches!(prompt.kind, PromptKind::Admin(_)) {
                prompt.error = None;
            }
            return (Some(Modal::Prompt(prompt)), Vec::new());
        }
        if matches!(prompt.kind, PromptKind::Admin(_)) {
            return self.admin_prompt(prompt);
        }
        let text = prompt.input.lines().join("");
        let op = match prompt.kind {
            PromptKind::Handle(_) => ProfileOp::SetHandle(text),
            PromptKind::Bio => ProfileOp::SetPresentation(text),
            PromptKind::LinkCode => ProfileOp::RedeemLinkCode(text),
            PromptKind::Admin(_) => return (Some(Modal::Prompt(prompt)), Vec::new()),
            PromptKind::Net(kind) => {
                let chosen = self.network_prompt(kind, &mut prompt);
                let effects = self.settle(prompt, chosen);
                return (self.modal.take(), effects);
            }
            // Prompts that choose among offers are answered by `choice_key`.
            PromptKind::Town | PromptKind::Near | PromptKind::When => {
                return (Some(Modal::Prompt(prompt)), Vec::new());
            }
        };
        prompt.error = None;
        // Handle and code answers may be refused: the prompt waits for the verdict.
        let waits = matches!(prompt.kind, PromptKind::Handle(_) | PromptKind::LinkCode);
        (waits.then_some(Modal::Prompt(prompt)), vec![op.into()])
    }

    /// A prompt that offers communes as the person types (↑↓ choose), or reads a moment.
    fn choice_key(&mut self, mut prompt: Prompt, key: Key) -> (Option<Modal>, Vec<Effect>) {
        match key {
            Key::Down | Key::Up if prompt.kind.completes() => {
                let last = self.spaces.completions.len().min(6).saturating_sub(1);
                self.spaces.offer = if key == Key::Down {
                    (self.spaces.offer + 1).min(last)
                } else {
                    self.spaces.offer.saturating_sub(1)
                };
                (Some(Modal::Prompt(prompt)), Vec::new())
            }
            // Tab has no meaning in one line.
            Key::Tab | Key::BackTab => (Some(Modal::Prompt(prompt)), Vec::new()),
            Key::Enter => {
                let now = self.now.with_timezone(&chrono_tz::Europe::Paris).naive_local();
                let chosen = match prompt.kind {
                    PromptKind::Near => self.choose_near(&mut prompt),
                    PromptKind::Town => self.choose_town(&mut prompt),
                    PromptKind::Net(kind) => self.network_prompt(kind, &mut prompt),
                    _ => self.choose_when(&mut prompt, now),
                };
                let effects = self.settle(prompt, chosen);
                (self.modal.take(), effects)
            }
            key => {
                single_line_key(&mut prompt.input, key);
                prompt.error = None;
                let effects = if prompt.kind.completes() {
                    let text = prompt.input.lines().join("");
                    self.near_typed(&text)
                } else {
                    Vec::new()
                };
                (Some(Modal::Prompt(prompt)), effects)
            }
        }
    }

    fn editor_key(&mut self, mut editor: Editor, key: Key) -> (Option<Modal>, Vec<Effect>) {
        if editor.sending {
            return (Some(Modal::Editor(editor)), Vec::new());
        }
        match key {
            Key::Esc if editor.is_blank() || self.nothing_to_lose(&editor) => (None, Vec::new()),
            Key::Esc => (Some(Confirm::discard(self.lang.c().discard_question, editor)), Vec::new()),
            Key::Ctrl('s') => {
                let message = matches!(editor.target, Target::Message { .. });
                let say = |e: PostError| {
                    if message { self.lang.message_error(&e) } else { self.lang.post_error(&e) }
                };
                if editor.is_blank() {
                    editor.error = Some(say(PostError::Empty));
                    return (Some(Modal::Editor(editor)), Vec::new());
                }
                if editor.over_limit() {
                    let max = editor.limit;
                    editor.error = Some(say(PostError::TooLong { max }));
                    return (Some(Modal::Editor(editor)), Vec::new());
                }
                let body = editor.text();
                if let Target::Doc(doc) = editor.target {
                    return self.doc_sent(doc, editor);
                }
                let effect = match &editor.target {
                    Target::New { article } => {
                        BulletinOp::PostComment { article: *article, parent: None, body }.into()
                    }
                    Target::Reply { article, parent, .. } => {
                        BulletinOp::PostComment { article: *article, parent: Some(*parent), body }.into()
                    }
                    Target::Edit { id } => BulletinOp::EditComment { id: *id, body }.into(),
                    Target::Message { to, .. } => NetOp::Send { to: *to, body }.into(),
                    Target::Doc(_) => return (Some(Modal::Editor(editor)), Vec::new()),
                };
                editor.sending = true;
                editor.error = None;
                (Some(Modal::Editor(editor)), vec![effect])
            }
            key => {
                editor.key(key);
                (Some(Modal::Editor(editor)), Vec::new())
            }
        }
    }

    pub(super) fn paste(&mut self, text: String) -> Vec<Effect> {
        if self.dialog_waits() {
            // As its keys, a paste waits for the dialog's action: it is dropped.
            return Vec::new();
        }
        if let Some(Modal::Form(_)) = &self.modal
            && let Some(Modal::Form(form)) = self.modal.take()
        {
            let (next, effects) = self.form_paste(form, &text);
            self.modal = next;
            return effects;
        }
        match &mut self.modal {
            Some(Modal::Editor(editor)) if !editor.sending => {
                let accepted = editor.paste(&text);
                editor.error = (!accepted).then(|| self.lang.paste_too_large());
            }
            Some(Modal::Prompt(prompt)) => {
                let first = text.lines().next().unwrap_or("");
                prompt.input.insert_str(crate::text::clean_line(first));
                if prompt.kind.completes() {
                    let typed = prompt.input.lines().join("");
                    return self.near_typed(&typed);
                }
            }
            // Nowhere else takes text: a paste does no harm.
            _ => {}
        }
        Vec::new()
    }

    /// Where writing starts: a guest is told how to get a key, a member without a handle
    /// chooses one, the others get the editor.
    pub(super) fn start_writing(&mut self, intent: Intent) -> Vec<Effect> {
        match &self.identity {
            Identity::Guest => self.modal = Some(Modal::NeedKey),
            Identity::Member { handle: None, .. } => {
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Handle(Some(intent)), "")));
            }
            Identity::Member { handle: Some(_), .. } => return self.open_editor(intent),
        }
        Vec::new()
    }

    fn open_editor(&mut self, intent: Intent) -> Vec<Effect> {
        let intent = match intent {
            Intent::Message(to, handle) => {
                let mut editor = Editor::new(Target::Message { to, handle }, "");
                editor.limit = self.comment_limit;
                self.modal = Some(Modal::Editor(editor));
                return Vec::new();
            }
            Intent::Publish => return self.network_intent(intent),
            Intent::Rsvp(id) => return vec![AgendaOp::Rsvp { id, going: true }.into()],
            Intent::Propose => return self.propose_event(),
            intent => intent,
        };
        let Some(article) = self.reader.article_id() else {
            return Vec::new();
        };
        let target = match intent {
            Intent::Comment => Target::New { article },
            Intent::Message(..) | Intent::Publish | Intent::Rsvp(_) | Intent::Propose => return Vec::new(),
            Intent::Reply(parent) => {
                let to = match &self.reader.comments {
                    super::Loading::Ready(list) => {
                        list.iter().find(|c| c.id == parent).map(|c| c.author.clone()).unwrap_or_default()
                    }
                    _ => String::new(),
                };
                Target::Reply { article, parent, to }
            }
        };
        let mut editor = Editor::new(target, "");
        editor.limit = self.comment_limit;
        self.modal = Some(Modal::Editor(editor));
        Vec::new()
    }

    pub(super) fn open_edit(&mut self, comment: &Comment) {
        let mut editor = Editor::new(Target::Edit { id: comment.id }, &comment.body);
        editor.limit = self.comment_limit;
        self.modal = Some(Modal::Editor(editor));
    }

    pub(super) fn handle_set(&mut self, result: Result<String, HandleError>) -> Vec<Effect> {
        let Some(Modal::Prompt(mut prompt)) = self.modal.take() else {
            return Vec::new();
        };
        match result {
            Ok(handle) => {
                if let Identity::Member { handle: h, .. } = &mut self.identity {
                    *h = Some(handle);
                }
                match prompt.kind {
                    PromptKind::Handle(Some(intent)) => return self.open_editor(intent),
                    _ => return vec![ProfileOp::LoadProfile.into()],
                }
            }
            Err(e) => {
                prompt.error = Some(self.lang.handle_error(&e));
                self.modal = Some(Modal::Prompt(prompt));
            }
        }
        Vec::new()
    }

    pub(super) fn comment_saved(&mut self, result: Result<Comment, PostError>) -> Vec<Effect> {
        match result {
            Ok(comment) => {
                let edited =
                    matches!(&self.modal, Some(Modal::Editor(e)) if matches!(e.target, Target::Edit { .. }));
                if matches!(self.modal, Some(Modal::Editor(_))) {
                    self.modal = None;
                }
                let c = self.lang.c();
                let pending = comment.status == crate::domain::CommentStatus::Pending;
                self.notice = Some(
                    match (edited, pending) {
                        (true, _) => c.edited_notice,
                        (false, true) => c.posted_pending,
                        (false, false) => c.posted,
                    }
                    .to_string(),
                );
                // Said until the moderators decide: the thread reloaded after that takes it back.
                self.reader.pending_notice = pending.then_some(comment.id);
                self.reader.select_after_load = Some(comment.id);
                vec![BulletinOp::LoadComments(comment.article_id).into(), BulletinOp::LoadArticles.into()]
            }
            Err(e) => {
                self.editor_refused(self.lang.post_error(&e));
                Vec::new()
            }
        }
    }

    pub(super) fn comment_deleted(&mut self, result: Result<(), PostError>) -> Vec<Effect> {
        match result {
            Ok(()) => {
                self.notice = Some(self.lang.c().deleted_notice.to_string());
                let mut effects = vec![BulletinOp::LoadArticles.into()];
                effects.extend(self.reader.article_id().map(|id| BulletinOp::LoadComments(id).into()));
                effects
            }
            Err(e) => {
                self.notice = Some(self.lang.post_error(&e));
                Vec::new()
            }
        }
    }
}
