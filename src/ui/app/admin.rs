//! The admin console's state and keys: a dashboard, the articles in every state, the
//! moderation queue, the members. Only a local console (`cedille admin`) has this state; the
//! effects it asks for are performed only there, signed with the system user's name.

use chrono::Utc;

use super::editor::{Editor, Target};
use super::modal::{Modal, Prompt, PromptKind};
use super::{App, Loading, View};
use crate::domain::CommentStatus;
use crate::domain::admin::{AuditEntry, Connected, Figures, MemberRow, Queue, QueueItem, ReportDecision};
use crate::domain::article::{ArticleRow, ArticleState};
use crate::domain::frontmatter::{parse_article, parse_date};
use crate::ui::event::{AdminOp, AdminResult, Doc, Effect, Key};

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
    pub reports: Loading<Vec<crate::domain::admin::ReportItem>>,
    pub report_sel: usize,
    pub members: Loading<Vec<MemberRow>>,
    pub member_sel: usize,
    /// A long action is under way (import, export): said on the status line.
    pub busy: Option<String>,
}

impl AdminState {
    pub fn new(external_editor: bool) -> AdminState {
        AdminState {
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

fn load(section: Section, queue: Queue) -> Effect {
    Effect::Admin(match section {
        Section::Dashboard => AdminOp::LoadDashboard,
        Section::Articles => AdminOp::LoadArticles,
        Section::Moderation => AdminOp::LoadQueue(queue),
        Section::Members => AdminOp::LoadMembers,
    })
}

fn step(sel: &mut usize, len: usize, by: isize) {
    let last = len.saturating_sub(1) as isize;
    *sel = (*sel as isize + by).clamp(0, last.max(0)) as usize;
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
            View::List => vec![Effect::LoadArticles],
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

    pub(super) fn admin_key(&mut self, section: Section, key: Key) -> Vec<Effect> {
        if let Key::Char(c @ '1'..='7') = key {
            return self.go(ORDER[usize::from(c as u8 - b'1')]);
        }
        let page = (self.body_rows() / 2).max(1) as isize;
        let by = match key {
            Key::Down | Key::Char('j') => 1,
            Key::Up | Key::Char('k') => -1,
            Key::PageDown | Key::Char(' ') => page,
            Key::PageUp => -page,
            Key::Home | Key::Char('g') => -isize::MAX / 2,
            Key::End | Key::Char('G') => isize::MAX / 2,
            _ => 0,
        };
        let Some(admin) = &mut self.admin else { return Vec::new() };
        if by != 0 {
            match section {
                Section::Articles => {
                    let len = match &admin.articles {
                        Loading::Ready(l) => l.len(),
                        _ => 0,
                    };
                    step(&mut admin.article_sel, len, by);
                }
                Section::Moderation if admin.queue == Queue::Reports => {
                    let len = match &admin.reports {
                        Loading::Ready(l) => l.len(),
                        _ => 0,
                    };
                    step(&mut admin.report_sel, len, by);
                }
                Section::Moderation => {
                    let len = match &admin.items {
                        Loading::Ready(l) => l.len(),
                        _ => 0,
                    };
                    step(&mut admin.item_sel, len, by);
                }
                Section::Members => {
                    let len = match &admin.members {
                        Loading::Ready(l) => l.len(),
                        _ => 0,
                    };
                    step(&mut admin.member_sel, len, by);
                }
                Section::Dashboard => {}
            }
            return Vec::new();
        }
        if key == Key::Char('q') {
            return self.quit();
        }
        if key == Key::Char('r') && section != Section::Members {
            return vec![load(section, admin.queue)];
        }
        match section {
            Section::Dashboard => match key {
                Key::Char('m') => self.go(View::Admin(Section::Moderation)),
                _ => Vec::new(),
            },
            Section::Articles => self.articles_key(key),
            Section::Moderation => self.moderation_key(key),
            Section::Members => self.members_key(key),
        }
    }

    fn articles_key(&mut self, key: Key) -> Vec<Effect> {
        let Some(admin) = &self.admin else { return Vec::new() };
        let selected = admin.selected_article().map(|a| (a.id, a.state, a.title.clone()));
        match (key, selected) {
            (Key::Char('n'), _) => vec![Effect::Admin(AdminOp::Open(Doc::Article(None)))],
            (Key::Enter | Key::Char('e'), Some((id, ..))) => {
                vec![Effect::Admin(AdminOp::Open(Doc::Article(Some(id))))]
            }
            (Key::Char('p'), Some((id, state, _))) if state != ArticleState::Published => {
                vec![Effect::Admin(AdminOp::Publish(id))]
            }
            (Key::Char('u'), Some((id, state, _))) if state != ArticleState::Draft => {
                vec![Effect::Admin(AdminOp::Unpublish(id))]
            }
            (Key::Char('s'), Some((id, ..))) => {
                self.modal =
                    Some(Modal::Prompt(Prompt::new(PromptKind::Admin(AdminPrompt::Schedule(id)), "")));
                Vec::new()
            }
            (Key::Char('d'), Some((id, _, title))) => {
                self.modal = Some(Modal::Confirm(
                    AdminOp::DeleteArticle(id),
                    self.lang.confirm_delete_article(&title),
                ));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn moderation_key(&mut self, key: Key) -> Vec<Effect> {
        let Some(admin) = &mut self.admin else { return Vec::new() };
        if matches!(key, Key::Char('v')) {
            admin.queue = match admin.queue {
                Queue::Pending => Queue::Hidden,
                Queue::Hidden => Queue::Reports,
                Queue::Reports => Queue::Pending,
            };
            admin.item_sel = 0;
            admin.items = Loading::Loading;
            return vec![Effect::Admin(AdminOp::LoadQueue(admin.queue))];
        }
        if admin.queue == Queue::Reports {
            return self.reports_key(key);
        }
        let Some(item) = admin.selected_item() else { return Vec::new() };
        let id = item.comment.id;
        let author = if item.comment.author.is_empty() {
            format!("#{}", item.comment.author_id)
        } else {
            item.comment.author.clone()
        };
        match key {
            Key::Char('a') => vec![Effect::Admin(AdminOp::Moderate(id, CommentStatus::Published))],
            Key::Char('h') => vec![Effect::Admin(AdminOp::Moderate(id, CommentStatus::Hidden))],
            Key::Char('x') | Key::Char('d') => {
                let question = self.lang.confirm_delete_comment(id);
                self.modal = Some(Modal::Confirm(AdminOp::Moderate(id, CommentStatus::Deleted), question));
                Vec::new()
            }
            Key::Char('m') => vec![
                Effect::Admin(AdminOp::ApproveMember(author)),
                Effect::Admin(AdminOp::Moderate(id, CommentStatus::Published)),
            ],
            _ => Vec::new(),
        }
    }

    /// A reported message: dismiss the report, or suspend its sender (asked first).
    fn reports_key(&mut self, key: Key) -> Vec<Effect> {
        let Some(admin) = &self.admin else { return Vec::new() };
        let Loading::Ready(list) = &admin.reports else { return Vec::new() };
        let Some(item) = list.get(admin.report_sel) else { return Vec::new() };
        let id = item.id;
        let sender = crate::text::clean_line(&item.message.sender);
        match key {
            Key::Char('d') | Key::Char('x') => {
                vec![Effect::Admin(AdminOp::DecideReport(id, ReportDecision::Dismiss))]
            }
            Key::Char('s') | Key::Char('b') => {
                let question = self.lang.confirm_suspend_sender(&sender);
                self.modal =
                    Some(Modal::Confirm(AdminOp::DecideReport(id, ReportDecision::Suspend), question));
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn members_key(&mut self, key: Key) -> Vec<Effect> {
        let Some(admin) = &self.admin else { return Vec::new() };
        let Some(m) = admin.selected_member() else { return Vec::new() };
        let who = m.name();
        match key {
            Key::Char('b') if !m.banned => {
                self.modal =
                    Some(Modal::Confirm(AdminOp::Ban(who.clone(), true), self.lang.confirm_ban(&who)));
                Vec::new()
            }
            Key::Char('b') => vec![Effect::Admin(AdminOp::Ban(who, false))],
            Key::Char('r') => {
                let current = m.handle.clone().unwrap_or_default();
                self.modal =
                    Some(Modal::Prompt(Prompt::new(PromptKind::Admin(AdminPrompt::Rename(who)), &current)));
                Vec::new()
            }
            Key::Char('o') => {
                let role = if m.role == "member" { "moderator" } else { "member" };
                vec![Effect::Admin(AdminOp::SetRole(who, role.to_string()))]
            }
            Key::Char('a') if !m.approved => vec![Effect::Admin(AdminOp::ApproveMember(who))],
            _ => Vec::new(),
        }
    }

    /// Keys of the directory that only the console has: delete, import, export.
    pub(super) fn admin_spaces_key(&mut self, key: Key) -> Option<Vec<Effect>> {
        self.admin.as_ref()?;
        match key {
            Key::Char('A') => Some(vec![Effect::Admin(AdminOp::Open(Doc::Space(None)))]),
            Key::Char('E') => {
                let id = self.spaces.selected_hit().map(|h| h.space.id)?;
                Some(vec![Effect::Admin(AdminOp::Open(Doc::Space(Some(id))))])
            }
            Key::Char('D') => {
                let (id, name) =
                    self.spaces.selected_hit().map(|h| (h.space.id, h.space.fields.name.clone()))?;
                self.modal =
                    Some(Modal::Confirm(AdminOp::DeleteSpace(id), self.lang.confirm_delete_space(&name)));
                Some(Vec::new())
            }
            Key::Char('I') => {
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Admin(AdminPrompt::Import), "")));
                Some(Vec::new())
            }
            Key::Char('X') => {
                let name = format!("spaces-{}.csv", self.now.format("%Y-%m-%d"));
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Admin(AdminPrompt::Export), &name)));
                Some(Vec::new())
            }
            _ => None,
        }
    }

    /// Enter on a console prompt: the action, or the prompt again with what is wrong.
    pub(super) fn admin_prompt(&mut self, kind: AdminPrompt, text: String) -> (Option<Modal>, Vec<Effect>) {
        let text = text.trim().to_string();
        let op = match &kind {
            AdminPrompt::Schedule(id) => match parse_date(&text) {
                Some(at) if at > Utc::now() => AdminOp::Schedule(*id, at),
                _ => {
                    let mut prompt = Prompt::new(PromptKind::Admin(kind), &text);
                    prompt.error = Some(self.lang.a().bad_date.to_string());
                    return (Some(Modal::Prompt(prompt)), Vec::new());
                }
            },
            AdminPrompt::Rename(who) => AdminOp::Rename(who.clone(), text),
            AdminPrompt::Import if text.is_empty() => return (None, Vec::new()),
            AdminPrompt::Import => AdminOp::ImportSpaces(text),
            AdminPrompt::Export if text.is_empty() => return (None, Vec::new()),
            AdminPrompt::Export => AdminOp::ExportSpaces(text),
        };
        if let (Some(admin), AdminOp::ImportSpaces(_) | AdminOp::ExportSpaces(_)) = (&mut self.admin, &op) {
            admin.busy = Some(self.lang.a().working.to_string());
        }
        (None, vec![Effect::Admin(op)])
    }

    /// A document's text goes to the admin's editor, or to the built-in one.
    fn edit_doc(&mut self, doc: Doc, text: String, error: Option<String>) -> Vec<Effect> {
        let external = self.admin.as_ref().is_some_and(|a| a.external_editor);
        if external && error.is_none() {
            return vec![Effect::EditExternally(doc, text)];
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

    /// Ctrl-S in the built-in editor on a document: the same checks, and the editor stays
    /// as it is (its cursor where the admin left it) with the error, or waits for the store.
    pub(super) fn doc_sent(&mut self, doc: Doc, mut editor: Editor) -> (Option<Modal>, Vec<Effect>) {
        let text = editor.text();
        let op = match doc {
            Doc::Article(id) => match parse_article(&text, self.now) {
                Ok(article) => AdminOp::SaveArticle(id, article),
                Err(e) => {
                    editor.error = Some(self.lang.front_matter_error(&e));
                    return (Some(Modal::Editor(editor)), Vec::new());
                }
            },
            Doc::Space(id) => AdminOp::SaveSpace(id, text),
        };
        editor.sending = true;
        editor.error = None;
        (Some(Modal::Editor(editor)), vec![Effect::Admin(op)])
    }

    /// The text of a document came back from the admin's own editor: checked, then saved;
    /// when it does not pass, the built-in editor opens on it with the error, nothing lost.
    pub(super) fn doc_text_done(&mut self, doc: Doc, text: String) -> Vec<Effect> {
        let op = match doc {
            Doc::Article(id) => match parse_article(&text, self.now) {
                Ok(article) => AdminOp::SaveArticle(id, article),
                Err(e) => return self.edit_doc(doc, text, Some(self.lang.front_matter_error(&e))),
            },
            // Only the store can check a space whole (its commune must exist).
            Doc::Space(id) => AdminOp::SaveSpace(id, text.clone()),
        };
        // Kept open (and waiting) until the store says it is saved.
        let mut editor = Editor::new(Target::Doc(doc), &text);
        editor.limit = ARTICLE_MAX_CHARS;
        editor.sending = true;
        self.modal = Some(Modal::Editor(editor));
        vec![Effect::Admin(op)]
    }

    pub(super) fn admin_result(&mut self, result: AdminResult) -> Vec<Effect> {
        let Some(admin) = &mut self.admin else { return Vec::new() };
        match result {
            AdminResult::Dashboard(r) => admin.dashboard = r.map_or(Loading::Failed, Loading::Ready),
            AdminResult::Articles(r) => {
                if let Ok(list) = &r {
                    let keep = admin.selected_article().map(|a| a.id);
                    admin.article_sel = keep
                        .and_then(|id| list.iter().position(|a| a.id == id))
                        .unwrap_or(admin.article_sel)
                        .min(list.len().saturating_sub(1));
                }
                admin.articles = r.map_or(Loading::Failed, Loading::Ready);
            }
            AdminResult::Queue(queue, r) if queue == admin.queue => {
                if let Ok(list) = &r {
                    admin.item_sel = admin.item_sel.min(list.len().saturating_sub(1));
                }
                admin.items = r.map_or(Loading::Failed, Loading::Ready);
            }
            AdminResult::Queue(..) => {}
            AdminResult::Reports(r) => {
                if let Ok(list) = &r {
                    admin.report_sel = admin.report_sel.min(list.len().saturating_sub(1));
                }
                admin.reports = r.map_or(Loading::Failed, Loading::Ready);
            }
            AdminResult::Members(r) => {
                if let Ok(list) = &r {
                    let keep = admin.selected_member().map(|m| m.id);
                    admin.member_sel = keep
                        .and_then(|id| list.iter().position(|m| m.id == id))
                        .unwrap_or(admin.member_sel)
                        .min(list.len().saturating_sub(1));
                }
                admin.members = r.map_or(Loading::Failed, Loading::Ready);
            }
            AdminResult::Text(doc, Ok(text)) => return self.edit_doc(doc, text, None),
            AdminResult::Text(_, Err(e)) => self.notice = Some(e),
            AdminResult::Edited(doc, Ok(text)) => return self.doc_text_done(doc, text),
            AdminResult::Edited(doc, Err(e)) => {
                // The editor could not run: the built-in one takes over, with the reason.
                if let Some(admin) = &mut self.admin {
                    admin.external_editor = false;
                }
                self.notice = Some(e);
                return vec![Effect::Admin(AdminOp::Open(doc))];
            }
            AdminResult::Saved(doc, Ok(id)) => {
                if matches!(self.modal, Some(Modal::Editor(_))) {
                    self.modal = None;
                }
                self.notice = Some(self.lang.saved(doc, id));
                if self.view == View::Spaces {
                    return self.search_spaces();
                }
                return self.admin_reload();
            }
            AdminResult::Saved(_, Err(e)) => match &mut self.modal {
                Some(Modal::Editor(editor)) => {
                    editor.sending = false;
                    editor.error = Some(e);
                }
                _ => self.notice = Some(e),
            },
            AdminResult::Done(op, r) => {
                admin.busy = None;
                self.notice = Some(match r {
                    Ok(detail) => self.lang.done(&op, &detail),
                    Err(e) => e,
                });
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
                return self.admin_reload();
            }
        }
        Vec::new()
    }
}

/// An article is longer than a comment, but not without end.
pub const ARTICLE_MAX_CHARS: usize = 200_000;
