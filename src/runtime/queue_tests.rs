//! The queue's rules on plain items: supersede, coalesce, the caps, writes never dropped;
//! and the kinds the sections chose for their operations.

use super::*;
use crate::domain::Lang;
use crate::domain::spaces_query::SpaceQuery;
use crate::ui::{AgendaOp, BulletinOp, NetOp, ProfileOp, SpacesOp};

fn search(seq: u64) -> Effect {
    SpacesOp::Search { seq, query: SpaceQuery::default() }.into()
}

fn post(body: &str) -> Effect {
    BulletinOp::PostComment { article: 1, parent: None, body: body.into() }.into()
}

/// Queues each effect under its own kind.
fn queued(effects: &[Effect]) -> Queue<Effect> {
    let mut q = Queue::default();
    for e in effects {
        q.push(coalesce_key(e), e.clone());
    }
    q
}

/// Starts all that may start; returns them in order.
fn start_all(q: &mut Queue<Effect>) -> Vec<(Option<Key>, Effect)> {
    std::iter::from_fn(|| q.next()).collect()
}

#[test]
fn a_new_search_supersedes_the_one_waiting_and_runs_after_the_one_under_way() {
    let mut q = queued(&[search(1)]);
    let first = start_all(&mut q);
    assert_eq!(first.iter().map(|(_, e)| e.clone()).collect::<Vec<_>>(), vec![search(1)]);
    for seq in 2..=50 {
        q.push(coalesce_key(&search(seq)), search(seq));
    }
    assert_eq!(q.counts(), (1, 1), "one search waiting, the last, beside the one under way");
    assert!(q.next().is_none(), "two searches never run together");
    q.done(first[0].0);
    let next = start_all(&mut q);
    assert_eq!(next.into_iter().map(|(_, e)| e).collect::<Vec<_>>(), vec![search(50)]);
}

#[test]
fn the_language_is_saved_once_the_last_and_read_marks_once_per_article() {
    let lang = |l| Effect::from(ProfileOp::SaveLang(l));
    let read = |id| Effect::from(BulletinOp::MarkRead(id));
    let mut q = queued(&[lang(Lang::En), read(3), read(4), lang(Lang::Fr), read(3), lang(Lang::En)]);
    let started: Vec<Effect> = start_all(&mut q).into_iter().map(|(_, e)| e).collect();
    assert_eq!(
        started,
        vec![read(4), read(3), lang(Lang::En)],
        "each superseded one gone, the last kept last"
    );
}

#[test]
fn writes_that_matter_are_never_dropped_and_go_one_at_a_time_in_order() {
    let rsvp = |going| Effect::from(AgendaOp::Rsvp { id: 7, going });
    let send = Effect::from(NetOp::Send { to: 2, body: "salut".into() });
    let asked = [post("un"), rsvp(true), post("un"), rsvp(false), send.clone(), post("deux")];
    let mut q = queued(&asked);
    let mut done = Vec::new();
    while q.counts() != (0, 0) {
        let started = start_all(&mut q);
        assert_eq!(started.len(), 1, "one write at a time");
        for (key, e) in started {
            q.done(key);
            done.push(e);
        }
    }
    assert_eq!(done, asked.to_vec());
}

#[test]
fn at_most_in_flight_run_at_once_and_the_queue_says_when_it_is_full() {
    let loads: Vec<Effect> = vec![
        BulletinOp::LoadArticles.into(),
        ProfileOp::LoadMember.into(),
        NetOp::CheckInbox.into(),
        search(1),
        BulletinOp::LoadComments(1).into(),
    ];
    let mut q = queued(&loads);
    let started = start_all(&mut q);
    assert_eq!(started.len(), IN_FLIGHT, "{IN_FLIGHT} of five kinds under way, the rest wait");
    for i in 0..WAITING - 2 {
        q.push(None, post(&i.to_string()));
    }
    assert!(q.is_full(), "{WAITING} waiting fill the queue");
    q.done(started[0].0);
    assert!(q.next().is_some(), "a place freed is taken");
    assert!(!q.is_full());
    assert_eq!(q.counts(), (WAITING - 1, IN_FLIGHT));
}

#[test]
fn kinds_never_meet_across_sections_nor_across_records() {
    // The bulletin's list and the console's list of articles are two kinds.
    let bulletin = coalesce_key(&BulletinOp::LoadArticles.into());
    let admin = coalesce_key(&crate::domain::console::AdminOp::LoadArticles.into());
    assert!(bulletin.is_some() && admin.is_some() && bulletin != admin);
    // The comments of two articles are two kinds, of one article one.
    let comments = |id| coalesce_key(&BulletinOp::LoadComments(id).into());
    assert_ne!(comments(1), comments(2));
    assert_eq!(comments(1), comments(1));
    // A search of the directory of members is not a search of spaces.
    let members = coalesce_key(&NetOp::Search { seq: 1, query: Default::default() }.into());
    assert_ne!(members, coalesce_key(&search(1)));
    for write in [
        post("x"),
        ProfileOp::SetHandle("camille".into()).into(),
        NetOp::Report { message: 1, reason: String::new() }.into(),
    ] {
        assert_eq!(coalesce_key(&write), None, "{write:?} is never dropped");
    }
}
