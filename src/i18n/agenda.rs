//! The strings of the agenda: the section, the commands without a pty, the errors.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Paris;

use super::Lang;
use crate::domain::event::{CAPACITY_MAX, DESCRIPTION_MAX, EventError, ProposalError, TITLE_MAX};
use crate::domain::event::{Event, Rsvp};

pub struct AgendaStrings {
    pub section: &'static str,
    pub empty: &'static str,
    pub past_title: &'static str,
    pub past_empty: &'static str,
    pub cancelled: &'static str,
    pub proposed: &'static str,
    pub full: &'static str,
    pub going: &'static str,
    pub association: &'static str,
    pub attendees: &'static str,
    pub nobody_yet: &'static str,
    pub propose_title: &'static str,
    pub proposed_notice: &'static str,
    pub created_notice: &'static str,
    pub catch_up_new: &'static str,
    pub catch_up_soon: &'static str,
    pub catch_up_cancelled: &'static str,
    pub keys_list: &'static [(&'static str, &'static str)],
    pub keys_detail: &'static [(&'static str, &'static str)],
    pub keys_admin: &'static [(&'static str, &'static str)],
}

pub static FR: AgendaStrings = AgendaStrings {
    section: "Agenda",
    empty: "Aucune rencontre prévue pour l'instant. n pour en proposer une.",
    past_title: "Rencontres passées",
    past_empty: "Aucune rencontre passée.",
    cancelled: "annulée",
    proposed: "en attente de validation",
    full: "complet",
    going: "j'y vais",
    association: "l'association",
    attendees: "Participants",
    nobody_yet: "Personne pour l'instant : soyez le premier ou la première !",
    propose_title: "Proposer une rencontre",
    proposed_notice: "Merci ! Votre rencontre paraîtra une fois validée par l'association.",
    created_notice: "Rencontre créée : elle est dans l'agenda.",
    catch_up_new: "Nouvelles rencontres près de chez vous",
    catch_up_soon: "Bientôt : vous y allez",
    catch_up_cancelled: "Annulées : vous y alliez",
    keys_list: &[
        ("↑↓", "choisir"),
        ("Entrée", "détails"),
        ("o", "j'y vais"),
        ("n", "proposer"),
        ("v", "passées"),
        ("Tab", "section"),
    ],
    keys_detail: &[("o", "j'y vais / plus"), ("↑↓", "défiler"), ("Échap", "retour")],
    keys_admin: &[("a", "valider"), ("x", "annuler"), ("n", "créer"), ("v", "passées"), ("Tab", "section")],
};

pub static EN: AgendaStrings = AgendaStrings {
    section: "Agenda",
    empty: "No meetup planned yet. n to propose one.",
    past_title: "Past meetups",
    past_empty: "No past meetup.",
    cancelled: "cancelled",
    proposed: "waiting for approval",
    full: "full",
    going: "going",
    association: "the association",
    attendees: "Attendees",
    nobody_yet: "Nobody yet: be the first!",
    propose_title: "Propose a meetup",
    proposed_notice: "Thank you! Your meetup will appear once the association approves it.",
    created_notice: "Meetup created: it is in the agenda.",
    catch_up_new: "New meetups near you",
    catch_up_soon: "Soon: you are going",
    catch_up_cancelled: "Cancelled: you were going",
    keys_list: &[
        ("↑↓", "select"),
        ("Enter", "details"),
        ("o", "going"),
        ("n", "propose"),
        ("v", "past"),
        ("Tab", "section"),
    ],
    keys_detail: &[("o", "going / not"), ("↑↓", "scroll"), ("Esc", "back")],
    keys_admin: &[("a", "approve"), ("x", "cancel"), ("n", "create"), ("v", "past"), ("Tab", "section")],
};

impl Lang {
    pub fn g(self) -> &'static AgendaStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// « Semaine du lundi 30 novembre » / « Week of Monday 30 November ».
    pub fn week_of(self, monday: DateTime<Utc>) -> String {
        let d = monday.with_timezone(&Paris);
        let s = self.s();
        let month = s.months[d.month0() as usize % 12];
        match self {
            Lang::Fr if d.day() == 1 => format!("Semaine du lundi 1er {month}"),
            Lang::Fr => format!("Semaine du lundi {} {month}", d.day()),
            Lang::En => format!("Week of Monday {} {month}", d.day()),
        }
    }

    /// « jeu. 10 déc. 9 h–11 h », the end's date only when it is another day.
    pub fn event_when(self, e: &Event) -> String {
        let (s, t) = (e.starts_at.with_timezone(&Paris), e.ends_at.with_timezone(&Paris));
        let day = |d: &chrono::DateTime<chrono_tz::Tz>| {
            let wd = self.s().weekdays[d.weekday().num_days_from_monday() as usize % 7];
            let short: String = wd.chars().take(3).collect();
            // « jeu. » in French; « Thu » in English, which writes no point there.
            let point = if self == Lang::Fr { "." } else { "" };
            format!(
                "{short}{point}\u{a0}{}\u{a0}{}",
                d.day(),
                self.s().short_months[d.month0() as usize % 12]
            )
        };
        if s.date_naive() == t.date_naive() {
            format!("{} {}–{}", day(&s), self.time_of_day(s.time()), self.time_of_day(t.time()))
        } else {
            let (start, end) = (self.time_of_day(s.time()), self.time_of_day(t.time()));
            format!("{} {start} – {} {end}", day(&s), day(&t))
        }
    }

    /// « 18 h 30–20 h 30 », or with the end's day when it is another day: for the detail, under
    /// the long date.
    pub fn event_hours(self, e: &Event) -> String {
        let (s, t) = (e.starts_at.with_timezone(&Paris), e.ends_at.with_timezone(&Paris));
        if s.date_naive() == t.date_naive() {
            format!("{}–{}", self.time_of_day(s.time()), self.time_of_day(t.time()))
        } else {
            let (start, end) = (self.time_of_day(s.time()), self.time_of_day(t.time()));
            format!("{start} – {} {end}", self.long_date(e.ends_at))
        }
    }

    /// « 3 inscrits sur 12 places · 2 en attente ».
    pub fn event_places(self, e: &Event) -> String {
        let fr = self == Lang::Fr;
        let mut out = match (e.capacity, fr) {
            (Some(c), true) => format!("{} inscrit{} sur {c} place{}", e.going, plural(e.going), plural(c)),
            (Some(c), false) => format!("{} going of {c} place{}", e.going, plural(c)),
            (None, true) => format!("{} inscrit{}", e.going, plural(e.going)),
            (None, false) => format!("{} going", e.going),
        };
        if e.waiting > 0 {
            out.push_str(&if fr {
                format!(" · {} en attente", e.waiting)
            } else {
                format!(" · {} waiting", e.waiting)
            });
        }
        out
    }

    /// Where the viewer stands, for the list and the detail.
    pub fn rsvp_label(self, r: Rsvp) -> Option<String> {
        match (r, self) {
            (Rsvp::No, _) => None,
            (Rsvp::Going, Lang::Fr) => Some("✓ vous y allez".into()),
            (Rsvp::Going, Lang::En) => Some("✓ you are going".into()),
            (Rsvp::Waiting(n), Lang::Fr) => Some(format!("liste d'attente : n° {n}")),
            (Rsvp::Waiting(n), Lang::En) => Some(format!("waiting list: #{n}")),
        }
    }

    pub fn confirm_cancel_event(self, title: &str) -> String {
        match self {
            Lang::Fr => format!(
                "Annuler « {title} » ? Elle reste affichée, marquée annulée, et ses participants en sont avertis à leur prochaine visite."
            ),
            Lang::En => format!(
                "Cancel “{title}”? It stays listed, marked cancelled, and its attendees are told on their next visit."
            ),
        }
    }

    /// « Organisé par camille. » / « Organised by the association. »
    pub fn organised_by(self, who: Option<&str>) -> String {
        let who = who.map(str::to_string).unwrap_or_else(|| self.g().association.to_string());
        match self {
            Lang::Fr => format!("Organisé par {who}."),
            Lang::En => format!("Organised by {who}."),
        }
    }

    pub fn event_error(self, e: &EventError) -> String {
        let fr = self == Lang::Fr;
        match e {
            EventError::NotFound if fr => "Cette rencontre n'existe pas (ou plus).".into(),
            EventError::NotFound => "This meetup does not exist (any more).".into(),
            EventError::NoHandle => self.needs_handle().trim().to_string(),
            EventError::Banned => self.suspended().to_string(),
            EventError::Past if fr => "Cette rencontre est passée.".into(),
            EventError::Past => "This meetup is over.".into(),
            EventError::Cancelled if fr => "Cette rencontre est annulée.".into(),
            EventError::Cancelled => "This meetup was cancelled.".into(),
            EventError::NotApproved if fr => "Cette rencontre attend la validation de l'association.".into(),
            EventError::NotApproved => "This meetup waits for the association's approval.".into(),
            EventError::Invalid(e) if fr => format!("Pas encore : {}", self.proposal_error(e)),
            EventError::Invalid(e) => format!("Not yet: {}", self.proposal_error(e)),
            EventError::TooMany(n) if fr => {
                format!("Vous avez déjà {n} propositions en attente de validation.")
            }
            EventError::TooMany(n) => format!("You already have {n} proposals waiting for approval."),
            EventError::Store(_) if fr => {
                "Impossible d'enregistrer pour le moment. Réessayez dans un instant.".into()
            }
            EventError::Store(_) => "Cannot save right now. Try again in a moment.".into(),
        }
    }
}

impl Lang {
    /// What is wrong in a meetup's form, each field by its name in the form's language.
    pub fn proposal_error(self, e: &ProposalError) -> String {
        use ProposalError as P;
        let fr = self == Lang::Fr;
        match e {
            P::Form(e) => self.form_error(e),
            P::NoTitle if fr => "le titre manque".into(),
            P::NoTitle => "the title is missing".into(),
            P::TitleTooLong if fr => format!("titre : plus de {TITLE_MAX} caractères"),
            P::TitleTooLong => format!("title: longer than {TITLE_MAX} characters"),
            P::BadStart(m) if fr => format!("début : {}", self.moment_error(m)),
            P::BadStart(m) => format!("start: {}", self.moment_error(m)),
            P::Past(s) if fr => format!("début : {s} est déjà passé"),
            P::Past(s) => format!("start: {s} is past"),
            P::BadEnd(m) if fr => format!("fin : {}", self.moment_error(m)),
            P::BadEnd(m) => format!("end: {}", self.moment_error(m)),
            P::EndBeforeStart if fr => "fin : avant le début".into(),
            P::EndBeforeStart => "end: before the start".into(),
            P::TooLong if fr => "fin : plus de deux semaines après le début".into(),
            P::TooLong => "end: more than two weeks after the start".into(),
            P::BadCapacity(c) if fr => {
                format!("places : « {c} » n'est pas un nombre de 1 à {}", self.number(CAPACITY_MAX))
            }
            P::BadCapacity(c) => {
                format!("capacity: “{c}” is not a number from 1 to {}", self.number(CAPACITY_MAX))
            }
            P::DescriptionTooLong if fr => format!("description : plus de {DESCRIPTION_MAX} caractères"),
            P::DescriptionTooLong => format!("description: longer than {DESCRIPTION_MAX} characters"),
            P::NoPlace if fr => "espace ou commune : dites où elle a lieu".into(),
            P::NoPlace => "space or commune: say where it happens".into(),
            P::UnknownSpace(s) if fr => {
                format!("espace : « {s} » n'est pas un espace de l'annuaire (son nom exact, ou son numéro)")
            }
            P::UnknownSpace(s) => {
                format!("space: “{s}” is not a space of the directory (its exact name, or its number)")
            }
            P::UnknownCommune(c) if fr => {
                format!("commune : « {c} » n'est pas une commune de la Drôme ou de l'Ardèche")
            }
            P::UnknownCommune(c) => format!("commune: “{c}” is not a commune of Drôme or Ardèche"),
        }
    }
}

fn plural(n: i64) -> &'static str {
    if n > 1 { "s" } else { "" }
}
