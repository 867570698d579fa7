//! The bulletin's door (what it asks the store for, what comes back) and the keys on the
//! list of articles. The reader is in `reader.rs`.

use super::list::{Move, movement};
use super::{App, Loading};
use crate::domain::comment::{PostError, ThreadView};

use crate::domain::member_page::MemberPage;
use crate::domain::search::{SearchHit, SearchQuery};
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
    /// Articles and comments by words, as the viewer may see them.
    Search(SearchQuery),
    /// The member who signs this article, for the box that ends it.
    LoadAuthor(i64),
    /// A member's public page.
    LoadMember(i64),
}

#[derive(Debug, Clone, PartialEq)]
pub enum BulletinResult {
    Articles(Result<ArticleList, Fault>),
    Article(Result<Option<Article>, Fault>),
    /// A thread, shared with the sessions that see it the same, and whom this member blocked.
    Comments(i64, Result<ThreadView, Fault>),
    /// A comment was posted or edited.
    CommentSaved(Result<Comment, PostError>),
    CommentDeleted(Result<(), PostError>),
    /// A moderator's decision on a comment was recorded (or not).
    Moderated(Result<(), PostError>),
    /// What a search found, with the question it answers.
    Found(SearchQuery, Result<Vec<SearchHit>, Fault>),
    /// The page of the member who signs article `.0`; `None` for a free-text signature.
    Author(i64, Result<Option<Box<MemberPage>>, Fault>),
    /// The page of member `.0`; `None` when they have no handle.
    Member(i64, Result<Option<Box<MemberPage>>, Fault>),
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
            Key::Char('/' | 'f') => self.list_search_key(key),
            Key::Enter | Key::Right | Key::Char('l') => self.open_selected(),
            Key::Char('q') => self.quit(),
            Key::Char('r') | Key::F(5) => vec![BulletinOp::LoadArticles.into()],
            Key::Char('N') => self.ask_catch_up(),
            _ => Vec::new(),
        }
    }

    pub(super) fn move_selection(&mut self, m: Move) {
        self.move_in_list(m);
    }

    fn open_selected(&mut self) -> Vec<Effect> {
        let Some(id) = self.shown_articles().get(self.selected).map(|a| a.id) else {
            return Vec::new();
        };
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
                self.selected = self.selected.min(self.shown_articles().len().saturating_sub(1));
                Vec::new()
            }
            BulletinResult::Found(q, result) => self.search_found(q, result),
            BulletinResult::Article(result) => self.article_loaded(result),
            BulletinResult::Comments(article, result) => self.comments_loaded(article, result),
            BulletinResult::CommentSaved(result) => self.comment_saved(result),
            BulletinResult::CommentDeleted(result) => self.comment_deleted(result),
            BulletinResult::Author(article, result) => {
                self.author_loaded(article, result);
                Vec::new()
            }
            BulletinResult::Member(user, result) => {
                self.member_page_loaded(user, result);
                Vec::new()
            }
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
