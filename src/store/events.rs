//! The agenda: events, who goes, proposals waiting for an admin, and the demo events.
//!
//! The waiting list is not stored apart: the attendees of an event in the order they
//! answered, the first `capacity` have a place, the others wait. When someone leaves, the
//! next in line has the place without anyone moving a row.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{Page, Result, Store, StoreError, audit, page_limit, paged, parse_ts, ts};
use crate::domain::console::Refusal;
use crate::domain::event::{
    AgendaNews, CAPACITY_MAX, Event, EventError, EventStatus, Place, Proposal, ProposalError, Rsvp,
};
use crate::domain::space::sort_key;
use crate::text::clean::{clean_line, clean_text};

pub struct Events<'s> {
    pub(super) store: &'s Store,
}

impl From<StoreError> for EventError {
    fn from(e: StoreError) -> Self {
        EventError::Store(e.to_string())
    }
}

impl From<rusqlite::Error> for EventError {
    fn from(e: rusqlite::Error) -> Self {
        EventError::Store(e.to_string())
    }
}

/// Proposals one member may have waiting at once: enough for a real organiser, not a flood.
pub const MAX_WAITING_PROPOSALS: i64 = 5;

/// How far « near » reaches for the « since your last visit » summary, in km.
pub const NEAR_KM: f64 = 40.0;

/// The columns [`event_row`] reads; `?1` is the viewer (NULL for guests).
const SELECT: &str = "SELECT e.id, e.title, e.starts_at, e.ends_at, e.space_id, s.name,
        CASE WHEN s.id IS NULL THEN e.address ELSE s.address END,
        CASE WHEN s.id IS NULL THEN coalesce(substr(c.postcodes, 1, 5), '') ELSE s.postcode END,
        coalesce(CASE WHEN s.id IS NULL THEN c.name ELSE cs.name END, ''),
        coalesce(CASE WHEN s.id IS NULL THEN e.commune_insee ELSE s.commune_insee END, ''),
        CASE WHEN s.id IS NULL THEN c.lat ELSE s.lat END,
        CASE WHEN s.id IS NULL THEN c.lon ELSE s.lon END,
        e.description, u.handle, e.capacity, e.status,
        (SELECT count(*) FROM event_attendees a WHERE a.event_id = e.id),
        (SELECT count(*) FROM event_attendees a, event_attendees me
          WHERE me.event_id = e.id AND me.user_id = ?1 AND a.event_id = e.id
            AND (a.joined_at < me.joined_at OR (a.joined_at = me.joined_at AND a.user_id <= me.user_id)))
    FROM events e
    LEFT JOIN spaces s ON s.id = e.space_id
    LEFT JOIN communes cs ON cs.insee = s.commune_insee
    LEFT JOIN communes c ON c.insee = e.commune_insee
    LEFT JOIN users u ON u.id = e.organiser_id";

fn event_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    let capacity: Option<i64> = r.get(14)?;
    let total: i64 = r.get(16)?;
    let position: i64 = r.get(17)?;
    let going = capacity.map_or(total, |c| total.min(c));
    let status = EventStatus::parse(&r.get::<_, String>(15)?).unwrap_or(EventStatus::Cancelled);
    // Nobody « goes » to a cancelled meetup, whatever they had answered.
    let mine = match (position, capacity) {
        _ if status == EventStatus::Cancelled => Rsvp::No,
        (0, _) => Rsvp::No,
        (p, Some(c)) if p > c => Rsvp::Waiting(p - c),
        _ => Rsvp::Going,
    };
    Ok(Event {
        id: r.get(0)?,
        title: r.get(1)?,
        starts_at: parse_ts(&r.get::<_, String>(2)?),
        ends_at: parse_ts(&r.get::<_, String>(3)?),
        place: Place {
            space_id: r.get(4)?,
            space: r.get(5)?,
            address: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
            postcode: r.get(7)?,
            commune: r.get(8)?,
            commune_insee: r.get(9)?,
            lat: r.get(10)?,
            lon: r.get(11)?,
        },
        description: r.get(12)?,
        organiser: r.get(13)?,
        capacity,
        status,
        going,
        waiting: total - going,
        mine,
        attendees: Vec::new(),
        distance_km: None,
    })
}

fn list(
    c: &Connection,
    filter: &str,
    viewer: Option<i64>,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<Event>> {
    let mut stmt = c.prepare_cached(&format!("{SELECT} {filter} LIMIT ?3"))?;
    let rows = stmt.query_map(params![viewer, ts(now), limit], event_row)?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

fn get_in(c: &Connection, id: i64, viewer: Option<i64>) -> Result<Option<Event>> {
    let mut stmt = c.prepare_cached(&format!("{SELECT} WHERE e.id = ?2"))?;
    let Some(mut event) = stmt.query_row(params![viewer, id], event_row).optional()? else {
        return Ok(None);
    };
    let mut stmt = c.prepare_cached(
        "SELECT coalesce(u.handle, '#' || u.id) FROM event_attendees a JOIN users u ON u.id = a.user_id
         WHERE a.event_id = ?1 ORDER BY a.joined_at, a.user_id LIMIT ?2",
    )?;
    let limit = event.capacity.unwrap_or(CAPACITY_MAX);
    event.attendees = stmt.query_map(params![id, limit], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Some(event))
}

/// A member about to write: refused when suspended or without a handle.
fn member_in(c: &Connection, user: i64) -> std::result::Result<(), EventError> {
    let found: Option<(Option<String>, bool)> = c
        .query_row("SELECT handle, banned FROM users WHERE id = ?1", [user], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    match found {
        None => Err(EventError::NotFound),
        Some((_, true)) => Err(EventError::Banned),
        Some((None, _)) => Err(EventError::NoHandle),
        Some((Some(_), false)) => Ok(()),
    }
}

/// Finds the place a proposal names: a space (by id or name), else a commune (by name,
/// INSEE code or postcode). Returns (space id, commune INSEE).
fn place_in(c: &Connection, p: &Proposal) -> std::result::Result<(Option<i64>, Option<String>), EventError> {
    if let Some(space) = &p.space {
        let by_id = space.trim_start_matches('#').parse::<i64>().ok();
        let found: Option<i64> = c
            .query_row(
                "SELECT id FROM spaces WHERE id = ?1 OR sort_name = ?2 ORDER BY id = ?1 DESC LIMIT 1",
                params![by_id, sort_key(space)],
                |r| r.get(0),
            )
            .optional()?;
        return match found {
            Some(id) => Ok((Some(id), None)),
            None => Err(EventError::Invalid(ProposalError::UnknownSpace(clean_line(space)))),
        };
    }
    let Some(commune) = &p.commune else {
        return Err(EventError::Invalid(ProposalError::NoPlace));
    };
    let key = commune.trim();
    // Read as every place that asks for a commune reads it: a name, a postcode, an INSEE code.
    match super::communes::locate_in(c, key)? {
        Some(found) => Ok((None, Some(found.commune.insee))),
        None => Err(EventError::Invalid(ProposalError::UnknownCommune(clean_line(key)))),
    }
}

pub(super) fn insert_in(
    tx: &Transaction<'_>,
    p: &Proposal,
    organiser: Option<i64>,
    status: EventStatus,
    source: &str,
    now: DateTime<Utc>,
) -> std::result::Result<i64, EventError> {
    let (space, commune) = place_in(tx, p)?;
    let approved_at = (status == EventStatus::Approved).then(|| ts(now));
    tx.execute(
        "INSERT INTO events (title, starts_at, ends_at, space_id, address, commune_insee, description,
            organiser_id, capacity, status, created_at, approved_at, source)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            clean_line(&p.title).trim(),
            ts(p.starts_at),
            ts(p.ends_at),
            space,
            clean_line(&p.address).trim(),
            commune,
            clean_text(&p.description).trim(),
            organiser,
            p.capacity,
            status.as_str(),
            ts(now),
            approved_at,
            source
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

impl Events<'_> {
    /// Approved events not over yet, soonest first, with the viewer's own proposals (marked
    /// as waiting) and the cancelled ones they had joined (so that they see why).
    pub fn upcoming(&self, viewer: Option<i64>, now: DateTime<Utc>) -> Result<Vec<Event>> {
        self.store.read(|c| {
            list(
                c,
                "WHERE e.ends_at > ?2 AND (e.status = 'approved'
                    OR (e.status = 'proposed' AND e.organiser_id = ?1)
                    OR (e.status = 'cancelled'
                        AND EXISTS (SELECT 1 FROM event_attendees a WHERE a.event_id = e.id AND a.user_id = ?1)))
                 ORDER BY e.starts_at, e.id",
                viewer,
                now,
                500,
            )
        })
    }

    /// What a calendar program should know: events to come, approved or cancelled (so that
    /// an imported event disappears from it when cancelled).
    pub fn for_calendar(&self, now: DateTime<Utc>) -> Result<Vec<Event>> {
        self.store.read(|c| {
            list(
                c,
                "WHERE e.status IN ('approved', 'cancelled') AND e.ends_at > ?2 ORDER BY e.starts_at, e.id",
                None,
                now,
                1000,
            )
        })
    }

    /// Everything not over yet, proposals and cancelled ones included: the console's agenda.
    pub fn console(&self, now: DateTime<Utc>) -> Result<Vec<Event>> {
        self.store.read(|c| list(c, "WHERE e.ends_at > ?2 ORDER BY e.starts_at, e.id", None, now, 1000))
    }

    /// One event whatever its status, for the console.
    pub fn get_any(&self, id: i64) -> Result<Option<Event>> {
        self.store.read(|c| get_in(c, id, None))
    }

    /// Approved and cancelled events already over, latest first: the agenda's memory.
    pub fn past(&self, viewer: Option<i64>, now: DateTime<Utc>, limit: i64) -> Result<Vec<Event>> {
        self.store.read(|c| {
            list(
                c,
                "WHERE e.status IN ('approved', 'cancelled') AND e.ends_at <= ?2 ORDER BY e.starts_at DESC, e.id DESC",
                viewer,
                now,
                limit,
            )
        })
    }

    /// One event with who goes. A proposal is shown only to its organiser (and admins, who
    /// use [`Events::all`]).
    pub fn get(&self, id: i64, viewer: Option<i64>) -> Result<Option<Event>> {
        self.store.read(|c| {
            let Some(event) = get_in(c, id, viewer)? else { return Ok(None) };
            if event.status == EventStatus::Proposed && (viewer.is_none() || organiser_of(c, id)? != viewer) {
                return Ok(None);
            }
            Ok(Some(event))
        })
    }

    /// The admins' list: the proposals waiting (`Proposed`) soonest first, as a queue to
    /// decide; the events of another status, or all of them, latest start first. The first
    /// `limit` (`None`: all) and how many in all.
    pub fn page(&self, status: Option<EventStatus>, limit: Option<usize>) -> Result<Page<Event>> {
        self.store.read(|c| {
            let (filter, count) = match status {
                Some(EventStatus::Proposed) => {
                    ("WHERE e.status = 'proposed' ORDER BY e.starts_at, e.id", "WHERE status = 'proposed'")
                }
                Some(EventStatus::Approved) => (
                    "WHERE e.status = 'approved' ORDER BY e.starts_at DESC, e.id DESC",
                    "WHERE status = 'approved'",
                ),
                Some(EventStatus::Cancelled) => (
                    "WHERE e.status = 'cancelled' ORDER BY e.starts_at DESC, e.id DESC",
                    "WHERE status = 'cancelled'",
                ),
                None => ("WHERE ?2 IS NOT NULL ORDER BY e.starts_at DESC, e.id DESC", ""),
            };
            let rows = list(c, filter, None, Utc::now(), page_limit(limit))?;
            paged(rows, limit, || {
                c.query_row(&format!("SELECT count(*) FROM events {count}"), [], |r| r.get(0))
            })
        })
    }

    /// A member proposes an event: it waits for an admin. At most [`MAX_WAITING_PROPOSALS`]
    /// wait at once, whatever their date: one that has started still fills the admins'
    /// queue until they decide, so it still counts.
    pub fn propose(
        &self,
        user: i64,
        p: &Proposal,
        now: DateTime<Utc>,
    ) -> std::result::Result<i64, EventError> {
        self.store.write(|tx| {
            member_in(tx, user)?;
            let waiting: i64 = tx.query_row(
                "SELECT count(*) FROM events WHERE organiser_id = ?1 AND status = 'proposed'",
                [user],
                |r| r.get(0),
            )?;
            if waiting >= MAX_WAITING_PROPOSALS {
                return Err(EventError::TooMany(MAX_WAITING_PROPOSALS));
            }
            insert_in(tx, p, Some(user), EventStatus::Proposed, "", now)
        })
    }

    /// The association's own event, approved at once, signed by `actor` in the audit log.
    pub fn create(
        &self,
        actor: &str,
        p: &Proposal,
        now: DateTime<Utc>,
    ) -> std::result::Result<i64, EventError> {
        self.store.write(|tx| {
            let id = insert_in(tx, p, None, EventStatus::Approved, "", now)?;
            audit::record(tx, actor, "event.create", &format!("event {id}"), &p.title)?;
            Ok(id)
        })
    }

    /// « J'y vais » (`going`) or « je n'y vais plus ». Returns where the member stands now.
    pub fn rsvp(
        &self,
        user: i64,
        id: i64,
        going: bool,
        now: DateTime<Utc>,
    ) -> std::result::Result<Rsvp, EventError> {
        self.store.write(|tx| {
            member_in(tx, user)?;
            let event = get_in(tx, id, Some(user))?.ok_or(EventError::NotFound)?;
            match event.status {
                EventStatus::Cancelled => return Err(EventError::Cancelled),
                EventStatus::Proposed => return Err(EventError::NotApproved),
                EventStatus::Approved => {}
            }
            if event.ends_at <= now {
                return Err(EventError::Past);
            }
            if going {
                tx.execute(
                    "INSERT OR IGNORE INTO event_attendees (event_id, user_id, joined_at) VALUES (?1, ?2, ?3)",
                    params![id, user, now.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)],
                )?;
            } else {
                let before = super::follow_notices::going(tx, id)?;
                tx.execute("DELETE FROM event_attendees WHERE event_id = ?1 AND user_id = ?2", params![id, user])?;
                super::follow_notices::places_freed(tx, id, &before, now)?;
            }
            Ok(get_in(tx, id, Some(user))?.map(|e| e.mine).unwrap_or(Rsvp::No))
        })
    }

    /// An admin approves a proposal: it appears in the agenda.
    pub fn approve(&self, actor: &str, id: i64) -> Result<EventStatus> {
        self.set_status(actor, id, EventStatus::Approved)
    }

    /// An admin cancels an event: it stays listed, marked, and its attendees are told on
    /// their next visit.
    pub fn cancel(&self, actor: &str, id: i64) -> Result<EventStatus> {
        self.set_status(actor, id, EventStatus::Cancelled)
    }

    fn set_status(&self, actor: &str, id: i64, status: EventStatus) -> Result<EventStatus> {
        self.store.write(|tx| {
            let found: Option<(String, String, String)> = tx
                .query_row("SELECT status, title, ends_at FROM events WHERE id = ?1", [id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            let (old, title, ends_at) = found.ok_or(StoreError::NotFound)?;
            if status == EventStatus::Cancelled && old != status.as_str() && parse_ts(&ends_at) <= Utc::now()
            {
                return Err(Refusal::EventOver(id).into());
            }
            let old = EventStatus::parse(&old).unwrap_or(EventStatus::Cancelled);
            if old == status {
                return Ok(old);
            }
            if old == EventStatus::Cancelled {
                return Err(Refusal::EventCancelled(id).into());
            }
            let now = ts(Utc::now());
            match status {
                EventStatus::Approved => tx.execute(
                    "UPDATE events SET status = 'approved', approved_at = ?1 WHERE id = ?2",
                    params![now, id],
                )?,
                _ => tx.execute(
                    "UPDATE events SET status = 'cancelled', cancelled_at = ?1 WHERE id = ?2",
                    params![now, id],
                )?,
            };
            let action = if status == EventStatus::Approved { "event.approve" } else { "event.cancel" };
            audit::record(tx, actor, action, &format!("event {id}"), &title)?;
            Ok(old)
        })
    }

    /// Deletes an event and who was going, for what should never have been in the agenda (a
    /// demo meetup, a duplicate). Unlike a cancellation nobody is told: there is nothing left
    /// to tell them about.
    pub fn delete(&self, actor: &str, id: i64) -> Result<()> {
        self.store.write(|tx| {
            let title: String = tx
                .query_row("SELECT title FROM events WHERE id = ?1", [id], |r| r.get(0))
                .optional()?
                .ok_or(StoreError::NotFound)?;
            tx.execute("DELETE FROM events WHERE id = ?1", [id])?;
            audit::record(tx, actor, "event.delete", &format!("event {id}"), &title)?;
            Ok(())
        })
    }

    pub fn count(&self) -> Result<i64> {
        self.store.read(|c| Ok(c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?))
    }
}

fn organiser_of(c: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(c.query_row("SELECT organiser_id FROM events WHERE id = ?1", [id], |r| r.get(0)).optional()?.flatten())
}

impl Store {
    pub fn events(&self) -> Events<'_> {
        Events { store: self }
    }

    /// The agenda part of `user`'s summary since `since`.
    pub fn agenda_news(&self, user: i64, since: DateTime<Utc>, now: DateTime<Utc>) -> Result<AgendaNews> {
        // « Near you » only for a member who said where they live.
        let home = self.follow().home(user)?;
        self.read(|c| {
            let viewer = Some(user);
            let mut stmt = c.prepare_cached(&format!(
                "{SELECT} WHERE e.status = 'approved' AND e.ends_at > ?2 AND e.approved_at > ?3
                 ORDER BY e.starts_at, e.id LIMIT 50"
            ))?;
            let new_events: Vec<Event> = stmt
                .query_map(params![viewer, ts(now), ts(since)], event_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|e| match (home, e.place.lat, e.place.lon) {
                    (Some(h), Some(lat), Some(lon)) => crate::domain::distance_km(h, (lat, lon)) <= NEAR_KM,
                    (Some(_), _, _) => true,
                    (None, _, _) => false,
                })
                // Those the member answered are theirs already, not news.
                .filter(|e| e.mine == Rsvp::No)
                .collect();
            let mut stmt = c.prepare_cached(&format!(
                "{SELECT} WHERE e.status = 'approved' AND e.starts_at > ?2 AND e.starts_at <= ?3
                   AND EXISTS (SELECT 1 FROM event_attendees a WHERE a.event_id = e.id AND a.user_id = ?1)
                 ORDER BY e.starts_at, e.id"
            ))?;
            let soon: Vec<Event> = stmt
                .query_map(params![viewer, ts(now), ts(now + Duration::hours(48))], event_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .filter(|e| e.mine == Rsvp::Going)
                .collect();
            let mut stmt = c.prepare_cached(&format!(
                "{SELECT} WHERE e.status = 'cancelled' AND e.cancelled_at >= ?2 AND e.ends_at > ?3
                   AND EXISTS (SELECT 1 FROM event_attendees a WHERE a.event_id = e.id AND a.user_id = ?1)
                 ORDER BY e.starts_at, e.id"
            ))?;
            let cancelled = stmt
                .query_map(params![viewer, ts(since), ts(now)], event_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(AgendaNews { new_events, soon, cancelled })
        })
    }
}

#[cfg(test)]
#[path = "events_tests.rs"]
mod tests;
