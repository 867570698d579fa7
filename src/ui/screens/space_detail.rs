//! One space, every field: the week's hours as a table, prices, contacts, when it was checked.

use chrono::{Datelike, Duration};
use chrono_tz::Europe::Paris;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::reader::measure;
use super::spaces::open_badge;
use crate::domain::hours::{Hours, format_interval};
use crate::text::{clean_line, clean_text, protect_french, wrap_plain};
use crate::ui::{App, widgets};

/// Width of the label column.
const LABEL: usize = 14;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let width = measure(area.width);
    let inner = Rect { x: area.x + (area.width - width) / 2, width, ..area };
    let lines = layout(app, usize::from(width));
    let scroll = app.spaces.detail_scroll.min(lines.len().saturating_sub(usize::from(inner.height)));
    frame.render_widget(Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()), inner);
}

pub fn layout(app: &App, cols: usize) -> Vec<Line<'static>> {
    let Some(hit) = app.spaces.selected_hit() else {
        return Vec::new();
    };
    let d = app.lang.space_fields();
    let t = &app.theme;
    let sp = &hit.space;
    let f = &sp.fields;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for part in wrap_plain(&protect_french(&clean_line(&f.name)), cols) {
        lines.push(Line::from(Span::styled(part, t.md.heading1)));
    }
    let mut facts = vec![Span::styled(
        format!("{} · {} ({})", f.kind.label(app.lang), clean_line(&sp.commune), sp.departement),
        t.muted,
    )];
    if let Some(km) = hit.distance_km {
        let from = app.spaces.query.near.as_ref().map(|c| clean_line(&c.name)).unwrap_or_default();
        facts.push(Span::styled(format!(" · {} ({})", app.lang.distance(km), app.lang.near(&from)), t.muted));
    }
    lines.push(Line::from(facts));
    lines.push(Line::from(open_badge(app, hit)));
    lines.push(Line::default());
    let row = |label: &str, value: String, lines: &mut Vec<Line<'static>>| {
        for (i, part) in wrap_plain(&value, cols.saturating_sub(LABEL).max(10)).into_iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            lines.push(Line::from(vec![Span::styled(format!("{label:<LABEL$}"), t.accent), Span::raw(part)]));
        }
    };
    let address =
        [clean_line(&f.address), format!("{} {}", clean_line(&f.postcode), clean_line(&sp.commune))]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(", ");
    row(d.address, address, &mut lines);
    if !f.amenities.is_empty() {
        let list: Vec<&str> = f.amenities.iter().map(|a| a.label(app.lang)).collect();
        row(d.amenities, list.join(", "), &mut lines);
    }
    let prices: Vec<String> =
        [(f.price_day_cents, d.day), (f.price_half_day_cents, d.half_day), (f.price_month_cents, d.month)]
            .into_iter()
            .filter_map(|(p, what)| p.map(|c| format!("{what} {}", app.lang.price(c))))
            .collect();
    if !prices.is_empty() {
        row(d.prices, prices.join(" · "), &mut lines);
    }
    hours_table(app, f.hours.as_deref(), &mut lines);
    for (label, value) in [(d.website, &f.website), (d.email, &f.email), (d.phone, &f.phone)] {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            row(label, clean_line(v), &mut lines);
        }
    }
    if let Some(day) = f.verified_on {
        let date = app.lang.long_date(day.and_hms_opt(12, 0, 0).map(|d| d.and_utc()).unwrap_or_default());
        row(d.verified_on, date, &mut lines);
    }
    // Where the record comes from, in words a member understands (and the census's
    // attribution, which its licence requires wherever its data are shown).
    let source =
        app.lang.space_source(&f.source).map(str::to_string).unwrap_or_else(|| clean_line(&f.source));
    row(d.source, source, &mut lines);
    if !f.description.trim().is_empty() {
        lines.push(Line::default());
        for part in wrap_plain(&protect_french(&clean_text(&f.description)), cols) {
            lines.push(Line::from(part));
        }
    }
    lines
}

/// This week's hours, one row a day, today marked.
fn hours_table(app: &App, hours: Option<&str>, lines: &mut Vec<Line<'static>>) {
    let d = app.lang.space_fields();
    let t = &app.theme;
    let Some(text) = hours else {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<LABEL$}", d.hours), t.accent),
            Span::styled(d.hours_unknown, t.muted),
        ]));
        return;
    };
    let Ok(parsed) = Hours::parse(text) else {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<LABEL$}", d.hours), t.accent),
            Span::raw(clean_line(text)),
        ]));
        return;
    };
    let today = app.now.with_timezone(&Paris).date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    for (i, intervals) in parsed.week(monday).iter().enumerate() {
        let label = if i == 0 { d.hours } else { "" };
        let day = app.lang.d().days_short[i];
        let marker = if i == today.weekday().num_days_from_monday() as usize { "▸" } else { " " };
        let value = if intervals.is_empty() {
            Span::styled(d.closed_all_day.to_string(), t.muted)
        } else {
            // An interval to midnight ends at 24:00, not 00:00.
            let parts: Vec<String> = intervals.iter().map(|i| format_interval(*i)).collect();
            Span::raw(parts.join(", "))
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{label:<LABEL$}"), t.accent),
            Span::styled(format!("{marker}{}", widgets::truncate(day, 5)), t.title),
            Span::raw(" ".repeat(6usize.saturating_sub(widgets::width(day)))),
            value,
        ]));
    }
}
