//! Articles of the bulletin as the UI and the commands see them.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// One line of the bulletin list. Field names are part of the JSON interface
/// (`articles --json`): keep them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub rubrique: String,
    pub author: String,
    pub published_at: DateTime<Utc>,
    /// Published comments under the article.
    pub comments: i64,
    /// Only meaningful for members; guests see every article as read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unread: Option<bool>,
}

/// An article with its Markdown body, for the reader.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    #[serde(flatten)]
    pub summary: ArticleSummary,
    pub body: String,
}

/// A new article as it comes from a Markdown file with front matter.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    pub slug: String,
    pub title: String,
    pub rubrique: String,
    pub author: String,
    pub body: String,
    pub published: bool,
    pub published_at: DateTime<Utc>,
}

/// Where an article stands for the admins. A scheduled article is published with a date to
/// come: it appears by itself when that date arrives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleState {
    Draft,
    Scheduled,
    Published,
}

impl ArticleState {
    pub fn of(published: bool, published_at: DateTime<Utc>, now: DateTime<Utc>) -> ArticleState {
        match (published, published_at > now) {
            (false, _) => ArticleState::Draft,
            (true, true) => ArticleState::Scheduled,
            (true, false) => ArticleState::Published,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ArticleState::Draft => "draft",
            ArticleState::Scheduled => "scheduled",
            ArticleState::Published => "published",
        }
    }
}

/// An article as the admin tools list it, whatever its state. Field names are part of the
/// JSON interface (`article list --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub rubrique: String,
    pub author: String,
    pub state: ArticleState,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Comments under the article, every status but deleted.
    pub comments: i64,
}

/// Turns a title into a slug: lowercase ASCII words joined by `-`, accents folded.
pub fn slugify(title: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    let mut dash = false;
    for c in title.nfd() {
        let c = match c {
            'œ' | 'Œ' => {
                out.push_str(if dash { "-oe" } else { "oe" });
                dash = false;
                continue;
            }
            'æ' | 'Æ' => {
                out.push_str(if dash { "-ae" } else { "ae" });
                dash = false;
                continue;
            }
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else if !c.is_ascii() && !c.is_alphanumeric() {
            // Combining accents left by NFD: drop them, they belong to the letter before.
        } else {
            dash = true;
        }
    }
    out.truncate(80);
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_fold_accents_and_ligatures() {
        assert_eq!(slugify("Le cœur de la Drôme : état des lieux !"), "le-coeur-de-la-drome-etat-des-lieux");
        assert_eq!(slugify("  Où télétravailler ?  "), "ou-teletravailler");
    }
}
