//! The Agenda section: meetups to come grouped by week (or past ones), one in detail, « j'y
//! vais », and proposing one. In the admin console the same screen shows proposals too, with
//! approve and cancel.

use super::AdminOp;
use super::list::movement;
use super::modal::{Confirm, Intent, Modal, Prompt, PromptKind};
use super::{App, Loading, View};
use crate::domain::event::EventError;
use crate::domain::event::{Event, EventStatus, Proposal, Rsvp};
use crate::domain::{Fault, Identity};
use crate::i18n::Lang;
use crate::ui::event::{Effect, Key};

#[derive(Debug, Clone, PartialEq)]
pub enum AgendaOp {
    /// Past meetups or those to come; the console sees proposals and cancelled ones too.
    Load {
        past: bool,
    },
    LoadEvent(i64),
    Rsvp {
        id: i64,
        going: bool,
    },
    ProposeEvent(Proposal),
}

#[derive(Debug, Clone, PartialEq)]
pub enum AgendaResult {
    Events(Result<Vec<Event>, Fault>),
    /// One meetup with who goes.
    Event(Result<Box<Event>, Fault>),
    /// The member's answer to meetup `id` was recorded (where they stand now), or why not.
    RsvpDone(i64, Result<Rsvp, EventError>),
    /// A proposal (or the console's own meetup) was recorded (its id), or why not (the text
    /// stays in the editor).
    ProposalDone(Result<i64, EventError>),
}

impl From<AgendaOp> for Effect {
    fn from(op: AgendaOp) -> Effect {
        Effect::Agenda(op)
    }
}

pub struct AgendaState {
    /// Past meetups instead of those to come.
    pub past: bool,
    pub events: Loading<Vec<Event>>,
    pub selected: usize,
    /// The meetup open in detail, and how far it is scrolled.
    pub detail: Option<Loading<Event>>,
    pub detail_scroll: usize,
}

impl AgendaState {
    pub fn new() -> AgendaState {
        AgendaState { past: false, events: Loading::Loading, selected: 0, detail: None, detail_scroll: 0 }
    }

    pub fn selected_event(&self) -> Option<&Event> {
        match &self.events {
            Loading::Ready(list) => list.get(self.selected),
            _ => None,
        }
    }

    /// The event the keys act on: the one in detail, else the selected one.
    pub fn current(&self) -> Option<&Event> {
        match &self.detail {
            Some(Loading::Ready(e)) => Some(e),
            Some(_) => None,
            None => self.selected_event(),
        }
    }
}

impl Default for AgendaState {
    fn default() -> Self {
        AgendaState::new()
    }
}

impl App {
    pub(super) fn open_agenda(&mut self) -> Vec<Effect> {
        self.view = View::Agenda;
        self.agenda.detail = None;
        vec![self.load_agenda()]
    }

    pub(super) fn load_agenda(&self) -> Effect {
        AgendaOp::Load { past: self.agenda.past }.into()
    }

    /// Where each answer of the agenda's door goes.
    pub(super) fn agenda_result(&mut self, result: AgendaResult) -> Vec<Effect> {
        match result {
            AgendaResult::Events(result) => self.agenda_loaded(result),
            AgendaResult::Event(result) => self.event_loaded(result),
            AgendaResult::RsvpDone(id, result) => self.rsvp_done(id, result),
            AgendaResult::ProposalDone(result) => self.proposal_done(result),
        }
    }

    fn agenda_loaded(&mut self, result: Result<Vec<Event>, Fault>) -> Vec<Effect> {
        let keep = self.agenda.selected_event().map(|e| e.id);
        self.agenda.events = match result {
            Ok(list) => {
                // The same meetup stays selected when others come or go.
                self.agenda.selected = super::list::keep(&list, self.agenda.selected, keep, |e| e.id);
                Loading::Ready(list)
            }
            Err(fault) => Loading::Failed(fault),
        };
        Vec::new()
    }

    fn event_loaded(&mut self, result: Result<Box<Event>, Fault>) -> Vec<Effect> {
        if self.agenda.detail.is_some() {
            self.agenda.detail = Some(Loading::from_result(result.map(|e| *e)));
        }
        Vec::new()
    }

    /// What to reload when the data changed elsewhere.
    pub(super) fn agenda_reload(&self) -> Vec<Effect> {
        let mut effects = vec![self.load_agenda()];
        if let Some(Loading::Ready(e)) = &self.agenda.detail {
            effects.push(AgendaOp::LoadEvent(e.id).into());
        }
        effects
    }

    pub(super) fn agenda_key(&mut self, key: Key) -> Vec<Effect> {
        if self.agenda.detail.is_some() {
            return self.event_detail_key(key);
        }
        let len = match &self.agenda.events {
            Loading::Ready(l) => l.len(),
            _ => 0,
        };
        if let Some(m) = movement(key, self.body_rows() / 3) {
            self.agenda.selected = m.apply(self.agenda.selected, len);
            return Vec::new();
        }
        match key {
            Key::Enter | Key::Right | Key::Char('l') => {
                if let Some(id) = self.agenda.selected_event().map(|e| e.id) {
                    self.agenda.detail = Some(Loading::Loading);
                    self.agenda.detail_scroll = 0;
                    return vec![AgendaOp::LoadEvent(id).into()];
                }
            }
            Key::Char('v') => {
                self.agenda.past = !self.agenda.past;
                self.agenda.selected = 0;
                self.agenda.events = Loading::Loading;
                return vec![self.load_agenda()];
            }
            Key::Char('n') => return self.propose_event(),
            Key::Char('o') => return self.toggle_going(),
            Key::Char('a') if self.is_admin() => return self.admin_event(false),
            Key::Char('x') if self.is_admin() => return self.admin_event(true),
            Key::Esc | Key::Char('q') if !self.is_admin() => {
                self.view = View::List;
                return vec![super::BulletinOp::LoadArticles.into()];
            }
            Key::Char('q') => return self.quit(),
            _ => {}
        }
        Vec::new()
    }

    fn event_detail_key(&mut self, key: Key) -> Vec<Effect> {
        match key {
            Key::Esc | Key::Char('q') | Key::Left | Key::Char('h') | Key::Backspace => {
                self.agenda.detail = None;
                return vec![self.load_agenda()];
            }
            Key::Down | Key::Char('j') => self.agenda.detail_scroll += 1,
            Key::Up | Key::Char('k') => {
                self.agenda.detail_scroll = self.agenda.detail_scroll.saturating_sub(1)
            }
            Key::PageDown | Key::Char(' ') => self.agenda.detail_scroll += self.body_rows() / 2,
            Key::PageUp | Key::Char('b') => {
                self.agenda.detail_scroll = self.agenda.detail_scroll.saturating_sub(self.body_rows() / 2)
            }
            Key::Home | Key::Char('g') => self.agenda.detail_scroll = 0,
            Key::Char('o') => return self.toggle_going(),
            Key::Char('a') if self.is_admin() => return self.admin_event(false),
            Key::Char('x') if self.is_admin() => return self.admin_event(true),
            _ => {}
        }
        Vec::new()
    }

    /// `o`: « j'y vais », or « je n'y vais plus » when already going or waiting.
    fn toggle_going(&mut self) -> Vec<Effect> {
        let Some(e) = self.agenda.current() else { return Vec::new() };
        let (id, going) = (e.id, e.mine == Rsvp::No);
        let refusal = match (e.status, self.agenda.past) {
            (EventStatus::Cancelled, _) => Some(EventError::Cancelled),
            (EventStatus::Proposed, _) => Some(EventError::NotApproved),
            (_, true) => Some(EventError::Past),
            _ => None,
        };
        if let Some(why) = refusal {
            self.notice = Some(self.lang.event_error(&why));
            return Vec::new();
        }
        match &self.identity {
            Identity::Guest => {
                self.modal = Some(Modal::NeedKey);
                Vec::new()
            }
            Identity::Member { handle: None, .. } if going => {
                // Once the handle is chosen, the answer goes through.
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Handle(Some(Intent::Rsvp(id))), "")));
                Vec::new()
            }
            Identity::Member { .. } => vec![AgendaOp::Rsvp { id, going }.into()],
        }
    }

    fn rsvp_done(&mut self, id: i64, result: Result<Rsvp, EventError>) -> Vec<Effect> {
        self.notice = Some(match result {
            Ok(r) => self.lang.rsvp_label(r).unwrap_or_else(|| match self.lang {
                Lang::Fr => "Noté : vous n'y allez plus.".into(),
                Lang::En => "Noted: you are not going.".into(),
            }),
            Err(e) => self.lang.event_error(&e),
        });
        let mut effects = vec![self.load_agenda()];
        if self.agenda.detail.is_some() {
            effects.push(AgendaOp::LoadEvent(id).into());
        }
        effects
    }

    /// `n`: the proposal form (the association's own event in the console).
    pub(super) fn propose_event(&mut self) -> Vec<Effect> {
        match &self.identity {
            Identity::Guest if !self.is_admin() => {
                self.modal = Some(Modal::NeedKey);
                return Vec::new();
            }
            Identity::Member { handle: None, .. } => {
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Handle(Some(Intent::Propose)), "")));
                return Vec::new();
            }
            _ => {}
        }
        self.open_meetup_form();
        Vec::new()
    }

    fn proposal_done(&mut self, result: Result<i64, EventError>) -> Vec<Effect> {
        match result {
            Ok(_) => {
                if matches!(self.modal, Some(Modal::Form(_))) {
                    self.modal = None;
                }
                self.notice = Some(if self.is_admin() {
                    self.lang.g().created_notice.to_string()
                } else {
                    self.lang.g().proposed_notice.to_string()
                });
                vec![self.load_agenda()]
            }
            Err(e) => {
                self.meetup_refused(&e);
                Vec::new()
            }
        }
    }

    /// The console's `a` (approve a proposal) and `x` (cancel, after a question).
    fn admin_event(&mut self, cancel: bool) -> Vec<Effect> {
        let Some(e) = self.agenda.current() else { return Vec::new() };
        let (id, title, status) = (e.id, e.title.clone(), e.status);
        if cancel {
            if status != EventStatus::Cancelled {
                self.modal = Some(Confirm::ask(
                    self.lang.confirm_cancel_event(&title),
                    vec![AdminOp::CancelEvent(id).into()],
                ));
            }
            Vec::new()
        } else if status == EventStatus::Proposed {
            vec![Effect::Admin(AdminOp::ApproveEvent(id))]
        } else {
            Vec::new()
        }
    }
}
