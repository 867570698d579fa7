#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The session loop itself (`runtime::run_guarded`), without SSH: a resize redraws the whole
//! screen at the new size, and so does a resize and back in one burst; sessions sharing a thread never see each other's frames; a change another party makes in the store reaches an open
//! article without a key (the change notice); Ctrl-C, `q` and a closed input end the
//! session with the right `End`, the terminal restored by the last frame.

mod session;

use chrono::Utc;
use session::*;

use cedille::domain::CommentPolicy;
use cedille::runtime::End;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resize_redraws_the_screen_at_the_new_size() {
    let h = Harness::new();
    let mut s = h.guest(80, 24);
    let text = s.wait_status("1/9").await;
    assert_eq!(text.lines().count(), 24);

    for (cols, rows) in [(120, 40), (60, 20)] {
        s.resize(cols, rows).await;
        let text = s
            .wait_for(&format!("the status line on row {rows}"), |t| {
                let rows_now: Vec<&str> = t.lines().collect();
                rows_now.len() == usize::from(rows)
                    && rows_now.last().is_some_and(|l| l.ends_with("1/9"))
                    && top_row(t).contains("Cédille · Bulletin")
            })
            .await;
        // The position is at the right edge of the new width: laid out for it, not copied.
        let last = last_row(&text);
        assert!(last.chars().count() >= usize::from(cols) - 2, "{cols} columns:\n{text}");
        assert!(text.lines().all(|l| l.chars().count() <= usize::from(cols)), "{text}");
        assert!(text.contains("Agenda de l'hiver"), "{text}");
    }
    // Below the smallest size: the screen says so, at the size it has.
    s.resize(50, 12).await;
    let text = s.wait_text("Fenêtre trop petite (50×12)").await;
    assert!(!text.contains("Agenda de l'hiver"), "{text}");
    s.resize(100, 30).await;
    s.wait_for("the list again", |t| t.lines().count() == 30 && last_row(t).ends_with("1/9")).await;
    assert_eq!(s.end_with(b"q").await, Some(End::Quit));
}

/// A window changed to 60×20 and back to 80×24 in one burst reaches the session as its own
/// size again: the whole screen is drawn anew, as a session opened at 80×24 draws it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_resize_and_back_in_one_burst_redraws_everything() {
    let h = Harness::new();
    let mut s = h.guest(80, 24);
    let before = s.wait_status("1/9").await;
    s.resize_and_back((60, 20)).await;
    s.wait_for("the whole list again at 80×24", |t| t == before).await;
    let mut fresh = h.guest(80, 24);
    fresh.wait_for("the same list in a new session", |t| t == before).await;
    assert_eq!(s.end_with(b"q").await, Some(End::Quit));
    assert_eq!(fresh.end_with(b"q").await, Some(End::Quit));
}

/// Every session's frames are drawn on its thread's one scratch terminal: two sessions of
/// different sizes taking turns on one thread each see only their own screen.
#[tokio::test(flavor = "current_thread")]
async fn two_sessions_of_different_sizes_on_one_thread_keep_their_own_screens() {
    let h = Harness::new();
    let mut big = h.guest(120, 40);
    let mut small = h.guest(60, 20);
    big.wait_status("1/9").await;
    small.wait_status("1/9").await;
    big.send(ENTER).await;
    small.send(b"j").await;
    let reading = big.wait_status("Échap retour").await;
    let reading = if reading.contains(NEWEST_TITLE) { reading } else { big.wait_text(NEWEST_TITLE).await };
    let listed = small.wait_status("2/9").await;
    small.resize(80, 24).await;
    let resized = small
        .wait_for("the list at 80×24", |t| t.lines().count() == 24 && last_row(t).ends_with("2/9"))
        .await;
    for (text, cols, rows) in [(&reading, 120, 40), (&listed, 60, 20), (&resized, 80, 24)] {
        assert_eq!(text.lines().count(), rows, "{text}");
        assert!(text.lines().all(|l| l.chars().count() <= cols), "{text}");
    }
    assert!(!reading.contains("2/9") && !reading.contains("1/9"), "{reading}");
    assert!(!listed.contains("Échap retour") && !resized.contains("Échap retour"), "{listed}\n{resized}");
    assert_eq!(big.end_with(CTRL_C).await, Some(End::Quit));
    assert_eq!(small.end_with(CTRL_C).await, Some(End::Quit));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_comment_posted_elsewhere_appears_on_an_open_article_without_a_key() {
    let h = Harness::new();
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].id;
    let reader = h.member(Some("camille"));
    let writer = h.member(Some("marius"));
    // Tall enough for the whole article and its comments.
    let mut s = h.member_session(&reader, 120, 90, CommentPolicy::default());
    s.wait_status("1/9").await;
    s.send(ENTER).await;
    s.wait_status("Échap retour").await;
    s.wait_text("Aucun commentaire pour l'instant").await;

    // Another party writes straight into the store; no key is sent from here on.
    let policy = unmoderated();
    h.store
        .comments()
        .post(
            writer.user_id,
            newest,
            None,
            "Je serai au café de Crest jeudi, qui vient ?",
            &policy,
            Utc::now(),
        )
        .unwrap();
    let text = s
        .wait_for("the comment arriving by itself", |t| {
            t.contains("Je serai au café de Crest jeudi, qui vient ?") && t.contains("Commentaires (1)")
        })
        .await;
    assert!(text.contains("marius · "), "{text}");
    assert!(!text.contains("Aucun commentaire pour l'instant"), "{text}");
    assert_eq!(s.end_with(CTRL_C).await, Some(End::Quit));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ctrl_c_ends_the_session_and_the_last_frame_restores_the_terminal() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = h.member_session(&m, 80, 24, CommentPolicy::default());
    s.wait_status("1/9").await;
    assert!(s.screen().alternate_screen() && s.screen().hide_cursor() && s.screen().bracketed_paste());
    // Anywhere, even in the editor with text in it.
    s.send(ENTER).await;
    s.wait_status("Échap retour").await;
    s.wait_text(NEWEST_TITLE).await;
    s.send(b"c").await;
    s.wait_text("Nouveau commentaire").await;
    s.type_text("Pas fini").await;
    s.wait_text("Pas fini").await;
    let mark = s.mark();
    assert_eq!(s.end_with(CTRL_C).await, Some(End::Quit));
    assert_ends_restored(s.since(mark));
    let screen = s.screen();
    assert!(!screen.alternate_screen() && !screen.hide_cursor() && !screen.bracketed_paste());
    // Nothing was posted.
    assert!(h.store.comments().all().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_input_ends_the_session_as_gone() {
    let h = Harness::new();
    let mut s = h.guest(80, 24);
    s.wait_status("1/9").await;
    assert_eq!(s.close_input().await, Some(End::Gone));
}
