//! The state of one member's session and its transitions. `update` is pure: it never
//! waits, never touches I/O, and returns the effects to perform.

mod admin;
mod admin_docs;
mod admin_keys;
mod agenda;
mod bulletin;
mod bulletin_search;
mod clock;
mod communes;
mod editor;
mod follow;
mod form;
mod list;
mod meetup_form;
mod member;
mod modal;
mod network;
mod network_keys;
mod profile;
mod profile_keys;
mod reader;
mod share;
mod space_form;
mod spaces;
mod when;

use std::sync::Arc;

use chrono::{DateTime, Utc};
use ratatui::text::Line;

pub use admin::{AdminError, AdminOp, AdminPrompt, AdminResult, AdminState, Detail, Doc, Section};
pub use admin_docs::Changed;
pub use agenda::{AgendaOp, AgendaResult, AgendaState};
pub use bulletin::{BulletinOp, BulletinResult};
pub use bulletin_search::{HIT_ROWS, ListSearch};
pub use editor::{Editor, Target};
pub use follow::{CatchUpView, FollowOp, FollowResult, FollowState};
pub use form::{Field, FieldKind, Form, Offer, Purpose};
pub use meetup_form::{OFFERS_MAX, understood};
pub use member::MemberView;
pub use modal::{Confirm, Intent, Modal, Prompt, PromptKind};
pub use network::{NetMode, NetOp, NetPrompt, NetResult, NetworkState, OwnRow, own_rows};
pub use profile::{ProfileOp, ProfileResult};
pub use share::Share;
pub use spaces::{
    FilterRow, MapView, SECTIONS, SIDE_BY_SIDE, SpacesMode, SpacesOp, SpacesResult, SpacesState,
    filter_checked, filter_rows,
};

use super::event::{Effect, Event, Key};
use super::theme::Theme;
use crate::domain::member::Profile;
use crate::domain::{Article, ArticleList, Comment, Identity};
use crate::i18n::Lang;
use crate::ui::colors::ColorDepth;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    List,
    Reader,
    Profile,
    /// The spaces directory.
    Spaces,
    /// The meetups agenda.
    Agenda,
    /// « Réseau »: the members' directory and private messages.
    Network,
    /// A member's public page: their published profile, articles and comments.
    Member,
    /// A section of the admin console.
    Admin(Section),
}

/// In the reader, where the arrows go: through the text, or from comment to comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Text,
    Comments,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Loading<T> {
    Loading,
    Ready(T),
    /// Why it could not be read: the screen says so in the member's language.
    Failed(crate::domain::Fault),
}

impl<T> Loading<T> {
    /// The value, when it is there.
    pub fn as_ref_ready(&self) -> Option<&T> {
        match self {
            Loading::Ready(v) => Some(v),
            _ => None,
        }
    }

    /// What a query's answer becomes on screen.
    pub fn from_result(result: Result<T, crate::domain::Fault>) -> Loading<T> {
        match result {
            Ok(value) => Loading::Ready(value),
            Err(fault) => Loading::Failed(fault),
        }
    }
}

/// An open article and its comments, laid out for the current width as far as it is read.
pub struct Reader {
    pub article: Loading<Article>,
    /// Shared with every session that sees the thread the same.
    pub comments: Loading<Arc<Vec<Comment>>>,
    /// The article's lines (rubrique, title, byline, body) and a blank line: the comments
    /// begin below.
    pub lines: Vec<Line<'static>>,
    /// The comments below the article, laid out lazily.
    pub laid: crate::ui::layout::comments::Laid,
    pub scroll: usize,
    pub focus: Focus,
    /// Index of the selected comment in `comments`.
    pub selected: usize,
    /// A comment to select once comments reload (the one just posted).
    pub select_after_load: Option<i64>,
    /// The member's comment that the notice says waits for moderation.
    pub pending_notice: Option<i64>,
    /// The width the lines were laid out for.
    pub cols: u16,
    /// The member who signs the article: their box ends its lines.
    pub author: Option<crate::domain::member_page::MemberPage>,
    /// The member's mark in this thread when they opened it: comments past it are « new »
    /// for this whole reading. `None` on a first reading: the article itself is new, and
    /// marking every comment would say nothing.
    pub mark: Option<i64>,
    /// The mark as last sent to the store.
    pub sent_mark: i64,
    /// Ids of the comments that were on screen, sorted.
    pub seen: Vec<i64>,
}

impl Reader {
    fn empty() -> Reader {
        Reader {
            article: Loading::Loading,
            comments: Loading::Loading,
            lines: Vec::new(),
            laid: Default::default(),
            scroll: 0,
            focus: Focus::Text,
            selected: 0,
            select_after_load: None,
            pending_notice: None,
            cols: 0,
            author: None,
            mark: None,
            sent_mark: 0,
            seen: Vec::new(),
        }
    }

    /// The first row of the comments.
    pub fn comments_top(&self) -> usize {
        self.lines.len()
    }

    /// Rows the article and its comments take, the comments not laid out yet guessed.
    pub fn total_rows(&self) -> usize {
        let count = self.comments.as_ref_ready().map_or(0, |list| list.len());
        self.lines.len() + self.laid.estimated_rows(count)
    }

    /// The rows comment `i` takes, from the top of the article, once laid out.
    pub fn comment_rows(&self, i: usize) -> Option<(usize, usize)> {
        let top = self.comments_top();
        self.laid.comment_rows(i).map(|(s, e)| (s + top, e + top))
    }

    pub fn article_id(&self) -> Option<i64> {
        match &self.article {
            Loading::Ready(a) => Some(a.summary.id),
            _ => None,
        }
    }

    pub fn selected_comment(&self) -> Option<&Comment> {
        match &self.comments {
            Loading::Ready(list) if self.focus == Focus::Comments => list.get(self.selected),
            _ => None,
        }
    }
}

pub struct App {
    /// A question (`Confirm`) was opened by a key whose packet is still being read: the
    /// keys typed along with it do not answer it.
    question_unseen: bool,
    pub lang: Lang,
    pub identity: Identity,
    pub theme: Theme,
    pub size: (u16, u16),
    /// The time the dates on screen are relative to; the runtime refreshes it.
    pub now: DateTime<Utc>,
    pub view: View,
    pub help: bool,
    /// First line of the help shown, for windows too small to show it whole.
    pub help_scroll: usize,
    pub articles: Loading<ArticleList>,
    pub selected: usize,
    /// The list's search line and its filter by rubrique.
    pub search: ListSearch,
    pub reader: Reader,
    /// A box over the screen that takes every key until it closes.
    pub modal: Option<Modal>,
    /// One line shown in the status line until the next key.
    pub notice: Option<String>,
    pub profile: Loading<Profile>,
    /// The last link code made in this session, to show on the profile.
    pub link_code: Option<String>,
    pub spaces: SpacesState,
    pub agenda: AgendaState,
    pub network: NetworkState,
    /// The member's page on view (`View::Member`).
    pub member: MemberView,
    /// Notices and the summary.
    pub follow: FollowState,
    /// The most characters a comment may have (the operator's `max_chars`).
    pub comment_limit: usize,
    /// What members type after `ssh` to come here (the operator's `public_address`).
    pub public_address: String,
    /// The key chosen in the profile's list of keys.
    pub key_cursor: usize,
    /// Where Esc on the profile goes back to.
    pub(crate) back: View,
    /// A moderator approves and hides comments from the reader.
    pub moderator: bool,
    /// The admin console's state: only in `cedille admin`.
    pub admin: Option<AdminState>,
    /// Said on the member's terminal after the screen is restored (a suspension).
    pub farewell: Option<String>,
    quit: bool,
}

impl App {
    /// A new session; the returned effects load the first screen.
    pub fn new(
        identity: Identity,
        lang: Lang,
        depth: ColorDepth,
        size: (u16, u16),
        now: DateTime<Utc>,
    ) -> (App, Vec<Effect>) {
        let app = App {
            lang,
            identity,
            theme: Theme::new(depth),
            size,
            now,
            view: View::List,
            help: false,
            help_scroll: 0,
            articles: Loading::Loading,
            selected: 0,
            search: ListSearch::new(),
            reader: Reader::empty(),
            modal: None,
            question_unseen: false,
            notice: None,
            profile: Loading::Loading,
            link_code: None,
            back: View::List,
            comment_limit: crate::domain::comment::MAX_COMMENT_CHARS,
            public_address: crate::domain::address::DEFAULT.to_string(),
            key_cursor: 0,
            spaces: SpacesState::new(),
            agenda: AgendaState::new(),
            network: NetworkState::new(),
            member: MemberView::new(),
            follow: FollowState::default(),
            moderator: false,
            admin: None,
            farewell: None,
            quit: false,
        };
        let mut effects = vec![BulletinOp::LoadArticles.into()];
        if !app.identity.is_guest() {
            effects.push(ProfileOp::LoadMember.into());
        }
        effects.extend(app.follow_start());
        (app, effects)
    }

    /// The admin console: the same App, opening on the dashboard. `actor`: the name its
    /// actions are signed with (shown in the top bar); `external_editor`: whether `$VISUAL`
    /// or `$EDITOR` names an editor for articles.
    pub fn new_admin(
        lang: Lang,
        depth: ColorDepth,
        size: (u16, u16),
        now: DateTime<Utc>,
        actor: String,
        external_editor: bool,
    ) -> (App, Vec<Effect>) {
        let (mut app, _) = App::new(Identity::Guest, lang, depth, size, now);
        app.admin = Some(AdminState::new(actor, external_editor));
        app.moderator = true;
        let effects = app.go(View::Admin(Section::Dashboard));
        (app, effects)
    }

    /// Asks for the « since your last visit » summary of a member who came before (and
    /// keeps the date, for the summary asked for later with `N`).
    pub fn catch_up_since(&mut self, last_visit: Option<DateTime<Utc>>) -> Vec<Effect> {
        self.follow.since = last_visit;
        match (last_visit, self.identity.is_guest()) {
            (Some(since), false) => vec![ProfileOp::LoadCatchUp(since).into()],
            _ => Vec::new(),
        }
    }

    pub fn wants_quit(&self) -> bool {
        self.quit
    }

    /// What the layouts need of this session: its language, colours and clock.
    pub fn look(&self) -> super::layout::Look<'_> {
        super::layout::Look { lang: self.lang, theme: &self.theme, now: self.now }
    }

    /// The rows the body of a screen has: the window minus the top bar and the status line.
    pub fn body_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(2))
    }

    pub fn handle(&self) -> Option<&str> {
        match &self.identity {
            Identity::Member { handle: Some(h), .. } => Some(h),
            _ => None,
        }
    }

    /// One event in, the effects it asks for out. Keys go to whatever has them first (a
    /// modal, the help, the search line, the keys every screen shares, then the screen);
    /// each section's results go back through its own door.
    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let mut effects = self.route(event);
        effects.extend(self.follow_reader());
        effects
    }

    fn route(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(Key::Ctrl('c')) | Event::KeyAlong(Key::Ctrl('c')) => self.quit(),
            Event::KeyAlong(_) if self.question_unseen && matches!(self.modal, Some(Modal::Confirm(_))) => {
                Vec::new()
            }
            Event::KeyAlong(key) => self.asking_key(key),
            Event::Key(key) => {
                self.question_unseen = false;
                self.asking_key(key)
            }
            Event::Paste(text) if self.modal.is_none() && self.view == View::Spaces => {
                self.spaces_paste(&text)
            }
            Event::Paste(text) if self.modal.is_none() && self.view == View::List && self.search.open => {
                self.list_search_paste(&text)
            }
            Event::Paste(text) => self.paste(text),
            Event::Scroll(lines) => {
                if self.modal.is_none() {
                    self.scroll(lines);
                }
                Vec::new()
            }
            Event::Resize(cols, rows) => {
                self.size = (cols, rows);
                self.relayout();
                Vec::new()
            }
            Event::Tick(now) => self.tick(now),
            Event::DataChanged => self.data_changed(),
            Event::Bulletin(result) => self.bulletin_result(result),
            Event::Profile(result) => self.profile_result(result),
            Event::Spaces(result) => self.spaces_result(result),
            Event::Agenda(result) => self.agenda_result(result),
            Event::Network(result) => self.network_result(result),
            Event::Admin(result) => self.admin_result(*result),
            Event::Follow(result) => self.follow_result(result),
        }
    }

    /// A key; when it opens a question, the keys that came along with it leave it alone.
    fn asking_key(&mut self, key: Key) -> Vec<Effect> {
        let asked = matches!(self.modal, Some(Modal::Confirm(_)));
        let effects = self.key(key);
        if !asked && matches!(self.modal, Some(Modal::Confirm(_))) {
            self.question_unseen = true;
        }
        effects
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        self.notice = None;
        if self.modal.is_some() {
            return self.modal_key(key);
        }
        if self.help {
            self.help_key(key);
            return Vec::new();
        }
        match key {
            // The search line takes every printable key.
            key if self.view == View::Spaces && self.spaces.searching => self.spaces_key(key),
            key if self.view == View::List && self.search.takes_keys() => self.list_search_key(key),
            Key::Char('?') => {
                self.help = true;
                self.help_scroll = 0;
                Vec::new()
            }
            Key::Char('L') => {
                self.lang = self.lang.other();
                self.relayout();
                vec![ProfileOp::SaveLang(self.lang).into()]
            }
            Key::Char('p') if self.view != View::Profile && !self.spaces.searching && !self.is_admin() => {
                self.open_profile()
            }
            Key::Tab | Key::BackTab if self.is_admin() && self.at_section_top() => {
                self.admin_next_section(key == Key::BackTab)
            }
            Key::Char(c @ '1'..='7') if self.is_admin() && self.at_section_top() => {
                self.go(admin::ORDER[usize::from(c as u8 - b'1')])
            }
            Key::Tab | Key::BackTab if self.at_section_top() => self.toggle_section(key == Key::BackTab),
            key => self.screen_key(key),
        }
    }

    /// A key for the screen on view.
    fn screen_key(&mut self, key: Key) -> Vec<Effect> {
        match self.view {
            View::List => self.list_key(key),
            View::Reader => self.reader_key(key),
            View::Profile => self.profile_key(key),
            View::Spaces => match self.admin_spaces_key(key) {
                Some(effects) => effects,
                None => self.spaces_key(key),
            },
            View::Admin(section) => self.admin_key(section, key),
            View::Agenda => self.agenda_key(key),
            View::Network => self.network_key(key),
            View::Member => self.member_page_key(key),
        }
    }

    fn help_key(&mut self, key: Key) {
        match key {
            Key::Esc | Key::Char('q') | Key::Char('?') | Key::Enter => self.help = false,
            Key::Down | Key::Char('j') => self.help_scroll += 1,
            Key::Up | Key::Char('k') => self.help_scroll = self.help_scroll.saturating_sub(1),
            Key::PageDown | Key::Char(' ') => self.help_scroll += self.body_rows() / 2,
            Key::PageUp | Key::Char('b') => {
                self.help_scroll = self.help_scroll.saturating_sub(self.body_rows() / 2)
            }
            Key::Home | Key::Char('g') => self.help_scroll = 0,
            // Clamped to the last line just below.
            Key::End | Key::Char('G') => self.help_scroll = usize::MAX,
            _ => {}
        }
        // Never past the last line, so that ↑ answers at once.
        let body = ratatui::layout::Rect::new(0, 1, self.size.0, self.size.1.saturating_sub(2));
        self.help_scroll =
            self.help_scroll.min(super::layout::help::max_scroll(self.lang, &self.theme, body));
    }

    /// The mouse wheel: the screen's own ↑ and ↓, or its scroll.
    fn scroll(&mut self, lines: i32) {
        let arrow = if lines > 0 { Key::Down } else { Key::Up };
        match self.view {
            View::List => self.move_selection(list::Move::By(lines.signum() as isize)),
            View::Reader => self.scroll_by(lines as isize),
            View::Profile => {}
            View::Agenda => {
                let _ = self.agenda_key(arrow);
            }
            View::Network => {
                let _ = self.network_key(arrow);
            }
            View::Member => {
                let _ = self.member_page_key(arrow);
            }
            View::Admin(section) => {
                let _ = self.admin_key(section, arrow);
            }
            View::Spaces => {
                let rows = lines.signum() as isize;
                match self.spaces.mode {
                    SpacesMode::Detail => {
                        self.spaces.detail_scroll =
                            (self.spaces.detail_scroll as isize + rows).max(0) as usize;
                    }
                    // The list moves its selection, one space a notch, as the article list does.
                    SpacesMode::List => {
                        let _ = self.spaces_list_key(arrow);
                    }
                    SpacesMode::Map => {}
                }
            }
        }
    }

    /// The clock moved on. Only the dates said relatively change with it; a scheduled
    /// article's hour comes as a change notice, so nothing here reloads.
    fn tick(&mut self, now: DateTime<Utc>) -> Vec<Effect> {
        let before = std::mem::replace(&mut self.now, now);
        if self.view == View::Reader && self.byline_changed(before, now) {
            self.reader_tick();
        }
        Vec::new()
    }

    /// Reload only what is on screen: every session gets every change notice, and the list
    /// reloads anyway when the member comes back to it.
    fn data_changed(&mut self) -> Vec<Effect> {
        let mut effects = match (self.view, self.reader.article_id()) {
            (View::List, _) => [vec![BulletinOp::LoadArticles.into()], self.search_reload()].concat(),
            // The author's box follows their profile (published, withdrawn, edited).
            (View::Reader, Some(id)) => {
                vec![BulletinOp::LoadComments(id).into(), BulletinOp::LoadAuthor(id).into()]
            }
            (View::Admin(_), _) => self.admin_reload(),
            (View::Agenda, _) => self.agenda_reload(),
            (View::Network, _) => self.network_reload(),
            (View::Member, _) => {
                self.member.user_id.map(|id| BulletinOp::LoadMember(id).into()).into_iter().collect()
            }
            _ => Vec::new(),
        };
        if !self.identity.is_guest() {
            // Suspended meanwhile? A handle chosen elsewhere? A message waiting?
            effects.push(ProfileOp::LoadMember.into());
            effects.push(NetOp::CheckInbox.into());
            effects.push(self.follow_changed());
        }
        effects
    }

    /// Whether Tab, here, goes to the next section (the top bar says where).
    pub fn tab_changes_section(&self) -> bool {
        self.at_section_top()
    }

    /// Whether the screen is a section's first one (a list), where Tab goes to the next
    /// section rather than within the screen.
    fn at_section_top(&self) -> bool {
        match self.view {
            View::List | View::Admin(_) => true,
            View::Spaces => self.spaces.mode == SpacesMode::List && !self.spaces.searching,
            View::Agenda => self.agenda.detail.is_none(),
            View::Network => self.network_tabs(),
            View::Reader | View::Profile | View::Member => false,
        }
    }

    /// The session ends once this update is done; nothing more to perform.
    fn quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        Vec::new()
    }
}
