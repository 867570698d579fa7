//! The agenda's door: meetups, « j'y vais », proposals. The console sees the agenda whole,
//! proposals and cancelled meetups too.

use chrono::Utc;

use super::door::{Ctx, Viewer, fault};
use super::queue::Kind;
use crate::store::EventError;
use crate::ui::{AgendaOp, AgendaResult};

/// Loads supersede the one waiting (the list past or to come, the meetup open); answers to
/// a meetup and proposals are never dropped.
pub fn kind(op: &AgendaOp) -> Option<Kind> {
    match op {
        AgendaOp::Load { .. } => Some(Kind::one("events")),
        AgendaOp::LoadEvent(_) => Some(Kind::one("event")),
        AgendaOp::Rsvp { .. } | AgendaOp::ProposeEvent(_) => None,
    }
}

pub fn perform(ctx: &Ctx, viewer: &Viewer, op: AgendaOp) -> Option<AgendaResult> {
    let events = ctx.store.events();
    let now = Utc::now();
    let user = viewer.user();
    let console = matches!(viewer, Viewer::Console(_));
    Some(match op {
        AgendaOp::Load { past: false } if console => AgendaResult::Events(events.console(now).map_err(fault)),
        AgendaOp::Load { past } => AgendaResult::Events(
            if past { events.past(user, now, 200) } else { events.upcoming(user, now) }.map_err(fault),
        ),
        AgendaOp::LoadEvent(id) => {
            let found = if console { events.get_any(id) } else { events.get(id, user) };
            AgendaResult::Event(match found {
                Ok(Some(e)) => Ok(Box::new(e)),
                Ok(None) => Err(crate::domain::Fault::NotFound),
                Err(e) => Err(fault(e)),
            })
        }
        AgendaOp::Rsvp { id, going } => AgendaResult::RsvpDone(
            id,
            match user {
                Some(user) => events.rsvp(user, id, going, now),
                None => Err(EventError::NoHandle),
            },
        ),
        AgendaOp::ProposeEvent(p) => AgendaResult::ProposalDone(match user {
            Some(user) => events.propose(user, &p, now),
            None => Err(EventError::NoHandle),
        }),
    })
}
