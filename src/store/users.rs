//! Members and their SSH keys.

use chrono::Utc;
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, ts};

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
}

impl Users<'_> {
    /// The member a verified key belongs to, created on first sight of the key, and their
    /// last visit updated.
    pub fn for_key(&self, fingerprint: &str, algorithm: &str) -> Result<KeyOwner> {
        let now = ts(Utc::now());
        self.store.write(|tx| {
            let existing: Option<i64> = tx
                .query_row(
                    "SELECT user_id FROM user_keys WHERE fingerprint = ?1",
                    [fingerprint],
                    |r| r.get(0),
                )
                .optional()?;
            let user_id = match existing {
                Some(id) => id,
                None => {
                    tx.execute("INSERT INTO users (created_at) VALUES (?1)", [&now])?;
                    let id = tx.last_insert_rowid();
                    tx.execute(
                        "INSERT INTO user_keys (fingerprint, user_id, algorithm, added_at) VALUES (?1, ?2, ?3, ?4)",
                        params![fingerprint, id, algorithm, now],
                    )?;
                    id
                }
            };
            tx.execute("UPDATE users SET last_seen_at = ?1 WHERE id = ?2", params![now, user_id])?;
            let owner = tx.query_row(
                "SELECT handle, lang, banned FROM users WHERE id = ?1",
                [user_id],
                |r| {
                    Ok(KeyOwner {
                        user_id,
                        handle: r.get(0)?,
                        lang: r.get(1)?,
                        banned: r.get(2)?,
                    })
                },
            )?;
            Ok(owner)
        })
    }

    pub fn set_handle(
        &self,
        _user_id: i64,
        _input: &str,
    ) -> std::result::Result<String, crate::domain::member::HandleError> {
        Err(crate::domain::member::HandleError::Store("todo".into()))
    }

    /// Remembers the language a member chose in the app.
    pub fn set_lang(&self, user_id: i64, lang: &str) -> Result<()> {
        self.store.write(|tx| {
            tx.execute("UPDATE users SET lang = ?1 WHERE id = ?2", params![lang, user_id])?;
            Ok(())
        })
    }
}

// TEMPORARY mirrors of the store branch's types, replaced at merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub user_id: i64,
    pub handle: Option<String>,
    pub lang: Option<String>,
    pub town: Option<String>,
    pub bio: Option<String>,
    pub keys: Vec<KeyInfo>,
    pub created_at: chrono::DateTime<Utc>,
    pub approved: bool,
    pub banned: bool,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyInfo {
    pub fingerprint: String,
    pub algorithm: String,
    pub added_at: chrono::DateTime<Utc>,
}

#[derive(Debug, Clone, thiserror::Error, PartialEq)]
pub enum LinkError {
    #[error("unknown code")]
    Unknown,
    #[error("this code has expired")]
    Expired,
    #[error("this code was already used")]
    Used,
    #[error("this key already belongs to that account")]
    SameAccount,
    #[error("database error: {0}")]
    Store(String),
}

pub fn format_code(code: &str) -> String {
    code.to_string()
}

impl Users<'_> {
    pub fn profile(&self, _user_id: i64) -> Result<Profile> {
        Err(super::StoreError::NotFound)
    }
    pub fn set_town(&self, _user_id: i64, _town: &str) -> Result<()> {
        Ok(())
    }
    pub fn set_bio(&self, _user_id: i64, _bio: &str) -> Result<()> {
        Ok(())
    }
    pub fn create_link_code(&self, _user_id: i64, _now: chrono::DateTime<Utc>) -> Result<String> {
        Err(super::StoreError::NotFound)
    }
    pub fn redeem_link_code(
        &self,
        _fp: &str,
        _code: &str,
        _now: chrono::DateTime<Utc>,
    ) -> std::result::Result<i64, LinkError> {
        Err(LinkError::Unknown)
    }
}
