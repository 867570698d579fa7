//! Drawing a form: each field on its row under its label, the focused one highlighted with
//! the cursor in it; under a field, what its date was understood as, why it was refused, or
//! what it takes; under the space field, the spaces its words found. The form scrolls so
//! that the focused field and what is said under it stay in view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use super::modal::{box_width, centred, keys_line};
use crate::text::{protect_french, wrap_plain};
use crate::ui::app::{FieldKind, Form, Purpose, understood};
use crate::ui::{App, widgets};

/// One row of the form's body, top to bottom.
enum Row {
    /// Field `i`, `rows` tall.
    Input(usize, u16),
    /// A line said under a field, from the input's column.
    Note(String, Style),
    /// Offer `j` of the focused field.
    Offer(usize),
}

fn label(app: &App, form: &Form, key: &str) -> String {
    match form.purpose {
        Purpose::Meetup => app.lang.meetup_label(key).to_string(),
        Purpose::Space(_) => app.lang.space_label(key),
    }
}

fn hint(app: &App, form: &Form, key: &str) -> String {
    match form.purpose {
        Purpose::Meetup => app.lang.meetup_hint(key).to_string(),
        Purpose::Space(_) => app.lang.space_hint(key),
    }
}

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect, form: &Form) {
    let title = match form.purpose {
        Purpose::Meetup => app.lang.g().propose_title.to_string(),
        Purpose::Space(Some(id)) => format!("{} {id}", app.lang.a().space_editor),
        Purpose::Space(None) => app.lang.a().new_space.to_string(),
    };
    let width = box_width(area, 84);
    let label_cols =
        form.fields.iter().map(|f| widgets::width(&label(app, form, &f.key))).max().unwrap_or(0) + 2;
    let inner_cols = usize::from(width.saturating_sub(4));
    let input_cols = inner_cols.saturating_sub(label_cols).max(8);
    let text_rows = if area.height >= 30 { 5 } else { 2 };
    let rows = rows(app, form, input_cols, text_rows);
    let bottom = bottom_lines(app, form, inner_cols);
    let body: u16 = rows.iter().map(row_height).sum();
    let height = (body + bottom.len() as u16 + 3).min(area.height);
    let rect = centred(area, width, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), app.theme.title));
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    let room = inner.height.saturating_sub(bottom.len() as u16 + 1);
    let scroll = scroll_for(form, &rows, room);
    let mut y: i32 = -i32::from(scroll);
    for row in &rows {
        let h = row_height(row);
        if y >= 0 && y + i32::from(h) <= i32::from(room) {
            let at = Rect { y: inner.y + y as u16, height: h, ..inner };
            draw_row(app, frame, form, row, at, label_cols as u16);
        }
        y += i32::from(h);
    }
    let at = Rect { y: inner.y + room + 1, height: bottom.len() as u16, ..inner };
    frame.render_widget(Paragraph::new(bottom), at);
}

fn row_height(row: &Row) -> u16 {
    match row {
        Row::Input(_, h) => *h,
        _ => 1,
    }
}

/// The first row to show: the focused field's block (its input and what is under it) in view.
fn scroll_for(form: &Form, rows: &[Row], room: u16) -> u16 {
    let mut y = 0u16;
    let (mut start, mut end) = (0, 0);
    let mut inside = false;
    for row in rows {
        match row {
            Row::Input(i, _) if *i == form.focus => {
                start = y;
                inside = true;
            }
            Row::Input(..) => inside = false,
            _ => {}
        }
        y += row_height(row);
        if inside {
            end = y;
        }
    }
    end.saturating_sub(room).min(start)
}

fn rows(app: &App, form: &Form, cols: usize, text_rows: u16) -> Vec<Row> {
    let mut rows = Vec::new();
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        rows.push(Row::Input(i, if field.kind == FieldKind::Text { text_rows } else { 1 }));
        let note = |text: &str, style: Style| -> Vec<Row> {
            wrap_plain(&protect_french(text), cols.max(1))
                .into_iter()
                .take(4)
                .map(|l| Row::Note(l, style))
                .collect()
        };
        if let Some(error) = &field.error {
            rows.extend(note(error, app.theme.unread));
        } else if field.kind == FieldKind::Moment
            && let Some(result) = understood(form, &field.key, app.now)
        {
            match result {
                Ok(at) => rows.extend(note(&app.lang.moment_understood(at), app.theme.accent)),
                Err(e) => rows.extend(note(&app.lang.moment_error(&e), app.theme.muted)),
            }
        } else if focused && field.text().is_empty() && !hint(app, form, &field.key).is_empty() {
            rows.extend(note(&hint(app, form, &field.key), app.theme.muted));
        }
        if focused && field.kind == FieldKind::Pick {
            let f = app.lang.forms();
            if form.offering() {
                rows.extend((0..form.offers.len()).map(Row::Offer));
            } else if form.offers_for.is_some() && form.picked.is_none() {
                let said = if form.searched { f.no_match } else { f.searching };
                rows.extend(note(said, app.theme.muted));
            }
        }
    }
    rows
}

/// What the bottom of the form says: why it was refused as a whole, then its keys.
fn bottom_lines(app: &App, form: &Form, cols: usize) -> Vec<Line<'static>> {
    let f = app.lang.forms();
    let mut lines: Vec<Line<'static>> = Vec::new();
    if let Some(error) = &form.error {
        lines.extend(
            wrap_plain(&protect_french(error), cols.max(1))
                .into_iter()
                .take(4)
                .map(|l| Line::from(Span::styled(l, app.theme.unread))),
        );
    }
    lines.push(if form.sending {
        Line::from(Span::styled(f.sending, app.theme.muted))
    } else if form.offering() {
        keys_line(app, f.pick_keys)
    } else {
        keys_line(app, f.keys)
    });
    lines
}

fn draw_row(app: &App, frame: &mut Frame<'_>, form: &Form, row: &Row, at: Rect, label_cols: u16) {
    let field_at = Rect { x: at.x + label_cols, width: at.width.saturating_sub(label_cols), ..at };
    match row {
        Row::Input(i, _) => {
            let Some(field) = form.fields.get(*i) else { return };
            let focused = *i == form.focus;
            let style = if focused { app.theme.accent } else { app.theme.muted };
            let name = label(app, form, &field.key);
            frame.render_widget(Paragraph::new(Span::styled(name, style)), Rect { width: label_cols, ..at });
            let input_style = if focused { app.theme.selected } else { app.theme.base };
            if field.kind == FieldKind::Text && focused {
                frame.render_widget(Paragraph::new("").style(input_style), field_at);
                frame.render_widget(&field.input, field_at);
                widgets::join_glyphs(frame.buffer_mut(), field_at);
            } else if field.kind == FieldKind::Text {
                let lines: Vec<Line> = field.input.lines().iter().map(|l| Line::from(l.clone())).collect();
                frame.render_widget(Paragraph::new(lines).style(input_style), field_at);
            } else {
                let cursor = focused.then(|| field.input.cursor().1);
                let text = field.input.lines().first().cloned().unwrap_or_default();
                widgets::input::draw_text(frame, field_at, &text, cursor, input_style, &app.theme);
            }
        }
        Row::Note(text, style) => {
            frame.render_widget(Paragraph::new(Span::styled(text.clone(), *style)), field_at);
        }
        Row::Offer(j) => {
            let Some(offer) = form.offers.get(*j) else { return };
            let chosen = *j == form.offer;
            let style = if chosen { app.theme.selected } else { app.theme.base };
            let text = format!("{} {} · {}", if chosen { "▸" } else { " " }, offer.name, offer.detail);
            let text = widgets::truncate(&text, usize::from(field_at.width));
            frame.render_widget(Paragraph::new(Span::styled(text, style)), field_at);
        }
    }
}
