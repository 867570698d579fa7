//! A member's SSH keys: listing them with their last use, and removing one after a lost
//! laptop. A key removed is forgotten: if it comes back it is a stranger's, and gets a new
//! guest account like any key seen for the first time.

use rusqlite::{OptionalExtension, params};

use super::users::Users;
use super::{Result, StoreError, parse_ts};
use crate::domain::keys::KeyError;
use crate::domain::member::KeyInfo;

/// What [`Users::state`] says: the handle, whether they may moderate, whether suspended.
pub type MemberState = (Option<String>, bool, bool);

impl From<StoreError> for KeyError {
    fn from(e: StoreError) -> Self {
        KeyError::Store(e.to_string())
    }
}

/// The keys of `user_id`, oldest first (by the `user_keys_user` index).
pub(super) fn keys_of(c: &rusqlite::Connection, user_id: i64) -> Result<Vec<KeyInfo>> {
    let mut stmt = c.prepare_cached(
        "SELECT fingerprint, algorithm, added_at, last_used_at FROM user_keys WHERE user_id = ?1
         ORDER BY added_at, fingerprint",
    )?;
    let keys = stmt.query_map([user_id], |r| {
        Ok(KeyInfo {
            fingerprint: r.get(0)?,
            algorithm: r.get(1)?,
            added_at: parse_ts(&r.get::<_, String>(2)?),
            last_used_at: r.get::<_, Option<String>>(3)?.map(|s| parse_ts(&s)),
        })
    })?;
    Ok(keys.collect::<rusqlite::Result<Vec<_>>>()?)
}

impl Users<'_> {
    /// The member's keys, oldest first.
    pub fn keys(&self, user_id: i64) -> Result<Vec<KeyInfo>> {
        self.store.read(|c| keys_of(c, user_id))
    }

    /// Removes the key `fingerprint` of member `user_id`, who is connected with the key
    /// `in_use`; returns what it was. Never their last key, never the one in use. One
    /// transaction: two sessions removing each other's key at once cannot leave none.
    pub fn remove_key(
        &self,
        user_id: i64,
        fingerprint: &str,
        in_use: &str,
    ) -> std::result::Result<KeyInfo, KeyError> {
        self.store.write(|tx| {
            let keys = keys_of(tx, user_id)?;
            let Some(key) = keys.iter().find(|k| k.fingerprint == fingerprint) else {
                return Err(KeyError::NotFound);
            };
            if keys.len() == 1 {
                return Err(KeyError::Last);
            }
            if key.fingerprint == in_use {
                return Err(KeyError::InUse);
            }
            let removed = tx
                .execute(
                    "DELETE FROM user_keys WHERE fingerprint = ?1 AND user_id = ?2",
                    params![fingerprint, user_id],
                )
                .map_err(StoreError::from)?;
            if removed != 1 {
                return Err(KeyError::NotFound);
            }
            Ok(key.clone())
        })
    }

    /// [`Users::state`] of member `user_id`, and whether the key `fingerprint` is still
    /// known (to them, or to the account a link code moved it to), in one read: asked by
    /// every member's session at each change notice, so a session that came in with a key
    /// removed since ends at the removal.
    pub fn state_with_key(&self, user_id: i64, fingerprint: &str) -> Result<(MemberState, bool)> {
        self.store.read(|c| {
            let found = c
                .query_row(
                    "SELECT handle, role IN ('moderator', 'admin') AND NOT banned, banned,
                            EXISTS (SELECT 1 FROM user_keys WHERE fingerprint = ?2)
                     FROM users WHERE id = ?1",
                    params![user_id, fingerprint],
                    |r| Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?)),
                )
                .optional()?;
            if let Some(state) = found {
                return Ok(state);
            }
            // The account is gone. A link code moved this key to another one and deleted
            // the empty account it left: the session hears of its new account from the
            // code's answer, which may come after this notice; nothing is wrong meanwhile.
            let moved: bool = c.query_row(
                "SELECT EXISTS (SELECT 1 FROM user_keys WHERE fingerprint = ?1)",
                [fingerprint],
                |r| r.get(0),
            )?;
            Ok(((None, false, false), moved))
        })
    }

    /// Whether the key `fingerprint` still belongs to member `user_id`: a session that came
    /// in with a key removed since is no longer that member's.
    pub fn key_belongs(&self, user_id: i64, fingerprint: &str) -> Result<bool> {
        self.store.read(|c| {
            let owner: Option<i64> = c
                .query_row("SELECT user_id FROM user_keys WHERE fingerprint = ?1", [fingerprint], |r| {
                    r.get(0)
                })
                .optional()?;
            Ok(owner == Some(user_id))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        (dir, store)
    }

    /// A member with a laptop key and a desktop key linked to it.
    fn two_keys(s: &Store) -> i64 {
        let me = s.users().for_key("SHA256:laptop", "ssh-ed25519").unwrap().user_id;
        s.users().set_handle(me, "camille").unwrap();
        s.users().for_key("SHA256:desktop", "ssh-rsa").unwrap();
        let code = s.users().create_link_code(me, chrono::Utc::now()).unwrap();
        assert_eq!(s.users().redeem_link_code("SHA256:desktop", &code, chrono::Utc::now()), Ok(me));
        me
    }

    #[test]
    fn each_login_records_the_use_of_its_key() {
        let (_d, s) = store();
        let me = two_keys(&s);
        let keys = s.users().keys(me).unwrap();
        assert_eq!(keys.len(), 2);
        assert!(keys.iter().all(|k| k.last_used_at.is_some()), "{keys:?}");
        let old = "2020-01-01T00:00:00Z";
        s.writer().execute("UPDATE user_keys SET last_used_at = ?1", [old]).unwrap();
        s.users().for_key("SHA256:laptop", "ssh-ed25519").unwrap();
        let after = s.users().keys(me).unwrap();
        let used = |fp: &str| after.iter().find(|k| k.fingerprint == fp).unwrap().last_used_at;
        // The key that logged in, and only that one.
        assert!(used("SHA256:laptop") > Some(parse_ts(old)), "{after:?}");
        assert_eq!(used("SHA256:desktop"), Some(parse_ts(old)));
    }

    #[test]
    fn a_removed_key_comes_back_as_a_stranger() {
        let (_d, s) = store();
        let me = two_keys(&s);
        let removed = s.users().remove_key(me, "SHA256:laptop", "SHA256:desktop").unwrap();
        assert_eq!(
            (removed.fingerprint.as_str(), removed.algorithm.as_str()),
            ("SHA256:laptop", "ssh-ed25519")
        );
        let left: Vec<_> = s.users().keys(me).unwrap().into_iter().map(|k| k.fingerprint).collect();
        assert_eq!(left, ["SHA256:desktop"]);
        assert!(!s.users().key_belongs(me, "SHA256:laptop").unwrap());
        assert!(s.users().key_belongs(me, "SHA256:desktop").unwrap());
        let thief = s.users().for_key("SHA256:laptop", "ssh-ed25519").unwrap();
        assert_ne!(thief.user_id, me);
        assert_eq!(thief.handle, None);
    }

    #[test]
    fn the_migration_gives_a_single_key_its_members_last_visit() {
        let (_d, s) = store();
        let one = s.users().for_key("SHA256:one", "ssh-ed25519").unwrap().user_id;
        let two = two_keys(&s);
        let c = s.writer();
        c.execute("UPDATE user_keys SET last_used_at = NULL", []).unwrap();
        c.execute("UPDATE users SET last_seen_at = '2025-05-05T10:00:00Z'", []).unwrap();
        // The data step of the migration, as it runs on a bulletin that had no record.
        let sql = include_str!("migrations/0013_keys.sql");
        let update = &sql[sql.find("UPDATE").unwrap()..];
        c.execute_batch(update).unwrap();
        drop(c);
        let used =
            |user| s.users().keys(user).unwrap().into_iter().map(|k| k.last_used_at).collect::<Vec<_>>();
        assert_eq!(used(one), [Some(parse_ts("2025-05-05T10:00:00Z"))]);
        assert_eq!(used(two), [None, None], "with two keys nobody knows which came");
    }

    #[test]
    fn a_session_learns_that_its_key_was_removed() {
        let (_d, s) = store();
        let me = two_keys(&s);
        let state = s.users().state(me).unwrap();
        assert_eq!(s.users().state_with_key(me, "SHA256:laptop").unwrap(), (state.clone(), true));
        s.users().remove_key(me, "SHA256:laptop", "SHA256:desktop").unwrap();
        assert_eq!(s.users().state_with_key(me, "SHA256:laptop").unwrap(), (state.clone(), false));
        assert_eq!(s.users().state_with_key(me, "SHA256:desktop").unwrap(), (state, true));
        // A key moved to another account by a link code is still known: that session
        // learns its new account from the code's answer.
        let other = s.users().for_key("SHA256:other", "ssh-ed25519").unwrap().user_id;
        let code = s.users().create_link_code(other, chrono::Utc::now()).unwrap();
        s.users().redeem_link_code("SHA256:desktop", &code, chrono::Utc::now()).unwrap();
        assert!(s.users().state_with_key(me, "SHA256:desktop").unwrap().1);
        // Even when the account it left is gone: neither suspended nor removed.
        let fresh = s.users().for_key("SHA256:fresh", "ssh-ed25519").unwrap().user_id;
        let code = s.users().create_link_code(me, chrono::Utc::now()).unwrap();
        s.users().redeem_link_code("SHA256:fresh", &code, chrono::Utc::now()).unwrap();
        assert!(matches!(s.users().profile(fresh), Err(StoreError::NotFound)));
        assert_eq!(s.users().state_with_key(fresh, "SHA256:fresh").unwrap(), ((None, false, false), true));
        assert_eq!(s.users().state_with_key(fresh, "SHA256:never").unwrap(), ((None, false, false), false));
    }

    #[test]
    fn the_key_in_use_the_last_key_and_others_keys_stay() {
        let (_d, s) = store();
        let me = two_keys(&s);
        let other = s.users().for_key("SHA256:other", "ssh-ed25519").unwrap().user_id;
        let users = s.users();
        assert_eq!(users.remove_key(me, "SHA256:desktop", "SHA256:desktop"), Err(KeyError::InUse));
        assert_eq!(users.remove_key(me, "SHA256:other", "SHA256:desktop"), Err(KeyError::NotFound));
        assert_eq!(users.remove_key(me, "SHA256:nope", "SHA256:desktop"), Err(KeyError::NotFound));
        assert_eq!(users.remove_key(other, "SHA256:other", "SHA256:other"), Err(KeyError::Last));
        assert_eq!(users.keys(me).unwrap().len(), 2);
        assert_eq!(users.keys(other).unwrap().len(), 1);
        users.remove_key(me, "SHA256:laptop", "SHA256:desktop").unwrap();
        // Left with one key, the member keeps it whichever session asks.
        assert_eq!(users.remove_key(me, "SHA256:desktop", "SHA256:laptop"), Err(KeyError::Last));
        assert_eq!(users.keys(me).unwrap().len(), 1);
    }
}
