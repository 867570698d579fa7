//! The moderation queue: the list above, the selected comment in its context below (the
//! article, what it answers, the author's record), so that one screen is enough to decide.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{draw_items, fill, message, not_ready};
use crate::domain::admin::{Queue, QueueItem};
use crate::text::clean::clean_line;
use crate::text::wrap_plain;
use crate::ui::App;
use crate::ui::app::AdminState;

pub fn draw(app: &App, admin: &AdminState, frame: &mut Frame<'_>, area: Rect) {
    let a = app.lang.a();
    let [tabs, rest] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(area);
    draw_tabs(app, admin, frame, tabs);
    if admin.queue == Queue::Reports {
        return super::reports::draw(app, admin, frame, rest);
    }
    let empty = if admin.queue == Queue::Pending { a.queue_empty } else { a.hidden_empty };
    if let Some(text) = not_ready(app, &admin.items, empty) {
        return message(app, frame, rest, &text);
    }
    let crate::ui::Loading::Ready(list) = &admin.items else { return };
    let [top, bottom] = Layout::vertical([Constraint::Percentage(45), Constraint::Fill(1)]).areas(rest);
    let cols = usize::from(top.width.saturating_sub(3));
    let items = list.iter().map(|item| queue_item(app, item, cols)).collect();
    draw_items(app, frame, top, items, admin.item_sel);
    let Some(item) = admin.selected_item() else { return };
    draw_context(app, item, frame, bottom);
}

/// The three queues, the one shown highlighted, with the key that cycles through them.
fn draw_tabs(app: &App, admin: &AdminState, frame: &mut Frame<'_>, area: Rect) {
    let a = app.lang.a();
    let t = &app.theme;
    let (on, off) = (t.selected.patch(t.title), t.muted);
    let style = |q: Queue| if admin.queue == q { on } else { off };
    let (pending, hidden, reports) = (style(Queue::Pending), style(Queue::Hidden), style(Queue::Reports));
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::raw(" "),
            Span::styled(format!(" {} ", a.waiting), pending),
            Span::raw(" "),
            Span::styled(format!(" {} ", a.hidden_list), hidden),
            Span::raw(" "),
            Span::styled(format!(" {} ", app.lang.n().reports_tab), reports),
            Span::styled("   (v)", t.muted),
        ])),
        area,
    );
}

/// A comment in the list: who and where on the first line, how it begins on the second. An
/// author without a name is known by their number, so that the line is never blank.
fn queue_item(app: &App, item: &QueueItem, cols: usize) -> [Line<'static>; 2] {
    let t = &app.theme;
    let c = &item.comment;
    let author = if c.author.is_empty() { format!("#{}", c.author_id) } else { clean_line(&c.author) };
    let first_line = clean_line(c.body.lines().next().unwrap_or(""));
    [
        fill(
            vec![
                Span::styled(format!("#{} ", c.id), t.muted),
                Span::styled(author, t.title),
                Span::styled(format!(" · {} · ", app.lang.relative(c.created_at, app.now)), t.muted),
                Span::styled(clean_line(&item.article_title), t.accent),
            ],
            cols,
        ),
        fill(vec![Span::raw("  "), Span::styled(first_line, t.base)], cols),
    ]
}

/// The selected comment whole, under its article, its author's record and what it answers.
fn draw_context(app: &App, item: &QueueItem, frame: &mut Frame<'_>, area: Rect) {
    let a = app.lang.a();
    let t = &app.theme;
    let block = Block::default().borders(Borders::TOP).border_style(t.muted);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let inner = Rect { x: inner.x + 2, width: inner.width.saturating_sub(4), ..inner };
    let width = usize::from(inner.width).max(10);
    let mut lines = vec![Line::from(vec![
        Span::styled(clean_line(&item.article_title), t.md.heading3),
        Span::styled(format!("  ·  {}", record(app, item)), t.muted),
    ])];
    if let Some(parent) = &item.parent {
        // Two lines' worth of the parent is enough to tell what the answer is about.
        let quoted = clean_line(&parent.body);
        let quoted: String = quoted.chars().take(width * 2).collect();
        lines.push(Line::from(Span::styled(
            format!("{} {} : « {quoted} »", a.in_reply_to, clean_line(&parent.author)),
            t.muted,
        )));
    }
    lines.push(Line::default());
    for para in crate::text::clean::clean_text(&item.comment.body).split('\n') {
        for l in wrap_plain(para, width) {
            lines.push(Line::from(Span::styled(l, t.base)));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The author's record, written out in each language: French agrees its words in number.
fn record(app: &App, item: &QueueItem) -> String {
    if app.lang == crate::i18n::Lang::Fr {
        format!(
            "{} publié{}, {} masqué{}, {} autre{} en attente{}",
            item.author_published,
            if item.author_published > 1 { "s" } else { "" },
            item.author_hidden,
            if item.author_hidden > 1 { "s" } else { "" },
            item.author_pending,
            if item.author_pending > 1 { "s" } else { "" },
            if item.author_banned { " · suspendu·e" } else { "" }
        )
    } else {
        format!(
            "{} published, {} hidden, {} other waiting{}",
            item.author_published,
            item.author_hidden,
            item.author_pending,
            if item.author_banned { " · suspended" } else { "" }
        )
    }
}
