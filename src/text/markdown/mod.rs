//! Markdown posts rendered to styled, wrapped terminal lines, with links and
//! footnotes collected as numbered lists at the end.
//!
//! A terminal cannot make text clickable reliably over SSH, so links become
//! `text [n]` and the URLs are listed at the end where they can be copied
//! whole. Rendering is done in two passes: pulldown-cmark events are first
//! turned into a small block tree, which is then laid out for a width. The
//! tree lets containers (quotes, lists, notes) lay out their content at a
//! reduced width and prefix it, and lets numbers be assigned in reading
//! order even when a footnote is defined before it is referenced.

use std::collections::HashMap;

use pulldown_cmark::HeadingLevel;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

use super::clean::{clean_line, clean_text};
use super::wrap::wrap_spans;

/// Styles for each kind of Markdown element.
///
/// Inline styles (emphasis, strong, code, link) are patched onto the style
/// of the block they appear in, so emphasis inside a heading stays a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdStyles {
    pub text: Style,
    pub heading1: Style,
    pub heading2: Style,
    pub heading3: Style,
    pub emphasis: Style,
    pub strong: Style,
    pub code: Style,
    pub code_block: Style,
    pub quote: Style,
    pub link: Style,
    pub reference: Style,
    pub rule: Style,
    pub list_marker: Style,
}

impl Default for MdStyles {
    /// Modifiers only, no colours: the board must stay readable for users
    /// who set `NO_COLOR` or whose terminal has a palette we cannot guess.
    fn default() -> Self {
        let m = |modifier| Style::new().add_modifier(modifier);
        Self {
            text: Style::new(),
            heading1: m(Modifier::BOLD | Modifier::UNDERLINED),
            heading2: m(Modifier::BOLD),
            heading3: m(Modifier::BOLD | Modifier::ITALIC),
            emphasis: m(Modifier::ITALIC),
            strong: m(Modifier::BOLD),
            code: m(Modifier::REVERSED),
            code_block: m(Modifier::DIM),
            quote: m(Modifier::DIM),
            link: m(Modifier::UNDERLINED),
            reference: m(Modifier::DIM),
            rule: m(Modifier::DIM),
            list_marker: m(Modifier::BOLD),
        }
    }
}

/// Titles of the sections appended after the text, in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MdLabels {
    pub links: &'static str,
    pub notes: &'static str,
}

impl MdLabels {
    pub const FRENCH: Self = Self { links: "Liens", notes: "Notes" };
    pub const ENGLISH: Self = Self { links: "Links", notes: "Notes" };
}

const NBSP: &str = "\u{00A0}";
const QUOTE_BAR: &str = "│ ";
const RULE_MAX: usize = 40;
/// Deepest container nesting laid out as such. Deeper containers are
/// flattened into their parent: the layout is recursive, and a post made of
/// thousands of `>` must not exhaust the stack (an abort, not a panic).
pub(super) const MAX_NESTING: usize = 32;

mod blocks;
#[cfg(test)]
mod tests;

use blocks::*;

/// Lays out the block tree and numbers links and notes in reading order.
struct Renderer<'s> {
    styles: &'s MdStyles,
    links: Vec<String>,
    link_ids: HashMap<String, usize>,
    notes: Vec<(String, Vec<Block>)>,
    /// Label to index in `notes`.
    note_index: HashMap<String, usize>,
    /// Label to the number shown.
    note_ids: HashMap<String, usize>,
    /// Indices in `notes`, in numbering order.
    note_order: Vec<usize>,
}

impl<'s> Renderer<'s> {
    fn new(styles: &'s MdStyles, notes: Vec<(String, Vec<Block>)>) -> Self {
        let note_index = notes.iter().enumerate().map(|(i, (label, _))| (label.clone(), i)).collect();
        Self {
            styles,
            links: Vec::new(),
            link_ids: HashMap::new(),
            note_index,
            notes,
            note_ids: HashMap::new(),
            note_order: Vec::new(),
        }
    }

    fn link_number(&mut self, url: &str) -> usize {
        if let Some(n) = self.link_ids.get(url) {
            return *n;
        }
        self.links.push(url.to_string());
        let n = self.links.len();
        self.link_ids.insert(url.to_string(), n);
        n
    }

    /// Number of a defined note, assigned on first reference; `None` for a
    /// reference to a note that does not exist.
    fn note_number(&mut self, label: &str) -> Option<usize> {
        if let Some(n) = self.note_ids.get(label) {
            return Some(*n);
        }
        let index = *self.note_index.get(label)?;
        self.note_order.push(index);
        let n = self.note_order.len();
        self.note_ids.insert(label.to_string(), n);
        Some(n)
    }

    fn spans(&mut self, inlines: &[Inline], base: Style) -> Vec<Span<'static>> {
        let mut out = Vec::new();
        for inline in inlines {
            match inline {
                Inline::Text(text, style) => out.push(Span::styled(text.clone(), base.patch(*style))),
                Inline::Link(url) => {
                    let n = self.link_number(url);
                    // The no-break space keeps `[n]` with the word it refers to.
                    out.push(Span::styled(NBSP, base));
                    out.push(Span::styled(format!("[{n}]"), base.patch(self.styles.reference)));
                }
                Inline::Note(label) => match self.note_number(label) {
                    Some(n) => out.push(Span::styled(superscript(n), base.patch(self.styles.reference))),
                    None => out.push(Span::styled(format!("[^{label}]"), base)),
                },
                Inline::Break => out.push(Span::raw("\n")),
            }
        }
        out
    }

    /// Lays out sibling blocks; `spaced` puts a blank line between them
    /// (false only inside the items of a tight list).
    fn blocks(&mut self, blocks: &[Block], width: usize, depth: usize, spaced: bool) -> Vec<Line<'static>> {
        let mut out: Vec<Line<'static>> = Vec::new();
        for block in blocks {
            let lines = self.block(block, width, depth);
            if lines.is_empty() {
                continue;
            }
            if spaced && !out.is_empty() {
                out.push(Line::default());
            }
            out.extend(lines);
        }
        out
    }

    fn block(&mut self, block: &Block, width: usize, depth: usize) -> Vec<Line<'static>> {
        let styles = self.styles;
        match block {
            Block::Para(inlines) => wrap_spans(&self.spans(inlines, styles.text), width),
            Block::Heading(level, inlines) => {
                let style = match level {
                    HeadingLevel::H1 => styles.heading1,
                    HeadingLevel::H2 => styles.heading2,
                    _ => styles.heading3,
                };
                wrap_spans(&self.spans(inlines, style), width)
            }
            Block::Quote(blocks) => {
                let bar_width = QUOTE_BAR.width();
                if width <= bar_width {
                    // No room for the bar: keep the words, drop the decoration.
                    return self.blocks(blocks, width, depth, true);
                }
                let inner = self.blocks(blocks, width - bar_width, depth, true);
                let bar = vec![Span::styled(QUOTE_BAR, styles.quote)];
                prefix_lines(inner, &bar, &bar)
            }
            Block::List { start, items, loose } => self.list(*start, items, *loose, width, depth),
            Block::Code(code) => code
                .lines()
                .map(|line| {
                    let text = truncate(&format!("  {line}"), width);
                    let text = text.trim_end();
                    if text.is_empty() {
                        Line::default()
                    } else {
                        Line::from(Span::styled(text.to_string(), styles.code_block))
                    }
                })
                .collect(),
            Block::Html(html) => html
                .lines()
                .flat_map(|line| {
                    let lines = wrap_spans(&[Span::styled(line.to_string(), styles.text)], width);
                    if lines.is_empty() { vec![Line::default()] } else { lines }
                })
                .collect(),
            Block::Rule => vec![Line::from(Span::styled("─".repeat(width.min(RULE_MAX)), styles.rule))],
        }
    }

    fn list(
        &mut self,
        start: Option<u64>,
        items: &[Vec<Block>],
        loose: bool,
        width: usize,
        depth: usize,
    ) -> Vec<Line<'static>> {
        let markers: Vec<String> = match start {
            Some(first) => {
                let numbers: Vec<String> =
                    (0..items.len()).map(|i| first.saturating_add(i as u64).to_string()).collect();
                let widest = numbers.iter().map(|n| n.width()).max().unwrap_or(0);
                numbers.iter().map(|n| format!("{n:>widest$}. ")).collect()
            }
            None => {
                let bullet = if depth.is_multiple_of(2) { "• " } else { "◦ " };
                vec![bullet.to_string(); items.len()]
            }
        };
        let mut out = Vec::new();
        for (item, marker) in items.iter().zip(markers) {
            if loose && !out.is_empty() {
                out.push(Line::default());
            }
            let marker = vec![Span::styled(marker, self.styles.list_marker)];
            out.extend(self.item(item, marker, width, depth + 1, loose));
        }
        out
    }

    /// Lays out a list item or a note: content hang-indented under its text,
    /// not under the marker.
    fn item(
        &mut self,
        blocks: &[Block],
        marker: Vec<Span<'static>>,
        width: usize,
        depth: usize,
        spaced: bool,
    ) -> Vec<Line<'static>> {
        let marker_width: usize = marker.iter().map(Span::width).sum();
        if width <= marker_width {
            // Too narrow to indent: marker on its own line, content below.
            let mut out = wrap_spans(&marker, width);
            out.extend(self.blocks(blocks, width, depth, spaced));
            return out;
        }
        let inner = self.blocks(blocks, width - marker_width, depth, spaced);
        let indent = vec![Span::raw(" ".repeat(marker_width))];
        prefix_lines(inner, &marker, &indent)
    }

    fn links_section(&self, width: usize) -> Vec<Line<'static>> {
        self.links
            .iter()
            .enumerate()
            .flat_map(|(i, url)| {
                // One unbreakable word, so only an over-long URL is cut.
                let spans = [
                    Span::styled(format!("[{}]", i + 1), self.styles.reference),
                    Span::styled(NBSP, self.styles.text),
                    Span::styled(url.clone(), self.styles.link),
                ];
                wrap_spans(&spans, width)
            })
            .collect()
    }

    fn notes_section(&mut self, width: usize) -> Vec<Line<'static>> {
        // Notes defined but never referenced are still shown, after the
        // others, rather than silently dropped.
        let numbered: std::collections::HashSet<usize> = self.note_order.iter().copied().collect();
        self.note_order.extend((0..self.notes.len()).filter(|i| !numbered.contains(i)));
        let count = self.note_order.len();
        let widest = superscript(count).width();
        let mut out = Vec::new();
        for n in 1..=count {
            let Some(blocks) =
                self.note_order.get(n - 1).and_then(|i| self.notes.get(*i)).map(|(_, blocks)| blocks.clone())
            else {
                continue;
            };
            let number = superscript(n);
            let pad = " ".repeat(widest - number.width());
            let marker = vec![Span::raw(pad), Span::styled(number, self.styles.reference), Span::raw(" ")];
            out.extend(self.item(&blocks, marker, width, 0, true));
        }
        out
    }
}

/// Puts `first` before the first line and `rest` before the others; an
/// empty body still shows the first prefix (an empty list item).
fn prefix_lines(
    lines: Vec<Line<'static>>,
    first: &[Span<'static>],
    rest: &[Span<'static>],
) -> Vec<Line<'static>> {
    if lines.is_empty() {
        return vec![trim_line(Line::from(first.to_vec()))];
    }
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let mut spans = if i == 0 { first.to_vec() } else { rest.to_vec() };
            spans.extend(line.spans);
            trim_line(Line::from(spans))
        })
        .collect()
}

/// Drops trailing spaces, which prefixes of blank lines would otherwise
/// leave behind.
fn trim_line(mut line: Line<'static>) -> Line<'static> {
    while let Some(last) = line.spans.last_mut() {
        let trimmed = last.content.trim_end_matches(' ');
        if trimmed.is_empty() {
            line.spans.pop();
        } else {
            if trimmed.len() != last.content.len() {
                last.content = trimmed.to_string().into();
            }
            break;
        }
    }
    line
}

/// Cuts `s` to at most `width` columns, never inside a grapheme.
fn truncate(s: &str, width: usize) -> String {
    crate::text::width::cut(s, width).to_string()
}

/// `n` written with superscript digits, e.g. `¹⁰`.
fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|d| match d {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// Renders a Markdown post for a pane `width` columns wide.
///
/// The source is untrusted: it is cleaned with [`clean_text`] and raw HTML is
/// shown as text, never interpreted. Lines never exceed `width` (0 counts as
/// 1) except where even one character cannot fit.
pub fn render_markdown(src: &str, width: usize, styles: &MdStyles, labels: &MdLabels) -> Vec<Line<'static>> {
    render(src, width, styles, labels, false)
}

/// A comment: the same Markdown, but every line break the member typed is kept — people
/// writing a reply in a terminal do not expect two lines to be joined into one.
pub fn render_comment(src: &str, width: usize, styles: &MdStyles, labels: &MdLabels) -> Vec<Line<'static>> {
    render(src, width, styles, labels, true)
}

fn render(
    src: &str,
    width: usize,
    styles: &MdStyles,
    labels: &MdLabels,
    keep_lines: bool,
) -> Vec<Line<'static>> {
    let width = width.max(1);
    let src = clean_text(src);
    let mut builder = Builder::new(styles);
    builder.keep_lines = keep_lines;
    let (blocks, notes) = builder.run(&src);
    let mut renderer = Renderer::new(styles, notes);
    let mut out = renderer.blocks(&blocks, width, 0, true);
    // Notes are laid out before the link list is written, because links
    // inside notes must be numbered and listed too.
    let notes = renderer.notes_section(width);
    let links = renderer.links_section(width);
    for (label, section) in [(labels.links, links), (labels.notes, notes)] {
        if section.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.extend(wrap_spans(&[Span::styled(clean_line(label), styles.heading3)], width));
        out.extend(section);
    }
    out
}

/// The text of rendered lines, for tests, search and copy-paste.
///
/// No-break spaces become ordinary spaces: they only matter for wrapping,
/// which is already done, and they surprise anyone comparing strings.
pub fn lines_to_plain(lines: &[Line<'_>]) -> Vec<String> {
    lines
        .iter()
        .map(|line| {
            let text: String = line
                .spans
                .iter()
                .flat_map(|s| s.content.chars())
                .map(|c| if matches!(c, '\u{00A0}' | '\u{202F}') { ' ' } else { c })
                .collect();
            text.trim_end_matches(' ').to_string()
        })
        .collect()
}
