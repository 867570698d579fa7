#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `ssh host search WORDS [--json]` over real SSH: the JSON fields exactly, the text for
//! people, the usage errors, and a comment waiting for a moderator kept from a guest.

mod common;

use chrono::Utc;
use common::*;

use cedille::domain::CommentPolicy;
use cedille::domain::comment::Moderation;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_prints_articles_and_comments_as_json_and_text() {
    let open =
        CommentPolicy { moderation: Moderation::None, min_interval_secs: 0, ..CommentPolicy::default() };
    let (server, store) = Server::start_with(open.clone()).await;
    let guest = Client::guest(server.addr).await;
    let article = newest_id(&guest).await;
    let writer = store.users().for_key("SHA256:e2e-writer", "ssh-ed25519").unwrap().user_id;
    store.users().set_handle(writer, "camille").unwrap();
    let comment = store
        .comments()
        .post(writer, article, None, "Une Œuvre en pâte de coing\u{1b}[2J, à Die.", &open, Utc::now())
        .unwrap();
    let waiting = CommentPolicy { moderation: Moderation::All, ..open };
    store.comments().post(writer, article, None, "Du coing en attente.", &waiting, Utc::now()).unwrap();

    let out = guest.exec("search oeuvre coing --json").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    let hits: Vec<serde_json::Value> =
        out.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(hits.len(), 1, "{}", out.stdout());
    let hit = hits[0].as_object().unwrap();
    let mut fields: Vec<&str> = hit.keys().map(String::as_str).collect();
    fields.sort();
    assert_eq!(fields, ["article_id", "comment_id", "excerpt", "kind", "published_at", "title"]);
    assert_eq!(hit["kind"], "comment");
    assert_eq!(hit["article_id"], article);
    assert_eq!(hit["comment_id"], comment.id);
    assert_eq!(hit["title"], NEWEST_TITLE);
    let excerpt = hit["excerpt"].as_str().unwrap();
    assert!(excerpt.contains("Une Œuvre en pâte de coing2J, à Die."), "{excerpt}");
    assert!(!excerpt.contains(['\u{1b}', '\u{2}', '\u{3}']), "cleaned, no markers: {excerpt:?}");
    assert!(hit["published_at"].as_str().unwrap().ends_with('Z'));

    // An article: comment_id null. Only « coing »: the waiting comment stays hidden.
    let out = guest.exec("search coing --json").await;
    assert!(!out.stdout().contains("attente"), "{}", out.stdout());
    let out = guest.exec("search hiver --json").await;
    let found: Vec<serde_json::Value> =
        out.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let first = found.iter().find(|h| h["kind"] == "article").expect("an article");
    assert!(first["comment_id"].is_null(), "{first}");

    // For people: the title, where and when, the excerpt.
    let out = guest.exec("search coing").await;
    assert_eq!(out.status, Some(0));
    let text = out.stdout();
    assert!(text.contains(NEWEST_TITLE) && text.contains("commentaire de camille"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    let out = guest.exec_with_env("search zzzzqx", &[("LANG", "en_GB.UTF-8")]).await;
    assert_eq!((out.status, out.stdout()), (Some(0), "No article or comment holds these words.\n".into()));

    // Usage errors: the usage line, status 2.
    let out = guest.exec("search").await;
    assert_eq!((out.status, out.stderr()), (Some(2), "usage : search MOTS… [--json]\n".into()));
    let out = guest.exec("search coing --bogus").await;
    assert_eq!(out.status, Some(2), "{}", out.stderr());
}
