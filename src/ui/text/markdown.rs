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

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::clean::{clean_line, clean_text};
use super::typo::protect_french;
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
const MAX_NESTING: usize = 32;

/// Inline content of a paragraph or heading. Links and notes stay symbolic
/// until layout, where their numbers are assigned in reading order.
#[derive(Debug, Clone)]
enum Inline {
    /// Final text with its inline style (to be patched onto the block style).
    Text(String, Style),
    /// End of a link: the `[n]` reference for this URL.
    Link(String),
    /// A footnote reference by (lower-cased) label.
    Note(String),
    /// A hard line break.
    Break,
}

#[derive(Debug, Clone)]
enum Block {
    Para(Vec<Inline>),
    Heading(HeadingLevel, Vec<Inline>),
    Quote(Vec<Block>),
    List {
        start: Option<u64>,
        items: Vec<Vec<Block>>,
        loose: bool,
    },
    Code(String),
    /// Raw HTML, shown as text.
    Html(String),
    Rule,
}

#[derive(Debug)]
enum FrameKind {
    Quote,
    List { start: Option<u64>, items: Vec<Vec<Block>>, loose: bool },
    Item,
    Note(String),
}

/// An open container while parsing, collecting its child blocks.
#[derive(Debug)]
struct Frame {
    kind: FrameKind,
    blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy)]
enum InlineCtx {
    Para,
    Heading(HeadingLevel),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RawKind {
    Code,
    Html,
}

/// Turns the event stream into a block tree.
///
/// pulldown-cmark guarantees balanced start/end events, but nothing here
/// relies on it: a stray end pops nothing, and unclosed frames are closed at
/// the end, so a parser bug cannot become a panic.
struct Builder<'s> {
    styles: &'s MdStyles,
    root: Vec<Block>,
    stack: Vec<Frame>,
    inline: Option<InlineCtx>,
    inlines: Vec<Inline>,
    inline_styles: Vec<Style>,
    /// Text not yet flushed, so that typography sees whole runs even when
    /// the parser splits them (soft breaks, entities, escapes).
    pending: String,
    link_urls: Vec<String>,
    raw: Option<(RawKind, String)>,
    notes: Vec<(String, Vec<Block>)>,
    /// Containers opened beyond [`MAX_NESTING`] and not yet closed.
    suppressed: usize,
}

impl<'s> Builder<'s> {
    fn new(styles: &'s MdStyles) -> Self {
        Self {
            styles,
            root: Vec::new(),
            stack: Vec::new(),
            inline: None,
            inlines: Vec::new(),
            inline_styles: Vec::new(),
            pending: String::new(),
            link_urls: Vec::new(),
            raw: None,
            notes: Vec::new(),
            suppressed: 0,
        }
    }

    fn run(mut self, src: &str) -> (Vec<Block>, Vec<(String, Vec<Block>)>) {
        let options = Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        for event in Parser::new_ext(src, options) {
            self.event(event);
        }
        self.close_inline();
        self.flush_raw();
        while !self.stack.is_empty() {
            self.pop_frame();
        }
        (self.root, self.notes)
    }

    fn inline_style(&self) -> Style {
        self.inline_styles.iter().fold(Style::new(), |acc, s| acc.patch(*s))
    }

    fn flush_text(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        // Entities (`&#x1b;`) are decoded by the parser after the source was
        // cleaned, so each run is cleaned again.
        let text = protect_french(&clean_text(&text));
        self.inlines.push(Inline::Text(text, self.inline_style()));
    }

    /// Tight list items have text outside any paragraph; it gets an implicit
    /// one so that all inline content lives in a block.
    fn ensure_inline(&mut self) {
        if self.inline.is_none() {
            self.inline = Some(InlineCtx::Para);
        }
    }

    fn close_inline(&mut self) {
        self.flush_text();
        let Some(ctx) = self.inline.take() else {
            return;
        };
        self.inline_styles.clear();
        self.link_urls.clear();
        let inlines = std::mem::take(&mut self.inlines);
        if inlines.is_empty() {
            return;
        }
        self.push_block(match ctx {
            InlineCtx::Para => Block::Para(inlines),
            InlineCtx::Heading(level) => Block::Heading(level, inlines),
        });
    }

    fn flush_raw(&mut self) {
        if let Some((kind, text)) = self.raw.take() {
            let text = clean_text(&text);
            self.push_block(match kind {
                RawKind::Code => Block::Code(text),
                RawKind::Html => Block::Html(text),
            });
        }
    }

    fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(frame) => frame.blocks.push(block),
            None => self.root.push(block),
        }
    }

    fn push_frame(&mut self, kind: FrameKind) {
        self.close_inline();
        if self.stack.len() >= MAX_NESTING {
            self.suppressed += 1;
            return;
        }
        self.stack.push(Frame { kind, blocks: Vec::new() });
    }

    fn pop_frame(&mut self) {
        self.close_inline();
        // Suppressed containers are always the innermost open ones.
        if self.suppressed > 0 {
            self.suppressed -= 1;
            return;
        }
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame.kind {
            FrameKind::Quote => self.push_block(Block::Quote(frame.blocks)),
            FrameKind::List { start, mut items, loose } => {
                if !frame.blocks.is_empty() {
                    items.push(frame.blocks);
                }
                self.push_block(Block::List { start, items, loose });
            }
            FrameKind::Item => match self.stack.last_mut() {
                Some(Frame { kind: FrameKind::List { items, .. }, .. }) => items.push(frame.blocks),
                _ => frame.blocks.into_iter().for_each(|b| self.push_block(b)),
            },
            FrameKind::Note(label) => {
                if !self.notes.iter().any(|(l, _)| *l == label) {
                    self.notes.push((label, frame.blocks));
                }
            }
        }
    }

    /// A paragraph directly inside a list item is what makes a list loose.
    fn mark_loose(&mut self) {
        if let [.., list, item] = self.stack.as_mut_slice()
            && matches!(item.kind, FrameKind::Item)
            && let FrameKind::List { loose, .. } = &mut list.kind
        {
            *loose = true;
        }
    }

    fn push_inline_style(&mut self, style: Style) {
        self.ensure_inline();
        self.inline_styles.push(style);
    }

    fn event(&mut self, event: Event<'_>) {
        if !matches!(event, Event::Text(_) | Event::SoftBreak) {
            self.flush_text();
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => match &mut self.raw {
                Some((_, raw)) => raw.push_str(&text),
                None => {
                    self.ensure_inline();
                    self.pending.push_str(&text);
                }
            },
            Event::Html(text) | Event::InlineHtml(text) => match &mut self.raw {
                Some((_, raw)) => raw.push_str(&text),
                None => {
                    self.ensure_inline();
                    let style = self.inline_style();
                    self.inlines.push(Inline::Text(clean_text(&text), style));
                }
            },
            Event::Code(text) => {
                self.ensure_inline();
                let style = self.inline_style().patch(self.styles.code);
                self.inlines.push(Inline::Text(clean_text(&text), style));
            }
            Event::FootnoteReference(label) => {
                self.ensure_inline();
                self.inlines.push(Inline::Note(note_key(&label)));
            }
            Event::SoftBreak => match &mut self.raw {
                Some((_, raw)) => raw.push('\n'),
                None => {
                    self.ensure_inline();
                    self.pending.push(' ');
                }
            },
            Event::HardBreak => {
                self.ensure_inline();
                self.inlines.push(Inline::Break);
            }
            Event::Rule => {
                self.close_inline();
                self.push_block(Block::Rule);
            }
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.close_inline();
                self.mark_loose();
                self.inline = Some(InlineCtx::Para);
            }
            Tag::Heading { level, .. } => {
                self.close_inline();
                self.inline = Some(InlineCtx::Heading(level));
            }
            Tag::BlockQuote(_) => self.push_frame(FrameKind::Quote),
            Tag::List(start) => self.push_frame(FrameKind::List { start, items: Vec::new(), loose: false }),
            Tag::Item => self.push_frame(FrameKind::Item),
            Tag::FootnoteDefinition(label) => self.push_frame(FrameKind::Note(note_key(&label))),
            Tag::CodeBlock(_) => {
                self.close_inline();
                self.raw = Some((RawKind::Code, String::new()));
            }
            Tag::HtmlBlock => {
                self.close_inline();
                self.raw = Some((RawKind::Html, String::new()));
            }
            Tag::Emphasis => self.push_inline_style(self.styles.emphasis),
            Tag::Strong => self.push_inline_style(self.styles.strong),
            Tag::Strikethrough => self.push_inline_style(Style::new().add_modifier(Modifier::CROSSED_OUT)),
            Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => {
                self.push_inline_style(self.styles.link);
                self.link_urls.push(clean_line(&dest_url));
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => self.close_inline(),
            TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item | TagEnd::FootnoteDefinition => {
                self.pop_frame()
            }
            TagEnd::CodeBlock | TagEnd::HtmlBlock => self.flush_raw(),
            TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {
                self.inline_styles.pop();
            }
            TagEnd::Link | TagEnd::Image => {
                self.inline_styles.pop();
                if let Some(url) = self.link_urls.pop()
                    && !url.is_empty()
                {
                    self.inlines.push(Inline::Link(url));
                }
            }
            _ => {}
        }
    }
}

/// Footnote labels match case-insensitively, as in GitHub's Markdown.
fn note_key(label: &str) -> String {
    clean_line(label).to_lowercase()
}

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

/// Cuts `s` to at most `width` columns, never inside a character.
fn truncate(s: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > width {
            break;
        }
        out.push(c);
        used += w;
    }
    // Sequences can be wider than the sum of their characters (emoji
    // presentation selectors).
    while out.width() > width {
        out.pop();
    }
    out
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
    let width = width.max(1);
    let src = clean_text(src);
    let (blocks, notes) = Builder::new(styles).run(&src);
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const POST: &str = "\
# Sortie du samedi

Bonjour à tous ! Le programme de la « randonnée » est simple : départ à 20 h, \
marche de 12 km. Tout est sur le site [exemple](https://example.org), et le \
parcours est aussi sur l'[exemple](https://example.org) du club.

- une lampe frontale, de préférence avec des piles neuves et une de rechange
- de l'eau[^eau]
- de *bonnes* chaussures

> Qui marche la nuit voit les étoiles : c'est **promis**.

Rendez-vous devant la mairie[^lieu].

[^eau]: Au moins 1 l par personne.
[^lieu]: Place du marché, voir <https://cedille.example/plan>.
";

    fn plain(src: &str, width: usize) -> Vec<String> {
        let lines = render_markdown(src, width, &MdStyles::default(), &MdLabels::FRENCH);
        for line in &lines {
            assert!(line.width() <= width.max(1), "too wide at {width}: {line:?}");
        }
        lines_to_plain(&lines)
    }

    fn has(lines: &[String], wanted: &str) -> bool {
        lines.iter().any(|l| l == wanted)
    }

    #[test]
    fn french_post_at_80() {
        let out = plain(POST, 80);
        let text = out.join("\n");
        assert_eq!(out.first().map(String::as_str), Some("Sortie du samedi"));
        assert_eq!(out.get(1).map(String::as_str), Some(""));
        assert!(text.contains("exemple [1]"), "{text}");
        assert!(text.contains("« randonnée » est simple : départ"));
        assert!(text.contains("l'exemple [1] du club"));
        assert!(has(&out, "• de l'eau¹"));
        assert!(has(&out, "• de bonnes chaussures"));
        assert!(has(&out, "│ Qui marche la nuit voit les étoiles : c'est promis."));
        assert!(has(&out, "Rendez-vous devant la mairie²."));
        let links = out.iter().position(|l| l == "Liens").unwrap();
        let notes = out.iter().position(|l| l == "Notes").unwrap();
        assert!(links < notes);
        assert_eq!(out.get(links - 1).map(String::as_str), Some(""));
        assert_eq!(
            out.get(links + 1..notes),
            Some(
                &[
                    "[1] https://example.org".to_string(),
                    "[2] https://cedille.example/plan".to_string(),
                    String::new(),
                ][..]
            )
        );
        assert_eq!(
            out.get(notes + 1..),
            Some(
                &[
                    "¹ Au moins 1 l par personne.".to_string(),
                    "² Place du marché, voir https://cedille.example/plan [2].".to_string(),
                ][..]
            )
        );
        assert_ne!(out.last().map(String::as_str), Some(""));
    }

    #[test]
    fn french_post_at_40() {
        let out = plain(POST, 40);
        let text = out.join("\n");
        assert!(text.contains("exemple [1]"), "{text}");
        assert!(has(&out, "[1] https://example.org"));
        // Hanging indent under the text, not under the bullet.
        let i = out.iter().position(|l| l.starts_with("• une lampe")).unwrap();
        assert!(out.get(i + 1).unwrap().starts_with("  ") && !out.get(i + 1).unwrap().starts_with("   "));
        // Quote lines all carry the bar.
        let quote: Vec<_> = out.iter().filter(|l| l.contains("étoiles")).collect();
        assert!(quote.iter().all(|l| l.starts_with("│ ")));
        // Notes are wrapped with a hanging indent.
        let n = out.iter().position(|l| l.starts_with("² Place")).unwrap();
        assert!(out.get(n + 1).unwrap().starts_with("  "));
        for line in &out {
            assert!(!line.trim_start_matches("│ ").starts_with([':', ';', '!', '?', '»']));
            assert!(!line.ends_with('«'));
        }
    }

    #[test]
    fn styles_applied() {
        let st = MdStyles::default();
        let lines = render_markdown(
            "Du *style* et du **gras**, du `code : brut`, ~~barré~~ [lien](https://a.b).",
            80,
            &st,
            &MdLabels::ENGLISH,
        );
        let spans: Vec<&Span<'_>> = lines.iter().flat_map(|l| l.spans.iter()).collect();
        let style_of = |text: &str| spans.iter().find(|s| s.content == text).map(|s| s.style).unwrap();
        assert_eq!(style_of("style"), st.emphasis);
        assert_eq!(style_of("gras"), st.strong);
        // Code is verbatim: no no-break space inserted before the colon.
        assert_eq!(style_of("code : brut"), st.code);
        assert!(style_of("barré").add_modifier.contains(Modifier::CROSSED_OUT));
        assert_eq!(style_of("lien"), st.link);
        assert_eq!(style_of("[1]"), st.reference);
        assert!(lines_to_plain(&lines).contains(&"Links".to_string()));
    }

    #[test]
    fn lists() {
        let src = "3. trois\n4. quatre\n\n- a\n  - b\n    - c\n\n8. huit\n9. neuf\n10. dix mots qui vont passer à la ligne";
        let out = plain(src, 20);
        assert_eq!(
            out,
            vec![
                "3. trois",
                "4. quatre",
                "",
                "• a",
                "  ◦ b",
                "    • c",
                "",
                " 8. huit",
                " 9. neuf",
                "10. dix mots qui",
                "    vont passer à la",
                "    ligne",
            ]
        );
        let lines = render_markdown(src, 20, &MdStyles::default(), &MdLabels::FRENCH);
        let marker = lines.first().and_then(|l| l.spans.first()).unwrap();
        assert_eq!(marker.style, MdStyles::default().list_marker);
    }

    #[test]
    fn loose_list_items_are_spaced() {
        let out = plain("- un\n\n- deux\n\n  suite", 40);
        assert_eq!(out, vec!["• un", "", "• deux", "", "  suite"]);
    }

    #[test]
    fn quotes_nest() {
        let out = plain("> un\n>\n> > deux\n\naprès", 40);
        assert_eq!(out, vec!["│ un", "│", "│ │ deux", "", "après"]);
    }

    #[test]
    fn code_blocks_verbatim_and_truncated() {
        let src = "```\nlet x = a : b;\n\n    très long code qui dépasse\n```";
        let out = plain(src, 16);
        assert_eq!(out, vec!["  let x = a : b;", "", "      très long"]);
        let lines = render_markdown(src, 16, &MdStyles::default(), &MdLabels::FRENCH);
        assert_eq!(lines.first().unwrap().spans.first().unwrap().style, MdStyles::default().code_block);
    }

    #[test]
    fn rule_and_headings() {
        let out = plain("# Un\n## Deux\n### Trois\n#### Quatre\n\n---\n\nfin", 60);
        assert_eq!(out, vec!["Un", "", "Deux", "", "Trois", "", "Quatre", "", &"─".repeat(40), "", "fin"]);
        assert_eq!(plain("---", 7), vec!["─".repeat(7)]);
        let st = MdStyles::default();
        let lines = render_markdown("## Deux *x*", 60, &st, &MdLabels::FRENCH);
        let spans = &lines.first().unwrap().spans;
        assert_eq!(spans.first().unwrap().style, st.heading2);
        assert_eq!(spans.last().unwrap().style, st.heading2.patch(st.emphasis));
    }

    #[test]
    fn links_numbered_and_deduplicated() {
        let src = "[a](https://un.example) [b](https://deux.example) [c](https://un.example) \
                   <https://trois.example> [vide]()";
        let out = plain(src, 80);
        assert_eq!(
            out,
            vec![
                "a [1] b [2] c [1] https://trois.example [3] vide",
                "",
                "Liens",
                "[1] https://un.example",
                "[2] https://deux.example",
                "[3] https://trois.example",
            ]
        );
    }

    #[test]
    fn long_urls_cut_in_list() {
        let url = format!("https://example.org/{}", "x".repeat(50));
        let out = plain(&format!("[a]({url})"), 20);
        let listed: String = out.iter().skip_while(|l| *l != "Liens").skip(1).cloned().collect();
        assert_eq!(listed, format!("[1] {url}"));
    }

    #[test]
    fn footnotes() {
        let src = "Deux[^b] notes[^a] et encore[^b].\n\n[^a]: A.\n[^b]: B.\n[^c]: Orpheline.";
        let out = plain(src, 40);
        assert_eq!(out, vec!["Deux¹ notes² et encore¹.", "", "Notes", "¹ B.", "² A.", "³ Orpheline."]);
        assert_eq!(superscript(10), "¹⁰");
        assert_eq!(superscript(1234567890), "¹²³⁴⁵⁶⁷⁸⁹⁰");
    }

    #[test]
    fn html_is_text() {
        let out = plain("<script>alert(1)</script>\n\nun <b>gras</b>", 40);
        assert_eq!(out, vec!["<script>alert(1)</script>", "", "un <b>gras</b>"]);
    }

    #[test]
    fn entities_cannot_smuggle_controls() {
        let out = plain("a &#x1b;[2J &#x202E;b &#x9b; `&#x1b;` [x](&#x1b;y)", 80).join("\n");
        assert!(!out.chars().any(|c| c.is_control() && c != '\n'));
        assert!(!out.contains('\u{202E}'));
    }

    #[test]
    fn adversarial_inputs_do_not_panic() {
        let deep_quote = "> ".repeat(10) + "profond";
        let deep_list: String = (0..10).map(|i| format!("{}- niveau {i}\n", "  ".repeat(i))).collect();
        let very_deep_quote = ">".repeat(100_000);
        let very_deep_list = "- ".repeat(20_000) + "x";
        let huge_word = "a".repeat(100_000);
        let inputs = [
            "",
            "   \n\t\n  ",
            "*a **b _c ~~d `e",
            "[^undefined] et [lien sans fin(",
            "[^a]: def sans ref",
            "[^a]\n\n[^a]: x[^a]\n[^a]: doublon",
            &deep_quote,
            &deep_list,
            &very_deep_quote,
            &very_deep_list,
            &huge_word,
            "```\nnon fermé",
            "<div>\n<p>html",
            "\u{202E}\u{200B}\x1b[31m\r\n\r\n",
            "日本語のテキスト 🇫🇷 ❤️ e\u{301}",
            "1. a\n2. b\n18446744073709551615. max\n",
            "| a | b |\n|---|---|\n| 1 | 2 |",
            "![alt](https://img.example/x.png) [![i](a)](b)",
        ];
        for src in inputs {
            for width in [0, 1, 2, 3, 5, 40] {
                let _ = plain(src, width);
            }
        }
        assert!(plain("", 40).is_empty());
        assert!(plain("  \n\n ", 40).is_empty());
        let out = plain(&huge_word, 80);
        assert_eq!(out.len(), 100_000_usize.div_ceil(80));
        let deep = plain(&deep_quote, 5);
        assert_eq!(deep.first().map(String::as_str), Some("│ │ p"));
        assert_eq!(deep.concat().replace("│ ", ""), "profond");
    }

    #[test]
    fn lines_to_plain_trims_and_unbreaks() {
        let lines = vec![Line::from(vec![Span::raw("a\u{a0}:"), Span::raw("  ")]), Line::default()];
        assert_eq!(lines_to_plain(&lines), vec!["a :".to_string(), String::new()]);
    }
}
