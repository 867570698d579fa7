//! TEMPORARY: replaced by the store branch's version at merge.
use chrono::{DateTime, Utc};
use serde::Serialize;

pub const MAX_COMMENT_CHARS: usize = 4000;
pub const EDIT_WINDOW_MINUTES: i64 = 15;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Published,
    Pending,
    Hidden,
    Deleted,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub id: i64,
    pub article_id: i64,
    pub parent_id: Option<i64>,
    pub author_id: i64,
    pub author: String,
    pub body: String,
    pub status: CommentStatus,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub depth: u8,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PostError {
    #[error("empty")]
    Empty,
    #[error("too long")]
    TooLong { max: usize },
    #[error("too fast")]
    TooFast { wait_secs: i64 },
    #[error("daily limit")]
    DailyLimit { max: i64 },
    #[error("no handle")]
    NoHandle,
    #[error("not yours")]
    NotYours,
    #[error("too late")]
    TooLate,
    #[error("not found")]
    NotFound,
    #[error("banned")]
    Banned,
    #[error("store: {0}")]
    Store(String),
}
