//! What `cedille status` says, line by line: a label in a column of its own, then the facts,
//! so that an operator's eye (and `grep`) finds each line by its first word in either language.

use super::Lang;

/// A report line: its label padded to one column, then what it says.
fn row(label: &str, text: &str) -> String {
    format!("{label:<13}{text}\n")
}

impl Lang {
    pub fn status_database(self, path: &str) -> String {
        row(self.pick("base", "database"), path)
    }

    /// The schema of the file, and what `migrate` would make of it.
    pub fn status_schema(self, schema: i64, binary: i64) -> String {
        let text = match (self, schema < binary) {
            (Lang::Fr, false) => format!("{schema} (ce programme écrit le {binary})"),
            (Lang::Fr, true) => {
                format!("{schema} (ce programme écrit le {binary}) : `cedille migrate` le met à jour")
            }
            (Lang::En, false) => format!("{schema} (this binary writes {binary})"),
            (Lang::En, true) => {
                format!("{schema} (this binary writes {binary}): `cedille migrate` upgrades it")
            }
        };
        row(self.pick("schéma", "schema"), &text)
    }

    pub fn status_size(self, db: &str, wal: &str) -> String {
        row(self.pick("taille", "size"), &format!("{db}, WAL {wal}"))
    }

    /// The last backup `cedille backup` recorded: when, how long ago, where, how big.
    pub fn status_backup(self, last: Option<(&str, &str, &str, &str)>) -> String {
        let label = self.pick("sauvegarde", "last backup");
        match (self, last) {
            (Lang::Fr, Some((at, ago, path, size))) => {
                row(label, &format!("{at} ({ago}) dans {path}, {size}"))
            }
            (Lang::En, Some((at, ago, path, size))) => row(label, &format!("{at} ({ago}) to {path}, {size}")),
            (Lang::Fr, None) => row(label, "aucune enregistrée (cedille backup FICHIER)"),
            (Lang::En, None) => row(label, "none recorded (cedille backup FILE)"),
        }
    }

    pub fn status_never_served(self) -> String {
        row(self.server_label(), self.pick("n'a jamais servi cette base", "never served this database"))
            + &self.status_no_sessions()
    }

    /// A server running now: its process, address, start, and the sessions it counted last.
    pub fn status_running(
        self,
        pid: u32,
        listen: &str,
        since: (&str, &str),
        counts: (i64, i64),
        as_of: (&str, &str),
    ) -> String {
        let ((at, ago), (sessions, connections), (time, counted)) = (since, counts, as_of);
        let (server, figures) = match self {
            Lang::Fr => (
                format!("en marche : pid {pid}, à l'écoute sur {listen}, depuis le {at} ({ago})"),
                format!(
                    "{sessions} {}, {connections} {} (à {time}, {counted})",
                    if sessions > 1 { "interactives" } else { "interactive" },
                    if connections > 1 { "connexions" } else { "connexion" }
                ),
            ),
            Lang::En => (
                format!("running: pid {pid}, listening on {listen}, since {at} ({ago})"),
                format!(
                    "{sessions} interactive, {connections} {} (as of {time}, {counted})",
                    if connections == 1 { "connection" } else { "connections" }
                ),
            ),
        };
        row(self.server_label(), &server) + &row("sessions", &figures)
    }

    pub fn status_stopped(self, at: &str, ago: &str, pid: u32, listen: &str) -> String {
        let text = match self {
            Lang::Fr => format!("arrêté le {at} ({ago} ; pid {pid} sur {listen})"),
            Lang::En => format!("stopped at {at} ({ago}; pid {pid} on {listen})"),
        };
        row(self.server_label(), &text) + &self.status_no_sessions()
    }

    /// A server that ended without saying so: killed, crashed, or its machine stopped.
    pub fn status_gone(self, pid: u32, listen: &str, at: &str, ago: &str) -> String {
        let text = match self {
            Lang::Fr => format!(
                "ne tourne pas : le pid {pid} sur {listen} a fini sans s'arrêter, dernier signe le {at} ({ago})"
            ),
            Lang::En => {
                format!("not running: pid {pid} on {listen} ended without stopping, last heard {at} ({ago})")
            }
        };
        row(self.server_label(), &text) + &self.status_no_sessions()
    }

    /// « il y a 5 s », « 3 min ago »: the counts are written a few seconds apart at most,
    /// so seconds matter here where the app's own relative dates start at the minute.
    pub fn status_ago(self, secs: i64) -> String {
        let secs = secs.max(0);
        let (n, unit_fr, unit_en) = match secs {
            0..120 => (secs, "s", "s"),
            120..7200 => (secs / 60, "min", "min"),
            7200..172_800 => (secs / 3600, "h", "h"),
            _ => (secs / 86_400, "jours", "days"),
        };
        match self {
            Lang::Fr => format!("il y a {n} {unit_fr}"),
            Lang::En => format!("{n} {unit_en} ago"),
        }
    }

    fn status_no_sessions(self) -> String {
        row("sessions", "-")
    }

    fn server_label(self) -> &'static str {
        self.pick("serveur", "server")
    }

    fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}
