//! Drawing the boxes that sit over the screen: the editor, questions, the handle prompt,
//! the guest's explanation and the catch-up summary.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

use crate::domain::comment::MAX_COMMENT_CHARS;
use crate::ui::app::{Editor, Modal, Prompt, PromptKind, Target};
use crate::ui::text::{clean_line, protect_french, wrap_plain};
use crate::ui::{App, widgets};

pub fn draw(app: &App, frame: &mut Frame<'_>, area: Rect) {
    let Some(modal) = &app.modal else {
        return;
    };
    match modal {
        Modal::Editor(editor) => draw_editor(app, frame, area, editor),
        Modal::ConfirmDiscard(editor) => {
            draw_editor(app, frame, area, editor);
            question(app, frame, area, app.lang.c().discard_question);
        }
        Modal::ConfirmDelete(_) => question(app, frame, area, app.lang.c().delete_question),
        Modal::NeedKey => {
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
            boxed(app, frame, area, c.need_key_title, lines, width);
        }
        Modal::Prompt(prompt) => draw_prompt(app, frame, area, prompt),
        Modal::CatchUp(c) => {
            let s = app.lang.c();
            let width = box_width(area, 76);
            let inner = usize::from(width) - 4;
            let mut lines = Vec::new();
            let section = |title: &str, items: Vec<String>, lines: &mut Vec<Line<'static>>| {
                if items.is_empty() {
                    return;
                }
                if !lines.is_empty() {
                    lines.push(Line::default());
                }
                lines.push(Line::from(Span::styled(title.to_string(), app.theme.md.heading3)));
                for item in items {
                    lines.push(Line::from(widgets::truncate(&format!("• {item}"), inner)));
                }
            };
            let articles = c.new_articles.iter().map(|a| clean_line(&a.title)).collect();
            section(s.catch_up_articles, articles, &mut lines);
            let replies = c
                .replies
                .iter()
                .map(|(comment, title)| format!("{} → {}", clean_line(&comment.author), clean_line(title)))
                .collect();
            section(s.catch_up_replies, replies, &mut lines);
            let active =
                c.active.iter().map(|(_, title, n)| format!("{} ({n})", clean_line(title))).collect();
            section(s.catch_up_active, active, &mut lines);
            boxed(app, frame, area, s.catch_up_title, lines, width);
        }
    }
}

fn box_width(area: Rect, max: u16) -> u16 {
    area.width.saturating_sub(4).clamp(20, max)
}

/// A bordered box with a title, centred, sized to its lines.
fn boxed(app: &App, frame: &mut Frame<'_>, area: Rect, title: &str, lines: Vec<Line<'static>>, width: u16) {
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

fn centred(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height }
}

fn question(app: &App, frame: &mut Frame<'_>, area: Rect, text: &str) {
    let lines = vec![
        Line::from(Span::styled(text.to_string(), app.theme.title)),
        Line::default(),
        Line::from(Span::styled(app.lang.c().yes_no, app.theme.accent)),
    ];
    let width = box_width(area, 48);
    boxed(app, frame, area, "Cédille", lines, width);
}

fn draw_editor(app: &App, frame: &mut Frame<'_>, area: Rect, editor: &Editor) {
    let c = app.lang.c();
    let title = match &editor.target {
        Target::New { .. } => c.new_comment.to_string(),
        Target::Reply { to, .. } => app.lang.reply_to(&clean_line(to)),
        Target::Edit { .. } => c.edit_comment.to_string(),
    };
    let width = box_width(area, 84);
    let height = area.height.saturating_sub(2).clamp(8, 20);
    let rect = centred(area, width, height);
    let used = editor.chars();
    let counter_style = if used > MAX_COMMENT_CHARS { app.theme.unread } else { app.theme.muted };
    let counter = app.lang.counter(used, MAX_COMMENT_CHARS);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Span::styled(format!(" {title} "), app.theme.title))
        .title_bottom(Line::from(Span::styled(format!(" {counter} "), counter_style)).right_aligned());
    frame.render_widget(Clear, rect);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let [text, message] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    let text = Rect { x: text.x + 1, width: text.width.saturating_sub(2), ..text };
    frame.render_widget(&editor.area, text);
    let line = if editor.sending {
        Line::from(Span::styled(c.sending, app.theme.muted))
    } else if let Some(error) = &editor.error {
        Line::from(Span::styled(widgets::truncate(error, usize::from(message.width) - 1), app.theme.unread))
    } else {
        keys_line(app, c.editor_keys)
    };
    frame.render_widget(Paragraph::new(line), Rect { x: message.x + 1, width: message.width - 1, ..message });
}

fn draw_prompt(app: &App, frame: &mut Frame<'_>, area: Rect, prompt: &Prompt) {
    let c = app.lang.c();
    let p = app.lang.p();
    let (title, help) = match prompt.kind {
        PromptKind::Handle(_) => (c.handle_title, c.handle_help),
        PromptKind::Town => (p.town_title, p.town_help),
        PromptKind::Bio => (p.bio_title, p.bio_help),
        PromptKind::LinkCode => (p.code_title, p.code_help),
    };
    let width = box_width(area, 60);
    let inner = usize::from(width) - 4;
    let help: Vec<String> = wrap_plain(&protect_french(help), inner);
    let height = help.len() as u16 + 7;
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
    frame.render_widget(Paragraph::new("").style(app.theme.selected), field);
    frame.render_widget(&prompt.input, field);
    y += 2;
    let line = match &prompt.error {
        Some(e) => {
            Line::from(Span::styled(widgets::truncate(e, usize::from(inside.width)), app.theme.unread))
        }
        None => keys_line(app, c.prompt_keys),
    };
    frame.render_widget(Paragraph::new(line), Rect { y, height: 1, ..inside });
}

fn keys_line(app: &App, keys: &[(&str, &str)]) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, label) in keys {
        spans.push(Span::styled(key.to_string(), app.theme.accent.patch(Style::default())));
        spans.push(Span::raw(format!(" {label}   ")));
    }
    Line::from(spans)
}
