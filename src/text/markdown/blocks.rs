//! Markdown events folded into a tree of blocks and inlines, before any layout.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use ratatui::style::{Modifier, Style};

use super::super::clean::{clean_line, clean_text};
use super::super::typo::protect_french;
use super::{MAX_NESTING, MdStyles};

/// Inline content of a paragraph or heading. Links and notes stay symbolic
/// until layout, where their numbers are assigned in reading order.
#[derive(Debug, Clone)]
pub(super) enum Inline {
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
pub(super) enum Block {
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
pub(super) enum FrameKind {
    Quote,
    List { start: Option<u64>, items: Vec<Vec<Block>>, loose: bool },
    Item,
    Note(String),
}

/// An open container while parsing, collecting its child blocks.
#[derive(Debug)]
pub(super) struct Frame {
    pub(super) kind: FrameKind,
    pub(super) blocks: Vec<Block>,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum InlineCtx {
    Para,
    Heading(HeadingLevel),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RawKind {
    Code,
    Html,
}

/// Turns the event stream into a block tree.
///
/// pulldown-cmark guarantees balanced start/end events, but nothing here
/// relies on it: a stray end pops nothing, and unclosed frames are closed at
/// the end, so a parser bug cannot become a panic.
pub(super) struct Builder<'s> {
    pub(super) styles: &'s MdStyles,
    pub(super) root: Vec<Block>,
    pub(super) stack: Vec<Frame>,
    pub(super) inline: Option<InlineCtx>,
    pub(super) inlines: Vec<Inline>,
    pub(super) inline_styles: Vec<Style>,
    /// Text not yet flushed, so that typography sees whole runs even when
    /// the parser splits them (soft breaks, entities, escapes).
    pub(super) pending: String,
    pub(super) link_urls: Vec<String>,
    pub(super) raw: Option<(RawKind, String)>,
    pub(super) notes: Vec<(String, Vec<Block>)>,
    /// Containers opened beyond [`MAX_NESTING`] and not yet closed.
    pub(super) suppressed: usize,
    /// A line break the writer typed stays a line break (comments), instead of joining
    /// the lines of a paragraph as Markdown does (articles).
    pub(super) keep_lines: bool,
}

impl<'s> Builder<'s> {
    pub(super) fn new(styles: &'s MdStyles) -> Self {
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
            keep_lines: false,
            notes: Vec::new(),
            suppressed: 0,
        }
    }

    pub(super) fn run(mut self, src: &str) -> (Vec<Block>, Vec<(String, Vec<Block>)>) {
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

    pub(super) fn inline_style(&self) -> Style {
        self.inline_styles.iter().fold(Style::new(), |acc, s| acc.patch(*s))
    }

    pub(super) fn flush_text(&mut self) {
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
    pub(super) fn ensure_inline(&mut self) {
        if self.inline.is_none() {
            self.inline = Some(InlineCtx::Para);
        }
    }

    pub(super) fn close_inline(&mut self) {
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

    pub(super) fn flush_raw(&mut self) {
        if let Some((kind, text)) = self.raw.take() {
            let text = clean_text(&text);
            self.push_block(match kind {
                RawKind::Code => Block::Code(text),
                RawKind::Html => Block::Html(text),
            });
        }
    }

    pub(super) fn push_block(&mut self, block: Block) {
        match self.stack.last_mut() {
            Some(frame) => frame.blocks.push(block),
            None => self.root.push(block),
        }
    }

    pub(super) fn push_frame(&mut self, kind: FrameKind) {
        self.close_inline();
        if self.stack.len() >= MAX_NESTING {
            self.suppressed += 1;
            return;
        }
        self.stack.push(Frame { kind, blocks: Vec::new() });
    }

    pub(super) fn pop_frame(&mut self) {
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
    pub(super) fn mark_loose(&mut self) {
        if let [.., list, item] = self.stack.as_mut_slice()
            && matches!(item.kind, FrameKind::Item)
            && let FrameKind::List { loose, .. } = &mut list.kind
        {
            *loose = true;
        }
    }

    pub(super) fn push_inline_style(&mut self, style: Style) {
        self.ensure_inline();
        self.inline_styles.push(style);
    }

    pub(super) fn event(&mut self, event: Event<'_>) {
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
                None if self.keep_lines => {
                    self.ensure_inline();
                    self.flush_text();
                    self.inlines.push(Inline::Break);
                }
                None => {
                    self.ensure_inline();
                    self.pending.push(' ');
                }
            },
            Event::HardBreak => {
                // The text before the break must land before it.
                self.ensure_inline();
                self.flush_text();
                self.inlines.push(Inline::Break);
            }
            Event::Rule => {
                self.close_inline();
                self.push_block(Block::Rule);
            }
            _ => {}
        }
    }

    pub(super) fn start(&mut self, tag: Tag<'_>) {
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

    pub(super) fn end(&mut self, tag: TagEnd) {
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
pub(super) fn note_key(label: &str) -> String {
    clean_line(label).to_lowercase()
}
