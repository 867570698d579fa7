#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Authors without a pty, over real SSH: `read --json` says who signs an article
//! (`author_profile`), `member HANDLE [--json]` prints a member's public page, and only
//! what they published of their profile.

mod common;

use chrono::{Duration, Utc};
use common::*;
use serde_json::Value;

use cedille::domain::article::NewArticle;
use cedille::domain::{CommentPolicy, Moderation};
use cedille::store::{ProfileField, Store};

fn quick() -> CommentPolicy {
    CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() }
}

fn member(store: &Store, fingerprint: &str, handle: &str) -> i64 {
    let id = store.users().for_key(fingerprint, "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(id, handle).unwrap();
    id
}

fn signed(slug: &str, author: &str, handle: Option<&str>) -> (NewArticle, bool) {
    let article = NewArticle {
        slug: slug.into(),
        title: format!("Article {slug}"),
        rubrique: "Vie du réseau".into(),
        author: author.into(),
        author_handle: handle.map(str::to_string),
        body: "Le texte.".into(),
        published: true,
        published_at: Utc::now() - Duration::minutes(5),
    };
    (article, true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn read_json_names_the_signing_member_and_member_prints_their_page() {
    let (server, store) = Server::start_with(quick()).await;
    let camille = member(&store, "SHA256:e2e-camille", "camille");
    let n = store.network();
    n.update(camille, ProfileField::Presentation("Graphiste à Die.".into()), Utc::now()).unwrap();
    n.update(camille, ProfileField::Commune(Some("26113".into())), Utc::now()).unwrap();
    let saved = store
        .articles()
        .import("cli:test", &[signed("signe", "", Some("camille")), signed("libre", "La rédaction", None)])
        .unwrap();
    let (signed_id, free_id) = (saved[0].0, saved[1].0);
    store.comments().post(camille, free_id, None, "Un commentaire public.", &quick(), Utc::now()).unwrap();
    let guest = Client::guest(server.addr).await;

    // Signed by a member whose profile is not published: the handle, no presentation.
    let out = guest.exec(&format!("read {signed_id} --json")).await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    let v: Value = serde_json::from_str(out.stdout().trim()).unwrap();
    assert_eq!(
        v["author_profile"],
        serde_json::json!({"handle": "camille", "name": "camille", "presentation": null})
    );
    assert_eq!(v["author"], "camille");
    assert!(v["body"].is_string() && v["id"] == signed_id, "the other fields stay: {v}");
    let out = guest.exec(&format!("read {free_id} --json")).await;
    let v: Value = serde_json::from_str(out.stdout().trim()).unwrap();
    assert!(v["author_profile"].is_null(), "{v}");
    assert_eq!(v["author"], "La rédaction");

    let out = guest.exec("member camille --json").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    let page: Value = serde_json::from_str(out.stdout().trim()).unwrap();
    assert_eq!((page["handle"].as_str(), page["published"].as_bool()), (Some("camille"), Some(false)));
    assert!(page["presentation"].is_null() && page["commune"].is_null(), "unpublished fields show: {page}");
    assert_eq!(page["articles"][0]["id"], signed_id);
    assert_eq!(page["comments"][0]["article_id"], free_id);
    assert_eq!(page["comments"][0]["excerpt"], "Un commentaire public.");

    // Published: the presentation comes out, in `read --json` and on the page.
    n.update(camille, ProfileField::Published(true), Utc::now()).unwrap();
    let out = guest.exec("read signe --json").await;
    let v: Value = serde_json::from_str(out.stdout().trim()).unwrap();
    assert_eq!(v["author_profile"]["presentation"], "Graphiste à Die.");
    let out = guest.exec("member Camille").await;
    let text = out.stdout();
    assert!(text.contains("Graphiste à Die.") && text.contains("Article signe"), "{text}");
    assert!(text.contains("Un commentaire public."), "{text}");
    let out = guest.exec("read signe").await;
    assert!(out.stdout().contains("Graphiste à Die."), "the box under the text:\n{}", out.stdout());

    let out = guest.exec("member personne --json").await;
    assert_eq!(out.status, Some(1));
    assert!(out.stderr().contains("Aucun membre"), "{}", out.stderr());
    assert_eq!(guest.exec("member").await.status, Some(2));
}
