#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The bulletin's search through the session loop: `/` and words typed as a terminal sends
//! them, the search performed against a real store, the reader opened at the comment found,
//! Esc giving the list back as it was.

mod session;

use chrono::{Duration, Utc};
use session::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typing_a_search_finds_a_comment_and_enter_opens_the_reader_at_it() {
    let h = Harness::new();
    let writer = h.member(Some("camille"));
    let second = h.store.articles().list_published(None, Utc::now()).unwrap()[1].clone();
    assert_eq!(second.title, SECOND_TITLE);
    let start = Utc::now() - Duration::minutes(60);
    let post = |i: i64, body: &str| {
        h.store
            .comments()
            .post(writer.user_id, second.id, None, body, &unmoderated(), start + Duration::minutes(i))
            .unwrap()
    };
    for i in 0..12 {
        post(i, &format!("Remplissage numéro {i} sur la mobilité."));
    }
    post(20, "Une Œuvre de zinzolin peinte à Saillans, bravo.");
    for i in 30..33 {
        post(i, &format!("Encore un mot, le {i}."));
    }

    let reader = h.member(None);
    let mut s = h.member_session(&reader, 100, 30, unmoderated());
    s.wait_status("1/9").await;
    s.send(DOWN).await;
    s.wait_status("2/9").await;

    // `/` opens the line; the words fold (œ, accents, case) and the last one is a prefix.
    s.send(b"/").await;
    s.wait_status("Échap retour à la liste").await;
    s.type_text("oeuvre zinz").await;
    let text = s.wait_text("commentaire de camille").await;
    assert!(text.contains(SECOND_TITLE), "the article's title:\n{text}");
    assert!(text.contains("1 résultat"), "{text}");
    let rows = s.rows();
    let row =
        rows.iter().position(|r| r.contains("Une Œuvre de zinzolin peinte à Saillans")).expect("the excerpt");
    let col = rows[row].chars().position(|c| c == 'Œ').unwrap();
    let marked = s.screen().cell(row as u16, col as u16).unwrap();
    assert!(marked.underline() && marked.bold(), "the matched word is marked by a style");
    let after = rows[row].chars().position(|c| c == 'p').unwrap();
    assert!(!s.screen().cell(row as u16, after as u16).unwrap().underline(), "only the matched words");
    assert!(!text.contains('\u{2}') && !text.contains('\u{3}'), "no raw markers");

    // Enter: the reader, scrolled to that comment, selected.
    s.send(ENTER).await;
    s.wait_status("r répondre").await;
    let text = s
        .wait_for("the comment found, selected", |t| {
            t.lines().any(|l| l.contains("▌ camille")) && t.contains("Une Œuvre de zinzolin")
        })
        .await;
    assert!(!text.contains("Remplissage numéro 0 "), "scrolled down to the comment:\n{text}");

    // Back: the results as they were, then Esc gives the list back on the same article.
    s.send(ESC).await;
    s.wait_status("défiler").await;
    s.send(ESC).await;
    s.wait_text("commentaire de camille").await;
    s.send(ESC).await;
    let text = s.wait_status("2/9").await;
    assert!(!text.contains("commentaire de camille"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_does_not_find_a_comment_waiting_for_a_moderator() {
    let h = Harness::new();
    let writer = h.member(Some("dominique"));
    let first = h.store.articles().list_published(None, Utc::now()).unwrap()[0].clone();
    let waiting = h
        .store
        .comments()
        .post(writer.user_id, first.id, None, "Un secret grenadine.", &Default::default(), Utc::now())
        .unwrap();
    assert_eq!(waiting.status, cedille::domain::CommentStatus::Pending);
    let mut s = h.guest(100, 30);
    s.wait_status("1/9").await;
    s.send(b"/").await;
    s.type_text("grenadine").await;
    let text = s.wait_text("Aucun article ni commentaire").await;
    assert!(!text.contains("secret"), "{text}");
    // Its author finds it.
    let mut s = h.member_session(&writer, 100, 30, unmoderated());
    s.wait_status("1/9").await;
    s.send(b"/").await;
    s.type_text("grenadine").await;
    s.wait_text("Un secret grenadine.").await;
}
