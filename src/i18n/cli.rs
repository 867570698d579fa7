//! What the admin subcommands print (`cedille article import`, `users list`, `backup`…), in
//! the language of the environment (`LC_ALL`, `LC_MESSAGES`, `LANG`, as the console reads
//! them). English is the words scripts and the README have always seen; French follows the
//! same lines. Figures, dates as `2026-12-01`, ids, slugs, handles, paths and flags are the
//! same in both. What goes wrong is in `cli_errors`.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Paris;

use super::Lang;
use crate::domain::CommentStatus;
use crate::domain::admin::MemberRow;
use crate::domain::article::ArticleState;
use crate::domain::event::{Event, EventStatus};

/// What a command acts on, as a message names it (« no article 12 », « aucune rencontre 3 »).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject<'a> {
    Article(i64),
    Comment(i64),
    Event(i64),
    /// As typed: a handle, or `#ID`.
    Member(&'a str),
}

/// The listings that may leave rows out, each in its own order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listing {
    Articles,
    Comments,
    CommentsWaiting,
    Events,
    ProposalsWaiting,
    Members,
    Audit,
}

/// What an import did to one article or one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Inserted,
    Updated,
    Unchanged,
}

impl Lang {
    /// One line on stderr: « cedille: … » / « cedille : … ».
    pub fn cli_line(self, message: &str) -> String {
        match self {
            Lang::Fr => format!("cedille : {message}\n"),
            Lang::En => format!("cedille: {message}\n"),
        }
    }

    /// `cedille --version`.
    pub fn version_line(self, version: &str, schema: usize, sqlite: &str) -> String {
        match self {
            Lang::Fr => format!("cedille {version} (schéma de base {schema}, SQLite {sqlite})\n"),
            Lang::En => format!("cedille {version} (database schema {schema}, SQLite {sqlite})\n"),
        }
    }

    /// What a listing says on stderr when the page leaves rows out.
    pub fn shown(self, listing: Listing, shown: usize, total: usize) -> String {
        use Listing as L;
        let (n, all) = (self.count(shown), self.count(total));
        if self == Lang::En {
            let (what, order) = match listing {
                L::Articles => ("articles", "newest first"),
                L::Comments => ("comments", "newest first"),
                L::CommentsWaiting => ("comments waiting", "oldest first"),
                L::Events => ("events", "latest start first"),
                L::ProposalsWaiting => ("proposals waiting", "soonest first"),
                L::Members => ("members", "most recently seen first"),
                L::Audit => ("actions", "newest first"),
            };
            return format!("{n} of {all} {what} shown, {order}; --limit N for more, --limit 0 for all\n");
        }
        let one = shown <= 1;
        let (what, order) = match (listing, one) {
            (L::Articles, true) => ("article affiché", "du plus récent au plus ancien"),
            (L::Articles, false) => ("articles affichés", "du plus récent au plus ancien"),
            (L::Comments, true) => ("commentaire affiché", "du plus récent au plus ancien"),
            (L::Comments, false) => ("commentaires affichés", "du plus récent au plus ancien"),
            (L::CommentsWaiting, true) => ("commentaire en attente affiché", "du plus ancien au plus récent"),
            (L::CommentsWaiting, false) => {
                ("commentaires en attente affichés", "du plus ancien au plus récent")
            }
            (L::Events, true) => ("rencontre affichée", "de la plus tardive à la plus proche"),
            (L::Events, false) => ("rencontres affichées", "de la plus tardive à la plus proche"),
            (L::ProposalsWaiting, true) => {
                ("proposition en attente affichée", "de la plus proche à la plus tardive")
            }
            (L::ProposalsWaiting, false) => {
                ("propositions en attente affichées", "de la plus proche à la plus tardive")
            }
            (L::Members, true) => ("membre affiché", "du plus récemment venu au plus ancien"),
            (L::Members, false) => ("membres affichés", "du plus récemment venu au plus ancien"),
            (L::Audit, true) => ("action affichée", "de la plus récente à la plus ancienne"),
            (L::Audit, false) => ("actions affichées", "de la plus récente à la plus ancienne"),
        };
        format!("{n} {what} sur {all}, {order} ; --limit N pour en voir plus, --limit 0 pour tout\n")
    }

    /// The thing a command was asked about is not in the database.
    pub fn not_found(self, subject: Subject<'_>) -> String {
        match (self, subject) {
            (Lang::Fr, Subject::Article(id)) => format!("aucun article {id}"),
            (Lang::Fr, Subject::Comment(id)) => format!("aucun commentaire {id}"),
            (Lang::Fr, Subject::Event(id)) => format!("aucune rencontre {id}"),
            (Lang::Fr, Subject::Member(who)) => format!("aucun membre {who}"),
            (Lang::En, Subject::Article(id)) => format!("no article {id}"),
            (Lang::En, Subject::Comment(id)) => format!("no comment {id}"),
            (Lang::En, Subject::Event(id)) => format!("no event {id}"),
            (Lang::En, Subject::Member(who)) => format!("no member {who}"),
        }
    }

    /// `{file}: {why}`, the file first as compilers do.
    pub fn in_file(self, file: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("{file} : {why}"),
            Lang::En => format!("{file}: {why}"),
        }
    }

    /// Ends the errors of an import that wrote nothing.
    pub fn nothing_imported(self) -> &'static str {
        match self {
            Lang::Fr => "rien n'a été importé",
            Lang::En => "nothing was imported",
        }
    }

    /// `article import`, one line per file.
    pub fn article_imported(self, file: &str, id: i64, change: Change, slug: &str) -> String {
        let what = match (self, change) {
            (Lang::Fr, Change::Inserted) => "ajouté",
            (Lang::Fr, Change::Updated) => "mis à jour",
            (Lang::Fr, Change::Unchanged) => "inchangé",
            (Lang::En, Change::Inserted) => "inserted",
            (Lang::En, Change::Updated) => "updated",
            (Lang::En, Change::Unchanged) => "unchanged",
        };
        format!("{}\n", self.in_file(file, &format!("article {id} {what} ({slug})")))
    }

    pub fn same_slug(self, slug: &str, other: &str) -> String {
        match self {
            Lang::Fr => format!("même slug « {slug} » que {other}"),
            Lang::En => format!("same slug `{slug}` as {other}"),
        }
    }

    pub fn unknown_author(self, line: usize, handle: &str) -> String {
        match self {
            Lang::Fr => format!("ligne {line} : aucun membre n'a le pseudonyme « {handle} » (author_handle)"),
            Lang::En => format!("line {line}: no member has the handle `{handle}` (author_handle)"),
        }
    }

    /// `draft`, `scheduled`, `published` in a listing.
    pub fn article_state(self, state: ArticleState) -> &'static str {
        match (self, state) {
            (Lang::Fr, ArticleState::Draft) => "brouillon",
            (Lang::Fr, ArticleState::Scheduled) => "programmé",
            (Lang::Fr, ArticleState::Published) => "publié",
            (Lang::En, s) => s.as_str(),
        }
    }

    /// « (slug, 3 comments) » at the end of an article's line.
    pub fn slug_and_comments(self, slug: &str, comments: i64) -> String {
        match (self, comments) {
            (Lang::Fr, 0 | 1) => format!("({slug}, {comments} commentaire)"),
            (Lang::Fr, n) => format!("({slug}, {n} commentaires)"),
            (Lang::En, 1) => format!("({slug}, 1 comment)"),
            (Lang::En, n) => format!("({slug}, {n} comments)"),
        }
    }

    pub fn article_published(self, id: i64, already: bool) -> String {
        match (self, already) {
            (Lang::Fr, true) => format!("l'article {id} était déjà publié\n"),
            (Lang::Fr, false) => format!("article {id} publié\n"),
            (Lang::En, true) => format!("article {id} was already published\n"),
            (Lang::En, false) => format!("article {id} published\n"),
        }
    }

    pub fn article_unpublished(self, id: i64, already: bool) -> String {
        match (self, already) {
            (Lang::Fr, true) => format!("l'article {id} était déjà un brouillon\n"),
            (Lang::Fr, false) => format!("l'article {id} est de nouveau un brouillon\n"),
            (Lang::En, true) => format!("article {id} was already a draft\n"),
            (Lang::En, false) => format!("article {id} is a draft again\n"),
        }
    }

    /// Paris time: « 2026-12-01 9:00 CET » / « 2026-12-01 à 9 h, heure de Paris ».
    pub fn article_scheduled(self, id: i64, at: DateTime<Utc>) -> String {
        let at = at.with_timezone(&Paris);
        match self {
            Lang::Fr => format!(
                "l'article {id} paraîtra le {} à {}, heure de Paris\n",
                at.format("%Y-%m-%d"),
                self.time_of_day(at.time())
            ),
            Lang::En => format!(
                "article {id} will appear on {} {} {}\n",
                at.format("%Y-%m-%d"),
                self.time_of_day(at.time()),
                at.format("%Z")
            ),
        }
    }

    pub fn not_a_date(self, date: &str) -> String {
        match self {
            Lang::Fr => {
                format!("« {date} » n'est pas une date (2026-12-01 ou 2026-12-01T09:00:00+01:00 attendu)")
            }
            Lang::En => format!("`{date}` is not a date (expected 2026-12-01 or 2026-12-01T09:00:00+01:00)"),
        }
    }

    pub fn date_is_past(self, date: &str, id: i64) -> String {
        match self {
            Lang::Fr => format!("{date} est passé : « article publish {id} » le publie tout de suite"),
            Lang::En => format!("{date} is past: use `article publish {id}` to publish now"),
        }
    }

    pub fn article_deleted(self, id: i64) -> String {
        match self {
            Lang::Fr => format!("article {id} supprimé, avec ses commentaires\n"),
            Lang::En => format!("article {id} deleted, with its comments\n"),
        }
    }

    /// What `comments approve|hide|delete` did.
    pub fn comment_moderated(self, id: i64, status: CommentStatus, already: bool) -> String {
        let word = match (self, status) {
            (Lang::Fr, CommentStatus::Published) => "publié",
            (Lang::Fr, CommentStatus::Pending) => "en attente",
            (Lang::Fr, CommentStatus::Hidden) => "masqué",
            (Lang::Fr, CommentStatus::Deleted) => "supprimé",
            (Lang::En, s) => s.as_str(),
        };
        match (self, already) {
            (Lang::Fr, true) => format!("le commentaire {id} était déjà {word}\n"),
            (Lang::Fr, false) => format!("commentaire {id} : {word}\n"),
            (Lang::En, true) => format!("comment {id} was already {word}\n"),
            (Lang::En, false) => format!("comment {id}: {word}\n"),
        }
    }

    /// `proposed`, `approved`, `cancelled` in a listing (a meetup: feminine in French).
    pub fn event_status(self, status: EventStatus) -> &'static str {
        match (self, status) {
            (Lang::Fr, EventStatus::Proposed) => "proposée",
            (Lang::Fr, EventStatus::Approved) => "validée",
            (Lang::Fr, EventStatus::Cancelled) => "annulée",
            (Lang::En, s) => s.as_str(),
        }
    }

    /// One line of `events list`: id, status, when, title, then where, who and how many.
    pub fn event_row(self, e: &Event) -> String {
        let organiser = e.organiser.as_deref().unwrap_or(self.g().association);
        format!(
            "{:>4}  {:<9}  {}  {}  ({}; {organiser}; {})",
            e.id,
            self.event_status(e.status),
            self.event_when(e).replace('\u{a0}', " "),
            e.title,
            e.place.line(),
            self.event_places(e)
        )
    }

    pub fn event_approved(self, id: i64, already: bool) -> String {
        match (self, already) {
            (Lang::Fr, true) => format!("la rencontre {id} était déjà validée\n"),
            (Lang::Fr, false) => format!("rencontre {id} validée : elle est dans l'agenda\n"),
            (Lang::En, true) => format!("event {id} was already approved\n"),
            (Lang::En, false) => format!("event {id} approved: it is in the agenda\n"),
        }
    }

    pub fn event_cancelled(self, id: i64, already: bool) -> String {
        match (self, already) {
            (Lang::Fr, true) => format!("la rencontre {id} était déjà annulée\n"),
            (Lang::Fr, false) => {
                format!("rencontre {id} annulée : ses participants en sont avertis à leur prochaine visite\n")
            }
            (Lang::En, true) => format!("event {id} was already cancelled\n"),
            (Lang::En, false) => {
                format!("event {id} cancelled: its attendees are told on their next visit\n")
            }
        }
    }

    pub fn event_deleted(self, id: i64) -> String {
        match self {
            Lang::Fr => format!("rencontre {id} supprimée, avec ses inscriptions\n"),
            Lang::En => format!("event {id} deleted, with who was going\n"),
        }
    }

    /// One line of `users list`.
    pub fn member_row(self, m: &MemberRow) -> String {
        let fr = self == Lang::Fr;
        let day = |d: DateTime<Utc>| d.format("%Y-%m-%d").to_string();
        let last = m.last_seen.map(day).unwrap_or_else(|| (if fr { "jamais" } else { "never" }).into());
        let mut flags = Vec::new();
        if m.role != "member" {
            flags.push(self.role_label(&m.role));
        }
        if m.banned {
            flags.push((if fr { "suspendu·e" } else { "banned" }).into());
        }
        if m.approved {
            flags.push((if fr { "approuvé·e" } else { "approved" }).into());
        }
        let flags = if flags.is_empty() { String::new() } else { format!("  [{}]", flags.join(", ")) };
        let (name, keys, first, comments) = (m.name(), m.keys.len(), day(m.first_seen), m.comments);
        if fr {
            format!(
                "{name:<24}  {keys} clé(s)  arrivée {first}  dernière visite {last}  {comments} commentaire(s){flags}"
            )
        } else {
            format!("{name:<24}  {keys} key(s)  first {first}  last {last}  {comments} comment(s){flags}")
        }
    }

    pub fn member_banned(self, who: &str, banned: bool, changed: bool) -> String {
        match (self, banned, changed) {
            (Lang::Fr, true, true) => {
                format!("{who} est suspendu·e ; ses sessions ouvertes se ferment d'ici quelques secondes\n")
            }
            (Lang::Fr, false, true) => format!("{who} peut revenir\n"),
            (Lang::Fr, true, false) => format!("{who} était déjà suspendu·e\n"),
            (Lang::Fr, false, false) => format!("{who} n'était pas suspendu·e\n"),
            (Lang::En, true, true) => format!("{who} is suspended; their open sessions end within seconds\n"),
            (Lang::En, false, true) => format!("{who} may come back\n"),
            (Lang::En, true, false) => format!("{who} was already suspended\n"),
            (Lang::En, false, false) => format!("{who} was already allowed\n"),
        }
    }

    pub fn member_approved(self, who: &str, changed: bool) -> String {
        match (self, changed) {
            (Lang::Fr, true) => {
                format!("{who} est approuvé·e : ses commentaires ne passent plus par la file\n")
            }
            (Lang::Fr, false) => format!("{who} était déjà approuvé·e\n"),
            (Lang::En, true) => format!("{who} is approved: their comments skip the queue\n"),
            (Lang::En, false) => format!("{who} was already approved\n"),
        }
    }

    pub fn member_renamed(self, who: &str, handle: &str) -> String {
        match self {
            Lang::Fr => format!("{who} s'appelle désormais {handle}\n"),
            Lang::En => format!("{who} is now {handle}\n"),
        }
    }

    pub fn member_role(self, who: &str, role: &str, changed: bool) -> String {
        let label = self.role_label(role);
        match (self, changed) {
            (Lang::Fr, true) => format!("{who} a désormais le rôle {label}\n"),
            (Lang::Fr, false) => format!("{who} avait déjà le rôle {label}\n"),
            (Lang::En, true) => format!("{who} is now {role}\n"),
            (Lang::En, false) => format!("{who} was already {role}\n"),
        }
    }

    /// Said when a listing is empty.
    pub fn empty_listing(self, listing: Listing) -> &'static str {
        use Listing as L;
        match (self, listing) {
            (Lang::Fr, L::Articles) => "Aucun article.\n",
            (Lang::Fr, L::Comments) => "Aucun commentaire pour l'instant.\n",
            (Lang::Fr, L::CommentsWaiting) => "Aucun commentaire n'attend de modération.\n",
            (Lang::Fr, L::Events) => "Aucune rencontre.\n",
            (Lang::Fr, L::ProposalsWaiting) => "Aucune rencontre n'attend de validation.\n",
            (Lang::Fr, L::Members) => "Aucun membre pour l'instant.\n",
            (Lang::Fr, L::Audit) => "Aucune action d'administration pour l'instant.\n",
            (Lang::En, L::Articles) => "No article.\n",
            (Lang::En, L::Comments) => "No comment yet.\n",
            (Lang::En, L::CommentsWaiting) => "No comment waits for moderation.\n",
            (Lang::En, L::Events) => "No event.\n",
            (Lang::En, L::ProposalsWaiting) => "No event waits for approval.\n",
            (Lang::En, L::Members) => "No member yet.\n",
            (Lang::En, L::Audit) => "No admin action yet.\n",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_grouped_by_thousands_as_each_language_writes_them() {
        let cases = [(0, "0"), (999, "999"), (1000, "1,000"), (100_000, "100,000"), (1_234_567, "1,234,567")];
        for (n, text) in cases {
            assert_eq!(Lang::En.count(n), text);
            assert_eq!(Lang::Fr.count(n), text.replace(',', "\u{202f}"));
        }
    }

    #[test]
    fn a_page_says_what_it_left_out_in_each_language() {
        assert_eq!(
            Lang::En.shown(Listing::Comments, 50, 100_000),
            "50 of 100,000 comments shown, newest first; --limit N for more, --limit 0 for all\n"
        );
        assert_eq!(
            Lang::Fr.shown(Listing::Comments, 50, 100_000),
            "50 commentaires affichés sur 100\u{202f}000, du plus récent au plus ancien ; --limit N pour en \
             voir plus, --limit 0 pour tout\n"
        );
    }

    #[test]
    fn a_scheduled_article_is_said_in_paris_time() {
        let at = DateTime::parse_from_rfc3339("2099-12-01T08:00:00Z").map(|d| d.with_timezone(&Utc));
        let at = at.unwrap_or_default();
        assert_eq!(Lang::En.article_scheduled(10, at), "article 10 will appear on 2099-12-01 9:00 CET\n");
        assert_eq!(
            Lang::Fr.article_scheduled(10, at),
            "l'article 10 paraîtra le 2099-12-01 à 9\u{a0}h, heure de Paris\n"
        );
    }
}
