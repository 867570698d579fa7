use super::*;
use crate::domain::event::parse_proposal;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    (dir, store)
}

fn now() -> DateTime<Utc> {
    Utc::now()
}

fn member(s: &Store, name: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{name}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, name).unwrap();
    id
}

fn proposal(title: &str, capacity: Option<i64>) -> Proposal {
    let start = (now() + Duration::days(3)).with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d 18:00");
    let mut text = format!("title: {title}\nstart: {start}\nend: 20:00\ncommune: Saillans\n");
    if let Some(c) = capacity {
        text.push_str(&format!("capacity: {c}\n"));
    }
    text.push_str("description:\nOn se retrouve.\n");
    parse_proposal(&text, now()).unwrap()
}

#[test]
fn a_new_database_has_demo_events_past_and_to_come() {
    let (_d, s) = store();
    let upcoming = s.events().upcoming(None, now()).unwrap();
    let past = s.events().past(None, now(), 50).unwrap();
    assert!(upcoming.len() >= 4, "{upcoming:?}");
    assert!(past.len() >= 2);
    let communes: std::collections::HashSet<_> = upcoming.iter().map(|e| e.place.commune.clone()).collect();
    assert!(communes.len() >= 3, "different communes: {communes:?}");
    assert!(upcoming.windows(2).all(|w| w[0].starts_at <= w[1].starts_at), "soonest first");
    let at_a_space = upcoming.iter().find(|e| e.place.space.is_some()).unwrap();
    assert!(at_a_space.place.line().contains(&at_a_space.place.commune));
}

#[test]
fn a_proposal_waits_for_approval_then_members_answer_up_to_capacity() {
    let (_d, s) = store();
    let organiser = member(&s, "organiser");
    let id = s.events().propose(organiser, &proposal("Apéro fibre à Saillans", Some(2)), now()).unwrap();
    // Waiting: only its organiser sees it, nobody can answer.
    assert!(s.events().get(id, None).unwrap().is_none());
    assert_eq!(s.events().get(id, Some(organiser)).unwrap().unwrap().status, EventStatus::Proposed);
    let a = member(&s, "alice");
    assert_eq!(s.events().rsvp(a, id, true, now()), Err(EventError::NotApproved));
    assert_eq!(s.events().approve("cli:test", id).unwrap(), EventStatus::Proposed);

    let (b, c) = (member(&s, "bruno"), member(&s, "chloe"));
    assert_eq!(s.events().rsvp(a, id, true, now()), Ok(Rsvp::Going));
    assert_eq!(s.events().rsvp(b, id, true, now()), Ok(Rsvp::Going));
    assert_eq!(s.events().rsvp(c, id, true, now()), Ok(Rsvp::Waiting(1)));
    let e = s.events().get(id, Some(c)).unwrap().unwrap();
    assert_eq!((e.going, e.waiting, e.is_full()), (2, 1, true));
    assert_eq!(e.attendees, ["alice", "bruno"]);
    // Answering twice changes nothing; leaving gives the place to the next in line.
    assert_eq!(s.events().rsvp(a, id, true, now()), Ok(Rsvp::Going));
    assert_eq!(s.events().rsvp(a, id, false, now()), Ok(Rsvp::No));
    assert_eq!(s.events().get(id, Some(c)).unwrap().unwrap().mine, Rsvp::Going);
    assert_eq!(s.events().get(id, None).unwrap().unwrap().attendees, ["bruno", "chloe"]);
}

#[test]
fn a_cancelled_event_refuses_answers_and_tells_its_attendees() {
    let (_d, s) = store();
    let a = member(&s, "alice");
    let since = now() - Duration::hours(1);
    let id = s.events().create("cli:test", &proposal("Atelier", None), now()).unwrap();
    s.events().rsvp(a, id, true, now()).unwrap();
    // No commune on her profile, and she answered already: not news « near her ».
    let news = s.agenda_news(a, since, now()).unwrap();
    assert!(!news.new_events.iter().any(|e| e.id == id), "{news:?}");
    s.events().cancel("cli:test", id).unwrap();
    assert_eq!(s.events().rsvp(a, id, false, now()), Err(EventError::Cancelled));
    let news = s.agenda_news(a, since, now()).unwrap();
    assert!(news.cancelled.iter().any(|e| e.id == id), "{news:?}");
    assert!(!news.new_events.iter().any(|e| e.id == id));
    // Cancelled stays cancelled.
    assert!(matches!(
        s.events().approve("cli:test", id),
        Err(StoreError::Refused(Refusal::EventCancelled(_)))
    ));
    let log: Vec<String> = s.audit().recent(5).unwrap().into_iter().map(|e| e.action).collect();
    assert_eq!(log, ["event.cancel", "event.create"]);
}

#[test]
fn events_soon_are_recalled_and_new_ones_far_away_are_not() {
    let (_d, s) = store();
    let a = member(&s, "alice");
    s.network().update(a, crate::store::ProfileField::Commune(Some("07010".into())), now()).unwrap();
    let since = now() - Duration::hours(1);
    let start = |h: i64| now() + Duration::hours(h);
    let near = Proposal {
        title: "Près".into(),
        starts_at: start(20),
        ends_at: start(22),
        space: None,
        address: String::new(),
        commune: Some("Annonay".into()),
        capacity: None,
        description: String::new(),
    };
    let far = Proposal { title: "Loin".into(), commune: Some("Pierrelatte".into()), ..near.clone() };
    let near_id = s.events().create("t", &near, now()).unwrap();
    let far_id = s.events().create("t", &far, now()).unwrap();
    let news = s.agenda_news(a, since, now()).unwrap();
    let ids: Vec<i64> = news.new_events.iter().map(|e| e.id).collect();
    assert!(ids.contains(&near_id) && !ids.contains(&far_id), "{ids:?}");
    assert!(news.soon.is_empty());
    s.events().rsvp(a, near_id, true, now()).unwrap();
    let news = s.agenda_news(a, now(), now()).unwrap();
    assert_eq!(news.soon.iter().map(|e| e.id).collect::<Vec<_>>(), [near_id]);
}

#[test]
fn proposals_are_checked_against_the_directory_and_the_communes() {
    let (_d, s) = store();
    let a = member(&s, "alice");
    let mut p = proposal("Atelier", None);
    p.commune = Some("Paris".into());
    assert!(matches!(
        s.events().propose(a, &p, now()),
        Err(EventError::Invalid(ProposalError::UnknownCommune(_)))
    ));
    p.space = Some("La Filature du Quai".into());
    let id = s.events().propose(a, &p, now()).unwrap();
    assert_eq!(s.events().get(id, Some(a)).unwrap().unwrap().place.commune, "Crest");
    p.space = Some("Le Château de Versailles".into());
    assert!(matches!(
        s.events().propose(a, &p, now()),
        Err(EventError::Invalid(ProposalError::UnknownSpace(_)))
    ));
    // A member without a handle is asked for one; a flood of proposals is stopped.
    let nameless = s.users().for_key("SHA256:x", "ssh-ed25519").unwrap().user_id;
    assert_eq!(s.events().propose(nameless, &proposal("x", None), now()), Err(EventError::NoHandle));
    for _ in 1..MAX_WAITING_PROPOSALS {
        s.events().propose(a, &proposal("encore", None), now()).unwrap();
    }
    assert_eq!(s.events().propose(a, &proposal("de trop", None), now()), Err(EventError::TooMany(5)));
}

#[test]
fn members_see_their_own_proposals_waiting_and_the_cancelled_meetups_they_joined() {
    let (_d, s) = store();
    let a = member(&s, "alice");
    let id = s.events().propose(a, &proposal("Ma proposition", None), now()).unwrap();
    let mine = s.events().upcoming(Some(a), now()).unwrap();
    assert!(mine.iter().any(|e| e.id == id && e.status == EventStatus::Proposed));
    let b = member(&s, "bruno");
    assert!(!s.events().upcoming(Some(b), now()).unwrap().iter().any(|e| e.id == id));
    assert!(!s.events().upcoming(None, now()).unwrap().iter().any(|e| e.id == id));
    s.events().approve("t", id).unwrap();
    s.events().rsvp(b, id, true, now()).unwrap();
    s.events().cancel("t", id).unwrap();
    assert!(
        s.events()
            .upcoming(Some(b), now())
            .unwrap()
            .iter()
            .any(|e| e.id == id && e.status == EventStatus::Cancelled)
    );
    assert!(!s.events().upcoming(None, now()).unwrap().iter().any(|e| e.id == id));
}

#[test]
fn a_meetup_over_cannot_be_cancelled_and_a_cancelled_one_has_nobody_going() {
    let (_d, s) = store();
    let past = s.events().past(None, now(), 10).unwrap();
    let over = past.first().unwrap().id;
    assert!(
        matches!(s.events().cancel("t", over), Err(StoreError::Refused(Refusal::EventOver(i))) if i == over)
    );
    let a = member(&s, "alice");
    let id = s.events().create("t", &proposal("Atelier", None), now()).unwrap();
    s.events().rsvp(a, id, true, now()).unwrap();
    s.events().cancel("t", id).unwrap();
    assert_eq!(s.events().get(id, Some(a)).unwrap().unwrap().mine, Rsvp::No);
}
