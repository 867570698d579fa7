//! A member's public page: what their profile says when they published it, and what they
//! wrote in public (their articles, their published comments). The author's box at the end
//! of an article is drawn from it. No I/O: the store fills it.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::network::{OpenTo, WorkStatus};

/// Articles and comments a page lists, the most recent first.
pub const PAGE_ITEMS: usize = 10;
/// Other articles of the author under an article: a few, not their bibliography.
pub const BOX_ARTICLES: usize = 3;

/// The page of one member with a handle. Field names are part of the JSON interface
/// (`member HANDLE --json`): keep them. The profile's fields are empty unless `published`:
/// the directory's opt-in hides them here too.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberPage {
    #[serde(rename = "id")]
    pub user_id: i64,
    pub handle: String,
    /// Whether the member published their profile (and is not suspended).
    pub published: bool,
    pub commune: Option<String>,
    pub departement: Option<String>,
    pub status: Option<WorkStatus>,
    pub skills: Vec<String>,
    pub open_to: Vec<OpenTo>,
    /// `None` when not published or empty.
    pub presentation: Option<String>,
    /// Their published articles, newest first, [`PAGE_ITEMS`] at most.
    pub articles: Vec<AuthoredArticle>,
    /// Their published comments under published articles, newest first.
    pub comments: Vec<AuthoredComment>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthoredArticle {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub rubrique: String,
    pub published_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthoredComment {
    pub id: i64,
    pub article_id: i64,
    pub article_title: String,
    /// The comment's beginning, on one line.
    pub excerpt: String,
    pub created_at: DateTime<Utc>,
}

/// What `read --json` says of the member who signs an article (`author_profile`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorProfile {
    pub handle: String,
    /// The article's signature when it has one, else the handle.
    pub name: String,
    /// Only when the profile is published.
    pub presentation: Option<String>,
}

impl MemberPage {
    /// Whom the page shows: what `read --json` gives of the author of an article signed
    /// `signature` (its free-text `author`, maybe empty).
    pub fn author_profile(&self, signature: &str) -> AuthorProfile {
        let name = signature.trim();
        AuthorProfile {
            handle: self.handle.clone(),
            name: if name.is_empty() { self.handle.clone() } else { name.to_string() },
            presentation: self.presentation.clone(),
        }
    }

    /// The author's other articles, for the box under article `current`.
    pub fn other_articles(&self, current: i64) -> impl Iterator<Item = &AuthoredArticle> {
        self.articles.iter().filter(move |a| a.id != current).take(BOX_ARTICLES)
    }

    /// How many items can be chosen on the page: the articles, then the comments.
    pub fn items(&self) -> usize {
        self.articles.len() + self.comments.len()
    }
}

/// The beginning of a comment on one line, about `max` characters, cut at a word.
pub fn excerpt(body: &str, max: usize) -> String {
    let line = body.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let cut: String = line.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > max / 2 => cut[..at].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_stay_on_one_line_and_cut_at_a_word() {
        assert_eq!(excerpt("Bonjour\n\nà tous", 40), "Bonjour à tous");
        assert_eq!(excerpt("un deux trois quatre cinq", 12), "un deux…");
        assert_eq!(excerpt(&"é".repeat(30), 10), format!("{}…", "é".repeat(10)));
    }
}
