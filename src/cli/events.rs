//! `cedille events list [--pending] [--limit N] [--json]`, `events approve ID`, `events cancel ID`,
//! `events delete ID`: the agenda's proposals, cancellations and deletions, for the admins.

use std::path::Path;

use chrono::Utc;

use super::articles::with_store;
use super::{Limit, Outcome, left_out};
use crate::domain::event::EventStatus;
use crate::i18n::{Lang, Listing, Subject};
use crate::store::{Store, StoreError, local_actor};

/// The proposals waiting (`pending`), soonest first, or every event, latest start first: at
/// most `limit`.
pub fn list(db: &Path, pending: bool, json: bool, limit: Limit) -> Outcome {
    with_store(db, |lang, store| {
        let status = pending.then_some(EventStatus::Proposed);
        let page = match store.events().page(status, limit.0) {
            Ok(p) => p,
            Err(e) => return Outcome::store_failed(lang, &e),
        };
        let listing = if pending { Listing::ProposalsWaiting } else { Listing::Events };
        let mut out = String::new();
        for e in &page.rows {
            if json {
                out.push_str(&serde_json::json!(e).to_string());
            } else {
                out.push_str(&lang.event_row(e));
            }
            out.push('\n');
        }
        if page.rows.is_empty() && !json {
            out.push_str(lang.empty_listing(listing));
        }
        Outcome { stdout: out, stderr: left_out(lang, &page, listing), status: 0 }
    })
}

pub fn approve(db: &Path, id: i64) -> Outcome {
    with_store(db, |lang, store| {
        if let Some(refusal) = refused(lang, store, id, EventStatus::Approved) {
            return refusal;
        }
        match store.events().approve(&local_actor("cli"), id) {
            Ok(old) => Outcome::ok(lang.event_approved(id, old == EventStatus::Approved)),
            Err(e) => Outcome::store(lang, &e, Subject::Event(id)),
        }
    })
}

pub fn cancel(db: &Path, id: i64) -> Outcome {
    with_store(db, |lang, store| {
        if let Some(refusal) = refused(lang, store, id, EventStatus::Cancelled) {
            return refusal;
        }
        match store.events().cancel(&local_actor("cli"), id) {
            Ok(old) => Outcome::ok(lang.event_cancelled(id, old == EventStatus::Cancelled)),
            Err(e) => Outcome::store(lang, &e, Subject::Event(id)),
        }
    })
}

/// What the store refuses of a change to `to`, said in `lang` before it is asked: a
/// cancelled event never comes back, a past one is not cancelled. The store holds the same
/// rules in its transaction.
fn refused(lang: Lang, store: &Store, id: i64, to: EventStatus) -> Option<Outcome> {
    let event = match store.events().get_any(id) {
        Ok(Some(e)) => e,
        Ok(None) => return Some(Outcome::store(lang, &StoreError::NotFound, Subject::Event(id))),
        Err(e) => return Some(Outcome::store_failed(lang, &e)),
    };
    match (event.status, to) {
        (EventStatus::Cancelled, EventStatus::Cancelled) => None,
        (EventStatus::Cancelled, _) => Some(Outcome::refused(lang, &lang.event_cancelled_for_good(id))),
        (_, EventStatus::Cancelled) if event.ends_at <= Utc::now() => {
            Some(Outcome::refused(lang, &lang.event_over(id)))
        }
        _ => None,
    }
}

pub fn delete(db: &Path, id: i64) -> Outcome {
    with_store(db, |lang, store| match store.events().delete(&local_actor("cli"), id) {
        Ok(()) => Outcome::ok(lang.event_deleted(id)),
        Err(e) => Outcome::store(lang, &e, Subject::Event(id)),
    })
}
