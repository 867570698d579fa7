//! One space of the directory as lines: every field, the week's hours as a table, prices,
//! contacts, when it was checked. Measured by the App (how far the detail scrolls) and drawn
//! by the detail screen.

use chrono::{Datelike, Duration};
use chrono_tz::Europe::Paris;
use ratatui::text::{Line, Span};

use super::Look;
use crate::domain::hours::Hours;
use crate::domain::space::Commune;
use crate::domain::spaces_query::SpaceHit;
use crate::text::{clean_line, clean_text, protect_french, wrap_plain};
use crate::ui::widgets;

/// Width of the label column.
const LABEL: usize = 14;

/// The « ouvert maintenant » badge, readable without colour; about the moment the search
/// chose when it chose one. A place closed for good says so: « fermé » alone would read as
/// closed for the night.
pub fn open_badge(look: &Look<'_>, hit: &SpaceHit) -> Span<'static> {
    let d = look.lang.d();
    if let Some(note) = look.lang.space_status_note(hit.space.fields.status) {
        return Span::styled(format!("○ {note}"), look.theme.muted);
    }
    match (hit.open, hit.at) {
        (Some(true), None) => Span::styled(format!("● {}", d.open_now), look.theme.unread),
        (Some(false), None) => Span::styled(format!("○ {}", d.closed_now), look.theme.muted),
        (Some(true), Some(at)) => {
            Span::styled(format!("● {} {}", d.open_then, look.lang.short_moment(at)), look.theme.unread)
        }
        (Some(false), Some(at)) => {
            Span::styled(format!("○ {} {}", d.closed_then, look.lang.short_moment(at)), look.theme.muted)
        }
        (None, _) => Span::styled(format!("? {}", look.lang.space_fields().hours_unknown), look.theme.muted),
    }
}

/// One space, every field, as lines `cols` wide; `near`: the commune distances are from.
pub fn layout(look: &Look<'_>, hit: &SpaceHit, near: Option<&Commune>, cols: usize) -> Vec<Line<'static>> {
    let d = look.lang.space_fields();
    let t = look.theme;
    let sp = &hit.space;
    let mut lines: Vec<Line<'static>> = Vec::new();
    for part in wrap_plain(&protect_french(&clean_line(&sp.fields.name)), cols) {
        lines.push(Line::from(Span::styled(part, t.md.heading1)));
    }
    let mut facts = vec![Span::styled(
        format!("{} · {} ({})", sp.fields.kind.label(look.lang), clean_line(&sp.commune), sp.departement),
        t.muted,
    )];
    if let Some(km) = hit.distance_km {
        let from = near.map(|c| clean_line(&c.name)).unwrap_or_default();
        facts.push(Span::styled(
            format!(" · {} ({})", look.lang.distance(km), look.lang.near(&from)),
            t.muted,
        ));
    }
    lines.push(Line::from(facts));
    lines.push(Line::from(open_badge(look, hit)));
    lines.push(Line::default());
    let row = |label: &str, value: String, lines: &mut Vec<Line<'static>>| {
        for (i, part) in wrap_plain(&value, cols.saturating_sub(LABEL).max(10)).into_iter().enumerate() {
            let label = if i == 0 { label } else { "" };
            lines.push(Line::from(vec![Span::styled(format!("{label:<LABEL$}"), t.accent), Span::raw(part)]));
        }
    };
    let address = [
        clean_line(&sp.fields.address),
        format!("{} {}", clean_line(&sp.fields.postcode), clean_line(&sp.commune)),
    ]
    .into_iter()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(", ");
    row(d.address, address, &mut lines);
    if !sp.fields.amenities.is_empty() {
        let list: Vec<&str> = sp.fields.amenities.iter().map(|a| a.label(look.lang)).collect();
        row(d.amenities, list.join(", "), &mut lines);
    }
    let prices: Vec<String> = [
        (sp.fields.price_day_cents, d.day),
        (sp.fields.price_half_day_cents, d.half_day),
        (sp.fields.price_month_cents, d.month),
    ]
    .into_iter()
    .filter_map(|(p, what)| p.map(|c| format!("{what} {}", look.lang.price(c))))
    .collect();
    if !prices.is_empty() {
        row(d.prices, prices.join(" · "), &mut lines);
    }
    hours_table(look, sp.fields.hours.as_deref(), &mut lines);
    for (label, value) in
        [(d.website, &sp.fields.website), (d.email, &sp.fields.email), (d.phone, &sp.fields.phone)]
    {
        if let Some(v) = value.as_deref().filter(|v| !v.is_empty()) {
            row(label, clean_line(v), &mut lines);
        }
    }
    if let Some(day) = sp.fields.verified_on {
        let date = look.lang.long_date(day.and_hms_opt(12, 0, 0).map(|d| d.and_utc()).unwrap_or_default());
        row(d.verified_on, date, &mut lines);
    }
    // Where the record comes from, in words a member understands (and the census's
    // attribution, which its licence requires wherever its data are shown).
    let source = look
        .lang
        .space_source(&sp.fields.source)
        .map(str::to_string)
        .unwrap_or_else(|| clean_line(&sp.fields.source));
    row(d.source, source, &mut lines);
    if !sp.fields.description.trim().is_empty() {
        lines.push(Line::default());
        for part in wrap_plain(&protect_french(&clean_text(&sp.fields.description)), cols) {
            lines.push(Line::from(part));
        }
    }
    lines
}

/// This week's hours, one row a day, today marked.
fn hours_table(look: &Look<'_>, hours: Option<&str>, lines: &mut Vec<Line<'static>>) {
    let d = look.lang.space_fields();
    let t = look.theme;
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
    let today = look.now.with_timezone(&Paris).date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    for (i, intervals) in parsed.week(monday).iter().enumerate() {
        let label = if i == 0 { d.hours } else { "" };
        let day = look.lang.d().days_short[i];
        let marker = if i == today.weekday().num_days_from_monday() as usize { "▸" } else { " " };
        let value = if intervals.is_empty() {
            Span::styled(d.closed_all_day.to_string(), t.muted)
        } else {
            // An interval to midnight ends at 24:00, not 00:00.
            let parts: Vec<String> = intervals.iter().map(|i| look.lang.time_range(*i)).collect();
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
