//! What a search of the bulletin finds: articles and comments, with an excerpt whose
//! matched words are marked.

use std::ops::Range;

use chrono::{DateTime, Utc};
use serde::Serialize;

/// The most hits a search shows: the store reads this page and no more.
pub const SEARCH_PAGE: usize = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HitKind {
    Article,
    Comment,
}

/// One hit. The serialized fields are the JSON interface of `search --json`: keep them, and
/// add none without a `skip`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    pub article_id: i64,
    /// `None` for an article.
    pub comment_id: Option<i64>,
    /// The article's title, cleaned.
    pub title: String,
    /// A few words around the best match, cleaned, on one line.
    pub excerpt: String,
    /// The article's date, or the comment's.
    pub published_at: DateTime<Utc>,
    #[serde(skip)]
    pub rubrique: String,
    /// Who wrote the comment (empty for an article), cleaned.
    #[serde(skip)]
    pub author: String,
    /// The matched words in `excerpt`, as byte ranges in order.
    #[serde(skip)]
    pub marks: Vec<Range<usize>>,
}

impl SearchHit {
    /// The excerpt in pieces, each with whether it is a matched word: what a screen styles.
    pub fn pieces(&self) -> Vec<(&str, bool)> {
        let mut out = Vec::new();
        let mut at = 0;
        for m in &self.marks {
            let (Some(before), Some(word)) = (self.excerpt.get(at..m.start), self.excerpt.get(m.clone()))
            else {
                break;
            };
            if !before.is_empty() {
                out.push((before, false));
            }
            out.push((word, true));
            at = m.end;
        }
        if let Some(rest) = self.excerpt.get(at..)
            && !rest.is_empty()
        {
            out.push((rest, false));
        }
        out
    }
}

/// A search as it is asked: the words typed, and the rubrique the list is filtered by.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct SearchQuery {
    pub words: String,
    pub rubrique: Option<String>,
}

/// The start and end of a matched word in an excerpt as the store's snippet marks them:
/// characters nobody types and that cleaning would remove anyway.
pub const MARK_START: char = '\u{2}';
pub const MARK_END: char = '\u{3}';

/// An excerpt marked with [`MARK_START`] and [`MARK_END`] as clean one-line text and the
/// ranges of its marked words. Each piece is cleaned on its own, so nothing the text held
/// survives as a control, and a marker typed into a comment marks nothing.
pub fn marked_excerpt(raw: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut marks = Vec::new();
    for (i, part) in raw.split(MARK_START).enumerate() {
        let (word, rest) = match (i, part.split_once(MARK_END)) {
            (0, _) | (_, None) => ("", part),
            (_, Some((word, rest))) => (word, rest),
        };
        let word = crate::text::clean::clean_line(&unmarked(word));
        if !word.is_empty() {
            let start = text.len();
            text.push_str(&word);
            marks.push(start..text.len());
        }
        text.push_str(&one_line(rest, text.is_empty()));
    }
    (text, marks)
}

/// A piece between marked words on one line, the spaces at its edges kept as one (cleaning
/// trims them), except at the very start of the excerpt.
fn one_line(s: &str, first: bool) -> String {
    let s = &unmarked(s);
    let cleaned = crate::text::clean::clean_line(s);
    let lead = if !first && s.starts_with(char::is_whitespace) { " " } else { "" };
    let trail = if !cleaned.is_empty() && s.ends_with(char::is_whitespace) { " " } else { "" };
    format!("{lead}{cleaned}{trail}")
}

/// A piece of Markdown as the words a reader sees: emphasis (`*`), code, heading and quote
/// marks and the addresses of links left out (`**mobilité**`, `[Biovallée](https://…)` →
/// `Biovallée`).
/// An excerpt is a few words on one line, not a document to render.
fn unmarked(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("](") {
            // A link's address, to its closing parenthesis (or the piece's end).
            rest = after.find(')').map_or("", |end| &after[end + 1..]);
            continue;
        }
        let at_word_start = out.is_empty() || out.ends_with(char::is_whitespace);
        match c {
            '*' | '`' | '[' | ']' => {}
            '#' if at_word_start => {}
            '>' if out.trim().is_empty() => {}
            c => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_become_ranges_and_controls_go() {
        let raw = "Le \u{2}cœur\u{3} de l'\u{2}événement\u{3}\n\u{1b}[2J est là…";
        let (text, marks) = marked_excerpt(raw);
        assert_eq!(text, "Le cœur de l'événement 2J est là…");
        let words: Vec<&str> = marks.iter().map(|m| &text[m.clone()]).collect();
        assert_eq!(words, ["cœur", "événement"]);
    }

    #[test]
    fn markdown_marks_are_left_out() {
        let raw = "la **\u{2}mobilité\u{3}** et l'[association \u{2}Biovallée\u{3}](https://biovallee.net), créée… ## Le trajet";
        let (text, marks) = marked_excerpt(raw);
        assert_eq!(text, "la mobilité et l'association Biovallée, créée… Le trajet");
        let words: Vec<&str> = marks.iter().map(|m| &text[m.clone()]).collect();
        assert_eq!(words, ["mobilité", "Biovallée"]);
        assert_eq!(marked_excerpt("snake_case #1 C#").0, "snake_case 1 C#");
    }

    #[test]
    fn pieces_alternate_plain_and_marked() {
        let (excerpt, marks) = marked_excerpt("a \u{2}b\u{3} c");
        let hit = SearchHit {
            kind: HitKind::Article,
            article_id: 1,
            comment_id: None,
            title: String::new(),
            excerpt,
            published_at: DateTime::default(),
            rubrique: String::new(),
            author: String::new(),
            marks,
        };
        assert_eq!(hit.pieces(), [("a ", false), ("b", true), (" c", false)]);
    }
}
