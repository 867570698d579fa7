//! The strings of comments, handles and the member's profile.

use super::Lang;

pub struct CommentStrings {
    pub heading: &'static str,
    pub none_yet: &'static str,
    pub deleted: &'static str,
    /// In place of a comment by a member the reader blocked.
    pub hidden_blocked: &'static str,
    /// A reply asked to a comment hidden because its author is blocked.
    pub hidden_no_reply: &'static str,
    pub edited: &'static str,
    pub pending: &'static str,
    pub hidden: &'static str,
    pub new_comment: &'static str,
    pub edit_comment: &'static str,
    pub editor_keys: &'static [(&'static str, &'static str)],
    pub discard_question: &'static str,
    pub delete_question: &'static str,
    pub yes_no: &'static str,
    pub need_key_title: &'static str,
    pub need_key: &'static [&'static str],
    pub handle_title: &'static str,
    pub handle_help: &'static str,
    pub prompt_keys: &'static [(&'static str, &'static str)],
    pub posted: &'static str,
    pub posted_pending: &'static str,
    pub deleted_notice: &'static str,
    pub cannot_edit: &'static str,
    pub not_yours: &'static str,
    pub not_yours_delete: &'static str,
    pub cannot_delete: &'static str,
    /// Said once an edited comment is saved.
    pub edited_notice: &'static str,
    pub keys_text: &'static [(&'static str, &'static str)],
    pub keys_comments: &'static [(&'static str, &'static str)],
    /// For moderators: approve and hide come first.
    pub keys_comments_moderator: &'static [(&'static str, &'static str)],
    pub catch_up_title: &'static str,
    pub catch_up_articles: &'static str,
    pub catch_up_replies: &'static str,
    pub catch_up_active: &'static str,
    pub close_keys: &'static [(&'static str, &'static str)],
    pub sending: &'static str,
    pub choose_first: &'static str,
}

pub static FR: CommentStrings = CommentStrings {
    heading: "Commentaires",
    none_yet: "Aucun commentaire pour l'instant. Appuyez sur c pour écrire le premier.",
    deleted: "[commentaire supprimé]",
    hidden_blocked: "[1 commentaire masqué (membre bloqué)]",
    hidden_no_reply: "Ce commentaire est masqué : vous avez bloqué son auteur.",
    edited: "édité",
    pending: "en attente de modération",
    hidden: "masqué",
    new_comment: "Nouveau commentaire",
    edit_comment: "Modifier le commentaire",
    editor_keys: &[("Ctrl-S", "envoyer"), ("Échap", "fermer")],
    discard_question: "Abandonner ce brouillon ?",
    delete_question: "Supprimer ce commentaire ?",
    yes_no: "o : oui    n : non",
    need_key_title: "Une clé SSH pour écrire",
    need_key: &[
        "Vous êtes connecté·e sans clé SSH : vous pouvez tout lire, mais pour commenter, Cédille \
         doit vous reconnaître, et c'est votre clé qui vous identifie (pas de mot de passe).",
        "Créez une clé une fois pour toutes sur votre ordinateur :",
        "    ssh-keygen -t ed25519",
        "puis reconnectez-vous : ssh reprendra la clé tout seul.",
    ],
    handle_title: "Choisissez votre pseudo",
    handle_help: "2 à 24 caractères : lettres a-z, chiffres, _ et -. Il vous signe : commentaires, rencontres, messages.",
    prompt_keys: &[("Entrée", "valider"), ("Échap", "annuler")],
    posted: "Commentaire publié.",
    posted_pending: "Commentaire reçu : il paraîtra après modération.",
    deleted_notice: "Commentaire supprimé.",
    cannot_edit: "Ce commentaire ne peut plus être modifié (15 minutes après l'envoi).",
    not_yours: "Vous ne pouvez modifier que vos propres commentaires.",
    not_yours_delete: "Vous ne pouvez supprimer que vos propres commentaires.",
    cannot_delete: "Ce commentaire ne peut plus être supprimé (15 minutes après l'envoi).",
    edited_notice: "Commentaire modifié.",
    // The way back and the help first: at the smallest size they still show.
    keys_text: &[
        ("Tab", "commentaires"),
        ("Échap", "retour"),
        ("?", "aide"),
        ("↑↓", "défiler"),
        ("s", "partager"),
    ],
    keys_comments: &[
        ("↑↓", "choisir"),
        ("r", "répondre"),
        ("c", "commenter"),
        ("e", "modifier"),
        ("d", "supprimer"),
        ("Tab", "texte"),
    ],
    keys_comments_moderator: &[
        ("↑↓", "choisir"),
        ("a", "approuver"),
        ("H", "masquer"),
        ("r", "répondre"),
        ("c", "commenter"),
        ("Tab", "texte"),
    ],
    catch_up_title: "Depuis votre dernière visite",
    catch_up_articles: "Nouveaux articles",
    catch_up_replies: "Réponses à vos commentaires",
    catch_up_active: "Nouveaux commentaires là où vous avez écrit",
    close_keys: &[("Entrée", "continuer")],
    sending: "Envoi…",
    choose_first: "Tab, puis ↑↓ : choisissez d'abord un commentaire.",
};

pub static EN: CommentStrings = CommentStrings {
    heading: "Comments",
    none_yet: "No comments yet. Press c to write the first one.",
    deleted: "[comment deleted]",
    hidden_blocked: "[1 comment hidden (member blocked)]",
    hidden_no_reply: "This comment is hidden: you blocked its author.",
    edited: "edited",
    pending: "awaiting moderation",
    hidden: "hidden",
    new_comment: "New comment",
    edit_comment: "Edit comment",
    editor_keys: &[("Ctrl-S", "send"), ("Esc", "close")],
    discard_question: "Discard this draft?",
    delete_question: "Delete this comment?",
    yes_no: "y: yes    n: no",
    need_key_title: "An SSH key to write",
    need_key: &[
        "You are connected without an SSH key: you can read everything, but to comment Cédille \
         must recognise you, and your key is what identifies you (no password).",
        "Make a key once and for all on your computer:",
        "    ssh-keygen -t ed25519",
        "then connect again: ssh will offer the key by itself.",
    ],
    handle_title: "Choose your handle",
    handle_help: "2 to 24 characters: letters a-z, digits, _ and -. It signs your comments, meetups and messages.",
    prompt_keys: &[("Enter", "confirm"), ("Esc", "cancel")],
    posted: "Comment published.",
    posted_pending: "Comment received: it will appear after moderation.",
    deleted_notice: "Comment deleted.",
    cannot_edit: "This comment can no longer be changed (15 minutes after sending).",
    not_yours: "You can only change your own comments.",
    not_yours_delete: "You can only delete your own comments.",
    cannot_delete: "This comment can no longer be deleted (15 minutes after sending).",
    edited_notice: "Comment changed.",
    keys_text: &[("Tab", "comments"), ("Esc", "back"), ("?", "help"), ("↑↓", "scroll"), ("s", "share")],
    keys_comments: &[
        ("↑↓", "select"),
        ("r", "reply"),
        ("c", "comment"),
        ("e", "edit"),
        ("d", "delete"),
        ("Tab", "text"),
    ],
    keys_comments_moderator: &[
        ("↑↓", "select"),
        ("a", "approve"),
        ("H", "hide"),
        ("r", "reply"),
        ("c", "comment"),
        ("Tab", "text"),
    ],
    catch_up_title: "Since your last visit",
    catch_up_articles: "New articles",
    catch_up_replies: "Replies to your comments",
    catch_up_active: "New comments where you wrote",
    close_keys: &[("Enter", "continue")],
    sending: "Sending…",
    choose_first: "Tab, then ↑↓: choose a comment first.",
};

impl Lang {
    pub fn c(self) -> &'static CommentStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// Answers « yes » in this language (`o` in French, `y` in English; both accepted).
    pub fn is_yes(self, c: char) -> bool {
        matches!(c, 'o' | 'O' | 'y' | 'Y')
    }

    pub fn reply_to(self, handle: &str) -> String {
        match self {
            Lang::Fr => format!("Réponse à {handle}"),
            Lang::En => format!("Reply to {handle}"),
        }
    }

    pub fn comments_heading(self, n: usize) -> String {
        format!("{} ({n})", self.c().heading)
    }

    pub fn at_time(self, at: chrono::DateTime<chrono::Utc>) -> String {
        match self {
            Lang::Fr => format!("{} à {}", self.long_date(at), self.time_at(at)),
            Lang::En => format!("{} at {}", self.long_date(at), self.time_at(at)),
        }
    }

    /// « 5 201 / 4 000 »: the characters of a text against its limit.
    pub fn counter(self, used: usize, max: usize) -> String {
        format!("{}\u{a0}/\u{a0}{}", self.count(used), self.count(max))
    }
}

impl Lang {
    pub fn paste_too_large(self) -> String {
        match self {
            Lang::Fr => "Ce collage dépasse 64 Kio : il n'a pas été inséré.".into(),
            Lang::En => "This paste is over 64 KiB: it was not inserted.".into(),
        }
    }
}

/// The member's profile screen.
pub struct ProfileStrings {
    pub title: &'static str,
    pub handle: &'static str,
    pub none: &'static str,
    /// An optional field left empty (« commune », « présentation » are feminine).
    pub unset: &'static str,
    pub keys: &'static str,
    pub this_key: &'static str,
    pub language: &'static str,
    pub town: &'static str,
    pub bio: &'static str,
    pub since: &'static str,
    pub link_title: &'static str,
    pub link_help: &'static [&'static str],
    pub code_valid: &'static str,
    pub town_title: &'static str,
    pub town_help: &'static str,
    pub bio_title: &'static str,
    pub bio_help: &'static str,
    pub code_title: &'static str,
    pub code_help: &'static str,
    pub linked: &'static str,
    pub saved: &'static str,
    pub keys_profile: &'static [(&'static str, &'static str)],
}

pub static PROFILE_FR: ProfileStrings = ProfileStrings {
    title: "Votre profil",
    handle: "Pseudo",
    none: "(pas encore choisi)",
    unset: "(non renseignée)",
    keys: "Clés",
    this_key: "cette session",
    language: "Langue",
    town: "Commune",
    bio: "Présentation",
    since: "Membre depuis",
    link_title: "Plusieurs clés, un seul compte",
    link_help: &[
        "k : obtenir un code, puis le saisir depuis votre autre clé (valable 10 minutes, une fois).",
        "K : saisir ici un code obtenu depuis votre autre clé : cette clé rejoindra ce compte-là.",
    ],
    code_valid: "à saisir depuis l'autre clé, valable 10 minutes",
    town_title: "Votre commune",
    town_help: "Une commune de la Drôme ou de l'Ardèche (nom, code postal ou code INSEE), où vous télétravaillez d'habitude : la même que dans « Réseau » (facultatif ; vide pour effacer).",
    bio_title: "Votre présentation",
    bio_help: "400 caractères au plus : la même présentation que dans « Réseau » et sous vos articles, vue des autres une fois votre profil publié (facultatif ; vide pour effacer).",
    code_title: "Lier cette clé à un autre compte",
    code_help: "Le code affiché sur votre autre session, par exemple K7PX-3MQD.",
    linked: "Cette clé est maintenant liée à votre compte.",
    saved: "Enregistré.",
    keys_profile: &[
        ("h", "pseudo"),
        ("t", "commune"),
        ("b", "présentation"),
        ("c", "caractères"),
        ("k/K", "clés"),
        ("Échap", "retour"),
    ],
};

pub static PROFILE_EN: ProfileStrings = ProfileStrings {
    title: "Your profile",
    handle: "Handle",
    none: "(not chosen yet)",
    unset: "(not given)",
    keys: "Keys",
    this_key: "this session",
    language: "Language",
    town: "Town",
    bio: "About",
    since: "Member since",
    link_title: "Several keys, one account",
    link_help: &[
        "k: get a code, then enter it from your other key (valid 10 minutes, once).",
        "K: enter here a code from your other key: this key will join that account.",
    ],
    code_valid: "enter it from the other key, valid 10 minutes",
    town_title: "Your town",
    town_help: "A town of Drôme or Ardèche (name, postcode or INSEE code) you usually work from: the same as in « Réseau » (optional; empty to clear).",
    bio_title: "About you",
    bio_help: "400 characters at most: the same presentation as in « Réseau » and under your articles, seen by others once your profile is published (optional; empty to clear).",
    code_title: "Link this key to another account",
    code_help: "The code shown in your other session, for example K7PX-3MQD.",
    linked: "This key now belongs to your account.",
    saved: "Saved.",
    keys_profile: &[
        ("h", "handle"),
        ("t", "town"),
        ("b", "about"),
        ("c", "characters"),
        ("k/K", "link a key"),
        ("Esc", "back"),
    ],
};

impl Lang {
    /// Why a comment cannot be changed, said before anything is opened, in the words of
    /// what was tried (`delete` or edit).
    pub fn not_editable(self, why: crate::domain::comment::NotEditable, delete: bool) -> &'static str {
        use crate::domain::comment::NotEditable;
        let c = self.c();
        match (why, delete) {
            (NotEditable::NotYours, false) => c.not_yours,
            (NotEditable::NotYours, true) => c.not_yours_delete,
            (NotEditable::TooLate, false) => c.cannot_edit,
            (NotEditable::TooLate, true) => c.cannot_delete,
        }
    }

    pub fn p(self) -> &'static ProfileStrings {
        match self {
            Lang::Fr => &PROFILE_FR,
            Lang::En => &PROFILE_EN,
        }
    }
}
