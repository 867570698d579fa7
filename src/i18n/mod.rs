//! Every string a person reads, in French and in English. French first: it is the
//! community's language; English when the client's `LANG` starts with `en`.
//!
//! Strings that take values are functions so that word order can differ between languages.

use chrono::{DateTime, Datelike, Utc};
use chrono_tz::Europe::Paris;

mod admin;
mod admin_errors;
mod agenda;
mod charset;
pub use charset::CharsetStrings;
mod cli;
pub use cli::{Change, Listing, Subject};
mod cli_errors;
mod cli_status;
pub use cli_errors::{DbError, DbKind, DbProblem};
mod cli_upkeep;
mod comments;
mod connection;
mod directory;
mod follow;
mod forms;
pub use forms::FormStrings;
mod keys;
mod line;
pub use comments::CommentStrings;
pub use line::LineStrings;
mod authors;
pub use authors::AuthorStrings;
mod members;
mod network;
mod numbers;
pub use network::NetStrings;
mod search;
pub use search::SearchStrings;
mod spaces;
mod usage;

pub use crate::domain::Lang;

/// The strings of each language.
impl Lang {
    pub fn s(self) -> &'static Strings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// Why a screen could not be filled, as the member is told.
    pub fn fault(self, fault: crate::domain::Fault) -> &'static str {
        use crate::domain::Fault;
        match (self, fault) {
            (_, Fault::Unavailable) => self.s().load_failed,
            (Lang::Fr, Fault::NotFound) => "Introuvable : supprimé entre-temps ?",
            (Lang::En, Fault::NotFound) => "Not found: deleted meanwhile?",
            (Lang::Fr, Fault::Broken) => "La lecture a échoué ; l'erreur est inscrite au journal du serveur.",
            (Lang::En, Fault::Broken) => "Reading failed; the error is in the server's log.",
        }
    }

    /// « jeudi 19 décembre 2013 » / « Thursday 19 December 2013 », in Paris time.
    pub fn long_date(self, at: DateTime<Utc>) -> String {
        let d = at.with_timezone(&Paris);
        let s = self.s();
        let wd = s.weekdays[d.weekday().num_days_from_monday() as usize % 7];
        let month = s.months[d.month0() as usize % 12];
        let day = d.day();
        match self {
            Lang::Fr if day == 1 => format!("{wd} 1er {month} {}", d.year()),
            _ => format!("{wd} {day} {month} {}", d.year()),
        }
    }

    /// A short date for lists: « 19 déc. 2013 » / « 19 Dec 2013 ».
    pub fn short_date(self, at: DateTime<Utc>) -> String {
        let d = at.with_timezone(&Paris);
        let month = self.s().short_months[d.month0() as usize % 12];
        format!("{}\u{a0}{month}\u{a0}{}", d.day(), d.year())
    }

    /// When [`Lang::relative`] of `at` next says something else (the same in both
    /// languages): the next minute, hour or day of its age; never once it is a date.
    pub fn relative_changes(at: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let secs = (now - at).num_seconds();
        let step = match secs {
            s if s < 60 => return Some(at + chrono::Duration::seconds(60)),
            s if s < 3600 => 60,
            s if s < 86_400 => 3600,
            s if s < 7 * 86_400 => 86_400,
            _ => return None,
        };
        Some(at + chrono::Duration::seconds((secs / step + 1) * step))
    }

    /// « il y a 3 h » / « 3 h ago »; beyond a week, the short date.
    pub fn relative(self, at: DateTime<Utc>, now: DateTime<Utc>) -> String {
        let secs = (now - at).num_seconds();
        let (fr, en) = match secs {
            s if s < 60 => return self.s().just_now.to_string(),
            s if s < 3600 => (format!("il y a {}\u{a0}min", s / 60), format!("{}\u{a0}min ago", s / 60)),
            s if s < 86_400 => (format!("il y a {}\u{a0}h", s / 3600), format!("{}\u{a0}h ago", s / 3600)),
            s if s < 7 * 86_400 => {
                let d = s / 86_400;
                (
                    format!("il y a {d}\u{a0}j"),
                    if d == 1 { "yesterday".to_string() } else { format!("{d} days ago") },
                )
            }
            _ => return self.short_date(at),
        };
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    pub fn comments(self, n: i64) -> String {
        match (self, n) {
            // No-break spaces: a count is one unit, never split across lines.
            (Lang::Fr, 0) => "aucun\u{a0}commentaire".into(),
            (Lang::Fr, 1) => "1\u{a0}commentaire".into(),
            (Lang::Fr, n) => format!("{}\u{a0}commentaires", self.number(n)),
            (Lang::En, 0) => "no\u{a0}comments".into(),
            (Lang::En, 1) => "1\u{a0}comment".into(),
            (Lang::En, n) => format!("{}\u{a0}comments", self.number(n)),
        }
    }

    pub fn by(self, author: &str) -> String {
        match self {
            Lang::Fr => format!("par {author}"),
            Lang::En => format!("by {author}"),
        }
    }

    pub fn too_small(self, cols: u16, rows: u16) -> String {
        match self {
            Lang::Fr => format!(
                "Fenêtre trop petite ({cols}×{rows}).\nAgrandissez-la à au moins 60×20 pour lire Cédille.\n\nCtrl-C pour quitter."
            ),
            Lang::En => format!(
                "Window too small ({cols}×{rows}).\nPlease enlarge it to at least 60×20 to read Cédille.\n\nCtrl-C to quit."
            ),
        }
    }

    pub fn unknown_command(self, cmd: &str) -> String {
        match self {
            Lang::Fr => format!("cedille : commande inconnue « {cmd} ». Essayez « help »."),
            Lang::En => format!("cedille: unknown command '{cmd}'. Try 'help'."),
        }
    }

    pub fn article_not_found(self, key: &str) -> String {
        match self {
            Lang::Fr => format!("cedille : aucun article « {key} »."),
            Lang::En => format!("cedille: no article '{key}'."),
        }
    }

    pub fn position(self, top: usize, total: usize, height: usize) -> String {
        if total <= height {
            return self.s().all.to_string();
        }
        if top == 0 {
            return self.s().top.to_string();
        }
        if top + height >= total {
            return self.s().bottom.to_string();
        }
        let pct = ((top + height) * 100 / total.max(1)).min(99);
        format!("{pct}\u{a0}%")
    }
}

/// The fixed strings of one language.
pub struct Strings {
    pub weekdays: [&'static str; 7],
    pub months: [&'static str; 12],
    pub short_months: [&'static str; 12],
    pub just_now: &'static str,
    pub bulletin: &'static str,
    pub guest: &'static str,
    pub member: &'static str,
    pub new_marker: &'static str,
    pub loading: &'static str,
    pub empty_list: &'static str,
    pub load_failed: &'static str,
    pub all: &'static str,
    pub top: &'static str,
    pub bottom: &'static str,
    pub links: &'static str,
    pub notes: &'static str,
    pub keys_list: &'static [(&'static str, &'static str)],
    pub keys_reader: &'static [(&'static str, &'static str)],
    pub keys_help: &'static [(&'static str, &'static str)],
    pub help_title: &'static str,
    pub help_body: &'static [(&'static str, &'static str)],
    pub help_footer: &'static str,
    pub lang_name: &'static str,
    pub commands_help: &'static str,
}

pub static FR: Strings = Strings {
    weekdays: ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    months: crate::domain::moment::MONTHS_FR,
    short_months: [
        "janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ],
    just_now: "à l'instant",
    bulletin: "Bulletin",
    guest: "invité·e (lecture seule)",
    member: "membre",
    new_marker: "nouveau",
    loading: "Chargement…",
    empty_list: "Aucun article pour le moment.",
    load_failed: "Impossible de lire la base pour le moment. Réessayez dans un instant.",
    all: "Tout",
    top: "Début",
    bottom: "Fin",
    links: "Liens",
    notes: "Notes",
    keys_list: &[
        ("↑↓", "choisir"),
        ("Entrée", "lire"),
        ("/", "chercher"),
        ("p", "profil"),
        ("?", "aide"),
        ("q", "quitter"),
    ],
    keys_reader: &[
        ("↑↓", "défiler"),
        ("Espace", "page"),
        ("g/G", "début/fin"),
        ("Échap", "retour"),
        ("?", "aide"),
    ],
    keys_help: &[("Échap", "fermer l'aide"), ("Ctrl-C", "quitter")],
    help_title: "Aide",
    help_body: &[
        ("#", "Partout"),
        ("↑ ↓  j k", "choisir ; défiler d'une ligne"),
        ("PgUp PgDn Espace", "défiler d'une page"),
        ("g  G", "aller au début, à la fin"),
        ("Entrée  Échap", "ouvrir ; revenir en arrière"),
        ("Tab  Maj-Tab", "bulletin → agenda → espaces → réseau"),
        ("p", "votre profil : pseudo, clés, commune, présentation (les mêmes que dans le réseau)"),
        (
            "N",
            "depuis votre dernière visite, depuis la liste : Entrée va à chaque nouveauté ; ◆ 2 en haut compte réponses et mentions non vues",
        ),
        ("L", "passer en anglais (switch to English)"),
        ("q  Ctrl-C", "quitter (q depuis la liste)"),
        ("molette", "défiler ; Maj + sélection pour copier du texte"),
        ("#", "Dans la liste des articles"),
        ("/", "chercher dans les articles et les commentaires ; Entrée y va"),
        ("f", "une seule rubrique ; f à nouveau : toutes"),
        ("#", "Dans un article"),
        ("Tab", "passer du texte aux commentaires"),
        ("Entrée", "la page de l'auteur : de l'article, ou du commentaire choisi"),
        ("n", "aller au prochain commentaire nouveau pour vous, marqué « nouveau »"),
        ("c  r", "commenter ; répondre au commentaire choisi"),
        ("e  d", "modifier, supprimer votre commentaire (15 minutes)"),
        ("s", "partager : les commandes ssh de l'article et du commentaire choisi"),
        ("Ctrl-S", "envoyer le texte en cours"),
        ("#", "Dans votre profil"),
        ("↑ ↓  d", "choisir une de vos clés SSH ; la retirer (ordinateur perdu)"),
        ("#", "Dans les espaces"),
        ("/", "chercher par mots, sans souci des accents"),
        ("f", "filtres : équipements, type, état, département"),
        ("n  w", "près d'une commune ; dans un rayon de 5 à 50 km"),
        ("o  O", "ouvert maintenant ; ouvert le… (« jeudi 9 h »)"),
        ("s  x", "changer le tri ; effacer les filtres"),
        ("m", "la carte (flèches, + et -, j et k)"),
        ("#", "Dans l'agenda"),
        ("o", "j'y vais ; je n'y vais plus (liste d'attente quand c'est complet)"),
        ("n", "proposer une rencontre : l'association la valide"),
        ("v", "les rencontres passées ; à venir"),
        ("#", "Dans le réseau"),
        ("e", "votre profil : rien n'est visible avant de le publier"),
        ("/  f  n  w  c", "par compétence, statut, près de, dans un rayon ; qui est connecté"),
        ("m  i", "écrire au membre choisi ; vos conversations"),
        ("b  !", "bloquer ce membre ; signaler le message choisi"),
    ],
    help_footer: "Cédille, le bulletin des télétravailleurs de la vallée de la Drôme et de l'Ardèche.",
    lang_name: "Français",
    commands_help: r#"Cédille, le bulletin des télétravailleurs de la Drôme et de l'Ardèche.

Sans commande, ssh ouvre le bulletin en plein écran. Commandes :

  help                      cette aide
  ligne (avec ssh -t)       Cédille en mode ligne : lecteur d'écran, plage
                            braille, Emacs, liaison lente
  articles [--json]         la liste des articles, du plus récent au plus ancien
  read N|SLUG [--json]      un article, en texte (80 colonnes) ou en JSON
  comments N|SLUG [--json]  les commentaires d'un article, en fil de discussion
  search MOTS… [--json]     chercher dans les articles et les commentaires

Où travailler :

  spaces [MOTS…] [--near COMMUNE] [--within KM] [--amenity NOM]… [--open-now]
         [--json]
                            les espaces (coworkings, tiers-lieux, fablabs…) :
                            par mots, près d'une commune, dans un rayon, avec
                            des équipements (fibre, wifi, salle-de-reunion,
                            acces-pmr, cuisine, parking, velo, imprimante,
                            domiciliation, casiers, cafe), ouverts
  space N [--json]          un espace en détail, avec les horaires de la semaine
  members [--near COMMUNE] [--within KM] [--skill COMPÉTENCE] [--json]
                            les membres qui ont publié leur profil (Réseau)
  member PSEUDO [--json]    la page d'un membre : son profil s'il est publié,
                            ses articles et ses commentaires récents

Se rencontrer :

  agenda [--near COMMUNE] [--past] [--json]
                            les rencontres à venir, par semaine (à 40 km au plus
                            de la commune avec --near), ou passées
  agenda --ics              l'agenda pour votre calendrier (iCalendar)
  event N [--json]          une rencontre en détail, avec qui y va

Avec une clé SSH :

  whoami [--json]           votre clé et votre pseudonyme
  handle NOM                choisir ou changer de pseudonyme (a-z, 0-9, _ -)
  comment N|SLUG [--json]   commenter un article (le texte lu sur stdin)
  reply N [--json]          répondre au commentaire n° N, de même
  keys [--json]             vos clés SSH : type, empreinte, ajout, dernier usage
  keys remove EMPREINTE     retirer une clé (ordinateur perdu) : ni celle de
                            cette connexion, ni la dernière
  news [--json]             ce qui est nouveau pour vous : réponses, mentions,
                            commentaires non lus, rencontres, messages

Exemples : ssh -p 2222 localhost read 3
           ssh -p 2222 localhost spaces --near Crest --within 20 --amenity fibre
           echo 'Merci pour cet article !' | ssh -p 2222 localhost comment 3
"#,
};

pub static EN: Strings = Strings {
    weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    months: [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    short_months: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    just_now: "just now",
    bulletin: "Bulletin",
    guest: "guest (read only)",
    member: "member",
    new_marker: "new",
    loading: "Loading…",
    empty_list: "No article yet.",
    load_failed: "Cannot read the database right now. Try again in a moment.",
    all: "All",
    top: "Top",
    bottom: "End",
    links: "Links",
    notes: "Notes",
    keys_list: &[
        ("↑↓", "select"),
        ("Enter", "read"),
        ("/", "search"),
        ("p", "profile"),
        ("?", "help"),
        ("q", "quit"),
    ],
    keys_reader: &[("↑↓", "scroll"), ("Space", "page"), ("g/G", "top/end"), ("Esc", "back"), ("?", "help")],
    keys_help: &[("Esc", "close help"), ("Ctrl-C", "quit")],
    help_title: "Help",
    help_body: &[
        ("#", "Everywhere"),
        ("↑ ↓  j k", "select; scroll one line"),
        ("PgUp PgDn Space", "scroll one page"),
        ("g  G", "go to the top, to the end"),
        ("Enter  Esc", "open; go back"),
        ("Tab  Shift-Tab", "bulletin → agenda → spaces → network"),
        ("p", "your profile: handle, keys, town, presentation (the same as in the network)"),
        (
            "N",
            "since your last visit, from the list: Enter goes to each item; ◆ 2 at the top counts replies and mentions not seen yet",
        ),
        ("L", "switch to French (passer en français)"),
        ("q  Ctrl-C", "quit (q from the list)"),
        ("wheel", "scroll; Shift + select to copy text"),
        ("#", "In the list of articles"),
        ("/", "search the articles and the comments; Enter goes there"),
        ("f", "one rubrique only; f again: all of them"),
        ("#", "In an article"),
        ("Tab", "from the text to the comments"),
        ("Enter", "the author's page: of the article, or of the selected comment"),
        ("n", "go to the next comment new to you, marked “new”"),
        ("c  r", "comment; reply to the selected comment"),
        ("e  d", "edit, delete your comment (15 minutes)"),
        ("s", "share: the ssh commands of the article and of the chosen comment"),
        ("Ctrl-S", "send the text being written"),
        ("#", "In your profile"),
        ("↑ ↓  d", "choose one of your SSH keys; remove it (a lost laptop)"),
        ("#", "In the spaces"),
        ("/", "search by words, accents ignored"),
        ("f", "filters: amenities, kind, status, département"),
        ("n  w", "near a town; within 5 to 50 km"),
        ("o  O", "open now; open on… ('thursday 9am')"),
        ("s  x", "change the order; clear the filters"),
        ("m", "the map (arrows, + and -, j and k)"),
        ("#", "In the agenda"),
        ("o", "going; not going any more (a waiting list when full)"),
        ("n", "propose a meetup: the association approves it"),
        ("v", "past meetups; those to come"),
        ("#", "In the network"),
        ("e", "your profile: nothing shows until you publish it"),
        ("/  f  n  w  c", "by skill, status, near, within a radius; who is connected"),
        ("m  i", "write to the selected member; your conversations"),
        ("b  !", "block this member; report the selected message"),
    ],
    help_footer: "Cédille, the bulletin of the teleworkers of the Drôme valley and Ardèche.",
    lang_name: "English",
    commands_help: r#"Cédille, the bulletin of the teleworkers of Drôme and Ardèche.

Without a command, ssh opens the bulletin full screen. Commands:

  help                      this help
  line (with ssh -t)        Cédille in line mode: screen reader, braille
                            display, Emacs, slow link
  articles [--json]         the list of articles, newest first
  read ID|SLUG [--json]     one article, as text (80 columns) or JSON
  comments ID|SLUG [--json] the comments of an article, as a thread
  search WORDS… [--json]    search the articles and the comments

Where to work:

  spaces [WORDS…] [--near COMMUNE] [--within KM] [--amenity NAME]… [--open-now]
         [--json]
                            places to work (coworking, tiers-lieux, fablabs…):
                            by words, near a commune, within a radius, with
                            amenities (fibre, wifi, salle-de-reunion, acces-pmr,
                            cuisine, parking, velo, imprimante, domiciliation,
                            casiers, cafe), open now
  space ID [--json]         one space in full, with the week's opening hours
  members [--near COMMUNE] [--within KM] [--skill TAG] [--json]
                            the members who published their profile (Network)
  member HANDLE [--json]    a member's page: their profile if published, their
                            articles and recent comments

Meeting:

  agenda [--near COMMUNE] [--past] [--json]
                            meetups to come, by week (within 40 km of the
                            commune with --near), or past ones
  agenda --ics              the agenda for your calendar (iCalendar)
  event ID [--json]         one meetup in full, with who goes

With an SSH key:

  whoami [--json]           your key and your handle
  handle NAME               choose or change your handle (a-z, 0-9, _ -)
  comment ID|SLUG [--json]  comment on an article (the text read from stdin)
  reply N [--json]          reply to comment number N, the same way
  keys [--json]             your SSH keys: type, fingerprint, added, last used
  keys remove FINGERPRINT   remove a key (a lost laptop): neither the one of
                            this connection, nor the last one
  news [--json]             what is new for you: replies, mentions, unread
                            comments, meetups, messages

Examples: ssh -p 2222 localhost read 3
          ssh -p 2222 localhost spaces --near Crest --within 20 --amenity fibre
          echo 'Thanks for this article!' | ssh -p 2222 localhost comment 3
"#,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).map(|d| d.with_timezone(&Utc)).unwrap_or_default()
    }

    #[test]
    fn the_commands_help_keeps_its_two_columns_and_names_every_command() {
        for lang in [Lang::Fr, Lang::En] {
            let help = lang.s().commands_help;
            for command in [
                "help", "articles", "read", "search", "spaces", "members", "agenda", "event", "comment",
                "keys",
            ] {
                assert!(
                    help.contains(&format!("\n  {command} ")),
                    "{command} missing or not indented:\n{help}"
                );
            }
            assert!(help.lines().all(|l| l.chars().count() <= 80), "{help}");
        }
    }

    #[test]
    fn french_dates_read_as_people_write_them() {
        assert_eq!(Lang::Fr.long_date(at("2013-12-19T10:00:00Z")), "jeudi 19 décembre 2013");
        assert_eq!(Lang::Fr.long_date(at("2026-10-01T10:00:00Z")), "jeudi 1er octobre 2026");
        assert_eq!(Lang::En.long_date(at("2013-12-19T10:00:00Z")), "Thursday 19 December 2013");
        // 23:30 UTC on the 31st is already the 1st in Paris.
        assert_eq!(Lang::Fr.short_date(at("2026-12-31T23:30:00Z")), "1\u{a0}janv.\u{a0}2027");
    }

    #[test]
    fn relative_times() {
        let now = at("2026-11-27T12:00:00Z");
        assert_eq!(Lang::Fr.relative(at("2026-11-27T09:00:00Z"), now), "il y a 3\u{a0}h");
        assert_eq!(Lang::En.relative(at("2026-11-27T11:55:00Z"), now), "5\u{a0}min ago");
        assert_eq!(Lang::Fr.relative(at("2026-11-01T12:00:00Z"), now), "1\u{a0}nov.\u{a0}2026");
    }

    #[test]
    fn command_help_fits_80_columns() {
        for lang in [Lang::Fr, Lang::En] {
            for line in lang.s().commands_help.lines() {
                assert!(line.chars().count() <= 80, "{line}");
            }
        }
    }

    #[test]
    fn lang_from_locale() {
        assert_eq!(Lang::from_locale("en_GB.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("fr_FR.UTF-8"), Lang::Fr);
        assert_eq!(Lang::from_locale("C.UTF-8"), Lang::Fr);
    }
}
