//! The bulletin's door (what it asks the store for, what comes back) and the keys on the
//! list of articles. The reader is in `reader.rs`.

use super::list::{Move, movement};
use super::{App, Loading};
use crate::domain::comment::PostError;
use std::sync::Arc;

use crate::domain::{Article, ArticleList, Comment, CommentStatus, Fault};
use crate::ui::event::{Effect, Key};
use crate::ui::layout::ARTICLE_ROWS;

#[derive(Debug, Clone, PartialEq)]
pub enum BulletinOp {
    LoadArticles,
    LoadArticle(i64),
    /// A thread; moderators and the console see waiting and hidden comments too.
    LoadComments(i64),
    MarkRead(i64),
    PostComment {
        article: i64,
        parent: Option<i64>,
        body: String,
    },
    EditComment {
        id: i64,
        body: String,
    },
    DeleteComment(i64),
    /// A moderator's decision on a comment (the store checks the role again).
    Moderate(i64, CommentStatus),
}

#[derive(Debug, Clone, PartialEq)]
pub enum BulletinResult {
    Articles(Result<ArticleList, Fault>),
    Article(Result<Option<Article>, Fault>),
    /// A thread, shared with the sessions that see it the same.
    Comments(i64, Result<Arc<Vec<Comment>>, Fault>),
    /// A comment was posted or edited.
    CommentSaved(Result<Comment, PostError>),
    CommentDeleted(Result<(), PostError>),
    /// A moderator's decision on a comment was recorded (or not).
    Moderated(Result<(), PostError>),
}

impl From<BulletinOp> for Effect {
    fn from(op: BulletinOp) -> Effect {
        Effect::Bulletin(op)
    }
}

impl App {
    pub(super) fn list_key(&mut self, key: Key) -> Vec<Effect> {
        if let Some(m) = movement(key, self.body_rows() / ARTICLE_ROWS) {
            self.move_selection(m);
            return Vec::new();
        }
        match key {
            Key::Enter | Key::Right | Key::Char('l') => self.open_selected(),
            Key::Char('q') => self.quit(),
            Key::Char('r') | Key::F(5) => vec![BulletinOp::LoadArticles.into()],
            Key::Char('N') => self.ask_catch_up(),
            _ => Vec::new(),
        }
    }

    pub(super) fn move_selection(&mut self, m: Move) {
        if let Loading::Ready(list) = &self.articles {
            self.selected = m.apply(self.selected, list.items().len());
        }
    }

    fn open_selected(&mut self) -> Vec<Effect> {
        let Loading::Ready(list) = &self.articles else {
            return Vec::new();
        };
        let Some(item) = list.items().get(self.selected) else {
            return Vec::new();
        };
        let id = item.id;
        self.open_article(id, None)
    }
}

impl App {
    /// Where each answer of the bulletin's door goes.
    pub(super) fn bulletin_result(&mut self, result: BulletinResult) -> Vec<Effect> {
        match result {
            BulletinResult::Articles(result) => {
                let mut result = result;
                if let Ok(list) = &mut result {
                    self.selected = self.selected.min(list.items().len().saturating_sub(1));
                    if let Loading::Ready(old) = &self.articles {
                        list.keep_marks_ahead(old);
                    }
                }
                self.articles = Loading::from_result(result);
                Vec::new()
            }
            BulletinResult::Article(result) => self.article_loaded(result),
            BulletinResult::Comments(article, result) => self.comments_loaded(article, result),
            BulletinResult::CommentSaved(result) => self.comment_saved(result),
            BulletinResult::CommentDeleted(result) => self.comment_deleted(result),
            BulletinResult::Moderated(result) => {
                self.notice = Some(match result {
                    Ok(()) => self.lang.a().moderated.to_string(),
                    Err(e) => self.lang.post_error(&e),
                });
                self.reader.article_id().map(|id| BulletinOp::LoadComments(id).into()).into_iter().collect()
            }
        }
    }
}
