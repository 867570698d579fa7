#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The profile's keys through the session loop and a real store: the member removes the
//! key of a lost laptop after the question, and the store no longer knows it as theirs.

mod session;

use chrono::Utc;
use session::*;

use cedille::domain::{CommentPolicy, Identity};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_removes_another_key_from_the_profile_after_the_question() {
    let h = Harness::new();
    let m = h.member(Some("camille"));
    // A second key, linked to the account; it sorts after the session's own.
    let other = "SHA256:zz-lost-laptop";
    h.store.users().for_key(other, "ssh-rsa").unwrap();
    let code = h.store.users().create_link_code(m.user_id, Utc::now()).unwrap();
    assert_eq!(h.store.users().redeem_link_code(other, &code, Utc::now()), Ok(m.user_id));

    // The laptop is still connected somewhere, reading.
    let lost_identity = Identity::Member {
        user_id: m.user_id,
        fingerprint: other.to_string(),
        handle: Some("camille".into()),
    };
    let mut lost = h.session(lost_identity, None, 80, 24, CommentPolicy::default());
    lost.wait_status("1/9").await;

    let mut s = h.member_session(&m, 100, 40, CommentPolicy::default());
    s.wait_status("1/9").await;
    s.send(b"p").await;
    s.wait_text(other).await;
    s.wait_text("cette session").await;
    // The session's own key is chosen first: refused, with the reason.
    s.send(b"d").await;
    s.wait_status("C'est la clé de cette session").await;
    s.send(DOWN).await;
    s.wait_text(&format!("› {other}")).await;
    s.send(b"d").await;
    s.wait_text("Retirer la clé SHA256:zz-lost-laptop").await;
    assert_eq!(h.store.users().keys(m.user_id).unwrap().len(), 2, "nothing removed before the answer");
    s.send(b"o").await;
    s.wait_status("retirée").await;
    let listed = |t: &str| t.contains(&format!("› {other}")) || t.contains(&format!("    {other}"));
    s.wait_for("the list without the removed key", |t| !listed(t)).await;
    let left: Vec<String> =
        h.store.users().keys(m.user_id).unwrap().into_iter().map(|k| k.fingerprint).collect();
    assert_eq!(left, [m.fingerprint.as_str()]);
    assert!(!h.store.users().key_belongs(m.user_id, other).unwrap());

    // The laptop's session ends by itself, and says why once the terminal is restored.
    lost.wait_text("La clé de cette session a été retirée de votre compte").await;
    lost.close_input().await;
    let raw = String::from_utf8_lossy(lost.raw()).to_string();
    let (restored, farewell) =
        (raw.rfind("\x1b[?1049l").unwrap(), raw.rfind("La clé de cette session").unwrap());
    assert!(restored < farewell, "said on the member's own screen, after the app left it");
}
