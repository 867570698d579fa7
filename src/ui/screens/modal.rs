//! Drawing the boxes that sit over the screen: the editor, questions, the handle prompt,
//! the guest's explanation and the catch-up summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::text::{clean_line, protect_french, wrap_plain};
use crate::ui::app::{
    AdminPrompt, Changed, Confirm, Editor, FilterRow, Modal, NetPrompt, Prompt, PromptKind, Target,
    filter_checked, filter_rows,
};
use crate::ui::{App, Doc, widgets};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some(modal) = &app.modal else {
        return;
    };
    match modal {
        Modal::Editor(editor) => draw_editor(app, frame, area, editor),
        Modal::Form(form) => super::form::draw(app, frame, area, form),
        Modal::Confirm(confirm) => {
            if let Some(editor) = confirm.draft() {
                draw_editor(app, frame, area, editor);
            }
            if let Some(form) = confirm.form() {
                super::form::draw(app, frame, area, form);
            }
            draw_yes_no(app, frame, area, confirm);
        }
        Modal::Changed(changed) => {
            draw_editor(app, frame, area, &changed.editor);
            draw_changed(app, frame, area, changed);
        }
        Modal::NeedKey => draw_need_key(app, frame, area),
        Modal::Prompt(prompt) => draw_prompt(app, frame, area, prompt),
        Modal::Filters(row) => draw_filters(app, frame, area, *row),
        Modal::CatchUp(view) => super::catchup::draw(app, frame, area, view),
        Modal::Share(share) => super::share::draw(app, frame, area, share),
    }
}

/// A question whose text comes from the data, so cleaned and wrapped, unlike `question`'s.
/// A short question gets a small box; a long one wraps in a wider one. In the console, the
/// question stays while its action runs, and says there why it failed.
fn draw_yes_no(app: &App, frame: &mut Frame<'_>, area: Rect, confirm: &Confirm) {
    let text = &confirm.question;
    let width = box_width(area, u16::try_from(text.chars().count() + 4).unwrap_or(64).clamp(48, 64));
    let room = usize::from(width) - 4;
    let mut lines: Vec<Line> = wrap_plain(&protect_french(&clean_line(text)), room)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, app.theme.title)))
        .collect();
    lines.push(Line::default());
    if app.dialog_waits() {
        lines.push(Line::from(Span::styled(app.lang.a().working, app.theme.muted)));
    } else {
        if let Some(error) = &confirm.error {
            lines.extend(error_lines(app, error, room));
            lines.push(Line::default());
        }
        lines.push(Line::from(Span::styled(app.lang.c().yes_no, app.theme.accent)));
    }
    boxed(app, frame, area, "Cédille", lines, width);
}

/// An error said inside its dialog, wrapped (up to four lines) so that it is read whole.
fn error_lines(app: &App, error: &str, room: usize) -> Vec<Line<'static>> {
    wrap_plain(&protect_french(&clean_line(error)), room.max(1))
        .into_iter()
        .take(4)
        .map(|l| Line::from(Span::styled(l, app.theme.unread)))
        .collect()
}

/// « The article changed since you opened it », over the admin's text.
fn draw_changed(app: &App, frame: &mut Frame<'_>, area: Rect, changed: &Changed) {
    let Target::Doc(doc) = changed.editor.target else { return };
    let width = box_width(area, 64);
    let room = usize::from(width) - 4;
    let mut lines: Vec<Line> = wrap_plain(&protect_french(app.lang.changed_question(doc)), room)
        .into_iter()
        .map(|l| Line::from(Span::styled(l, app.theme.title)))
        .collect();
    lines.push(Line::default());
    lines.extend(
        wrap_plain(&protect_french(app.lang.changed_help()), room)
            .into_iter()
            .map(|l| Line::from(Span::styled(l, app.theme.muted))),
    );
    lines.push(Line::default());
    lines.push(keys_line(app, app.lang.changed_keys()));
    boxed(app, frame, area, "Cédille", lines, width);
}

/// The explanation's indented paragraphs are commands to type: kept whole, never wrapped.
fn draw_need_key(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let c = app.lang.c();
    let mut lines = Vec::new();
    let width = box_width(area, 72);
    for (i, para) in c.need_key.iter().enumerate() {
        if i > 0 {
            lines.push(Line::default());
        }
        if para.starts_with("    ") {
            lines.push(Line::from(Span::styled(para.trim().to_string(), app.theme.accent)));
        } else {
            lines.extend(
                wrap_plain(&protect_french(para), usize::from(width) - 4).into_iter().map(Line::from),
            );
        }
    }
    // Where to come back once the key is made: the server's own address.
    lines.push(Line::default());
    lines.push(Line::from(Span::styled(format!("ssh {}", app.public_address), app.theme.accent)));
    boxed(app, frame, area, c.need_key_title, lines, width);
}

pub(super) fn box_width(area: Rect, max: u16) -> u16 {
    area.width.saturating_sub(4).clamp(20, max)
}

/// A bordered box with a title, centred, sized to its lines.
pub(super) fn boxed(
    app: &App,
    frame: &mut Frame<'_>,
    area: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    width: u16,
) {
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect = centred(area, width, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), app.theme.title));
    frame.render_widget(Clear, rect);
    frame.render_widget(
        Paragraph::new(lines).block(block.padding(ratatui::widgets::Padding::horizontal(1))),
        rect,
    );
}

pub(super) fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

fn draw_editor(app: &App, frame: &mut Frame<'_>, area: Rect, editor: &Editor) {
    let c = app.lang.c();
    let title = match &editor.target {
        Target::New { .. } => c.new_comment.to_string(),
        Target::Reply { to, .. } => app.lang.reply_to(&clean_line(to)),
        Target::Edit { .. } => c.edit_comment.to_string(),
        Target::Message { handle, .. } => app.lang.message_to(&clean_line(handle)),
        Target::Doc(Doc::Article(Some(id))) => format!("{} {id}", app.lang.a().article_editor),
        Target::Doc(Doc::Article(None)) => app.lang.a().article_editor.to_string(),
        Target::Doc(Doc::Space(Some(id))) => format!("{} {id}", app.lang.a().space_editor),
        Target::Doc(Doc::Space(None)) => app.lang.a().new_space.to_string(),
    };
    // An article is long: its editor takes the whole screen.
    let article = matches!(editor.target, Target::Doc(_));
    let width = if article { area.width } else { box_width(area, 84) };
    let height = if article { area.height } else { area.height.saturating_sub(2).clamp(8, 20) };
    let rect = centred(area, width, height);
    let used = editor.chars();
    let counter_style = if used > editor.limit { app.theme.unread } else { app.theme.muted };
    let counter = app.lang.counter(used, editor.limit);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), app.theme.title));
    // A comment has a length limit worth watching; an article or a space has none.
    let block = if article {
        block
    } else {
        block.title_bottom(Line::from(Span::styled(format!(" {counter} "), counter_style)).right_aligned())
    };
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    // An error gets the lines it needs (up to three) so that it is read whole.
    let room = usize::from(inner.width.saturating_sub(2)).max(1);
    let error_lines: Vec<String> = match (&editor.error, editor.sending) {
        (Some(error), false) => wrap_plain(error, room).into_iter().take(3).collect(),
        _ => Vec::new(),
    };
    let message_rows = error_lines.len().max(1) as u16;
    let [text, message] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(message_rows)]).areas(inner);
    let text = Rect { x: text.x + 1, width: text.width.saturating_sub(2), ..text };
    frame.render_widget(&editor.area, text);
    widgets::join_glyphs(frame.buffer_mut(), text);
    let lines: Vec<Line> = if editor.sending {
        vec![Line::from(Span::styled(c.sending, app.theme.muted))]
    } else if !error_lines.is_empty() {
        error_lines.into_iter().map(|l| Line::from(Span::styled(l, app.theme.unread))).collect()
    } else {
        vec![keys_line(app, c.editor_keys)]
    };
    let message = Rect { x: message.x + 1, width: message.width.saturating_sub(1), ..message };
    frame.render_widget(Paragraph::new(lines), message);
}

fn draw_prompt(app: &App, frame: &mut Frame<'_>, area: Rect, prompt: &Prompt) {
    let (title, help) = prompt_text(app, &prompt.kind);
    let width = box_width(area, 60);
    let inner = usize::from(width) - 4;
    let help: Vec<String> = wrap_plain(&protect_french(help), inner);
    let offers = town_offers(app, prompt);
    let waits = app.dialog_waits();
    let error = match (&prompt.error, waits) {
        (Some(e), false) => error_lines(app, e, usize::from(width.saturating_sub(4))),
        _ => Vec::new(),
    };
    let message_rows = error.len().max(1) as u16;
    let height = help.len() as u16 + 6 + message_rows + offers.len() as u16;
    let rect = centred(area, width, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), app.theme.title));
    frame.render_widget(Clear, rect);
    let inside = block.inner(rect);
    frame.render_widget(block, rect);
    let inside = Rect { x: inside.x + 1, width: inside.width.saturating_sub(2), ..inside };
    let mut y = inside.y;
    for part in help {
        frame.render_widget(
            Paragraph::new(Span::styled(part, app.theme.muted)),
            Rect { y, height: 1, ..inside },
        );
        y += 1;
    }
    y += 1;
    let field = Rect { y, height: 1, ..inside };
    widgets::input::draw(frame, field, &prompt.input, true, &app.theme);
    y += 1;
    draw_offers(app, frame, Rect { y, ..inside }, offers, inner);
    y += 1 + app.spaces.completions.len().min(6) as u16 * u16::from(prompt.kind.completes());
    let lines = if waits {
        vec![Line::from(Span::styled(app.lang.a().working, app.theme.muted))]
    } else if error.is_empty() {
        vec![keys_line(app, app.lang.c().prompt_keys)]
    } else {
        error
    };
    frame.render_widget(Paragraph::new(lines), Rect { y, height: message_rows, ..inside });
}

/// The title and the help of each question; a rename needs no help.
fn prompt_text(app: &App, kind: &PromptKind) -> (&'static str, &'static str) {
    let c = app.lang.c();
    let p = app.lang.p();
    match kind {
        PromptKind::Handle(_) => (c.handle_title, c.handle_help),
        PromptKind::Town => (p.town_title, p.town_help),
        PromptKind::Bio => (p.bio_title, p.bio_help),
        PromptKind::LinkCode => (p.code_title, p.code_help),
        PromptKind::Near => (app.lang.d().near_title, app.lang.d().near_help),
        PromptKind::When => (app.lang.d().when_title, app.lang.d().when_help),
        PromptKind::Net(kind) => {
            let n = app.lang.n();
            match kind {
                NetPrompt::Skill => (n.skill_title, n.skill_help),
                NetPrompt::Near => (n.near_title, app.lang.d().near_help),
                NetPrompt::Commune => (n.commune_title, n.commune_help),
                NetPrompt::Skills => (n.skills_title, n.skills_help),
                NetPrompt::Presentation => (n.presentation_title, n.presentation_help),
                NetPrompt::Report(_) => (n.report_title, n.report_help),
            }
        }
        PromptKind::Admin(kind) => {
            let a = app.lang.a();
            match kind {
                AdminPrompt::Schedule(_) => (a.schedule_title, a.schedule_help),
                AdminPrompt::Rename(_) => (a.rename_title, ""),
                AdminPrompt::Import => (a.import_title, a.import_help),
                AdminPrompt::Export => (a.export_title, a.import_help),
            }
        }
    }
}

/// Towns offered as the person types, the first one chosen by Enter.
fn town_offers(app: &App, prompt: &Prompt) -> Vec<String> {
    if !prompt.kind.completes() {
        return Vec::new();
    }
    let typed = prompt.input.lines().join("");
    let typed = typed.trim();
    app.spaces
        .completions
        .iter()
        .take(6)
        .map(|c| {
            // Offered for its INSEE code among the communes of a postcode: say why it is there.
            let codes = if c.insee == typed && !c.postcodes.iter().any(|p| p == typed) {
                app.lang.insee_code(&c.insee)
            } else {
                c.postcodes.join(" ")
            };
            format!("{} ({}, {codes})", clean_line(&c.name), c.departement)
        })
        .collect()
}

/// One offer a line from the top of `area`, the one Enter would take marked.
fn draw_offers(app: &App, frame: &mut Frame<'_>, area: Rect, offers: Vec<String>, inner: usize) {
    for (i, offer) in offers.into_iter().enumerate() {
        let chosen = i == app.spaces.offer.min(app.spaces.completions.len().saturating_sub(1));
        let style = if chosen { app.theme.selected } else { app.theme.muted };
        let text = format!(
            "{} {}",
            if chosen { "▸" } else { " " },
            widgets::truncate(&offer, inner.saturating_sub(2))
        );
        frame.render_widget(
            Paragraph::new(Span::styled(text, style)),
            Rect { y: area.y + i as u16, height: 1, ..area },
        );
    }
}

pub(super) fn keys_line(app: &App, keys: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, label) in keys {
        spans.push(Span::styled(key.to_string(), app.theme.accent.patch(Style::default())));
        spans.push(Span::raw(format!(" {label}   ")));
    }
    Line::from(spans)
}

fn draw_filters(app: &App, frame: &mut Frame<'_>, area: Rect, cursor: usize) {
    let d = app.lang.d();
    let rows = filter_rows();
    let width = box_width(area, 44);
    let height = (area.height.saturating_sub(2)).min(rows.len() as u16 + 6);
    let rect = centred(area, width, height);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {} ", d.filters_title), app.theme.title));
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut cursor_line = 0;
    let mut last_group = "";
    for (i, row) in rows.iter().enumerate() {
        let (group, label) = match row {
            FilterRow::Open => ("", d.open_filter.to_string()),
            FilterRow::Amenity(a) => (d.amenities, a.label(app.lang).to_string()),
            FilterRow::Kind(k) => (d.kind, k.label(app.lang).to_string()),
            FilterRow::Status(s) => (d.status, s.label(app.lang).to_string()),
            FilterRow::Departement(code) => {
                (d.departement, (if *code == "26" { "26 Drôme" } else { "07 Ardèche" }).to_string())
            }
        };
        if group != last_group {
            lines.push(Line::from(Span::styled(group.to_string(), app.theme.md.heading3)));
            last_group = group;
        }
        if i == cursor {
            cursor_line = lines.len();
        }
        let mark = if filter_checked(&app.spaces.query, *row) { "[x]" } else { "[ ]" };
        let style = if i == cursor { app.theme.selected } else { app.theme.base };
        lines.push(Line::from(Span::styled(format!(" {mark} {label}"), style)));
    }
    let visible = usize::from(inner.height);
    let scroll = cursor_line.saturating_sub(visible.saturating_sub(2));
    let inner = Rect { x: inner.x + 1, width: inner.width.saturating_sub(2), ..inner };
    frame.render_widget(Paragraph::new(lines.into_iter().skip(scroll).collect::<Vec<_>>()), inner);
}
