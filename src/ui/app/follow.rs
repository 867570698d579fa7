//! Following what happens to the member: their notices (the top bar's counter, the status
//! line when one arrives), their reading marks inside threads (the reader's « nouveau »
//! and `n`), and the summary « Depuis votre dernière visite » they act on.

use chrono::{DateTime, Duration, Utc};

use super::modal::Modal;
use super::{App, Focus, Loading, ProfileOp, Reader, View};
use crate::domain::catchup::{CatchUp, NewsTarget};
use crate::domain::comment::ThreadView;
use crate::domain::follow::{Notice, Notices, ThreadMark, advance, is_new};
use crate::ui::event::{Effect, Key};

#[derive(Debug, Clone, PartialEq)]
pub enum FollowOp {
    /// The member's notices, if one newer than `known` (the newest of the server the
    /// session knows; 0 at the start) exists.
    Check { known: i64 },
    /// The member saw the comments of `article` up to `upto` (their new mark).
    Seen { article: i64, upto: i64 },
    /// The member went where these notices lead.
    SeenNotices(Vec<i64>),
}

#[derive(Debug, Clone, PartialEq)]
pub enum FollowResult {
    Notices(Notices),
    /// How many notices the member has not seen, after a mark moved.
    Unseen(i64),
}

impl From<FollowOp> for Effect {
    fn from(op: FollowOp) -> Effect {
        Effect::Follow(op)
    }
}

#[derive(Debug, Clone, Default)]
pub struct FollowState {
    /// The newest notice of the server this session knows of.
    pub known: i64,
    /// The member's notices not seen yet: the top bar's counter.
    pub unseen: i64,
    /// The member's previous visit: what the summary counts new articles from.
    pub since: Option<DateTime<Utc>>,
    /// The member asked for the summary (`N`): say so when nothing is new.
    pub asked: bool,
    /// The first answer came: those waiting then are the summary's, not the status line's.
    pub checked: bool,
}

/// The summary over the screen, and the item chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct CatchUpView {
    pub news: CatchUp,
    pub selected: usize,
}

impl App {
    /// What a member's session asks first: the notices waiting.
    pub(super) fn follow_start(&self) -> Vec<Effect> {
        if self.identity.is_guest() { Vec::new() } else { vec![FollowOp::Check { known: 0 }.into()] }
    }

    /// A change somewhere: the member's notices, read again only when a newer one exists.
    pub(super) fn follow_changed(&self) -> Effect {
        FollowOp::Check { known: self.follow.known }.into()
    }

    /// Where each answer of the door goes. A notice that arrives while the member is here
    /// goes on the status line; those waiting at the start are the summary's business.
    pub(super) fn follow_result(&mut self, result: FollowResult) -> Vec<Effect> {
        match result {
            FollowResult::Notices(n) => {
                let first = !std::mem::replace(&mut self.follow.checked, true);
                self.follow.known = self.follow.known.max(n.latest);
                self.follow.unseen = n.unseen;
                if !first && let Some(last) = n.fresh.last() {
                    self.notice = Some(self.notice_line(last, n.fresh.len()));
                }
            }
            FollowResult::Unseen(n) => self.follow.unseen = n,
        }
        Vec::new()
    }

    fn notice_line(&self, n: &Notice, count: usize) -> String {
        let line = self.lang.notice_text(n);
        if count > 1 { format!("{line} (+{})", count - 1) } else { line }
    }

    /// `N` on the list: the summary, asked for.
    pub(super) fn ask_catch_up(&mut self) -> Vec<Effect> {
        if self.identity.is_guest() {
            self.modal = Some(Modal::NeedKey);
            return Vec::new();
        }
        self.follow.asked = true;
        let since = self.follow.since.unwrap_or(self.now - Duration::days(7));
        vec![ProfileOp::LoadCatchUp(since).into()]
    }

    /// The summary came: shown when it holds something (or said empty when asked for).
    pub(super) fn catch_up_loaded(&mut self, news: CatchUp) {
        let asked = std::mem::take(&mut self.follow.asked);
        if news.is_empty() {
            if asked {
                self.notice = Some(self.lang.f().nothing_new.to_string());
            }
        } else if self.modal.is_none() || asked {
            self.modal = Some(Modal::CatchUp(CatchUpView { news, selected: 0 }));
        }
    }

    /// Keys on the summary: choose an item, Enter goes there.
    pub(super) fn catch_up_key(&mut self, mut view: CatchUpView, key: Key) -> (Option<Modal>, Vec<Effect>) {
        let len = view.news.items.len();
        if let Some(m) = super::list::movement(key, self.body_rows() / 3) {
            view.selected = m.apply(view.selected, len);
            return (Some(Modal::CatchUp(view)), Vec::new());
        }
        match key {
            Key::Enter | Key::Right | Key::Char('l') => {
                let Some(item) = view.news.items.get(view.selected) else { return (None, Vec::new()) };
                let mut effects = Vec::new();
                if !item.notices.is_empty() {
                    effects.push(FollowOp::SeenNotices(item.notices.clone()).into());
                }
                if let Some(target) = item.target() {
                    effects.extend(self.go_to(target));
                }
                (None, effects)
            }
            Key::Esc | Key::Char('q') => (None, Vec::new()),
            _ => (Some(Modal::CatchUp(view)), Vec::new()),
        }
    }

    /// Opens what a summary's item is about.
    fn go_to(&mut self, target: NewsTarget) -> Vec<Effect> {
        match target {
            NewsTarget::Article { article, comment } => self.open_article(article, comment),
            NewsTarget::Meetup(id) => {
                let mut effects = self.open_agenda();
                self.agenda.detail = Some(Loading::Loading);
                self.agenda.detail_scroll = 0;
                effects.push(super::AgendaOp::LoadEvent(id).into());
                effects
            }
            NewsTarget::Conversation(member) => {
                self.view = View::Network;
                self.network.started = true;
                self.open_thread(member, super::NetMode::Inbox)
            }
        }
    }

    /// The reader on `id`, at `comment` once the thread is there.
    pub(super) fn open_article(&mut self, id: i64, comment: Option<i64>) -> Vec<Effect> {
        self.view = View::Reader;
        self.reader = Reader::empty();
        self.reader.select_after_load = comment;
        if let Loading::Ready(list) = &self.articles {
            self.reader.mark = list.seen_mark(id);
        }
        if let Some(at) = self.shown_articles().iter().position(|a| a.id == id) {
            self.selected = at;
        }
        self.reader.sent_mark = self.reader.mark.unwrap_or(0);
        vec![super::BulletinOp::LoadArticle(id).into(), super::BulletinOp::LoadComments(id).into()]
    }

    /// `n` in the reader: the next comment new to the member, after the one chosen.
    pub(super) fn next_new(&mut self) {
        let viewer = self.identity.user_id();
        let (Some(mark), Loading::Ready(list)) = (self.reader.mark, &self.reader.comments) else {
            self.notice = Some(self.lang.f().no_more_new.to_string());
            return;
        };
        let start = if self.reader.focus == Focus::Comments { self.reader.selected + 1 } else { 0 };
        let blocked = &self.reader.blocked;
        let found = list
            .iter()
            .enumerate()
            .skip(start)
            .find(|(_, c)| is_new(c, mark, viewer) && !ThreadView::hides(blocked, c))
            .map(|(i, _)| i);
        match found {
            Some(i) => {
                self.reader.focus = Focus::Comments;
                self.reader.selected = i;
                self.show_selected();
            }
            None => self.notice = Some(self.lang.f().no_more_new.to_string()),
        }
    }

    /// After each event in the reader: the comments on screen are seen, and the mark moves
    /// past those it may (see [`advance`]). Whatever arrived while reading counts once on
    /// screen.
    pub(super) fn follow_reader(&mut self) -> Option<Effect> {
        if self.view != View::Reader || self.identity.is_guest() {
            return None;
        }
        let article = self.reader.article_id()?;
        let Loading::Ready(list) = &self.reader.comments else { return None };
        let list = list.clone();
        let top = self.reader.comments_top();
        let end = self.reader.scroll + self.reader_rows();
        if end > top {
            let from = self.reader.scroll.saturating_sub(top);
            for i in self.reader.laid.comments_in(from, end - top) {
                if let Some(c) = list.get(i)
                    && let Err(at) = self.reader.seen.binary_search(&c.id)
                {
                    self.reader.seen.insert(at, c.id);
                }
            }
        }
        let viewer = self.identity.user_id();
        let upto = advance(&list, self.reader.sent_mark, viewer, &self.reader.seen);
        if upto <= self.reader.sent_mark {
            return None;
        }
        self.reader.sent_mark = upto;
        let new = list.iter().filter(|c| is_new(c, upto, viewer)).count() as i64;
        if let Loading::Ready(articles) = &mut self.articles {
            articles.set_mark(ThreadMark { article_id: article, seen: upto, new });
        }
        Some(FollowOp::Seen { article, upto }.into())
    }
}
