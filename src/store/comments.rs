//! TEMPORARY: replaced by the store branch's version at merge.
use chrono::{DateTime, Utc};

use super::{Result, Store};
use crate::domain::comment::{Comment, PostError};

pub struct Comments<'s> {
    pub(super) store: &'s Store,
}

#[derive(Debug, Clone, Default)]
pub struct CommentPolicy {
    pub moderation: u8,
}

impl Comments<'_> {
    pub fn for_article(
        &self,
        _article_id: i64,
        _viewer: Option<i64>,
        _moderator: bool,
    ) -> Result<Vec<Comment>> {
        let _ = self.store;
        Ok(Vec::new())
    }
    pub fn post(
        &self,
        _a: i64,
        _b: i64,
        _p: Option<i64>,
        _body: &str,
        _policy: &CommentPolicy,
        _now: DateTime<Utc>,
    ) -> std::result::Result<Comment, PostError> {
        Err(PostError::Store("todo".into()))
    }
    pub fn edit(
        &self,
        _a: i64,
        _id: i64,
        _body: &str,
        _policy: &CommentPolicy,
        _now: DateTime<Utc>,
    ) -> std::result::Result<Comment, PostError> {
        Err(PostError::Store("todo".into()))
    }
    pub fn delete(&self, _a: i64, _id: i64, _now: DateTime<Utc>) -> std::result::Result<(), PostError> {
        Err(PostError::Store("todo".into()))
    }
}
