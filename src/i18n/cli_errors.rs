//! What the admin subcommands say when something goes wrong, in the language of the rest of
//! their output. The store's and the system's errors reach here as plain data (`DbError`,
//! `DbProblem`, `std::io::Error`): the command line maps each kind of error to a message
//! rather than printing an English `Display`. English is word for word what the commands
//! always printed. Only what SQLite or the system say in their own words of a rare case
//! (an integrity line, an unusual I/O error) stays as they said it, marked as their words.

use std::io::ErrorKind;

use super::Lang;
use crate::domain::admin::Problem;
use crate::domain::frontmatter::FrontMatterError;

/// What went wrong with the database, as the command line tells it: the kinds of the store's
/// error, with what each needs to be said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DbError {
    Open {
        path: String,
        why: DbProblem,
    },
    Folder {
        path: String,
        why: String,
    },
    /// Reading or upgrading the schema failed.
    Migration(DbProblem),
    LockFile {
        path: String,
        why: String,
    },
    /// Another server has the database; `holder` is what it says of itself, already said.
    Served {
        db: String,
        holder: String,
    },
    /// Some process has the database open (`restore`); who, already said.
    InUse {
        db: String,
        holder: String,
    },
    Restoring {
        db: String,
    },
    Outdated {
        path: String,
        have: usize,
        want: usize,
    },
    TooNew {
        path: String,
        have: usize,
        want: usize,
    },
    /// A statement failed: a bug, in SQLite's words.
    Broken(DbProblem),
    /// The file cannot take a write now (busy, full, read-only).
    Unavailable(DbProblem),
    Gone {
        path: String,
    },
    NotFound,
    /// A rule the store stated in its own words.
    Refused(String),
    Random(String),
    Data(String),
}

/// What SQLite said, sorted by what a person can do about it; `words` are SQLite's own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DbProblem {
    pub kind: DbKind,
    pub words: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbKind {
    Busy,
    ReadOnly,
    Full,
    NotADatabase,
    Corrupt,
    CannotOpen,
    PermissionDenied,
    Io,
    Other,
}

impl Lang {
    /// A database error, one line, without the « cedille: » that [`Lang::cli_line`] adds.
    pub fn db_error(self, e: &DbError) -> String {
        if self == Lang::En {
            return english_db_error(e);
        }
        match e {
            DbError::Open { path, why } => {
                format!("impossible d'ouvrir la base {path} : {}", self.db_problem(why))
            }
            DbError::Folder { path, why } => format!("impossible de créer le dossier {path} : {why}"),
            DbError::Migration(why) => {
                format!("la lecture ou la mise à jour du schéma a échoué : {}", self.db_problem(why))
            }
            DbError::LockFile { path, why } => {
                format!("impossible d'utiliser le fichier de verrou {path} : {why}")
            }
            DbError::Served { db, holder } => {
                format!("un autre cedille serve a la base {db} ouverte{}", by(holder))
            }
            DbError::InUse { db, holder } => format!("la base {db} est ouverte{}", by(holder)),
            DbError::Restoring { db } => {
                format!(
                    "la base {db} est en cours de restauration : réessayez quand « cedille restore » aura fini"
                )
            }
            DbError::Outdated { path, have, want } => format!(
                "la base {path} est au schéma {have}, ce cedille écrit le schéma {want} : lancez « cedille migrate » \
                 (qui sauvegarde d'abord la base) ou démarrez le serveur"
            ),
            DbError::TooNew { path, have, want } => format!(
                "la base {path} est au schéma {have}, plus récent que ce que ce cedille connaît ({want}) : \
                 lancez la version plus récente"
            ),
            DbError::Broken(why) => format!("la base a échoué : {}", self.db_problem(why)),
            DbError::Unavailable(why) => {
                format!("la base ne peut pas enregistrer pour le moment : {}", self.db_problem(why))
            }
            DbError::Gone { path } => format!(
                "le fichier de la base {path} a été supprimé ou remplacé : plus rien ne peut être enregistré \
                 avant le redémarrage du serveur"
            ),
            DbError::NotFound => "introuvable".into(),
            DbError::Refused(words) => format!("refusé par la base (selon elle : {words})"),
            DbError::Random(words) => format!("le système ne donne pas de nombres aléatoires ({words})"),
            DbError::Data(words) => format!("données intégrées illisibles ({words})"),
        }
    }

    /// What SQLite said, in a person's words.
    pub fn db_problem(self, p: &DbProblem) -> String {
        if self == Lang::En {
            return p.words.clone();
        }
        match p.kind {
            DbKind::Busy => "un autre programme la verrouille".into(),
            DbKind::ReadOnly => "le fichier est en lecture seule".into(),
            DbKind::Full => "le disque est plein".into(),
            DbKind::NotADatabase => "ce n'est pas une base SQLite".into(),
            DbKind::Corrupt => "le fichier est endommagé".into(),
            DbKind::CannotOpen => {
                "le fichier ne peut pas être ouvert (dossier absent ou inaccessible)".into()
            }
            DbKind::PermissionDenied => "permission refusée".into(),
            DbKind::Io => "erreur d'entrée-sortie du disque".into(),
            DbKind::Other => format!("erreur de SQLite ({})", p.words),
        }
    }

    /// What the system said of a file, by its kind; a rarer one in the system's words.
    pub fn io_problem(self, e: &std::io::Error) -> String {
        let fr = self == Lang::Fr;
        let said = match e.kind() {
            ErrorKind::NotFound if fr => "fichier ou dossier introuvable",
            ErrorKind::NotFound => "no such file or folder",
            ErrorKind::PermissionDenied if fr => "permission refusée",
            ErrorKind::PermissionDenied => "permission denied",
            ErrorKind::AlreadyExists if fr => "le fichier existe déjà",
            ErrorKind::AlreadyExists => "the file already exists",
            ErrorKind::IsADirectory if fr => "c'est un dossier, pas un fichier",
            ErrorKind::IsADirectory => "this is a folder, not a file",
            ErrorKind::NotADirectory if fr => "un élément du chemin n'est pas un dossier",
            ErrorKind::NotADirectory => "a part of the path is not a folder",
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded if fr => "le disque est plein",
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "the disk is full",
            ErrorKind::ReadOnlyFilesystem if fr => "système de fichiers en lecture seule",
            ErrorKind::ReadOnlyFilesystem => "read-only file system",
            _ if fr => return format!("erreur du système ({e})"),
            _ => return e.to_string(),
        };
        said.to_string()
    }

    /// Why an article's file does not read, after its name.
    pub fn front_matter_problem(self, e: &FrontMatterError) -> String {
        use FrontMatterError as F;
        if self == Lang::En {
            return e.to_string();
        }
        match e {
            F::NoOpening => "le fichier doit commencer par une ligne « --- » qui ouvre l'en-tête".into(),
            F::NotClosed => "l'en-tête n'est pas fermé par une ligne « --- »".into(),
            F::BadLine { line } => format!("ligne {line} : « clé: valeur » attendu"),
            F::UnknownKey { line, key } => format!(
                "ligne {line} : clé inconnue « {key} » (clés possibles : title, rubrique, author, author_handle, \
                 date, status, slug)"
            ),
            F::NoTitle => "l'en-tête n'a pas de « title »".into(),
            F::BadDate { line, value } => format!(
                "ligne {line} : « {value} » n'est pas une date (2026-10-02 ou 2026-10-02T09:00:00+02:00 attendu)"
            ),
            F::BadStatus { line, value } => {
                format!("ligne {line} : status vaut « published » ou « draft », pas « {value} »")
            }
            F::BadSlug { line, value } => {
                format!("ligne {line} : le slug « {value} » ne peut contenir que a-z, 0-9 et « - »")
            }
            F::BadHandle { line, value } => format!(
                "ligne {line} : « {value} » n'est pas un pseudonyme de membre (2 à 24 caractères parmi a-z, 0-9, \
                 « _ » et « - »)"
            ),
        }
    }

    /// One thing `cedille check` found wrong.
    pub fn check_problem(self, p: &Problem) -> String {
        match (self, p) {
            (Lang::En, p) => p.to_string(),
            (Lang::Fr, Problem::Integrity(words)) => format!("intégrité (selon SQLite) : {words}"),
            (Lang::Fr, Problem::ForeignKey { table, row, parent }) => {
                format!("clé étrangère : la ligne {row} de {table} désigne une ligne absente de {parent}")
            }
            (Lang::Fr, Problem::SearchIndex(words)) => {
                format!("l'index de recherche ne correspond plus aux espaces (selon SQLite : {words})")
            }
        }
    }

    /// What a server writes of itself in its lock, as a refused command shows it.
    pub fn server_holder(self, pid: &str, listen: &str, since: &str) -> String {
        match self {
            Lang::Fr => format!("pid {pid}, à l'écoute sur {listen} depuis le {since}"),
            Lang::En => format!("pid {pid}, listening on {listen}, since {since}"),
        }
    }

    /// A failure of the program itself, in the words of the library that failed.
    pub fn internal(self, words: &str) -> String {
        match self {
            Lang::Fr => format!("erreur interne ({words})"),
            Lang::En => words.to_string(),
        }
    }

    pub fn no_database(self, db: &str) -> String {
        match self {
            Lang::Fr => format!("aucune base à {db} (indiquez la bonne avec --db ou CEDILLE_DB)"),
            Lang::En => format!("no database at {db} (give the right one with --db or CEDILLE_DB)"),
        }
    }

    pub fn cannot_read(self, file: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("impossible de lire {file} : {why}"),
            Lang::En => format!("cannot read {file}: {why}"),
        }
    }

    pub fn cannot_write(self, file: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("impossible d'écrire {file} : {why}"),
            Lang::En => format!("cannot write {file}: {why}"),
        }
    }

    pub fn not_utf8(self) -> &'static str {
        match self {
            Lang::Fr => "ce n'est pas du texte UTF-8",
            Lang::En => "not UTF-8 text",
        }
    }

    pub fn cannot_write_output(self, why: &str) -> String {
        match self {
            Lang::Fr => format!("impossible d'écrire la sortie : {why}"),
            Lang::En => format!("cannot write the output: {why}"),
        }
    }

    /// `cedille tui` and `cedille admin` from a script or a pipe.
    pub fn needs_terminal(self) -> &'static str {
        match self {
            Lang::Fr => "il faut un terminal : lancez-le depuis un shell, pas depuis un script ni un tube",
            Lang::En => "this needs a terminal: run it from a shell, not from a script or a pipe",
        }
    }

    pub fn unknown_role(self, role: &str) -> String {
        match self {
            Lang::Fr => format!("rôle inconnu « {role} » (member, moderator ou admin attendu)"),
            Lang::En => format!("unknown role `{role}` (expected member, moderator or admin)"),
        }
    }

    pub fn event_over(self, id: i64) -> String {
        match self {
            Lang::Fr => format!("la rencontre {id} est passée : il n'y a rien à annuler"),
            Lang::En => format!("event {id} is over: there is nothing to cancel"),
        }
    }

    pub fn event_cancelled_for_good(self, id: i64) -> String {
        match self {
            Lang::Fr => format!("la rencontre {id} a été annulée : elle ne peut pas revenir"),
            Lang::En => format!("event {id} was cancelled: it cannot come back"),
        }
    }

    /// A config file that cannot be used; `why` is what was wrong with it.
    pub fn config_unreadable(self, path: &str, why: &str) -> String {
        match self {
            Lang::Fr => format!("impossible de lire le fichier de configuration {path} : {why}"),
            Lang::En => format!("cannot read the config file {path}: {why}"),
        }
    }

    /// The TOML reader's or the setting's own words follow: they name the key at fault.
    pub fn config_invalid(self, path: &str, words: &str) -> String {
        match self {
            Lang::Fr => format!("le fichier de configuration {path} n'est pas valide : {words}"),
            Lang::En => format!("the config file {path} is not valid: {words}"),
        }
    }
}

fn by(holder: &str) -> String {
    if holder.is_empty() { String::new() } else { format!(" ({holder})") }
}

/// The store's own words, as the commands always printed them.
fn english_db_error(e: &DbError) -> String {
    match e {
        DbError::Open { path, why } => format!("cannot open the database {path}: {}", why.words),
        DbError::Folder { path, why } => format!("cannot create the folder {path}: {why}"),
        DbError::Migration(why) => why.words.clone(),
        DbError::LockFile { path, why } => format!("cannot use the lock file {path}: {why}"),
        DbError::Served { db, holder } => format!("another cedille serve has {db} open{}", by(holder)),
        DbError::InUse { db, holder } => format!("{db} is open{}", by(holder)),
        DbError::Restoring { db } => {
            format!("{db} is being restored: try again when `cedille restore` has finished")
        }
        DbError::Outdated { path, have, want } => format!(
            "the database {path} is at schema {have}, this cedille writes schema {want}: run `cedille migrate` \
             (it backs the database up first), or start the server"
        ),
        DbError::TooNew { path, have, want } => format!(
            "the database {path} is at schema {have}, newer than this cedille knows ({want}): run the newer version"
        ),
        DbError::Broken(why) => why.words.clone(),
        DbError::Unavailable(why) => format!("the database cannot save right now: {}", why.words),
        DbError::Gone { path } => format!(
            "the database file {path} was removed or replaced: nothing more can be saved until the server restarts"
        ),
        DbError::NotFound => "not found".into(),
        DbError::Refused(words) => words.clone(),
        DbError::Random(words) => format!("no random numbers from the system: {words}"),
        DbError::Data(words) => format!("built-in data: {words}"),
    }
}
