//! « Since your last visit »: what a member missed, as the first screen after they log in
//! shows it. The store gathers it (see `store::catchup`).

use crate::domain::event::AgendaNews;
use crate::domain::{ArticleSummary, Comment};

/// What happened since a date, from one member's point of view.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CatchUp {
    /// Articles published since, newest first.
    pub new_articles: Vec<ArticleSummary>,
    /// Published replies by others to the member's comments, oldest first, with the title
    /// of their article.
    pub replies: Vec<(Comment, String)>,
    /// Articles the member commented on that others have commented on since:
    /// (article id, title, how many new comments), most active first.
    pub active: Vec<(i64, String, i64)>,
    /// New meetups near the member, those they go to soon, those cancelled.
    pub agenda: AgendaNews,
    /// Private messages not read yet: (sender's handle, how many), most recent first.
    pub messages: Vec<(String, i64)>,
}

impl CatchUp {
    pub fn is_empty(&self) -> bool {
        self.new_articles.is_empty()
            && self.replies.is_empty()
            && self.active.is_empty()
            && self.agenda.is_empty()
            && self.messages.is_empty()
    }
}
