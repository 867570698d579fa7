//! The comments under an article: threads indented by depth, each with its author, its
//! date (relative, and absolute on the selected one) and its marks (édité, en attente).

use std::sync::Arc;

use chrono::{DateTime, Utc};
use ratatui::text::{Line, Span};

use super::article::measure;
use crate::domain::{Comment, CommentStatus};
use crate::i18n::Lang;
use crate::text::markdown::{MdLabels, render_comment};
use crate::text::{clean_line, protect_french, wrap_plain};
use crate::ui::Loading;
use crate::ui::theme::Theme;

/// Columns each level of reply is indented by.
const INDENT: usize = 3;

pub struct Context<'a> {
    pub cols: u16,
    pub lang: Lang,
    pub theme: &'a Theme,
    pub now: DateTime<Utc>,
    /// The selected comment, when the comments have the focus.
    pub selected: Option<usize>,
    pub viewer: Option<i64>,
    /// The viewer's mark in the thread when they opened it: comments past it are new
    /// (`None`: a first reading, nothing marked).
    pub mark: Option<i64>,
}

/// The comments part of the reader, laid out only as far as the member reads.
///
/// A thread may hold a thousand comments: the bodies (Markdown, cleaning, wrapping — the
/// costly part) are laid out in order, as far as the reader needs (what is in view and a
/// page more), once per width and language. What changes with the clock or the selection
/// (the relative date, the selection bar) is drawn for the rows in view only, so that a
/// tick or a move of the selection lays nothing out again.
#[derive(Debug, Default)]
pub struct Laid {
    /// Heading and rule, or the single line saying why there is nothing to show.
    head: Vec<Line<'static>>,
    /// One per comment laid out so far, in thread order.
    blocks: Vec<Block>,
    /// Rows laid out so far, `head` included.
    rows: usize,
    /// Every comment is laid out.
    complete: bool,
}

#[derive(Debug)]
struct Block {
    /// The row of its blank separator line, in the section; the header follows it.
    top: usize,
    /// The body's lines, without the indentation and bar drawn before them.
    body: Vec<Line<'static>>,
}

/// Rows a comment takes before its body: a blank line and the header.
const BLOCK_HEAD: usize = 2;

impl Laid {
    /// The heading of `comments`, no comment laid out yet.
    pub fn new(comments: &Loading<Arc<Vec<Comment>>>, cx: &Context<'_>) -> Laid {
        let width = usize::from(measure(cx.cols));
        let t = cx.theme;
        let mut head = Vec::new();
        let mut complete = true;
        match comments {
            Loading::Loading => head.push(Line::from(Span::styled(cx.lang.s().loading, t.muted))),
            Loading::Failed(fault) => head.push(Line::from(Span::styled(cx.lang.fault(*fault), t.muted))),
            Loading::Ready(list) => {
                let shown = list.iter().filter(|c| c.status != CommentStatus::Deleted).count();
                head.push(Line::from(Span::styled(cx.lang.comments_heading(shown), t.md.heading2)));
                head.push(Line::from(Span::styled("─".repeat(width.min(40)), t.md.rule)));
                if list.is_empty() {
                    head.push(Line::default());
                    for part in wrap_plain(&protect_french(cx.lang.c().none_yet), width) {
                        head.push(Line::from(Span::styled(part, t.muted)));
                    }
                } else {
                    complete = false;
                }
            }
        }
        Laid { rows: head.len(), head, blocks: Vec::new(), complete }
    }

    /// Lays comments out until `rows` rows are laid (or all of them are).
    pub fn extend_to(&mut self, list: &[Comment], rows: usize, cx: &Context<'_>) {
        while !self.complete && self.rows < rows {
            let Some(c) = list.get(self.blocks.len()) else {
                self.complete = true;
                break;
            };
            let body = if c.status == CommentStatus::Deleted {
                Vec::new()
            } else {
                let labels = MdLabels { links: cx.lang.s().links, notes: cx.lang.s().notes };
                render_comment(&c.body, inner_width(c, cx.cols), &cx.theme.md, &labels)
            };
            let top = self.rows;
            self.rows += BLOCK_HEAD + body.len();
            self.blocks.push(Block { top, body });
            self.complete = self.blocks.len() == list.len();
        }
    }

    /// Rows laid out so far.
    pub fn rows(&self) -> usize {
        self.rows
    }

    pub fn is_complete(&self) -> bool {
        self.complete
    }

    /// Comments laid out so far.
    pub fn laid(&self) -> usize {
        self.blocks.len()
    }

    /// Rows the whole section would take, guessed from the comments laid out so far: for
    /// the scroll bar and the position, before the member gets there.
    pub fn estimated_rows(&self, comments: usize) -> usize {
        let laid = self.blocks.len();
        if self.complete || laid == 0 {
            return self.rows + (comments - laid.min(comments)) * (BLOCK_HEAD + 1);
        }
        let per = (self.rows - self.head.len()).div_ceil(laid);
        self.rows + (comments - laid.min(comments)) * per
    }

    /// The rows comment `i` takes in the section, header to last line, once laid out.
    pub fn comment_rows(&self, i: usize) -> Option<(usize, usize)> {
        let b = self.blocks.get(i)?;
        Some((b.top + 1, b.top + BLOCK_HEAD + b.body.len()))
    }

    /// The comments laid out whose blocks meet rows `from..to` of the section.
    pub fn comments_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let first = self.blocks.partition_point(|b| b.top <= from).saturating_sub(1);
        let end = self.blocks.partition_point(|b| b.top < to);
        first..end.max(first)
    }

    /// Row `row` of the section as it looks now, for the screen.
    pub fn line(&self, list: &[Comment], row: usize, cx: &Context<'_>) -> Line<'static> {
        if let Some(line) = self.head.get(row) {
            return line.clone();
        }
        let i = self.blocks.partition_point(|b| b.top <= row).saturating_sub(1);
        let (Some(block), Some(c)) = (self.blocks.get(i), list.get(i)) else {
            return Line::default();
        };
        let t = cx.theme;
        let selected = cx.selected == Some(i);
        let indent = INDENT * usize::from(c.depth.min(2));
        let bar = match (selected, c.depth > 0) {
            (true, _) => "▌ ",
            (false, true) => "│ ",
            (false, false) => "  ",
        };
        let bar_style = if selected { t.accent } else { t.muted };
        let lead = |content: Vec<Span<'static>>| {
            let mut spans = vec![Span::raw(" ".repeat(indent)), Span::styled(bar, bar_style)];
            spans.extend(content);
            Line::from(spans)
        };
        match row - block.top {
            0 => Line::default(),
            1 if c.status == CommentStatus::Deleted => lead(vec![Span::styled(cx.lang.c().deleted, t.muted)]),
            1 => lead(fit(author(c, t), header(c, cx, selected), inner_width(c, cx.cols))),
            n => block.body.get(n - BLOCK_HEAD).map(|l| lead(l.spans.clone())).unwrap_or_default(),
        }
    }
}

/// The columns of a comment's text: the measure, minus its indentation and its bar.
fn inner_width(c: &Comment, cols: u16) -> usize {
    let indent = INDENT * usize::from(c.depth.min(2));
    usize::from(measure(cols)).saturating_sub(indent + 2).max(10)
}

fn author(c: &Comment, t: &Theme) -> Span<'static> {
    let author = if c.author.is_empty() { "?".to_string() } else { clean_line(&c.author) };
    Span::styled(author, t.title)
}

/// How much a part of a header matters: when the line is short, the least first goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Worth {
    /// The full date: the relative one says nearly as much.
    Date,
    /// « vous »: the member knows their own words.
    Yours,
    Edited,
    Age,
    New,
    /// Waiting or hidden: what the comment is for others.
    State,
}

/// A comment's header: the author, then the marks in the order a person reads them, each
/// with what it is worth when the line cannot hold them all.
fn header(c: &Comment, cx: &Context<'_>, selected: bool) -> Vec<(Worth, Span<'static>)> {
    let t = cx.theme;
    let s = cx.lang.c();
    let mut header = Vec::new();
    let mut mark =
        |worth: Worth, text: String, style| header.push((worth, Span::styled(format!(" · {text}"), style)));
    // In words, not in colour alone: « nouveau » reads the same without colour.
    if let Some(m) = cx.mark
        && crate::domain::follow::is_new(c, m, cx.viewer)
    {
        mark(Worth::New, cx.lang.f().new_comment.to_string(), t.unread);
    }
    match c.status {
        CommentStatus::Pending => mark(Worth::State, s.pending.to_string(), t.unread),
        CommentStatus::Hidden => mark(Worth::State, s.hidden.to_string(), t.unread),
        _ => {}
    }
    mark(Worth::Age, cx.lang.relative(c.created_at, cx.now), t.muted);
    if c.edited_at.is_some() && c.status != CommentStatus::Deleted {
        mark(Worth::Edited, s.edited.to_string(), t.muted);
    }
    if Some(c.author_id) == cx.viewer && c.status != CommentStatus::Deleted {
        mark(Worth::Yours, if cx.lang == Lang::Fr { "vous" } else { "you" }.to_string(), t.muted);
    }
    if selected {
        mark(Worth::Date, cx.lang.at_time(c.created_at), t.muted);
    }
    header
}

/// The author and as many marks as `width` holds whole, the least worth dropped first: a
/// mark is never cut, so that what is left still reads. Only an author wider than the line
/// is shortened.
fn fit(author: Span<'static>, mut marks: Vec<(Worth, Span<'static>)>, width: usize) -> Vec<Span<'static>> {
    let w = |s: &Span<'_>| crate::ui::widgets::width(&s.content);
    let author_width = w(&author);
    while author_width + marks.iter().map(|(_, s)| w(s)).sum::<usize>() > width {
        let Some(least) = marks.iter().enumerate().min_by_key(|(_, (worth, _))| *worth).map(|(i, _)| i)
        else {
            break;
        };
        marks.remove(least);
    }
    let author = if author_width > width {
        Span::styled(crate::ui::widgets::truncate(&author.content, width), author.style)
    } else {
        author
    };
    std::iter::once(author).chain(marks.into_iter().map(|(_, s)| s)).collect()
}
