//! TEMPORARY: replaced by the store branch's version at merge.
use crate::domain::{ArticleSummary, Comment};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatchUp {
    pub new_articles: Vec<ArticleSummary>,
    pub replies: Vec<(Comment, String)>,
    pub active: Vec<(i64, String, i64)>,
}

impl CatchUp {
    pub fn is_empty(&self) -> bool {
        self.new_articles.is_empty() && self.replies.is_empty() && self.active.is_empty()
    }
}
