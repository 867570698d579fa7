//! « Since your last visit »: what is new for one member, one item a line, each leading
//! somewhere (a comment, a meetup, a conversation). The store gathers it (see
//! `store::catchup`); the first screen after login and `news` without a pty show it.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// What an item is. The names are part of the JSON interface (`news --json`): keep them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NewsKind {
    /// Replies to the member's comments in one article.
    Reply,
    /// Comments of one article that name the member.
    Mention,
    /// The member's comment, published after moderation.
    Published,
    /// Other new comments in an article where the member wrote.
    Comments,
    /// An article published since the last visit, not opened yet.
    Article,
    /// A place freed for the member at a meetup they waited for.
    Place,
    /// A meetup the member goes to, within 48 hours.
    Soon,
    /// A meetup the member was going to, cancelled.
    Cancelled,
    /// A new meetup near the commune of the member's profile.
    Meetup,
    /// Private messages not read yet, from one member.
    Messages,
}

/// Where Enter on an item goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewsTarget {
    /// The reader, at this comment when there is one.
    Article {
        article: i64,
        comment: Option<i64>,
    },
    Meetup(i64),
    /// The conversation with this member.
    Conversation(i64),
}

/// One line of the summary. Every text comes from members: cleaned before it is shown.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewsItem {
    pub kind: NewsKind,
    /// The article's or the meetup's title; for messages, the sender's handle.
    pub title: String,
    /// Who wrote (handles), in the order they did, each once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<String>,
    /// How many comments or messages the line stands for (1 for an article or a meetup).
    pub count: i64,
    /// The start of the first comment or message of the line, or of the article.
    pub excerpt: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_id: Option<i64>,
    /// The first comment the line stands for: where the reader opens.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment_id: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_id: Option<i64>,
    /// The member of the conversation (messages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member_id: Option<i64>,
    /// When the meetup starts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<DateTime<Utc>>,
    /// The newest of what the line stands for.
    pub at: DateTime<Utc>,
    /// The notices the line stands for: seen once the member goes there.
    #[serde(skip)]
    pub notices: Vec<i64>,
}

impl NewsItem {
    pub fn new(kind: NewsKind, title: String, at: DateTime<Utc>) -> NewsItem {
        NewsItem {
            kind,
            title,
            authors: Vec::new(),
            count: 1,
            excerpt: String::new(),
            article_id: None,
            comment_id: None,
            event_id: None,
            member_id: None,
            starts_at: None,
            at,
            notices: Vec::new(),
        }
    }

    pub fn target(&self) -> Option<NewsTarget> {
        match (self.article_id, self.event_id, self.member_id) {
            (Some(article), _, _) => Some(NewsTarget::Article { article, comment: self.comment_id }),
            (_, Some(event), _) => Some(NewsTarget::Meetup(event)),
            (_, _, Some(member)) => Some(NewsTarget::Conversation(member)),
            _ => None,
        }
    }
}

/// What is new for one member, in the order the summary shows it: what concerns them in
/// the threads (grouped per article, the most recent article first), new articles, the
/// agenda, messages.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatchUp {
    pub items: Vec<NewsItem>,
}

impl CatchUp {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The start of a text on one line, for an excerpt: Markdown's heading and emphasis marks
/// dropped, runs of spaces and newlines made one space, at most `chars` characters.
pub fn excerpt(text: &str, chars: usize) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let word = word.trim_start_matches(['#', '>', '*', '_']).trim_end_matches(['*', '_']);
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.chars().count() >= chars {
            break;
        }
    }
    if out.chars().count() > chars {
        let cut: String = out.chars().take(chars.saturating_sub(1)).collect();
        return format!("{}…", cut.trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_one_short_line() {
        assert_eq!(
            excerpt("## Titre\n\nUn *texte*   sur\ndeux lignes.", 80),
            "Titre Un texte sur deux lignes."
        );
        assert_eq!(excerpt("abcdef ghijkl", 8), "abcdef…");
    }
}
