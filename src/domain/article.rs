//! Articles of the bulletin as the UI and the commands see them.

use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::follow::ThreadMark;

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

/// The published articles, newest first, as every session shares them (one copy for the
/// whole server, replaced on a change).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Published {
    /// With `unread` left out: that part is each member's own ([`ArticleList`]).
    pub items: Vec<ArticleSummary>,
    /// When the next scheduled article appears, if one is waiting.
    pub next_at: Option<DateTime<Utc>>,
}

/// The bulletin as one member sees it: the shared list, and which of its articles this
/// member has read — the only part a session keeps of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleList {
    shared: Arc<Published>,
    /// Ids of the articles read, sorted; `None` for a guest (nothing is marked unread).
    read: Option<Vec<i64>>,
    /// The member's reading marks inside the threads they opened, by article id.
    marks: Vec<ThreadMark>,
}

/// A list of summaries with their own unread marks, as one member's list: what tests and
/// tools that build a list by hand have.
impl From<Vec<ArticleSummary>> for ArticleList {
    fn from(items: Vec<ArticleSummary>) -> ArticleList {
        // Marks only matter where one says « unread »: without any, nothing is marked.
        let member = items.iter().any(|a| a.unread == Some(true));
        let read = member.then(|| items.iter().filter(|a| a.unread != Some(true)).map(|a| a.id).collect());
        let items = items.into_iter().map(|a| ArticleSummary { unread: None, ..a }).collect();
        ArticleList::new(Arc::new(Published { items, next_at: None }), read)
    }
}

impl ArticleList {
    pub fn new(shared: Arc<Published>, read: Option<Vec<i64>>) -> ArticleList {
        let read = read.map(|mut ids| {
            ids.sort_unstable();
            ids.dedup();
            ids
        });
        ArticleList { shared, read, marks: Vec::new() }
    }

    /// The member's reading marks, from the same query as their read articles: an article
    /// with a mark has been read.
    pub fn with_marks(shared: Arc<Published>, mut marks: Vec<ThreadMark>) -> ArticleList {
        marks.sort_unstable_by_key(|m| m.article_id);
        let read = marks.iter().map(|m| m.article_id).collect();
        ArticleList { marks, ..ArticleList::new(shared, Some(read)) }
    }

    fn mark(&self, id: i64) -> Option<&ThreadMark> {
        let at = self.marks.binary_search_by_key(&id, |m| m.article_id).ok()?;
        self.marks.get(at)
    }

    /// Comments of others in `id` the member has not seen, for an article they read.
    pub fn new_comments(&self, id: i64) -> Option<i64> {
        self.mark(id).map(|m| m.new).filter(|n| *n > 0)
    }

    /// The last comment of `id` the member has seen; `None` for an article they never
    /// opened (all of it is new: nothing inside is marked) and for a guest.
    pub fn seen_mark(&self, id: i64) -> Option<i64> {
        self.mark(id).map(|m| m.seen)
    }

    /// The reader moved the member's mark in `id`: the list says so before the store does.
    pub fn set_mark(&mut self, mark: ThreadMark) {
        match self.marks.binary_search_by_key(&mark.article_id, |m| m.article_id) {
            Ok(at) => {
                if let Some(m) = self.marks.get_mut(at)
                    && m.seen <= mark.seen
                {
                    *m = mark;
                }
            }
            Err(at) => self.marks.insert(at, mark),
        }
        self.mark_read(mark.article_id);
    }

    /// Keeps the marks of `older` (this session's) that are ahead of this list's: a list
    /// read while the last mark was still being saved would move it back.
    pub fn keep_marks_ahead(&mut self, older: &ArticleList) {
        for m in &older.marks {
            if self.mark(m.article_id).is_none_or(|mine| mine.seen < m.seen) {
                self.set_mark(*m);
            }
        }
    }

    pub fn items(&self) -> &[ArticleSummary] {
        &self.shared.items
    }

    /// `None` for a guest, who sees every article as read.
    pub fn unread(&self, id: i64) -> Option<bool> {
        self.read.as_ref().map(|read| read.binary_search(&id).is_err())
    }

    /// The member opened `id`: no longer unread here, before the store says so.
    pub fn mark_read(&mut self, id: i64) {
        if let Some(read) = self.read.as_mut()
            && let Err(at) = read.binary_search(&id)
        {
            read.insert(at, id);
        }
    }
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
    /// The member who signs it, by handle: their box ends the article. The free-text
    /// `author` stays as the signature when given (« Camille (Die) »).
    pub author_handle: Option<String>,
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
