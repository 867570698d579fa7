//! Members, their SSH keys, their profile, and the codes that link a new key to an account.

use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, link_codes, parse_ts, ts};
use crate::domain::member::{CODE_LEN, HandleError, format_code};
use crate::domain::member::{CharsetChoice, LinkError, Profile};

pub struct Users<'s> {
    pub(super) store: &'s Store,
}

/// A member as the session needs them at connection time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyOwner {
    pub user_id: i64,
    pub handle: Option<String>,
    pub lang: Option<String>,
    pub banned: bool,
    /// The previous visit, read before this connection updated it: what « since your last
    /// visit » means. `None` on the first visit.
    pub previous_visit: Option<DateTime<Utc>>,
    /// `member`, `moderator` or `admin`.
    pub role: String,
    /// The member chose the line mode for every session (`users.line_mode`).
    pub line_mode: bool,
    /// The characters the member said their terminal shows (`users.charset`).
    pub charset: CharsetChoice,
}

impl From<StoreError> for LinkError {
    fn from(e: StoreError) -> Self {
        LinkError::Store(e.to_string())
    }
}

impl From<StoreError> for HandleError {
    fn from(e: StoreError) -> Self {
        HandleError::Store(e.to_string())
    }
}

/// Letters and digits nobody misreads or mistypes: no 0/O, 1/I/L.
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Long enough to type the code on another machine, short enough that a code seen over a
/// shoulder is soon worthless.
const CODE_MINUTES: i64 = 10;

/// The form a code is stored in: upper case, no dash or space.
fn normalize_code(input: &str) -> String {
    input.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// A random code from [`CODE_ALPHABET`], drawn without modulo bias.
fn random_code() -> Result<String> {
    let n = CODE_ALPHABET.len();
    // The largest multiple of the alphabet size that fits in a byte: bytes above are redrawn.
    let limit = (256 / n * n) as u16;
    let mut out = String::with_capacity(CODE_LEN);
    while out.len() < CODE_LEN {
        let mut buf = [0u8; 16];
        getrandom::fill(&mut buf).map_err(|e| StoreError::Random(e.to_string()))?;
        for b in buf {
            if u16::from(b) < limit && out.len() < CODE_LEN {
                out.push(char::from(CODE_ALPHABET[usize::from(b) % n]));
            }
        }
    }
    Ok(out)
}

/// The member of a key already known, read only.
fn owner_of_known_key(c: &rusqlite::Connection, fingerprint: &str) -> Result<Option<KeyOwner>> {
    let owner = c
        .query_row(
            "SELECT u.id, u.handle, u.lang, u.banned, u.last_seen_at, u.role, u.line_mode, u.charset
             FROM user_keys k JOIN users u ON u.id = k.user_id WHERE k.fingerprint = ?1",
            [fingerprint],
            |r| {
                Ok(KeyOwner {
                    user_id: r.get(0)?,
                    handle: r.get(1)?,
                    lang: r.get(2)?,
                    banned: r.get(3)?,
                    previous_visit: r.get::<_, Option<String>>(4)?.map(|s| parse_ts(&s)),
                    role: r.get(5)?,
                    line_mode: r.get(6)?,
                    charset: CharsetChoice::from_code(r.get::<_, Option<String>>(7)?.as_deref()),
                })
            },
        )
        .optional()?;
    Ok(owner)
}

fn changed_one(n: usize) -> Result<()> {
    if n == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

impl Users<'_> {
    /// The member a verified key belongs to, created on first sight of the key, and their
    /// last visit updated. While the database cannot be written (locked, full, read-only), a
    /// known key still finds its member, whose last visit then stays as it was; a new key
    /// gets the `Unavailable` error.
    pub fn for_key(&self, fingerprint: &str, algorithm: &str) -> Result<KeyOwner> {
        match self.for_key_noting_visit(fingerprint, algorithm) {
            Err(e) if e.is_unavailable() => self.store.read(|c| owner_of_known_key(c, fingerprint))?.ok_or(e),
            found => found,
        }
    }

    fn for_key_noting_visit(&self, fingerprint: &str, algorithm: &str) -> Result<KeyOwner> {
        let now = ts(Utc::now());
        // A new member shows nowhere until they write: no notice for the others.
        self.store.write_quiet(|tx| {
            let existing: Option<i64> = tx
                .query_row("SELECT user_id FROM user_keys WHERE fingerprint = ?1", [fingerprint], |r| {
                    r.get(0)
                })
                .optional()?;
            let user_id = match existing {
                Some(id) => id,
                None => {
                    tx.execute("INSERT INTO users (created_at) VALUES (?1)", [&now])?;
                    let id = tx.last_insert_rowid();
                    tx.execute(
                        "INSERT INTO user_keys (fingerprint, user_id, algorithm, added_at, last_used_at)
                         VALUES (?1, ?2, ?3, ?4, ?4)",
                        params![fingerprint, id, algorithm, now],
                    )?;
                    id
                }
            };
            if existing.is_some() {
                // Once per login, by the primary key: what tells a lost laptop's key apart.
                tx.execute(
                    "UPDATE user_keys SET last_used_at = ?1 WHERE fingerprint = ?2",
                    params![now, fingerprint],
                )?;
            }
            let owner = tx.query_row(
                "SELECT handle, lang, banned, last_seen_at, role, line_mode, charset FROM users WHERE id = ?1",
                [user_id],
                |r| {
                    Ok(KeyOwner {
                        user_id,
                        handle: r.get(0)?,
                        lang: r.get(1)?,
                        banned: r.get(2)?,
                        previous_visit: r.get::<_, Option<String>>(3)?.map(|s| parse_ts(&s)),
                        role: r.get(4)?,
                        line_mode: r.get(5)?,
                        charset: CharsetChoice::from_code(r.get::<_, Option<String>>(6)?.as_deref()),
                    })
                },
            )?;
            tx.execute("UPDATE users SET last_seen_at = ?1 WHERE id = ?2", params![now, user_id])?;
            Ok(owner)
        })
    }

    /// Remembers the language a member chose in the app. Quiet: no screen shows it (it
    /// matters at their next login), and a notice would make every session reload at each
    /// press of `L`.
    pub fn set_lang(&self, user_id: i64, lang: &str) -> Result<()> {
        self.store.write_quiet(|tx| {
            tx.execute("UPDATE users SET lang = ?1 WHERE id = ?2", params![lang, user_id])?;
            Ok(())
        })
    }

    /// Whether every session of the member opens in line mode (for a screen reader, a
    /// braille display or a dumb terminal), whatever terminal type the client sends.
    pub fn set_line_mode(&self, user_id: i64, on: bool) -> Result<()> {
        self.store.write_quiet(|tx| {
            tx.execute("UPDATE users SET line_mode = ?1 WHERE id = ?2", params![on, user_id])?;
            Ok(())
        })
    }

    /// The characters every next session of the member is sent, whatever locale the client
    /// sends (`Auto`: as it says).
    pub fn set_charset(&self, user_id: i64, charset: CharsetChoice) -> Result<()> {
        self.store.write_quiet(|tx| {
            tx.execute("UPDATE users SET charset = ?1 WHERE id = ?2", params![charset.code(), user_id])?;
            Ok(())
        })
    }

    /// A member's profile and keys; `NotFound` if there is no such member.
    pub fn profile(&self, user_id: i64) -> Result<Profile> {
        self.store.read(|c| {
            let profile = c
                .query_row(
                    "SELECT u.handle, u.lang, p.commune_insee, c.name, coalesce(p.presentation, ''),
                            u.created_at, u.approved, u.banned, u.role, u.line_mode, u.charset
                     FROM users u LEFT JOIN profiles p ON p.user_id = u.id
                     LEFT JOIN communes c ON c.insee = p.commune_insee
                     WHERE u.id = ?1",
                    [user_id],
                    |r| {
                        Ok(Profile {
                            user_id,
                            handle: r.get(0)?,
                            lang: r.get(1)?,
                            commune_insee: r.get(2)?,
                            commune: r.get(3)?,
                            presentation: r.get(4)?,
                            keys: Vec::new(),
                            created_at: parse_ts(&r.get::<_, String>(5)?),
                            approved: r.get(6)?,
                            banned: r.get(7)?,
                            role: r.get(8)?,
                            line_mode: r.get(9)?,
                            charset: CharsetChoice::from_code(r.get::<_, Option<String>>(10)?.as_deref()),
                        })
                    },
                )
                .optional()?;
            let Some(mut profile) = profile else {
                return Err(StoreError::NotFound);
            };
            profile.keys = super::user_keys::keys_of(c, user_id)?;
            Ok(profile)
        })
    }

    /// A fresh code, valid [`CODE_MINUTES`], that lets another key join this account; shown
    /// as `K7PX-3MQD`. Earlier unused codes of the member stop working: one live code at a
    /// time is easier to reason about.
    pub fn create_link_code(&self, user_id: i64, now: DateTime<Utc>) -> Result<String> {
        let expires = now + Duration::minutes(CODE_MINUTES);
        self.store.write(|tx| {
            tx.execute(
                "DELETE FROM link_codes WHERE (user_id = ?1 AND used_at IS NULL) OR expires_at < ?2",
                params![user_id, ts(now - Duration::days(1))],
            )?;
            // A collision among live codes is very unlikely; drawing again costs nothing.
            for _ in 0..8 {
                let code = random_code()?;
                let inserted = tx.execute(
                    "INSERT OR IGNORE INTO link_codes (code, user_id, created_at, expires_at)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![code, user_id, ts(now), ts(expires)],
                )?;
                if inserted == 1 {
                    return Ok(format_code(&code));
                }
            }
            Err(StoreError::Random("no free code".into()))
        })
    }

    /// Moves the key `fingerprint` to the account that made `code` (single use, not expired);
    /// returns that account's id. Input is accepted with or without the dash, in any case.
    ///
    /// A wrong code is found out by a read and counted in memory (`link_codes`): guesses
    /// never queue on the one writer, and too many lock the key out for a while, refused
    /// before any read. Only a code that works is written.
    ///
    /// The account the key leaves keeps its other keys; if it is left with nothing (no key,
    /// no handle, no comment) it is deleted, as it was only the trace of a first visit.
    pub fn redeem_link_code(
        &self,
        fingerprint: &str,
        code: &str,
        now: DateTime<Utc>,
    ) -> std::result::Result<i64, LinkError> {
        let code = normalize_code(code);
        let attempts = &self.store.inner.link_attempts;
        attempts
            .begin(fingerprint, now)
            .map_err(|secs| LinkError::TooManyAttempts { wait_secs: secs.max(1).unsigned_abs() })?;
        let redeemed = self
            .store
            .read(|c| Ok(link_codes::check(c, fingerprint, &code, now)))
            .map_err(LinkError::from)
            .and_then(|checked| checked)
            .and_then(|_| {
                // Checked again inside the write: another session may have used it meanwhile.
                self.store.write(|tx| {
                    let (target, previous) = link_codes::check(tx, fingerprint, &code, now)?;
                    link_codes::move_key(tx, fingerprint, &code, (previous, target), now)
                        .map_err(StoreError::from)?;
                    Ok(target)
                })
            });
        if !matches!(redeemed, Err(LinkError::Unknown | LinkError::Expired | LinkError::Used)) {
            attempts.forgive(fingerprint, redeemed.is_ok());
        }
        redeemed
    }

    /// Suspends or restores the member with `handle`, without an audit entry (for tests and
    /// tools; admins go through `members().set_banned`); `NotFound` if nobody has it.
    pub fn set_banned(&self, handle: &str, banned: bool) -> Result<()> {
        self.store.write(|tx| {
            let found: Option<(i64, String)> = tx
                .query_row(
                    "SELECT id, handle FROM users WHERE handle = ?1 COLLATE NOCASE",
                    [handle.trim()],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (id, name) = found.ok_or(StoreError::NotFound)?;
            super::members::set_banned_in(tx, id, &name, banned)
        })
    }

    /// Whether a member has this handle, in any case.
    pub fn handle_exists(&self, handle: &str) -> Result<bool> {
        self.store.read(|c| {
            Ok(c.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE handle = ?1 COLLATE NOCASE)",
                [handle.trim()],
                |r| r.get(0),
            )?)
        })
    }

    /// A member's handle, whether they may moderate, whether they are suspended (or gone).
    pub fn state(&self, user_id: i64) -> Result<(Option<String>, bool, bool)> {
        self.store.read(|c| {
            let found = c
                .query_row(
                    "SELECT handle, role IN ('moderator', 'admin') AND NOT banned, banned FROM users WHERE id = ?1",
                    [user_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            Ok(found.unwrap_or((None, false, true)))
        })
    }

    /// Whether member `user_id` may moderate (a moderator or an admin, not suspended).
    pub fn is_moderator(&self, user_id: i64) -> Result<bool> {
        self.store.read(|c| {
            let found: Option<bool> = c
                .query_row(
                    "SELECT role IN ('moderator', 'admin') AND NOT banned FROM users WHERE id = ?1",
                    [user_id],
                    |r| r.get(0),
                )
                .optional()?;
            Ok(found.unwrap_or(false))
        })
    }

    /// Sets a member's role (`member`, `moderator`, `admin`): for the admin tools and tests.
    pub fn set_role(&self, user_id: i64, role: &str) -> Result<()> {
        self.store.write(|tx| {
            changed_one(tx.execute("UPDATE users SET role = ?1 WHERE id = ?2", params![role, user_id])?)
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        (dir, store)
    }

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
    }

    #[test]
    fn a_key_makes_a_member_and_remembers_the_previous_visit() {
        let (_d, s) = store();
        let first = s.users().for_key("SHA256:a", "ssh-ed25519").unwrap();
        assert_eq!(first.previous_visit, None);
        assert_eq!(first.role, "member");
        assert!(!first.banned);
        let again = s.users().for_key("SHA256:a", "ssh-ed25519").unwrap();
        assert_eq!(again.user_id, first.user_id);
        assert!(again.previous_visit.is_some());
    }

    #[test]
    fn handles_are_unique_whatever_the_case() {
        let (_d, s) = store();
        let a = s.users().for_key("SHA256:a", "ssh-ed25519").unwrap().user_id;
        let b = s.users().for_key("SHA256:b", "ssh-ed25519").unwrap().user_id;
        assert_eq!(s.users().set_handle(a, "Camille"), Ok("camille".into()));
        assert_eq!(s.users().set_handle(b, "CAMILLE"), Err(HandleError::Taken));
        assert_eq!(s.users().set_handle(b, "root"), Err(HandleError::Reserved));
        assert_eq!(s.users().set_handle(b, "x"), Err(HandleError::TooShort));
        // Setting one's own handle again is fine.
        assert_eq!(s.users().set_handle(a, "camille"), Ok("camille".into()));
        // Changing (a day later: changes are paced) frees the old one once its reservation
        // ran out (see `paces_tests`).
        let later = Utc::now() + Duration::hours(crate::domain::member::HANDLE_CHANGE_HOURS);
        assert_eq!(s.users().set_handle_at(a, "cam", later), Ok("cam".into()));
        let free = later + Duration::days(crate::domain::member::HANDLE_RESERVED_DAYS);
        assert_eq!(s.users().set_handle_at(b, "Camille", free), Ok("camille".into()));
        assert!(s.users().handle_exists("CAM").unwrap());
        assert!(!s.users().handle_exists("nobody").unwrap());
        assert!(matches!(s.users().set_handle(999, "ghost"), Err(HandleError::Store(_))));
    }

    #[test]
    fn banning_goes_by_handle() {
        let (_d, s) = store();
        let a = s.users().for_key("SHA256:a", "ssh-ed25519").unwrap().user_id;
        s.users().set_handle(a, "camille").unwrap();
        s.users().set_banned("Camille", true).unwrap();
        assert!(s.users().for_key("SHA256:a", "ssh-ed25519").unwrap().banned);
        assert!(s.users().profile(a).unwrap().banned);
        s.users().set_banned("camille", false).unwrap();
        assert!(!s.users().profile(a).unwrap().banned);
        assert!(matches!(s.users().set_banned("nobody", true), Err(StoreError::NotFound)));
    }

    #[test]
    fn link_codes_look_right() {
        let (_d, s) = store();
        let a = s.users().for_key("SHA256:a", "ssh-ed25519").unwrap().user_id;
        let code = s.users().create_link_code(a, t0()).unwrap();
        assert_eq!(code.len(), 9, "{code}");
        assert_eq!(code.as_bytes()[4], b'-', "{code}");
        assert!(code.chars().filter(|c| *c != '-').all(|c| CODE_ALPHABET.contains(&(c as u8))), "{code}");
        let other = s.users().create_link_code(a, t0()).unwrap();
        assert_ne!(code, other);
    }

    #[test]
    fn a_link_code_moves_a_key_once() {
        let (_d, s) = store();
        let home = s.users().for_key("SHA256:laptop", "ssh-ed25519").unwrap().user_id;
        s.users().set_handle(home, "camille").unwrap();
        let stray = s.users().for_key("SHA256:desktop", "ssh-ed25519").unwrap().user_id;
        let code = s.users().create_link_code(home, t0()).unwrap();
        // Lower case, no dash: still the code.
        let typed = code.replace('-', "").to_lowercase();
        let later = t0() + Duration::minutes(5);
        assert_eq!(s.users().redeem_link_code("SHA256:desktop", &typed, later), Ok(home));
        assert_eq!(s.users().for_key("SHA256:desktop", "ssh-ed25519").unwrap().user_id, home);
        assert_eq!(s.users().profile(home).unwrap().keys.len(), 2);
        // The empty account the key came from is gone.
        assert!(matches!(s.users().profile(stray), Err(StoreError::NotFound)));
        // Single use.
        let third = s.users().for_key("SHA256:phone", "ssh-ed25519").unwrap().user_id;
        assert_eq!(s.users().redeem_link_code("SHA256:phone", &code, later), Err(LinkError::Used));
        assert!(s.users().profile(third).is_ok());
    }

    #[test]
    fn link_codes_refused() {
        let (_d, s) = store();
        let home = s.users().for_key("SHA256:laptop", "ssh-ed25519").unwrap().user_id;
        let other = s.users().for_key("SHA256:desktop", "ssh-ed25519").unwrap().user_id;
        s.users().set_handle(other, "dominique").unwrap();
        let code = s.users().create_link_code(home, t0()).unwrap();
        assert_eq!(s.users().redeem_link_code("SHA256:laptop", &code, t0()), Err(LinkError::SameAccount));
        assert_eq!(s.users().redeem_link_code("SHA256:desktop", "ABCD-EFGH", t0()), Err(LinkError::Unknown));
        assert_eq!(
            s.users().redeem_link_code("SHA256:desktop", &code, t0() + Duration::minutes(10)),
            Err(LinkError::Expired)
        );
        // A new code replaces the earlier one.
        let fresh = s.users().create_link_code(home, t0()).unwrap();
        assert_eq!(s.users().redeem_link_code("SHA256:desktop", &code, t0()), Err(LinkError::Unknown));
        assert_eq!(s.users().redeem_link_code("SHA256:desktop", &fresh, t0()), Ok(home));
        // The account with a handle is kept, without that key.
        let p = s.users().profile(other).unwrap();
        assert_eq!(p.handle.as_deref(), Some("dominique"));
        assert!(p.keys.is_empty());
    }
}
