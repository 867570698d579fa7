#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The database file failing under a member who is writing, seen from their terminal: the
//! real server in process, a russh client, the screen read through `vt100`. Whatever the
//! failure (another program holding the lock, a read-only file, a full disk), the member is
//! told that it cannot be saved now, their draft stays open with its text, and once the
//! file is usable again the same Ctrl-S sends it. The session and the server go on.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use cedille::domain::{CommentPolicy, Moderation};
use cedille::store::{Options, Store};
use common::*;
use russh::keys::PrivateKey;

/// Short, so that a locked database is reported within the test's patience; the server's
/// default is 5 s.
const BUSY: Duration = Duration::from_millis(200);

/// A server on a fresh database; also its `Store` (to make faults) and the file's path.
struct Running {
    addr: std::net::SocketAddr,
    store: Store,
    db: PathBuf,
    _dir: tempfile::TempDir,
}

async fn start() -> Running {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let (store, _) = Store::open_with(&db, Options { busy_timeout: BUSY, ..Options::default() }).unwrap();
    let (key, _) = cedille::ssh::hostkey::load_or_create(
        &dir.path().join("keys"),
        cedille::ssh::hostkey::IfMissing::Create,
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let policy =
        CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() };
    tokio::spawn(cedille::ssh::serve(listener, store.clone(), key, policy, std::future::pending()));
    Running { addr, store, db, _dir: dir }
}

/// Labels of the screens the test goes through, in the member's language.
struct Words {
    lang: &'static str,
    list: &'static str,
    reader: &'static str,
    handle: &'static str,
    editor: &'static str,
    refused: &'static str,
    posted: &'static str,
}

const FR: Words = Words {
    lang: "fr_FR.UTF-8",
    list: "Entrée lire",
    reader: "Échap retour",
    handle: "Choisissez votre pseudo",
    editor: "Nouveau commentaire",
    refused: "Impossible d'enregistrer pour le moment",
    posted: "Commentaire publié.",
};

const EN: Words = Words {
    lang: "en_GB.UTF-8",
    list: "Enter read",
    reader: "Esc back",
    handle: "Choose your handle",
    editor: "New comment",
    refused: "Cannot save right now",
    posted: "Comment published.",
};

/// A new member in the editor under the newest article (handle chosen on the way),
/// `draft` typed.
async fn writing(server: &Running, words: &Words, draft: &str) -> (Client, Session) {
    let member = Client::member(server.addr).await;
    let mut s = member.shell_with_env(100, 30, &[("LANG", words.lang)]).await;
    s.wait_status(words.list).await;
    // The list is loaded (Enter before that would open nothing).
    s.wait_status("1/9").await;
    s.send(b"\r").await;
    s.wait_text(NEWEST_TITLE).await;
    s.wait_status(words.reader).await;
    s.send(b"c").await;
    s.wait_text(words.handle).await;
    s.send(b"camille\r").await;
    s.wait_text(words.editor).await;
    s.send(draft.as_bytes()).await;
    s.wait_text(draft).await;
    (member, s)
}

/// Ctrl-S while the file fails: refused, in words, with the draft still open.
async fn send_refused(s: &mut Session, words: &Words, draft: &str) {
    s.send(&[0x13]).await;
    let text = s.wait_text(words.refused).await;
    assert!(text.contains(words.editor) && text.contains(draft), "the draft stays open:\n{text}");
}

/// Ctrl-S once the file works again: published, in the thread.
async fn send_posted(s: &mut Session, words: &Words, draft: &str) {
    s.send(&[0x13]).await;
    let text = s.wait_status(words.posted).await;
    assert!(!text.contains(words.editor), "the editor closed:\n{text}");
    s.wait_text(draft).await;
}

/// A member whose key the server knows already: set up before the fault.
async fn known_member(addr: std::net::SocketAddr) -> PrivateKey {
    let key = fresh_key();
    let c = Client::member_with(addr, key.clone()).await;
    assert_eq!(c.exec("whoami").await.status, Some(0));
    key
}

/// That member can still connect and read while the file fails; a new key would have
/// to wait (its account cannot be created), and gets the guest's methods.
async fn others_can_read(addr: std::net::SocketAddr, known: PrivateKey) {
    let other = Client::member_with(addr, known).await;
    let out = other.exec("articles").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    assert!(out.stdout().contains(NEWEST_TITLE), "{}", out.stdout());
}

/// The id of the newest demo article.
fn newest(store: &Store) -> i64 {
    let list = store.articles().list_published(None, chrono::Utc::now()).unwrap();
    list.iter().find(|a| a.title == NEWEST_TITLE).unwrap().id
}

fn lock(db: &Path) -> rusqlite::Connection {
    let other = rusqlite::Connection::open(db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    other
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_locked_by_another_program_keeps_the_draft() {
    let server = start().await;
    let draft = "Mon brouillon précieux";
    let (_member, mut s) = writing(&server, &FR, draft).await;
    let known = known_member(server.addr).await;

    let other = lock(&server.db);
    send_refused(&mut s, &FR, draft).await;
    others_can_read(server.addr, known).await;
    // Still refused while the lock is held: it was not luck. Pasted, which clears the last
    // refusal from the editor, so that the refusal waited for next is this send's.
    s.send(b"\x1b[200~ !\x1b[201~").await;
    let draft = "Mon brouillon précieux !";
    s.wait_for("the draft grown and the last refusal gone", |t| t.contains(draft) && !t.contains(FR.refused))
        .await;
    send_refused(&mut s, &FR, draft).await;

    other.execute_batch("COMMIT").unwrap();
    send_posted(&mut s, &FR, draft).await;
    let saved = server.store.comments().for_article(newest(&server.store), None, false).unwrap();
    assert_eq!(saved.iter().map(|c| c.body.as_str()).collect::<Vec<_>>(), vec![draft]);
}

#[cfg(debug_assertions)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_keeps_the_draft_in_english_too() {
    use cedille::store::faults::Fault;
    let server = start().await;
    let draft = "My precious draft";
    let (_member, mut s) = writing(&server, &EN, draft).await;
    let known = known_member(server.addr).await;

    server.store.inject(Fault::ReadOnly, true).unwrap();
    send_refused(&mut s, &EN, draft).await;
    others_can_read(server.addr, known).await;

    server.store.inject(Fault::ReadOnly, false).unwrap();
    send_posted(&mut s, &EN, draft).await;
}

#[cfg(debug_assertions)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_keeps_the_draft() {
    use cedille::store::faults::Fault;
    let server = start().await;
    // More bytes than a page holds (accents take two), so the row needs a new page
    // whatever room the comments' pages have; fewer characters than a comment may have.
    let long = "Été à Crest, déjà vécu. ".repeat(150);
    let long = long.trim_end();
    assert!(long.len() > 4096 && long.chars().count() < 3990);
    let (_member, mut s) = writing(&server, &FR, "Début ").await;
    s.send(format!("\x1b[200~{long}\x1b[201~").as_bytes()).await;
    let chars = "Début ".chars().count() + long.chars().count();
    // Written in groups of three, as French does: « 3 605 / 4 000 ».
    s.wait_text(&format!("{}\u{202f}{:03} / 4\u{202f}000", chars / 1000, chars % 1000)).await;

    server.store.inject(Fault::Full, true).unwrap();
    send_refused(&mut s, &FR, "Début").await;

    server.store.inject(Fault::Full, false).unwrap();
    s.send(&[0x13]).await;
    s.wait_status(FR.posted).await;
    let saved = server.store.comments().for_article(newest(&server.store), None, false).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].body, format!("Début {long}"));
}
