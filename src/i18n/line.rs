//! The strings of line mode (`TERM=dumb`, `ssh -t host ligne`, or the member's setting):
//! prompts, numbered menus, the short help of each place and the one-line announcements of
//! live events. Plain text only: no box drawing, no symbol a speech synthesizer would spell.

use super::Lang;
use crate::text::clean::clean_line;

pub struct LineStrings {
    pub welcome: &'static str,
    pub menu: &'static str,
    pub menu_prompt: &'static str,
    pub bulletin: &'static str,
    pub article: &'static str,
    pub agenda: &'static str,
    pub meetup: &'static str,
    pub spaces: &'static str,
    pub space: &'static str,
    pub messages: &'static str,
    pub conversation: &'static str,
    pub profile: &'static str,
    pub more_prompt: &'static str,
    pub comment_prompt: &'static str,
    pub message_prompt: &'static str,
    pub handle_prompt: &'static str,
    pub bio_prompt: &'static str,
    pub help_menu: &'static str,
    pub help_bulletin: &'static str,
    pub help_article: &'static str,
    pub help_agenda: &'static str,
    pub help_meetup: &'static str,
    pub help_spaces: &'static str,
    pub help_space: &'static str,
    pub help_messages: &'static str,
    pub help_conversation: &'static str,
    pub help_profile: &'static str,
    pub help_everywhere: &'static str,
    pub compose_help: &'static str,
    pub handle_first: &'static str,
    pub cancelled: &'static str,
    pub no_such_number: &'static str,
    pub no_articles: &'static str,
    pub no_comments: &'static str,
    pub no_meetups: &'static str,
    pub no_conversations: &'static str,
    pub no_messages: &'static str,
    pub going_no_more: &'static str,
    pub sent: &'static str,
    pub line_on: &'static str,
    pub line_off: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub line_mode: &'static str,
    pub profile_menu: &'static str,
    pub lang_switched: &'static str,
    pub deleted: &'static str,
    pub leave: &'static str,
    pub no_answer: &'static str,
    pub write_to_member: &'static str,
    /// The profile screen of the full-screen app: the row and what its key does.
    pub profile_row: &'static str,
    pub profile_row_key: &'static str,
    /// Before the text of a comment about to be written again.
    pub edit_current: &'static str,
    pub edited: &'static str,
    pub delete_confirm: &'static str,
    pub confirm_prompt: &'static str,
    pub propose_intro: &'static str,
    pub space_prompt: &'static str,
    pub space_pick: &'static str,
    pub description_help: &'static str,
}

pub static FR: LineStrings = LineStrings {
    welcome: "Cédille, mode ligne. Tapez un numéro puis Entrée ; ? pour l'aide, q pour quitter.",
    menu: "1 Bulletin, 2 Agenda, 3 Espaces, 4 Messages, 5 Profil, q Quitter.",
    menu_prompt: "Cédille",
    bulletin: "Bulletin",
    article: "Article",
    agenda: "Agenda",
    meetup: "Rencontre",
    spaces: "Espaces",
    space: "Espace",
    messages: "Messages",
    conversation: "Conversation",
    profile: "Profil",
    more_prompt: "Entrée pour la suite, q pour arrêter",
    comment_prompt: "Commentaire",
    message_prompt: "Message",
    handle_prompt: "Pseudo",
    bio_prompt: "Présentation",
    help_menu: "Tapez 1 pour le bulletin, 2 l'agenda, 3 les espaces de travail, 4 vos messages, 5 votre profil.",
    help_bulletin: "Un numéro lit cet article. l relit la liste ; chercher et des mots cherche dans les articles et les commentaires.",
    help_article: "c commente l'article, r et un numéro répond à ce commentaire (r 2), e et un numéro modifie votre commentaire, d et un numéro le supprime, l relit l'article, 0 revient à la liste.",
    help_agenda: "Un numéro ouvre cette rencontre. l relit la liste, p propose une rencontre.",
    help_meetup: "j pour « j'y vais », n pour ne plus y aller, l relit la rencontre, p propose une rencontre, 0 revient à l'agenda.",
    help_spaces: "Tapez ce que vous cherchez, par exemple « coworking près de Die » ; « partout » oublie la commune ; un numéro ouvre cet espace.",
    help_space: "l relit l'espace, 0 revient aux résultats.",
    help_messages: "Un numéro ouvre cette conversation. l relit la liste ; membres montre l'annuaire, pour écrire à quelqu'un.",
    help_conversation: "e écrit un message, l relit la conversation, 0 revient aux conversations.",
    help_profile: "1 change votre pseudo, 2 votre présentation, 3 la langue, 4 le mode ligne à chaque connexion, 5 les caractères envoyés à votre terminal.",
    help_everywhere: "Partout : menu, bulletin, agenda, espaces, messages, profil ; 0 revient en arrière ; q quitte ; Ctrl-C annule ce qui est en cours.",
    compose_help: "Écrivez votre texte, sur plusieurs lignes si vous voulez. Une ligne avec un seul point l'envoie ; Ctrl-C l'abandonne.",
    handle_first: "Choisissez d'abord un pseudo (2 à 24 caractères a-z, 0-9, _ ou -) :",
    cancelled: "Annulé.",
    no_such_number: "Pas de numéro comme celui-là ici.",
    no_articles: "Aucun article pour le moment.",
    no_comments: "Pas encore de commentaire.",
    no_meetups: "Aucune rencontre prévue.",
    no_conversations: "Aucune conversation pour le moment.",
    no_messages: "Aucun message.",
    going_no_more: "C'est noté : vous n'y allez plus.",
    sent: "Message envoyé.",
    line_on: "Enregistré : vos prochaines sessions s'ouvriront en mode ligne.",
    line_off: "Enregistré : vos prochaines sessions s'ouvriront en plein écran (sauf avec TERM=dumb ou « ssh -t … ligne »).",
    yes: "oui",
    no: "non",
    line_mode: "Mode ligne à chaque connexion",
    profile_menu: "1 Pseudo, 2 Présentation, 3 Langue, 4 Mode ligne à chaque connexion, 5 Caractères.",
    lang_switched: "Désormais en français.",
    deleted: "(commentaire supprimé)",
    leave: "Au revoir.",
    no_answer: "Pas de réponse pour le moment ; réessayez.",
    write_to_member: "e et un numéro écrit à ce membre (e 2).",
    profile_row: "Mode ligne",
    profile_row_key: "l pour changer",
    edit_current: "Votre texte actuel :",
    edited: "Commentaire modifié.",
    delete_confirm: "Supprimer ce commentaire ? o pour oui, n pour non.",
    confirm_prompt: "o/n",
    propose_intro: "Proposer une rencontre : une question par champ. Entrée seule laisse vide un champ facultatif ; Ctrl-C abandonne.",
    space_prompt: "Numéro de l'espace",
    space_pick: "Tapez le numéro de l'espace, ou 0 pour aucun (vous donnerez l'adresse et la commune).",
    description_help: "Description, sur plusieurs lignes si vous voulez. Une ligne avec un seul point la termine et envoie la proposition.",
};

pub static EN: LineStrings = LineStrings {
    welcome: "Cédille, line mode. Type a number then Enter; ? for help, q to quit.",
    menu: "1 Bulletin, 2 Agenda, 3 Spaces, 4 Messages, 5 Profile, q Quit.",
    menu_prompt: "Cédille",
    bulletin: "Bulletin",
    article: "Article",
    agenda: "Agenda",
    meetup: "Meetup",
    spaces: "Spaces",
    space: "Space",
    messages: "Messages",
    conversation: "Conversation",
    profile: "Profile",
    more_prompt: "Enter for more, q to stop",
    comment_prompt: "Comment",
    message_prompt: "Message",
    handle_prompt: "Handle",
    bio_prompt: "About you",
    help_menu: "Type 1 for the bulletin, 2 the agenda, 3 the places to work, 4 your messages, 5 your profile.",
    help_bulletin: "A number reads that article. l lists again; search and words looks through articles and comments.",
    help_article: "c comments on the article, r and a number replies to that comment (r 2), e and a number edits your comment, d and a number deletes it, l reads again, 0 back to the list.",
    help_agenda: "A number opens that meetup. l lists again, p proposes a meetup.",
    help_meetup: "j to say you are going, n to go no more, l reads again, p proposes a meetup, 0 back to the agenda.",
    help_spaces: "Type what you look for, such as “coworking near Die”; “anywhere” forgets the town; a number opens that space.",
    help_space: "l reads again, 0 back to the results.",
    help_messages: "A number opens that conversation. l lists again; members shows the directory, to write to someone.",
    help_conversation: "e writes a message, l reads again, 0 back to the conversations.",
    help_profile: "1 changes your handle, 2 your presentation, 3 the language, 4 line mode at every connection, 5 the characters sent to your terminal.",
    help_everywhere: "Everywhere: menu, bulletin, agenda, spaces, messages, profile; 0 goes back; q quits; Ctrl-C cancels what is under way.",
    compose_help: "Write your text, on several lines if you like. A line with a single dot sends it; Ctrl-C drops it.",
    handle_first: "Choose a handle first (2 to 24 characters a-z, 0-9, _ or -):",
    cancelled: "Cancelled.",
    no_such_number: "No such number here.",
    no_articles: "No article yet.",
    no_comments: "No comment yet.",
    no_meetups: "No meetup planned.",
    no_conversations: "No conversation yet.",
    no_messages: "No message.",
    going_no_more: "Noted: you are not going any more.",
    sent: "Message sent.",
    line_on: "Saved: your next sessions will open in line mode.",
    line_off: "Saved: your next sessions will open full screen (unless TERM=dumb or “ssh -t … line”).",
    yes: "yes",
    no: "no",
    line_mode: "Line mode at every connection",
    profile_menu: "1 Handle, 2 About you, 3 Language, 4 Line mode at every connection, 5 Characters.",
    lang_switched: "From now on in English.",
    deleted: "(comment deleted)",
    leave: "Goodbye.",
    no_answer: "No answer for now; try again.",
    write_to_member: "e and a number writes to that member (e 2).",
    profile_row: "Line mode",
    profile_row_key: "l to change",
    edit_current: "Your text now:",
    edited: "Comment edited.",
    delete_confirm: "Delete this comment? y for yes, n for no.",
    confirm_prompt: "y/n",
    propose_intro: "Propose a meetup: one question per field. Enter alone leaves an optional field empty; Ctrl-C drops it.",
    space_prompt: "Number of the space",
    space_pick: "Type the number of the space, or 0 for none (you will give the address and town).",
    description_help: "Description, on several lines if you like. A line with a single dot ends it and sends the proposal.",
};

impl Lang {
    pub fn l(self) -> &'static LineStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    /// « Je n'ai pas compris « xyz ». Tapez ? pour l'aide. »
    pub fn line_unknown(self, typed: &str) -> String {
        let typed = clean_line(typed);
        match self {
            Lang::Fr => format!("Je n'ai pas compris «\u{a0}{typed}\u{a0}». Tapez ? pour l'aide."),
            Lang::En => format!("I did not understand “{typed}”. Type ? for help."),
        }
    }

    /// The one line that announces a comment arriving in the thread being read.
    pub fn line_new_comment(self, author: &str, title: &str, excerpt: &str) -> String {
        let (author, title, excerpt) = (clean_line(author), clean_line(title), clean_line(excerpt));
        match self {
            Lang::Fr => {
                format!("Nouveau commentaire de {author} sur «\u{a0}{title}\u{a0}»\u{a0}: {excerpt}")
            }
            Lang::En => format!("New comment from {author} on “{title}”: {excerpt}"),
        }
    }

    /// A new private message, in one line.
    pub fn line_new_message(self, from: &str) -> String {
        let from = clean_line(from);
        match self {
            Lang::Fr => format!("Nouveau message de {from}\u{a0}: tapez messages pour le lire."),
            Lang::En => format!("New message from {from}: type messages to read it."),
        }
    }

    /// The head of comment `n` of a thread: « 2. camille, il y a 3 min, en réponse au 1 : ».
    pub fn line_comment_head(self, n: usize, author: &str, when: &str, parent: Option<usize>) -> String {
        let author = match clean_line(author) {
            a if a.is_empty() => "?".to_string(),
            a => a,
        };
        match (self, parent) {
            (Lang::Fr, Some(p)) => format!("{n}. {author}, {when}, en réponse au {p}\u{a0}:"),
            (Lang::Fr, None) => format!("{n}. {author}, {when}\u{a0}:"),
            (Lang::En, Some(p)) => format!("{n}. {author}, {when}, replying to {p}:"),
            (Lang::En, None) => format!("{n}. {author}, {when}:"),
        }
    }

    /// « Réponse au commentaire 2 de camille. »
    pub fn line_replying(self, n: usize, author: &str) -> String {
        let author = clean_line(author);
        match self {
            Lang::Fr => format!("Réponse au commentaire {n} de {author}."),
            Lang::En => format!("Reply to comment {n} by {author}."),
        }
    }

    /// « 12 espaces trouvés, les 100 premiers ici » and the like.
    pub fn line_spaces_found(self, shown: usize, total: usize, near: Option<&str>) -> String {
        let near = near.map(clean_line);
        let place = match (self, &near) {
            (Lang::Fr, Some(n)) => format!(" près de {n}"),
            (Lang::En, Some(n)) => format!(" near {n}"),
            _ => String::new(),
        };
        match (self, total) {
            (Lang::Fr, 0) => format!("Aucun espace trouvé{place}."),
            (Lang::En, 0) => format!("No space found{place}."),
            (Lang::Fr, 1) => format!("1\u{a0}espace trouvé{place}\u{a0}:"),
            (Lang::En, 1) => format!("1 space found{place}:"),
            (Lang::Fr, t) if t > shown => {
                format!("{t}\u{a0}espaces trouvés{place}, voici les {shown}\u{a0}premiers\u{a0}:")
            }
            (Lang::En, t) if t > shown => format!("{t} spaces found{place}, here are the first {shown}:"),
            (Lang::Fr, t) => format!("{t}\u{a0}espaces trouvés{place}\u{a0}:"),
            (Lang::En, t) => format!("{t} spaces found{place}:"),
        }
    }

    /// « 3 inscrits sur 12 places » / « 3 going ».
    pub fn line_going(self, going: i64, capacity: Option<i64>) -> String {
        match (self, capacity) {
            (Lang::Fr, Some(c)) => format!("{going}\u{a0}inscrit·es sur {c}\u{a0}places"),
            (Lang::Fr, None) => format!("{going}\u{a0}inscrit·es"),
            (Lang::En, Some(c)) => format!("{going} going of {c} places"),
            (Lang::En, None) => format!("{going} going"),
        }
    }

    /// A colon as each language sets it: « : » after a no-break space in French.
    pub fn line_colon(self) -> &'static str {
        match self {
            Lang::Fr => "\u{a0}:",
            Lang::En => ":",
        }
    }

    /// A label and its value on one line: « Pseudo : camille ».
    pub fn line_field(self, label: &str, value: &str) -> String {
        match self {
            Lang::Fr => format!("{label}\u{a0}: {value}"),
            Lang::En => format!("{label}: {value}"),
        }
    }

    /// « 2 non lus » after a conversation.
    pub fn line_unread(self, n: i64) -> String {
        match (self, n) {
            (Lang::Fr, 1) => "1\u{a0}non lu".into(),
            (Lang::Fr, n) => format!("{n}\u{a0}non lus"),
            (Lang::En, n) => format!("{n} unread"),
        }
    }
}

impl Lang {
    /// `ssh host ligne` without `-t`.
    pub fn line_needs_pty(self, address: &str) -> String {
        match self {
            Lang::Fr => format!("Le mode ligne a besoin d'un terminal : ssh -t {address} ligne\n"),
            Lang::En => format!("Line mode needs a terminal: ssh -t {address} line\n"),
        }
    }
}
