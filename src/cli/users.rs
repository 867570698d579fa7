//! `cedille users list [--limit N] [--json]`, `users ban|unban|approve HANDLE`, `users rename HANDLE NEW`,
//! `users role HANDLE ROLE`. A member without a handle is named `#ID`, as the list shows.

use std::path::Path;

use super::articles::with_store;
use super::{Limit, Outcome, left_out};
use crate::store::local_actor;

/// Members, the most recently seen first: at most `limit`.
pub fn list(db: &Path, json: bool, limit: Limit) -> Outcome {
    with_store(db, |store| {
        let page = match store.members().page(limit.0) {
            Ok(p) => p,
            Err(e) => return Outcome::store(&e, "member"),
        };
        let members = &page.rows;
        let mut out = String::new();
        for m in members {
            if json {
                out.push_str(&serde_json::json!(m).to_string());
            } else {
                let last =
                    m.last_seen.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "never".into());
                let mut flags = Vec::new();
                if m.role != "member" {
                    flags.push(m.role.clone());
                }
                if m.banned {
                    flags.push("banned".into());
                }
                if m.approved {
                    flags.push("approved".into());
                }
                out.push_str(&format!(
                    "{:<24}  {} key(s)  first {}  last {last}  {} comment(s){}",
                    m.name(),
                    m.keys.len(),
                    m.first_seen.format("%Y-%m-%d"),
                    m.comments,
                    if flags.is_empty() { String::new() } else { format!("  [{}]", flags.join(", ")) }
                ));
            }
            out.push('\n');
        }
        if members.is_empty() && !json {
            out.push_str("No member yet.\n");
        }
        Outcome { stdout: out, stderr: left_out(&page, "members", "most recently seen first"), status: 0 }
    })
}

pub fn ban(db: &Path, who: &str, banned: bool) -> Outcome {
    with_store(db, |store| match store.members().set_banned(&local_actor("cli"), who, banned) {
        Ok(true) if banned => {
            Outcome::ok(format!("{who} is suspended; their open sessions end within seconds\n"))
        }
        Ok(true) => Outcome::ok(format!("{who} may come back\n")),
        Ok(false) => {
            Outcome::ok(format!("{who} was already {}\n", if banned { "suspended" } else { "allowed" }))
        }
        Err(e) => Outcome::store(&e, &format!("member {who}")),
    })
}

pub fn approve(db: &Path, who: &str) -> Outcome {
    with_store(db, |store| match store.members().approve(&local_actor("cli"), who) {
        Ok(true) => Outcome::ok(format!("{who} is approved: their comments skip the queue\n")),
        Ok(false) => Outcome::ok(format!("{who} was already approved\n")),
        Err(e) => Outcome::store(&e, &format!("member {who}")),
    })
}

pub fn rename(db: &Path, who: &str, new: &str) -> Outcome {
    with_store(db, |store| match store.members().rename(&local_actor("cli"), who, new) {
        Ok(handle) => Outcome::ok(format!("{who} is now {handle}\n")),
        Err(e) => Outcome::store(&e, &format!("member {who}")),
    })
}

pub fn role(db: &Path, who: &str, role: &str) -> Outcome {
    with_store(db, |store| match store.members().set_role(&local_actor("cli"), who, role) {
        Ok(true) => Outcome::ok(format!("{who} is now {role}\n")),
        Ok(false) => Outcome::ok(format!("{who} was already {role}\n")),
        Err(e) => Outcome::store(&e, &format!("member {who}")),
    })
}
