//! Following what happens to a member: how far they read inside each thread, and the notices
//! they get (a reply, a mention, a comment published after moderation, a place freed at a
//! meetup). The store keeps both; the reader and the summary read them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Comment, CommentStatus};

/// The most distinct handles one comment notifies: a comment naming the whole directory
/// costs a bounded write.
pub const MAX_MENTIONS: usize = 10;

/// What a notice is about. The names are part of the JSON interface (`news --json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NoticeKind {
    /// Someone replied to one of the member's comments.
    Reply,
    /// Someone wrote `@handle` in a published comment.
    Mention,
    /// The member's comment waited for a moderator and is now published.
    Published,
    /// The member was on a meetup's waiting list and now has a place.
    Place,
}

impl NoticeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoticeKind::Reply => "reply",
            NoticeKind::Mention => "mention",
            NoticeKind::Published => "published",
            NoticeKind::Place => "place",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeKind> {
        Some(match s {
            "reply" => NoticeKind::Reply,
            "mention" => NoticeKind::Mention,
            "published" => NoticeKind::Published,
            "place" => NoticeKind::Place,
            _ => return None,
        })
    }
}

/// One notice as a member reads it. Every text here comes from other members: cleaned
/// before it is shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: i64,
    pub kind: NoticeKind,
    /// The handle of who caused it; empty when nobody in particular did.
    pub actor: String,
    pub article_id: Option<i64>,
    pub comment_id: Option<i64>,
    pub event_id: Option<i64>,
    /// The article's or the meetup's title.
    pub title: String,
    /// The start of the comment's text (empty for a meetup).
    pub excerpt: String,
    /// When the meetup starts (a place freed).
    pub starts_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// A member's reading mark in one thread, with how many comments of others came after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThreadMark {
    pub article_id: i64,
    /// The id of the last comment seen (0: none yet).
    pub seen: i64,
    /// Published comments of others past the mark.
    pub new: i64,
}

/// The notices a member has not seen, as a session learns them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Notices {
    /// The newest notice of the whole server when this was read: what a session compares the
    /// next change with, so that it asks again only when some notice is newer.
    pub latest: i64,
    /// How many the member has not seen: the top bar's counter.
    pub unseen: i64,
    /// Those newer than what the session had, oldest first.
    pub fresh: Vec<Notice>,
}

/// The handles a comment mentions (`@camille`), lowercase, each once, in order of first
/// appearance, at most [`MAX_MENTIONS`]. An `@` inside a word (an e-mail address) is not a
/// mention.
pub fn mentions(body: &str) -> Vec<String> {
    let is_handle = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    let mut out: Vec<String> = Vec::new();
    let mut prev: Option<char> = None;
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let starts = c == '@' && !prev.is_some_and(|p| is_handle(p) || p == '@' || p == '.');
        prev = Some(c);
        if !starts {
            continue;
        }
        let rest = &body[i + 1..];
        let end = rest.find(|c: char| !is_handle(c)).unwrap_or(rest.len());
        // A handle never ends with a hyphen in prose (« @camille- »): drop trailing ones.
        let handle = rest[..end].trim_end_matches('-').to_ascii_lowercase();
        let n = handle.chars().count();
        if (super::member::HANDLE_MIN..=super::member::HANDLE_MAX).contains(&n) && !out.contains(&handle) {
            out.push(handle);
            if out.len() == MAX_MENTIONS {
                break;
            }
        }
        while chars.peek().is_some_and(|(_, c)| is_handle(*c)) {
            prev = chars.next().map(|(_, c)| c);
        }
    }
    out
}

/// Whether `c` is new to `viewer`, whose mark in its thread is `mark`: someone else's
/// published comment past the mark.
pub fn is_new(c: &Comment, mark: i64, viewer: Option<i64>) -> bool {
    c.id > mark && c.status == CommentStatus::Published && Some(c.author_id) != viewer
}

/// How far the mark may move once the comments in `seen` were on the member's screen: past
/// every comment of `thread` the member has seen, in id order, up to the first new one they
/// have not (`seen` sorted). A high-water mark cannot say « saw 5 and 9 but not 7 »; stopping at the first
/// gap never marks unseen a comment seen, only, at worst, leaves a seen one marked new.
pub fn advance(thread: &[Comment], mark: i64, viewer: Option<i64>, seen: &[i64]) -> i64 {
    let mut ids: Vec<(i64, bool)> =
        thread.iter().filter(|c| c.id > mark).map(|c| (c.id, is_new(c, mark, viewer))).collect();
    ids.sort_unstable();
    let mut out = mark;
    for (id, new) in ids {
        if new && seen.binary_search(&id).is_err() {
            break;
        }
        out = id;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_are_handles_after_an_at_sign() {
        assert_eq!(mentions("Merci @Camille et @sacha_26 !"), vec!["camille", "sacha_26"]);
        assert_eq!(mentions("écrire à camille@example.org"), Vec::<String>::new());
        assert_eq!(mentions("@camille, @camille et @x"), vec!["camille"]);
        assert_eq!(mentions("(@dominique-) @@double"), vec!["dominique"]);
        let many: String = (0..20).map(|i| format!("@membre{i} ")).collect();
        assert_eq!(mentions(&many).len(), MAX_MENTIONS);
    }

    fn comment(id: i64, author: i64) -> Comment {
        Comment {
            id,
            article_id: 1,
            parent_id: None,
            author_id: author,
            author: String::new(),
            body: String::new(),
            status: CommentStatus::Published,
            created_at: DateTime::default(),
            edited_at: None,
            depth: 0,
        }
    }

    #[test]
    fn the_mark_stops_at_the_first_new_comment_not_seen() {
        // In thread order a late reply (9) sits above older comments (5, 7).
        let thread = vec![comment(3, 2), comment(9, 2), comment(5, 2), comment(6, 1), comment(7, 2)];
        assert_eq!(advance(&thread, 3, Some(1), &[9]), 3);
        // 6 is the viewer's own: never new, never in the way.
        assert_eq!(advance(&thread, 3, Some(1), &[5, 9]), 6);
        assert_eq!(advance(&thread, 3, Some(1), &[5, 7, 9]), 9);
    }
}
