//! Meetups: what an event is, who goes, and the text form members propose one with.

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use serde::Serialize;
use thiserror::Error;

use super::moment::{MomentError, parse_moment};

/// Longest title, in characters: one line of the list.
pub const TITLE_MAX: usize = 120;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 8000;
/// Largest capacity: beyond, « no limit » says the same.
pub const CAPACITY_MAX: i64 = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EventStatus {
    /// Proposed by a member, waiting for an admin.
    Proposed,
    Approved,
    Cancelled,
}

impl EventStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Proposed => "proposed",
            EventStatus::Approved => "approved",
            EventStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(s: &str) -> Option<EventStatus> {
        match s {
            "proposed" => Some(EventStatus::Proposed),
            "approved" => Some(EventStatus::Approved),
            "cancelled" => Some(EventStatus::Cancelled),
            _ => None,
        }
    }
}

/// Where a member stands for one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "rsvp", content = "position")]
pub enum Rsvp {
    No,
    Going,
    /// On the waiting list, at this position (1: next to get a place).
    Waiting(i64),
}

/// Where an event happens: a space of the directory, or an address in a commune.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Place {
    pub space_id: Option<i64>,
    /// The space's name, when it is one.
    pub space: Option<String>,
    pub address: String,
    pub postcode: String,
    pub commune: String,
    pub commune_insee: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

impl Place {
    /// One line: « La Filature du Quai, 4 quai… , 26400 Crest ».
    pub fn line(&self) -> String {
        let mut parts = Vec::new();
        if let Some(space) = &self.space {
            parts.push(space.clone());
        }
        if !self.address.is_empty() {
            parts.push(self.address.clone());
        }
        let town = format!("{} {}", self.postcode, self.commune).trim().to_string();
        if !town.is_empty() {
            parts.push(town);
        }
        parts.join(", ")
    }
}

/// An event as members see it. Field names are part of the JSON interface (`agenda --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    pub id: i64,
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub place: Place,
    pub description: String,
    /// The organiser's handle; `None`: the association.
    pub organiser: Option<String>,
    pub capacity: Option<i64>,
    pub status: EventStatus,
    /// Members with a place.
    pub going: i64,
    /// Members on the waiting list.
    pub waiting: i64,
    /// The viewer's answer (`no` for guests).
    #[serde(flatten)]
    pub mine: Rsvp,
    /// Handles of those going, in the order they answered; filled for one event only.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attendees: Vec<String>,
    /// Distance from the commune asked for, in km (`agenda --near`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub distance_km: Option<f64>,
}

impl Event {
    pub fn is_full(&self) -> bool {
        self.capacity.is_some_and(|c| self.going >= c)
    }
}

/// Why an answer or a proposal was refused. Messages for people are in `i18n`.
#[derive(Debug, Clone, Error, PartialEq)]
pub enum EventError {
    #[error("no such event")]
    NotFound,
    #[error("a handle is needed first")]
    NoHandle,
    #[error("this account is suspended")]
    Banned,
    #[error("this event is over")]
    Past,
    #[error("this event was cancelled")]
    Cancelled,
    #[error("this event waits for the association's approval")]
    NotApproved,
    #[error("{0}")]
    Invalid(ProposalError),
    #[error("too many proposals waiting: {0} at most")]
    TooMany(i64),
    #[error("database error: {0}")]
    Store(String),
}

/// What the « since your last visit » summary says about the agenda.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AgendaNews {
    /// Events approved since, near the commune of the member's profile (none without one),
    /// that they have not answered.
    pub new_events: Vec<Event>,
    /// Events they go to that start within 48 hours.
    pub soon: Vec<Event>,
    /// Events they had joined, cancelled since.
    pub cancelled: Vec<Event>,
}

impl AgendaNews {
    pub fn is_empty(&self) -> bool {
        self.new_events.is_empty() && self.soon.is_empty() && self.cancelled.is_empty()
    }
}

/// The Monday 00:00 (Paris) of the week of `at`.
pub fn monday_of(at: DateTime<Utc>) -> DateTime<Utc> {
    let local = at.with_timezone(&Paris);
    let day = local.date_naive() - Duration::days(i64::from(local.weekday().num_days_from_monday()));
    day.and_hms_opt(0, 0, 0)
        .and_then(|t| chrono::TimeZone::from_local_datetime(&Paris, &t).earliest())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or(at)
}

/// An event as proposed, before the store finds its place.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub title: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// A space of the directory, by name or id, as typed.
    pub space: Option<String>,
    pub address: String,
    /// A commune, by name or INSEE code, as typed.
    pub commune: Option<String>,
    pub capacity: Option<i64>,
    pub description: String,
}

/// The fields of a proposal, in the order a person fills them.
pub const FIELDS: [&str; 8] =
    ["title", "start", "end", "space", "address", "commune", "capacity", "description"];

/// The same fields in French, as the French form writes them; either name is read.
const FIELDS_FR: [&str; 8] =
    ["titre", "début", "fin", "espace", "adresse", "commune", "places", "description"];

/// The field a key names, in either language (`debut` without its accent too).
fn field_of(key: &str) -> Option<&'static str> {
    let key = key.trim().to_lowercase();
    let key = if key == "debut" { "début".to_string() } else { key };
    FIELDS
        .iter()
        .position(|f| *f == key)
        .or_else(|| FIELDS_FR.iter().position(|f| *f == key))
        .map(|i| FIELDS[i])
}

/// The text a member fills in to propose an event.
pub fn proposal_template(fr: bool) -> String {
    let help = if fr {
        "# Une rencontre : un champ par ligne, la description à la fin (aussi longue qu'il faut).\n\
         # début : 2026-12-10 09:00 (heure de Paris) ; fin : 11:00, ou une autre date et heure.\n\
         # espace : le nom d'un espace de l'annuaire ; sinon adresse et commune.\n\
         # places : combien au plus (vide : sans limite). Les lignes en # sont ignorées.\n\
         # Une rencontre proposée paraît dans l'agenda une fois validée par l'association.\n"
    } else {
        "# Propose a meetup: one field per line, the description last (as long as it needs).\n\
         # start: 2026-12-10 09:00 (Paris time); end: 11:00, or another date and time.\n\
         # space: the name of a space of the directory; otherwise address and commune.\n\
         # capacity: the number of places (empty: no limit). Lines starting with # are ignored.\n\
         # A proposed meetup appears in the agenda once the association approved it.\n"
    };
    let mut out = help.to_string();
    for f in if fr { FIELDS_FR } else { FIELDS } {
        out.push_str(f);
        out.push_str(if f == "description" { ":\n" } else { ": \n" });
    }
    out
}

/// What is wrong with a proposal's form: the field, the value. Said by `i18n` in the
/// reader's language, each field by its name there.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProposalError {
    #[error("{0}")]
    Form(super::form::FormError),
    #[error("title: missing")]
    NoTitle,
    #[error("title: longer than {TITLE_MAX} characters")]
    TitleTooLong,
    #[error("start: {0}")]
    BadStart(MomentError),
    #[error("start: {0} is past")]
    Past(String),
    #[error("end: {0}")]
    BadEnd(MomentError),
    #[error("end: before the start")]
    EndBeforeStart,
    #[error("end: more than two weeks after the start")]
    TooLong,
    #[error("capacity: « {0} » is not a number from 1 to {CAPACITY_MAX}")]
    BadCapacity(String),
    #[error("description: longer than {DESCRIPTION_MAX} characters")]
    DescriptionTooLong,
    #[error("space or commune: say where it happens")]
    NoPlace,
    #[error("space: « {0} » is not a space of the directory (its exact name, or its number)")]
    UnknownSpace(String),
    #[error("commune: « {0} » is not a commune of Drôme or Ardèche")]
    UnknownCommune(String),
}

/// A proposal's fields as typed, one string each: what the form holds, or what the text
/// form's lines say.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProposalFields {
    pub title: String,
    pub start: String,
    pub end: String,
    pub space: String,
    pub address: String,
    pub commune: String,
    pub capacity: String,
    pub description: String,
}

impl ProposalError {
    /// The field of the form the error is about (`None`: the form as a whole).
    pub fn field(&self) -> Option<&'static str> {
        use ProposalError as P;
        Some(match self {
            P::Form(_) => return None,
            P::NoTitle | P::TitleTooLong => "title",
            P::BadStart(_) | P::Past(_) => "start",
            P::BadEnd(_) | P::EndBeforeStart | P::TooLong => "end",
            P::BadCapacity(_) => "capacity",
            P::DescriptionTooLong => "description",
            P::NoPlace | P::UnknownSpace(_) => "space",
            P::UnknownCommune(_) => "commune",
        })
    }
}

/// Reads a proposal; the error names the line or the field. `now` refuses dates past.
pub fn parse_proposal(text: &str, now: DateTime<Utc>) -> Result<Proposal, ProposalError> {
    let values = super::form::parse_fields(text, field_of, &FIELDS_FR.join(", "), "description")
        .map_err(ProposalError::Form)?;
    let get = |f: &str| values.get(f).cloned().unwrap_or_default();
    let fields = ProposalFields {
        title: get("title"),
        start: get("start"),
        end: get("end"),
        space: get("space"),
        address: get("address"),
        commune: get("commune"),
        capacity: get("capacity"),
        description: get("description"),
    };
    proposal_from(&fields, now)
}

/// Checks a proposal's fields: dates as people write them (Paris time, seen from `now`), an
/// end on the start's day when only its hour is given, two hours when none.
pub fn proposal_from(f: &ProposalFields, now: DateTime<Utc>) -> Result<Proposal, ProposalError> {
    let title = f.title.trim().to_string();
    if title.is_empty() {
        return Err(ProposalError::NoTitle);
    }
    if title.chars().count() > TITLE_MAX {
        return Err(ProposalError::TitleTooLong);
    }
    let local_now = now.with_timezone(&Paris).naive_local();
    let start = parse_moment(&f.start, local_now, None).map_err(ProposalError::BadStart)?;
    let starts_at = paris(start).ok_or(ProposalError::BadStart(MomentError::NoSuchDay))?;
    if starts_at <= now {
        return Err(ProposalError::Past(f.start.trim().to_string()));
    }
    let ends_at = if f.end.trim().is_empty() {
        starts_at + chrono::Duration::hours(2)
    } else {
        let end = parse_moment(&f.end, local_now, Some(start.date())).map_err(ProposalError::BadEnd)?;
        paris(end).ok_or(ProposalError::BadEnd(MomentError::NoSuchDay))?
    };
    if ends_at <= starts_at {
        return Err(ProposalError::EndBeforeStart);
    }
    if ends_at - starts_at > chrono::Duration::days(14) {
        return Err(ProposalError::TooLong);
    }
    let capacity = match f.capacity.trim() {
        "" => None,
        c => match c.parse::<i64>() {
            Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Some(n),
            _ => return Err(ProposalError::BadCapacity(c.to_string())),
        },
    };
    let description = f.description.trim().to_string();
    if description.chars().count() > DESCRIPTION_MAX {
        return Err(ProposalError::DescriptionTooLong);
    }
    let space = Some(f.space.trim().to_string()).filter(|s| !s.is_empty());
    let commune = Some(f.commune.trim().to_string()).filter(|s| !s.is_empty());
    if space.is_none() && commune.is_none() {
        return Err(ProposalError::NoPlace);
    }
    let address = f.address.trim().to_string();
    Ok(Proposal { title, starts_at, ends_at, space, address, commune, capacity, description })
}

/// A Paris local time as a moment (the earlier of the two in the autumn's repeated hour).
pub fn paris(local: NaiveDateTime) -> Option<DateTime<Utc>> {
    Paris.from_local_datetime(&local).earliest().map(|d| d.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-27T10:00:00Z").unwrap().with_timezone(&Utc)
    }

    #[test]
    fn a_filled_template_reads_back() {
        let text = proposal_template(true)
            .replace("titre: \n", "titre: Café télétravail\n")
            .replace("début: \n", "début: 2026-12-10 09:00\n")
            .replace("fin: \n", "fin: 11h00\n")
            .replace("commune: \n", "commune: Crest\n")
            .replace("places: \n", "places: 12\n")
            .replace("description:\n", "description:\nOn parle fibre.\n\nEt café.\n");
        let p = parse_proposal(&text, now()).unwrap();
        assert_eq!(p.title, "Café télétravail");
        assert_eq!(p.starts_at.to_rfc3339(), "2026-12-10T08:00:00+00:00");
        assert_eq!(p.ends_at.to_rfc3339(), "2026-12-10T10:00:00+00:00");
        assert_eq!((p.commune.as_deref(), p.capacity), (Some("Crest"), Some(12)));
        assert_eq!(p.description, "On parle fibre.\n\nEt café.");
    }

    #[test]
    fn each_mistake_names_its_field() {
        let base = "title: x\nstart: 2026-12-10 09:00\ncommune: Crest\n";
        let cases = [
            ("start: 2026-12-10 09:00\ncommune: Crest\n", "title: missing"),
            (&base.replace("2026-12-10 09:00", "jeudi"), "start: no hour given"),
            (&base.replace("2026-12-10", "2026-01-10"), "start: 2026-01-10 09:00 is past"),
            (&format!("{base}end: 08:00\n"), "end: before the start"),
            (&format!("{base}capacity: beaucoup\n"), "capacity: « beaucoup »"),
            (&base.replace("commune: Crest\n", ""), "space or commune"),
            (&format!("lieu: ici\n{base}"), "line 1: unknown field `lieu`"),
        ];
        for (text, want) in cases {
            let err = parse_proposal(text, now()).unwrap_err().to_string();
            assert!(err.contains(want), "{want}: {err}");
        }
    }
}
