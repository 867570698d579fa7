//! Lines of plain text made of parts joined by « · » (a place, a distance, « ✓ vous y
//! allez »): a line breaks between two parts, never inside one that fits on a line, so that
//! a label is never split over two lines.

use unicode_width::UnicodeWidthStr;

use crate::text::typo::protect_french;
use crate::text::wrap::wrap_plain;

const SEPARATOR: &str = " · ";

/// `parts` joined by « · » in lines of `width` columns at most, with French spaces. A part
/// wider than a line alone is wrapped as text.
pub(super) fn wrap_parts<S: AsRef<str>>(parts: &[S], width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for part in parts.iter().map(|p| protect_french(p.as_ref())).filter(|p| !p.is_empty()) {
        if !line.is_empty() && line.width() + SEPARATOR.width() + part.width() <= width {
            line.push_str(SEPARATOR);
            line.push_str(&part);
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        let mut wrapped = wrap_plain(&part, width);
        line = wrapped.pop().unwrap_or_default();
        lines.extend(wrapped);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap_parts;

    fn plain(lines: Vec<String>) -> Vec<String> {
        lines.into_iter().map(|l| l.replace('\u{a0}', " ")).collect()
    }

    #[test]
    fn lines_break_between_parts() {
        let parts = [
            "L'Atelier du Glandasse, 6 rue Joseph Reynaud, 26150 Die",
            "0 km",
            "1 inscrit",
            "✓ vous y allez",
        ];
        assert_eq!(
            plain(wrap_parts(&parts, 74)),
            ["L'Atelier du Glandasse, 6 rue Joseph Reynaud, 26150 Die · 0 km · 1 inscrit", "✓ vous y allez"]
        );
        let long = "mot ".repeat(27);
        let lines = plain(wrap_parts(&[long.as_str(), "fin"], 20));
        assert!(lines.iter().all(|l| l.chars().count() <= 20), "{lines:?}");
        assert_eq!(lines.last().map(String::as_str), Some("mot mot · fin"));
    }
}
