//! « Réseau »: the directory of members who published a profile, one's own profile, and
//! private messages (conversations, one conversation, block, report).

use super::modal::{Intent, Modal, Prompt, PromptKind};
use super::{App, Loading, View};
use crate::domain::Fault;
use crate::domain::comment::PostError;
use crate::domain::network::{Conversation, MemberCard, Message, NetProfile, OpenTo};
use crate::domain::network::{Inbox, MemberQuery, ProfileField, ReportError, Thread};
use crate::ui::event::Effect;

#[derive(Debug, Clone, PartialEq)]
pub enum NetOp {
    /// The member's own profile, published or not.
    LoadOwn,
    Update(ProfileField),
    /// The directory search numbered `seq` (older answers are dropped).
    Search {
        seq: u64,
        query: MemberQuery,
    },
    /// One published profile.
    LoadCard(i64),
    LoadConversations,
    /// A conversation, marked read as it is loaded.
    LoadThread(i64),
    Send {
        to: i64,
        body: String,
    },
    Block(i64, bool),
    /// A message received, with the reason the member gave (possibly none).
    Report {
        message: i64,
        reason: String,
    },
    /// What waits unread: after every change notice, for the top bar and a notice.
    CheckInbox,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NetResult {
    Own(Result<NetProfile, Fault>),
    Updated(Result<(), PostError>),
    Found(u64, Result<Vec<MemberCard>, Fault>),
    Card(i64, Result<Option<MemberCard>, Fault>),
    Conversations(Result<Vec<Conversation>, Fault>),
    Thread(i64, Result<Thread, Fault>),
    Sent(Result<Message, PostError>),
    /// Whether the member is now blocked, or why not.
    Blocked(bool, Result<(), Fault>),
    Reported(Result<(), ReportError>),
    Inbox(Inbox),
}

impl From<NetOp> for Effect {
    fn from(op: NetOp) -> Effect {
        Effect::Network(op)
    }
}

/// Radii offered by `w`, in km; `None` is « anywhere ».
pub(super) const RADII: [Option<f64>; 5] = [None, Some(5.0), Some(10.0), Some(20.0), Some(50.0)];

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
    /// Why this message is reported.
    Report(i64),
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

impl NetworkState {
    /// The profile open is the viewer's own (`me`): nothing to write to.
    pub fn own_card_open(&self, me: Option<i64>) -> bool {
        me.is_some() && matches!(&self.card, Loading::Ready(Some(card)) if Some(card.user_id) == me)
    }
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

pub(super) fn net(op: NetOp) -> Effect {
    Effect::Network(op)
}

/// How many items a list holds, none while it loads.
pub(super) fn len<T>(l: &Loading<Vec<T>>) -> usize {
    match l {
        Loading::Ready(v) => v.len(),
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

    pub(super) fn network_result(&mut self, result: NetResult) -> Vec<Effect> {
        let n = self.lang.n();
        match result {
            NetResult::Found(seq, r) if seq == self.network.seq => {
                if let Ok(list) = &r {
                    self.network.selected = self.network.selected.min(list.len().saturating_sub(1));
                }
                self.network.results = Loading::from_result(r);
            }
            NetResult::Found(..) => {}
            NetResult::Card(id, r) if Some(id) == self.network.card_id => match r {
                // Withdrawn meanwhile: it is gone at once, here too.
                Ok(None) if self.network.mode == NetMode::Member => {
                    self.notice = Some(n.withdrawn_meanwhile.to_string());
                    self.network.mode = NetMode::Directory;
                    return self.search_members();
                }
                r => self.network.card = Loading::from_result(r),
            },
            NetResult::Card(..) => {}
            NetResult::Own(r) => {
                self.network.own = Loading::from_result(r);
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
                self.network.conversations = Loading::from_result(r);
            }
            NetResult::Thread(other, r) if Some(other) == self.network.thread_with => self.thread_loaded(r),
            NetResult::Thread(..) => {}
            NetResult::Sent(r) => return self.message_sent(r),
            NetResult::Blocked(now_blocked, Ok(())) => {
                self.notice = Some(if now_blocked { n.blocked } else { n.unblocked }.to_string());
                return self.network_reload();
            }
            NetResult::Reported(Ok(())) => self.notice = Some(n.reported.to_string()),
            NetResult::Reported(Err(e)) => self.notice = Some(self.lang.report_error(&e)),
            NetResult::Blocked(_, Err(_)) => self.notice = Some(self.lang.try_again().to_string()),
            NetResult::Inbox(inbox) => self.inbox_loaded(inbox),
        }
        Vec::new()
    }

    fn thread_loaded(&mut self, r: Result<Thread, Fault>) {
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
        self.network.thread = Loading::from_result(r);
    }

    fn message_sent(&mut self, r: Result<Message, PostError>) -> Vec<Effect> {
        match r {
            Ok(message) => {
                if matches!(self.modal, Some(Modal::Editor(_))) {
                    self.modal = None;
                }
                self.notice = Some(self.lang.n().sent.to_string());
                let back =
                    if self.network.mode == NetMode::Thread { self.network.back } else { self.network.mode };
                self.view = View::Network;
                return self.open_thread(message.recipient_id, back);
            }
            Err(e) => self.editor_refused(self.lang.message_error(&e)),
        }
        Vec::new()
    }

    /// What waits unread: a notice for a new message, unless it is being read.
    fn inbox_loaded(&mut self, inbox: Inbox) {
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
