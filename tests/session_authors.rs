#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Authors through the session loop: an article signed by a member ends with their box,
//! Enter on the signature or on a comment's author opens that member's public page, and the
//! page shows only what the member published.

mod session;

use chrono::{Duration, Utc};
use session::*;

use cedille::domain::article::NewArticle;
use cedille::store::ProfileField;

const TITLE: &str = "Le fablab de Saillans ouvre le samedi";

/// Camille, who published a profile, signs the newest article; Bruno, who did not, comments
/// under it. Their ids.
fn signed_article(h: &Harness) -> (i64, i64, i64) {
    let camille = h.member(Some("camille")).user_id;
    let bruno = h.member(Some("bruno")).user_id;
    let n = h.store.network();
    n.update(camille, ProfileField::Commune(Some("26113".into())), Utc::now()).unwrap();
    n.update(
        camille,
        ProfileField::Presentation("Graphiste, deux jours par semaine au fablab.".into()),
        Utc::now(),
    )
    .unwrap();
    n.update(camille, ProfileField::Published(true), Utc::now()).unwrap();
    n.update(bruno, ProfileField::Presentation("Ne devrait pas se voir.".into()), Utc::now()).unwrap();
    let article = NewArticle {
        slug: "fablab-saillans".into(),
        title: TITLE.into(),
        rubrique: "Vie du réseau".into(),
        author: "Camille R.".into(),
        author_handle: Some("camille".into()),
        body: "Le texte.".into(),
        published: true,
        published_at: Utc::now() - Duration::minutes(10),
    };
    let id = h.store.articles().import("cli:test", &[(article, true)]).unwrap()[0].0;
    h.store.comments().post(bruno, id, None, "J'y serai samedi.", &unmoderated(), Utc::now()).unwrap();
    (id, camille, bruno)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_authors_box_ends_the_article_and_enter_opens_the_pages() {
    let h = Harness::new();
    signed_article(&h);
    let reader = h.member(Some("lea"));
    let mut s = h.member_session(&reader, 100, 40, unmoderated());
    s.wait_status("1/10").await;
    s.send(ENTER).await;
    s.wait_text(TITLE).await;
    // The box, after the text and before the comments.
    // The thread comes on its own: both, before reading their order.
    let text = s
        .wait_for("the box and the comments", |t| {
            t.contains("Entrée : sa page") && t.contains("Commentaires (1)")
        })
        .await;
    assert!(text.contains("Camille R. (camille)"), "{text}");
    assert!(text.contains("Graphiste, deux jours par semaine au fablab."), "{text}");
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle} missing:\n{text}"));
    assert!(at("Le texte.") < at("Camille R. (camille)") && at("Entrée : sa page") < at("Commentaires (1)"));
    assert!(text.lines().any(|l| l.trim() == "Die"), "the commune in the box:\n{text}");

    // Tab to the comments, Enter on Bruno's: his page, without his unpublished profile.
    s.send(TAB).await;
    s.wait_text("▌").await;
    s.send(ENTER).await;
    let text = s.wait_text("Profil non publié").await;
    assert!(text.contains("bruno") && text.contains("J'y serai samedi."), "{text}");
    assert!(!text.contains("Ne devrait pas se voir."), "an unpublished presentation shows:\n{text}");
    // Esc: back in the reader; Tab back to the text; Enter on the signature: Camille's page.
    s.send(ESC).await;
    s.wait_text("Entrée : sa page").await;
    s.send(TAB).await;
    s.wait_for("the text focused", |t| !t.contains("▌")).await;
    s.send(ENTER).await;
    let text = s.wait_text("Commentaires récents").await;
    assert!(text.contains("camille") && text.contains("Graphiste, deux jours"), "{text}");
    assert!(text.contains(TITLE), "her article listed:\n{text}");
    // Enter on her article opens it.
    s.send(ENTER).await;
    s.wait_text("Entrée : sa page").await;
    assert_eq!(s.end_with(CTRL_C).await, Some(cedille::runtime::End::Quit));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_on_a_page_opens_at_that_comment() {
    let h = Harness::new();
    let (_, _, bruno) = signed_article(&h);
    let mut s = h.guest(100, 40);
    s.wait_status("1/10").await;
    s.send(ENTER).await;
    s.wait_text("Entrée : sa page").await;
    s.send(TAB).await;
    s.wait_text("▌").await;
    s.send(ENTER).await;
    s.wait_text("Profil non publié").await;
    // Bruno wrote no article: his comment is the first item.
    assert!(h.store.member_page_of(bruno, Utc::now()).unwrap().unwrap().articles.is_empty());
    s.send(ENTER).await;
    // The article and its thread come apart: both, before looking at the selection.
    let text = s
        .wait_for("the article and its thread", |t| t.contains(TITLE) && t.contains("J'y serai samedi."))
        .await;
    assert!(text.contains("▌"), "the comment is selected:\n{text}");
    assert_eq!(s.end_with(CTRL_C).await, Some(cedille::runtime::End::Quit));
}
