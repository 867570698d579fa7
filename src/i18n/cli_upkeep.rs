//! What the commands that keep the data say: `spaces import` and `export`, `check`,
//! `backup`, `migrate`, `restore`, `demo generate` — their reports, then what went wrong.

use super::Lang;
use crate::domain::admin::Check;

/// Reports.
impl Lang {
    /// `spaces import`: the counts, then one line per row left out.
    pub fn spaces_imported(self, counts: [usize; 3], rejected: &[(u64, String)]) -> String {
        let [inserted, updated, unchanged] = counts;
        let n = rejected.len();
        let mut out = match self {
            Lang::Fr => format!(
                "ajoutés : {inserted}, mis à jour : {updated}, inchangés : {unchanged}, refusés : {n}\n"
            ),
            Lang::En => {
                format!("inserted {inserted}, updated {updated}, unchanged {unchanged}, rejected {n}\n")
            }
        };
        for (line, reason) in rejected {
            out.push_str(&match self {
                Lang::Fr => format!("ligne {line} : {reason}\n"),
                Lang::En => format!("line {line}: {reason}\n"),
            });
        }
        out
    }

    pub fn spaces_exported(self, n: usize, file: &str) -> String {
        match (self, n) {
            (Lang::Fr, 0 | 1) => format!("{n} espace exporté dans {file}\n"),
            (Lang::Fr, n) => format!("{n} espaces exportés dans {file}\n"),
            (Lang::En, n) => format!("exported {n} spaces to {file}\n"),
        }
    }

    /// The names of `check`'s checks, for its report.
    pub fn check_name(self, check: Check) -> &'static str {
        match (self, check) {
            (Lang::Fr, Check::Integrity) => "intégrité",
            (Lang::Fr, Check::ForeignKeys) => "clés étrangères",
            (Lang::Fr, Check::SearchIndex) => "index de recherche",
            (Lang::En, Check::Integrity) => "integrity",
            (Lang::En, Check::ForeignKeys) => "foreign keys",
            (Lang::En, Check::SearchIndex) => "search index",
        }
    }

    /// « schema 14 », or an older one and how to bring it up to date.
    pub fn schema_note(self, have: usize, want: usize) -> String {
        match (self, have < want) {
            (Lang::Fr, false) => format!("schéma {have}"),
            (Lang::Fr, true) => format!(
                "schéma {have}, plus ancien que celui de ce cedille ({want}) : « cedille migrate » le met à jour"
            ),
            (Lang::En, false) => format!("schema {have}"),
            (Lang::En, true) => {
                format!("schema {have}, older than this cedille's {want}: `cedille migrate` upgrades it")
            }
        }
    }

    /// `cedille check` when all is well.
    pub fn check_ok(self, db: &str, checks: &[Check], schema: &str) -> String {
        let names: Vec<&str> = checks.iter().map(|c| self.check_name(*c)).collect();
        format!("{}\n", self.in_file(db, &format!("ok ({}), {schema}", names.join(", "))))
    }

    /// The progress of a backup, on a terminal: a carriage return starts each.
    pub fn backup_progress(self, percent: i64, done: i64, total: i64) -> String {
        match self {
            Lang::Fr => format!("\rsauvegarde : {percent:>3} % ({done}/{total} pages)"),
            Lang::En => format!("\rbackup: {percent:>3} % ({done}/{total} pages)"),
        }
    }

    /// The backup is good; only `cedille status` will not know of it.
    pub fn backup_not_recorded(self, why: &str) -> String {
        match self {
            Lang::Fr => format!("(non notée pour `cedille status` : {why})\n"),
            Lang::En => format!("(not recorded for `cedille status`: {why})\n"),
        }
    }

    pub fn backup_written(self, db: &str, file: &str, kib: u64) -> String {
        match self {
            Lang::Fr => format!("sauvegarde de {db} écrite dans {file} ({kib} Kio), vérifiée\n"),
            Lang::En => format!("backup of {db} written to {file} ({kib} KiB), checked\n"),
        }
    }

    pub fn migrated(self, db: &str, from: usize, to: usize, before: &str) -> String {
        match self {
            Lang::Fr => format!(
                "la base {db} est passée du schéma {from} au schéma {to} ; telle qu'elle était : {before}\n"
            ),
            Lang::En => format!("{db} migrated from schema {from} to {to}; as it was before: {before}\n"),
        }
    }

    pub fn already_at_schema(self, db: &str, schema: usize) -> String {
        match self {
            Lang::Fr => format!("la base {db} est déjà au schéma {schema}\n"),
            Lang::En => format!("{db} is already at schema {schema}\n"),
        }
    }

    /// What `cedille restore` did, line by line.
    pub fn restored(self, db: &str, backup: &str, schema: usize) -> String {
        match self {
            Lang::Fr => format!("{db} restaurée depuis {backup} (schéma {schema}), vérifiée\n"),
            Lang::En => format!("{db} restored from {backup} (schema {schema}), checked\n"),
        }
    }

    pub fn replaced_kept(self, kept: &str) -> String {
        match self {
            Lang::Fr => format!("la base remplacée est gardée sous le nom {kept}\n"),
            Lang::En => format!("the database it replaced is kept as {kept}\n"),
        }
    }

    pub fn restored_older(self, schema: usize, want: usize) -> String {
        match self {
            Lang::Fr => format!(
                "le schéma {schema} est plus ancien que celui de ce cedille ({want}) : le serveur le met à jour en démarrant (ou « cedille migrate »)\n"
            ),
            Lang::En => format!(
                "schema {schema} is older than this cedille's {want}: the server upgrades it when it starts (or `cedille migrate`)\n"
            ),
        }
    }

    /// `cedille demo generate`; the time in seconds, to one decimal.
    pub fn generated(self, db: &str, counts: [usize; 4], secs: f64) -> String {
        let [members, articles, comments, spaces] = counts;
        match self {
            Lang::Fr => format!(
                "{db} : {members} membres, {articles} articles, {comments} commentaires, {spaces} espaces ajoutés en {} s\n",
                format!("{secs:.1}").replace('.', ",")
            ),
            Lang::En => format!(
                "{db}: added {members} members, {articles} articles, {comments} comments, {spaces} spaces in {secs:.1} s\n"
            ),
        }
    }
}

/// Backups, checks, migrations, restores and imports that did not happen.
impl Lang {
    pub fn generate_failed(self, db: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("impossible de générer dans {db} : {why}"),
            Lang::En => format!("cannot generate into {db}: {why}"),
        }
    }

    pub fn backup_is_folder(self, file: &str) -> String {
        match self {
            Lang::Fr => format!("{file} est un dossier : donnez le nom du fichier de sauvegarde"),
            Lang::En => format!("{file} is a folder: give the backup file's name"),
        }
    }

    pub fn backup_failed(self, file: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("la sauvegarde vers {file} a échoué : {why}"),
            Lang::En => format!("backup to {file} failed: {why}"),
        }
    }

    pub fn is_the_database(self, file: &str) -> String {
        match self {
            Lang::Fr => format!(
                "{file} est la base elle-même (ou l'un de ses fichiers) : choisissez un autre fichier"
            ),
            Lang::En => format!("{file} is the database itself (or one of its files): choose another file"),
        }
    }

    pub fn copy_does_not_open(self, file: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("la copie {file} ne s'ouvre pas : {why}"),
            Lang::En => format!("the copy {file} does not open: {why}"),
        }
    }

    /// `problems`: each already said, in this language.
    pub fn copy_fails_check(self, file: &str, problems: &[String]) -> String {
        match self {
            Lang::Fr => format!("la copie {file} ne passe pas la vérification : {}", problems.join(" ; ")),
            Lang::En => format!("the copy {file} fails its check: {}", problems.join("; ")),
        }
    }

    /// `cedille migrate` beside a running server; `why` names it.
    pub fn migrate_beside_server(self, why: &str) -> String {
        match self {
            Lang::Fr => {
                format!("{why} : arrêtez-le d'abord ; un serveur migre la base lui-même en démarrant")
            }
            Lang::En => format!("{why}: stop it first; a server migrates the database itself when it starts"),
        }
    }

    pub fn no_backup(self, path: &str) -> String {
        match self {
            Lang::Fr => format!("aucune sauvegarde à {path}"),
            Lang::En => format!("no backup at {path}"),
        }
    }

    pub fn cannot_create_folder(self, dir: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("impossible de créer le dossier {dir} : {why}"),
            Lang::En => format!("cannot create the folder {dir}: {why}"),
        }
    }

    /// A restore refused because the database is open; `why` says by whom.
    pub fn restore_while_open(self, why: &str) -> String {
        match self {
            Lang::Fr => format!(
                "{why} : rien n'a changé ; arrêtez-le d'abord (« systemctl stop cedille », quittez la console)"
            ),
            Lang::En => {
                format!(
                    "{why}: nothing was changed; stop it first (`systemctl stop cedille`, quit the console)"
                )
            }
        }
    }

    /// Ends a message after which the database is as it was.
    pub fn nothing_changed(self, message: &str) -> String {
        match self {
            Lang::Fr => format!("{message} ; rien n'a changé"),
            Lang::En => format!("{message}; nothing was changed"),
        }
    }

    pub fn backup_does_not_open(self, file: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("la sauvegarde {file} ne s'ouvre pas : {why}"),
            Lang::En => format!("the backup {file} does not open: {why}"),
        }
    }

    pub fn cannot_copy_backup(self, db: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("impossible de copier la sauvegarde à côté de {db} : {why}"),
            Lang::En => format!("cannot copy the backup beside {db}: {why}"),
        }
    }

    pub fn cannot_set_aside(self, why: &str) -> String {
        match self {
            Lang::Fr => format!("impossible de mettre la base actuelle de côté : {why}"),
            Lang::En => format!("cannot set the current database aside: {why}"),
        }
    }

    /// The last step failed: where the database that was there now is.
    pub fn cannot_put_in_place(self, why: &str, kept: Option<&str>) -> String {
        match (self, kept) {
            (Lang::Fr, Some(kept)) => {
                format!(
                    "impossible de mettre la sauvegarde en place : {why} ; la base qui était là est {kept}"
                )
            }
            (Lang::Fr, None) => {
                format!("impossible de mettre la sauvegarde en place : {why} ; il n'y avait pas de base")
            }
            (Lang::En, kept) => format!(
                "cannot put the backup in place: {why}; the database that was there is {}",
                kept.unwrap_or("none")
            ),
        }
    }

    /// A spaces file that cannot be imported at all (nothing was written), after its name.
    pub fn import_empty(self) -> &'static str {
        match self {
            Lang::Fr => "le fichier est vide : il faut une ligne d'en-tête",
            Lang::En => "the file is empty: a header line is needed",
        }
    }

    pub fn import_not_utf8(self, line: usize) -> String {
        match self {
            Lang::Fr => format!("le fichier n'est pas du texte UTF-8 (ligne {line})"),
            Lang::En => format!("the file is not UTF-8 text (line {line})"),
        }
    }

    pub fn import_missing_columns(self, format: &str, missing: &[String]) -> String {
        match self {
            Lang::Fr => {
                format!("ce n'est pas un fichier {format} : colonne(s) manquante(s) {}", missing.join(", "))
            }
            Lang::En => format!("not a {format} file: missing column(s) {}", missing.join(", ")),
        }
    }

    /// `words`: what the CSV reader said.
    pub fn import_bad_csv(self, line: u64, words: &str) -> String {
        match self {
            Lang::Fr => format!("CSV illisible à la ligne {line} (selon le lecteur CSV : {words})"),
            Lang::En => format!("unreadable CSV at line {line}: {words}"),
        }
    }

    /// `{file}: {why}; nothing was imported`.
    pub fn not_imported(self, file: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("{file} : {why} ; rien n'a été importé"),
            Lang::En => format!("{file}: {why}; nothing was imported"),
        }
    }
}
