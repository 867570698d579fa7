//! The members' directory and private messages: what a published profile says, and the
//! rules its fields follow. No I/O: the store checks these inside its transactions.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::space::Commune;
use crate::text::clean::clean_line;

/// Most skills on one profile: a profile, not a CV.
pub const MAX_SKILLS: usize = 12;
/// Longest skill tag, in characters.
pub const SKILL_MAX: usize = 32;
/// Longest presentation, in characters: a few lines on a card.
pub const PRESENTATION_MAX: usize = 400;
/// Messages of a conversation loaded at once: the newest ones.
pub const THREAD_LIMIT: usize = 200;
/// Messages before a reported one that the moderators see with it.
pub const REPORT_CONTEXT: usize = 4;
/// Longest reason given with a report, in characters: a line saying why, not a letter.
pub const REPORT_REASON_MAX: usize = 200;
/// Reports one member may make in 24 hours: more than anyone harassed needs in a day (they
/// can also block), few enough that one member cannot bury the moderators' list.
pub const MAX_REPORTS_PER_DAY: i64 = 10;

/// Why a report was not taken. Messages for people are in `i18n`; these are for logs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// Not a message the member received and could read.
    #[error("no such message")]
    NotFound,
    /// The member already reported this message: nothing new for the moderators.
    #[error("already reported")]
    Already,
    #[error("too many reports in a day: {0} at most")]
    TooMany(i64),
    #[error("database error: {0}")]
    Store(String),
}

/// How a member works. The codes are stored and part of the JSON output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorkStatus {
    Independant,
    Salarie,
    Association,
    Entreprise,
}

impl WorkStatus {
    pub const ALL: [WorkStatus; 4] =
        [WorkStatus::Independant, WorkStatus::Salarie, WorkStatus::Association, WorkStatus::Entreprise];

    pub fn code(self) -> &'static str {
        match self {
            WorkStatus::Independant => "independant",
            WorkStatus::Salarie => "salarie",
            WorkStatus::Association => "association",
            WorkStatus::Entreprise => "entreprise",
        }
    }

    pub fn parse(s: &str) -> Option<WorkStatus> {
        let s = crate::domain::space::fold(s);
        WorkStatus::ALL.into_iter().find(|w| w.code() == s || s.starts_with(w.code()))
    }

    /// The next one in a cycle that passes through « none ».
    pub fn cycle(current: Option<WorkStatus>) -> Option<WorkStatus> {
        match current {
            None => Some(WorkStatus::ALL[0]),
            Some(w) => {
                WorkStatus::ALL.iter().position(|x| *x == w).and_then(|i| WorkStatus::ALL.get(i + 1)).copied()
            }
        }
    }
}

/// What a member is open to. Stored as codes separated by spaces, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OpenTo {
    Coworking,
    Collaboration,
    Mentorat,
    Covoiturage,
}

impl OpenTo {
    pub const ALL: [OpenTo; 4] =
        [OpenTo::Coworking, OpenTo::Collaboration, OpenTo::Mentorat, OpenTo::Covoiturage];

    pub fn code(self) -> &'static str {
        match self {
            OpenTo::Coworking => "coworking",
            OpenTo::Collaboration => "collaboration",
            OpenTo::Mentorat => "mentorat",
            OpenTo::Covoiturage => "covoiturage",
        }
    }

    pub fn parse(s: &str) -> Option<OpenTo> {
        OpenTo::ALL.into_iter().find(|o| o.code() == s)
    }

    /// Codes as stored, unknown ones dropped, in the fixed order.
    pub fn parse_list(s: &str) -> Vec<OpenTo> {
        let mut list: Vec<OpenTo> = s.split_whitespace().filter_map(OpenTo::parse).collect();
        list.sort_by_key(|o| OpenTo::ALL.iter().position(|x| x == o));
        list.dedup();
        list
    }

    pub fn codes(list: &[OpenTo]) -> String {
        OpenTo::ALL.iter().filter(|o| list.contains(o)).map(|o| o.code()).collect::<Vec<_>>().join(" ")
    }
}

/// What a member says about themselves in the directory. Nothing of it is shown to anyone
/// until `published` is set; clearing it hides the profile at once.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NetProfile {
    pub published: bool,
    pub commune_insee: Option<String>,
    /// The commune's name, for display (joined by the store).
    pub commune: Option<String>,
    pub status: Option<WorkStatus>,
    pub skills: Vec<String>,
    pub open_to: Vec<OpenTo>,
    pub presentation: String,
    /// Whether « qui est connecté » may show the member while they are connected.
    pub visible_online: bool,
}

/// A published profile as others see it in the directory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberCard {
    pub user_id: i64,
    pub handle: String,
    pub commune: Option<String>,
    pub departement: Option<String>,
    pub status: Option<WorkStatus>,
    pub skills: Vec<String>,
    pub open_to: Vec<OpenTo>,
    pub presentation: String,
    /// Connected now, and willing to be seen so.
    pub online: bool,
    /// From the commune searched near, in km.
    pub distance_km: Option<f64>,
    #[serde(skip)]
    pub lat: Option<f64>,
    #[serde(skip)]
    pub lon: Option<f64>,
}

/// One private message, from the point of view of a member of its conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub id: i64,
    pub sender_id: i64,
    pub sender: String,
    pub recipient_id: i64,
    pub body: String,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// A line of the conversations list.
#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub other_id: i64,
    pub other: String,
    pub last_at: DateTime<Utc>,
    /// The last message's first line, whoever wrote it.
    pub last_body: String,
    pub last_mine: bool,
    pub unread: i64,
    /// The member blocked the other one.
    pub blocked: bool,
}

/// One conversation as its member reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub other_id: i64,
    pub other: String,
    /// The member blocked the other one: nothing from them arrives any more.
    pub blocked: bool,
    /// Oldest first, the newest [`THREAD_LIMIT`] at most.
    pub messages: Vec<Message>,
    /// The messages of this conversation the member already reported: `!` on one says so
    /// at once instead of asking why again.
    pub reported: Vec<i64>,
}

/// A report's reason as it is kept: one line, cleaned, at most [`REPORT_REASON_MAX`]
/// characters.
pub fn report_reason(raw: &str) -> String {
    clean_line(raw).trim().chars().take(REPORT_REASON_MAX).collect::<String>().trim_end().to_string()
}

/// What a member has not read yet, for the top bar and the notice of a new message.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Inbox {
    pub unread: i64,
    /// The newest unread message: its id and its sender's handle.
    pub latest: Option<(i64, String)>,
}

/// One change to a member's own profile.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileField {
    Published(bool),
    /// An INSEE code, or `None` to say nothing of where one lives.
    Commune(Option<String>),
    Status(Option<WorkStatus>),
    /// As typed: « rust, sysadmin » (see `parse_skills`).
    Skills(String),
    OpenTo(Vec<OpenTo>),
    Presentation(String),
    VisibleOnline(bool),
}

/// What the directory is asked for. Empty: every published profile, newest first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MemberQuery {
    pub skill: Option<String>,
    pub status: Option<WorkStatus>,
    pub near: Option<Commune>,
    pub within_km: Option<f64>,
    /// Only those connected now who accept to be seen so.
    pub online_only: bool,
}

/// Skills typed as « Rust, sysadmin ; design UI »: cleaned, lower case, each at most
/// [`SKILL_MAX`] characters, duplicates and empties removed, at most [`MAX_SKILLS`].
pub fn parse_skills(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in input.split([',', ';', '\n']) {
        let tag: String = clean_line(raw).split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        let tag: String = tag.chars().take(SKILL_MAX).collect::<String>().trim().to_string();
        if tag.is_empty() || out.iter().any(|t| skill_matches(t, &tag)) {
            continue;
        }
        out.push(tag);
        if out.len() == MAX_SKILLS {
            break;
        }
    }
    out
}

/// Whether two tags are the same one, whatever the accents, case and hyphens
/// (« développement web » and « Developpement-Web »): a profile keeps one of them.
pub fn skill_matches(tag: &str, wanted: &str) -> bool {
    let (tag, wanted) = (crate::domain::space::fold(tag), crate::domain::space::fold(wanted));
    !wanted.is_empty() && tag == wanted
}

/// Whether a profile's tags answer a skill search, the way the spaces directory answers
/// words: whatever the accents and case, each word a word of some tag, the last one the
/// start of one, since people type the beginning of a word and tags are written by others
/// (« telecom » finds « télécoms », « développement » finds « développement web »).
pub fn skills_answer(tags: &[String], wanted: &str) -> bool {
    let wanted = crate::domain::space::fold(wanted);
    let words: Vec<&str> = wanted.split(' ').filter(|w| !w.is_empty()).collect();
    let Some((last, whole)) = words.split_last() else { return false };
    let folded: Vec<String> = tags.iter().map(|t| crate::domain::space::fold(t)).collect();
    let tag_words: Vec<&str> = folded.iter().flat_map(|t| t.split(' ')).collect();
    whole.iter().all(|w| tag_words.contains(w)) && tag_words.iter().any(|t| t.starts_with(last))
}

/// The presentation to store: cleaned, trimmed, cut at [`PRESENTATION_MAX`] characters.
pub fn clean_presentation(input: &str) -> String {
    let text = crate::text::clean::clean_text(input);
    text.trim().chars().take(PRESENTATION_MAX).collect::<String>().trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skills_are_cleaned_and_deduplicated() {
        assert_eq!(
            parse_skills(" Rust, sysadmin ;rust; \u{1b}[2JDesign  UI,, "),
            vec!["rust", "sysadmin", "[2jdesign ui"]
        );
        assert_eq!(parse_skills(&"a,".repeat(40)).len(), 1);
        let many: String = (0..30).map(|i| format!("t{i},")).collect();
        assert_eq!(parse_skills(&many).len(), MAX_SKILLS);
        assert!(skill_matches("développement-web", "Developpement web"));
        assert!(!skill_matches("rust", ""));
        let tags = ["télécoms".to_string(), "Développement web".to_string()];
        for found in ["telecom", "TÉLÉ", "développement", "developpement web", "web", "web télécoms"] {
            assert!(skills_answer(&tags, found), "{found}");
        }
        for not in ["", " ", "coms", "dev web", "rust", "développement mobile"] {
            assert!(!skills_answer(&tags, not), "{not}");
        }
    }

    #[test]
    fn statuses_and_openings_round_trip() {
        for w in WorkStatus::ALL {
            assert_eq!(WorkStatus::parse(w.code()), Some(w));
        }
        assert_eq!(WorkStatus::parse("Salarié"), Some(WorkStatus::Salarie));
        assert_eq!(WorkStatus::cycle(Some(WorkStatus::Entreprise)), None);
        assert_eq!(
            OpenTo::parse_list("mentorat bogus coworking mentorat"),
            vec![OpenTo::Coworking, OpenTo::Mentorat]
        );
        assert_eq!(OpenTo::codes(&[OpenTo::Covoiturage, OpenTo::Coworking]), "coworking covoiturage");
    }

    #[test]
    fn presentations_are_cut_and_cleaned() {
        assert_eq!(clean_presentation(" Bonjour\u{202e} !\n"), "Bonjour !");
        assert_eq!(clean_presentation(&"é".repeat(500)).chars().count(), PRESENTATION_MAX);
    }
}
