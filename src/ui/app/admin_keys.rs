//! The console's keys: its sections' lists (articles, moderation, reports, members) and the
//! admin's own keys over the members' directory.

use super::admin::{AdminOp, AdminPrompt, Doc, ORDER, Section, load};
use super::list::movement;
use super::modal::{Confirm, Modal, Prompt, PromptKind};
use super::network::len;
use super::{App, Loading, View};
use crate::domain::CommentStatus;
use crate::domain::admin::{Queue, ReportDecision};
use crate::domain::article::ArticleState;
use crate::ui::event::{Effect, Key};

impl App {
    pub(super) fn admin_key(&mut self, section: Section, key: Key) -> Vec<Effect> {
        if let Key::Char(c @ '1'..='7') = key {
            return self.go(ORDER[usize::from(c as u8 - b'1')]);
        }
        let moved = movement(key, self.body_rows() / 2);
        let Some(admin) = &mut self.admin else { return Vec::new() };
        if let Some(m) = moved {
            let (sel, len) = match section {
                Section::Articles => (&mut admin.article_sel, len(&admin.articles)),
                Section::Moderation if admin.queue == Queue::Reports => {
                    (&mut admin.report_sel, len(&admin.reports))
                }
                Section::Moderation => (&mut admin.item_sel, len(&admin.items)),
                Section::Members => (&mut admin.member_sel, len(&admin.members)),
                Section::Dashboard => return Vec::new(),
            };
            *sel = m.apply(*sel, len);
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
                self.modal = Some(Confirm::ask(
                    self.lang.confirm_delete_article(&title),
                    vec![AdminOp::DeleteArticle(id).into()],
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
                self.modal =
                    Some(Confirm::ask(question, vec![AdminOp::Moderate(id, CommentStatus::Deleted).into()]));
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
                self.modal = Some(Confirm::ask(
                    question,
                    vec![AdminOp::DecideReport(id, ReportDecision::Suspend).into()],
                ));
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
                self.modal = Some(Confirm::ask(
                    self.lang.confirm_ban(&who),
                    vec![AdminOp::Ban(who.clone(), true).into()],
                ));
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
                self.modal = Some(Confirm::ask(
                    self.lang.confirm_delete_space(&name),
                    vec![AdminOp::DeleteSpace(id).into()],
                ));
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
}
