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
            },
            ColorDepth::Ansi16 => Palette {
                accent: Color::Yellow,
                lavender: Color::Magenta,
                muted: Color::DarkGray,
                bar_bg: Color::Blue,
                bar_fg: Color::White,
                sel_bg: Color::Blue,
                sel_fg: Color::White,
                code: Color::Green,
            },
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
