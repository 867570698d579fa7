//! Screen tests of the console's dialogs (`cedille admin`): a document changed meanwhile
//! asks before it is overwritten, a template left as it was creates nothing, a dialog whose
//! action fails stays open with the reason and keeps its keys, and what the console says
//! is in its language. Results are fed as the runtime would; the screen is ratatui's
//! TestBackend.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use chrono::{DateTime, Duration, Utc};

use cedille::domain::admin::MemberRow;
use cedille::domain::article::{ArticleRow, ArticleState};
use cedille::domain::console::{EditorError, FileProblem, ImportProblem, Refusal};
use cedille::domain::form::FormError;
use cedille::domain::frontmatter::FrontMatterError;
use cedille::domain::member::HandleError;
use cedille::domain::record::RowError;
use cedille::i18n::Lang;
use cedille::term::colors::ColorDepth;
use cedille::ui::{AdminError, AdminOp, AdminResult, App, Detail, Doc, Effect, Key, Modal};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

fn console_in(lang: Lang, external_editor: bool) -> App {
    let actor = "console:camille".to_string();
    App::new_admin(lang, ColorDepth::Ansi256, (100, 34), now(), actor, external_editor).0
}

fn admin(app: &mut App, r: AdminResult) -> Vec<Effect> {
    app.update(r.into())
}

fn row(id: i64, title: &str) -> ArticleRow {
    ArticleRow {
        id,
        slug: format!("article-{id}"),
        title: title.into(),
        rubrique: "Agenda".into(),
        author: "Sofia".into(),
        state: ArticleState::Published,
        published_at: now() - Duration::days(id),
        updated_at: now(),
        comments: 0,
    }
}

const OPENED: &str = "---\ntitle: Le fablab\nrubrique: Agenda\nauthor: Sofia\nauthor_handle:\n\
    date: 2026-11-20T10:00:00+01:00\nstatus: published\nslug: le-fablab\n---\n\nTexte ouvert.\n";
const IMPORTED: &str = "---\ntitle: Le fablab (importé)\nrubrique: Agenda\nauthor: Sofia\nauthor_handle:\n\
    date: 2026-11-20T10:00:00+01:00\nstatus: published\nslug: le-fablab\n---\n\nTexte de l'import.\n";

/// The console on article 3 in the built-in editor, opened as `OPENED`.
fn editing(lang: Lang) -> App {
    let mut app = console_in(lang, false);
    key(&mut app, Key::Char('2'));
    admin(&mut app, AdminResult::Articles(Ok(vec![row(3, "Le fablab")])));
    let keys = screen(&app).lines().last().unwrap().to_string();
    assert!(keys.contains("d supprimer") || keys.contains("d delete"), "{keys}");
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Admin(AdminOp::Open(Doc::Article(Some(3))))]);
    assert_eq!(admin(&mut app, AdminResult::Text(Doc::Article(Some(3)), Ok(OPENED.into()))), vec![]);
    app
}

/// A comment line in the front matter: the text changes, and still reads.
fn note(app: &mut App, text: &str) {
    key(app, Key::Down);
    typed(app, &format!("# {text}\n"));
}

/// Ctrl-S: the save it asks for, with the text the document had when opened.
fn save(app: &mut App) -> (String, String) {
    let effects = key(app, Key::Ctrl('s'));
    let [Effect::Admin(AdminOp::SaveArticle(Some(3), article, base))] = &effects[..] else {
        panic!("{effects:?}\n{}", screen(app));
    };
    (article.body.clone(), base.clone())
}

fn changed(app: &mut App) {
    let current = AdminError::Refused(Refusal::Changed(IMPORTED.into()));
    assert_eq!(admin(app, AdminResult::Saved(Doc::Article(Some(3)), Err(current))), vec![]);
}

#[test]
fn a_save_over_a_change_made_meanwhile_asks_first_and_keeps_the_text() {
    let mut app = editing(Lang::Fr);
    // The body's last line gets a word.
    for _ in 0..12 {
        key(&mut app, Key::Down);
    }
    key(&mut app, Key::End);
    typed(&mut app, " Corrigé.");
    let (body, base) = save(&mut app);
    assert_eq!((body.as_str(), base.as_str()), ("Texte ouvert. Corrigé.", OPENED));
    // The store has another text now: the question, over the admin's text.
    changed(&mut app);
    let s = screen(&app);
    assert!(
        s.contains("L'article a changé depuis que vous l'avez ouvert : écraser /")
            && s.contains("recharger / continuer d'éditer ?"),
        "{s}"
    );
    assert!(s.contains("e écraser   r recharger   c continuer d'éditer"), "{s}");
    // The status line says them too: the console is no guest, its `e` and `d` are shown.
    assert!(s.lines().last().unwrap().contains("e écraser  r recharger"), "{s}");
    let Some(Modal::Changed(question)) = &app.modal else { panic!("{s}") };
    assert!(question.editor.text().ends_with("Texte ouvert. Corrigé."), "the admin's text is kept");
    // Other keys change nothing.
    assert_eq!(key(&mut app, Key::Char('x')), vec![]);
    assert!(matches!(app.modal, Some(Modal::Changed(_))));
    // c: back to the text; saving again asks again, with the same base.
    assert_eq!(key(&mut app, Key::Char('c')), vec![]);
    assert!(matches!(app.modal, Some(Modal::Editor(_))));
    assert!(!screen(&app).contains("a changé depuis"), "{}", screen(&app));
    assert_eq!(save(&mut app).1, OPENED);
    changed(&mut app);
    // Esc is « keep editing » too.
    key(&mut app, Key::Esc);
    assert!(matches!(app.modal, Some(Modal::Editor(_))));
    save(&mut app);
    changed(&mut app);
    // e: overwrite, over the text the store has now (a newer change would ask again).
    let effects = key(&mut app, Key::Char('e'));
    let [Effect::Admin(AdminOp::SaveArticle(Some(3), article, base))] = &effects[..] else {
        panic!("{effects:?}");
    };
    assert_eq!((article.body.as_str(), base.as_str()), ("Texte ouvert. Corrigé.", IMPORTED));
    assert!(screen(&app).contains("Envoi…"), "{}", screen(&app));
    admin(&mut app, AdminResult::Saved(Doc::Article(Some(3)), Ok(3)));
    assert!(app.modal.is_none());
    assert!(screen(&app).contains("Article 3 enregistré."));
}

#[test]
fn reload_shows_the_other_change_and_nothing_is_lost_by_closing_it() {
    let mut app = editing(Lang::Fr);
    note(&mut app, "une note");
    save(&mut app);
    changed(&mut app);
    assert_eq!(key(&mut app, Key::Char('r')), vec![]);
    let s = screen(&app);
    assert!(s.contains("title: Le fablab (importé)") && s.contains("Texte de l'import."), "{s}");
    assert!(!s.contains("# une note") && !s.contains("a changé depuis"), "{s}");
    // What is on screen is what the store has: Esc closes without a question, and saving it
    // unchanged writes nothing.
    assert_eq!(key(&mut app, Key::Ctrl('s')), vec![]);
    assert!(app.modal.is_none());
    assert!(screen(&app).contains("Rien à enregistrer : l'article n'a pas changé."), "{}", screen(&app));
}

#[test]
fn the_question_in_english_has_its_own_keys() {
    let mut app = editing(Lang::En);
    note(&mut app, "a note");
    save(&mut app);
    changed(&mut app);
    let s = screen(&app);
    assert!(
        s.contains("The article changed since you opened it: overwrite / reload")
            && s.contains("keep editing?"),
        "{s}"
    );
    assert!(s.contains("o overwrite   r reload   k keep editing"), "{s}");
    // The French keys mean nothing here.
    assert_eq!(key(&mut app, Key::Char('e')), vec![]);
    assert!(matches!(app.modal, Some(Modal::Changed(_))));
    key(&mut app, Key::Char('k'));
    assert!(matches!(app.modal, Some(Modal::Editor(_))));
    save(&mut app);
    changed(&mut app);
    assert!(matches!(key(&mut app, Key::Char('o'))[..], [Effect::Admin(AdminOp::SaveArticle(..))]));
}

#[test]
fn a_template_left_as_it_was_creates_nothing() {
    let template = "---\ntitle: Nouvel article\nrubrique: \nstatus: draft\n---\n\nLe texte, en Markdown.\n";
    // The built-in editor: Esc closes it without a question, Ctrl-S sends nothing.
    let mut app = console_in(Lang::Fr, false);
    key(&mut app, Key::Char('2'));
    key(&mut app, Key::Char('n'));
    admin(&mut app, AdminResult::Text(Doc::Article(None), Ok(template.into())));
    key(&mut app, Key::Esc);
    assert!(app.modal.is_none(), "{}", screen(&app));
    key(&mut app, Key::Char('n'));
    admin(&mut app, AdminResult::Text(Doc::Article(None), Ok(template.into())));
    assert_eq!(key(&mut app, Key::Ctrl('s')), vec![]);
    assert!(app.modal.is_none());
    assert!(screen(&app).contains("Rien n'est créé : le modèle est resté tel quel."), "{}", screen(&app));
    // Changed, it is a draft: Esc asks, Ctrl-S creates it.
    key(&mut app, Key::Char('n'));
    admin(&mut app, AdminResult::Text(Doc::Article(None), Ok(template.into())));
    key(&mut app, Key::Down);
    key(&mut app, Key::End);
    typed(&mut app, "x");
    key(&mut app, Key::Esc);
    assert!(matches!(app.modal, Some(Modal::Confirm(_))), "{}", screen(&app));
    key(&mut app, Key::Char('n'));
    assert!(matches!(key(&mut app, Key::Ctrl('s'))[..], [Effect::Admin(AdminOp::SaveArticle(None, ..))]));

    // The admin's own editor quit without a change (the junk « Nouvel article »).
    let mut app = console_in(Lang::Fr, true);
    key(&mut app, Key::Char('2'));
    let effects = admin(&mut app, AdminResult::Text(Doc::Article(None), Ok(template.into())));
    assert_eq!(effects, vec![Effect::Admin(AdminOp::EditExternally(Doc::Article(None), template.into()))]);
    // An editor adds or drops a final newline: still unchanged.
    let back = template.trim_end().to_string();
    assert_eq!(admin(&mut app, AdminResult::Edited(Doc::Article(None), Ok(back))), vec![]);
    assert!(app.modal.is_none());
    assert!(screen(&app).contains("Rien n'est créé"), "{}", screen(&app));
    // A new space too; an article opened and left as it was writes nothing either.
    let record = cedille::store::write_record(None);
    admin(&mut app, AdminResult::Text(Doc::Space(None), Ok(record.clone())));
    assert_eq!(admin(&mut app, AdminResult::Edited(Doc::Space(None), Ok(record))), vec![]);
    assert!(screen(&app).contains("Rien n'est créé"), "{}", screen(&app));
    admin(&mut app, AdminResult::Text(Doc::Article(Some(3)), Ok(OPENED.into())));
    assert_eq!(admin(&mut app, AdminResult::Edited(Doc::Article(Some(3)), Ok(OPENED.into()))), vec![]);
    assert!(screen(&app).contains("Rien à enregistrer : l'article n'a pas changé."), "{}", screen(&app));
}

fn members(app: &mut App) {
    let member = |id: i64, handle: &str| MemberRow {
        id,
        handle: Some(handle.into()),
        role: "member".into(),
        banned: false,
        approved: true,
        keys: vec![format!("SHA256:{handle}")],
        first_seen: now() - Duration::days(4),
        last_seen: None,
        comments: 0,
        hidden_comments: 0,
    };
    key(app, Key::Char('4'));
    admin(app, AdminResult::Members(Ok(vec![member(3, "camille"), member(4, "nour")])));
}

#[test]
fn a_rename_refused_keeps_its_dialog_and_its_keys() {
    let mut app = console_in(Lang::Fr, false);
    members(&mut app);
    key(&mut app, Key::Char('r'));
    for _ in 0.."camille".len() {
        key(&mut app, Key::Backspace);
    }
    typed(&mut app, "nour");
    let rename = AdminOp::Rename("camille".into(), "nour".into());
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Admin(rename.clone())]);
    // While the store decides, the dialog waits and so do its keys: none reaches the list.
    assert!(screen(&app).contains("En cours…"), "{}", screen(&app));
    assert_eq!(key(&mut app, Key::Char('j')), vec![]);
    assert_eq!(key(&mut app, Key::Enter), vec![], "not sent twice");
    app.update(cedille::ui::Event::Paste("camille".into()));
    assert!(!screen(&app).contains("nourcamille"), "a paste waits too: {}", screen(&app));
    admin(&mut app, AdminResult::Done(rename, Err(AdminError::Refused(Refusal::HandleTaken("nour".into())))));
    let s = screen(&app);
    assert!(s.contains("Nouveau pseudonyme") && s.contains("Le pseudonyme « nour » est déjà pris."), "{s}");
    assert!(!s.contains("is taken"), "{s}");
    // The next keys are the dialog's: `j` is typed, not a move down the list.
    key(&mut app, Key::Char('j'));
    let s = screen(&app);
    assert!(s.contains("nourj") && !s.contains("déjà pris"), "{s}");
    assert_eq!(app.admin.as_ref().unwrap().member_sel, 0);
    // A bad handle is said in French too.
    let bad = AdminOp::Rename("camille".into(), "nourj".into());
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Admin(bad.clone())]);
    admin(
        &mut app,
        AdminResult::Done(bad, Err(AdminError::Refused(Refusal::BadHandle(HandleError::TooShort)))),
    );
    assert!(screen(&app).contains("Un pseudonyme compte au moins 2"), "{}", screen(&app));
    // Done: the dialog closes and says so.
    let good = AdminOp::Rename("camille".into(), "nourj".into());
    key(&mut app, Key::Enter);
    admin(&mut app, AdminResult::Done(good, Ok(Detail::Name("nourj".into()))));
    assert!(app.modal.is_none());
    assert!(screen(&app).contains("camille s'appelle désormais nourj."), "{}", screen(&app));
}

#[test]
fn a_question_whose_action_fails_stays_with_the_reason() {
    let mut app = console_in(Lang::Fr, false);
    members(&mut app);
    key(&mut app, Key::Char('b'));
    let ban = AdminOp::Ban("camille".into(), true);
    assert_eq!(key(&mut app, Key::Char('o')), vec![Effect::Admin(ban.clone())]);
    assert!(screen(&app).contains("Suspendre camille ?") && screen(&app).contains("En cours…"));
    assert_eq!(key(&mut app, Key::Char('o')), vec![], "not asked twice while it runs");
    admin(&mut app, AdminResult::Done(ban.clone(), Err(AdminError::Unavailable)));
    let s = screen(&app);
    assert!(s.contains("Suspendre camille ?"), "{s}");
    assert!(s.contains("La base de données ne peut pas enregistrer pour le moment"), "{s}");
    assert!(s.contains("o : oui    n : non"), "{s}");
    // Yes again retries; no closes, and the list has its keys back.
    assert_eq!(key(&mut app, Key::Char('o')), vec![Effect::Admin(ban.clone())]);
    admin(&mut app, AdminResult::Done(ban, Err(AdminError::Unavailable)));
    key(&mut app, Key::Char('n'));
    assert!(app.modal.is_none());
    key(&mut app, Key::Char('j'));
    assert_eq!(app.admin.as_ref().unwrap().member_sel, 1);

    // Schedule: the article deleted meanwhile is said in the prompt.
    key(&mut app, Key::Char('2'));
    admin(&mut app, AdminResult::Articles(Ok(vec![row(3, "Le fablab")])));
    key(&mut app, Key::Char('s'));
    typed(&mut app, "2099-12-01");
    let effects = key(&mut app, Key::Enter);
    let [Effect::Admin(schedule @ AdminOp::Schedule(3, _))] = &effects[..] else { panic!("{effects:?}") };
    admin(&mut app, AdminResult::Done(schedule.clone(), Err(AdminError::NotFound)));
    let s = screen(&app);
    assert!(s.contains("Publier le…") && s.contains("Introuvable : supprimé entre-temps ?"), "{s}");
    // Esc while an action runs closes the dialog; its outcome is said on the status line.
    key(&mut app, Key::Enter);
    key(&mut app, Key::Esc);
    assert!(app.modal.is_none());
    admin(&mut app, AdminResult::Done(schedule.clone(), Err(AdminError::NotFound)));
    assert!(screen(&app).lines().last().unwrap().contains("Introuvable"), "{}", screen(&app));
    // And the next dialog is not held by the first one's action.
    key(&mut app, Key::Char('s'));
    typed(&mut app, "2099");
    assert!(screen(&app).contains("2099"), "{}", screen(&app));
}

/// Each failure the console can meet, the French it says, and the English the commands
/// print for it (which must not reach the French console).
fn failures() -> Vec<(AdminError, &'static str, String)> {
    let refused = |r: Refusal| {
        let english = r.to_string();
        (AdminError::Refused(r), english)
    };
    let mut out = Vec::new();
    let mut push = |(e, english): (AdminError, String), french: &'static str| out.push((e, french, english));
    push(refused(Refusal::SlugTaken { slug: "le-fablab".into(), by: 2 }), "déjà celui de l'article 2");
    push(refused(Refusal::NoSuchAuthor("personne".into())), "Aucun membre n'a le pseudonyme « personne »");
    push(refused(Refusal::UnknownRole("boss".into())), "Rôle inconnu « boss »");
    push(refused(Refusal::EventOver(4)), "La rencontre 4 est passée");
    push(refused(Refusal::EventCancelled(4)), "La rencontre 4 a été annulée");
    let rows = [
        (RowError::NoName, "le nom manque"),
        (RowError::UnknownCommune("75056".into()), "code INSEE inconnu « 75056 »"),
        (RowError::OutsideArea { lat: 48.85, lon: 2.35 }, "hors de la Drôme et de l'Ardèche"),
        (RowError::BadEmail("bonjour".into()), "« bonjour » n'a pas de @"),
        (
            RowError::Form(FormError::UnknownField {
                line: 1,
                key: "colour".into(),
                expected: "name".into(),
            }),
            "ligne 1 : champ inconnu « colour »",
        ),
    ];
    for (row, french) in rows {
        push(refused(Refusal::Record(row)), french);
    }
    let front = FrontMatterError::BadStatus { line: 7, value: "brouillon".into() };
    push((AdminError::FrontMatter(front.clone()), front.to_string()), "ligne 7 : status vaut « published »");
    let file = AdminError::File { path: "/srv/x.csv".into(), problem: FileProblem::PermissionDenied };
    push((file, "Permission denied".into()), "/srv/x.csv : permission refusée");
    let import = AdminError::Import { path: "/srv/x.csv".into(), problem: ImportProblem::Csv { line: 3 } };
    push((import, "unreadable CSV".into()), "/srv/x.csv : CSV illisible à la ligne 3");
    let editor = EditorError::Failed { program: "vim".into(), code: Some(1) };
    push((AdminError::Editor(editor), "failed".into()), "vim a échoué (code 1) : l'éditeur intégré");
    push((AdminError::NotFound, "not found".into()), "Introuvable");
    push((AdminError::Gone, "was removed or replaced".into()), "Le fichier de la base a été remplacé");
    out
}

#[test]
fn every_failure_is_said_in_the_consoles_language() {
    for (error, french, english) in failures() {
        // A refused save keeps its editor and says why inside it.
        let mut app = editing(Lang::Fr);
        note(&mut app, "une note");
        save(&mut app);
        admin(&mut app, AdminResult::Saved(Doc::Article(Some(3)), Err(error.clone())));
        let s = screen(&app);
        assert!(matches!(app.modal, Some(Modal::Editor(_))), "{error:?}:\n{s}");
        // The message wraps inside the editor's box: read it as one text.
        let said = s
            .lines()
            .map(|l| l.trim().trim_matches(['│', '╭', '╰', '─', '╮', '╯']).trim())
            .collect::<Vec<_>>()
            .join(" ");
        assert!(said.contains(french), "{error:?}: « {french} » missing:\n{s}");
        assert!(
            !said.contains(&english),
            "{error:?}: the English « {english} » reached the French console:\n{s}"
        );
        // In English, the console speaks English.
        assert_ne!(Lang::En.admin_error(&error), Lang::Fr.admin_error(&error));
    }
    // An import's report too.
    let mut app = console_in(Lang::Fr, false);
    let report = Detail::Imported {
        inserted: 2,
        updated: 1,
        unchanged: 15,
        rejected: vec![(7, RowError::NoName), (9, RowError::UnknownKind("salon".into()))],
    };
    admin(&mut app, AdminResult::Done(AdminOp::ImportSpaces("/srv/x.csv".into()), Ok(report)));
    let s = screen(&app);
    assert!(
        s.contains("Import : 2 ajouté(s), 1 mis à jour, 15 inchangé(s), 2 refusé(s). ligne 7 : name"),
        "{s}"
    );
    assert!(!s.contains("inserted") && !s.contains("missing"), "{s}");
}
