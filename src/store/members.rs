//! Members as the admins see them: the list with their activity, and the actions on an
//! account (suspend, restore, rename, change role, trust). Members are named by handle, or
//! by `#ID` for those who never chose one.

use super::{Page, Result, Store, StoreError, audit, page_limit, paged, parse_ts};
use crate::domain::admin::MemberRow;
use crate::domain::console::Refusal;
use crate::domain::member::validate_handle;
use rusqlite::{Connection, OptionalExtension, Transaction, params};

pub struct Members<'s> {
    pub(super) store: &'s Store,
}

/// The roles a member can be given.
pub const ROLES: &[&str] = &["member", "moderator", "admin"];

const ROW: &str = "SELECT u.id, u.handle, u.role, u.banned, u.approved, u.created_at, u.last_seen_at,
        (SELECT count(*) FROM comments c WHERE c.author_id = u.id AND c.status <> 'deleted'),
        (SELECT count(*) FROM comments c WHERE c.author_id = u.id AND c.status = 'hidden')
    FROM users u";

fn member(c: &Connection, r: &rusqlite::Row<'_>) -> rusqlite::Result<MemberRow> {
    let id: i64 = r.get(0)?;
    let mut stmt =
        c.prepare_cached("SELECT fingerprint FROM user_keys WHERE user_id = ?1 ORDER BY added_at")?;
    let keys = stmt.query_map([id], |k| k.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
    Ok(MemberRow {
        id,
        handle: r.get(1)?,
        role: r.get(2)?,
        banned: r.get(3)?,
        approved: r.get(4)?,
        keys,
        first_seen: parse_ts(&r.get::<_, String>(5)?),
        last_seen: r.get::<_, Option<String>>(6)?.map(|s| parse_ts(&s)),
        comments: r.get(7)?,
        hidden_comments: r.get(8)?,
    })
}

/// The member named `who`, or `NotFound`: `#12`, a handle, or else the name a member now
/// suspended was suspended under (their handle may have changed since, by an admin's
/// rename, and `users unban camille` must still find them).
fn find_in(c: &Connection, who: &str) -> Result<MemberRow> {
    let who = who.trim();
    if let Some(id) = who.strip_prefix('#').and_then(|n| n.parse::<i64>().ok()) {
        let found = c.query_row(&format!("{ROW} WHERE u.id = ?1"), [id], |r| member(c, r)).optional()?;
        return found.ok_or(StoreError::NotFound);
    }
    let found = c
        .query_row(&format!("{ROW} WHERE u.handle = ?1 COLLATE NOCASE"), [who], |r| member(c, r))
        .optional()?;
    let found = match found {
        Some(m) => Some(m),
        None => c
            .query_row(
                &format!(
                    "{ROW} WHERE u.banned AND u.banned_as = ?1 COLLATE NOCASE ORDER BY u.id DESC LIMIT 1"
                ),
                [who],
                |r| member(c, r),
            )
            .optional()?,
    };
    found.ok_or(StoreError::NotFound)
}

/// Suspends or restores member `id` inside the caller's transaction. A suspension keeps the
/// name it was made under (`camille`, or `#12`), which [`find_in`] answers to.
pub(super) fn set_banned_in(tx: &Transaction<'_>, id: i64, name: &str, banned: bool) -> Result<()> {
    if banned {
        tx.execute("UPDATE users SET banned = 1, banned_as = ?2 WHERE id = ?1", params![id, name])?;
    } else {
        tx.execute("UPDATE users SET banned = 0, banned_as = NULL WHERE id = ?1", [id])?;
    }
    Ok(())
}

impl Members<'_> {
    /// Every member with their activity, most recently seen first.
    pub fn list(&self) -> Result<Vec<MemberRow>> {
        self.page(None).map(|p| p.rows)
    }

    /// The `limit` members of [`Members::list`] seen most recently (`None`: all) and how
    /// many in all.
    pub fn page(&self, limit: Option<usize>) -> Result<Page<MemberRow>> {
        self.store.read(|c| {
            // The page's ids first: the comment counts are then counted for its rows only.
            let mut stmt = c.prepare_cached(&format!(
                "{ROW} JOIN (SELECT id FROM users ORDER BY coalesce(last_seen_at, created_at) DESC, id DESC
                 LIMIT ?1) p ON p.id = u.id ORDER BY coalesce(u.last_seen_at, u.created_at) DESC, u.id DESC"
            ))?;
            let rows = stmt.query_map([page_limit(limit)], |r| member(c, r))?;
            let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            paged(rows, limit, || c.query_row("SELECT count(*) FROM users", [], |r| r.get(0)))
        })
    }

    /// The member named `who` (`camille` or `#12`).
    pub fn find(&self, who: &str) -> Result<MemberRow> {
        self.store.read(|c| find_in(c, who))
    }

    /// Suspends (`true`) or restores a member, named as [`find_in`] says. A suspended
    /// member's open connections end with a message, commands included, and their comments
    /// stay. Returns whether anything changed.
    pub fn set_banned(&self, actor: &str, who: &str, banned: bool) -> Result<bool> {
        self.store.write(|tx| {
            let m = find_in(tx, who)?;
            if m.banned == banned {
                return Ok(false);
            }
            set_banned_in(tx, m.id, &m.name(), banned)?;
            let action = if banned { "user.ban" } else { "user.unban" };
            audit::record(tx, actor, action, &m.name(), "")?;
            Ok(true)
        })
    }

    /// Trusts a member: under `--moderation first` their next comments skip the queue.
    pub fn approve(&self, actor: &str, who: &str) -> Result<bool> {
        self.store.write(|tx| {
            let m = find_in(tx, who)?;
            if m.approved {
                return Ok(false);
            }
            tx.execute("UPDATE users SET approved = 1 WHERE id = ?1", [m.id])?;
            audit::record(tx, actor, "user.approve", &m.name(), "")?;
            Ok(true)
        })
    }

    /// Gives a member another handle, with the same rules as their own choice but neither
    /// their pace nor the reservations: an admin's rename is deliberate (giving a name back
    /// to whom it belonged, say). The handle given up is reserved to the member as usual.
    pub fn rename(&self, actor: &str, who: &str, new: &str) -> Result<String> {
        let handle = validate_handle(new).map_err(Refusal::BadHandle)?;
        self.store.write(|tx| {
            let m = find_in(tx, who)?;
            let holder: Option<i64> = tx
                .query_row("SELECT id FROM users WHERE handle = ?1 COLLATE NOCASE", [&handle], |r| r.get(0))
                .optional()?;
            if holder.is_some_and(|h| h != m.id) {
                return Err(Refusal::HandleTaken(handle).into());
            }
            if let Some(old) = m.handle.as_deref().filter(|old| !old.eq_ignore_ascii_case(&handle)) {
                super::handles::release_in(tx, m.id, old, chrono::Utc::now())?;
            }
            tx.execute("UPDATE users SET handle = ?1 WHERE id = ?2", params![handle, m.id])?;
            audit::record(tx, actor, "user.rename", &m.name(), &handle)?;
            Ok(handle.clone())
        })
    }

    /// Makes a member `member`, `moderator` or `admin`.
    pub fn set_role(&self, actor: &str, who: &str, role: &str) -> Result<bool> {
        if !ROLES.contains(&role) {
            return Err(Refusal::UnknownRole(role.to_string()).into());
        }
        self.store.write(|tx| {
            let m = find_in(tx, who)?;
            if m.role == role {
                return Ok(false);
            }
            tx.execute("UPDATE users SET role = ?1 WHERE id = ?2", params![role, m.id])?;
            audit::record(tx, actor, "user.role", &m.name(), role)?;
            Ok(true)
        })
    }

    /// Whether member `id` is suspended now. An account that is gone (its key was linked to
    /// another account meanwhile) is not suspended: its connection is told nothing wrong.
    pub fn is_suspended(&self, id: i64) -> Result<bool> {
        self.store.read(|c| {
            let banned: Option<bool> =
                c.query_row("SELECT banned FROM users WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            Ok(banned.unwrap_or(false))
        })
    }

    /// The suspended members among everyone: a short list, read by the server each time
    /// the data changes to end the connections still open of those it names.
    pub fn suspended(&self) -> Result<std::collections::HashSet<i64>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached("SELECT id FROM users WHERE banned")?;
            let ids = stmt.query_map([], |r| r.get(0))?;
            Ok(ids.collect::<rusqlite::Result<_>>()?)
        })
    }

    /// Whether member `id` is suspended now (or gone): a session checks it when the data
    /// changes, and ends.
    pub fn is_banned(&self, id: i64) -> Result<bool> {
        self.store.read(|c| {
            let banned: Option<bool> =
                c.query_row("SELECT banned FROM users WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            Ok(banned.unwrap_or(true))
        })
    }
}
