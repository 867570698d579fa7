#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The console's editors and dialogs through its real loop (`runtime::run_local` with a
//! `Console`) on a real store, beside the real binary: an article imported from the command
//! line while the console edits it is not overwritten without a question; a template left as
//! it was creates nothing; a rename refused stays in its dialog, in French.

mod session;

use std::process::Command;
use std::sync::Arc;

use chrono::Utc;
use session::*;

use cedille::domain::CommentPolicy;
use cedille::domain::console::EditorError;
use cedille::i18n::Lang;
use cedille::runtime::{Console, LocalTerminal};
use cedille::term::colors::ColorDepth;
use cedille::ui::App;

const ACTOR: &str = "console:sofia";
const END: &[u8] = b"\x1b[F";
const BACKSPACE: &[u8] = b"\x7f";

/// `cedille ARGS --db` on the harness's database, as the operator types it beside the
/// console; its standard output.
fn cedille(h: &Harness, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(args)
        .arg("--db")
        .arg(h.dir.path().join("c.db"))
        .env("USER", "sofia")
        // The report in English, whatever the machine's locale.
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn title_of(h: &Harness, id: i64) -> (String, String) {
    let (row, body) = h.store.articles().get_any(id, Utc::now()).unwrap().unwrap();
    (row.title, body)
}

/// The console on the newest article, open in the built-in editor; its id and slug.
async fn open_newest(h: &Harness, c: &mut Session) -> (i64, String) {
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].clone();
    c.wait_text("9  articles").await;
    c.send(b"2").await;
    c.wait_for("the articles", |t| top_row(t).contains("Cédille · Articles") && t.contains(NEWEST_TITLE))
        .await;
    c.send(ENTER).await;
    c.wait_text(&format!("slug: {}", newest.slug)).await;
    (newest.id, newest.slug)
}

/// `article import` of `slug` from the command line, as a cron job or a colleague would.
fn import_meanwhile(h: &Harness, id: i64, slug: &str) {
    let file = h.dir.path().join("import.md");
    std::fs::write(
        &file,
        format!(
            "---\ntitle: Agenda revu par l'import\nrubrique: Agenda\nslug: {slug}\nstatus: published\n---\n\n\
             Le programme vient de l'import.\n"
        ),
    )
    .unwrap();
    let said = cedille(h, &["article", "import", file.to_str().unwrap()]);
    assert!(said.contains("updated"), "{said}");
    assert_eq!(title_of(h, id).0, "Agenda revu par l'import");
}

const QUESTION: &str = "L'article a changé depuis que vous l'avez ouvert";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_made_while_the_console_edits_is_not_overwritten_unasked() {
    let h = Harness::new();
    let mut c = h.console(ACTOR, 100, 40);
    let (id, slug) = open_newest(&h, &mut c).await;
    let (_, original_body) = title_of(&h, id);
    import_meanwhile(&h, id, &slug);

    // The admin, who did not see it, changes the title and saves.
    c.send(DOWN).await;
    c.send(END).await;
    c.type_text(" (console)").await;
    c.wait_text(&format!("{NEWEST_TITLE} (console)")).await;
    c.send(CTRL_S).await;
    let text = c.wait_text(QUESTION).await;
    assert!(
        text.contains("e écraser") && text.contains("r recharger") && text.contains("c continuer"),
        "{text}"
    );
    assert_eq!(title_of(&h, id).0, "Agenda revu par l'import", "nothing was overwritten");
    let last = &h.store.audit().recent(1).unwrap()[0];
    assert_eq!((last.actor.as_str(), last.action.as_str()), ("cli:sofia", "article.update"));

    // Keep editing: the admin's text is there; saving again asks again.
    c.send(b"c").await;
    c.wait_for("the editor again", |t| !t.contains(QUESTION) && t.contains("(console)")).await;
    c.send(CTRL_S).await;
    c.wait_text(QUESTION).await;
    assert_eq!(title_of(&h, id).0, "Agenda revu par l'import");

    // Overwrite: the admin's text replaces the import, signed by the console.
    c.send(b"e").await;
    c.wait_status(&format!("Article {id} enregistré.")).await;
    let (title, body) = title_of(&h, id);
    assert_eq!(title, format!("{NEWEST_TITLE} (console)"));
    assert_eq!(body, original_body);
    let last = &h.store.audit().recent(1).unwrap()[0];
    assert_eq!((last.actor.as_str(), last.action.as_str()), (ACTOR, "article.update"));
    assert_eq!(c.end_with(b"q").await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_takes_the_import_and_the_admins_text_is_dropped() {
    let h = Harness::new();
    let mut c = h.console(ACTOR, 100, 40);
    let (id, slug) = open_newest(&h, &mut c).await;
    import_meanwhile(&h, id, &slug);
    c.send(DOWN).await;
    c.send(END).await;
    c.type_text(" (console)").await;
    c.wait_text("(console)").await;
    c.send(CTRL_S).await;
    c.wait_text(QUESTION).await;
    c.send(b"r").await;
    c.wait_for("the import's text in the editor", |t| {
        t.contains("title: Agenda revu par l'import") && t.contains("Le programme vient de l'import.")
    })
    .await;
    // Nothing of the admin's to lose: Esc closes without a question, nothing is written.
    let actions = h.store.audit().recent(10).unwrap().len();
    c.send(ESC).await;
    c.wait_for("the list", |t| t.contains("Agenda revu par l'import") && !t.contains("slug:")).await;
    assert_eq!(title_of(&h, id).0, "Agenda revu par l'import");
    assert_eq!(h.store.audit().recent(10).unwrap().len(), actions);
}

/// The admin's own editor, quit at once: the text comes back as it went.
struct QuitAtOnce;

impl LocalTerminal for QuitAtOnce {
    fn edit(&self, text: &str, _suffix: &str) -> Result<String, EditorError> {
        Ok(text.to_string())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_article_left_as_it_was_creates_nothing() {
    let h = Harness::new();
    let before = h.store.articles().count().unwrap();
    // With the admin's editor, quit without a change: the issue's junk « Nouvel article ».
    let (app, effects) =
        App::new_admin(Lang::Fr, ColorDepth::Ansi256, (100, 30), Utc::now(), ACTOR.into(), true);
    let console = Console { actor: ACTOR.into(), terminal: Some(Arc::new(QuitAtOnce)) };
    let mut c = Session::local(h.store.clone(), CommentPolicy::default(), app, effects, Some(console));
    c.wait_text("9  articles").await;
    c.send(b"2").await;
    c.wait_text(NEWEST_TITLE).await;
    c.send(b"n").await;
    c.wait_status("Rien n'est créé : le modèle est resté tel quel.").await;
    assert_eq!(h.store.articles().count().unwrap(), before);
    drop(c);

    // With the built-in one, saved untouched.
    let mut c = h.console(ACTOR, 100, 30);
    c.wait_text("9  articles").await;
    c.send(b"2").await;
    c.wait_text(NEWEST_TITLE).await;
    c.send(b"n").await;
    c.wait_text("title: Nouvel article").await;
    c.send(CTRL_S).await;
    c.wait_status("Rien n'est créé").await;
    assert_eq!(h.store.articles().count().unwrap(), before);
    assert!(h.store.audit().recent(5).unwrap().is_empty(), "nothing done, nothing signed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rename_to_a_taken_handle_stays_in_its_dialog_in_french() {
    let h = Harness::new();
    h.member(Some("nour"));
    let camille = h.member(Some("camille"));
    let mut c = h.console(ACTOR, 100, 30);
    c.wait_text("9  articles").await;
    c.send(b"4").await;
    c.wait_for("camille selected", |t| t.contains("▌camille")).await;
    c.send(b"r").await;
    c.wait_text("Nouveau pseudonyme").await;
    for _ in 0.."camille".len() {
        c.send(BACKSPACE).await;
    }
    c.type_text("nour").await;
    c.send(ENTER).await;
    let text = c.wait_text("Le pseudonyme « nour » est déjà pris.").await;
    assert!(text.contains("Nouveau pseudonyme") && !text.contains("is taken"), "{text}");
    // The next keys are the dialog's, not the list's.
    c.type_text("xj").await;
    c.wait_for("typed in the dialog", |t| t.contains("nourxj") && !t.contains("déjà pris")).await;
    assert_eq!(
        h.store.members().find(&format!("#{}", camille.user_id)).unwrap().handle.as_deref(),
        Some("camille")
    );
    c.send(ESC).await;
    let text = c.wait_for("the dialog closed", |t| !t.contains("Nouveau pseudonyme")).await;
    assert!(text.contains("▌camille"), "the selection did not move: {text}");
    assert!(h.store.audit().recent(5).unwrap().is_empty());

    // Renamed from the command line while the dialog is open: the console's rename, which
    // named her by her old handle, is refused and says why; the list under it follows.
    c.send(b"r").await;
    c.wait_text("Nouveau pseudonyme").await;
    cedille(&h, &["users", "rename", "camille", "camille-d"]);
    c.type_text("z").await;
    c.send(ENTER).await;
    let text = c.wait_text("Ce membre est introuvable sous ce nom : renommé ou parti").await;
    assert!(text.contains("camillez"), "the dialog keeps what was typed: {text}");
    c.send(ESC).await;
    c.wait_for("the list renamed", |t| t.contains("▌camille-d") && !t.contains("Nouveau pseudonyme")).await;
    assert_eq!(h.store.members().find("camille-d").unwrap().id, camille.user_id);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_space_changed_while_the_console_edits_it_asks_too() {
    let h = Harness::new();
    let mut c = h.console(ACTOR, 120, 40);
    c.wait_text("9  articles").await;
    c.send(b"5").await;
    c.wait_for("the directory", |t| top_row(t).contains("Cédille · Espaces") && t.contains("18 espaces"))
        .await;
    c.send(b"E").await;
    let text = c.wait_text("Commune (INSEE)").await;
    let title = text.lines().find(|l| l.contains("╭ Espace ")).unwrap_or_else(|| panic!("no title:\n{text}"));
    let id: i64 = title
        .split("╭ Espace ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|w| w.parse().ok())
        .unwrap_or_else(|| panic!("no space id on the form's title:\n{text}"));
    let space = h.store.spaces().get(id).unwrap().unwrap();
    // Another console renames it meanwhile.
    let record = cedille::store::write_record(Some(&space));
    let renamed = record.replace(&format!("name: {}\n", space.fields.name), "name: Renommé ailleurs\n");
    assert_ne!(renamed, record);
    h.store.spaces().save_record("console:lea", Some(id), &renamed, Some(&record)).unwrap();
    // This console adds a word to the name, in the first field, and saves.
    c.type_text(" (vérifié)").await;
    c.wait_text("(vérifié)").await;
    c.send(CTRL_S).await;
    c.wait_text("L'espace a changé depuis que vous l'avez ouvert").await;
    assert_eq!(h.store.spaces().get(id).unwrap().unwrap().fields.name, "Renommé ailleurs");
    // Told, the admin saves again: theirs is written over the other change.
    c.send(CTRL_S).await;
    c.wait_text(&format!("Espace {id} enregistré")).await;
    let name = format!("{} (vérifié)", space.fields.name);
    assert_eq!(h.store.spaces().get(id).unwrap().unwrap().fields.name, name);
}
