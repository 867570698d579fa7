//! What members read about their account and their comments: handle, posting and linking
//! errors, moderation notes. Shared by the commands without a pty and the screens.

use chrono::{DateTime, Utc};

use super::Lang;
use crate::domain::comment::{EDIT_WINDOW_MINUTES, PostError};
use crate::domain::member::LinkError;
use crate::domain::member::{HANDLE_CHANGE_HOURS, HANDLE_MAX, HANDLE_MIN, HANDLE_RESERVED_DAYS, HandleError};

impl Lang {
    /// For guests who try to write: why they cannot, and how to make a key.
    pub fn guest_needs_key(self) -> &'static str {
        match self {
            Lang::Fr => {
                "Vous êtes connecté·e en invité·e : sans clé SSH, on peut lire Cédille mais pas y écrire.\n\
                 Créez une clé avec « ssh-keygen -t ed25519 », puis reconnectez-vous :\n\
                 ssh la proposera d'elle-même et votre compte sera créé.\n"
            }
            Lang::En => {
                "You are connected as a guest: without an SSH key you can read Cédille but not write.\n\
                 Make a key with 'ssh-keygen -t ed25519', then connect again:\n\
                 ssh offers it by itself and your account is created.\n"
            }
        }
    }

    /// For members who try to comment before choosing a handle.
    pub fn needs_handle(self) -> &'static str {
        match self {
            Lang::Fr => {
                "Choisissez d'abord un pseudonyme : « handle NOM » (2 à 24 caractères a-z, 0-9, _ ou -).\n"
            }
            Lang::En => "Choose a handle first: 'handle NAME' (2 to 24 characters a-z, 0-9, _ or -).\n",
        }
    }

    /// `whoami` for a member who has no handle yet.
    pub fn no_handle_yet(self) -> &'static str {
        match self {
            Lang::Fr => "(pas encore de pseudonyme : choisissez-en un avec « handle NOM »)",
            Lang::En => "(no handle yet: choose one with 'handle NAME')",
        }
    }

    pub fn handle_set(self, handle: &str) -> String {
        match self {
            Lang::Fr => format!("Votre pseudonyme est désormais « {handle} ».\n"),
            Lang::En => format!("Your handle is now '{handle}'.\n"),
        }
    }

    pub fn handle_error(self, e: &HandleError) -> String {
        match (self, e) {
            (Lang::Fr, HandleError::TooShort) => {
                format!("Un pseudonyme compte au moins {HANDLE_MIN}\u{a0}caractères.")
            }
            (Lang::En, HandleError::TooShort) => format!("A handle has at least {HANDLE_MIN} characters."),
            (Lang::Fr, HandleError::TooLong) => {
                format!("Un pseudonyme compte au plus {HANDLE_MAX}\u{a0}caractères.")
            }
            (Lang::En, HandleError::TooLong) => format!("A handle has at most {HANDLE_MAX} characters."),
            (Lang::Fr, HandleError::BadChar(c, s)) => format!(
                "Un pseudonyme ne contient que des lettres a-z sans accent, des chiffres, _ et - (pas {}).{}",
                show_char(self, *c),
                s.as_deref().map(|s| self.handle_suggestion(s)).unwrap_or_default()
            ),
            (Lang::En, HandleError::BadChar(c, s)) => format!(
                "A handle holds only letters a-z, digits, _ and - (not {}).{}",
                show_char(self, *c),
                s.as_deref().map(|s| self.handle_suggestion(s)).unwrap_or_default()
            ),
            (Lang::Fr, HandleError::Reserved) => "Ce pseudonyme est réservé, choisissez-en un autre.".into(),
            (Lang::En, HandleError::Reserved) => "This handle is reserved, please choose another.".into(),
            (Lang::Fr, HandleError::Taken) => "Ce pseudonyme est déjà pris, choisissez-en un autre.".into(),
            (Lang::En, HandleError::Taken) => "This handle is taken, please choose another.".into(),
            // The date and the rule come first: a prompt shows one line.
            (Lang::Fr, HandleError::RecentlyReleased) => format!(
                "Ce pseudonyme reste réservé {HANDLE_RESERVED_DAYS}\u{a0}jours à qui vient de le quitter : \
                 choisissez-en un autre."
            ),
            (Lang::En, HandleError::RecentlyReleased) => format!(
                "This handle stays reserved {HANDLE_RESERVED_DAYS} days to whoever just gave it up: \
                 please choose another."
            ),
            (Lang::Fr, HandleError::TooSoon { next }) => format!(
                "Prochain changement possible le {} : un pseudonyme se change une fois par \
                 {HANDLE_CHANGE_HOURS}\u{a0}heures au plus.",
                self.comment_date(*next)
            ),
            (Lang::En, HandleError::TooSoon { next }) => format!(
                "Next change possible on {}: a handle changes at most once every {HANDLE_CHANGE_HOURS} hours.",
                self.comment_date(*next)
            ),
            (_, HandleError::Banned) => self.suspended().into(),
            (_, HandleError::Store(_)) => self.try_again().into(),
        }
    }

    pub fn post_error(self, e: &PostError) -> String {
        match (self, e) {
            (Lang::Fr, PostError::Empty) => "Le commentaire est vide.".into(),
            (Lang::En, PostError::Empty) => "The comment is empty.".into(),
            (Lang::Fr, PostError::TooLong { max }) => {
                format!("Le commentaire dépasse {max}\u{a0}caractères : raccourcissez-le.")
            }
            (Lang::En, PostError::TooLong { max }) => format!("The comment is longer than {max} characters."),
            (Lang::Fr, PostError::TooFast { wait_secs }) => {
                format!("Doucement : attendez encore {wait_secs}\u{a0}s avant de commenter.")
            }
            (Lang::En, PostError::TooFast { wait_secs }) => {
                format!("Slow down: wait {wait_secs} s before commenting again.")
            }
            (Lang::Fr, PostError::DailyLimit { max }) => {
                format!("Vous avez atteint la limite de {max}\u{a0}commentaires par jour. À demain !")
            }
            (Lang::En, PostError::DailyLimit { max }) => {
                format!("You have reached the limit of {max} comments a day. See you tomorrow!")
            }
            (_, PostError::NoHandle) => self.needs_handle().trim_end().into(),
            (Lang::Fr, PostError::NotYours) => "Ce commentaire n'est pas le vôtre.".into(),
            (Lang::En, PostError::NotYours) => "This comment is not yours.".into(),
            (Lang::Fr, PostError::TooLate) => format!(
                "Un commentaire ne se modifie ou ne se retire que dans les {EDIT_WINDOW_MINUTES}\u{a0}minutes qui suivent sa publication."
            ),
            (Lang::En, PostError::TooLate) => {
                format!(
                    "A comment can be edited or withdrawn only in the {EDIT_WINDOW_MINUTES} minutes after posting."
                )
            }
            (Lang::Fr, PostError::NotFound) => "Article ou commentaire introuvable.".into(),
            (Lang::En, PostError::NotFound) => "No such article or comment.".into(),
            (_, PostError::Banned) => self.suspended().into(),
            (_, PostError::Unavailable(_)) => self.try_again().into(),
            (_, PostError::Store(_)) => self.internal_error().into(),
        }
    }

    pub fn link_error(self, e: &LinkError) -> String {
        match (self, e) {
            (Lang::Fr, LinkError::Unknown) => "Ce code n'existe pas : vérifiez-le.".into(),
            (Lang::En, LinkError::Unknown) => "No such code: please check it.".into(),
            (Lang::Fr, LinkError::Expired) => "Ce code a expiré : demandez-en un nouveau.".into(),
            (Lang::En, LinkError::Expired) => "This code has expired: ask for a new one.".into(),
            (Lang::Fr, LinkError::Used) => "Ce code a déjà servi : demandez-en un nouveau.".into(),
            (Lang::En, LinkError::Used) => "This code was already used: ask for a new one.".into(),
            (Lang::Fr, LinkError::SameAccount) => "Cette clé appartient déjà à ce compte.".into(),
            (Lang::En, LinkError::SameAccount) => "This key already belongs to that account.".into(),
            (Lang::Fr, LinkError::TooManyAttempts { wait_secs }) => match wait_secs.div_ceil(60) {
                _ if *wait_secs < 60 => format!("Trop d'essais\u{a0}: réessayez dans {wait_secs}\u{a0}s."),
                minutes => format!("Trop d'essais\u{a0}: réessayez dans {minutes}\u{a0}min."),
            },
            (Lang::En, LinkError::TooManyAttempts { wait_secs }) => match wait_secs.div_ceil(60) {
                _ if *wait_secs < 60 => format!("Too many attempts: try again in {wait_secs} s."),
                minutes => format!("Too many attempts: try again in {minutes} min."),
            },
            (_, LinkError::Store(_)) => self.try_again().into(),
        }
    }

    pub fn suspended(self) -> &'static str {
        match self {
            Lang::Fr => "Ce compte est suspendu.",
            Lang::En => "This account is suspended.",
        }
    }

    pub fn try_again(self) -> &'static str {
        match self {
            Lang::Fr => "Impossible d'enregistrer pour le moment. Réessayez dans un instant.",
            Lang::En => "Cannot save right now. Try again in a moment.",
        }
    }

    /// A write failed through a bug, not through the database being unavailable: trying
    /// again will not help, so the member is not told to.
    pub fn internal_error(self) -> &'static str {
        match self {
            Lang::Fr => "Erreur interne : rien n'a été enregistré.",
            Lang::En => "Internal error: nothing was saved.",
        }
    }

    /// Said after the id of a comment that waits for a moderator.
    pub fn awaiting_moderation(self) -> &'static str {
        match self {
            Lang::Fr => "en attente de modération",
            Lang::En => "awaiting moderation",
        }
    }

    pub fn hidden_by_moderators(self) -> &'static str {
        match self {
            Lang::Fr => "masqué par la modération",
            Lang::En => "hidden by moderators",
        }
    }

    /// Stands in for a withdrawn comment that still has replies.
    pub fn deleted_comment(self) -> &'static str {
        match self {
            Lang::Fr => "[commentaire supprimé]",
            Lang::En => "[comment deleted]",
        }
    }

    pub fn edited(self) -> &'static str {
        match self {
            Lang::Fr => "(édité)",
            Lang::En => "(edited)",
        }
    }

    pub fn no_comments_yet(self) -> &'static str {
        match self {
            Lang::Fr => "Aucun commentaire pour le moment.",
            Lang::En => "No comments yet.",
        }
    }

    /// « 27 nov. 2026, 11 h 05 », in Paris time: a comment's date, to the minute.
    pub fn comment_date(self, at: DateTime<Utc>) -> String {
        format!("{}, {}", self.short_date(at), self.time_at(at))
    }

    /// The text sent to a comment command was over the limit.
    pub fn input_too_long(self, max_kib: usize) -> String {
        match self {
            Lang::Fr => format!("cedille : texte trop long ({max_kib}\u{a0}Kio au plus).\n"),
            Lang::En => format!("cedille: text too long (at most {max_kib} KiB).\n"),
        }
    }

    /// `comment` and `reply` were run with a pty, where the end of the text cannot be told.
    pub fn comment_needs_no_pty(self) -> &'static str {
        match self {
            Lang::Fr => {
                "cedille : « comment » et « reply » lisent le texte sur l'entrée standard ; lancez-les sans -t, par exemple :\n\
                 echo 'Bonjour !' | ssh cedille comment 3\n"
            }
            Lang::En => {
                "cedille: 'comment' and 'reply' read the text from standard input; run them without -t, for example:\n\
                 echo 'Hello!' | ssh cedille comment 3\n"
            }
        }
    }
}

/// A refused character, shown so that it can be seen: controls and invisibles by code point.
fn show_char(lang: Lang, c: char) -> String {
    if c.is_control() || c.is_whitespace() || crate::text::clean::clean_line(&c.to_string()).is_empty() {
        format!("U+{:04X}", u32::from(c))
    } else if lang == Lang::Fr {
        format!("«\u{a0}{c}\u{a0}»")
    } else {
        format!("'{c}'")
    }
}
