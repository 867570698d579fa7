//! The state of one member's session and its transitions. `update` is pure: it never
//! waits, never touches I/O, and returns the effects to perform.

use chrono::{DateTime, Utc};
use ratatui::text::Line;

use super::event::{Effect, Event, Key};
use super::screens::reader;
use super::theme::Theme;
use crate::domain::{Article, ArticleSummary, Identity};
use crate::i18n::Lang;
use crate::term::colors::ColorDepth;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    List,
    Reader,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Loading<T> {
    Loading,
    Ready(T),
    Failed,
}

/// An open article, rendered for the current width.
pub struct Reader {
    pub article: Loading<Article>,
    pub lines: Vec<Line<'static>>,
    pub scroll: usize,
}

pub struct App {
    pub lang: Lang,
    pub identity: Identity,
    pub theme: Theme,
    pub size: (u16, u16),
    /// The time the dates on screen are relative to; the runtime refreshes it.
    pub now: DateTime<Utc>,
    pub view: View,
    pub help: bool,
    pub articles: Loading<Vec<ArticleSummary>>,
    pub selected: usize,
    pub reader: Reader,
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
            articles: Loading::Loading,
            selected: 0,
            reader: Reader { article: Loading::Loading, lines: Vec::new(), scroll: 0 },
            quit: false,
        };
        (app, vec![Effect::LoadArticles])
    }

    pub fn wants_quit(&self) -> bool {
        self.quit
    }

    /// The rows the body of a screen has: the window minus the top bar and the status line.
    pub fn body_rows(&self) -> usize {
        usize::from(self.size.1.saturating_sub(2))
    }

    pub fn update(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Key(Key::Ctrl('c')) => self.quit(),
            Event::Key(key) if self.help => {
                if matches!(key, Key::Esc | Key::Char('q') | Key::Char('?') | Key::Enter) {
                    self.help = false;
                }
                Vec::new()
            }
            Event::Key(Key::Char('?')) => {
                self.help = true;
                Vec::new()
            }
            Event::Key(Key::Char('L')) => {
                self.lang = self.lang.other();
                self.rerender();
                vec![Effect::SaveLang(self.lang)]
            }
            Event::Key(key) => match self.view {
                View::List => self.list_key(key),
                View::Reader => self.reader_key(key),
            },
            // Nothing takes text yet; a paste must simply do no harm.
            Event::Paste(_) => Vec::new(),
            Event::Scroll(lines) => {
                match self.view {
                    View::List => self.move_selection(lines.signum() as isize),
                    View::Reader => self.scroll_by(lines as isize),
                }
                Vec::new()
            }
            Event::Resize(cols, rows) => {
                self.size = (cols, rows);
                self.rerender();
                Vec::new()
            }
            Event::ArticlesLoaded(Ok(list)) => {
                self.selected = self.selected.min(list.len().saturating_sub(1));
                self.articles = Loading::Ready(list);
                Vec::new()
            }
            Event::ArticlesLoaded(Err(_)) => {
                self.articles = Loading::Failed;
                Vec::new()
            }
            Event::ArticleLoaded(result) => self.article_loaded(result),
        }
    }

    fn quit(&mut self) -> Vec<Effect> {
        self.quit = true;
        vec![Effect::Quit]
    }

    fn list_key(&mut self, key: Key) -> Vec<Effect> {
        let page = (self.body_rows() / super::screens::bulletin::ITEM_ROWS).max(1) as isize;
        match key {
            Key::Up | Key::Char('k') => self.move_selection(-1),
            Key::Down | Key::Char('j') => self.move_selection(1),
            Key::PageUp | Key::Char('b') => self.move_selection(-page),
            Key::PageDown | Key::Char(' ') => self.move_selection(page),
            Key::Home | Key::Char('g') => self.selected = 0,
            Key::End | Key::Char('G') => self.move_selection(isize::MAX / 2),
            Key::Enter | Key::Right | Key::Char('l') => return self.open_selected(),
            Key::Char('q') => return self.quit(),
            Key::Char('r') | Key::F(5) => return vec![Effect::LoadArticles],
            _ => {}
        }
        Vec::new()
    }

    fn reader_key(&mut self, key: Key) -> Vec<Effect> {
        let page = self.body_rows().saturating_sub(2).max(1) as isize;
        match key {
            Key::Up | Key::Char('k') => self.scroll_by(-1),
            Key::Down | Key::Char('j') => self.scroll_by(1),
            Key::PageUp | Key::Char('b') => self.scroll_by(-page),
            Key::PageDown | Key::Char(' ') => self.scroll_by(page),
            Key::Home | Key::Char('g') => self.reader.scroll = 0,
            Key::End | Key::Char('G') => self.scroll_by(isize::MAX / 2),
            Key::Esc | Key::Char('q') | Key::Left | Key::Char('h') | Key::Backspace => {
                self.view = View::List;
                // Counts and markers may have changed while reading.
                return vec![Effect::LoadArticles];
            }
            _ => {}
        }
        Vec::new()
    }

    fn move_selection(&mut self, delta: isize) {
        if let Loading::Ready(list) = &self.articles {
            let last = list.len().saturating_sub(1) as isize;
            self.selected = (self.selected as isize).saturating_add(delta).clamp(0, last.max(0)) as usize;
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        let max = self.reader.lines.len().saturating_sub(self.body_rows());
        self.reader.scroll =
            (self.reader.scroll as isize).saturating_add(delta).clamp(0, max as isize) as usize;
    }

    fn open_selected(&mut self) -> Vec<Effect> {
        let Loading::Ready(list) = &self.articles else {
            return Vec::new();
        };
        let Some(item) = list.get(self.selected) else {
            return Vec::new();
        };
        let id = item.id;
        self.view = View::Reader;
        self.reader = Reader { article: Loading::Loading, lines: Vec::new(), scroll: 0 };
        vec![Effect::LoadArticle(id)]
    }

    fn article_loaded(&mut self, result: Result<Option<Article>, String>) -> Vec<Effect> {
        let mut effects = Vec::new();
        self.reader.article = match result {
            Ok(Some(article)) => {
                if !self.identity.is_guest() {
                    effects.push(Effect::MarkRead(article.summary.id));
                    if let Loading::Ready(list) = &mut self.articles {
                        for a in list.iter_mut().filter(|a| a.id == article.summary.id) {
                            a.unread = Some(false);
                        }
                    }
                }
                Loading::Ready(article)
            }
            Ok(None) | Err(_) => Loading::Failed,
        };
        self.reader.scroll = 0;
        self.rerender();
        effects
    }

    /// Lays the open article out again for the current width and language, keeping the
    /// reading position as close as the new layout allows.
    fn rerender(&mut self) {
        if let Loading::Ready(article) = &self.reader.article {
            let old_len = self.reader.lines.len().max(1);
            let old_scroll = self.reader.scroll;
            self.reader.lines = reader::layout(article, self.size.0, self.lang, &self.theme, self.now);
            self.reader.scroll = old_scroll * self.reader.lines.len() / old_len;
            self.scroll_by(0);
        }
    }
}
