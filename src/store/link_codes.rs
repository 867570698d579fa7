//! Link codes: whether one may be used, moving a key with it, and the attempts of each key,
//! counted in memory. A code is eight letters from an alphabet of 31: guessing one is
//! hopeless, but each guess used to be a write on the one writer every member waits for.
//! Now a wrong code costs a read, the fourth wrong one in a row waits, and after
//! [`MAX_FAILURES`] within [`WINDOW_MINUTES`] the key is refused at once, without touching
//! the database, until the oldest of them is that old. Memory is enough: the count only has
//! to last ten minutes, and a restart is not the guesser's to make.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, Transaction, params};

use super::{StoreError, parse_ts, ts};
use crate::domain::member::LinkError;

/// Wrong codes within [`WINDOW_MINUTES`] that lock the key out.
pub const MAX_FAILURES: usize = 5;
/// How far back wrong codes count.
pub const WINDOW_MINUTES: i64 = 10;
/// After this many wrong codes the next attempt waits [`SLOW_SECS`] after the last one:
/// a member who mistyped twice is not slowed, a script is.
const FREE_FAILURES: usize = 3;
const SLOW_SECS: i64 = 30;
/// Keys remembered at most before those with no recent failure are forgotten.
const KEYS_KEPT: usize = 4096;

/// The attempts of every key, shared by all sessions of the store.
#[derive(Default)]
pub struct LinkAttempts {
    by_key: Mutex<HashMap<String, VecDeque<DateTime<Utc>>>>,
}

impl LinkAttempts {
    /// Counts an attempt by `key` at `now` as a failure until [`LinkAttempts::forgive`]
    /// says otherwise; or, when the key must wait, refuses it: `Err` holds the seconds
    /// left. Counting first, under one lock, keeps sessions of one key from racing past.
    pub fn begin(&self, key: &str, now: DateTime<Utc>) -> Result<(), i64> {
        let mut by_key = self.by_key.lock().unwrap_or_else(PoisonError::into_inner);
        if by_key.len() >= KEYS_KEPT {
            by_key.retain(|_, failures| failures.back().is_some_and(|t| *t > now - window()));
        }
        let failures = by_key.entry(key.to_string()).or_default();
        while failures.front().is_some_and(|t| *t <= now - window()) {
            failures.pop_front();
        }
        let free_at = match failures.len() {
            n if n >= MAX_FAILURES => failures.front().map(|t| *t + window()),
            n if n >= FREE_FAILURES => failures.back().map(|t| *t + Duration::seconds(SLOW_SECS)),
            _ => None,
        };
        if let Some(free_at) = free_at.filter(|t| *t > now) {
            // Rounded up: « in 0 s » would not be true.
            let millis = (free_at - now).num_milliseconds();
            return Err((millis + 999) / 1000);
        }
        failures.push_back(now);
        Ok(())
    }

    /// The attempt begun last was no wrong guess (the database failed, or the code was the
    /// member's own): it does not count. `success`: the code worked, the slate is clean.
    pub fn forgive(&self, key: &str, success: bool) {
        let mut by_key = self.by_key.lock().unwrap_or_else(PoisonError::into_inner);
        if success {
            by_key.remove(key);
        } else if let Some(failures) = by_key.get_mut(key) {
            failures.pop_back();
        }
    }
}

fn window() -> Duration {
    Duration::minutes(WINDOW_MINUTES)
}

/// The account `code` links to and the account the key `fingerprint` leaves, when the code
/// may be used now.
pub(super) fn check(
    c: &rusqlite::Connection,
    fingerprint: &str,
    code: &str,
    now: DateTime<Utc>,
) -> std::result::Result<(i64, i64), LinkError> {
    let found: Option<(i64, String, Option<String>)> = c
        .query_row("SELECT user_id, expires_at, used_at FROM link_codes WHERE code = ?1", [code], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()
        .map_err(StoreError::from)?;
    let Some((target, expires_at, used_at)) = found else {
        return Err(LinkError::Unknown);
    };
    if used_at.is_some() {
        return Err(LinkError::Used);
    }
    if parse_ts(&expires_at) <= now {
        return Err(LinkError::Expired);
    }
    let previous: Option<i64> = c
        .query_row("SELECT user_id FROM user_keys WHERE fingerprint = ?1", [fingerprint], |r| r.get(0))
        .optional()
        .map_err(StoreError::from)?;
    let Some(previous) = previous else {
        // Keys are recorded at authentication: an unknown one was never verified.
        return Err(LinkError::Store("unknown key".into()));
    };
    if previous == target {
        return Err(LinkError::SameAccount);
    }
    Ok((target, previous))
}

/// Moves the key to the account `(from, to).1`, marks the code used, and deletes the account
/// it left if nothing is left of it.
pub(super) fn move_key(
    tx: &Transaction<'_>,
    fingerprint: &str,
    code: &str,
    (from, to): (i64, i64),
    now: DateTime<Utc>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE user_keys SET user_id = ?1, added_at = ?2 WHERE fingerprint = ?3",
        params![to, ts(now), fingerprint],
    )?;
    tx.execute("UPDATE link_codes SET used_at = ?1 WHERE code = ?2", params![ts(now), code])?;
    tx.execute(
        "DELETE FROM users WHERE id = ?1 AND handle IS NULL
         AND NOT EXISTS (SELECT 1 FROM user_keys WHERE user_id = ?1)
         AND NOT EXISTS (SELECT 1 FROM comments WHERE author_id = ?1)",
        [from],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use chrono::TimeZone;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 1, 10, 9, 0, 0).unwrap()
    }

    #[test]
    fn wrong_codes_slow_down_then_lock_until_the_oldest_is_ten_minutes_old() {
        let a = LinkAttempts::default();
        let s = Duration::seconds;
        for _ in 0..FREE_FAILURES {
            assert_eq!(a.begin("k", t0()), Ok(()));
        }
        // The fourth waits half a minute after the third.
        assert_eq!(a.begin("k", t0() + s(10)), Err(20));
        assert_eq!(a.begin("k", t0() + s(30)), Ok(()));
        assert_eq!(a.begin("k", t0() + s(60)), Ok(()));
        // Five within ten minutes: locked until the first is ten minutes old.
        assert_eq!(a.begin("k", t0() + s(120)), Err(480));
        assert_eq!(a.begin("k", t0() + Duration::minutes(9)), Err(60));
        // Another key is not concerned.
        assert_eq!(a.begin("other", t0() + s(120)), Ok(()));
        // The first three leave the window together: the key may try again at once.
        assert_eq!(a.begin("k", t0() + Duration::minutes(10)), Ok(()));
    }

    #[test]
    fn what_is_no_wrong_guess_is_forgiven_and_a_success_clears_the_count() {
        let a = LinkAttempts::default();
        let at = |secs: i64| t0() + Duration::seconds(secs);
        for i in 0..MAX_FAILURES as i64 - 1 {
            assert_eq!(a.begin("k", at(i * SLOW_SECS)), Ok(()));
        }
        // The fifth attempt was the member's own code: forgiven, it does not lock.
        assert_eq!(a.begin("k", at(4 * SLOW_SECS)), Ok(()));
        a.forgive("k", false);
        assert_eq!(a.begin("k", at(5 * SLOW_SECS)), Ok(()));
        // That one worked: the slate is clean.
        a.forgive("k", true);
        assert_eq!(a.begin("k", at(5 * SLOW_SECS)), Ok(()));
        assert_eq!(a.begin("k", at(5 * SLOW_SECS)), Ok(()));
    }

    #[test]
    fn guessing_codes_never_waits_for_the_writer_and_locks_the_key() {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let home = store.users().for_key("SHA256:home", "ssh-ed25519").unwrap().user_id;
        store.users().for_key("SHA256:guesser", "ssh-ed25519").unwrap();
        let code = store.users().create_link_code(home, t0()).unwrap();
        let s = Duration::seconds;

        // The writer is busy for as long as the test likes: the guesses are answered anyway.
        let writer = store.writer();
        let guesser = store.clone();
        let typed = code.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let users = guesser.users();
            let answers: Vec<_> = [0, 1, 2, 32, 62, 63]
                .into_iter()
                .map(|at| users.redeem_link_code("SHA256:guesser", "AAAA-AAAA", t0() + s(at)))
                .collect();
            // Locked: even the right code is refused, before any read.
            let right = users.redeem_link_code("SHA256:guesser", &typed, t0() + s(64));
            let _ = tx.send((answers, right));
        });
        let (answers, right) =
            rx.recv_timeout(std::time::Duration::from_secs(10)).expect("a guess waited for the writer");
        drop(writer);
        assert_eq!(answers[..5], vec![Err(LinkError::Unknown); 5]);
        assert_eq!(answers[5], Err(LinkError::TooManyAttempts { wait_secs: 537 }));
        assert_eq!(right, Err(LinkError::TooManyAttempts { wait_secs: 536 }));
        // Ten minutes after the first wrong guess a right code works, and is written.
        let fresh = store.users().create_link_code(home, t0() + Duration::minutes(9)).unwrap();
        let at = t0() + Duration::minutes(WINDOW_MINUTES);
        assert_eq!(store.users().redeem_link_code("SHA256:guesser", &fresh, at), Ok(home));
    }
}
