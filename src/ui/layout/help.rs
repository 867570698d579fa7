//! The help as lines in its box: measured by the App (how far it scrolls) and drawn by the
//! help screen.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::i18n::Lang;
use crate::text::{protect_french, wrap_plain};
use crate::ui::theme::Theme;

/// Width of the keys column.
const KEY_COL: usize = 19;

/// The box for a body `area`: centred, at most 76 columns, as tall as the text allows.
pub fn frame_for(lang: Lang, theme: &Theme, area: Rect) -> (Rect, Vec<Line<'static>>) {
    let width = area.width.saturating_sub(4).min(76);
    let lines = lines(lang, theme, usize::from(width).saturating_sub(4));
    let height = (lines.len() as u16 + 2).min(area.height);
    let rect =
        Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    (rect, lines)
}

fn lines(lang: Lang, theme: &Theme, text_cols: usize) -> Vec<Line<'static>> {
    let s = lang.s();
    let mut lines = vec![Line::default()];
    for (key, what) in s.help_body {
        if *key == "#" {
            if lines.len() > 1 {
                lines.push(Line::default());
            }
            lines.push(Line::from(Span::styled(format!(" {what}"), theme.title)));
            continue;
        }
        for (i, part) in
            wrap_plain(&protect_french(what), text_cols.saturating_sub(KEY_COL)).into_iter().enumerate()
        {
            let key = if i == 0 { *key } else { "" };
            lines.push(Line::from(vec![
                Span::styled(format!(" {key:<KEY_COL$}"), theme.accent),
                Span::raw(part),
            ]));
        }
    }
    lines.push(Line::default());
    for part in wrap_plain(&protect_french(s.help_footer), text_cols) {
        lines.push(Line::from(Span::styled(format!(" {part}"), theme.muted)));
    }
    lines
}

/// How far the help can scroll in the body `area`: zero when it fits.
pub fn max_scroll(lang: Lang, theme: &Theme, area: Rect) -> usize {
    let (rect, lines) = frame_for(lang, theme, area);
    lines.len().saturating_sub(usize::from(rect.height.saturating_sub(2)))
}
