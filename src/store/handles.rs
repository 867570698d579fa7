//! A member's handle: chosen freely the first time, then changed at most once every
//! [`HANDLE_CHANGE_HOURS`]; a handle given up stays reserved [`HANDLE_RESERVED_DAYS`] to the
//! member who had it, so that nobody else signs with a name readers link to them.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{Result, StoreError, Users, parse_ts, ts};
use crate::domain::member::{HANDLE_CHANGE_HOURS, HANDLE_RESERVED_DAYS, HandleError, validate_handle};

/// Remembers inside the caller's transaction that `user_id` gave up `handle` at `now`, and
/// forgets the reservations that ran out (a handful of rows: changes are paced).
pub(super) fn release_in(tx: &Transaction<'_>, user_id: i64, handle: &str, now: DateTime<Utc>) -> Result<()> {
    tx.execute(
        "DELETE FROM released_handles WHERE released_at <= ?1",
        [ts(now - Duration::days(HANDLE_RESERVED_DAYS))],
    )?;
    tx.execute(
        "INSERT INTO released_handles (handle, user_id, released_at) VALUES (?1, ?2, ?3)",
        params![handle, user_id, ts(now)],
    )?;
    Ok(())
}

/// Whether someone other than `user_id` gave `handle` up less than the reservation ago.
fn reserved_to_another(
    tx: &Transaction<'_>,
    user_id: i64,
    handle: &str,
    now: DateTime<Utc>,
) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT EXISTS (SELECT 1 FROM released_handles
                        WHERE handle = ?1 AND user_id <> ?2 AND released_at > ?3)",
        params![handle, user_id, ts(now - Duration::days(HANDLE_RESERVED_DAYS))],
        |r| r.get(0),
    )
}

impl Users<'_> {
    /// Sets or changes a member's handle; returns it as stored (lower case). Handles are
    /// unique whatever their case: `Camille` and `camille` would be the same person to readers.
    pub fn set_handle(&self, user_id: i64, input: &str) -> std::result::Result<String, HandleError> {
        self.set_handle_at(user_id, input, Utc::now())
    }

    /// [`Users::set_handle`] at `now`. Refused, in this order: a suspended member (`Banned`),
    /// a change less than [`HANDLE_CHANGE_HOURS`] after the member's previous choice
    /// (`TooSoon`), a handle someone has (`Taken`) or gave up less than
    /// [`HANDLE_RESERVED_DAYS`] ago (`RecentlyReleased`). Giving one's handle again changes
    /// nothing and is never refused; taking back one's own released handle is a change.
    pub fn set_handle_at(
        &self,
        user_id: i64,
        input: &str,
        now: DateTime<Utc>,
    ) -> std::result::Result<String, HandleError> {
        let handle = validate_handle(input)?;
        self.store.write(|tx| {
            let found: Option<(Option<String>, bool, Option<String>)> = tx
                .query_row("SELECT handle, banned, handle_set_at FROM users WHERE id = ?1", [user_id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()
                .map_err(StoreError::from)?;
            let Some((current, banned, set_at)) = found else {
                return Err(StoreError::NotFound.into());
            };
            if banned {
                return Err(HandleError::Banned);
            }
            if current.as_deref().is_some_and(|c| c.eq_ignore_ascii_case(&handle)) {
                return Ok(handle.clone());
            }
            let next = set_at.map(|at| parse_ts(&at) + Duration::hours(HANDLE_CHANGE_HOURS));
            if let Some(next) = next.filter(|next| current.is_some() && now < *next) {
                return Err(HandleError::TooSoon { next });
            }
            let holder: Option<i64> = tx
                .query_row("SELECT id FROM users WHERE handle = ?1 COLLATE NOCASE", [&handle], |r| r.get(0))
                .optional()
                .map_err(StoreError::from)?;
            if holder.is_some() {
                return Err(HandleError::Taken);
            }
            if reserved_to_another(tx, user_id, &handle, now).map_err(StoreError::from)? {
                return Err(HandleError::RecentlyReleased);
            }
            if let Some(old) = &current {
                release_in(tx, user_id, old, now)?;
            }
            // The first choice does not start the clock: a typo made on the way to a first
            // comment is put right at once; from that change on, one a day.
            let clock = current.as_ref().map(|_| ts(now));
            tx.execute(
                "UPDATE users SET handle = ?1, handle_set_at = ?2 WHERE id = ?3",
                params![handle, clock, user_id],
            )
            .map_err(StoreError::from)?;
            Ok(handle.clone())
        })
    }
}
