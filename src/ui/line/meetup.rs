//! Proposing a meetup in line mode: the full-screen form's fields asked one at a time, in
//! its order and with its hints; dates said back as understood; the space chosen by number
//! among the directory's matches; a refusal, here or by the store, asks again the field it
//! concerns, and the proposal goes again once that one is answered.

use std::sync::Arc;

use chrono_tz::Europe::Paris;

use super::{Ask, Line};
use crate::domain::Fault;
use crate::domain::event::{EventError, ProposalError, ProposalFields, proposal_from};
use crate::domain::moment::{MomentError, parse_moment};
use crate::domain::spaces_query::SpaceHit;
use crate::text::clean_line;
use crate::ui::OFFERS_MAX;
use crate::ui::event::Effect;
use crate::ui::{AgendaOp, SpacesOp};

/// The form's fields, in its order.
const FIELDS: [&str; 8] = ["title", "start", "end", "space", "address", "commune", "capacity", "description"];

/// A proposal being written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Proposing {
    fields: ProposalFields,
    /// The field asked now, in [`FIELDS`].
    step: usize,
    /// A refused field is asked again: once it is answered, the proposal goes again.
    fixing: bool,
    /// Spaces offered for the words typed in the space field (id, name and commune).
    offers: Vec<(i64, String)>,
    /// The description's lines so far.
    description: Vec<String>,
}

impl Proposing {
    fn key(&self) -> &'static str {
        FIELDS[self.step.min(FIELDS.len() - 1)]
    }
}

impl Line {
    /// `p` at the agenda or a meetup: the first field, after a handle if none yet.
    pub(super) fn start_proposal(&mut self) -> Vec<Effect> {
        if !self.may_write() {
            return Vec::new();
        }
        self.out.line(self.lang.l().propose_intro);
        self.start_writing(Ask::Meetup(Box::default()));
        Vec::new()
    }

    /// What the prompt says while a proposal is written: the field asked.
    pub(super) fn proposal_prompt(&self, p: &Proposing) -> &'static str {
        if p.offers.is_empty() { self.lang.meetup_label(p.key()) } else { self.lang.l().space_prompt }
    }

    /// The question of the field `p` is at, with what it takes.
    pub(super) fn ask_field(&mut self, p: &Proposing) {
        let key = p.key();
        let (label, hint) = (self.lang.meetup_label(key), self.lang.meetup_hint(key));
        match key {
            "description" => self.out.line(self.lang.l().description_help),
            _ if hint.is_empty() => self.out.line(label),
            _ => self.out.line(&self.lang.line_field(label, hint)),
        }
    }

    /// A line typed for the proposal under way.
    pub(super) fn proposal_answer(&mut self, mut p: Box<Proposing>, text: &str) -> Vec<Effect> {
        if !p.offers.is_empty() {
            return self.space_picked(p, text);
        }
        let key = p.key();
        match key {
            "description" if text != "." => {
                p.description.push(text.to_string());
                self.ask = Some(Ask::Meetup(p));
                return Vec::new();
            }
            "description" => {
                p.fields.description = p.description.join("\n").trim_matches('\n').to_string();
                return self.send_proposal(p);
            }
            "start" | "end" if !text.is_empty() => match self.moment(&p.fields, key, text) {
                Ok(at) => self.out.line(&self.lang.moment_understood(at)),
                Err(e) => {
                    self.out.line(&self.lang.moment_error(&e));
                    self.ask = Some(Ask::Meetup(p));
                    return Vec::new();
                }
            },
            "space" if !text.is_empty() => {
                p.fields.space = text.to_string();
                self.wait();
                self.agenda.proposing = Some(p);
                return vec![SpacesOp::Suggest(text.to_string()).into()];
            }
            _ => {}
        }
        let text = text.to_string();
        let f = &mut p.fields;
        match key {
            "title" => f.title = text,
            "start" => f.start = text,
            "end" => f.end = text,
            "space" => f.space = text,
            "address" => f.address = text,
            "commune" => f.commune = text,
            _ => f.capacity = text,
        }
        self.next_field(p)
    }

    /// The date of `text` for field `key`, as the form reads it: an end's hour alone is on
    /// the start's day.
    fn moment(
        &self,
        f: &ProposalFields,
        key: &str,
        text: &str,
    ) -> Result<chrono::NaiveDateTime, MomentError> {
        let local = self.now.with_timezone(&Paris).naive_local();
        let day_of = match key {
            "end" => parse_moment(&f.start, local, None).ok().map(|s| s.date()),
            _ => None,
        };
        parse_moment(text, local, day_of)
    }

    /// The next question; none of the address and the commune once a space is chosen.
    fn next_field(&mut self, mut p: Box<Proposing>) -> Vec<Effect> {
        if p.fixing {
            return self.send_proposal(p);
        }
        let space_chosen = p.key() == "space" && !p.fields.space.is_empty();
        p.step = if space_chosen { p.step + 3 } else { p.step + 1 };
        self.ask_field(&p);
        self.ask = Some(Ask::Meetup(p));
        Vec::new()
    }

    /// The spaces found for the words typed in the space field: numbered, or said none.
    pub(super) fn proposal_spaces(&mut self, words: &str, hits: Result<Arc<Vec<SpaceHit>>, Fault>) {
        let Some(mut p) = self.agenda.proposing.take_if(|p| p.offers.is_empty() && p.fields.space == words)
        else {
            return;
        };
        self.ready();
        let hits = hits.as_deref().map(Vec::as_slice).unwrap_or(&[]);
        p.offers = hits
            .iter()
            .take(OFFERS_MAX)
            .map(|h| {
                let name = clean_line(&h.space.fields.name);
                (h.space.id, format!("{name} ({})", clean_line(&h.space.commune)))
            })
            .collect();
        if p.offers.is_empty() {
            self.out.line(self.lang.forms().no_match);
            p.fields.space.clear();
            self.ask_field(&p);
        } else {
            for (i, (_, name)) in p.offers.iter().enumerate() {
                self.out.line(&format!("{}. {name}", i + 1));
            }
            self.out.line(self.lang.l().space_pick);
        }
        self.ask = Some(Ask::Meetup(p));
    }

    /// A number among the spaces offered; 0 for none of them.
    fn space_picked(&mut self, mut p: Box<Proposing>, text: &str) -> Vec<Effect> {
        match text.parse::<usize>() {
            Ok(0) => p.fields.space.clear(),
            Ok(n) if n <= p.offers.len() => {
                let (id, name) = &p.offers[n - 1];
                self.out.line(&self.lang.line_field(self.lang.meetup_label("space"), name));
                p.fields.space = format!("#{id}");
            }
            _ => {
                self.out.line(self.lang.l().no_such_number);
                self.ask = Some(Ask::Meetup(p));
                return Vec::new();
            }
        }
        p.offers.clear();
        self.next_field(p)
    }

    /// Checked here as the form checks it, then sent; the store's answer comes back to
    /// [`Self::proposal_done`].
    fn send_proposal(&mut self, p: Box<Proposing>) -> Vec<Effect> {
        match proposal_from(&p.fields, self.now) {
            Ok(proposal) => {
                self.wait();
                self.agenda.proposing = Some(p);
                vec![AgendaOp::ProposeEvent(proposal).into()]
            }
            Err(e) => {
                self.proposal_refused(p, &e);
                Vec::new()
            }
        }
    }

    /// Said, and the field it concerns asked again; without a place, the commune.
    fn proposal_refused(&mut self, mut p: Box<Proposing>, e: &ProposalError) {
        self.out.line(&self.lang.proposal_field_error(e));
        let key = match e {
            ProposalError::NoPlace => "commune",
            e => e.field().unwrap_or("title"),
        };
        p.step = FIELDS.iter().position(|k| *k == key).unwrap_or(0);
        p.fixing = true;
        match key {
            "description" => p.description.clear(),
            "space" => p.fields.space.clear(),
            _ => {}
        }
        self.ask_field(&p);
        self.ask = Some(Ask::Meetup(p));
    }

    /// The store's answer to the proposal sent.
    pub(super) fn proposal_done(&mut self, result: Result<i64, EventError>) -> Vec<Effect> {
        let Some(p) = self.agenda.proposing.take() else { return Vec::new() };
        self.ready();
        match result {
            Ok(_) => {
                self.out.line(self.lang.g().proposed_notice);
                return vec![AgendaOp::Load { past: false }.into()];
            }
            Err(EventError::Invalid(e)) => self.proposal_refused(p, &e),
            Err(e) => self.out.line(&self.lang.event_error(&e)),
        }
        Vec::new()
    }
}
