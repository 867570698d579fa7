//! The keys of « Réseau »: the directory, a member's profile, the conversations, one
//! conversation, one's own profile, and the prompts they open.

use super::list::movement;
use super::modal::{Intent, Modal, Prompt, PromptKind};
use super::network::{NetMode, NetOp, NetPrompt, OwnRow, RADII, len, net, own_rows};
use super::spaces::Chosen;
use super::{App, Loading, View};
use crate::domain::network::WorkStatus;
use crate::domain::network::{MemberQuery, ProfileField, report_reason};
use crate::ui::event::{Effect, Key};

impl App {
    pub(super) fn network_key(&mut self, key: Key) -> Vec<Effect> {
        let page = self.body_rows().saturating_sub(4) / 4;
        match self.network.mode {
            NetMode::Directory => self.directory_key(key, page),
            NetMode::Member => self.member_key(key),
            NetMode::Inbox => self.inbox_key(key, page),
            NetMode::Thread => self.thread_key(key, page),
            NetMode::Mine => self.mine_key(key),
        }
    }

    fn directory_key(&mut self, key: Key, page: usize) -> Vec<Effect> {
        if let Some(m) = movement(key, page) {
            self.network.selected = m.apply(self.network.selected, len(&self.network.results));
            return Vec::new();
        }
        let q = &mut self.network.query;
        match key {
            Key::Enter | Key::Right | Key::Char('l') => {
                let Some(id) = self.network.selected_card().map(|c| c.user_id) else { return Vec::new() };
                self.open_card(id)
            }
            Key::Char('m') => match self.network.selected_card() {
                Some(card) => {
                    let intent = Intent::Message(card.user_id, card.handle.clone());
                    self.write_to(intent)
                }
                None => Vec::new(),
            },
            Key::Char('/') => {
                let text = q.skill.clone().unwrap_or_default();
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Net(NetPrompt::Skill), &text)));
                Vec::new()
            }
            Key::Char('f') => {
                q.status = WorkStatus::cycle(q.status);
                self.search_members()
            }
            Key::Char('n') => self.commune_prompt(NetPrompt::Near, ""),
            Key::Char('w') if q.near.is_some() => {
                let i = RADII.iter().position(|r| *r == q.within_km).unwrap_or(0);
                q.within_km = RADII[(i + 1) % RADII.len()];
                self.search_members()
            }
            Key::Char('c') => {
                q.online_only = !q.online_only;
                self.search_members()
            }
            Key::Char('x') => {
                self.network.query = MemberQuery::default();
                self.search_members()
            }
            Key::Char('i') => self.open_conversations(),
            Key::Char('e') => self.open_mine(),
            Key::Esc | Key::Char('q') => {
                self.view = View::List;
                vec![super::BulletinOp::LoadArticles.into()]
            }
            _ => Vec::new(),
        }
    }

    fn open_card(&mut self, id: i64) -> Vec<Effect> {
        self.network.mode = NetMode::Member;
        self.network.card_id = Some(id);
        self.network.card = Loading::Loading;
        vec![net(NetOp::LoadCard(id))]
    }

    fn member_key(&mut self, key: Key) -> Vec<Effect> {
        match key {
            Key::Char('m') => match &self.network.card {
                Loading::Ready(Some(card)) => {
                    let intent = Intent::Message(card.user_id, card.handle.clone());
                    self.write_to(intent)
                }
                _ => Vec::new(),
            },
            // A profile opens only from the directory.
            Key::Esc | Key::Char('q') | Key::Left | Key::Char('h') | Key::Backspace => {
                self.network.mode = NetMode::Directory;
                self.network_reload()
            }
            _ => Vec::new(),
        }
    }

    /// A message to the member of a profile; one's own profile is refused at once, saying
    /// why, rather than by the store after the text is written.
    fn write_to(&mut self, intent: Intent) -> Vec<Effect> {
        if let Intent::Message(to, _) = intent
            && self.identity.user_id() == Some(to)
        {
            self.notice = Some(self.lang.forms().own_profile_message.to_string());
            return Vec::new();
        }
        self.start_writing(intent)
    }

    /// Guests have no messages and no profile: they are told how to get a key.
    fn members_only(&mut self) -> bool {
        if self.identity.is_guest() {
            self.modal = Some(Modal::NeedKey);
            return false;
        }
        true
    }

    fn open_conversations(&mut self) -> Vec<Effect> {
        if !self.members_only() {
            return Vec::new();
        }
        self.network.mode = NetMode::Inbox;
        self.network.conversations = Loading::Loading;
        vec![net(NetOp::LoadConversations)]
    }

    fn open_mine(&mut self) -> Vec<Effect> {
        if !self.members_only() {
            return Vec::new();
        }
        self.network.mode = NetMode::Mine;
        self.network.own = Loading::Loading;
        vec![net(NetOp::LoadOwn)]
    }

    pub(super) fn open_thread(&mut self, other: i64, back: NetMode) -> Vec<Effect> {
        self.network.mode = NetMode::Thread;
        self.network.back = back;
        if self.network.thread_with != Some(other) {
            self.network.thread = Loading::Loading;
        }
        self.network.thread_with = Some(other);
        self.network.msg_sel = usize::MAX;
        vec![net(NetOp::LoadThread(other))]
    }

    fn inbox_key(&mut self, key: Key, page: usize) -> Vec<Effect> {
        if let Some(m) = movement(key, page) {
            self.network.conv_sel = m.apply(self.network.conv_sel, len(&self.network.conversations));
            return Vec::new();
        }
        let selected = match &self.network.conversations {
            Loading::Ready(list) => list.get(self.network.conv_sel).map(|c| c.other_id),
            _ => None,
        };
        match (key, selected) {
            (Key::Enter | Key::Right | Key::Char('l'), Some(other)) => {
                self.open_thread(other, NetMode::Inbox)
            }
            (Key::Esc | Key::Char('q') | Key::Left | Key::Char('h'), _) => {
                self.network.mode = NetMode::Directory;
                self.search_members()
            }
            _ => Vec::new(),
        }
    }

    fn thread_key(&mut self, key: Key, page: usize) -> Vec<Effect> {
        let count = match &self.network.thread {
            Loading::Ready(t) => t.messages.len(),
            _ => 0,
        };
        if let Some(m) = movement(key, page) {
            self.network.msg_sel = m.apply(self.network.msg_sel, count);
            return Vec::new();
        }
        let Loading::Ready(thread) = &self.network.thread else {
            if matches!(key, Key::Esc | Key::Char('q')) {
                self.network.mode = self.network.back;
                return self.network_reload();
            }
            return Vec::new();
        };
        let (other, handle, blocked) = (thread.other_id, thread.other.clone(), thread.blocked);
        match key {
            Key::Char('m' | 'r') | Key::Enter => self.start_writing(Intent::Message(other, handle)),
            Key::Char('b') => vec![net(NetOp::Block(other, !blocked))],
            Key::Char('!') => {
                let me = self.identity.user_id();
                match self.network.selected_message() {
                    Some(m) if thread.reported.contains(&m.id) => {
                        self.notice = Some(self.lang.n().already_reported.to_string());
                    }
                    Some(m) if Some(m.sender_id) != me => {
                        let prompt = Prompt::new(PromptKind::Net(NetPrompt::Report(m.id)), "");
                        self.modal = Some(Modal::Prompt(prompt));
                    }
                    _ => self.notice = Some(self.lang.n().report_only_theirs.to_string()),
                }
                Vec::new()
            }
            Key::Esc | Key::Char('q') | Key::Left | Key::Char('h') => {
                self.network.mode = self.network.back;
                self.network_reload()
            }
            _ => Vec::new(),
        }
    }

    fn mine_key(&mut self, key: Key) -> Vec<Effect> {
        let rows = own_rows();
        if let Some(m) = movement(key, 4) {
            self.network.own_row = m.apply(self.network.own_row, rows.len());
            return Vec::new();
        }
        if matches!(key, Key::Esc | Key::Char('q') | Key::Left) {
            self.network.mode = NetMode::Directory;
            return self.search_members();
        }
        if !matches!(key, Key::Enter | Key::Char(' ')) {
            return Vec::new();
        }
        let Loading::Ready(own) = &self.network.own else { return Vec::new() };
        let field = match rows.get(self.network.own_row) {
            Some(OwnRow::Published) if !own.published && self.handle().is_none() => {
                return self.start_writing(Intent::Publish);
            }
            Some(OwnRow::Published) => ProfileField::Published(!own.published),
            Some(OwnRow::Commune) => {
                let town = own.commune.clone().unwrap_or_default();
                return self.commune_prompt(NetPrompt::Commune, &town);
            }
            Some(OwnRow::Status) => ProfileField::Status(WorkStatus::cycle(own.status)),
            Some(OwnRow::Skills) => {
                let text = own.skills.join(", ");
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Net(NetPrompt::Skills), &text)));
                return Vec::new();
            }
            Some(OwnRow::Open(o)) => {
                let mut list = own.open_to.clone();
                match list.iter().position(|x| x == o) {
                    Some(i) => {
                        list.remove(i);
                    }
                    None => list.push(*o),
                }
                ProfileField::OpenTo(list)
            }
            Some(OwnRow::Presentation) => {
                let text = own.presentation.replace('\n', " ");
                self.modal =
                    Some(Modal::Prompt(Prompt::new(PromptKind::Net(NetPrompt::Presentation), &text)));
                return Vec::new();
            }
            Some(OwnRow::VisibleOnline) => ProfileField::VisibleOnline(!own.visible_online),
            None => return Vec::new(),
        };
        vec![net(NetOp::Update(field))]
    }

    fn commune_prompt(&mut self, kind: NetPrompt, text: &str) -> Vec<Effect> {
        self.spaces.completions.clear();
        self.spaces.completions_for.clear();
        self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Net(kind), text)));
        self.near_typed(text)
    }

    /// Enter in one of the section's prompts.
    pub(super) fn network_prompt(&mut self, kind: NetPrompt, prompt: &mut Prompt) -> Chosen {
        let text = prompt.input.lines().join("");
        let text = text.trim();
        match kind {
            NetPrompt::Skill => {
                self.network.query.skill = (!text.is_empty()).then(|| text.to_string());
                Chosen::Close(self.search_members())
            }
            NetPrompt::Report(message) => {
                Chosen::Close(vec![net(NetOp::Report { message, reason: report_reason(text) })])
            }
            NetPrompt::Skills => {
                Chosen::Close(vec![net(NetOp::Update(ProfileField::Skills(text.to_string())))])
            }
            NetPrompt::Presentation => {
                Chosen::Close(vec![net(NetOp::Update(ProfileField::Presentation(text.to_string())))])
            }
            NetPrompt::Near if text.is_empty() => {
                self.network.query.near = None;
                self.network.query.within_km = None;
                Chosen::Close(self.search_members())
            }
            NetPrompt::Commune if text.is_empty() => {
                Chosen::Close(vec![net(NetOp::Update(ProfileField::Commune(None)))])
            }
            NetPrompt::Near | NetPrompt::Commune => match self.chosen_commune(prompt) {
                Ok(commune) if kind == NetPrompt::Near => {
                    self.network.query.near = Some(commune);
                    Chosen::Close(self.search_members())
                }
                Ok(commune) => {
                    Chosen::Close(vec![net(NetOp::Update(ProfileField::Commune(Some(commune.insee))))])
                }
                Err(wait) => wait,
            },
        }
    }

    /// After a handle was chosen for something other than a comment.
    pub(super) fn network_intent(&mut self, intent: Intent) -> Vec<Effect> {
        match intent {
            Intent::Publish => vec![net(NetOp::Update(ProfileField::Published(true)))],
            _ => Vec::new(),
        }
    }
}
