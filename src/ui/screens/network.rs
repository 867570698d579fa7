//! « Réseau »: the directory of published profiles with what filters apply, one member's
//! profile, and one's own profile field by field. Conversations are in [`super::messages`].

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::messages;
use crate::domain::network::{MemberCard, NetProfile};
use crate::text::{clean_line, protect_french, wrap_plain};
use crate::ui::app::{NetMode, OwnRow, own_rows};
use crate::ui::{App, Loading, widgets};

/// Rows per member in the list: handle, details, skills, blank.
use crate::ui::layout::MEMBER_ROWS as ITEM_ROWS;

/// Width of the label column on a profile.
const LABEL: usize = 20;

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    match app.network.mode {
        NetMode::Directory => draw_directory(app, frame, area),
        NetMode::Member => draw_member(app, frame, area),
        NetMode::Inbox => messages::draw_inbox(app, frame, area),
        NetMode::Thread => messages::draw_thread(app, frame, area),
        NetMode::Mine => draw_mine(app, frame, area),
    }
}

/// One line saying what is applied, so the member knows why a list is short.
fn filter_summary(app: &App) -> String {
    let n = app.lang.n();
    let q = &app.network.query;
    let mut parts: Vec<String> = Vec::new();
    if let Some(skill) = &q.skill {
        parts.push(format!("{} « {} »", n.skill, clean_line(skill)));
    }
    parts.extend(q.status.map(|s| app.lang.work_status(s).to_string()));
    if let Some(near) = &q.near {
        parts.push(app.lang.near(&clean_line(&near.name)));
        parts.extend(q.within_km.map(|km| app.lang.within(km)));
    }
    if q.online_only {
        parts.push(n.online_only.to_string());
    }
    if parts.is_empty() { n.no_filter.to_string() } else { parts.join(" · ") }
}

fn draw_directory(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let n = app.lang.n();
    let [filters, _, rest] =
        Layout::vertical([Constraint::Length(1), Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    let line_area = Rect { x: filters.x + 1, width: filters.width.saturating_sub(2), ..filters };
    let count = match &app.network.results {
        Loading::Ready(list) => app.lang.profiles(list.len()),
        _ => String::new(),
    };
    let room = usize::from(line_area.width).saturating_sub(widgets::width(&count) + 2);
    let summary = widgets::truncate(&filter_summary(app), room);
    let pad = usize::from(line_area.width).saturating_sub(widgets::width(&summary) + widgets::width(&count));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(summary, app.theme.muted),
            Span::raw(" ".repeat(pad)),
            Span::styled(count, app.theme.accent),
        ])),
        line_area,
    );
    let list = match &app.network.results {
        Loading::Ready(list) if !list.is_empty() => list,
        Loading::Ready(_) => {
            let filtered = app.network.query != crate::domain::network::MemberQuery::default();
            let text = if filtered { n.none_found } else { n.empty_directory };
            let col = widgets::column(rest);
            let lines: Vec<Line> = wrap_plain(&protect_french(text), usize::from(col.width))
                .into_iter()
                .map(|l| Line::from(Span::styled(l, app.theme.muted)))
                .collect();
            frame.render_widget(Paragraph::new(lines), col);
            return;
        }
        Loading::Loading => return widgets::message(app, frame, rest, app.lang.s().loading, 3),
        Loading::Failed(fault) => return widgets::message(app, frame, rest, app.lang.fault(*fault), 3),
    };
    let inner = Rect { x: rest.x + 1, width: rest.width.saturating_sub(2), ..rest };
    let visible = (usize::from(inner.height) / ITEM_ROWS).max(1);
    let offset = app.network.selected.saturating_sub(visible - 1);
    let mut lines = Vec::new();
    for (i, card) in list.iter().enumerate().skip(offset).take(visible) {
        lines.extend(item_lines(app, card, usize::from(inner.width), i == app.network.selected));
        lines.push(Line::default());
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// « indépendant·e · Crest · 4 km »: what a card says under the handle.
fn details(app: &App, card: &MemberCard) -> String {
    let mut parts = Vec::new();
    parts.extend(card.status.map(|s| app.lang.work_status(s).to_string()));
    parts.extend(card.commune.as_deref().map(clean_line));
    parts.extend(card.distance_km.map(|km| app.lang.distance(km)));
    parts.join(" · ")
}

fn item_lines(app: &App, card: &MemberCard, cols: usize, selected: bool) -> [Line<'static>; 3] {
    let t = &app.theme;
    let pointer = if selected { "▌ " } else { "  " };
    let sel = |style: ratatui::style::Style| if selected { style.patch(t.selected) } else { style };
    let badge = if card.online { app.lang.n().online_now } else { "" };
    let handle = widgets::truncate(&clean_line(&card.handle), cols.saturating_sub(4 + widgets::width(badge)));
    let pad = cols.saturating_sub(2 + widgets::width(&handle) + widgets::width(badge));
    let row = |text: String, style| {
        let text = widgets::truncate(&text, cols.saturating_sub(2));
        let pad = cols.saturating_sub(2 + widgets::width(&text));
        Line::from(vec![
            Span::styled(pointer, sel(t.accent)),
            Span::styled(text, sel(style)),
            Span::styled(" ".repeat(pad), sel(t.base)),
        ])
    };
    let skills: Vec<String> = card.skills.iter().map(|s| clean_line(s)).collect();
    [
        Line::from(vec![
            Span::styled(pointer, sel(t.accent)),
            Span::styled(handle, sel(t.title)),
            Span::styled(" ".repeat(pad), sel(t.base)),
            Span::styled(badge, sel(t.unread)),
        ]),
        row(details(app, card), t.muted),
        row(skills.join(", "), t.base),
    ]
}

/// A label and its value, wrapped under the value's column.
fn field(
    label: &str,
    value: &str,
    cols: usize,
    lines: &mut Vec<Line<'static>>,
    style: ratatui::style::Style,
) {
    for (i, part) in
        wrap_plain(&protect_french(value), cols.saturating_sub(LABEL).max(10)).into_iter().enumerate()
    {
        let label = if i == 0 { label } else { "" };
        lines.push(Line::from(vec![Span::styled(format!("{label:<LABEL$}"), style), Span::raw(part)]));
    }
}

fn draw_member(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let n = app.lang.n();
    let card = match &app.network.card {
        Loading::Ready(Some(card)) => card,
        Loading::Ready(None) => return widgets::message(app, frame, area, n.withdrawn_meanwhile, 2),
        Loading::Loading => return widgets::message(app, frame, area, app.lang.s().loading, 2),
        Loading::Failed(fault) => return widgets::message(app, frame, area, app.lang.fault(*fault), 2),
    };
    let inner = widgets::column(area);
    let cols = usize::from(inner.width);
    let t = &app.theme;
    let mut title = vec![Span::styled(clean_line(&card.handle), t.md.heading1)];
    if card.online {
        title.push(Span::styled(format!("  {}", n.online_now), t.unread));
    }
    let mut lines = vec![Line::from(title), Line::default()];
    let or_unset = |v: String| if v.is_empty() { n.unset.to_string() } else { v };
    let commune = card.commune.as_deref().map(clean_line).unwrap_or_default();
    let commune = match card.distance_km {
        Some(km) if !commune.is_empty() => format!("{commune} ({})", app.lang.distance(km)),
        _ => commune,
    };
    field(n.commune, &or_unset(commune), cols, &mut lines, t.accent);
    let status = card.status.map(|s| app.lang.work_status(s).to_string()).unwrap_or_default();
    field(n.status, &or_unset(status), cols, &mut lines, t.accent);
    let skills: Vec<String> = card.skills.iter().map(|s| clean_line(s)).collect();
    field(n.skills, &or_unset(skills.join(", ")), cols, &mut lines, t.accent);
    let open: Vec<&str> = card.open_to.iter().map(|o| app.lang.open_to(*o)).collect();
    field(n.open_to, &or_unset(open.join(", ")), cols, &mut lines, t.accent);
    lines.push(Line::default());
    let presentation = crate::text::clean_text(&card.presentation);
    for para in presentation.split('\n') {
        lines.extend(wrap_plain(&protect_french(para), cols).into_iter().map(Line::from));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// What one row of one's own profile says now.
fn own_value(app: &App, own: &NetProfile, row: OwnRow) -> (String, String) {
    let n = app.lang.n();
    let yes_no = |b: bool| if b { n.yes } else { n.no }.to_string();
    let or_unset = |v: String| if v.is_empty() { n.unset.to_string() } else { v };
    match row {
        OwnRow::Published => (
            n.published_row.to_string(),
            if own.published { n.published_yes } else { n.published_no }.to_string(),
        ),
        OwnRow::Commune => {
            (n.commune.to_string(), or_unset(own.commune.as_deref().map(clean_line).unwrap_or_default()))
        }
        OwnRow::Status => (
            n.status.to_string(),
            or_unset(own.status.map(|s| app.lang.work_status(s).to_string()).unwrap_or_default()),
        ),
        OwnRow::Skills => {
            let skills: Vec<String> = own.skills.iter().map(|s| clean_line(s)).collect();
            (n.skills.to_string(), or_unset(skills.join(", ")))
        }
        OwnRow::Open(o) => {
            let label = if o == crate::domain::network::OpenTo::ALL[0] { n.open_to } else { "" };
            let mark = if own.open_to.contains(&o) { "[x]" } else { "[ ]" };
            (label.to_string(), format!("{mark} {}", app.lang.open_to(o)))
        }
        OwnRow::Presentation => (n.presentation.to_string(), or_unset(clean_line(&own.presentation))),
        OwnRow::VisibleOnline => (n.visible_row.to_string(), yes_no(own.visible_online)),
    }
}

fn draw_mine(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let n = app.lang.n();
    let own = match &app.network.own {
        Loading::Ready(own) => own,
        Loading::Loading => return widgets::message(app, frame, area, app.lang.s().loading, 2),
        Loading::Failed(fault) => return widgets::message(app, frame, area, app.lang.fault(*fault), 2),
    };
    let inner = widgets::column(area);
    let cols = usize::from(inner.width);
    let t = &app.theme;
    let mut lines = vec![Line::from(Span::styled(n.my_profile, t.md.heading1))];
    lines.extend(
        wrap_plain(&protect_french(n.mine_help), cols)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, t.muted))),
    );
    lines.push(Line::default());
    for (i, row) in own_rows().into_iter().enumerate() {
        let (label, value) = own_value(app, own, row);
        let selected = i == app.network.own_row;
        let pointer = if selected { "▌ " } else { "  " };
        let value = widgets::truncate(&value, cols.saturating_sub(LABEL + 2));
        let pad = cols.saturating_sub(2 + LABEL + widgets::width(&value));
        let sel = |style: ratatui::style::Style| if selected { style.patch(t.selected) } else { style };
        lines.push(Line::from(vec![
            Span::styled(pointer, sel(t.accent)),
            Span::styled(format!("{label:<LABEL$}"), sel(t.accent)),
            Span::styled(value, sel(t.base)),
            Span::styled(" ".repeat(pad), sel(t.base)),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
