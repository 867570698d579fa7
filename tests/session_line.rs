#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Line mode through the session loop itself: keys as a terminal sends them, the real
//! runtime and store, and everything the session wrote read back as plain text. Not one
//! escape sequence may come out: a screen reader, a braille display or an Emacs buffer
//! would read it aloud or show it raw.

mod session;

use chrono::Utc;
use session::*;

use cedille::domain::{CommentPolicy, Identity};
use cedille::store::ProfileField;

fn no_escape(s: &Session) {
    let out = s.output();
    assert!(!s.raw().contains(&0x1b), "an escape sequence in line mode:\n{out:?}");
    assert!(!out.contains('─') && !out.contains('│'), "box drawing in line mode:\n{out}");
}

/// Types `text` and Enter, then waits for what it should bring.
async fn say(s: &mut Session, text: &str, then: &str) -> String {
    s.type_text(text).await;
    s.send(ENTER).await;
    s.wait_output(then).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_reads_an_article_and_posts_a_comment_in_line_mode() {
    let h = Harness::new();
    let m = h.member(None);
    let second = h.store.articles().list_published(None, Utc::now()).unwrap()[1].clone();
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 24), unmoderated());
    s.wait_output("1 Bulletin, 2 Agenda, 3 Espaces").await;
    s.wait_output("Cédille > ").await;

    say(&mut s, "1", &format!("2. {SECOND_TITLE}")).await;
    s.wait_output("Bulletin > ").await;
    // The echo: what is typed comes back, and Backspace rubs it out.
    s.type_text("29").await;
    s.send(b"\x7f").await;
    s.wait_output("Bulletin > 29\x08 \x08").await;
    s.send(ENTER).await;
    s.wait_output("Entrée pour la suite").await;
    s.wait_output(SECOND_TITLE).await;
    // Paged: Enter for each next page, until the article's own prompt.
    for page in 2..40 {
        if s.output().contains("Article > ") {
            break;
        }
        s.send(ENTER).await;
        let pages = |o: &str| o.matches("Entrée pour la suite").count() + o.matches("Article > ").count();
        s.wait_for_output(&format!("page {page}"), |o| pages(o) >= page).await;
    }
    let out = s.wait_output("Article > ").await;
    assert!(out.contains("Aucun commentaire") || out.contains("Commentaires"), "{out}");

    // No handle yet: asked for first, then the comment, ended by a lone dot.
    say(&mut s, "c", "Choisissez d'abord un pseudo").await;
    say(&mut s, "camille", "Ctrl-C l'abandonne").await;
    s.type_text("Le covoiturage depuis Saillans, ça intéresse quelqu'un ?\r").await;
    say(&mut s, ".", "Commentaire publié.").await;
    let comments = h.store.comments().for_article(second.id, None, false).unwrap();
    assert_eq!(comments.len(), 1, "{comments:?}");
    assert_eq!(comments[0].body, "Le covoiturage depuis Saillans, ça intéresse quelqu'un ?");
    assert_eq!(comments[0].author, "camille");
    no_escape(&s);
    assert_eq!(s.end_with(b"q\r").await, Some(cedille::runtime::End::Quit));
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_finds_a_coworking_space_near_die_in_line_mode() {
    let h = Harness::new();
    let mut s = Session::line(h.store.clone(), Identity::Guest, (80, 24), CommentPolicy::default());
    s.wait_output("Cédille > ").await;
    say(&mut s, "3", "Espaces > ").await;
    say(&mut s, "coworking près de Die", "trouvés près de Die").await;
    // Its postcode too, which says which of the communes sharing it was taken.
    say(
        &mut s,
        "coworking près de 26150",
        "26150 : Die retenue ; le code est aussi celui de Solaure en Diois",
    )
    .await;
    let found = s.wait_output("1. ").await;
    let first = found.lines().find(|l| l.starts_with("1. ")).unwrap_or_default().to_string();
    assert!(first.contains("coworking") && first.contains("km"), "{first}\n{found}");
    say(&mut s, "1", "Adresse").await;
    // Help, in French, where one is.
    say(&mut s, "?", "Partout : menu").await;
    // The bulletin's search, then a number opens what it found.
    say(&mut s, "bulletin", "Bulletin > ").await;
    say(&mut s, "chercher covoiturage", "résultats").await;
    say(&mut s, "1", "Entrée pour la suite").await;
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_from_someone_else_is_announced_without_breaking_the_line_being_typed() {
    let h = Harness::new();
    let reader = h.member(Some("lecteur"));
    let other = h.member(Some("membre2"));
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].clone();
    let mut s = Session::line(h.store.clone(), reader.identity.clone(), (80, 200), unmoderated());
    s.wait_output("Cédille > ").await;
    say(&mut s, "1", "Bulletin > ").await;
    say(&mut s, "1", "Article > ").await;
    s.type_text("r 1").await;
    s.wait_output("Article > r 1").await;
    h.store
        .comments()
        .post(
            other.user_id,
            newest.id,
            None,
            "Je viens aussi, en vélo depuis Crest.",
            &unmoderated(),
            Utc::now(),
        )
        .unwrap();
    let out = s.wait_output("Nouveau commentaire de membre2").await;
    // The event on its own line, then the prompt and what was typed, again.
    let tail = &out[out.rfind("Nouveau commentaire de membre2").unwrap()..];
    assert!(tail.contains("Je viens aussi"), "{tail}");
    s.wait_output("\r\nArticle > r 1").await;
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_profile_switches_line_mode_for_the_next_sessions() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 24), CommentPolicy::default());
    s.wait_output("Cédille > ").await;
    say(&mut s, "5", "Mode ligne à chaque connexion : non").await;
    say(&mut s, "4", "vos prochaines sessions s'ouvriront en mode ligne").await;
    assert!(h.store.users().profile(m.user_id).unwrap().line_mode);
    assert!(h.store.users().for_key(&m.fingerprint, "ssh-ed25519").unwrap().line_mode);
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_is_announced_then_read_and_answered_in_line_mode() {
    let h = Harness::new();
    let reader = h.member(Some("lecteur"));
    let other = h.member(Some("membre2"));
    let mut s = Session::line(h.store.clone(), reader.identity.clone(), (80, 40), unmoderated());
    s.wait_output("Cédille > ").await;
    s.type_text("2").await;
    // Only a published profile may be written to first.
    h.store.network().update(reader.user_id, ProfileField::Published(true), Utc::now()).unwrap();
    h.store
        .messages()
        .send(other.user_id, reader.user_id, "On se voit jeudi à Crest ?", &unmoderated(), Utc::now())
        .unwrap();
    // Said in one line, the digit typed given back under it.
    s.wait_output("Nouveau message de membre2").await;
    s.wait_output("\r\nCédille > 2").await;
    s.send(b"\x15").await;
    say(&mut s, "messages", "1. membre2, 1 non lu").await;
    say(&mut s, "1", "On se voit jeudi à Crest ?").await;
    say(&mut s, "e", "Ctrl-C l'abandonne").await;
    s.type_text("Oui, à 9 h.\r").await;
    say(&mut s, ".", "Message envoyé.").await;
    let thread = h.store.messages().thread(reader.user_id, other.user_id).unwrap();
    assert_eq!(thread.messages.last().map(|m| m.body.as_str()), Some("Oui, à 9 h."));
    no_escape(&s);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_says_j_y_vais_to_a_meetup_in_line_mode() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = Session::line(h.store.clone(), m.identity.clone(), (80, 60), unmoderated());
    s.wait_output("Cédille > ").await;
    say(&mut s, "agenda", "Agenda > ").await;
    say(&mut s, "1", "j pour « j'y vais »").await;
    say(&mut s, "j'y vais", "Vous y allez.").await;
    say(&mut s, "n", "vous n'y allez plus").await;
    // Ctrl-C on an empty line ends the session, as in the full-screen app.
    assert_eq!(s.end_with(CTRL_C).await, Some(cedille::runtime::End::Quit));
    no_escape(&s);
}
