//! `cedille events list [--pending] [--json]`, `events approve ID`, `events cancel ID`: the
//! agenda's proposals and cancellations, for the admins.

use std::path::Path;

use super::Outcome;
use super::articles::with_store;
use crate::domain::event::EventStatus;
use crate::i18n::Lang;
use crate::store::local_actor;

pub fn list(db: &Path, pending: bool, json: bool) -> Outcome {
    with_store(db, |store| {
        let status = pending.then_some(EventStatus::Proposed);
        let events = match store.events().all(status) {
            Ok(e) => e,
            Err(e) => return Outcome::store(&e, "event"),
        };
        let mut out = String::new();
        for e in &events {
            if json {
                out.push_str(&serde_json::json!(e).to_string());
            } else {
                out.push_str(&format!(
                    "{:>4}  {:<9}  {}  {}  ({}; {}; {})",
                    e.id,
                    e.status.as_str(),
                    Lang::En.event_when(e).replace('\u{a0}', " "),
                    e.title,
                    e.place.line(),
                    e.organiser.as_deref().unwrap_or("the association"),
                    Lang::En.event_places(e)
                ));
            }
            out.push('\n');
        }
        if events.is_empty() && !json {
            out.push_str(if pending { "No event waits for approval.\n" } else { "No event.\n" });
        }
        Outcome::ok(out)
    })
}

pub fn approve(db: &Path, id: i64) -> Outcome {
    with_store(db, |store| match store.events().approve(&local_actor("cli"), id) {
        Ok(EventStatus::Approved) => Outcome::ok(format!("event {id} was already approved\n")),
        Ok(_) => Outcome::ok(format!("event {id} approved: it is in the agenda\n")),
        Err(e) => Outcome::store(&e, &format!("event {id}")),
    })
}

pub fn cancel(db: &Path, id: i64) -> Outcome {
    with_store(db, |store| match store.events().cancel(&local_actor("cli"), id) {
        Ok(EventStatus::Cancelled) => Outcome::ok(format!("event {id} was already cancelled\n")),
        Ok(_) => Outcome::ok(format!("event {id} cancelled: its attendees are told on their next visit\n")),
        Err(e) => Outcome::store(&e, &format!("event {id}")),
    })
}
