//! Every single-line input of the app (prompts, search lines, the fields of a form), drawn
//! the same way: the part of the text around the cursor that fits, and a ‹ or › at the side
//! where text is hidden, so that a long handle or address never seems cut.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

use crate::text::width::{grapheme_width, graphemes};
use crate::ui::theme::Theme;

/// What part of a line of `chars` (its graphemes, never cut) shows in `width` columns with
/// the cursor on grapheme `cursor`: (first shown, last shown + 1, text hidden on the left,
/// on the right).
pub fn window(chars: &[&str], cursor: usize, width: usize) -> (usize, usize, bool, bool) {
    let w = |g: &&str| grapheme_width(g);
    let total: usize = chars.iter().map(w).sum::<usize>() + 1;
    if total <= width {
        return (0, chars.len(), false, false);
    }
    let cursor = cursor.min(chars.len());
    // The cursor's own cell, and a marker on each side that hides text.
    let mut start = 0;
    let before: usize = chars[..cursor].iter().map(w).sum();
    if before + 1 + 1 > width {
        start = cursor;
        let mut used = 1;
        while start > 0 && used + w(&chars[start - 1]) + 2 <= width {
            start -= 1;
            used += w(&chars[start]);
        }
    }
    let left = start > 0;
    let room = width.saturating_sub(usize::from(left));
    let mut end = start;
    let mut used = 0;
    while end < chars.len() {
        let last = end + 1 == chars.len();
        // A › when more follows; the cursor's cell after the text when it is at the end.
        let need = used + w(&chars[end]) + usize::from(!last) + usize::from(last && cursor == chars.len());
        if need > room {
            break;
        }
        used += w(&chars[end]);
        end += 1;
    }
    (start, end, left, end < chars.len())
}

/// Draws `input` (its first line) in `area`, its cursor shown when `focused`.
pub fn draw(frame: &mut Frame<'_>, area: Rect, input: &TextArea<'static>, focused: bool, theme: &Theme) {
    let text = input.lines().first().cloned().unwrap_or_default();
    let cursor = input.cursor().1;
    draw_text(frame, area, &text, focused.then_some(cursor), theme.selected, theme);
}

/// Draws a line of `text` in `area` with `style`, the cursor at char `cursor` if any.
pub fn draw_text(
    frame: &mut Frame<'_>,
    area: Rect,
    text: &str,
    cursor: Option<usize>,
    style: Style,
    theme: &Theme,
) {
    let chars: Vec<&str> = graphemes(text).collect();
    // The cursor is a char offset; it shows on the whole grapheme it falls in.
    let cursor = cursor.map(|at| {
        let mut seen = 0;
        chars
            .iter()
            .take_while(|g| {
                seen += g.chars().count();
                seen <= at
            })
            .count()
    });
    let width = usize::from(area.width);
    if width == 0 {
        return;
    }
    let (start, end, left, right) = window(&chars, cursor.unwrap_or(0), width);
    let marker = style.patch(theme.accent);
    let mut spans = Vec::new();
    if left {
        spans.push(Span::styled("‹", marker));
    }
    for (i, g) in chars.iter().enumerate().take(end).skip(start) {
        let s = if cursor == Some(i) { style.add_modifier(Modifier::REVERSED) } else { style };
        spans.push(Span::styled(g.to_string(), s));
    }
    if cursor.is_some_and(|c| c >= end && !right) {
        spans.push(Span::styled(" ", style.add_modifier(Modifier::REVERSED)));
    }
    let line = Line::from(spans);
    frame.render_widget(Paragraph::new("").style(style), area);
    if right {
        let inner = Rect { width: area.width.saturating_sub(1), ..area };
        frame.render_widget(Paragraph::new(line).style(style), inner);
        let mark = Rect { x: area.x + area.width - 1, width: 1, ..area };
        frame.render_widget(Paragraph::new(Span::styled("›", marker)), mark);
    } else {
        frame.render_widget(Paragraph::new(line).style(style), area);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str, cursor: usize, width: usize) -> (String, bool, bool) {
        let chars: Vec<&str> = graphemes(text).collect();
        let (s, e, l, r) = window(&chars, cursor, width);
        (chars[s..e].concat(), l, r)
    }

    #[test]
    fn hidden_text_is_marked_on_its_side() {
        assert_eq!(shown("court", 5, 10), ("court".into(), false, false));
        // The cursor at the end of a long line: the end shows, the start is hidden.
        let (text, left, right) = shown("abcdefghijklmnop", 16, 8);
        assert!(left && !right && text.ends_with('p') && text.chars().count() <= 6, "{text}");
        // At the start: the end is hidden.
        let (text, left, right) = shown("abcdefghijklmnop", 0, 8);
        assert!(!left && right && text.starts_with('a') && text.chars().count() <= 7, "{text}");
        // In the middle: both.
        let (text, left, right) = shown("abcdefghijklmnopqrstuvwxyz", 13, 8);
        assert!(left && right && text.contains('n'), "{text}");
    }
}
