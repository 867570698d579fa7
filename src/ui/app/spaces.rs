//! The spaces directory: search as you type, filters, distance from a town, the detail of
//! one space, and a map in step with the list.

use std::sync::Arc;

use ratatui_textarea::TextArea;

use super::editor::{single_line, single_line_key};
use super::list::{Move, movement};
use super::modal::{Modal, Prompt, PromptKind};
use super::{App, Loading, View};
use crate::domain::Fault;
use crate::domain::space::{Amenity, Commune, SpaceKind, SpaceStatus};
use crate::domain::spaces_query::{OpenAt, SpaceHit, SpaceQuery, SpaceSort};
use crate::ui::event::{Effect, Key};
use crate::ui::layout;

// One search per keystroke at most, moved once: not worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum SpacesOp {
    /// The search numbered `seq` (older answers are dropped).
    Search { seq: u64, query: SpaceQuery },
    /// Communes whose name starts with the given text, for a prompt that offers them.
    CompleteCommune(String),
    /// The few spaces a form's space field offers for the words typed in it.
    Suggest(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum SpacesResult {
    /// Results of the search numbered `seq`: the first page, and how many match in all.
    /// The page is shared with the sessions that asked the same in the same minute.
    Found(u64, Result<(Arc<Vec<SpaceHit>>, usize), Fault>),
    /// Communes whose name starts with the given text.
    Communes(String, Vec<Commune>),
    /// The spaces that best match the words a form's space field holds.
    Suggested(String, Result<Arc<Vec<SpaceHit>>, Fault>),
}

impl From<SpacesOp> for Effect {
    fn from(op: SpacesOp) -> Effect {
        Effect::Spaces(op)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpacesMode {
    List,
    Detail,
    Map,
}

/// What an Enter in a prompt decided.
pub enum Chosen {
    /// Done: close the prompt and perform these.
    Close(Vec<Effect>),
    /// Keep the prompt open (an error to read, or an answer to wait for).
    Stay(Vec<Effect>),
}

/// Radii offered by `w`, in km; `None` is « anywhere ».
const RADII: [Option<f64>; 5] = [None, Some(5.0), Some(10.0), Some(20.0), Some(50.0)];

/// From this width the map sits beside the list.
pub const SIDE_BY_SIDE: u16 = 120;

/// The map's view: its centre (lat, lon) and a zoom, 1 showing both départements whole.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    pub center: (f64, f64),
    pub zoom: f64,
}

/// What the map shows for an area of `cols` × `rows` cells.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    pub half_lat: f64,
    pub half_lon: f64,
    pub width_km: f64,
}

impl MapView {
    /// Both départements in view.
    pub const HOME: MapView = MapView { center: (44.75, 4.85), zoom: 1.0 };

    /// The two départements span about 166 km east–west and 145 km north–south; a cell is
    /// about twice as tall as wide, so the window's shape decides which of the two limits.
    pub fn extent(&self, cols: u16, rows: u16) -> Extent {
        let shape = f64::from(rows.max(1)) * 2.0 / f64::from(cols.max(1));
        let fit = (175.0_f64).max(155.0 / shape);
        let width_km = fit / self.zoom;
        Extent {
            half_lon: width_km / 2.0 / KM_PER_DEG_LON,
            half_lat: width_km * shape / 2.0 / KM_PER_DEG_LAT,
            width_km,
        }
    }
}

pub struct SpacesState {
    pub query: SpaceQuery,
    pub search: TextArea<'static>,
    /// The search line has the keys.
    pub searching: bool,
    pub results: Loading<Arc<Vec<SpaceHit>>>,
    /// How many spaces match in all (the list shows the first page).
    pub total: usize,
    /// The number of the last search asked; older answers are dropped.
    pub seq: u64,
    pub selected: usize,
    pub mode: SpacesMode,
    pub detail_scroll: usize,
    pub map: MapView,
    /// Towns offered while typing in the « près de » or town prompt…
    pub completions: Vec<Commune>,
    /// … and the text they answer.
    pub completions_for: String,
    /// Enter was pressed before the offers for the current text came back.
    pub enter_pending: bool,
    /// The offer Enter takes (↑↓ move it).
    pub offer: usize,
    pub started: bool,
}

impl SpacesState {
    pub fn new() -> SpacesState {
        SpacesState {
            query: SpaceQuery::default(),
            search: single_line(""),
            searching: false,
            results: Loading::Loading,
            total: 0,
            seq: 0,
            selected: 0,
            mode: SpacesMode::List,
            detail_scroll: 0,
            map: MapView::HOME,
            completions: Vec::new(),
            completions_for: String::new(),
            enter_pending: false,
            offer: 0,
            started: false,
        }
    }

    pub fn selected_hit(&self) -> Option<&SpaceHit> {
        match &self.results {
            Loading::Ready(list) => list.get(self.selected),
            _ => None,
        }
    }

    fn count(&self) -> usize {
        match &self.results {
            Loading::Ready(list) => list.len(),
            _ => 0,
        }
    }
}

impl Default for SpacesState {
    fn default() -> Self {
        Self::new()
    }
}

/// The rows of the filters box, in order: what each toggles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterRow {
    Open,
    Amenity(Amenity),
    Kind(SpaceKind),
    Status(SpaceStatus),
    Departement(&'static str),
}

pub fn filter_rows() -> Vec<FilterRow> {
    let mut rows = vec![FilterRow::Open];
    rows.extend(Amenity::ALL.iter().map(|a| FilterRow::Amenity(*a)));
    rows.extend(SpaceKind::ALL.iter().map(|k| FilterRow::Kind(*k)));
    rows.extend(SpaceStatus::ALL.iter().map(|s| FilterRow::Status(*s)));
    rows.extend(["26", "07"].iter().map(|d| FilterRow::Departement(d)));
    rows
}

pub fn filter_checked(q: &SpaceQuery, row: FilterRow) -> bool {
    match row {
        FilterRow::Open => q.open == Some(OpenAt::Now),
        FilterRow::Amenity(a) => q.amenities.contains(&a),
        FilterRow::Kind(k) => q.kind == Some(k),
        FilterRow::Status(s) => q.status == Some(s),
        FilterRow::Departement(d) => q.departement.as_deref() == Some(d),
    }
}

/// The members' sections, in the order of `Tab`.
pub const SECTIONS: [View; 4] = [View::List, View::Agenda, View::Spaces, View::Network];

impl App {
    /// The members' sections in the order `Tab` walks them (`BackTab`: backwards).
    pub(super) fn toggle_section(&mut self, back: bool) -> Vec<Effect> {
        let here = SECTIONS.iter().position(|v| *v == self.view).unwrap_or(0);
        let n = SECTIONS.len();
        let next = SECTIONS[if back { (here + n - 1) % n } else { (here + 1) % n }];
        self.open_section(next)
    }

    /// Opens one of the members' sections.
    pub(super) fn open_section(&mut self, view: View) -> Vec<Effect> {
        match view {
            View::Spaces => {
                self.view = View::Spaces;
                if !self.spaces.started {
                    self.spaces.started = true;
                    return self.search_spaces();
                }
                Vec::new()
            }
            View::Agenda => self.open_agenda(),
            View::Network => self.open_network(),
            _ => {
                self.view = View::List;
                vec![super::BulletinOp::LoadArticles.into()]
            }
        }
    }

    pub(super) fn search_spaces(&mut self) -> Vec<Effect> {
        self.spaces.seq += 1;
        self.spaces.query.words = self.spaces.search.lines().join(" ");
        vec![SpacesOp::Search { seq: self.spaces.seq, query: self.spaces.query.clone() }.into()]
    }

    /// Where each answer of the directory's door goes.
    pub(super) fn spaces_result(&mut self, result: SpacesResult) -> Vec<Effect> {
        match result {
            SpacesResult::Found(seq, result) => self.spaces_found(seq, result),
            SpacesResult::Communes(prefix, list) => self.communes_completed(&prefix, list),
            SpacesResult::Suggested(words, hits) => {
                self.spaces_suggested(&words, hits.as_deref().map(Vec::as_slice).unwrap_or(&[]));
                Vec::new()
            }
        }
    }

    fn spaces_found(&mut self, seq: u64, result: Result<(Arc<Vec<SpaceHit>>, usize), Fault>) -> Vec<Effect> {
        if seq != self.spaces.seq {
            return Vec::new();
        }
        self.spaces.results = match result {
            Ok((list, total)) => {
                self.spaces.total = total;
                // A new question: the best answer first, on screen and on the map.
                self.spaces.selected = 0;
                Loading::Ready(list)
            }
            Err(fault) => Loading::Failed(fault),
        };
        self.follow_selected();
        Vec::new()
    }

    pub(super) fn spaces_key(&mut self, key: Key) -> Vec<Effect> {
        if self.spaces.searching {
            return self.search_key(key);
        }
        match self.spaces.mode {
            SpacesMode::List => self.spaces_list_key(key),
            SpacesMode::Detail => self.space_detail_key(key),
            SpacesMode::Map => self.map_key(key),
        }
    }

    fn search_key(&mut self, key: Key) -> Vec<Effect> {
        match key {
            Key::Enter | Key::Down | Key::Tab => {
                self.spaces.searching = false;
                Vec::new()
            }
            Key::Esc => {
                self.spaces.searching = false;
                if self.spaces.search.is_empty() {
                    return Vec::new();
                }
                self.spaces.search = single_line("");
                self.search_spaces()
            }
            key => {
                let before = self.spaces.search.lines().join("");
                single_line_key(&mut self.spaces.search, key);
                if self.spaces.search.lines().join("") == before {
                    return Vec::new();
                }
                self.search_spaces()
            }
        }
    }

    /// A paste in the search line is typed there; anywhere else it does nothing.
    pub(super) fn spaces_paste(&mut self, text: &str) -> Vec<Effect> {
        if !self.spaces.searching {
            return Vec::new();
        }
        let first = text.lines().next().unwrap_or("");
        self.spaces.search.insert_str(crate::text::clean_line(first));
        self.search_spaces()
    }

    pub(super) fn spaces_list_key(&mut self, key: Key) -> Vec<Effect> {
        if let Some(m) = movement(key, self.body_rows().saturating_sub(4) / 3) {
            self.move_space(m);
            return Vec::new();
        }
        match key {
            Key::Char('/') => self.spaces.searching = true,
            Key::Enter | Key::Right | Key::Char('l') if self.spaces.selected_hit().is_some() => {
                self.spaces.mode = SpacesMode::Detail;
                self.spaces.detail_scroll = 0;
            }
            Key::Char('m') => self.open_map(),
            Key::Char('f') => self.modal = Some(Modal::Filters(0)),
            Key::Char('n') => {
                self.spaces.completions.clear();
                self.spaces.completions_for.clear();
                self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::Near, "")));
            }
            Key::Char('O') => self.modal = Some(Modal::Prompt(Prompt::new(PromptKind::When, ""))),
            Key::Char('o') => {
                self.spaces.query.open = match self.spaces.query.open {
                    None => Some(OpenAt::Now),
                    Some(_) => None,
                };
                return self.search_spaces();
            }
            Key::Char('w') if self.spaces.query.near.is_some() => {
                let i = RADII.iter().position(|r| *r == self.spaces.query.within_km).unwrap_or(0);
                self.spaces.query.within_km = RADII[(i + 1) % RADII.len()];
                return self.search_spaces();
            }
            Key::Char('s') => {
                let near = self.spaces.query.near.is_some();
                self.spaces.query.sort = match self.spaces.query.sort {
                    SpaceSort::Relevance => SpaceSort::Name,
                    SpaceSort::Name if near => SpaceSort::Distance,
                    SpaceSort::Name | SpaceSort::Distance => SpaceSort::Relevance,
                };
                return self.search_spaces();
            }
            Key::Char('x') => return self.clear_filters(),
            Key::Esc | Key::Char('q') => {
                self.view = View::List;
                return vec![super::BulletinOp::LoadArticles.into()];
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn clear_filters(&mut self) -> Vec<Effect> {
        self.spaces.query = SpaceQuery::default();
        self.spaces.search = single_line("");
        self.search_spaces()
    }

    fn move_space(&mut self, m: Move) {
        self.spaces.selected = m.apply(self.spaces.selected, self.spaces.count());
        self.follow_selected();
    }

    fn space_detail_key(&mut self, key: Key) -> Vec<Effect> {
        match key {
            Key::Up | Key::Char('k') => {
                self.spaces.detail_scroll = self.spaces.detail_scroll.saturating_sub(1)
            }
            Key::Down | Key::Char('j') => self.scroll_detail(1),
            Key::PageUp | Key::Char('b') => self.scroll_detail(-(self.body_rows() as isize - 4)),
            Key::PageDown | Key::Char(' ') => self.scroll_detail(self.body_rows() as isize - 4),
            Key::Char('m') => self.open_map(),
            Key::Esc | Key::Char('q') | Key::Left | Key::Char('h') | Key::Backspace => {
                self.spaces.mode = SpacesMode::List;
            }
            _ => {}
        }
        Vec::new()
    }

    /// Scrolls the space's page, never past its last line.
    pub(super) fn scroll_detail(&mut self, delta: isize) {
        let cols = usize::from(layout::article::measure(self.size.0));
        let lines = match self.spaces.selected_hit() {
            Some(hit) => {
                layout::space::layout(&self.look(), hit, self.spaces.query.near.as_ref(), cols).len()
            }
            None => 0,
        };
        // The page has the body minus the search and filter lines and a blank one.
        let rows = self.body_rows().saturating_sub(3);
        let max = lines.saturating_sub(rows) as isize;
        self.spaces.detail_scroll =
            (self.spaces.detail_scroll as isize + delta).clamp(0, max.max(0)) as usize;
    }

    fn open_map(&mut self) {
        self.spaces.mode = SpacesMode::Map;
        self.follow_selected();
    }

    /// Keeps the selected space on the map (the full one, or the one beside the list), moving
    /// the view only when the space is near its edge or out of it: the member browsing a
    /// town's spaces keeps the same view.
    fn follow_selected(&mut self) {
        let Some(hit) = self.spaces.selected_hit() else {
            return;
        };
        if !self.map_shown() {
            return;
        }
        let (lat, lon) = (hit.space.fields.lat, hit.space.fields.lon);
        let (cols, rows) = self.map_cells();
        let view = &mut self.spaces.map;
        let e = view.extent(cols, rows);
        if (lon - view.center.1).abs() > e.half_lon * 0.9 || (lat - view.center.0).abs() > e.half_lat * 0.9 {
            view.center = (lat, lon);
        }
    }

    fn map_key(&mut self, key: Key) -> Vec<Effect> {
        let (cols, rows) = self.map_cells();
        let view = &mut self.spaces.map;
        let e = view.extent(cols, rows);
        let (step_lat, step_lon) = (e.half_lat / 4.0, e.half_lon / 4.0);
        match key {
            Key::Up => view.center.0 += step_lat,
            Key::Down => view.center.0 -= step_lat,
            Key::Left => view.center.1 -= step_lon,
            Key::Right => view.center.1 += step_lon,
            Key::Char('+') | Key::Char('=') => view.zoom = (view.zoom * 1.5).min(40.0),
            Key::Char('-') => view.zoom = (view.zoom / 1.5).max(0.5),
            Key::Char('0') => *view = MapView::HOME,
            Key::Char('j') | Key::Char('n') => self.move_space(Move::By(1)),
            Key::Char('k') | Key::Char('p') => self.move_space(Move::By(-1)),
            Key::Enter if self.spaces.selected_hit().is_some() => {
                self.spaces.mode = SpacesMode::Detail;
                self.spaces.detail_scroll = 0;
            }
            Key::Esc | Key::Char('q') | Key::Char('m') => self.spaces.mode = SpacesMode::List,
            _ => {}
        }
        Vec::new()
    }

    /// Whether a map is on screen: the full one, or the one beside the list.
    fn map_shown(&self) -> bool {
        match self.spaces.mode {
            SpacesMode::Map => true,
            SpacesMode::List => self.size.0 >= SIDE_BY_SIDE,
            SpacesMode::Detail => false,
        }
    }

    /// The cells the map has inside its border: the whole width, or the half beside the
    /// list (the layout of `ui/screens/spaces.rs`).
    fn map_cells(&self) -> (u16, u16) {
        let rows = self.size.1.saturating_sub(7);
        if self.spaces.mode == SpacesMode::List && self.size.0 >= SIDE_BY_SIDE {
            let side = self.size.0 - self.size.0 / 2 - 1;
            return (side.saturating_sub(2), rows);
        }
        (self.size.0.saturating_sub(2), rows)
    }

    /// Keys in the filters box: `row` is the cursor.
    pub(super) fn filters_key(&mut self, row: usize, key: Key) -> (Option<Modal>, Vec<Effect>) {
        let rows = filter_rows();
        let last = rows.len().saturating_sub(1);
        match key {
            Key::Up | Key::Char('k') => (Some(Modal::Filters(row.saturating_sub(1))), Vec::new()),
            Key::Down | Key::Char('j') => (Some(Modal::Filters((row + 1).min(last))), Vec::new()),
            Key::Home | Key::Char('g') => (Some(Modal::Filters(0)), Vec::new()),
            Key::End | Key::Char('G') => (Some(Modal::Filters(last)), Vec::new()),
            Key::Char(' ') | Key::Enter => {
                let q = &mut self.spaces.query;
                match rows.get(row) {
                    Some(FilterRow::Open) => {
                        q.open = if q.open == Some(OpenAt::Now) { None } else { Some(OpenAt::Now) }
                    }
                    Some(FilterRow::Amenity(a)) => {
                        if let Some(i) = q.amenities.iter().position(|x| x == a) {
                            q.amenities.remove(i);
                        } else {
                            q.amenities.push(*a);
                        }
                    }
                    Some(FilterRow::Kind(k)) => q.kind = if q.kind == Some(*k) { None } else { Some(*k) },
                    Some(FilterRow::Status(s)) => {
                        q.status = if q.status == Some(*s) { None } else { Some(*s) }
                    }
                    Some(FilterRow::Departement(d)) => {
                        q.departement =
                            if q.departement.as_deref() == Some(*d) { None } else { Some(d.to_string()) }
                    }
                    None => {}
                }
                (Some(Modal::Filters(row)), self.search_spaces())
            }
            Key::Char('x') => (Some(Modal::Filters(row)), self.clear_filters()),
            Key::Esc | Key::Char('q') | Key::Char('f') => (None, Vec::new()),
            _ => (Some(Modal::Filters(row)), Vec::new()),
        }
    }
}

/// Kilometres per degree at the latitude of the valley (44.7° N).
pub const KM_PER_DEG_LAT: f64 = 111.2;
pub const KM_PER_DEG_LON: f64 = 79.0;
