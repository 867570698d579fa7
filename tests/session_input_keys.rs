#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Keys as terminals send them, several in one packet. Alt (Option, Meta) + key is ESC then
//! the key: one key, never Escape followed by another. And a key that came in the packet of
//! the key that opened a question never answers it: the member has not seen it.

mod session;

use chrono::Utc;
use session::*;

use cedille::domain::CommentPolicy;

/// `Alt+o` (œ on a French Mac with Option as Meta; GNOME Terminal, Konsole, PuTTY send the
/// same) keeps the draft: no « Abandonner ce brouillon ? » answered unseen.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alt_o_in_the_editor_keeps_the_draft() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let mut s = h.member_session(&m, 100, 40, unmoderated());
    s.wait_status("1/9").await;
    s.send(ENTER).await;
    s.wait_status("Échap retour").await;
    s.wait_text(NEWEST_TITLE).await;
    s.send(b"c").await;
    s.wait_text("Nouveau commentaire").await;
    s.type_text("Bonjour").await;
    s.wait_text("Bonjour").await;
    s.send(b"\x1bo").await;
    s.send(b"!").await;
    let text =
        s.wait_for("the draft, one character on", |t| t.contains("Bonjour!") || !t.contains("Bonjour")).await;
    assert!(text.contains("Nouveau commentaire") && text.contains("Bonjour!"), "{text}");
    assert!(!text.contains("Abandonner"), "{text}");
}

/// Alt+← (`ESC [1;3D`) and `ESC b` move a word back in the search line, `ESC f` a word
/// on; none of them wipes what was typed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alt_arrows_and_alt_b_f_move_by_words_in_the_search_line() {
    let h = Harness::new();
    let m = h.member(Some("basile"));
    let mut s = h.member_session(&m, 100, 30, CommentPolicy::default());
    s.wait_status("1/9").await;
    for _ in 0..2 {
        let before = top_row(&s.text());
        s.send(TAB).await;
        s.wait_for("the next section", |t| top_row(t) != before).await;
    }
    s.wait_for("the spaces", |t| top_row(t).contains("Cédille · Espaces")).await;
    s.send(b"/").await;
    s.wait_status("Entrée valider").await;
    s.type_text("atelier crest").await;
    s.wait_text("atelier crest").await;
    s.send(b"\x1b[1;3D").await;
    s.send(b"z").await;
    s.wait_text("atelier zcrest").await;
    s.send(b"\x1bb").await;
    s.send(b"\x1bb").await;
    s.send(b"x").await;
    s.wait_text("xatelier zcrest").await;
    s.send(b"\x1bf").await;
    s.send(b"s").await;
    // A word on: to its end (as in Emacs) or to the next one (as in most editors).
    let text =
        s.wait_for("a word on", |t| t.contains("xateliers zcrest") || t.contains("xatelier szcrest")).await;
    assert!(text.contains("Cédille · Espaces"), "{text}");
}

/// `d` then `o` in one packet (typed ahead over a slow link): the question « Retirer la
/// clé … ? » stays on screen until a key of a later packet answers it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_question_is_not_answered_by_a_key_of_the_packet_that_opened_it() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    let other = "SHA256:zz-lost-laptop";
    h.store.users().for_key(other, "ssh-rsa").unwrap();
    let code = h.store.users().create_link_code(m.user_id, Utc::now()).unwrap();
    assert_eq!(h.store.users().redeem_link_code(other, &code, Utc::now()), Ok(m.user_id));

    let mut s = h.member_session(&m, 100, 40, CommentPolicy::default());
    s.wait_status("1/9").await;
    s.send(b"p").await;
    s.wait_text(other).await;
    s.send(DOWN).await;
    s.wait_text(&format!("› {other}")).await;
    // Both keys are handled before the frame that shows the question is drawn: were the
    // `o` taken as the answer, the question would never be seen.
    s.send(b"do").await;
    s.wait_text("Retirer la clé SHA256:zz-lost-laptop").await;
    assert_eq!(h.store.users().keys(m.user_id).unwrap().len(), 2, "nothing removed unseen");
    s.send(b"o").await;
    s.wait_status("retirée").await;
    assert_eq!(h.store.users().keys(m.user_id).unwrap().len(), 1);
}
