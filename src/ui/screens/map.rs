//! The map: the spaces found and the main towns, drawn in braille, the selected space
//! highlighted, in step with the list.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Color;
use ratatui::symbols::Marker;
use ratatui::text::Span;
use ratatui::widgets::canvas::{Canvas, Points};
use ratatui::widgets::{Block, BorderType};

use crate::term::colors::ColorDepth;
use crate::ui::app::{KM_PER_DEG_LAT, KM_PER_DEG_LON};
use crate::ui::text::clean_line;
use crate::ui::{App, Loading, widgets};

/// The towns that let a reader find their way: (name, lat, lon), from the communes' town halls.
const TOWNS: [(&str, f64, f64); 10] = [
    ("Valence", 44.9334, 4.8924),
    ("Romans-sur-Isère", 45.0433, 5.0511),
    ("Crest", 44.7283, 5.0222),
    ("Die", 44.7536, 5.3703),
    ("Montélimar", 44.5581, 4.7509),
    ("Privas", 44.7353, 4.5991),
    ("Aubenas", 44.6198, 4.3903),
    ("Annonay", 45.2396, 4.6708),
    ("Tournon-sur-Rhône", 45.0672, 4.8328),
    ("Nyons", 44.3608, 5.1406),
];

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let d = app.lang.d();
    let view = app.spaces.map;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(app.theme.muted)
        .title(Span::styled(format!(" {} · {} ", d.map_title, app.lang.km(view.width_km)), app.theme.title));
    let inner = block.inner(area);
    // A cell is about twice as tall as wide: the height in km follows from the width.
    let height_km = view.width_km * f64::from(inner.height) * 2.0 / f64::from(inner.width.max(1));
    let half_lon = view.width_km / 2.0 / KM_PER_DEG_LON;
    let half_lat = height_km / 2.0 / KM_PER_DEG_LAT;
    let (lat0, lon0) = view.center;
    let hits: Vec<(f64, f64)> = match &app.spaces.results {
        Loading::Ready(list) => list.iter().map(|h| (h.space.lon, h.space.lat)).collect(),
        _ => Vec::new(),
    };
    let selected = app.spaces.selected_hit().map(|h| (h.space.lon, h.space.lat, clean_line(&h.space.name)));
    let colour = |c: Color, fallback: Color| if app.theme.depth == ColorDepth::None { fallback } else { c };
    let accent = app.theme.accent.fg.unwrap_or(Color::Reset);
    let canvas = Canvas::default()
        .block(block)
        .marker(Marker::Braille)
        .x_bounds([lon0 - half_lon, lon0 + half_lon])
        .y_bounds([lat0 - half_lat, lat0 + half_lat])
        .paint(move |ctx| {
            for (name, lat, lon) in TOWNS {
                ctx.print(lon, lat, Span::styled(format!("·{name}"), app.theme.muted));
            }
            ctx.layer();
            ctx.draw(&Points { coords: &hits, color: colour(accent, Color::Reset) });
            if let Some((lon, lat, name)) = &selected {
                ctx.layer();
                let label = widgets::truncate(name, 28);
                ctx.print(*lon, *lat, Span::styled(format!("◆ {label}"), app.theme.selected));
            }
        });
    frame.render_widget(canvas, area);
}
