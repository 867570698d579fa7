//! The strings of following: « nouveau » in threads, the live notices, the summary
//! « Depuis votre dernière visite » and `news` without a pty.

use super::Lang;
use crate::domain::catchup::{NewsItem, NewsKind, excerpt};
use crate::domain::follow::{Notice, NoticeKind};
use crate::text::clean::clean_line;

pub struct FollowStrings {
    /// The mark of a comment new to the member, in the reader.
    pub new_comment: &'static str,
    pub no_more_new: &'static str,
    pub nothing_new: &'static str,
    pub news_empty: &'static str,
    pub keys_catch_up: &'static [(&'static str, &'static str)],
}

pub static FR: FollowStrings = FollowStrings {
    new_comment: "nouveau",
    no_more_new: "Plus de commentaire nouveau plus bas.",
    nothing_new: "Rien de nouveau pour vous depuis votre dernière visite.",
    news_empty: "Rien de nouveau pour vous.",
    keys_catch_up: &[("↑↓", "choisir"), ("Entrée", "y aller"), ("Échap", "fermer")],
};

pub static EN: FollowStrings = FollowStrings {
    new_comment: "new",
    no_more_new: "No new comment further down.",
    nothing_new: "Nothing new for you since your last visit.",
    news_empty: "Nothing new for you.",
    keys_catch_up: &[("↑↓", "choose"), ("Enter", "go there"), ("Esc", "close")],
};

/// Characters of a comment quoted on the status line.
const QUOTE: usize = 60;

impl Lang {
    pub fn f(self) -> &'static FollowStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// « · 2 nouveaux » after a thread's count in the list.
    pub fn new_comments(self, n: i64) -> String {
        match (self, n) {
            (Lang::Fr, 1) => "1\u{a0}nouveau".into(),
            (Lang::Fr, n) => format!("{n}\u{a0}nouveaux"),
            (Lang::En, n) => format!("{n}\u{a0}new"),
        }
    }

    /// A quotation: « … » in French, “…” in English.
    fn quote(self, text: &str) -> String {
        match self {
            Lang::Fr => format!("«\u{a0}{text}\u{a0}»"),
            Lang::En => format!("“{text}”"),
        }
    }

    /// What the status line says when a notice arrives. Every name and text is cleaned.
    pub fn notice_text(self, n: &Notice) -> String {
        let actor = match clean_line(&n.actor) {
            a if a.is_empty() => "?".to_string(),
            a => a,
        };
        let title = self.quote(&excerpt(&clean_line(&n.title), QUOTE));
        let said = self.quote(&excerpt(&clean_line(&n.excerpt), QUOTE));
        match (self, n.kind) {
            (Lang::Fr, NoticeKind::Reply) => format!("{actor} vous a répondu\u{a0}: {said}"),
            (Lang::En, NoticeKind::Reply) => format!("{actor} replied to you: {said}"),
            (Lang::Fr, NoticeKind::Mention) => format!("{actor} vous a mentionné dans {title}\u{a0}: {said}"),
            (Lang::En, NoticeKind::Mention) => format!("{actor} mentioned you in {title}: {said}"),
            (Lang::Fr, NoticeKind::Published) => format!("Votre commentaire est publié\u{a0}: {title}"),
            (Lang::En, NoticeKind::Published) => format!("Your comment is published: {title}"),
            (Lang::Fr, NoticeKind::Place) => format!("Une place s'est libérée pour vous\u{a0}: {title}"),
            (Lang::En, NoticeKind::Place) => format!("A place was freed for you: {title}"),
        }
    }

    /// « membre2 », « membre2 et membre3 », « a, b et 2 autres ».
    pub fn names(self, names: &[String]) -> String {
        let (and, others) = match self {
            Lang::Fr => (" et ", "autres"),
            Lang::En => (" and ", "others"),
        };
        match names {
            [] => String::new(),
            [one] => one.clone(),
            [a, b] => format!("{a}{and}{b}"),
            [a, b, c] => format!("{a}, {b}{and}{c}"),
            [a, b, rest @ ..] => format!("{a}, {b}{and}{}\u{a0}{others}", rest.len()),
        }
    }

    /// What an item of the summary is, before its title: « 3 réponses de membre2 et membre3 ».
    pub fn news_lead(self, item: &NewsItem) -> String {
        let who = self.names(&item.authors);
        let n = item.count;
        let fr = self == Lang::Fr;
        match item.kind {
            NewsKind::Reply if fr && n == 1 => format!("Réponse de {who}"),
            NewsKind::Reply if fr => format!("{n}\u{a0}réponses de {who}"),
            NewsKind::Reply if n == 1 => format!("Reply from {who}"),
            NewsKind::Reply => format!("{n}\u{a0}replies from {who}"),
            NewsKind::Mention if fr && n == 1 => format!("{who} vous mentionne"),
            NewsKind::Mention if fr => format!("{n}\u{a0}mentions de {who}"),
            NewsKind::Mention if n == 1 => format!("{who} mentioned you"),
            NewsKind::Mention => format!("{n}\u{a0}mentions by {who}"),
            NewsKind::Published if fr && n == 1 => "Votre commentaire est publié".into(),
            NewsKind::Published if fr => format!("{n}\u{a0}de vos commentaires sont publiés"),
            NewsKind::Published if n == 1 => "Your comment is published".into(),
            NewsKind::Published => format!("{n}\u{a0}of your comments are published"),
            NewsKind::Comments if fr && n == 1 => format!("1\u{a0}nouveau commentaire de {who}"),
            NewsKind::Comments if fr => format!("{n}\u{a0}nouveaux commentaires de {who}"),
            NewsKind::Comments if n == 1 => format!("1\u{a0}new comment by {who}"),
            NewsKind::Comments => format!("{n}\u{a0}new comments by {who}"),
            NewsKind::Article if fr => "Nouvel article".into(),
            NewsKind::Article => "New article".into(),
            NewsKind::Place if fr => "Une place s'est libérée pour vous".into(),
            NewsKind::Place => "A place was freed for you".into(),
            NewsKind::Soon if fr => "Bientôt, vous y allez".into(),
            NewsKind::Soon => "Soon, you are going".into(),
            NewsKind::Cancelled if fr => "Annulée, vous y alliez".into(),
            NewsKind::Cancelled => "Cancelled, you were going".into(),
            NewsKind::Meetup if fr => "Nouvelle rencontre près de chez vous".into(),
            NewsKind::Meetup => "New meetup near you".into(),
            NewsKind::Messages if fr && n == 1 => format!("1\u{a0}message de {who}"),
            NewsKind::Messages if fr => format!("{n}\u{a0}messages de {who}"),
            NewsKind::Messages if n == 1 => format!("1\u{a0}message from {who}"),
            NewsKind::Messages => format!("{n}\u{a0}messages from {who}"),
        }
    }

    /// One line of the summary: what it is, and the title it is about (the date for a
    /// meetup). Cleaned: names and titles are the members'.
    pub fn news_line(self, item: &NewsItem) -> String {
        let lead = self.news_lead(item);
        let title = clean_line(&item.title);
        match (item.kind, item.starts_at) {
            (NewsKind::Messages, _) => lead,
            (_, Some(at)) => format!("{lead} · {title} · {}", self.at_time(at)),
            _ => format!("{lead} · {title}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_who_in_both_languages() {
        let names: Vec<String> =
            ["membre2", "membre3", "sacha", "lou"].iter().map(|s| s.to_string()).collect();
        assert_eq!(Lang::Fr.names(&names[..2]), "membre2 et membre3");
        assert_eq!(Lang::En.names(&names[..3]), "membre2, membre3 and sacha");
        assert_eq!(Lang::Fr.names(&names), "membre2, membre3 et 2\u{a0}autres");
    }
}
