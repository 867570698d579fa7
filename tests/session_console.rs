#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The admin console through its real loop, `runtime::run_local` with a `Console`, on a real
//! store: the dashboard, an article unpublished and a comment approved from the keyboard,
//! each recorded and signed with the console's actor. And the same App run over
//! `run_guarded` without a console, as a network session is: its admin requests get
//! nothing, because the console's powers come with the runtime's viewer, not with the App.

mod session;

use chrono::Utc;
use session::*;

use cedille::domain::article::ArticleState;
use cedille::domain::{CommentPolicy, CommentStatus};
use cedille::runtime::{Ctx, End, Guard, Viewer, perform_one};
use cedille::ui::{AdminOp, Effect};

const ACTOR: &str = "console:sofia";

fn state_of(h: &Harness, id: i64) -> ArticleState {
    h.store.articles().all(Utc::now()).unwrap().into_iter().find(|a| a.id == id).unwrap().state
}

/// The two rows of article `id` in the console's list, joined; empty while it is not listed.
fn article_rows(text: &str, id: i64) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let prefix = format!("{id} ");
    match lines.iter().position(|l| l.trim_start_matches([' ', '▌']).starts_with(&prefix)) {
        Some(at) => format!("{}\n{}", lines[at], lines.get(at + 1).unwrap_or(&"")),
        None => String::new(),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_unpublishes_an_article_and_approves_a_comment_signed_with_its_actor() {
    let h = Harness::new();
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].clone();
    assert_eq!(newest.title, NEWEST_TITLE);
    // A newcomer's first comment waits for a moderator.
    let newcomer = h.member(Some("nour"));
    let waiting = h
        .store
        .comments()
        .post(
            newcomer.user_id,
            newest.id,
            None,
            "Première fois ici : la fibre arrive quand à Die ?",
            &CommentPolicy::default(),
            Utc::now(),
        )
        .unwrap();
    assert_eq!(waiting.status, CommentStatus::Pending);
    let mut c = h.console(ACTOR, 100, 40);

    // The dashboard, with the store's figures.
    let text = c.wait_text("9  articles").await;
    assert!(top_row(&text).contains("Cédille · Tableau de bord"), "{text}");
    assert!(top_row(&text).contains(&format!("admin · {ACTOR}")), "{text}");
    assert!(text.contains("1  en attente"), "{text}");
    assert!(text.contains("Aucune action pour l'instant."), "{text}");

    // 2: the articles; the newest is selected; `u` unpublishes it.
    c.send(b"2").await;
    let text = c
        .wait_for("the newest article listed as published", |t| {
            top_row(t).contains("Cédille · Articles")
                && article_rows(t, newest.id).contains("publié · Agenda")
        })
        .await;
    assert!(article_rows(&text, newest.id).starts_with(" ▌"), "the newest is selected:\n{text}");
    c.send(b"u").await;
    let text = c
        .wait_for("the newest article back to a draft", |t| {
            t.contains(&format!("{} {NEWEST_TITLE}", newest.id))
                && article_rows(t, newest.id).contains("brouillon")
        })
        .await;
    assert!(!article_rows(&text, newest.id).contains("publié"), "{text}");
    assert_eq!(state_of(&h, newest.id), ArticleState::Draft);
    let last = &h.store.audit().recent(1).unwrap()[0];
    assert_eq!(
        (last.actor.as_str(), last.action.as_str(), last.target.as_str()),
        (ACTOR, "article.unpublish", format!("article {}", newest.id).as_str())
    );

    // 3: the moderation queue; `a` approves the waiting comment.
    c.send(b"3").await;
    c.wait_text("Première fois ici : la fibre arrive quand à Die ?").await;
    c.send(b"a").await;
    c.wait_for("the queue emptied", |t| {
        top_row(t).contains("Cédille · Modération") && !t.contains("Première fois ici")
    })
    .await;
    assert_eq!(h.store.comments().get(waiting.id).unwrap().unwrap().status, CommentStatus::Published);
    let last = &h.store.audit().recent(1).unwrap()[0];
    assert_eq!(
        (last.actor.as_str(), last.target.as_str()),
        (ACTOR, format!("comment {}", waiting.id).as_str())
    );
    assert!(last.action.starts_with("comment."), "{last:?}");

    // 1: the dashboard lists both actions under the console's name.
    c.send(b"1").await;
    let text = c.wait_text(&format!("{ACTOR} article.unpublish article {}", newest.id)).await;
    assert!(text.contains(&format!("{ACTOR} {} comment {}", last.action, waiting.id)), "{text}");
    assert_eq!(c.end_with(b"q").await, None, "run_local says nothing of why it ended");
    assert_ends_restored(c.raw());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_console_the_admin_app_gets_nothing_from_an_admin_request() {
    let h = Harness::new();
    let newest = h.store.articles().list_published(None, Utc::now()).unwrap()[0].id;
    let author = h.member(Some("marius"));
    let comment = h
        .store
        .comments()
        .post(author.user_id, newest, None, "Un commentaire à garder", &unmoderated(), Utc::now())
        .unwrap();
    assert_eq!(comment.status, CommentStatus::Published);

    // The console's App, with its admin state, run as a network session runs: no console in
    // the guard. Its first effects, plus two admin actions, as if its keys had asked.
    let (app, mut effects) = admin_app(ACTOR, 100, 30);
    effects.push(Effect::Admin(AdminOp::Unpublish(newest)));
    effects.push(Effect::Admin(AdminOp::Moderate(comment.id, CommentStatus::Hidden)));
    let mut s = Session::guarded(h.store.clone(), unmoderated(), app, effects, Guard::default());
    let text = s.wait_text("Chargement").await;
    assert!(top_row(&text).contains("Cédille · Tableau de bord"), "{text}");

    // 7: the bulletin, whose door answers anyone: the article is still there, its comment too.
    s.send(b"7").await;
    let text = s.wait_status("1/9").await;
    assert!(text.contains(NEWEST_TITLE) && text.contains("1 commentaire"), "{text}");
    // Back to the dashboard: it asks again and still gets nothing.
    s.send(TAB).await;
    let text = s.wait_for("the dashboard", |t| top_row(t).contains("Cédille · Tableau de bord")).await;
    // Nothing of the answer in the body (the bars name the sections, « Tab articles »).
    let rows: Vec<&str> = text.lines().collect();
    let body = rows[1..rows.len() - 1].join("\n");
    assert!(body.contains("Chargement") && !body.contains("articles"), "{text}");
    assert_eq!(s.end_with(b"q").await, Some(End::Quit));

    assert_eq!(state_of(&h, newest), ArticleState::Published);
    assert_eq!(h.store.comments().get(comment.id).unwrap().unwrap().status, CommentStatus::Published);
    assert!(h.store.audit().recent(10).unwrap().is_empty(), "nothing done, nothing signed");

    // The door itself, for each kind of viewer: only the console's gets an answer.
    let ctx = Ctx { store: h.store.clone(), policy: CommentPolicy::default() };
    let member = Viewer::Member { user: author.user_id, fingerprint: author.fingerprint.clone() };
    for viewer in [Viewer::Guest, member] {
        assert!(perform_one(&ctx, &viewer, Effect::Admin(AdminOp::Unpublish(newest))).is_none());
        assert!(perform_one(&ctx, &viewer, Effect::Admin(AdminOp::LoadDashboard)).is_none());
    }
    assert_eq!(state_of(&h, newest), ArticleState::Published);
    let console = Viewer::Console(cedille::runtime::Console { actor: ACTOR.into(), terminal: None });
    assert!(perform_one(&ctx, &console, Effect::Admin(AdminOp::LoadDashboard)).is_some());
}
