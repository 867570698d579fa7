//! The strings of the forms (a meetup to propose, the console's own): field labels, their
//! hints, what a date was understood as, and every error a field shows, in the member's
//! language. Also the handle suggested for one typed with accents.

use chrono::{Datelike, NaiveDateTime};

use super::Lang;
use crate::domain::event::{CAPACITY_MAX, DESCRIPTION_MAX, ProposalError, TITLE_MAX};
use crate::domain::moment::MomentError;

pub struct FormStrings {
    pub keys: &'static [(&'static str, &'static str)],
    pub pick_keys: &'static [(&'static str, &'static str)],
    pub pick_first: &'static str,
    pub no_match: &'static str,
    pub searching: &'static str,
    pub sending: &'static str,
    pub own_profile_message: &'static str,
    pub keys_own_card: &'static [(&'static str, &'static str)],
    /// The help's keys when it is taller than the window.
    pub keys_help_scroll: &'static [(&'static str, &'static str)],
}

static FR: FormStrings = FormStrings {
    keys: &[("Tab ↑↓", "champ"), ("Ctrl-S", "envoyer"), ("Échap", "fermer")],
    pick_keys: &[("↑↓", "choisir"), ("Entrée", "prendre"), ("Tab", "suivant")],
    pick_first: "Choisissez l'espace dans la liste (↑ ↓ puis Entrée), ou videz le champ.",
    no_match: "Aucun espace de l'annuaire ne correspond.",
    searching: "Recherche…",
    sending: "Envoi…",
    own_profile_message: "C'est votre propre profil : on n'envoie pas de message à soi-même.",
    keys_own_card: &[("Échap", "retour"), ("?", "aide")],
    keys_help_scroll: &[("↑↓ j k", "défiler"), ("g G", "début, fin"), ("Échap", "fermer l'aide")],
};

static EN: FormStrings = FormStrings {
    keys: &[("Tab ↑↓", "field"), ("Ctrl-S", "send"), ("Esc", "close")],
    pick_keys: &[("↑↓", "choose"), ("Enter", "take"), ("Tab", "next")],
    pick_first: "Choose the space in the list (↑ ↓ then Enter), or empty the field.",
    no_match: "No space of the directory matches.",
    searching: "Searching…",
    sending: "Sending…",
    own_profile_message: "This is your own profile: messages go to other members.",
    keys_own_card: &[("Esc", "back"), ("?", "help")],
    keys_help_scroll: &[("↑↓ j k", "scroll"), ("g G", "top, end"), ("Esc", "close help")],
};

impl Lang {
    pub fn forms(self) -> &'static FormStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// The label of a meetup's field, by its key (`domain::event::FIELDS`).
    pub fn meetup_label(self, key: &str) -> &'static str {
        let fr = self == Lang::Fr;
        match key {
            "title" if fr => "Titre",
            "title" => "Title",
            "start" if fr => "Début",
            "start" => "Start",
            "end" if fr => "Fin",
            "end" => "End",
            "space" if fr => "Espace",
            "space" => "Space",
            "address" if fr => "Adresse",
            "address" => "Address",
            "commune" if fr => "Commune",
            "commune" => "Town",
            "capacity" if fr => "Places",
            "capacity" => "Places",
            _ => "Description",
        }
    }

    /// What a meetup's field takes, shown while it is empty and focused.
    pub fn meetup_hint(self, key: &str) -> &'static str {
        let fr = self == Lang::Fr;
        match key {
            "start" if fr => "jeudi 10 décembre 14 h, demain 18 h 30, 10/12 14 h…",
            "start" => "Thursday 10 December 14:00, tomorrow 6:30 pm…",
            "end" if fr => "16 h (le même jour), ou une date ; vide : deux heures",
            "end" => "4 pm (the same day), or a date; empty: two hours",
            "space" if fr => "tapez quelques lettres du nom d'un espace",
            "space" => "type a few letters of a space's name",
            "address" if fr => "sans espace : l'adresse, puis la commune",
            "address" => "without a space: the address, then the town",
            "commune" if fr => "nom, code postal ou code INSEE",
            "commune" => "name, postcode or INSEE code",
            "capacity" if fr => "combien au plus ; vide : sans limite",
            "capacity" => "how many at most; empty: no limit",
            "description" if fr => "plusieurs lignes : Entrée passe à la ligne",
            "description" => "several lines: Enter starts a new line",
            _ => "",
        }
    }

    /// « → jeudi 10 décembre 2026, 14 h » / « → Thursday 10 December 2026, 14:00 ».
    pub fn moment_understood(self, at: NaiveDateTime) -> String {
        let s = self.s();
        let wd = s.weekdays[at.weekday().num_days_from_monday() as usize % 7];
        let month = s.months[at.month0() as usize % 12];
        let (day, time) = (at.day(), self.time_of_day(at.time()));
        match self {
            Lang::Fr if day == 1 => format!("→ {wd} 1er {month} {}, {time}", at.year()),
            _ => format!("→ {wd} {day} {month} {}, {time}", at.year()),
        }
    }

    /// Why words are not a date and an hour.
    pub fn moment_error(self, e: &MomentError) -> String {
        let fr = self == Lang::Fr;
        match e {
            MomentError::Empty if fr => {
                "Indiquez un jour et une heure, par exemple « jeudi 10 décembre 14 h ».".into()
            }
            MomentError::Empty => "Give a day and an hour, for example “Thursday 10 December 14:00”.".into(),
            MomentError::Unknown(w) if fr => {
                format!("« {w} » n'est pas compris : écrivez par exemple « jeudi 10 décembre 14 h ».")
            }
            MomentError::Unknown(w) => {
                format!("“{w}” is not understood: write for example “Thursday 10 December 14:00”.")
            }
            MomentError::NoTime if fr => "Il manque l'heure (par exemple « 14 h » ou « 18 h 30 »).".into(),
            MomentError::NoTime => "The hour is missing (for example “2 pm” or “18:30”).".into(),
            MomentError::NoDay if fr => "Il manque le mois (par exemple « 10 décembre »).".into(),
            MomentError::NoDay => "The month is missing (for example “10 December”).".into(),
            MomentError::NoSuchDay if fr => "Ce jour n'existe pas dans le calendrier.".into(),
            MomentError::NoSuchDay => "No calendar has this day.".into(),
            MomentError::BadTime(w) if fr => format!("« {w} » n'est pas une heure (de 0 h à 23 h 59)."),
            MomentError::BadTime(w) => format!("“{w}” is not an hour (0:00 to 23:59)."),
            MomentError::WrongWeekday { date, weekday } => {
                let s = self.s();
                let wd = s.weekdays[weekday.num_days_from_monday() as usize % 7];
                let month = s.months[date.month0() as usize % 12];
                if fr {
                    format!("Le {} {month} {} est un {wd}.", date.day(), date.year())
                } else {
                    format!("{} {month} {} is a {wd}.", date.day(), date.year())
                }
            }
        }
    }

    /// A meetup's error as said beside its field (the field's label says which).
    pub fn proposal_field_error(self, e: &ProposalError) -> String {
        use ProposalError as P;
        let fr = self == Lang::Fr;
        match e {
            P::BadStart(m) | P::BadEnd(m) => self.moment_error(m),
            P::Form(_) => self.proposal_error(e),
            P::NoTitle if fr => "Donnez un titre à la rencontre.".into(),
            P::NoTitle => "Give the meetup a title.".into(),
            P::TitleTooLong if fr => format!("Au plus {TITLE_MAX}\u{a0}caractères."),
            P::TitleTooLong => format!("At most {TITLE_MAX} characters."),
            P::Past(_) if fr => "Ce moment est déjà passé.".into(),
            P::Past(_) => "This moment is already past.".into(),
            P::EndBeforeStart if fr => "La fin vient avant le début.".into(),
            P::EndBeforeStart => "The end comes before the start.".into(),
            P::TooLong if fr => "Plus de deux semaines après le début.".into(),
            P::TooLong => "More than two weeks after the start.".into(),
            P::BadCapacity(c) if fr => {
                format!("« {c} » n'est pas un nombre de 1 à {}.", self.number(CAPACITY_MAX))
            }
            P::BadCapacity(c) => format!("“{c}” is not a number from 1 to {}.", self.number(CAPACITY_MAX)),
            P::DescriptionTooLong if fr => format!("Au plus {DESCRIPTION_MAX}\u{a0}caractères."),
            P::DescriptionTooLong => format!("At most {DESCRIPTION_MAX} characters."),
            P::NoPlace if fr => "Dites où : un espace de l'annuaire, ou une commune.".into(),
            P::NoPlace => "Say where: a space of the directory, or a town.".into(),
            P::UnknownSpace(s) if fr => format!("« {s} » n'est pas un espace de l'annuaire."),
            P::UnknownSpace(s) => format!("“{s}” is not a space of the directory."),
            P::UnknownCommune(c) if fr => {
                format!("« {c} » n'est pas une commune de la Drôme ou de l'Ardèche.")
            }
            P::UnknownCommune(c) => format!("“{c}” is not a town of Drôme or Ardèche."),
        }
    }

    /// The label of a field of a space's record, by its column (`commune_insee`…); a column
    /// this list does not know is shown as it is named.
    pub fn space_label(self, key: &str) -> String {
        let fr = self == Lang::Fr;
        let label = match key {
            "name" if fr => "Nom",
            "name" => "Name",
            "kind" => "Type",
            "status" if fr => "État",
            "status" => "Status",
            "address" if fr => "Adresse",
            "address" => "Address",
            "postcode" if fr => "Code postal",
            "postcode" => "Postcode",
            "commune_insee" if fr => "Commune (INSEE)",
            "commune_insee" => "Town (INSEE)",
            "lat" => "Latitude",
            "lon" => "Longitude",
            "amenities" if fr => "Équipements",
            "amenities" => "Amenities",
            "hours" if fr => "Horaires",
            "hours" => "Hours",
            "price_day" if fr => "Prix jour",
            "price_day" => "Price a day",
            "price_half_day" if fr => "Prix demi-j.",
            "price_half_day" => "Price ½ day",
            "price_month" if fr => "Prix mois",
            "price_month" => "Price a month",
            "website" if fr => "Site web",
            "website" => "Website",
            "email" if fr => "Courriel",
            "email" => "E-mail",
            "phone" if fr => "Téléphone",
            "phone" => "Phone",
            "verified_on" if fr => "Vérifié le",
            "verified_on" => "Checked on",
            "description" => "Description",
            other => return other.to_string(),
        };
        label.to_string()
    }

    /// What a field of a space's record takes, shown while it is empty and focused.
    pub fn space_hint(self, key: &str) -> String {
        use crate::domain::space::{Amenity, SpaceKind, SpaceStatus};
        let fr = self == Lang::Fr;
        let codes = |c: Vec<&str>| c.join(", ");
        match key {
            "kind" => codes(SpaceKind::ALL.iter().map(|k| k.code()).collect()),
            "status" => codes(SpaceStatus::ALL.iter().map(|k| k.code()).collect()),
            "amenities" => codes(Amenity::ALL.iter().map(|k| k.code()).collect()),
            "hours" if fr => "syntaxe OpenStreetMap : Mo-Fr 09:00-18:00; Sa 09:00-12:00".into(),
            "hours" => "OpenStreetMap syntax: Mo-Fr 09:00-18:00; Sa 09:00-12:00".into(),
            "commune_insee" if fr => "code INSEE : 26… Drôme, 07… Ardèche".into(),
            "commune_insee" => "INSEE code: 26… Drôme, 07… Ardèche".into(),
            "lat" | "lon" if fr => "en degrés décimaux, par exemple 44.7275".into(),
            "lat" | "lon" => "decimal degrees, for example 44.7275".into(),
            "price_day" | "price_half_day" | "price_month" if fr => "en euros : 12 ou 12.50".into(),
            "price_day" | "price_half_day" | "price_month" => "in euros: 12 or 12.50".into(),
            "verified_on" => "2026-11-27".into(),
            "description" if fr => "plusieurs lignes : Entrée passe à la ligne".into(),
            "description" => "several lines: Enter starts a new line".into(),
            _ => String::new(),
        }
    }

    /// The console's space changed in the store while its form was open.
    pub fn space_changed_meanwhile(self) -> &'static str {
        match self {
            Lang::Fr => {
                "L'espace a changé depuis que vous l'avez ouvert. Ctrl-S enregistre le vôtre par-dessus ; \
                Échap puis rouvrir l'espace montre le nouveau."
            }
            Lang::En => {
                "The space changed since you opened it. Ctrl-S saves yours over it; Esc then opening \
                the space again shows the new one."
            }
        }
    }

    /// « Essayez « helene ». » after a handle refused for its characters.
    pub fn handle_suggestion(self, suggestion: &str) -> String {
        match self {
            Lang::Fr => format!(" Essayez « {suggestion} »."),
            Lang::En => format!(" Try “{suggestion}”."),
        }
    }
}
