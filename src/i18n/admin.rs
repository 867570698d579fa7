//! The strings of the admin console.

use super::Lang;
use crate::domain::console::Detail;

pub struct AdminStrings {
    pub console: &'static str,
    pub dashboard: &'static str,
    pub articles: &'static str,
    pub moderation: &'static str,
    pub members: &'static str,
    pub figures: &'static str,
    pub connected_now: &'static str,
    pub nobody_connected: &'static str,
    pub guest: &'static str,
    pub last_actions: &'static str,
    pub no_action: &'static str,
    pub waiting: &'static str,
    pub hidden_list: &'static str,
    pub queue_empty: &'static str,
    pub hidden_empty: &'static str,
    pub no_article: &'static str,
    pub no_member: &'static str,
    pub in_reply_to: &'static str,
    pub draft: &'static str,
    pub scheduled: &'static str,
    pub published: &'static str,
    pub banned: &'static str,
    pub approved: &'static str,
    pub never: &'static str,
    pub schedule_title: &'static str,
    pub schedule_help: &'static str,
    pub bad_date: &'static str,
    pub rename_title: &'static str,
    pub import_title: &'static str,
    pub import_help: &'static str,
    pub export_title: &'static str,
    pub working: &'static str,
    pub moderated: &'static str,
    pub article_editor: &'static str,
    pub space_editor: &'static str,
    pub new_space: &'static str,
    pub keys_spaces: &'static [(&'static str, &'static str)],
    pub keys_dashboard: &'static [(&'static str, &'static str)],
    pub keys_articles: &'static [(&'static str, &'static str)],
    pub keys_queue: &'static [(&'static str, &'static str)],
    pub keys_members: &'static [(&'static str, &'static str)],
    pub keys_confirm: &'static [(&'static str, &'static str)],
}

pub static FR: AdminStrings = AdminStrings {
    console: "Console",
    dashboard: "Tableau de bord",
    articles: "Articles",
    moderation: "Modération",
    members: "Membres",
    figures: "En chiffres",
    connected_now: "Connecté·es maintenant",
    nobody_connected: "Personne n'est connecté pour l'instant.",
    guest: "invité·e",
    last_actions: "Dernières actions des admins",
    no_action: "Aucune action pour l'instant.",
    waiting: "En attente",
    hidden_list: "Masqués",
    queue_empty: "Aucun commentaire n'attend : tout est à jour.",
    hidden_empty: "Aucun commentaire masqué.",
    no_article: "Aucun article. n pour en écrire un.",
    no_member: "Aucun membre pour l'instant.",
    in_reply_to: "en réponse à",
    draft: "brouillon",
    scheduled: "programmé",
    published: "publié",
    banned: "suspendu·e",
    approved: "approuvé·e",
    never: "jamais",
    schedule_title: "Publier le…",
    schedule_help: "2026-12-01 (9 h) ou 2026-12-01T18:00:00+01:00",
    bad_date: "Une date à venir : 2026-12-01 ou 2026-12-01T18:00:00+01:00",
    rename_title: "Nouveau pseudonyme",
    import_title: "Importer des espaces depuis le fichier CSV",
    import_help: "format de Cédille, comme l'export ; chemin sur ce serveur",
    export_title: "Exporter les espaces vers le fichier",
    working: "En cours…",
    moderated: "Décision enregistrée.",
    article_editor: "Article",
    space_editor: "Espace",
    new_space: "Nouvel espace",
    keys_spaces: &[
        ("/", "chercher"),
        ("A", "ajouter"),
        ("E", "modifier"),
        ("D", "supprimer"),
        ("I", "importer"),
        ("X", "exporter"),
    ],
    keys_dashboard: &[
        ("Tab", "section"),
        ("1-7", "aller à"),
        ("m", "modération"),
        ("r", "actualiser"),
        ("q", "quitter"),
    ],
    keys_articles: &[
        ("n", "nouveau"),
        ("Entrée", "modifier"),
        ("p", "publier"),
        ("u", "retirer"),
        ("s", "planifier"),
        ("d", "supprimer"),
    ],
    keys_queue: &[
        ("a", "approuver"),
        ("h", "masquer"),
        ("x", "supprimer"),
        ("m", "valider le membre"),
        ("v", "attente/masqués"),
    ],
    keys_members: &[
        ("b", "suspendre/rétablir"),
        ("r", "renommer"),
        ("o", "modérateur"),
        ("a", "approuver"),
        ("Tab", "section"),
    ],
    keys_confirm: &[("o", "oui"), ("n", "non")],
};

pub static EN: AdminStrings = AdminStrings {
    console: "Console",
    dashboard: "Dashboard",
    articles: "Articles",
    moderation: "Moderation",
    members: "Members",
    figures: "In figures",
    connected_now: "Connected now",
    nobody_connected: "Nobody is connected right now.",
    guest: "guest",
    last_actions: "Latest admin actions",
    no_action: "No action yet.",
    waiting: "Waiting",
    hidden_list: "Hidden",
    queue_empty: "No comment is waiting: all done.",
    hidden_empty: "No hidden comment.",
    no_article: "No article. n to write one.",
    no_member: "No member yet.",
    in_reply_to: "in reply to",
    draft: "draft",
    scheduled: "scheduled",
    published: "published",
    banned: "suspended",
    approved: "approved",
    never: "never",
    schedule_title: "Publish on…",
    schedule_help: "2026-12-01 (9 am) or 2026-12-01T18:00:00+01:00",
    bad_date: "A date to come: 2026-12-01 or 2026-12-01T18:00:00+01:00",
    rename_title: "New handle",
    import_title: "Import spaces from the CSV file",
    import_help: "Cédille's format, as export writes it; a path on this server",
    export_title: "Export the spaces to the file",
    working: "Working…",
    moderated: "Decision recorded.",
    article_editor: "Article",
    space_editor: "Space",
    new_space: "New space",
    keys_spaces: &[
        ("/", "search"),
        ("A", "add"),
        ("E", "edit"),
        ("D", "delete"),
        ("I", "import"),
        ("X", "export"),
    ],
    keys_dashboard: &[
        ("Tab", "section"),
        ("1-7", "go to"),
        ("m", "moderation"),
        ("r", "refresh"),
        ("q", "quit"),
    ],
    keys_articles: &[
        ("n", "new"),
        ("Enter", "edit"),
        ("p", "publish"),
        ("u", "unpublish"),
        ("s", "schedule"),
        ("d", "delete"),
    ],
    keys_queue: &[
        ("a", "approve"),
        ("h", "hide"),
        ("x", "delete"),
        ("m", "approve the member"),
        ("v", "waiting/hidden"),
    ],
    keys_members: &[
        ("b", "suspend/restore"),
        ("r", "rename"),
        ("o", "moderator"),
        ("a", "approve"),
        ("Tab", "section"),
    ],
    keys_confirm: &[("y", "yes"), ("n", "no")],
};

impl Lang {
    pub fn a(self) -> &'static AdminStrings {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }

    pub fn confirm_delete_article(self, title: &str) -> String {
        match self {
            Lang::Fr => format!("Supprimer « {title} » et ses commentaires ?"),
            Lang::En => format!("Delete “{title}” and its comments?"),
        }
    }

    pub fn confirm_delete_comment(self, id: i64) -> String {
        match self {
            Lang::Fr => format!("Supprimer le commentaire {id} ? Son texte sera effacé."),
            Lang::En => format!("Delete comment {id}? Its text will be erased."),
        }
    }

    pub fn confirm_delete_space(self, name: &str) -> String {
        match self {
            Lang::Fr => format!("Supprimer l'espace « {name} » de l'annuaire ?"),
            Lang::En => format!("Delete the space “{name}” from the directory?"),
        }
    }

    pub fn confirm_ban(self, who: &str) -> String {
        match self {
            Lang::Fr => format!("Suspendre {who} ? Ses sessions ouvertes seront fermées."),
            Lang::En => format!("Suspend {who}? Their open sessions will be closed."),
        }
    }

    pub fn state_label(self, state: crate::domain::article::ArticleState) -> &'static str {
        use crate::domain::article::ArticleState;
        let a = self.a();
        match state {
            ArticleState::Draft => a.draft,
            ArticleState::Scheduled => a.scheduled,
            ArticleState::Published => a.published,
        }
    }
}

impl Lang {
    /// What the console says once an action is done.
    pub fn done(self, op: &crate::domain::console::AdminOp, detail: &Detail) -> String {
        use crate::domain::CommentStatus;
        use crate::domain::console::AdminOp as Op;
        let fr = self == Lang::Fr;
        let name = match detail {
            Detail::Name(name) => name.as_str(),
            _ => "",
        };
        let paris = |at: &chrono::DateTime<chrono::Utc>| {
            at.with_timezone(&chrono_tz::Europe::Paris).format("%d/%m/%Y %H:%M").to_string()
        };
        match op {
            Op::Publish(id) if fr => format!("Article {id} publié."),
            Op::Publish(id) => format!("Article {id} published."),
            Op::Unpublish(id) if fr => format!("Article {id} repassé en brouillon."),
            Op::Unpublish(id) => format!("Article {id} is a draft again."),
            Op::Schedule(id, at) if fr => format!("Article {id} programmé pour le {}.", paris(at)),
            Op::Schedule(id, at) => format!("Article {id} scheduled for {}.", paris(at)),
            Op::DeleteArticle(id) if fr => format!("Article {id} supprimé."),
            Op::DeleteArticle(id) => format!("Article {id} deleted."),
            Op::Moderate(id, status) => {
                let what = match (status, fr) {
                    (CommentStatus::Published, true) => "approuvé",
                    (CommentStatus::Hidden, true) => "masqué",
                    (CommentStatus::Deleted, true) => "supprimé",
                    (CommentStatus::Pending, true) => "remis en attente",
                    (CommentStatus::Published, false) => "approved",
                    (CommentStatus::Hidden, false) => "hidden",
                    (CommentStatus::Deleted, false) => "deleted",
                    (CommentStatus::Pending, false) => "put back in the queue",
                };
                if fr { format!("Commentaire {id} {what}.") } else { format!("Comment {id} {what}.") }
            }
            Op::ApproveMember(who) if fr => {
                format!("{who} est approuvé·e : ses commentaires ne passent plus par la file.")
            }
            Op::ApproveMember(who) => format!("{who} is approved: their comments skip the queue."),
            Op::Ban(who, true) if fr => format!("{who} est suspendu·e ; ses sessions ouvertes se ferment."),
            Op::Ban(who, true) => format!("{who} is suspended; their open sessions close."),
            Op::Ban(who, false) if fr => format!("{who} peut revenir."),
            Op::Ban(who, false) => format!("{who} may come back."),
            Op::Rename(who, _) if fr => format!("{who} s'appelle désormais {name}."),
            Op::Rename(who, _) => format!("{who} is now {name}."),
            Op::SetRole(who, role) if fr => format!("{who} : rôle {}.", self.role_label(role)),
            Op::SetRole(who, role) => format!("{who}: role {role}."),
            Op::ApproveEvent(id) if fr => format!("Rencontre {id} validée : elle est dans l'agenda."),
            Op::ApproveEvent(id) => format!("Meetup {id} approved: it is in the agenda."),
            Op::CancelEvent(id) if fr => format!("Rencontre {id} annulée."),
            Op::CancelEvent(id) => format!("Meetup {id} cancelled."),
            Op::DeleteSpace(id) if fr => format!("Espace {id} supprimé de l'annuaire."),
            Op::DeleteSpace(id) => format!("Space {id} deleted from the directory."),
            Op::DecideReport(id, decision) => {
                self.report_decided(*id, *decision == crate::domain::admin::ReportDecision::Suspend, name)
            }
            _ => self.detail(detail),
        }
    }

    /// What an import or an export has to tell.
    fn detail(self, detail: &Detail) -> String {
        let fr = self == Lang::Fr;
        match detail {
            Detail::Imported { inserted, updated, unchanged, rejected } => {
                let mut said = if fr {
                    format!(
                        "Import : {inserted} ajouté(s), {updated} mis à jour, {unchanged} inchangé(s), {} refusé(s).",
                        rejected.len()
                    )
                } else {
                    format!(
                        "Import: {inserted} added, {updated} updated, {unchanged} unchanged, {} refused.",
                        rejected.len()
                    )
                };
                // The first refusal, to look at: `cedille spaces import` lists them all.
                if let Some((line, why)) = rejected.first() {
                    let line_word = if fr { "ligne" } else { "line" };
                    said.push_str(&format!(
                        " {line_word} {line}{} {}",
                        if fr { " :" } else { ":" },
                        self.row_error(why)
                    ));
                }
                said
            }
            Detail::Exported { count, path } if fr => format!("{count} espace(s) exporté(s) dans {path}."),
            Detail::Exported { count, path } => format!("Exported {count} space(s) to {path}."),
            Detail::None | Detail::Name(_) if fr => "C'est fait.".to_string(),
            Detail::None | Detail::Name(_) => "Done.".to_string(),
        }
    }

    /// What the console says once an article or a space is saved.
    pub fn saved(self, doc: crate::domain::console::Doc, id: i64) -> String {
        use crate::domain::console::Doc;
        match (doc, self) {
            (Doc::Article(_), Lang::Fr) => format!("Article {id} enregistré."),
            (Doc::Article(_), Lang::En) => format!("Article {id} saved."),
            (Doc::Space(_), Lang::Fr) => format!("Espace {id} enregistré."),
            (Doc::Space(_), Lang::En) => format!("Space {id} saved."),
        }
    }
}

impl Lang {
    /// A member's role as the console shows it (the codes are the commands').
    pub fn role_label(self, role: &str) -> String {
        match (self, role) {
            (Lang::Fr, "member") => "membre".into(),
            (Lang::Fr, "moderator") => "modérateur·rice".into(),
            (_, role) => role.to_string(),
        }
    }
}
