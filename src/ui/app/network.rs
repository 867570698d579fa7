//! « Réseau »: the directory of members who published a profile, one's own profile, and
//! private messages (conversations, one conversation, block, report).

use super::modal::{Intent, Modal, Prompt, PromptKind};
use super::spaces::Chosen;
use super::{App, Loading, View};
use crate::domain::comment::PostError;
use crate::domain::network::{Conversation, MemberCard, NetProfile, OpenTo, WorkStatus};
use crate::domain::network::{Inbox, MemberQuery, ProfileField, Thread};
use crate::ui::event::{Effect, Key};
use crate::ui::net_event::{NetOp, NetResult};

/// Radii offered by `w`, in km; `None` is « anywhere ».
const RADII: [Option<f64>; 5] = [None, Some(5.0), Some(10.0), Some(20.0), Some(50.0)];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetMode {
    /// The published profiles, with the search.
    Directory,
    /// One member's profile.
    Member,
    /// The member's conversations.
    Inbox,
    /// One conversation.
    Thread,
    /// The member's own profile, field by field.
    Mine,
}

/// What a prompt of the section asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NetPrompt {
    /// The skill the directory is searched by.
    Skill,
    /// The commune distances are measured from.
    Near,
    /// One's own commune.
    Commune,
    /// One's own skills, separated by commas.
    Skills,
    Presentation,
}

/// The rows of one's own profile, in order: what Enter changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnRow {
    Published,
    Commune,
    Status,
    Skills,
    Open(OpenTo),
    Presentation,
    VisibleOnline,
}

pub fn own_rows() -> Vec<OwnRow> {
    let mut rows = vec![OwnRow::Published, OwnRow::Commune, OwnRow::Status, OwnRow::Skills];
    rows.extend(OpenTo::ALL.iter().map(|o| OwnRow::Open(*o)));
    rows.extend([OwnRow::Presentation, OwnRow::VisibleOnline]);
    rows
}

pub struct NetworkState {
    pub mode: NetMode,
    pub query: MemberQuery,
    pub results: Loading<Vec<MemberCard>>,
    /// The number of the last search asked; older answers are dropped.
    pub seq: u64,
    pub selected: usize,
    /// The profile open in `Member` mode.
    pub card: Loading<Option<MemberCard>>,
    pub card_id: Option<i64>,
    pub own: Loading<NetProfile>,
    pub own_row: usize,
    pub conversations: Loading<Vec<Conversation>>,
    pub conv_sel: usize,
    pub thread: Loading<Thread>,
    pub thread_with: Option<i64>,
    /// The selected message of the conversation (the one `!` reports).
    pub msg_sel: usize,
    /// Where Esc goes from a conversation: the conversations, or the profile it began on.
    pub back: NetMode,
    /// What waits unread, from the last check.
    pub inbox: Inbox,
    pub started: bool,
}

impl NetworkState {
    pub fn new() -> NetworkState {
        NetworkState {
            mode: NetMode::Directory,
            query: MemberQuery::default(),
            results: Loading::Loading,
            seq: 0,
            selected: 0,
            card: Loading::Loading,
            card_id: None,
            own: Loading::Loading,
            own_row: 0,
            conversations: Loading::Loading,
            conv_sel: 0,
            thread: Loading::Loading,
            thread_with: None,
            msg_sel: 0,
            back: NetMode::Directory,
            inbox: Inbox::default(),
            started: false,
        }
    }

    pub fn selected_card(&self) -> Option<&MemberCard> {
        match &self.results {
            Loading::Ready(list) => list.get(self.selected),
            _ => None,
        }
    }

    pub fn selected_message(&self) -> Option<&crate::domain::network::Message> {
        match &self.thread {
            Loading::Ready(t) => t.messages.get(self.msg_sel),
            _ => None,
        }
    }
}

impl Default for NetworkState {
    fn default() -> Self {
        Self::new()
    }
}

fn net(op: NetOp) -> Effect {
    Effect::Network(op)
}

fn step(sel: &mut usize, len: usize, by: isize) {
    let last = len.saturating_sub(1) as isize;
    *sel = (*sel as isize).saturating_add(by).clamp(0, last.max(0)) as usize;
}

fn len<T>(l: &Loading<Vec<T>>) -> usize {
    match l {
        Loading::Ready(v) => v.len(),
        _ => 0,
    }
}

/// How far a key moves a selection: 0 for keys that do not move.
fn moves(key: Key, page: isize) -> isize {
    match key {
        Key::Down | Key::Char('j') => 1,
        Key::Up | Key::Char('k') => -1,
        Key::PageDown | Key::Char(' ') => page,
        Key::PageUp => -page,
        Key::Home | Key::Char('g') => -isize::MAX / 2,
        Key::End | Key::Char('G') => isize::MAX / 2,
        _ => 0,
    }
}

impl App {
    /// Opens the section (from `Tab`): the directory, searched afresh.
    pub(super) fn open_network(&mut self) -> Vec<Effect> {
        self.view = View::Network;
        self.network.mode = NetMode::Directory;
        self.network.started = true;
        self.search_members()
    }

    pub(super) fn search_members(&mut self) -> Vec<Effect> {
        self.network.seq += 1;
        vec![net(NetOp::Search { seq: self.network.seq, query: self.network.query.clone() })]
    }

    /// What is on screen reloads when the data changes: a profile withdrawn disappears, a
    /// message arrives in the open conversation.
    pub(super) fn network_reload(&mut self) -> Vec<Effect> {
        match self.network.mode {
            NetMode::Directory => self.search_members(),
            NetMode::Member => self.network.card_id.map(|id| net(NetOp::LoadCard(id))).into_iter().collect(),
            NetMode::Inbox => vec![net(NetOp::LoadConversations)],
            NetMode::Thread => {
                self.network.thread_with.map(|id| net(NetOp::LoadThread(id))).into_iter().collect()
            }
            NetMode::Mine => vec![net(NetOp::LoadOwn)],
        }
    }

    /// Whether `Tab` leaves the section from here: from its lists, not from a text.
    pub(super) fn network_tabs(&self) -> bool {
        matches!(self.network.mode, NetMode::Directory | NetMode::Inbox)
    }

    pub(super) fn network_key(&mut self, key: Key) -> Vec<Effect> {
        let page = (self.body_rows().saturating_sub(4) / 4).max(1) as isize;
        match self.network.mode {
            NetMode::Directory => self.directory_key(key, page),
            NetMode::Member => self.member_key(key),
            NetMode::Inbox => self.inbox_key(key, page),
            NetMode::Thread => self.thread_key(key, page),
            NetMode::Mine => self.mine_key(key),
        }
    }

    fn directory_key(&mut self, key: Key, page: isize) -> Vec<Effect> {
        let by = moves(key, page);
        if by != 0 {
            step(&mut self.network.selected, len(&self.network.results), by);
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
                    self.start_writing(intent)
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
                vec![Effect::LoadArticles]
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
                    self.start_writing(intent)
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

    fn open_thread(&mut self, other: i64, back: NetMode) -> Vec<Effect> {
        self.network.mode = NetMode::Thread;
        self.network.back = back;
        if self.network.thread_with != Some(other) {
            self.network.thread = Loading::Loading;
        }
        self.network.thread_with = Some(other);
        self.network.msg_sel = usize::MAX;
        vec![net(NetOp::LoadThread(other))]
    }

    fn inbox_key(&mut self, key: Key, page: isize) -> Vec<Effect> {
        let by = moves(key, page);
        if by != 0 {
            step(&mut self.network.conv_sel, len(&self.network.conversations), by);
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

    fn thread_key(&mut self, key: Key, page: isize) -> Vec<Effect> {
        let count = match &self.network.thread {
            Loading::Ready(t) => t.messages.len(),
            _ => 0,
        };
        let by = moves(key, page);
        if by != 0 {
            step(&mut self.network.msg_sel, count, by);
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
                    Some(m) if Some(m.sender_id) != me => {
                        let question = self.lang.n().report_question.to_string();
                        self.modal = Some(Modal::Ask(net(NetOp::Report(m.id)), question));
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
        let by = moves(key, 4);
        if by != 0 {
            step(&mut self.network.own_row, rows.len(), by);
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

    pub(super) fn network_result(&mut self, result: NetResult) -> Vec<Effect> {
        let n = self.lang.n();
        match result {
            NetResult::Found(seq, r) if seq == self.network.seq => {
                if let Ok(list) = &r {
                    self.network.selected = self.network.selected.min(list.len().saturating_sub(1));
                }
                self.network.results = r.map_or(Loading::Failed, Loading::Ready);
            }
            NetResult::Found(..) => {}
            NetResult::Card(id, r) if Some(id) == self.network.card_id => match r {
                // Withdrawn meanwhile: it is gone at once, here too.
                Ok(None) if self.network.mode == NetMode::Member => {
                    self.notice = Some(n.withdrawn_meanwhile.to_string());
                    self.network.mode = NetMode::Directory;
                    return self.search_members();
                }
                r => self.network.card = r.map_or(Loading::Failed, Loading::Ready),
            },
            NetResult::Card(..) => {}
            NetResult::Own(r) => {
                self.network.own = r.map_or(Loading::Failed, Loading::Ready);
            }
            NetResult::Updated(Ok(())) => {
                self.notice = Some(n.saved.to_string());
                return vec![net(NetOp::LoadOwn)];
            }
            // The handle was given up elsewhere meanwhile: choose one, then publish.
            NetResult::Updated(Err(PostError::NoHandle)) if self.modal.is_none() => {
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Handle(Some(Intent::Publish)), "")));
            }
            NetResult::Updated(Err(e)) => self.notice = Some(self.lang.message_error(&e)),
            NetResult::Conversations(r) => {
                if let Ok(list) = &r {
                    self.network.conv_sel = self.network.conv_sel.min(list.len().saturating_sub(1));
                }
                self.network.conversations = r.map_or(Loading::Failed, Loading::Ready);
            }
            NetResult::Thread(other, r) if Some(other) == self.network.thread_with => {
                if let Ok(t) = &r {
                    // The newest message selected on arrival, and when one more comes in.
                    let was_last = match &self.network.thread {
                        Loading::Ready(old) => self.network.msg_sel.saturating_add(1) >= old.messages.len(),
                        _ => true,
                    };
                    if was_last || self.network.msg_sel >= t.messages.len() {
                        self.network.msg_sel = t.messages.len().saturating_sub(1);
                    }
                }
                self.network.thread = r.map_or(Loading::Failed, Loading::Ready);
            }
            NetResult::Thread(..) => {}
            NetResult::Sent(Ok(message)) => {
                if matches!(self.modal, Some(Modal::Editor(_))) {
                    self.modal = None;
                }
                self.notice = Some(n.sent.to_string());
                let back =
                    if self.network.mode == NetMode::Thread { self.network.back } else { self.network.mode };
                self.view = View::Network;
                return self.open_thread(message.recipient_id, back);
            }
            NetResult::Sent(Err(e)) => {
                let text = self.lang.message_error(&e);
                match &mut self.modal {
                    Some(Modal::Editor(editor)) => {
                        editor.sending = false;
                        editor.error = Some(text);
                    }
                    _ => self.notice = Some(text),
                }
            }
            NetResult::Blocked(now_blocked, Ok(())) => {
                self.notice = Some(if now_blocked { n.blocked } else { n.unblocked }.to_string());
                return self.network_reload();
            }
            NetResult::Reported(Ok(())) => self.notice = Some(n.reported.to_string()),
            NetResult::Blocked(_, Err(_)) | NetResult::Reported(Err(_)) => {
                self.notice = Some(self.lang.try_again().to_string())
            }
            NetResult::Inbox(inbox) => {
                let old = self.network.inbox.latest.as_ref().map(|(id, _)| *id);
                if let Some((id, from)) = &inbox.latest {
                    let reading = self.view == View::Network
                        && self.network.mode == NetMode::Thread
                        && self.network.thread.as_ref_ready().is_some_and(|t| t.other == *from);
                    if old.is_none_or(|old| *id > old) && !reading && self.modal.is_none() {
                        self.notice = Some(self.lang.new_message_from(from));
                    }
                }
                self.network.inbox = inbox;
            }
        }
        Vec::new()
    }
}

impl<T> Loading<T> {
    /// The value, when it is there.
    pub fn as_ref_ready(&self) -> Option<&T> {
        match self {
            Loading::Ready(v) => Some(v),
            _ => None,
        }
    }
}
