//! The map: the spaces found, the départements' border, the rivers and the communes named as
//! the zoom leaves room, drawn on a braille canvas, the selected space marked and kept in
//! view, in step with the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::canvas::{Canvas, Line, Points};
use ratatui::widgets::{Block, BorderType};

use crate::domain::geography::{border, places, rivers};
use crate::text::clean_line;
use crate::ui::{App, Loading, widgets};

/// The towns that let a reader find their way at any zoom: (name, lat, lon) of their town
/// halls, the biggest first. Other communes are named as the zoom leaves room for them.
const TOWNS: [(&str, f64, f64); 10] = [
    ("Valence", 44.9334, 4.8924),
    ("Montélimar", 44.5581, 4.7509),
    ("Romans-sur-Isère", 45.0433, 5.0511),
    ("Annonay", 45.2396, 4.6708),
    ("Aubenas", 44.6198, 4.3903),
    ("Tournon-sur-Rhône", 45.0672, 4.8328),
    ("Privas", 44.7353, 4.5991),
    ("Crest", 44.7283, 5.0222),
    ("Nyons", 44.3608, 5.1406),
    ("Die", 44.7536, 5.3703),
];

/// A commune is named on the map from this population, divided by the square of the zoom:
/// the towns of 15,000 on the whole view, villages of a few hundred once close in.
const NAMED_FROM: f64 = 15_000.0;

/// At most one name for this many cells, so that names never hide the rivers and dots.
const CELLS_PER_NAME: usize = 150;

/// The départements' names, where each has room on the whole view.
const DEPARTEMENTS: [(&str, f64, f64); 2] = [("DRÔME", 44.50, 5.30), ("ARDÈCHE", 44.50, 4.22)];

/// Cells already holding a label, so that labels never run into each other.
struct Taken(Vec<(u16, u16, u16)>);

impl Taken {
    /// Claims `len` cells from (x, y); false when any is taken (one cell of gap kept).
    fn claim(&mut self, x: u16, y: u16, len: u16) -> bool {
        let clash = self.0.iter().any(|&(tx, ty, tl)| ty == y && x < tx + tl + 1 && tx < x + len + 1);
        if !clash {
            self.0.push((x, y, len));
        }
        !clash
    }
}

/// The part of the earth the canvas shows, and the cells it is shown in.
struct Bounds {
    west: f64,
    east: f64,
    south: f64,
    north: f64,
    width: u16,
    height: u16,
}

impl Bounds {
    /// Where a point lands, in cells of the canvas's inner area: the very arithmetic of the
    /// canvas's `print`, so that what is reserved here is where the canvas writes.
    fn cell(&self, lat: f64, lon: f64) -> Option<(u16, u16)> {
        let Bounds { west, east, south, north, .. } = *self;
        if !(west..=east).contains(&lon) || !(south..=north).contains(&lat) {
            return None;
        }
        let w = f64::from(self.width.saturating_sub(1));
        let h = f64::from(self.height.saturating_sub(1));
        Some((((lon - west) * w / (east - west)) as u16, ((north - lat) * h / (north - south)) as u16))
    }
}

/// A name to write over the canvas, at a cell of its inner area.
type Label = (u16, u16, Span<'static>);

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let d = app.lang.d();
    let view = app.spaces.map;
    let block = Block::bordered().border_type(BorderType::Rounded).border_style(app.theme.muted);
    let inner = block.inner(area);
    let e = view.extent(inner.width, inner.height);
    let block = block.title(Span::styled(
        format!(" {} · {} ", d.map_title, app.lang.map_width(e.width_km)),
        app.theme.title,
    ));
    let (lat0, lon0) = view.center;
    let bounds = Bounds {
        west: lon0 - e.half_lon,
        east: lon0 + e.half_lon,
        south: lat0 - e.half_lat,
        north: lat0 + e.half_lat,
        width: inner.width,
        height: inner.height,
    };
    let mut taken = Taken(Vec::new());
    // The selected space first: its label must never be hidden.
    let selected_label = selected_label(app, &bounds, &mut taken);
    let dots = space_dots(app, &bounds, &mut taken);
    let towns = town_labels(app, &bounds, &mut taken);
    frame.render_widget(canvas(app, &bounds, block, dots), area);
    draw_labels(frame, inner, towns.into_iter().chain(selected_label));
}

/// The selected space's label, never cut by the border: near the right edge it ends at the
/// point instead of starting there.
fn selected_label(app: &App, bounds: &Bounds, taken: &mut Taken) -> Option<Label> {
    let hit = app.spaces.selected_hit()?;
    let (x, y) = bounds.cell(hit.space.fields.lat, hit.space.fields.lon)?;
    let name = clean_line(&hit.space.fields.name);
    let name = widgets::truncate(&name, usize::from(bounds.width.saturating_sub(3)).min(28));
    let len = widgets::width(&name) as u16 + 2;
    let (x0, text) = if x + len <= bounds.width {
        (x, format!("◆ {name}"))
    } else {
        ((x + 1).saturating_sub(len), format!("{name} ◆"))
    };
    taken.claim(x0, y, len);
    Some((x0, y, Span::styled(text, app.theme.selected)))
}

/// The other spaces found, one dot each, leaving out those whose cell is already taken.
fn space_dots(app: &App, bounds: &Bounds, taken: &mut Taken) -> Vec<(f64, f64)> {
    let mut dots: Vec<(f64, f64)> = Vec::new();
    if let Loading::Ready(list) = &app.spaces.results {
        for (i, hit) in list.iter().enumerate() {
            if i == app.spaces.selected {
                continue;
            }
            if let Some((x, y)) = bounds.cell(hit.space.fields.lat, hit.space.fields.lon)
                && taken.claim(x, y, 1)
            {
                dots.push((hit.space.fields.lat, hit.space.fields.lon));
            }
        }
    }
    dots
}

/// Town labels go where they fit: right of the town, else left, else just above or below.
/// The landmark towns first, then every commune big enough for the zoom, the biggest first,
/// then the départements' names on the whole view.
fn town_labels(app: &App, bounds: &Bounds, taken: &mut Taken) -> Vec<Label> {
    let zoom = app.spaces.map.zoom;
    let threshold = NAMED_FROM / (zoom * zoom);
    let communes = places()
        .iter()
        .take_while(|p| p.population as f64 >= threshold)
        .map(|p| (p.name.as_str(), p.lat, p.lon));
    let most = (usize::from(bounds.width) * usize::from(bounds.height) / CELLS_PER_NAME).max(TOWNS.len());
    let mut towns: Vec<Label> = Vec::new();
    for (name, lat, lon) in TOWNS.into_iter().chain(communes) {
        if towns.len() >= most {
            break;
        }
        let Some((x, y)) = bounds.cell(lat, lon) else {
            continue;
        };
        if towns.iter().any(|(_, _, span)| span.content.trim_matches('·') == name) {
            continue;
        }
        let len = widgets::width(name) as u16 + 1;
        let right = (x, y, format!("·{name}"));
        let left = (x.saturating_sub(len - 1), y, format!("{name}·"));
        let above = (x, y.saturating_sub(1), name.to_string());
        let below = (x, y + 1, name.to_string());
        for (cx, cy, text) in [right, left, above, below] {
            if cy < bounds.height && cx + len <= bounds.width && taken.claim(cx, cy, len) {
                towns.push((cx, cy, Span::styled(text, app.theme.muted)));
                break;
            }
        }
    }
    if zoom <= 1.0 {
        for (name, lat, lon) in DEPARTEMENTS {
            let len = widgets::width(name) as u16;
            if let Some((x, y)) = bounds.cell(lat, lon)
                && x + len <= bounds.width
                && taken.claim(x, y, len)
            {
                towns.push((x, y, Span::styled(name, app.theme.muted)));
            }
        }
    }
    towns
}

/// The border and the rivers below, the spaces' dots on a layer of their own above them.
fn canvas<'a>(
    app: &App,
    bounds: &Bounds,
    block: Block<'a>,
    dots: Vec<(f64, f64)>,
) -> Canvas<'a, impl Fn(&mut ratatui::widgets::canvas::Context<'_>)> {
    let dot_style = app.theme.unread;
    let (river, edge) = (app.theme.river, app.theme.border);
    let (lat, lon) = (bounds.south..=bounds.north, bounds.west..=bounds.east);
    let border: Vec<(f64, f64)> =
        border().iter().filter(|(a, o)| lat.contains(a) && lon.contains(o)).map(|&(a, o)| (o, a)).collect();
    Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .background_color(Color::Reset)
        .x_bounds([bounds.west, bounds.east])
        .y_bounds([bounds.south, bounds.north])
        .paint(move |ctx| {
            ctx.draw(&Points { coords: &border, color: edge });
            for pair in rivers().iter().flat_map(|r| r.course.windows(2)) {
                if let [(lat1, lon1), (lat2, lon2)] = pair {
                    ctx.draw(&Line { x1: *lon1, y1: *lat1, x2: *lon2, y2: *lat2, color: river });
                }
            }
            ctx.layer();
            for (lat, lon) in &dots {
                ctx.print(*lon, *lat, Span::styled("●", dot_style));
            }
        })
}

/// Names are written over the canvas at cell positions, so that a name can sit left of its
/// point as well as right of it; the last ones come on top.
fn draw_labels(frame: &mut Frame<'_>, inner: Rect, labels: impl Iterator<Item = Label>) {
    for (x, y, span) in labels {
        let (x, y) = (inner.x + x, inner.y + y);
        let width = (widgets::width(&span.content) as u16).min(inner.x + inner.width - x);
        frame.render_widget(ratatui::widgets::Paragraph::new(span), Rect { x, y, width, height: 1 });
    }
}
