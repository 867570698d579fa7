//! The admin console's state and keys: a dashboard, the articles in every state, the
//! moderation queue, the members. Only a local console (`cedille admin`) has this state; the
//! effects it asks for are performed only there, signed with the system user's name.

use super::list::keep;
use super::modal::{Confirm, Modal, Prompt, PromptKind};
use super::{App, Loading, View};
use crate::domain::Fault;
use crate::domain::admin::{AuditEntry, Connected, Figures, MemberRow, Queue, QueueItem, ReportItem};
use crate::domain::article::ArticleRow;
use crate::domain::frontmatter::parse_date;
use crate::ui::event::Effect;

pub use crate::domain::console::{AdminError, AdminOp, Detail, Doc};

/// What the admin console gets back.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminResult {
    Dashboard(Result<(Figures, Vec<Connected>, Vec<AuditEntry>), Fault>),
    Articles(Result<Vec<ArticleRow>, Fault>),
    Queue(Queue, Result<Vec<QueueItem>, Fault>),
    /// Open reports of private messages.
    Reports(Result<Vec<ReportItem>, Fault>),
    Members(Result<Vec<MemberRow>, Fault>),
    /// The text of a document to edit: an article's front matter and Markdown, a space's
    /// record.
    Text(Doc, Result<String, AdminError>),
    /// The text the external editor gave back, or why it could not run.
    Edited(Doc, Result<String, AdminError>),
    /// A document was saved (its id), or why not (the text is still in the editor).
    Saved(Doc, Result<i64, AdminError>),
    /// An action ended: which, with a detail to tell (an import's report), or why it failed.
    Done(AdminOp, Result<Detail, AdminError>),
}

impl From<AdminOp> for Effect {
    fn from(op: AdminOp) -> Effect {
        Effect::Admin(op)
    }
}

impl From<AdminResult> for crate::ui::event::Event {
    fn from(result: AdminResult) -> Self {
        crate::ui::event::Event::Admin(Box::new(result))
    }
}

/// The console's own sections; the directory and the bulletin are the members' screens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Dashboard,
    Articles,
    Moderation,
    Members,
}

/// What a one-line prompt of the console asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum AdminPrompt {
    /// The date to publish article `id` at.
    Schedule(i64),
    /// A new handle for the member.
    Rename(String),
    /// The CSV file to import spaces from.
    Import,
    /// The CSV file to export spaces to.
    Export,
}

pub struct AdminState {
    /// The name the console's actions are signed with in the audit log (`console:camille`).
    pub actor: String,
    /// Whether `$VISUAL` or `$EDITOR` names an editor; otherwise the built-in one is used.
    pub external_editor: bool,
    pub section: Section,
    pub dashboard: Loading<(Figures, Vec<Connected>, Vec<AuditEntry>)>,
    pub articles: Loading<Vec<ArticleRow>>,
    pub article_sel: usize,
    pub queue: Queue,
    pub items: Loading<Vec<QueueItem>>,
    pub item_sel: usize,
    /// Reported private messages (the third list of the moderation section).
    pub reports: Loading<Vec<ReportItem>>,
    pub report_sel: usize,
    pub members: Loading<Vec<MemberRow>>,
    pub member_sel: usize,
    /// A long action is under way (import, export): said on the status line.
    pub busy: Option<String>,
    /// The text of the document being edited as it was opened (the store's, or the
    /// template): a save checks that the store still has it, and a text still equal to it
    /// has nothing to save.
    pub base: String,
    /// The action the open dialog (a prompt, a question) waits for: until it comes back, its
    /// keys wait too, and a failure is said inside it.
    pub awaiting: Option<AdminOp>,
}

impl AdminState {
    pub fn new(actor: String, external_editor: bool) -> AdminState {
        AdminState {
            actor,
            external_editor,
            section: Section::Dashboard,
            dashboard: Loading::Loading,
            articles: Loading::Loading,
            article_sel: 0,
            queue: Queue::Pending,
            items: Loading::Loading,
            item_sel: 0,
            reports: Loading::Loading,
            report_sel: 0,
            members: Loading::Loading,
            member_sel: 0,
            busy: None,
            base: String::new(),
            awaiting: None,
        }
    }

    pub fn selected_article(&self) -> Option<&ArticleRow> {
        match &self.articles {
            Loading::Ready(list) => list.get(self.article_sel),
            _ => None,
        }
    }

    pub fn selected_item(&self) -> Option<&QueueItem> {
        match &self.items {
            Loading::Ready(list) => list.get(self.item_sel),
            _ => None,
        }
    }

    pub fn selected_member(&self) -> Option<&MemberRow> {
        match &self.members {
            Loading::Ready(list) => list.get(self.member_sel),
            _ => None,
        }
    }
}

/// The order Tab walks through: the console's sections, then the members' screens.
pub(super) const ORDER: [View; 7] = [
    View::Admin(Section::Dashboard),
    View::Admin(Section::Articles),
    View::Admin(Section::Moderation),
    View::Admin(Section::Members),
    View::Spaces,
    View::Agenda,
    View::List,
];

pub(super) fn load(section: Section, queue: Queue) -> Effect {
    Effect::Admin(match section {
        Section::Dashboard => AdminOp::LoadDashboard,
        Section::Articles => AdminOp::LoadArticles,
        Section::Moderation => AdminOp::LoadQueue(queue),
        Section::Members => AdminOp::LoadMembers,
    })
}

impl App {
    pub fn is_admin(&self) -> bool {
        self.admin.is_some()
    }

    /// Tab in the console: the next section (BackTab: the previous one).
    pub(super) fn admin_next_section(&mut self, back: bool) -> Vec<Effect> {
        let here = ORDER.iter().position(|v| *v == self.view).unwrap_or(0);
        let n = ORDER.len();
        let next = ORDER[if back { (here + n - 1) % n } else { (here + 1) % n }];
        self.go(next)
    }

    /// Opens a view of the console with fresh data.
    pub(super) fn go(&mut self, view: View) -> Vec<Effect> {
        self.view = view;
        match view {
            View::Admin(section) => {
                let Some(admin) = &mut self.admin else { return Vec::new() };
                admin.section = section;
                vec![load(section, admin.queue)]
            }
            View::Spaces => {
                self.view = View::Spaces;
                self.spaces.started = true;
                self.search_spaces()
            }
            View::Agenda => self.open_agenda(),
            View::List => vec![super::BulletinOp::LoadArticles.into()],
            _ => Vec::new(),
        }
    }

    /// What is on screen in the console reloads when the data changes, wherever it changed.
    pub(super) fn admin_reload(&self) -> Vec<Effect> {
        match (&self.admin, self.view) {
            (Some(admin), View::Admin(section)) => vec![load(section, admin.queue)],
            _ => Vec::new(),
        }
    }

    /// Enter on a console prompt: the action, the prompt waiting for it; or the prompt
    /// again with what is wrong.
    pub(super) fn admin_prompt(&mut self, mut prompt: Prompt) -> (Option<Modal>, Vec<Effect>) {
        let PromptKind::Admin(kind) = &prompt.kind else { return (Some(Modal::Prompt(prompt)), Vec::new()) };
        let text = prompt.input.lines().join("").trim().to_string();
        let op = match kind {
            AdminPrompt::Schedule(id) => match parse_date(&text) {
                Some(at) if at > self.now => AdminOp::Schedule(*id, at),
                _ => {
                    prompt.error = Some(self.lang.a().bad_date.to_string());
                    return (Some(Modal::Prompt(prompt)), Vec::new());
                }
            },
            AdminPrompt::Rename(who) => AdminOp::Rename(who.clone(), text),
            AdminPrompt::Import | AdminPrompt::Export if text.is_empty() => return (None, Vec::new()),
            AdminPrompt::Import => AdminOp::ImportSpaces(text),
            AdminPrompt::Export => AdminOp::ExportSpaces(text),
        };
        let Some(admin) = &mut self.admin else { return (None, Vec::new()) };
        if matches!(op, AdminOp::ImportSpaces(_) | AdminOp::ExportSpaces(_)) {
            admin.busy = Some(self.lang.a().working.to_string());
        }
        admin.awaiting = Some(op.clone());
        prompt.error = None;
        (Some(Modal::Prompt(prompt)), vec![Effect::Admin(op)])
    }

    pub(super) fn admin_result(&mut self, result: AdminResult) -> Vec<Effect> {
        let Some(admin) = &mut self.admin else { return Vec::new() };
        match result {
            AdminResult::Dashboard(r) => admin.dashboard = Loading::from_result(r),
            AdminResult::Articles(r) => {
                if let Ok(list) = &r {
                    let was = admin.selected_article().map(|a| a.id);
                    admin.article_sel = keep(list, admin.article_sel, was, |a| a.id);
                }
                admin.articles = Loading::from_result(r);
            }
            AdminResult::Queue(queue, r) if queue == admin.queue => {
                if let Ok(list) = &r {
                    admin.item_sel = keep(list, admin.item_sel, None, |i| i.comment.id);
                }
                admin.items = Loading::from_result(r);
            }
            AdminResult::Queue(..) => {}
            AdminResult::Reports(r) => {
                if let Ok(list) = &r {
                    admin.report_sel = keep(list, admin.report_sel, None, |i| i.id);
                }
                admin.reports = Loading::from_result(r);
            }
            AdminResult::Members(r) => {
                if let Ok(list) = &r {
                    let was = admin.selected_member().map(|m| m.id);
                    admin.member_sel = keep(list, admin.member_sel, was, |m| m.id);
                }
                admin.members = Loading::from_result(r);
            }
            result => return self.admin_answer(result),
        }
        Vec::new()
    }

    /// What the console hears back from its editor and its actions.
    fn admin_answer(&mut self, result: AdminResult) -> Vec<Effect> {
        match result {
            AdminResult::Text(doc, Ok(text)) => {
                if let Some(admin) = &mut self.admin {
                    admin.base = text.clone();
                }
                return self.edit_doc(doc, text, None);
            }
            AdminResult::Text(_, Err(e)) => self.notice = Some(self.lang.admin_error(&e)),
            AdminResult::Edited(doc, Ok(text)) => return self.doc_text_done(doc, text),
            AdminResult::Edited(doc, Err(e)) => {
                // The editor could not run: the built-in one takes over, with the reason.
                if let Some(admin) = &mut self.admin {
                    admin.external_editor = false;
                }
                self.notice = Some(self.lang.admin_error(&e));
                return vec![Effect::Admin(AdminOp::Open(doc))];
            }
            AdminResult::Saved(doc, result) => return self.doc_saved(doc, result),
            AdminResult::Done(op, r) => return self.admin_done(op, r),
            // Answered by `admin_result`.
            AdminResult::Dashboard(_)
            | AdminResult::Articles(_)
            | AdminResult::Queue(..)
            | AdminResult::Reports(_)
            | AdminResult::Members(_) => {}
        }
        Vec::new()
    }

    /// Whether the dialog on screen waits for its action (see [`AdminState::awaiting`]).
    pub fn dialog_waits(&self) -> bool {
        self.admin.as_ref().is_some_and(|a| a.awaiting.is_some())
            && matches!(self.modal, Some(Modal::Prompt(_) | Modal::Confirm(_)))
    }

    /// The dialog no longer waits: its action's outcome will be said on the status line.
    pub(super) fn stop_waiting(&mut self) {
        if let Some(admin) = &mut self.admin {
            admin.awaiting = None;
        }
    }

    /// Yes to a question. The console's question stays, waiting for its action, so that a
    /// failure is said under it; the members' questions close.
    pub(super) fn confirmed(&mut self, mut confirm: Confirm) -> (Option<Modal>, Vec<Effect>) {
        match (&mut self.admin, confirm.yes.as_slice()) {
            (Some(admin), [Effect::Admin(op)]) => {
                admin.awaiting = Some(op.clone());
                confirm.error = None;
                let yes = confirm.yes.clone();
                (Some(Modal::Confirm(confirm)), yes)
            }
            _ => (None, confirm.yes),
        }
    }

    /// An action ended. The dialog that waited for it closes when it is done, or keeps the
    /// reason inside it; an action from a list says how it went on the status line.
    fn admin_done(&mut self, op: AdminOp, r: Result<Detail, AdminError>) -> Vec<Effect> {
        let Some(admin) = &mut self.admin else { return Vec::new() };
        admin.busy = None;
        let said = match &r {
            Ok(detail) => self.lang.done(&op, detail),
            // A member is named by their handle, which they may have changed meanwhile.
            Err(AdminError::NotFound) if op.names_a_member() => self.lang.member_not_found().to_string(),
            Err(e) => self.lang.admin_error(e),
        };
        if admin.awaiting.as_ref() == Some(&op) {
            admin.awaiting = None;
            match (&mut self.modal, r.is_ok()) {
                (Some(Modal::Prompt(_) | Modal::Confirm(_)), true) => self.modal = None,
                (Some(Modal::Prompt(prompt)), false) => prompt.error = Some(said.clone()),
                (Some(Modal::Confirm(confirm)), false) => confirm.error = Some(said.clone()),
                _ => {}
            }
            if r.is_err() && self.modal.is_some() {
                // Said where the admin looks; what is under it reloads, as what failed
                // may have changed meanwhile.
                return self.admin_reload();
            }
        }
        self.notice = Some(said);
        if self.view == View::Spaces {
            // A space deleted or imported: the results say so at once.
            if self.spaces.mode == crate::ui::app::SpacesMode::Detail {
                self.spaces.mode = crate::ui::app::SpacesMode::List;
            }
            return self.search_spaces();
        }
        if self.view == View::Agenda {
            return self.agenda_reload();
        }
        self.admin_reload()
    }
}

/// An article is longer than a comment, but not without end.
pub const ARTICLE_MAX_CHARS: usize = 200_000;
