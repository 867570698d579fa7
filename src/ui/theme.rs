//! Colours and attributes for each colour depth. Every state stays readable without colour:
//! the selection is reversed, the unread marker is a glyph, headings are bold.

use ratatui::style::{Color, Modifier, Style};

use crate::text::markdown::MdStyles;
use crate::ui::colors::ColorDepth;

#[derive(Clone)]
pub struct Theme {
    pub depth: ColorDepth,
    pub base: Style,
    pub bar: Style,
    pub bar_key: Style,
    pub title: Style,
    pub accent: Style,
    pub muted: Style,
    pub selected: Style,
    pub unread: Style,
    /// The rivers on the map.
    pub river: Color,
    /// The départements' border on the map: a grey that stays behind the rivers.
    pub border: Color,
    pub md: MdStyles,
}

/// The palette: ochre of the Drôme cliffs, lavender, slate.
struct Palette {
    accent: Color,
    lavender: Color,
    muted: Color,
    bar_bg: Color,
    bar_fg: Color,
    sel_bg: Color,
    sel_fg: Color,
    code: Color,
    river: Color,
    border: Color,
}

impl Theme {
    pub fn new(depth: ColorDepth) -> Theme {
        let p = match depth {
            ColorDepth::None => return Theme::monochrome(),
            ColorDepth::TrueColor => Palette {
                accent: Color::Rgb(222, 146, 62),
                lavender: Color::Rgb(170, 150, 220),
                muted: Color::Rgb(140, 146, 160),
                bar_bg: Color::Rgb(44, 50, 66),
                bar_fg: Color::Rgb(220, 222, 230),
                sel_bg: Color::Rgb(62, 72, 98),
                sel_fg: Color::Rgb(255, 255, 255),
                code: Color::Rgb(150, 200, 160),
                river: Color::Rgb(90, 130, 180),
                border: Color::Rgb(128, 128, 128),
            },
            ColorDepth::Ansi256 => Palette {
                accent: Color::Indexed(173),
                lavender: Color::Indexed(141),
                muted: Color::Indexed(245),
                bar_bg: Color::Indexed(237),
                bar_fg: Color::Indexed(253),
                sel_bg: Color::Indexed(60),
                sel_fg: Color::Indexed(231),
                code: Color::Indexed(114),
                river: Color::Indexed(67),
                border: Color::Indexed(243),
            },
            // Sixteen colours are the member's own: each terminal has its own idea of them, on
            // a dark or a light background. xterm's blue (#0000EE, bright #5C5CFF) is dark on
            // black, its yellow, cyan and white pale on white: none of them is a foreground.
            // Red, green and magenta read on both; the bars are black on cyan, which reads on
            // both and stands apart from the text; the selection is the terminal's own colours
            // reversed, as without colour.
            ColorDepth::Ansi16 => return Theme::sixteen(),
        };
        let bold = Modifier::BOLD;
        Theme {
            depth,
            base: Style::default(),
            bar: Style::default().bg(p.bar_bg).fg(p.bar_fg),
            bar_key: Style::default().bg(p.bar_bg).fg(p.accent).add_modifier(bold),
            title: Style::default().add_modifier(bold),
            accent: Style::default().fg(p.accent),
            muted: Style::default().fg(p.muted),
            selected: Style::default().bg(p.sel_bg).fg(p.sel_fg),
            unread: Style::default().fg(p.accent).add_modifier(bold),
            river: p.river,
            border: p.border,
            md: MdStyles {
                text: Style::default(),
                heading1: Style::default().fg(p.accent).add_modifier(bold),
                heading2: Style::default().fg(p.accent).add_modifier(bold),
                heading3: Style::default().add_modifier(bold),
                emphasis: Style::default().add_modifier(Modifier::ITALIC),
                strong: Style::default().add_modifier(bold),
                code: Style::default().fg(p.code),
                code_block: Style::default().fg(p.code),
                quote: Style::default().fg(p.lavender),
                link: Style::default().add_modifier(Modifier::UNDERLINED),
                reference: Style::default().fg(p.muted),
                rule: Style::default().fg(p.muted),
                list_marker: Style::default().fg(p.accent),
            },
        }
    }

    /// The palette of [`ColorDepth::Ansi16`]: the nearest hues to the others (ochre to
    /// red, lavender to magenta) among the colours that read on every background.
    fn sixteen() -> Theme {
        let bold = Modifier::BOLD;
        let fg = |c: Color| Style::default().fg(c);
        let mut t = Theme::monochrome();
        t.depth = ColorDepth::Ansi16;
        t.bar = Style::default().bg(Color::Cyan).fg(Color::Black);
        t.bar_key = t.bar.add_modifier(bold);
        t.accent = fg(Color::Red);
        t.muted = fg(Color::DarkGray);
        t.unread = fg(Color::Red).add_modifier(bold);
        t.river = Color::Cyan;
        t.border = Color::DarkGray;
        let md = &mut t.md;
        md.heading1 = fg(Color::Red).add_modifier(bold);
        md.heading2 = md.heading1;
        md.code = fg(Color::Green);
        md.code_block = md.code;
        md.quote = fg(Color::Magenta);
        md.reference = t.muted;
        md.rule = t.muted;
        md.list_marker = fg(Color::Red);
        t
    }

    fn monochrome() -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        let rev = Style::default().add_modifier(Modifier::REVERSED);
        Theme {
            depth: ColorDepth::None,
            base: Style::default(),
            bar: rev,
            bar_key: rev.add_modifier(Modifier::BOLD),
            title: bold,
            accent: bold,
            muted: Style::default(),
            selected: rev,
            unread: bold,
            river: Color::Reset,
            border: Color::Reset,
            md: MdStyles {
                text: Style::default(),
                heading1: bold.add_modifier(Modifier::UNDERLINED),
                heading2: bold,
                heading3: bold,
                emphasis: Style::default().add_modifier(Modifier::ITALIC),
                strong: bold,
                code: Style::default(),
                code_block: Style::default(),
                quote: Style::default().add_modifier(Modifier::ITALIC),
                link: Style::default().add_modifier(Modifier::UNDERLINED),
                reference: Style::default(),
                rule: Style::default(),
                list_marker: Style::default(),
            },
        }
    }
}
