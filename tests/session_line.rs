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
async fn the_comments_of_a_member_one_blocked_are_a_line_and_never_announced_in_line_mode() {
    let h = Harness::new();
    let reader = h.member(Some("lecteur"));
    let (rude, kind) = (h.member(Some("membre2")), h.member(Some("membre3")));
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].clone();
    let post = |who: &Member, parent: Option<i64>, body: &str| {
        h.store.comments().post(who.user_id, newest.id, parent, body, &unmoderated(), Utc::now()).unwrap()
    };
    let first = post(&rude, None, "Ce que le lecteur ne veut plus lire.");
    post(&kind, Some(first.id), "Une réponse qui reste lisible.");
    let mine = post(&reader, None, "Mon avis, à moi.");
    h.store.messages().set_blocked(reader.user_id, rude.user_id, true, Utc::now()).unwrap();

    let mut s = Session::line(h.store.clone(), reader.identity.clone(), (80, 200), unmoderated());
    s.wait_output("Cédille > ").await;
    say(&mut s, "1", "Bulletin > ").await;
    let out = say(&mut s, "1", "Article > ").await;
    // Numbered all the same: the reply still says which one it answers.
    assert!(out.contains("1. [1 commentaire masqué (membre bloqué)]"), "{out}");
    assert!(out.contains("2. membre3") && out.contains("en réponse au 1"), "{out}");
    assert!(out.contains("Une réponse qui reste lisible."), "{out}");
    assert!(!out.contains("membre2") && !out.contains("ne veut plus lire"), "{out}");

    // Live: what the blocked member writes is not announced, not even a reply to one's own
    // comment (no notice is kept for it); what others write is.
    post(&rude, Some(mine.id), "Encore moi, @lecteur.");
    post(&kind, None, "Et moi aussi.");
    let out = s.wait_output("Nouveau commentaire de membre3").await;
    assert!(!out.contains("membre2") && !out.contains("Encore moi"), "{out}");
    assert!(h.store.follow().unseen(reader.user_id).unwrap().is_empty());
    // The thread itself is everyone's: the others read it whole.
    let whole = h.store.comments().for_article(newest.id, None, false).unwrap();
    assert!(whole.iter().any(|c| c.body == "Encore moi, @lecteur."), "{whole:?}");
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

    // Their last message reported, with the rest of the line as the reason; once only.
    say(&mut s, "signaler Il insiste, Depuis des semaines", "Message signalé aux modérateurs.").await;
    let reports = h.store.message_reports(10).unwrap();
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0].message.body, "On se voit jeudi à Crest ?");
    assert_eq!(reports[0].reason, "Il insiste, Depuis des semaines");
    say(&mut s, "signaler", "Vous l'avez déjà signalé").await;
    assert_eq!(h.store.message_reports(10).unwrap().len(), 1);
    say(&mut s, "bloquer", "Membre bloqué").await;
    assert!(h.store.messages().thread(reader.user_id, other.user_id).unwrap().blocked);
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
