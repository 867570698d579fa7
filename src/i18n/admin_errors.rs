//! What the console says when an action fails, in its language: the store's refusals, a
//! text that does not read (an article, a space, a meetup), a file, the admin's editor.
//! English is the types' own `Display` where it exists (the commands print the same words).

use super::Lang;
use crate::domain::console::{
    AdminError, ChangedAnswer, Doc, EditorError, FileProblem, ImportProblem, Refusal,
};
use crate::domain::form::FormError;
use crate::domain::frontmatter::FrontMatterError;
use crate::domain::record::RowError;

impl Lang {
    /// Why a console action did not happen.
    pub fn admin_error(self, e: &AdminError) -> String {
        let fr = self == Lang::Fr;
        match e {
            AdminError::NotFound if fr => "Introuvable : supprimé entre-temps ?".into(),
            AdminError::NotFound => "Not found: deleted meanwhile?".into(),
            AdminError::Unavailable if fr => "La base de données ne peut pas enregistrer pour le moment \
                (occupée, pleine ou en lecture seule) : rien n'a changé, réessayez dans un instant."
                .into(),
            AdminError::Unavailable => "The database cannot save right now (busy, full or read-only): \
                nothing changed, try again in a moment."
                .into(),
            AdminError::Gone if fr => "Le fichier de la base a été remplacé ou supprimé : quittez la \
                console et relancez-la."
                .into(),
            AdminError::Gone => {
                "The database file was replaced or removed: quit the console and start it again.".into()
            }
            AdminError::Refused(r) => self.refusal(r),
            AdminError::FrontMatter(e) => self.front_matter_error(e),
            AdminError::File { path, problem } => {
                format!("{path}{} {}", self.colon(), self.file_problem(problem))
            }
            AdminError::Import { path, problem } => {
                format!("{path}{} {}", self.colon(), self.import_problem(problem))
            }
            AdminError::Editor(e) => self.editor_error(e),
            AdminError::Internal(words) if fr => {
                format!("Erreur interne : rien n'a changé (détail technique : {words}).")
            }
            AdminError::Internal(words) => format!("Internal error: nothing changed ({words})."),
        }
    }

    /// « : » in French, « : » in English.
    fn colon(self) -> &'static str {
        match self {
            Lang::Fr => " :",
            Lang::En => ":",
        }
    }

    /// A rule the store held the action to.
    pub fn refusal(self, r: &Refusal) -> String {
        if self == Lang::En {
            return match r {
                Refusal::BadHandle(e) => self.handle_error(e),
                Refusal::Record(e) => format!("Not saved: {e}"),
                Refusal::Changed(_) => "It changed since you opened it.".into(),
                r => format!("{}.", capitalised(&r.to_string())),
            };
        }
        match r {
            Refusal::SlugTaken { slug, by } => {
                format!("Le slug « {slug} » est déjà celui de l'article {by} : choisissez-en un autre.")
            }
            Refusal::NoSuchAuthor(handle) => {
                format!("Aucun membre n'a le pseudonyme « {handle} » (author_handle).")
            }
            Refusal::BadHandle(e) => self.handle_error(e),
            Refusal::HandleTaken(handle) => format!("Le pseudonyme « {handle} » est déjà pris."),
            Refusal::UnknownRole(role) => {
                format!("Rôle inconnu « {role} » : member, moderator ou admin.")
            }
            Refusal::EventOver(id) => format!("La rencontre {id} est passée : il n'y a rien à annuler."),
            Refusal::EventCancelled(id) => {
                format!("La rencontre {id} a été annulée : elle ne peut pas revenir.")
            }
            Refusal::Record(e) => format!("L'espace n'est pas enregistré : {}", self.row_error(e)),
            Refusal::Changed(_) => "Cela a changé depuis que vous l'avez ouvert.".into(),
        }
    }

    /// An article's text that does not read.
    pub fn front_matter_error(self, e: &FrontMatterError) -> String {
        use FrontMatterError as F;
        if self == Lang::En {
            return format!("Not saved: {e}");
        }
        let why = match e {
            F::NoOpening => "le texte doit commencer par une ligne « --- » qui ouvre l'en-tête".to_string(),
            F::NotClosed => "l'en-tête n'est pas fermé par une ligne « --- »".to_string(),
            F::BadLine { line } => format!("ligne {line} : « clé: valeur » attendu"),
            F::UnknownKey { line, key } => format!(
                "ligne {line} : clé inconnue « {key} » (clés possibles : title, rubrique, author, \
                 author_handle, date, status, slug)"
            ),
            F::NoTitle => "l'en-tête n'a pas de « title »".to_string(),
            F::BadDate { line, value } => format!(
                "ligne {line} : « {value} » n'est pas une date (2026-10-02 ou 2026-10-02T09:00:00+02:00)"
            ),
            F::BadStatus { line, value } => {
                format!("ligne {line} : status vaut « published » ou « draft », pas « {value} »")
            }
            F::BadSlug { line, value } => {
                format!("ligne {line} : le slug « {value} » ne peut contenir que a-z, 0-9 et « - »")
            }
            F::BadHandle { line, value } => format!(
                "ligne {line} : « {value} » n'est pas un pseudonyme de membre (2 à 24 caractères parmi \
                 a-z, 0-9, « _ » et « - »)"
            ),
        };
        format!("Le texte n'est pas enregistré : {why}")
    }

    /// A line of a form (a space's record, a meetup) that does not read.
    pub fn form_error(self, e: &FormError) -> String {
        match (self, e) {
            (Lang::En, e) => e.to_string(),
            (Lang::Fr, FormError::NotAField { line }) => format!("ligne {line} : « champ: valeur » attendu"),
            (Lang::Fr, FormError::UnknownField { line, key, expected }) => {
                format!("ligne {line} : champ inconnu « {key} » (champs possibles : {expected})")
            }
            (Lang::Fr, FormError::Twice { line, key }) => format!("ligne {line} : « {key} » donné deux fois"),
        }
    }

    /// Why a space's record (or an import's row) does not pass.
    pub fn row_error(self, e: &RowError) -> String {
        use RowError as R;
        if self == Lang::En {
            return e.to_string();
        }
        match e {
            R::Form(e) => self.form_error(e),
            R::NoName => "name : le nom manque".into(),
            R::NoSourceId => "source_id : l'identifiant de la source manque".into(),
            R::NoCommune => "commune_insee : le code INSEE de la commune manque".into(),
            R::Missing(field) => format!("{field} : manquant"),
            R::UnknownKind(kind) => format!("kind : « {kind} » n'est pas un type connu"),
            R::UnknownStatus(status) => format!("status : « {status} » n'est pas un état connu"),
            R::UnknownAmenity(a) => format!("amenities : « {a} » n'est pas un équipement connu"),
            R::Hours { value, .. } => format!(
                "hours : « {value} » ne suit pas la syntaxe OpenStreetMap (par exemple « Mo-Fr 09:00-18:00; \
                 Sa 09:00-12:00 »)"
            ),
            R::BadDate(value) => format!("verified_on : « {value} » n'est pas une date comme 2026-11-27"),
            R::OutsideArea { lat, lon } => {
                format!("les coordonnées {lat}, {lon} sont hors de la Drôme et de l'Ardèche")
            }
            R::TooLong { field, max } => format!("{field} : plus de {max} caractères"),
            R::NotANumber { column, value } => format!("{column} : « {value} » n'est pas un nombre"),
            R::NotEuros { column, value } => {
                format!("{column} : « {value} » n'est pas un montant en euros comme 12.50")
            }
            R::BadWebsite(s) => format!("website : « {s} » n'est pas une adresse http(s)"),
            R::BadEmail(s) => format!("email : « {s} » n'a pas de @"),
            R::FieldCount { got, want } => format!("{got} champs alors que l'en-tête en a {want}"),
            R::Duplicate { id, line } => {
                format!("même source et même identifiant « {id} » qu'à la ligne {line}")
            }
            R::UnknownCommune(code) => {
                format!("commune_insee : code INSEE inconnu « {code} » (Drôme et Ardèche seulement)")
            }
        }
    }

    fn file_problem(self, p: &FileProblem) -> String {
        let fr = self == Lang::Fr;
        match p {
            FileProblem::NotFound if fr => "fichier ou dossier introuvable".into(),
            FileProblem::NotFound => "no such file or folder".into(),
            FileProblem::PermissionDenied if fr => "permission refusée".into(),
            FileProblem::PermissionDenied => "permission denied".into(),
            FileProblem::IsADirectory if fr => "c'est un dossier, pas un fichier".into(),
            FileProblem::IsADirectory => "this is a folder, not a file".into(),
            FileProblem::AlreadyExists if fr => "le fichier existe déjà".into(),
            FileProblem::AlreadyExists => "the file already exists".into(),
            FileProblem::StorageFull if fr => "le disque est plein".into(),
            FileProblem::StorageFull => "the disk is full".into(),
            FileProblem::ReadOnly if fr => "système de fichiers en lecture seule".into(),
            FileProblem::ReadOnly => "read-only file system".into(),
            FileProblem::Other(words) if fr => format!("erreur du système ({words})"),
            FileProblem::Other(words) => words.clone(),
        }
    }

    fn import_problem(self, p: &ImportProblem) -> String {
        let fr = self == Lang::Fr;
        match p {
            ImportProblem::Empty if fr => "le fichier est vide : il faut une ligne d'en-tête".into(),
            ImportProblem::Empty => "the file is empty: a header line is needed".into(),
            ImportProblem::NotUtf8 { line } if fr => format!("ce n'est pas du texte UTF-8 (ligne {line})"),
            ImportProblem::NotUtf8 { line } => format!("this is not UTF-8 text (line {line})"),
            ImportProblem::MissingColumns(missing) if fr => {
                format!("pas au format de Cédille : colonne(s) manquante(s) {}", missing.join(", "))
            }
            ImportProblem::MissingColumns(missing) => {
                format!("not in Cédille's format: missing column(s) {}", missing.join(", "))
            }
            ImportProblem::Csv { line } if fr => format!("CSV illisible à la ligne {line}"),
            ImportProblem::Csv { line } => format!("unreadable CSV at line {line}"),
        }
    }

    /// The admin's own editor gave nothing back: the built-in one takes over.
    fn editor_error(self, e: &EditorError) -> String {
        let fr = self == Lang::Fr;
        let why = match e {
            EditorError::TempFile(p) if fr => {
                format!("Impossible d'écrire le fichier temporaire ({})", self.file_problem(p))
            }
            EditorError::TempFile(p) => format!("Cannot write the temporary file ({})", self.file_problem(p)),
            EditorError::ReadBack(p) if fr => {
                format!("Impossible de relire le fichier de l'éditeur ({})", self.file_problem(p))
            }
            EditorError::ReadBack(p) => {
                format!("Cannot read the editor's file back ({})", self.file_problem(p))
            }
            EditorError::Start { program, problem } if fr => {
                format!("Impossible de lancer {program} ({})", self.file_problem(problem))
            }
            EditorError::Start { program, problem } => {
                format!("Cannot start {program} ({})", self.file_problem(problem))
            }
            EditorError::Failed { program, code: Some(code) } if fr => {
                format!("{program} a échoué (code {code})")
            }
            EditorError::Failed { program, code: Some(code) } => {
                format!("{program} failed (code {code})")
            }
            EditorError::Failed { program, code: None } if fr => {
                format!("{program} a été interrompu")
            }
            EditorError::Failed { program, code: None } => format!("{program} was stopped"),
        };
        if fr {
            format!("{why} : l'éditeur intégré prend le relais.")
        } else {
            format!("{why}: the built-in editor takes over.")
        }
    }

    /// A member the action named is not there under that name.
    pub fn member_not_found(self) -> &'static str {
        match self {
            Lang::Fr => "Ce membre est introuvable sous ce nom : renommé ou parti entre-temps ?",
            Lang::En => "No member has this name now: renamed or gone meanwhile?",
        }
    }

    /// A document closed as it was opened.
    pub fn nothing_saved(self, doc: Doc) -> &'static str {
        match (self, doc) {
            (Lang::Fr, Doc::Article(None) | Doc::Space(None)) => {
                "Rien n'est créé : le modèle est resté tel quel."
            }
            (Lang::Fr, Doc::Article(Some(_))) => "Rien à enregistrer : l'article n'a pas changé.",
            (Lang::Fr, Doc::Space(Some(_))) => "Rien à enregistrer : l'espace n'a pas changé.",
            (Lang::En, Doc::Article(None) | Doc::Space(None)) => {
                "Nothing created: the template was left as it was."
            }
            (Lang::En, Doc::Article(Some(_))) => "Nothing to save: the article did not change.",
            (Lang::En, Doc::Space(Some(_))) => "Nothing to save: the space did not change.",
        }
    }

    /// The question when the document changed meanwhile, with its three answers.
    pub fn changed_question(self, doc: Doc) -> &'static str {
        match (self, doc) {
            (Lang::Fr, Doc::Article(_)) => {
                "L'article a changé depuis que vous l'avez ouvert : écraser / recharger / continuer d'éditer ?"
            }
            (Lang::Fr, Doc::Space(_)) => {
                "L'espace a changé depuis que vous l'avez ouvert : écraser / recharger / continuer d'éditer ?"
            }
            (Lang::En, Doc::Article(_)) => {
                "The article changed since you opened it: overwrite / reload / keep editing?"
            }
            (Lang::En, Doc::Space(_)) => {
                "The space changed since you opened it: overwrite / reload / keep editing?"
            }
        }
    }

    /// What each answer does, under the question.
    pub fn changed_help(self) -> &'static str {
        match self {
            Lang::Fr => {
                "Quelqu'un d'autre l'a modifié (un import, une autre console). Écraser remplace \
                sa version par votre texte ; recharger ouvre sa version, votre texte est perdu."
            }
            Lang::En => {
                "Someone else changed it (an import, another console). Overwrite replaces their \
                version with your text; reload opens their version, and your text is lost."
            }
        }
    }

    pub fn changed_keys(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::Fr => &[("e", "écraser"), ("r", "recharger"), ("c", "continuer d'éditer")],
            Lang::En => &[("o", "overwrite"), ("r", "reload"), ("k", "keep editing")],
        }
    }

    /// The answer a key gives to the question, as [`Lang::changed_keys`] shows them.
    pub fn changed_answer(self, key: char) -> Option<ChangedAnswer> {
        match (self, key) {
            (Lang::Fr, 'e') | (Lang::En, 'o') => Some(ChangedAnswer::Overwrite),
            (_, 'r') => Some(ChangedAnswer::Reload),
            (Lang::Fr, 'c') | (Lang::En, 'k') => Some(ChangedAnswer::KeepEditing),
            _ => None,
        }
    }
}

/// The first letter in capital: the commands' words start a sentence on the screen.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
