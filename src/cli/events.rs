//! `cedille events list [--pending] [--limit N] [--json]`, `events approve ID`, `events cancel ID`,
//! `events delete ID`: the agenda's proposals, cancellations and deletions, for the admins.

use std::path::Path;

use super::articles::with_store;
use super::{Limit, Outcome, left_out};
use crate::domain::event::EventStatus;
use crate::i18n::Lang;
use crate::store::local_actor;

/// The proposals waiting (`pending`), soonest first, or every event, latest start first: at
/// most `limit`.
pub fn list(db: &Path, pending: bool, json: bool, limit: Limit) -> Outcome {
    with_store(db, |store| {
        let status = pending.then_some(EventStatus::Proposed);
        let page = match store.events().page(status, limit.0) {
            Ok(p) => p,
            Err(e) => return Outcome::store(&e, "event"),
        };
        let events = &page.rows;
        let mut out = String::new();
        for e in events {
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
        let stderr = if pending {
            left_out(&page, "proposals waiting", "soonest first")
        } else {
            left_out(&page, "events", "latest start first")
        };
        Outcome { stdout: out, stderr, status: 0 }
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

pub fn delete(db: &Path, id: i64) -> Outcome {
    with_store(db, |store| match store.events().delete(&local_actor("cli"), id) {
        Ok(()) => Outcome::ok(format!("event {id} deleted, with who was going\n")),
        Err(e) => Outcome::store(&e, &format!("event {id}")),
    })
}
