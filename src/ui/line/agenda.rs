//! The agenda in line mode: the meetups to come, numbered; one meetup in full; « j'y vais »
//! and its contrary. Proposing one is in [`super::meetup`].

use super::{Line, Place};
use crate::domain::event::{Event as Meetup, EventError, Rsvp};
use crate::text::{MdLabels, MdStyles, clean_line, clean_text, lines_to_plain, render_markdown};
use crate::ui::event::Effect;
use crate::ui::{AgendaOp, AgendaResult};

#[derive(Debug, Default)]
pub struct State {
    events: Vec<Meetup>,
    open: Option<Meetup>,
    /// The member asked: what comes is printed.
    wanted: bool,
    /// A proposal waiting for the store's answer, or for the spaces its words match.
    pub(super) proposing: Option<Box<super::meetup::Proposing>>,
}

impl Line {
    pub(super) fn open_agenda(&mut self) -> Vec<Effect> {
        self.place = Place::Agenda;
        self.agenda.wanted = true;
        self.wait();
        vec![AgendaOp::Load { past: false }.into()]
    }

    pub(super) fn agenda_command(&mut self, word: &str) -> Option<Vec<Effect>> {
        if matches!(word, "p" | "proposer" | "propose") {
            return Some(self.start_proposal());
        }
        if self.place == Place::Agenda {
            if matches!(word, "l" | "liste" | "list") {
                self.print_events();
                return Some(Vec::new());
            }
            let i = self.chosen(word, self.agenda.events.len())?;
            let id = self.agenda.events.get(i)?.id;
            self.place = Place::Meetup;
            self.agenda.wanted = true;
            self.wait();
            return Some(vec![AgendaOp::LoadEvent(id).into()]);
        }
        let id = self.agenda.open.as_ref()?.id;
        let going = match word {
            "j" | "j y vais" | "y aller" | "going" | "go" | "i m going" | "oui" | "yes" => true,
            "n" | "je n y vais plus" | "annuler" | "not going" | "cancel" | "non" | "no" => false,
            "l" | "lire" | "read" => {
                self.print_event();
                return Some(Vec::new());
            }
            _ => return None,
        };
        if !self.may_write() {
            return Some(Vec::new());
        }
        self.wait();
        Some(vec![AgendaOp::Rsvp { id, going }.into()])
    }

    pub(super) fn agenda_result(&mut self, result: AgendaResult) -> Vec<Effect> {
        let wanted = std::mem::take(&mut self.agenda.wanted);
        match result {
            AgendaResult::Events(Ok(events)) => {
                self.agenda.events = events;
                if wanted {
                    self.print_events();
                }
            }
            AgendaResult::Event(Ok(event)) => {
                self.agenda.open = Some(*event);
                if wanted {
                    self.print_event();
                }
            }
            AgendaResult::Events(Err(fault)) | AgendaResult::Event(Err(fault)) => {
                self.out.line(self.lang.fault(fault))
            }
            AgendaResult::RsvpDone(id, result) => {
                self.ready();
                return self.rsvp_done(id, result);
            }
            AgendaResult::ProposalDone(result) => return self.proposal_done(result),
        }
        if wanted {
            self.ready();
        }
        Vec::new()
    }

    fn rsvp_done(&mut self, id: i64, result: Result<Rsvp, EventError>) -> Vec<Effect> {
        match result {
            Ok(Rsvp::No) => self.out.line(self.lang.l().going_no_more),
            Ok(rsvp) => {
                let said = self.lang.rsvp_label(rsvp).unwrap_or_default();
                self.out.line(&sentence(&said));
            }
            Err(e) => self.out.line(&self.lang.event_error(&e)),
        }
        // Read again without a word: `l` says how many go now.
        vec![AgendaOp::LoadEvent(id).into()]
    }

    fn print_events(&mut self) {
        if self.agenda.events.is_empty() {
            self.out.line(self.lang.l().no_meetups);
            return;
        }
        let lang = self.lang;
        let lines = self
            .agenda
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mine = lang.rsvp_label(e.mine).map(|r| format!(", {}", r.trim_start_matches("✓ ")));
                format!(
                    "{}. {}{} {}, {}{}",
                    i + 1,
                    lang.event_when(e),
                    lang.line_colon(),
                    clean_line(&e.title),
                    clean_line(&e.place.line()),
                    mine.unwrap_or_default()
                )
            })
            .collect();
        self.out.page(lines);
    }

    fn print_event(&mut self) {
        let Some(e) = self.agenda.open.clone() else { return };
        let (lang, width) = (self.lang, self.width());
        let mut lines =
            vec![clean_line(&e.title), format!("{}, {}", lang.long_date(e.starts_at), lang.event_hours(&e))];
        lines.push(clean_line(&e.place.line()));
        lines.push(lang.organised_by(e.organiser.as_deref().map(clean_line).as_deref()));
        lines.push(lang.event_places(&e));
        if let Some(mine) = lang.rsvp_label(e.mine) {
            lines.push(sentence(&mine));
        }
        if !e.attendees.is_empty() {
            let names: Vec<String> = e.attendees.iter().map(|a| clean_line(a)).collect();
            lines.push(names.join(", "));
        }
        lines.push(String::new());
        let labels = MdLabels { links: lang.s().links, notes: lang.s().notes };
        let body = render_markdown(&clean_text(&e.description), width, &MdStyles::default(), &labels);
        lines.extend(lines_to_plain(&body));
        lines.push(String::new());
        lines.push(lang.l().help_meetup.to_string());
        self.out.page(lines);
    }
}

/// « ✓ vous y allez » → « Vous y allez. »: said as a sentence, without the tick a speech
/// synthesizer would name.
fn sentence(label: &str) -> String {
    let text = label.trim_start_matches("✓ ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}
