//! `cedille users list [--limit N] [--json]`, `users ban|unban|approve HANDLE`, `users rename HANDLE NEW`,
//! `users role HANDLE ROLE`. A member without a handle is named `#ID`, as the list shows.

use std::path::Path;

use super::articles::with_store;
use super::{Limit, Outcome, left_out};
use crate::domain::member::{HandleError, validate_handle};
use crate::i18n::{Listing, Subject};
use crate::store::{ROLES, StoreError, local_actor};

/// Members, the most recently seen first: at most `limit`.
pub fn list(db: &Path, json: bool, limit: Limit) -> Outcome {
    with_store(db, |lang, store| {
        let page = match store.members().page(limit.0) {
            Ok(p) => p,
            Err(e) => return Outcome::store_failed(lang, &e),
        };
        let mut out = String::new();
        for m in &page.rows {
            if json {
                out.push_str(&serde_json::json!(m).to_string());
            } else {
                out.push_str(&lang.member_row(m));
            }
            out.push('\n');
        }
        if page.rows.is_empty() && !json {
            out.push_str(lang.empty_listing(Listing::Members));
        }
        Outcome { stdout: out, stderr: left_out(lang, &page, Listing::Members), status: 0 }
    })
}

pub fn ban(db: &Path, who: &str, banned: bool) -> Outcome {
    with_store(db, |lang, store| match store.members().set_banned(&local_actor("cli"), who, banned) {
        Ok(changed) => Outcome::ok(lang.member_banned(who, banned, changed)),
        Err(e) => Outcome::store(lang, &e, Subject::Member(who)),
    })
}

pub fn approve(db: &Path, who: &str) -> Outcome {
    with_store(db, |lang, store| match store.members().approve(&local_actor("cli"), who) {
        Ok(changed) => Outcome::ok(lang.member_approved(who, changed)),
        Err(e) => Outcome::store(lang, &e, Subject::Member(who)),
    })
}

/// The new handle is held to the members' rules and must be free; both are said in the
/// command's language before the store, which holds the same rules, is asked.
pub fn rename(db: &Path, who: &str, new: &str) -> Outcome {
    with_store(db, |lang, store| {
        let handle = match validate_handle(new) {
            Ok(h) => h,
            Err(e) => return Outcome::refused(lang, &lang.handle_error(&e)),
        };
        let member = match store.members().find(who) {
            Ok(m) => m,
            Err(e) => return Outcome::store(lang, &e, Subject::Member(who)),
        };
        match store.members().find(&handle) {
            Ok(holder)
                if holder.id != member.id
                    && holder.handle.as_deref().is_some_and(|h| h.eq_ignore_ascii_case(&handle)) =>
            {
                return Outcome::refused(lang, &lang.handle_error(&HandleError::Taken));
            }
            Ok(_) | Err(StoreError::NotFound) => {}
            Err(e) => return Outcome::store_failed(lang, &e),
        }
        match store.members().rename(&local_actor("cli"), who, &handle) {
            Ok(handle) => Outcome::ok(lang.member_renamed(who, &handle)),
            Err(e) => Outcome::store(lang, &e, Subject::Member(who)),
        }
    })
}

pub fn role(db: &Path, who: &str, role: &str) -> Outcome {
    with_store(db, |lang, store| {
        if !ROLES.contains(&role) {
            return Outcome::refused(lang, &lang.unknown_role(role));
        }
        match store.members().set_role(&local_actor("cli"), who, role) {
            Ok(changed) => Outcome::ok(lang.member_role(who, role, changed)),
            Err(e) => Outcome::store(lang, &e, Subject::Member(who)),
        }
    })
}
