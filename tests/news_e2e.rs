#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `news [--json]` over real SSH, without a pty: what is new for the member who asks, the
//! same items as the summary on screen, one JSON object a line with its `kind` and ids.

mod common;

use cedille::domain::{CommentPolicy, Moderation};
use common::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_lists_a_reply_with_its_ids_and_nothing_for_the_one_who_wrote_it() {
    let policy =
        CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() };
    let (server, store) = Server::start_with(policy.clone()).await;
    let camille = Client::member(server.addr).await;
    let dominique = Client::member(server.addr).await;
    assert_eq!(camille.exec("handle camille").await.status, Some(0));
    assert_eq!(dominique.exec("handle dominique").await.status, Some(0));
    let article = newest_id(&camille).await;
    let (c, d) = (store.members().find("camille").unwrap().id, store.members().find("dominique").unwrap().id);
    let now = chrono::Utc::now();
    let mine = store.comments().post(c, article, None, "Qui vient à Crest ?", &policy, now).unwrap();
    let reply =
        store.comments().post(d, article, Some(mine.id), "Moi, en vélo\u{1b}[2J", &policy, now).unwrap();

    let out = camille.exec("news --json").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    let items: Vec<serde_json::Value> =
        out.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let replies: Vec<&serde_json::Value> = items.iter().filter(|i| i["kind"] == "reply").collect();
    assert_eq!(replies.len(), 1, "{items:?}");
    let r = replies[0];
    assert_eq!(r["article_id"].as_i64(), Some(article));
    assert_eq!(r["comment_id"].as_i64(), Some(reply.id));
    assert_eq!(r["count"].as_i64(), Some(1));
    assert_eq!(r["authors"], serde_json::json!(["dominique"]));
    assert_eq!(r["excerpt"].as_str(), Some("Moi, en vélo[2J"), "cleaned: {r}");
    assert!(items.iter().all(|i| i["kind"].is_string() && i["title"].is_string()), "{items:?}");

    let out = camille.exec("news").await;
    assert_eq!(out.status, Some(0));
    assert!(out.stdout().contains("Réponse de dominique"), "{}", out.stdout());
    assert!(!out.stdout().contains('\u{1b}'), "nothing that steers a terminal");

    // Dominique wrote the reply: it is no news to them.
    let out = dominique.exec("news --json").await;
    assert!(!out.stdout().contains("\"reply\""), "{}", out.stdout());
    let guest = Client::guest(server.addr).await;
    assert_eq!(guest.exec("news").await.status, Some(1));
}
