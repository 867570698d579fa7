//! Keys in the reader, and laying the article and its comments out.

use super::modal::{Confirm, Intent};
use super::{AdminOp, App, BulletinOp, Focus, Loading, View};
use crate::domain::comment::NotEditable;
use crate::domain::{Article, Comment, CommentStatus, Fault};
use crate::ui::event::{Effect, Key};
use crate::ui::layout::{article as reader, author, comments};

impl App {
    pub(super) fn reader_key(&mut self, key: Key) -> Vec<Effect> {
        let page = self.body_rows().saturating_sub(2).max(1) as isize;
        let comments_focus = self.reader.focus == Focus::Comments;
        match key {
            Key::Up | Key::Char('k') if comments_focus => self.select_comment(-1),
            Key::Down | Key::Char('j') if comments_focus => self.select_comment(1),
            Key::Up | Key::Char('k') => self.scroll_by(-1),
            Key::Down | Key::Char('j') => self.scroll_by(1),
            Key::PageUp | Key::Char('b') => self.scroll_by(-page),
            Key::PageDown | Key::Char(' ') => self.scroll_by(page),
            Key::Home | Key::Char('g') => self.reader.scroll = 0,
            Key::End | Key::Char('G') => self.scroll_by(isize::MAX / 2),
            Key::Tab | Key::BackTab => self.toggle_focus(),
            Key::Enter => return self.open_author(),
            Key::Char('n') => self.next_new(),
            Key::Char('c') => return self.start_writing(Intent::Comment),
            Key::Char('r') => return self.reply(),
            Key::Char('e') => self.edit_selected(),
            Key::Char('d') => self.delete_selected(),
            Key::Char('s') => return self.share(),
            Key::Char('a') | Key::Char('H') if comments_focus && self.moderator => {
                let status = if key == Key::Char('a') {
                    crate::domain::CommentStatus::Published
                } else {
                    crate::domain::CommentStatus::Hidden
                };
                let Some(id) = self.reader.selected_comment().map(|c| c.id) else { return Vec::new() };
                return vec![if self.is_admin() {
                    AdminOp::Moderate(id, status).into()
                } else {
                    BulletinOp::Moderate(id, status).into()
                }];
            }
            Key::Esc if comments_focus => self.toggle_focus(),
            Key::Esc | Key::Char('q') | Key::Left | Key::Char('h') | Key::Backspace => {
                self.view = View::List;
                // Counts and markers may have changed while reading.
                return vec![BulletinOp::LoadArticles.into()];
            }
            _ => {}
        }
        Vec::new()
    }

    /// Scrolls by `delta` rows, laying the comments out as far as the member goes and a
    /// page beyond: the end (`G`) lays out the whole thread, reading on lays out a page.
    pub(super) fn scroll_by(&mut self, delta: isize) {
        let rows = self.reader_rows();
        let wanted = (self.reader.scroll as isize).saturating_add(delta).max(0) as usize;
        self.lay_comments(Upto::Row(wanted.saturating_add(2 * rows)));
        let max = self.reader.total_rows().saturating_sub(rows);
        self.reader.scroll = wanted.min(max);
    }

    fn lay_comments(&mut self, upto: Upto) {
        let top = self.reader.comments_top();
        // Taken out while it grows: the context borrows the rest of the App.
        let mut laid = std::mem::take(&mut self.reader.laid);
        if let Loading::Ready(list) = &self.reader.comments {
            self.extend_laid(&mut laid, list, top, upto);
        }
        self.reader.laid = laid;
    }

    fn extend_laid(&self, laid: &mut comments::Laid, list: &[Comment], top: usize, upto: Upto) {
        let cx = self.comments_context();
        match upto {
            Upto::Row(row) => laid.extend_to(list, row.saturating_sub(top), &cx),
            Upto::Comment(i) => {
                while laid.laid() <= i && !laid.is_complete() {
                    laid.extend_to(list, laid.rows() + 1, &cx);
                }
            }
        }
    }

    /// Rows of text the reader shows: the body minus its top margin.
    pub fn reader_rows(&self) -> usize {
        self.body_rows().saturating_sub(1)
    }

    pub(super) fn comment_count(&self) -> usize {
        match &self.reader.comments {
            Loading::Ready(list) => list.len(),
            _ => 0,
        }
    }

    fn toggle_focus(&mut self) {
        self.reader.focus = match self.reader.focus {
            Focus::Text if self.comment_count() > 0 => Focus::Comments,
            Focus::Text => {
                // No comment to select: show where they would be.
                self.reader.scroll = self.reader.comments_top();
                self.scroll_by(0);
                Focus::Text
            }
            Focus::Comments => Focus::Text,
        };
        self.show_selected();
    }

    fn select_comment(&mut self, delta: isize) {
        let last = self.comment_count().saturating_sub(1) as isize;
        self.reader.selected = (self.reader.selected as isize + delta).clamp(0, last.max(0)) as usize;
        self.show_selected();
    }

    /// Scrolls so that the selected comment is on screen, its first line if it is too tall.
    pub(super) fn show_selected(&mut self) {
        if self.reader.focus != Focus::Comments {
            return;
        }
        self.lay_comments(Upto::Comment(self.reader.selected));
        let Some((start, end)) = self.reader.comment_rows(self.reader.selected) else {
            return;
        };
        let rows = self.reader_rows();
        if end > self.reader.scroll + rows {
            self.reader.scroll = end.saturating_sub(rows);
        }
        if start < self.reader.scroll || end - start > rows {
            self.reader.scroll = start.saturating_sub(1);
        }
        self.scroll_by(0);
    }

    fn reply(&mut self) -> Vec<Effect> {
        match self.reader.selected_comment() {
            Some(c) if c.status != CommentStatus::Deleted => {
                let id = c.id;
                self.start_writing(Intent::Reply(id))
            }
            _ => {
                if self.comment_count() > 0 {
                    self.reader.focus = Focus::Comments;
                    self.show_selected();
                }
                Vec::new()
            }
        }
    }

    /// Why the member may not change `comment`, if they may not: the status bar offers
    /// `e` and `d` only where this says nothing.
    pub(crate) fn may_not_change(&self, comment: &Comment) -> Option<NotEditable> {
        comment.editable_by(self.identity.user_id(), self.now).err()
    }

    /// The selected comment if the member may still `delete` (or edit) it, or a notice
    /// saying why not, in the words of what they tried.
    fn own_recent(&mut self, delete: bool) -> Option<Comment> {
        let Some(comment) = self.reader.selected_comment().cloned() else {
            self.notice = Some(self.lang.c().choose_first.to_string());
            return None;
        };
        match self.may_not_change(&comment) {
            None => Some(comment),
            Some(why) => {
                self.notice = Some(self.lang.not_editable(why, delete).to_string());
                None
            }
        }
    }

    fn edit_selected(&mut self) {
        if let Some(comment) = self.own_recent(false) {
            self.open_edit(&comment);
        }
    }

    fn delete_selected(&mut self) {
        if let Some(comment) = self.own_recent(true) {
            self.modal = Some(Confirm::ask(
                self.lang.c().delete_question,
                vec![BulletinOp::DeleteComment(comment.id).into()],
            ));
        }
    }

    pub(super) fn article_loaded(&mut self, result: Result<Option<Article>, Fault>) -> Vec<Effect> {
        let mut effects = Vec::new();
        self.reader.article = match result {
            Ok(Some(article)) => {
                if !self.identity.is_guest() {
                    effects.push(BulletinOp::MarkRead(article.summary.id).into());
                    if let Loading::Ready(list) = &mut self.articles {
                        list.mark_read(article.summary.id);
                    }
                }
                effects.push(BulletinOp::LoadAuthor(article.summary.id).into());
                Loading::Ready(article)
            }
            Ok(None) => Loading::Failed(Fault::NotFound),
            Err(fault) => Loading::Failed(fault),
        };
        self.reader.scroll = 0;
        self.relayout();
        // A comment chosen before the thread came (a search's hit, a member's page, the
        // summary) comes into view: there, not at the top.
        self.show_selected();
        effects
    }

    pub(super) fn comments_loaded(
        &mut self,
        article: i64,
        result: Result<std::sync::Arc<Vec<Comment>>, Fault>,
    ) -> Vec<Effect> {
        if self.reader.article_id().is_some_and(|id| id != article) {
            return Vec::new();
        }
        // The same shared thread again (a change elsewhere): nothing to lay out.
        if let (Ok(new), Loading::Ready(old)) = (&result, &self.reader.comments)
            && std::sync::Arc::ptr_eq(new, old)
            && self.reader.select_after_load.is_none()
        {
            return Vec::new();
        }
        let at_end = self.at_end();
        let keep = self.reader.selected_comment().map(|c| c.id);
        let wanted = self.reader.select_after_load.take().or(keep);
        self.reader.comments = match result {
            Ok(list) => {
                // « il paraîtra après modération » is no longer true once it has appeared.
                if let Some(id) = self.reader.pending_notice
                    && list.iter().any(|c| c.id == id && c.status != CommentStatus::Pending)
                {
                    self.reader.pending_notice = None;
                    if self.notice.as_deref() == Some(self.lang.c().posted_pending) {
                        self.notice = None;
                    }
                }
                if let Some(i) = wanted.and_then(|id| list.iter().position(|c| c.id == id)) {
                    self.reader.selected = i;
                    if self.reader.focus == Focus::Text && keep.is_none() && wanted.is_some() {
                        self.reader.focus = Focus::Comments;
                    }
                }
                self.reader.selected = self.reader.selected.min(list.len().saturating_sub(1));
                if list.is_empty() {
                    self.reader.focus = Focus::Text;
                }
                Loading::Ready(list)
            }
            Err(fault) => Loading::Failed(fault),
        };
        self.lay_out(false, at_end);
        self.show_selected();
        Vec::new()
    }

    /// Lays the open article out again for the current width, language and clock, and its
    /// comments from the start (as far as the reading position needs), keeping the reading
    /// position as close as the new layout allows.
    pub(super) fn relayout(&mut self) {
        let at_end = self.at_end();
        self.lay_out(true, at_end);
    }

    /// Whether the reader scrolled to the very end: there it stays, and new comments come
    /// into view.
    fn at_end(&self) -> bool {
        let len = self.reader.total_rows();
        len > self.reader_rows() && self.reader.scroll + self.reader_rows() >= len
    }

    /// [`App::relayout`]; the article's own lines only when `article` (a new thread leaves
    /// them as they are).
    fn lay_out(&mut self, article: bool, at_end: bool) {
        let Loading::Ready(loaded) = &self.reader.article else {
            return;
        };
        let old_len = self.reader.total_rows().max(1);
        let old_scroll = self.reader.scroll;
        if article || self.reader.lines.is_empty() {
            self.reader.lines = self.article_lines(loaded);
        }
        self.relayout_comments();
        // A new width moves everything: keep the same proportion read. Otherwise (a comment
        // came, the selection moved) the text above did not move: keep the position.
        if at_end {
            self.reader.scroll = usize::MAX / 2;
        } else if self.reader.cols != self.size.0 {
            self.reader.scroll = old_scroll * self.reader.total_rows() / old_len;
        }
        self.reader.cols = self.size.0;
        self.scroll_by(0);
    }

    /// The comments' layout starts again (new thread, width or language); `scroll_by` lays
    /// out what comes into view.
    fn relayout_comments(&mut self) {
        self.reader.laid = comments::Laid::new(&self.reader.comments, &self.comments_context());
    }

    /// What laying the comments out needs of this session (the selection is drawn, not laid).
    fn comments_context(&self) -> comments::Context<'_> {
        comments::Context {
            cols: self.size.0,
            lang: self.lang,
            theme: &self.theme,
            now: self.now,
            selected: None,
            viewer: self.identity.user_id(),
            mark: self.reader.mark,
        }
    }

    /// The article's byline says its age in other words: it is laid out again (the
    /// comments' dates are drawn with the clock of each frame, nothing else moves).
    pub(super) fn reader_tick(&mut self) {
        if let Loading::Ready(article) = &self.reader.article {
            self.reader.lines = self.article_lines(article);
            self.scroll_by(0);
        }
    }

    /// The article's own lines, its author's box when a member signs it, and a blank line.
    fn article_lines(&self, article: &Article) -> Vec<ratatui::text::Line<'static>> {
        let mut lines = reader::layout(article, self.size.0, self.lang, &self.theme, self.now);
        if let Some(page) = &self.reader.author {
            lines.extend(author::layout(page, &article.summary, self.size.0, &self.look()));
        }
        lines.push(ratatui::text::Line::default());
        lines
    }
}

/// How far the comments are laid out.
enum Upto {
    /// Until this row of the reader.
    Row(usize),
    /// Until this comment.
    Comment(usize),
}
