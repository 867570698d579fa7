//! The strings of « Réseau »: the members' directory, one's own profile, private messages,
//! and the reports moderators read.

use super::Lang;
use crate::domain::comment::PostError;
use crate::domain::network::{OpenTo, ReportError, WorkStatus};

type Keys = &'static [(&'static str, &'static str)];

pub struct NetStrings {
    pub section: &'static str,
    pub empty_directory: &'static str,
    pub none_found: &'static str,
    pub no_filter: &'static str,
    pub skill: &'static str,
    pub online_only: &'static str,
    pub online_now: &'static str,
    pub commune: &'static str,
    pub status: &'static str,
    pub skills: &'static str,
    pub open_to: &'static str,
    pub presentation: &'static str,
    pub unset: &'static str,
    pub my_profile: &'static str,
    pub published_row: &'static str,
    pub published_yes: &'static str,
    pub published_no: &'static str,
    pub visible_row: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub mine_help: &'static str,
    pub conversations: &'static str,
    pub no_conversation: &'static str,
    pub you: &'static str,
    pub blocked_banner: &'static str,
    pub empty_thread: &'static str,
    pub withdrawn_meanwhile: &'static str,
    pub saved: &'static str,
    pub sent: &'static str,
    pub blocked: &'static str,
    pub unblocked: &'static str,
    pub reported: &'static str,
    pub report_title: &'static str,
    pub report_help: &'static str,
    pub already_reported: &'static str,
    pub report_only_theirs: &'static str,
    pub skill_title: &'static str,
    pub skill_help: &'static str,
    pub near_title: &'static str,
    pub commune_title: &'static str,
    pub commune_help: &'static str,
    pub skills_title: &'static str,
    pub skills_help: &'static str,
    pub presentation_title: &'static str,
    pub presentation_help: &'static str,
    pub catch_up_messages: &'static str,
    pub keys_directory: Keys,
    pub keys_member: Keys,
    pub keys_inbox: Keys,
    pub keys_thread: Keys,
    pub keys_mine: Keys,
    pub reports_tab: &'static str,
    pub reports_empty: &'static str,
    pub reported_by: &'static str,
    pub reason: &'static str,
    pub no_reason: &'static str,
    pub keys_reports: Keys,
}

pub static FR: NetStrings = NetStrings {
    section: "Réseau",
    empty_directory: "Personne n'a encore publié son profil. e ouvre le vôtre : commune, statut, \
        compétences, ce à quoi vous êtes ouvert·e ; rien n'est visible avant que vous le publiiez.",
    none_found: "Aucun profil ne répond à ces critères. x efface les filtres.",
    no_filter: "tous les profils publiés",
    skill: "compétence",
    online_only: "connecté·e·s maintenant",
    online_now: "● connecté·e",
    commune: "Commune",
    status: "Statut",
    skills: "Compétences",
    open_to: "Ouvert·e à",
    presentation: "Présentation",
    unset: "(non renseigné)",
    my_profile: "Mon profil dans le réseau",
    published_row: "Publié",
    published_yes: "oui : visible dans l'annuaire",
    published_no: "non : personne ne le voit",
    visible_row: "Visible connecté·e",
    yes: "oui",
    no: "non",
    mine_help: "Entrée change la ligne choisie. Retirer la publication cache le profil aussitôt.",
    conversations: "Messages",
    no_conversation: "Aucune conversation. Depuis un profil de l'annuaire, m écrit à ce membre.",
    you: "vous",
    blocked_banner: "Vous avez bloqué ce membre : ses messages ne vous parviennent plus (b pour débloquer).",
    empty_thread: "Aucun message pour l'instant.",
    withdrawn_meanwhile: "Ce profil vient d'être retiré de l'annuaire.",
    saved: "Profil enregistré.",
    sent: "Message envoyé.",
    blocked: "Membre bloqué : ni ses messages ni ses commentaires ne vous parviennent.",
    unblocked: "Membre débloqué.",
    reported: "Message signalé aux modérateurs. Merci.",
    report_title: "Signaler ce message aux modérateurs",
    report_help: "Pourquoi, en une ligne (facultatif, 200 caractères au plus) ? Les modérateurs le liront avec les messages précédents.",
    already_reported: "Vous l'avez déjà signalé : les modérateurs le liront.",
    report_only_theirs: "Choisissez (↑↓) un message reçu pour le signaler.",
    skill_title: "Compétence",
    skill_help: "Une compétence ou son début, un mot d'une compétence (« télécom », « développement »). Vide : toutes.",
    near_title: "Près de…",
    commune_title: "Votre commune",
    commune_help: "Une commune de la Drôme ou de l'Ardèche (nom, code postal ou code INSEE) ; vide pour ne pas la dire.",
    skills_title: "Vos compétences",
    skills_help: "Séparées par des virgules : « rust, sysadmin, design ».",
    presentation_title: "Présentation",
    presentation_help: "Quelques mots sur vous et votre travail (400 caractères au plus).",
    catch_up_messages: "Messages non lus (Réseau, i)",
    keys_directory: &[
        ("Entrée", "profil"),
        ("m", "écrire"),
        ("i", "messages"),
        ("/", "compétence"),
        ("n", "près de"),
        ("e", "mon profil"),
    ],
    keys_member: &[("m", "écrire"), ("Échap", "retour")],
    keys_inbox: &[("↑↓", "choisir"), ("Entrée", "lire"), ("Échap", "annuaire")],
    keys_thread: &[
        ("↑↓", "choisir"),
        ("m", "répondre"),
        ("b", "bloquer"),
        ("!", "signaler"),
        ("Échap", "retour"),
    ],
    keys_mine: &[("↑↓", "choisir"), ("Entrée", "changer"), ("Échap", "retour")],
    reports_tab: "Signalements",
    reports_empty: "Aucun message signalé.",
    reported_by: "signalé par",
    reason: "Motif",
    no_reason: "aucun motif donné",
    keys_reports: &[
        ("↑↓", "choisir"),
        ("x", "classer"),
        ("s", "suspendre l'auteur"),
        ("v", "liste"),
        ("r", "relire"),
    ],
};

pub static EN: NetStrings = NetStrings {
    section: "Network",
    empty_directory: "Nobody has published a profile yet. e opens yours: town, status, skills, what \
        you are open to; nothing shows until you publish it.",
    none_found: "No profile matches. x clears the filters.",
    no_filter: "every published profile",
    skill: "skill",
    online_only: "connected now",
    online_now: "● connected",
    commune: "Town",
    status: "Status",
    skills: "Skills",
    open_to: "Open to",
    presentation: "About",
    unset: "(not given)",
    my_profile: "My profile in the network",
    published_row: "Published",
    published_yes: "yes: shown in the directory",
    published_no: "no: nobody sees it",
    visible_row: "Seen when connected",
    yes: "yes",
    no: "no",
    mine_help: "Enter changes the selected line. Unpublishing hides the profile at once.",
    conversations: "Messages",
    no_conversation: "No conversation. From a profile in the directory, m writes to that member.",
    you: "you",
    blocked_banner: "You blocked this member: their messages no longer reach you (b to unblock).",
    empty_thread: "No message yet.",
    withdrawn_meanwhile: "This profile was just withdrawn from the directory.",
    saved: "Profile saved.",
    sent: "Message sent.",
    blocked: "Member blocked: you no longer get their messages or see their comments.",
    unblocked: "Member unblocked.",
    reported: "Message reported to the moderators. Thank you.",
    report_title: "Report this message to the moderators",
    report_help: "Why, in one line (optional, 200 characters at most)? The moderators will read it with the messages before.",
    already_reported: "You already reported it: the moderators will read it.",
    report_only_theirs: "Select (↑↓) a message you received to report it.",
    skill_title: "Skill",
    skill_help: "A skill or its start, or a word of one ('telecom', 'web'). Empty: any.",
    near_title: "Near…",
    commune_title: "Your town",
    commune_help: "A town of Drôme or Ardèche (name, postcode or INSEE code); empty not to say.",
    skills_title: "Your skills",
    skills_help: "Separated by commas: 'rust, sysadmin, design'.",
    presentation_title: "About you",
    presentation_help: "A few words about you and your work (400 characters at most).",
    catch_up_messages: "Unread messages (Network, i)",
    keys_directory: &[
        ("Enter", "profile"),
        ("m", "write"),
        ("i", "messages"),
        ("/", "skill"),
        ("n", "near"),
        ("e", "my profile"),
    ],
    keys_member: &[("m", "write"), ("Esc", "back")],
    keys_inbox: &[("↑↓", "select"), ("Enter", "read"), ("Esc", "directory")],
    keys_thread: &[("↑↓", "select"), ("m", "reply"), ("b", "block"), ("!", "report"), ("Esc", "back")],
    keys_mine: &[("↑↓", "select"), ("Enter", "change"), ("Esc", "back")],
    reports_tab: "Reports",
    reports_empty: "No reported message.",
    reported_by: "reported by",
    reason: "Reason",
    no_reason: "no reason given",
    keys_reports: &[
        ("↑↓", "select"),
        ("x", "dismiss"),
        ("s", "suspend the sender"),
        ("v", "list"),
        ("r", "reload"),
    ],
};

impl Lang {
    pub fn n(self) -> &'static NetStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    pub fn work_status(self, s: WorkStatus) -> &'static str {
        match (self, s) {
            (Lang::Fr, WorkStatus::Independant) => "indépendant·e",
            (Lang::Fr, WorkStatus::Salarie) => "salarié·e en télétravail",
            (Lang::Fr, WorkStatus::Association) => "association",
            (Lang::Fr, WorkStatus::Entreprise) => "entreprise",
            (Lang::En, WorkStatus::Independant) => "freelance",
            (Lang::En, WorkStatus::Salarie) => "employee working remotely",
            (Lang::En, WorkStatus::Association) => "non-profit",
            (Lang::En, WorkStatus::Entreprise) => "company",
        }
    }

    pub fn open_to(self, o: OpenTo) -> &'static str {
        match (self, o) {
            (Lang::Fr, OpenTo::Coworking) => "coworking ensemble",
            (Lang::Fr, OpenTo::Collaboration) => "collaboration",
            (Lang::Fr, OpenTo::Mentorat) => "mentorat",
            (Lang::Fr, OpenTo::Covoiturage) => "covoiturage",
            (Lang::En, OpenTo::Coworking) => "coworking together",
            (Lang::En, OpenTo::Collaboration) => "collaboration",
            (Lang::En, OpenTo::Mentorat) => "mentoring",
            (Lang::En, OpenTo::Covoiturage) => "car sharing",
        }
    }

    /// The editor's title.
    pub fn message_to(self, handle: &str) -> String {
        match self {
            Lang::Fr => format!("Message à {handle}"),
            Lang::En => format!("Message to {handle}"),
        }
    }

    /// The heading of a conversation.
    pub fn conversation_with(self, handle: &str) -> String {
        match self {
            Lang::Fr => format!("Conversation avec {handle}"),
            Lang::En => format!("Conversation with {handle}"),
        }
    }

    /// Said on the status line when a message arrives while the member is elsewhere.
    pub fn new_message_from(self, handle: &str) -> String {
        let handle = crate::text::clean::clean_line(handle);
        match self {
            Lang::Fr => format!("✉ Nouveau message de {handle} : Réseau, puis i."),
            Lang::En => format!("✉ New message from {handle}: Network, then i."),
        }
    }

    pub fn unread(self, n: i64) -> String {
        match (self, n) {
            (Lang::Fr, 1) => "1\u{a0}non lu".into(),
            (Lang::Fr, n) => format!("{n}\u{a0}non lus"),
            (Lang::En, n) => format!("{n}\u{a0}unread"),
        }
    }

    pub fn profiles(self, n: usize) -> String {
        match (self, n) {
            (Lang::Fr, 0 | 1) => format!("{n}\u{a0}profil"),
            (Lang::Fr, n) => format!("{n}\u{a0}profils"),
            (Lang::En, 1) => "1\u{a0}profile".into(),
            (Lang::En, n) => format!("{n}\u{a0}profiles"),
        }
    }

    /// Why a message (or a change to one's profile) was refused, in a message's words.
    pub fn message_error(self, e: &PostError) -> String {
        match (self, e) {
            (Lang::Fr, PostError::Empty) => "Le message est vide.".into(),
            (Lang::En, PostError::Empty) => "The message is empty.".into(),
            (Lang::Fr, PostError::TooLong { max }) => {
                format!("Le message dépasse {max}\u{a0}caractères : raccourcissez-le.")
            }
            (Lang::En, PostError::TooLong { max }) => format!("The message is longer than {max} characters."),
            (Lang::Fr, PostError::TooFast { wait_secs }) => {
                format!("Doucement : attendez encore {wait_secs}\u{a0}s avant d'écrire.")
            }
            (Lang::En, PostError::TooFast { wait_secs }) => {
                format!("Slow down: wait {wait_secs} s before writing again.")
            }
            (Lang::Fr, PostError::DailyLimit { max }) => {
                format!("Vous avez atteint la limite de {max}\u{a0}messages par jour. À demain !")
            }
            (Lang::En, PostError::DailyLimit { max }) => {
                format!("You have reached the limit of {max} messages a day. See you tomorrow!")
            }
            (Lang::Fr, PostError::NotFound) => "Ce membre n'est plus joignable ici.".into(),
            (Lang::En, PostError::NotFound) => "This member can no longer be reached here.".into(),
            (Lang::Fr, PostError::NoHandle) => "Choisissez d'abord un pseudonyme (p, puis h).".into(),
            (Lang::En, PostError::NoHandle) => "Choose a handle first (p, then h).".into(),
            (_, e) => self.post_error(e),
        }
    }

    /// Why a report was not taken.
    pub fn report_error(self, e: &ReportError) -> String {
        match (self, e) {
            (Lang::Fr, ReportError::TooMany(max)) => format!(
                "Vous avez déjà signalé {max}\u{a0}messages en 24\u{a0}heures : les modérateurs les lisent. \
                 Pour ne plus recevoir ceux d'un membre, bloquez-le (b)."
            ),
            (Lang::En, ReportError::TooMany(max)) => format!(
                "You have already reported {max} messages in 24 hours: the moderators are reading them. \
                 To stop a member's messages reaching you, block them (b)."
            ),
            (_, ReportError::Already) => self.n().already_reported.into(),
            (Lang::Fr, ReportError::NotFound) => "Ce message n'est plus là.".into(),
            (Lang::En, ReportError::NotFound) => "This message is no longer there.".into(),
            (_, ReportError::Store(_)) => self.try_again().into(),
        }
    }

    /// The console's question before suspending the sender of a reported message.
    pub fn confirm_suspend_sender(self, who: &str) -> String {
        match self {
            Lang::Fr => {
                format!("Suspendre {who}, l'auteur de ce message ? Ses sessions ouvertes se ferment.")
            }
            Lang::En => format!("Suspend {who}, who sent this message? Their open sessions close."),
        }
    }

    /// What the console says once a report is decided.
    pub fn report_decided(self, id: i64, suspended: bool, who: &str) -> String {
        match (self, suspended) {
            (Lang::Fr, false) => format!("Signalement {id} classé."),
            (Lang::En, false) => format!("Report {id} dismissed."),
            (Lang::Fr, true) => format!("Signalement {id} : {who} est suspendu·e."),
            (Lang::En, true) => format!("Report {id}: {who} is suspended."),
        }
    }
}
