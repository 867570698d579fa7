//! A member's public page, reached from an article's signature or a comment's author: its
//! state, its keys, and opening what it lists. Its loads go through the bulletin's door.

use super::list::movement;
use super::{App, BulletinOp, Focus, Loading, View};
use crate::domain::Fault;
use crate::domain::member_page::MemberPage;
use crate::ui::event::{Effect, Key};

/// The page on view: whose, what it holds, which item is chosen, where Esc goes.
pub struct MemberView {
    pub user_id: Option<i64>,
    pub page: Loading<MemberPage>,
    /// Among the articles, then the comments.
    pub selected: usize,
    pub back: View,
}

impl MemberView {
    pub fn new() -> MemberView {
        MemberView { user_id: None, page: Loading::Loading, selected: 0, back: View::List }
    }
}

impl Default for MemberView {
    fn default() -> Self {
        Self::new()
    }
}

impl App {
    /// Opens the page of member `user_id`, coming back to the screen on view.
    pub(super) fn open_member(&mut self, user_id: i64) -> Vec<Effect> {
        if self.view != View::Member {
            self.member.back = self.view;
        }
        self.view = View::Member;
        self.member.user_id = Some(user_id);
        self.member.page = Loading::Loading;
        self.member.selected = 0;
        vec![BulletinOp::LoadMember(user_id).into()]
    }

    /// Enter in the reader: the page of the selected comment's author, or of the member who
    /// signs the article.
    pub(super) fn open_author(&mut self) -> Vec<Effect> {
        let author = match self.reader.focus {
            Focus::Comments => self
                .reader
                .selected_comment()
                .filter(|c| c.status != crate::domain::CommentStatus::Deleted && !c.author.is_empty())
                .map(|c| c.author_id),
            Focus::Text => self.reader.author.as_ref().map(|p| p.user_id),
        };
        match author {
            Some(id) => self.open_member(id),
            None => Vec::new(),
        }
    }

    pub(super) fn member_page_key(&mut self, key: Key) -> Vec<Effect> {
        let items = self.member.page.as_ref_ready().map_or(0, MemberPage::items);
        if let Some(m) = movement(key, self.body_rows() / 3) {
            self.member.selected = m.apply(self.member.selected, items);
            return Vec::new();
        }
        match key {
            Key::Enter | Key::Right | Key::Char('l') => self.open_member_item(),
            Key::Esc | Key::Char('q') | Key::Left | Key::Char('h') | Key::Backspace => {
                self.view = self.member.back;
                match self.view {
                    View::Reader => self.reader.article_id().map(|id| BulletinOp::LoadComments(id).into()),
                    View::List => Some(BulletinOp::LoadArticles.into()),
                    _ => None,
                }
                .into_iter()
                .collect()
            }
            _ => Vec::new(),
        }
    }

    /// The chosen article, or the article of the chosen comment with that comment selected.
    fn open_member_item(&mut self) -> Vec<Effect> {
        let Some(page) = self.member.page.as_ref_ready() else { return Vec::new() };
        let i = self.member.selected;
        let (article, comment) = match page.articles.get(i) {
            Some(a) => (a.id, None),
            None => match page.comments.get(i - page.articles.len()) {
                Some(c) => (c.article_id, Some(c.id)),
                None => return Vec::new(),
            },
        };
        self.open_article(article, comment)
    }

    /// A page arrived: kept if it is still the one on view.
    pub(super) fn member_page_loaded(
        &mut self,
        user_id: i64,
        result: Result<Option<Box<MemberPage>>, Fault>,
    ) {
        if self.member.user_id != Some(user_id) {
            return;
        }
        let result = result.and_then(|p| p.map(|p| *p).ok_or(Fault::NotFound));
        if let Ok(page) = &result {
            self.member.selected = self.member.selected.min(page.items().saturating_sub(1));
        }
        self.member.page = Loading::from_result(result);
    }

    /// The author's box under the open article arrived (or the article has none).
    pub(super) fn author_loaded(&mut self, article: i64, result: Result<Option<Box<MemberPage>>, Fault>) {
        if self.reader.article_id() != Some(article) {
            return;
        }
        let author = result.ok().flatten().map(|p| *p);
        if author != self.reader.author {
            self.reader.author = author;
            self.relayout();
        }
    }
}
