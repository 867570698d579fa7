#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A session's work is bounded, not its keys: bursts far larger than the session's queue,
//! through the session loop itself (`runtime::run_guarded`), without SSH. Nothing typed is
//! lost; a query or a write a session needs only once is done once, the last; the writes
//! that matter are each performed, one at a time and in the order asked.

mod session;

use std::time::Duration;

use chrono::Utc;
use session::*;
use tokio::time::Instant;

use cedille::domain::CommentStatus;
use cedille::store::SpaceQuery;

/// Waits until `cond` holds, asking again every few milliseconds; fails after [`DEADLINE`].
async fn until(what: &str, mut cond: impl FnMut() -> bool) {
    let deadline = Instant::now() + DEADLINE;
    while !cond() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_language_keys_is_taken_whole_and_the_last_choice_saved() {
    let h = Harness::new();
    let m = h.member(Some("suzon"));
    let mut s = h.member_session(&m, 80, 24, unmoderated());
    s.wait_status("1/9").await;

    // Four thousand and one switches in one read: English in the end, and saved so.
    s.send(&[b'L'; 4001]).await;
    s.wait_status("help").await;
    let lang = || h.store.users().profile(m.user_id).unwrap().lang;
    until("English to be saved", || lang().as_deref() == Some("en")).await;
    s.send(b"j").await;
    s.wait_status("2/9").await;
    assert_eq!(lang().as_deref(), Some("en"), "an earlier switch saved after the last one");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_burst_of_typing_and_erasing_in_a_search_answers_the_last_query() {
    let h = Harness::new();
    let die =
        h.store.spaces().search(&SpaceQuery { words: "die".into(), ..SpaceQuery::default() }, Utc::now());
    let die = die.unwrap().len();
    assert!(die > 0);
    let count = if die == 1 { " 1 espace".to_string() } else { format!(" {die} espaces") };
    let mut s = h.guest(100, 30);
    s.wait_status("1/9").await;
    for section in ["Agenda", "Espaces"] {
        s.send(TAB).await;
        s.wait_text(&format!("Cédille · {section}")).await;
    }
    s.send(b"/").await;
    s.wait_status("Entrée valider").await;

    // Four thousand searches asked in one read, then « die »: the list is the last one's.
    let mut keys = b"crest\x7f\x7f\x7f\x7f\x7f".repeat(400);
    keys.extend_from_slice(b"die");
    s.send(&keys).await;
    let text = s
        .wait_for("the list of « die »", |t| {
            let line = t.lines().nth(1).unwrap_or_default().trim_end().to_string();
            line.trim_start().starts_with('/')
                && line.ends_with("die")
                && t.lines().nth(2).is_some_and(|l| l.trim_end().ends_with(&count))
        })
        .await;
    assert!(text.lines().any(|l| l.contains(" · Die")), "{text}");
    assert!(!text.lines().any(|l| l.contains(" · Crest")), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_moderators_burst_of_decisions_is_performed_whole_and_in_order() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    h.store.members().set_role("cli:test", "camille", "moderator").unwrap();
    let article = h.store.articles().list_published(None, Utc::now()).unwrap()[0].id;
    let author = h.member(Some("marius"));
    let comment =
        h.store.comments().post(author.user_id, article, None, "Bonjour", &unmoderated(), Utc::now());
    let comment = comment.unwrap().id;
    // Tall enough for the whole article and its comment.
    let mut s = h.member_session(&m, 120, 90, unmoderated());
    s.wait_status("1/9").await;
    s.send(ENTER).await;
    s.wait_text("Bonjour").await;
    s.send(TAB).await;
    s.wait_status("masquer").await;

    // Hide, publish, hide… a hundred decisions in one read: three times what the session
    // keeps waiting, so the keys themselves wait their turn.
    let decisions = 100;
    s.send(&b"Ha".repeat(decisions / 2)).await;
    let target = format!("comment {comment}");
    let audited = || {
        let entries = h.store.audit().recent(1000).unwrap();
        entries.into_iter().filter(|e| e.target == target && e.actor == "@camille").collect::<Vec<_>>()
    };
    until("every decision to be recorded", || audited().len() >= decisions).await;
    let mut entries = audited();
    entries.reverse();
    assert_eq!(entries.len(), decisions, "each decision once");
    for (i, e) in entries.iter().enumerate() {
        let want = if i % 2 == 0 { "comment.hide" } else { "comment.approve" };
        assert_eq!(e.action, want, "decision {i} out of order: {entries:?}");
    }
    let shown = h.store.comments().for_article(article, Some(m.user_id), true).unwrap();
    assert_eq!(shown[0].status, CommentStatus::Published, "the last decision stands");
    // And the session answers at once.
    s.send(ESC).await;
    s.wait_status("Échap retour").await;
}
