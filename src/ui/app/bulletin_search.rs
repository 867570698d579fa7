//! The bulletin list's search line (`/`) and its filter by rubrique (`f`): their state and
//! keys. The list itself stays as it was underneath: Esc gives it back unchanged.

use ratatui_textarea::TextArea;

use super::editor::{single_line, single_line_key};
use super::list::{Move, movement};
use super::{App, BulletinOp, Loading};
use crate::domain::search::{SearchHit, SearchQuery};
use crate::domain::{ArticleSummary, Fault};
use crate::ui::event::{Effect, Key};

/// Rows a hit takes in the results: title, details, excerpt, blank.
pub const HIT_ROWS: usize = 4;

pub struct ListSearch {
    pub input: TextArea<'static>,
    /// The search line is open: the list shows its results and the line has the keys.
    pub open: bool,
    /// The results of `shown`, the question last answered.
    pub results: Loading<Vec<SearchHit>>,
    pub shown: SearchQuery,
    pub selected: usize,
    /// The list's selection when the search opened, given back when it closes.
    list_selected: usize,
    /// The rubrique the list shows alone; `None`: every one.
    pub rubrique: Option<String>,
    /// The rubrique chooser is open, its cursor on this row (0: « toutes »).
    pub choosing: Option<usize>,
}

impl ListSearch {
    pub fn new() -> ListSearch {
        ListSearch {
            input: single_line(""),
            open: false,
            results: Loading::Ready(Vec::new()),
            shown: SearchQuery::default(),
            selected: 0,
            list_selected: 0,
            rubrique: None,
            choosing: None,
        }
    }

    /// The words in the search line.
    pub fn words(&self) -> String {
        self.input.lines().join(" ")
    }

    fn query(&self) -> SearchQuery {
        SearchQuery { words: self.words(), rubrique: self.rubrique.clone() }
    }

    /// Whether the list's own keys wait: the line or the chooser has them.
    pub fn takes_keys(&self) -> bool {
        self.open || self.choosing.is_some()
    }

    pub fn selected_hit(&self) -> Option<&SearchHit> {
        self.results.as_ref_ready().and_then(|hits| hits.get(self.selected))
    }
}

impl Default for ListSearch {
    fn default() -> Self {
        ListSearch::new()
    }
}

impl App {
    /// The articles the list shows: all of them, or those of the chosen rubrique.
    pub fn shown_articles(&self) -> Vec<&ArticleSummary> {
        let Loading::Ready(list) = &self.articles else {
            return Vec::new();
        };
        let rubrique = self.search.rubrique.as_deref();
        list.items().iter().filter(|a| rubrique.is_none_or(|r| a.rubrique == r)).collect()
    }

    /// The rubriques of the bulletin, in the order people name them.
    pub fn rubriques(&self) -> Vec<String> {
        let Loading::Ready(list) = &self.articles else {
            return Vec::new();
        };
        let mut all: Vec<String> =
            list.items().iter().map(|a| a.rubrique.clone()).filter(|r| !r.trim().is_empty()).collect();
        all.sort_by_key(|r| crate::domain::space::fold(r));
        all.dedup();
        all
    }

    /// `/` and `f` on the list, and every key while the line or the chooser is open.
    pub(super) fn list_search_key(&mut self, key: Key) -> Vec<Effect> {
        if let Some(row) = self.search.choosing {
            return self.chooser_key(row, key);
        }
        if self.search.open {
            return self.search_line_key(key);
        }
        match key {
            Key::Char('/') => {
                self.search.open = true;
                self.search.list_selected = self.selected;
                self.ask_search()
            }
            Key::Char('f') if self.search.rubrique.is_some() => self.choose_rubrique(None),
            Key::Char('f') => {
                self.search.choosing = Some(0);
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    fn search_line_key(&mut self, key: Key) -> Vec<Effect> {
        let page = (self.body_rows().saturating_sub(2) / HIT_ROWS).max(1);
        match key {
            Key::Esc => {
                let back = self.search.list_selected;
                self.search = ListSearch { rubrique: self.search.rubrique.take(), ..ListSearch::new() };
                let len = self.shown_articles().len();
                self.selected = back.min(len.saturating_sub(1));
                Vec::new()
            }
            Key::Enter => self.open_hit(),
            Key::Up | Key::Down | Key::PageUp | Key::PageDown => {
                if let (Some(m), Loading::Ready(hits)) = (movement(key, page), &self.search.results) {
                    self.search.selected = m.apply(self.search.selected, hits.len());
                }
                Vec::new()
            }
            key => {
                let before = self.search.words();
                single_line_key(&mut self.search.input, key);
                if self.search.words() == before { Vec::new() } else { self.ask_search() }
            }
        }
    }

    /// A paste in the open search line is typed there.
    pub(super) fn list_search_paste(&mut self, text: &str) -> Vec<Effect> {
        let first = text.lines().next().unwrap_or("");
        self.search.input.insert_str(crate::text::clean_line(first));
        self.ask_search()
    }

    /// The search for what the line says now (a newer one replaces it while it waits).
    fn ask_search(&mut self) -> Vec<Effect> {
        let q = self.search.query();
        if q == self.search.shown && !matches!(self.search.results, Loading::Failed(_)) {
            return Vec::new();
        }
        vec![BulletinOp::Search(q).into()]
    }

    /// What a change elsewhere asks of an open search: the same question again.
    pub(super) fn search_reload(&self) -> Vec<Effect> {
        if self.search.open { vec![BulletinOp::Search(self.search.query()).into()] } else { Vec::new() }
    }

    /// The reader on the hit: at its comment, selected, when the hit is one.
    fn open_hit(&mut self) -> Vec<Effect> {
        let Some(hit) = self.search.selected_hit() else {
            return Vec::new();
        };
        let (article, comment) = (hit.article_id, hit.comment_id);
        self.open_article(article, comment)
    }

    pub(super) fn search_found(
        &mut self,
        q: SearchQuery,
        result: Result<Vec<SearchHit>, Fault>,
    ) -> Vec<Effect> {
        // Only the answer to what the line says now: an older one came late.
        if !self.search.open || q != self.search.query() {
            return Vec::new();
        }
        let same = q == self.search.shown;
        let keep = self.search.selected_hit().map(|h| (h.article_id, h.comment_id));
        self.search.results = Loading::from_result(result);
        self.search.shown = q;
        let hits = self.search.results.as_ref_ready().map_or(&[][..], |h| h.as_slice());
        // The same question again (a change elsewhere): the same hit stays selected.
        self.search.selected = match keep.filter(|_| same) {
            Some(k) => hits.iter().position(|h| (h.article_id, h.comment_id) == k).unwrap_or(0),
            None => 0,
        };
        Vec::new()
    }

    fn chooser_key(&mut self, row: usize, key: Key) -> Vec<Effect> {
        let rows = self.rubriques().len() + 1;
        if let Some(m) = movement(key, rows) {
            self.search.choosing = Some(m.apply(row, rows));
            return Vec::new();
        }
        match key {
            Key::Esc | Key::Char('q') => {
                self.search.choosing = None;
                Vec::new()
            }
            Key::Char('f') => self.choose_rubrique(None),
            Key::Enter => {
                let chosen = row.checked_sub(1).and_then(|i| self.rubriques().into_iter().nth(i));
                self.choose_rubrique(chosen)
            }
            _ => Vec::new(),
        }
    }

    /// The list shows `rubrique` alone (`None`: all), the cursor kept on the same article
    /// when it is still shown, else on the first one. A search opened next looks there.
    fn choose_rubrique(&mut self, rubrique: Option<String>) -> Vec<Effect> {
        self.search.choosing = None;
        let was = self.shown_articles().get(self.selected).map(|a| a.id);
        self.search.rubrique = rubrique;
        let shown = self.shown_articles();
        self.selected = super::list::keep(&shown, 0, was, |a| a.id);
        Vec::new()
    }

    /// The list's cursor moves over the articles shown.
    pub(super) fn move_in_list(&mut self, m: Move) {
        let len = self.shown_articles().len();
        self.selected = m.apply(self.selected, len);
    }
}
