//! Line mode: Cédille for screen readers (Orca, NVDA through PuTTY, VoiceOver), braille
//! displays, Emacs shells and slow links. A pure state machine beside [`crate::ui::App`]:
//! the same events come in (keys, results of the same doors), the same effects go out, and
//! instead of a screen to draw it leaves plain lines to print ([`Line::output`]). No
//! alternate screen, cursor addressing, colour, box drawing or mouse: numbered menus, a
//! prompt that says where one is, and the line typed edited and echoed here.

mod agenda;
mod bulletin;
mod edit;
mod meetup;
mod messages;
mod out;
mod profile;
mod spaces;

use chrono::{DateTime, Duration, Utc};

use crate::domain::Identity;
use crate::domain::space::fold;
use crate::i18n::Lang;
use crate::ui::event::{Effect, Event, Key};
use crate::ui::{BulletinOp, FollowOp, FollowResult, NetOp, ProfileOp, ProfileResult};
use edit::{Edit, LineEdit};
use out::Out;

/// How long the prompt waits for an answer before it comes back anyway.
const PATIENCE: i64 = 5;

/// Where the member is: what the prompt says and what a number chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Menu,
    Bulletin,
    Article,
    Agenda,
    Meetup,
    Spaces,
    Space,
    Messages,
    Conversation,
    Profile,
}

/// A text asked for: the next lines typed are its answer, not commands.
#[derive(Debug, Clone, PartialEq)]
enum Ask {
    /// A comment on `article` (a reply to `parent`), line by line until a lone dot.
    Comment {
        article: i64,
        parent: Option<i64>,
        lines: Vec<String>,
    },
    Message {
        to: i64,
        lines: Vec<String>,
    },
    /// The new text of the member's own comment `id`, line by line until a lone dot.
    Edit {
        id: i64,
        lines: Vec<String>,
    },
    /// Yes or no to withdrawing the member's own comment.
    Delete(i64),
    /// A meetup to propose, a field at a time.
    Meetup(Box<meetup::Proposing>),
    /// A handle, then what was asked before a handle was needed.
    Handle(Option<Box<Ask>>),
    Presentation,
    /// The number of the characters the member's terminal shows.
    Charset,
}

pub struct Line {
    pub lang: Lang,
    pub identity: Identity,
    pub now: DateTime<Utc>,
    pub size: (u16, u16),
    /// The most characters a comment may have (the operator's `max_chars`).
    pub comment_limit: usize,
    /// Said after the session ends (a suspension).
    pub farewell: Option<String>,
    place: Place,
    edit: LineEdit,
    out: Out,
    /// Since when an answer is awaited before the prompt comes back.
    busy: Option<DateTime<Utc>>,
    ask: Option<Ask>,
    quit: bool,
    bulletin: bulletin::State,
    spaces: spaces::State,
    agenda: agenda::State,
    messages: messages::State,
    profile: Option<crate::domain::member::Profile>,
    /// The newest notice of the server this session knows, and whether the first answer came.
    follow_known: i64,
    follow_checked: bool,
    /// The newest unread message announced.
    inbox_latest: Option<i64>,
    /// The line mode setting asked for, until the store says it is saved.
    line_mode_asked: Option<bool>,
    /// The characters were asked for, until the store says they are saved.
    charset_asked: bool,
    /// Lines typed ahead while an answer was awaited: run, in order, once it came.
    ahead: std::collections::VecDeque<String>,
}

impl Line {
    /// A new session in line mode; the returned effects load what the menu leads to first.
    pub fn new(identity: Identity, lang: Lang, size: (u16, u16), now: DateTime<Utc>) -> (Line, Vec<Effect>) {
        let mut line = Line {
            lang,
            identity,
            now,
            size,
            comment_limit: crate::domain::comment::MAX_COMMENT_CHARS,
            farewell: None,
            place: Place::Menu,
            edit: LineEdit::default(),
            out: Out::default(),
            busy: None,
            ask: None,
            quit: false,
            bulletin: Default::default(),
            spaces: Default::default(),
            agenda: Default::default(),
            messages: Default::default(),
            profile: None,
            follow_known: 0,
            follow_checked: false,
            inbox_latest: None,
            line_mode_asked: None,
            charset_asked: false,
            ahead: Default::default(),
        };
        line.resized(size);
        line.out.line(lang.l().welcome);
        line.out.line(lang.l().menu);
        line.settle();
        let mut effects = vec![BulletinOp::LoadArticles.into()];
        if !line.identity.is_guest() {
            effects.push(ProfileOp::LoadMember.into());
            effects.push(FollowOp::Check { known: 0 }.into());
            effects.push(NetOp::CheckInbox.into());
        }
        (line, effects)
    }

    pub fn wants_quit(&self) -> bool {
        self.quit
    }

    /// What to print since the last call: plain text, CR LF line ends, no escape sequence.
    pub fn output(&mut self) -> String {
        self.out.take()
    }

    /// The last words, the cursor left at the start of a line of its own.
    pub fn closing(&mut self) -> String {
        self.out.enter();
        self.out.take()
    }

    /// When the session should wake without input: when an answer is overdue.
    pub fn next_tick(&self) -> Option<DateTime<Utc>> {
        self.busy.map(|since| since + Duration::seconds(PATIENCE))
    }

    /// A line of the server's own (the idle warning), said as any event is.
    pub fn announce(&mut self, text: &str) {
        self.out.line(text);
        self.settle();
    }

    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        let effects = match event {
            Event::Key(key) | Event::KeyAlong(key) => self.key(key),
            Event::Paste(text) => edit::paste_lines(&text).into_iter().flat_map(|k| self.key(k)).collect(),
            Event::Scroll(_) | Event::Admin(_) => Vec::new(),
            Event::Resize(cols, rows) => {
                self.resized((cols, rows));
                Vec::new()
            }
            Event::Tick(now) => {
                self.now = now;
                if self.busy.is_some_and(|since| now - since >= Duration::seconds(PATIENCE)) {
                    self.busy = None;
                    self.out.line(self.lang.l().no_answer);
                }
                Vec::new()
            }
            Event::DataChanged => self.data_changed(),
            Event::Bulletin(result) => self.bulletin_result(result),
            Event::Profile(result) => self.profile_result(result),
            Event::Spaces(result) => self.spaces_result(result),
            Event::Agenda(result) => self.agenda_result(result),
            Event::Network(result) => self.network_result(result),
            Event::Follow(result) => self.follow_result(result),
        };
        let mut effects = effects;
        // What was typed ahead, shown after its prompt as if typed now.
        while self.busy.is_none() && !self.quit {
            let Some(text) = self.ahead.pop_front() else { break };
            self.out.prompt(self.prompt(), &text);
            self.out.enter();
            effects.extend(self.entered(&text));
        }
        self.settle();
        effects
    }

    fn resized(&mut self, (cols, rows): (u16, u16)) {
        self.size = (cols, rows);
        self.out.width = self.width();
        // A terminal that says nothing of its size (TERM=dumb, often 0×0) pages by 24.
        let rows = if rows == 0 { 24 } else { usize::from(rows) };
        self.out.page_rows = rows.saturating_sub(1).max(3);
    }

    /// Text lines are cut to the window, a screen reader's or not; 80 when it says nothing.
    fn width(&self) -> usize {
        match self.size.0 {
            0 => 80,
            c => usize::from(c).clamp(20, 100),
        }
    }

    /// Once everything is said, the prompt comes back with what was typed so far.
    fn settle(&mut self) {
        if self.quit || self.busy.is_some() {
            return;
        }
        let prompt = self.prompt();
        self.out.prompt(prompt, self.edit.text());
    }

    fn prompt(&self) -> &'static str {
        let l = self.lang.l();
        if self.out.paging() {
            return l.more_prompt;
        }
        match &self.ask {
            Some(Ask::Comment { .. } | Ask::Edit { .. }) => return l.comment_prompt,
            Some(Ask::Delete(_)) => return l.confirm_prompt,
            Some(Ask::Meetup(p)) => return self.proposal_prompt(p),
            Some(Ask::Message { .. }) => return l.message_prompt,
            Some(Ask::Handle(_)) => return l.handle_prompt,
            Some(Ask::Presentation) => return l.bio_prompt,
            Some(Ask::Charset) => return self.lang.cs().label,
            None => {}
        }
        match self.place {
            Place::Menu => l.menu_prompt,
            Place::Bulletin => l.bulletin,
            Place::Article => l.article,
            Place::Agenda => l.agenda,
            Place::Meetup => l.meetup,
            Place::Spaces => l.spaces,
            Place::Space => l.space,
            Place::Messages => l.messages,
            Place::Conversation => l.conversation,
            Place::Profile => l.profile,
        }
    }

    /// Waits for an answer before the prompt comes back.
    fn wait(&mut self) {
        self.busy = Some(self.now);
    }

    /// The answer came.
    fn ready(&mut self) {
        self.busy = None;
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        match self.edit.key(key) {
            Edit::Echo(bytes) => {
                self.out.echo(&bytes);
                Vec::new()
            }
            // Typed ahead of an answer: it waits for it, as a shell's type-ahead does.
            Edit::Done(text) if self.busy.is_some() => {
                self.ahead.push_back(text.trim().to_string());
                Vec::new()
            }
            Edit::Done(text) => {
                self.out.enter();
                self.entered(text.trim())
            }
            Edit::Cancel { typed } => {
                self.out.echo("^C");
                self.out.enter();
                self.cancel(typed);
                Vec::new()
            }
            Edit::Leave => {
                self.out.enter();
                self.quit = true;
                Vec::new()
            }
            Edit::Nothing => Vec::new(),
        }
    }

    /// Ctrl-C: the text under way, the page, the line typed; on an empty line with nothing
    /// under way, the session ends as the full-screen app does.
    fn cancel(&mut self, typed: bool) {
        if !self.ahead.is_empty() {
            self.ahead.clear();
        } else if self.ask.take().is_some() {
            self.out.line(self.lang.l().cancelled);
        } else if self.out.paging() {
            self.out.stop_paging();
        } else if !typed {
            self.quit = true;
        }
    }

    fn entered(&mut self, text: &str) -> Vec<Effect> {
        if let Some(ask) = self.ask.take() {
            return self.answer(ask, text);
        }
        if self.out.paging() {
            if text.is_empty() {
                self.out.more();
                return Vec::new();
            }
            self.out.stop_paging();
            if matches!(fold(text).as_str(), "q" | "stop") {
                return Vec::new();
            }
        }
        if text.is_empty() {
            return Vec::new();
        }
        self.command(text)
    }

    /// A command typed at the prompt: those of every place first, then the place's own.
    fn command(&mut self, text: &str) -> Vec<Effect> {
        // `?` folds to nothing: compared as typed.
        let word = if text == "?" { "?".to_string() } else { fold(text) };
        match word.as_str() {
            "?" | "aide" | "help" | "h" => {
                self.help();
                return Vec::new();
            }
            "q" | "quitter" | "quit" | "exit" | "bye" => {
                self.out.line(self.lang.l().leave);
                self.quit = true;
                return Vec::new();
            }
            "menu" | "m" => {
                self.place = Place::Menu;
                self.out.line(self.lang.l().menu);
                return Vec::new();
            }
            "0" | "retour" | "back" => return self.back(),
            "bulletin" => return self.open_bulletin(),
            "agenda" => return self.open_agenda(),
            "espaces" | "spaces" | "espace" => return self.open_spaces(),
            "messages" => return self.open_messages(),
            "profil" | "profile" => return self.open_profile(),
            "langue" | "language" | "lang" => return self.switch_lang(),
            _ => {}
        }
        // « espaces coworking près de Die », from anywhere: the directory, searched at once.
        if let Some((first, rest)) = text.trim().split_once(char::is_whitespace)
            && matches!(fold(first).as_str(), "espaces" | "spaces" | "espace")
        {
            let rest = rest.trim();
            let mut effects = self.open_spaces();
            effects.extend(self.spaces_command(rest, &fold(rest)));
            return effects;
        }
        if self.place == Place::Menu {
            return match word.as_str() {
                "1" => self.open_bulletin(),
                "2" => self.open_agenda(),
                "3" => self.open_spaces(),
                "4" => self.open_messages(),
                "5" => self.open_profile(),
                _ => self.unknown(text),
            };
        }
        match self.place_command(text, &word) {
            Some(effects) => effects,
            None => self.unknown(text),
        }
    }

    fn place_command(&mut self, text: &str, word: &str) -> Option<Vec<Effect>> {
        match self.place {
            Place::Menu => None,
            Place::Bulletin | Place::Article => self.bulletin_command(word),
            Place::Agenda | Place::Meetup => self.agenda_command(word),
            Place::Spaces | Place::Space => Some(self.spaces_command(text, word)),
            Place::Messages | Place::Conversation => self.messages_command(text, word),
            Place::Profile => self.profile_command(word),
        }
    }

    fn unknown(&mut self, text: &str) -> Vec<Effect> {
        self.out.line(&self.lang.line_unknown(text));
        Vec::new()
    }

    fn help(&mut self) {
        let l = self.lang.l();
        let here = match self.place {
            Place::Menu => l.help_menu,
            Place::Bulletin => l.help_bulletin,
            Place::Article => l.help_article,
            Place::Agenda => l.help_agenda,
            Place::Meetup => l.help_meetup,
            Place::Spaces => l.help_spaces,
            Place::Space => l.help_space,
            Place::Messages => l.help_messages,
            Place::Conversation => l.help_conversation,
            Place::Profile => l.help_profile,
        };
        self.out.line(here);
        self.out.line(l.help_everywhere);
    }

    /// `0`: one step up, to the menu at last.
    fn back(&mut self) -> Vec<Effect> {
        match self.place {
            Place::Article => self.open_bulletin(),
            Place::Meetup => self.open_agenda(),
            Place::Space => {
                self.place = Place::Spaces;
                self.print_hits();
                Vec::new()
            }
            Place::Conversation => self.open_messages(),
            Place::Menu => {
                self.out.line(self.lang.l().menu);
                Vec::new()
            }
            _ => {
                self.place = Place::Menu;
                self.out.line(self.lang.l().menu);
                Vec::new()
            }
        }
    }

    fn switch_lang(&mut self) -> Vec<Effect> {
        self.lang = self.lang.other();
        self.out.line(self.lang.l().lang_switched);
        if self.identity.is_guest() { Vec::new() } else { vec![ProfileOp::SaveLang(self.lang).into()] }
    }

    /// A guest may read, not write: said, and `false`.
    fn may_write(&mut self) -> bool {
        if self.identity.is_guest() {
            self.out.line(self.lang.guest_needs_key().trim_end());
            return false;
        }
        true
    }

    /// A number typed at a list: the index it names, or said why not.
    fn chosen(&mut self, word: &str, len: usize) -> Option<usize> {
        let n: usize = word.parse().ok()?;
        if n == 0 || n > len {
            self.out.line(self.lang.l().no_such_number);
            return Some(usize::MAX);
        }
        Some(n - 1)
    }

    /// Each change in the database: what is on view, read again without a word unless
    /// something new came; the member's notices and messages.
    fn data_changed(&mut self) -> Vec<Effect> {
        let mut effects = match self.place {
            Place::Article => self.bulletin_refresh(),
            Place::Conversation => self.messages_refresh(),
            _ => Vec::new(),
        };
        if !self.identity.is_guest() {
            effects.push(ProfileOp::LoadMember.into());
            effects.push(NetOp::CheckInbox.into());
            effects.push(FollowOp::Check { known: self.follow_known }.into());
        }
        effects
    }

    /// Notices that arrive while the member is here are said in one line each; those of
    /// the thread on view are said by its own announcement.
    fn follow_result(&mut self, result: FollowResult) -> Vec<Effect> {
        if let FollowResult::Notices(n) = result {
            let first = !std::mem::replace(&mut self.follow_checked, true);
            self.follow_known = self.follow_known.max(n.latest);
            let open = self.bulletin.open_article();
            for notice in n.fresh.iter().filter(|_| !first) {
                if notice.comment_id.is_some() && notice.article_id.is_some() && notice.article_id == open {
                    continue;
                }
                self.out.line(&self.lang.notice_text(notice));
            }
        }
        Vec::new()
    }

    /// The account's door: who the member is now, their profile, what was saved.
    fn profile_result(&mut self, result: ProfileResult) -> Vec<Effect> {
        match result {
            ProfileResult::Member { handle, banned, .. } => {
                if banned {
                    self.farewell = Some(self.lang.suspended().to_string());
                    self.quit = true;
                } else if let (Identity::Member { handle: h, .. }, Some(handle)) =
                    (&mut self.identity, handle)
                {
                    *h = Some(handle);
                }
                Vec::new()
            }
            ProfileResult::KeyGone => {
                self.farewell = Some(self.lang.k().key_gone.to_string());
                self.quit = true;
                Vec::new()
            }
            result => self.account_result(result),
        }
    }
}
