//! Sessions following what happens: a reply reaches the other member's status line and top
//! bar live; a thread read before says what is new, and reading it moves the mark.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod session;
use session::*;

use chrono::Utc;

fn second_article(h: &Harness) -> i64 {
    let second = h.store.articles().list_published(None, Utc::now()).unwrap()[1].clone();
    assert_eq!(second.title, SECOND_TITLE);
    second.id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reply_appears_live_on_the_other_members_status_line() {
    let h = Harness::new();
    let camille = h.member(Some("camille"));
    let dominique = h.member(Some("dominique"));
    let sacha = h.member(Some("sacha"));
    let article = second_article(&h);
    let mine = h.store.comments().post(
        camille.user_id,
        article,
        None,
        "Qui covoiture ?",
        &unmoderated(),
        Utc::now(),
    );
    let mine = mine.unwrap();
    // Waiting from before: the counter says so once the session has read its notices.
    h.store
        .comments()
        .post(sacha.user_id, 1, None, "Bonne idée @camille", &unmoderated(), Utc::now())
        .unwrap();
    let mut a = h.member_session(&camille, 100, 30, unmoderated());
    a.wait_for("one notice counted", |t| top_row(t).contains("◆ 1")).await;

    // Dominique answers from the reader.
    let mut b = h.member_session(&dominique, 100, 30, unmoderated());
    b.wait_status("1/9").await;
    b.send(DOWN).await;
    b.wait_status("2/9").await;
    b.send(ENTER).await;
    b.wait_status("Échap retour").await;
    // The article first: `G` before it comes has nothing to go to the end of.
    b.wait_text("par Sofia").await;
    b.send(b"G").await;
    b.wait_text("Qui covoiture ?").await;
    b.send(TAB).await;
    b.wait_text("▌ Qui covoiture ?").await;
    b.send(b"r").await;
    b.wait_text("Réponse à camille").await;
    b.type_text("Moi, depuis Saillans").await;
    b.wait_text("Moi, depuis Saillans").await;
    b.send(CTRL_S).await;
    b.wait_status("Commentaire publié.").await;

    let text = a.wait_status("dominique vous a répondu").await;
    assert!(last_row(&text).contains("Moi, depuis Saillans"), "{text}");
    a.wait_for("two notices counted", |t| top_row(t).contains("◆ 2")).await;
    let notices = h.store.follow().unseen(camille.user_id).unwrap();
    assert_eq!(notices.len(), 2);
    assert!(notices.iter().all(|n| n.comment_id != Some(mine.id)));
    // Dominique is told nothing of their own reply.
    assert!(h.store.follow().unseen(dominique.user_id).unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thread_read_before_says_what_is_new_and_reading_it_counts() {
    let h = Harness::new();
    let camille = h.member(Some("camille"));
    let nour = h.member(Some("nour"));
    let article = second_article(&h);
    h.store
        .comments()
        .post(nour.user_id, article, None, "Un premier avis", &unmoderated(), Utc::now())
        .unwrap();
    let seen = h.store.comments().for_article(article, None, false).unwrap().last().unwrap().id;
    h.store.articles().mark_read(camille.user_id, article, Utc::now()).unwrap();
    h.store.follow().mark_seen(camille.user_id, article, seen, Utc::now()).unwrap();
    for body in ["Un avis neuf", "Un autre avis neuf"] {
        h.store.comments().post(nour.user_id, article, None, body, &unmoderated(), Utc::now()).unwrap();
    }
    let mut s = h.member_session(&camille, 100, 40, unmoderated());
    s.wait_text("3 commentaires · 2 nouveaux").await;
    s.send(DOWN).await;
    s.wait_status("2/9").await;
    s.send(ENTER).await;
    s.wait_status("Échap retour").await;
    s.wait_text("par Sofia").await;
    s.send(b"G").await;
    let text = s.wait_text("Un autre avis neuf").await;
    assert_eq!(text.matches("nour · nouveau").count(), 2, "marked in words: {text}");
    // `n`: to the first comment new to camille.
    s.send(b"n").await;
    s.wait_text("▌ Un avis neuf").await;
    // All of them were on screen: read, and the list says so.
    s.send(ESC).await;
    s.send(ESC).await;
    let text = s.wait_text("3 commentaires").await;
    assert!(!text.contains("nouveaux"), "{text}");
    let marks = h.store.follow().marks(camille.user_id).unwrap();
    let mark = marks.iter().find(|m| m.article_id == article).unwrap();
    assert_eq!(mark.new, 0, "{marks:?}");
}
