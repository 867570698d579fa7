//! The reader's `s`: the commands that pass this article on — the one that opens it, the
//! one that lists its comments with their numbers, and, for the chosen comment, the one
//! that answers it (`reply N`, the only command that takes a comment's number) — with the
//! address members type to come here.

use super::modal::Modal;
use super::{App, Loading};
use crate::domain::CommentStatus;
use crate::ui::event::Effect;

/// What the box says: each line a label, and the command to type under it if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub lines: Vec<(String, Option<String>)>,
}

/// A word as a POSIX shell reads it back: as it is when it is plain, single-quoted
/// otherwise. Slugs are plain when the bulletin made them; an imported one may not be.
fn shell_word(word: &str) -> String {
    if !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

impl App {
    pub(super) fn share(&mut self) -> Vec<Effect> {
        let Loading::Ready(article) = &self.reader.article else {
            return Vec::new();
        };
        let k = self.lang.k();
        let ssh = format!("ssh {}", self.public_address);
        let slug = shell_word(&crate::text::clean_line(&article.summary.slug));
        let mut lines = vec![
            (k.share_read.to_string(), Some(format!("{ssh} read {slug}"))),
            (k.share_comments.to_string(), Some(format!("{ssh} comments {slug}"))),
        ];
        match self.reader.selected_comment() {
            Some(c) if c.status != CommentStatus::Deleted => {
                lines.push((self.lang.share_comment(c.id), Some(format!("echo '…' | {ssh} reply {}", c.id))));
            }
            _ if self.comment_count() > 0 => lines.push((k.share_pick.to_string(), None)),
            _ => {}
        }
        self.modal = Some(Modal::Share(Share { lines }));
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::shell_word;

    #[test]
    fn odd_slugs_are_quoted_for_the_shell() {
        assert_eq!(shell_word("la-fibre-arrive"), "la-fibre-arrive");
        assert_eq!(shell_word("l'été; rm"), r"'l'\''été; rm'");
        assert_eq!(shell_word(""), "''");
    }
}
