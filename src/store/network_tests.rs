//! The directory and messages against a real database file.

use chrono::{Duration, TimeZone, Utc};

use super::{MemberQuery, ProfileField, ReportDecision, Store};
use crate::domain::comment::{CommentPolicy, PostError};
use crate::domain::network::{OpenTo, REPORT_REASON_MAX, ReportError, WorkStatus};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = Store::open(&dir.path().join("n.db")).unwrap();
    (dir, s)
}

fn member(s: &Store, handle: &str) -> i64 {
    let id = s.users().for_key(&format!("SHA256:{handle}"), "ssh-ed25519").unwrap().user_id;
    s.users().set_handle(id, handle).unwrap();
    id
}

fn t(min: i64) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap() + Duration::minutes(min)
}

fn publish(s: &Store, id: i64, insee: &str, skills: &str) {
    let n = s.network();
    n.update(id, ProfileField::Commune(Some(insee.into())), t(0)).unwrap();
    n.update(id, ProfileField::Skills(skills.into()), t(0)).unwrap();
    n.update(id, ProfileField::Published(true), t(0)).unwrap();
}

fn handles(cards: &[crate::domain::network::MemberCard]) -> Vec<&str> {
    cards.iter().map(|c| c.handle.as_str()).collect()
}

#[test]
fn nothing_shows_until_published_and_withdrawing_hides_at_once() {
    let (_d, s) = store();
    let camille = member(&s, "camille");
    let n = s.network();
    n.update(camille, ProfileField::Skills("Rust, sysadmin".into()), t(0)).unwrap();
    n.update(camille, ProfileField::Status(Some(WorkStatus::Independant)), t(0)).unwrap();
    n.update(camille, ProfileField::OpenTo(vec![OpenTo::Mentorat]), t(0)).unwrap();
    n.update(camille, ProfileField::Presentation("Dev \u{1b}[31mRust\n".into()), t(0)).unwrap();
    assert!(n.search(&MemberQuery::default()).unwrap().is_empty(), "not published yet");
    assert_eq!(n.card(camille).unwrap(), None);

    n.update(camille, ProfileField::Published(true), t(1)).unwrap();
    let card = n.card(camille).unwrap().unwrap();
    assert_eq!(card.skills, vec!["rust", "sysadmin"]);
    assert_eq!(card.presentation, "Dev [31mRust", "cleaned on the way in");
    assert_eq!(card.open_to, vec![OpenTo::Mentorat]);
    assert_eq!(handles(&n.search(&MemberQuery::default()).unwrap()), vec!["camille"]);

    n.update(camille, ProfileField::Published(false), t(2)).unwrap();
    assert!(n.search(&MemberQuery::default()).unwrap().is_empty());
    assert_eq!(n.card(camille).unwrap(), None);
    assert_eq!(n.own(camille).unwrap().skills, vec!["rust", "sysadmin"], "kept for later");

    // No handle, no publishing; a suspended member leaves the directory.
    let nameless = s.users().for_key("SHA256:nameless", "ssh-ed25519").unwrap().user_id;
    assert_eq!(n.update(nameless, ProfileField::Published(true), t(3)), Err(PostError::NoHandle));
    n.update(camille, ProfileField::Published(true), t(3)).unwrap();
    s.members().set_banned("test", "camille", true).unwrap();
    assert!(n.search(&MemberQuery::default()).unwrap().is_empty());
}

#[test]
fn search_by_skill_status_and_distance() {
    let (_d, s) = store();
    let crest = s.communes().find("Crest").unwrap().unwrap();
    let (a, b, c) = (member(&s, "aline"), member(&s, "bruno"), member(&s, "chloe"));
    publish(&s, a, &crest.insee, "Rust, design");
    let die = s.communes().find("Die").unwrap().unwrap();
    publish(&s, b, &die.insee, "rust");
    let privas = s.communes().find("Privas").unwrap().unwrap();
    publish(&s, c, &privas.insee, "Comptabilité");
    s.network().update(b, ProfileField::Status(Some(WorkStatus::Salarie)), t(1)).unwrap();
    let n = s.network();

    let q = |skill: Option<&str>, near: bool, within: Option<f64>| MemberQuery {
        skill: skill.map(String::from),
        near: near.then(|| crest.clone()),
        within_km: within,
        ..MemberQuery::default()
    };
    let mut rust = handles(&n.search(&q(Some("RUST"), false, None)).unwrap()).join(" ");
    rust =
        rust.split(' ').collect::<std::collections::BTreeSet<_>>().into_iter().collect::<Vec<_>>().join(" ");
    assert_eq!(rust, "aline bruno");
    assert_eq!(handles(&n.search(&q(Some("comptabilite"), false, None)).unwrap()), vec!["chloe"]);
    // Nearest first from Crest: Crest itself, then Die (~30 km), then Privas (~40 km).
    let near = n.search(&q(None, true, None)).unwrap();
    assert_eq!(handles(&near), vec!["aline", "bruno", "chloe"]);
    assert!(near[0].distance_km.unwrap() < 1.0);
    let within = n.search(&q(None, true, Some(near[1].distance_km.unwrap() + 1.0))).unwrap();
    assert_eq!(handles(&within), vec!["aline", "bruno"]);
    let status = MemberQuery { status: Some(WorkStatus::Salarie), ..MemberQuery::default() };
    assert_eq!(handles(&n.search(&status).unwrap()), vec!["bruno"]);

    // « Qui est connecté »: connected and willing to be seen.
    let online = MemberQuery { online_only: true, ..MemberQuery::default() };
    assert!(n.search(&online).unwrap().is_empty());
    let session = s.sessions().open(Some(c), Some("SHA256:chloe"), "127.0.0.1:1").unwrap();
    assert!(n.search(&online).unwrap().is_empty(), "not visible unless they say so");
    n.update(c, ProfileField::VisibleOnline(true), t(2)).unwrap();
    assert_eq!(handles(&n.search(&online).unwrap()), vec!["chloe"]);
    s.sessions().close(session).unwrap();
    assert!(n.search(&online).unwrap().is_empty());
}

fn quick() -> CommentPolicy {
    CommentPolicy { min_interval_secs: 0, ..CommentPolicy::default() }
}

#[test]
fn messages_conversations_and_unread_counts() {
    let (_d, s) = store();
    let (a, b, c) = (member(&s, "aline"), member(&s, "bruno"), member(&s, "chloe"));
    let m = s.messages();
    // Only to a published profile, or within a conversation already started.
    assert_eq!(m.send(a, b, "Bonjour", &quick(), t(0)), Err(PostError::NotFound));
    publish(&s, b, "26108", "rust");
    let first = m.send(a, b, " Bonjour\u{202e} Bruno ", &quick(), t(1)).unwrap();
    assert_eq!(first.body, "Bonjour Bruno");
    assert_eq!(m.send(a, a, "moi", &quick(), t(1)), Err(PostError::NotFound));
    s.network().update(b, ProfileField::Published(false), t(2)).unwrap();
    m.send(b, a, "Salut Aline", &quick(), t(3)).unwrap();
    m.send(a, b, "On se voit à Crest ?", &quick(), t(4)).unwrap();
    publish(&s, c, "26108", "design");
    m.send(a, c, "Et toi ?", &quick(), t(5)).unwrap();

    let inbox = m.inbox(b).unwrap();
    assert_eq!(inbox.unread, 2);
    assert_eq!(inbox.latest.as_ref().map(|(_, h)| h.as_str()), Some("aline"));
    let convs = m.conversations(a).unwrap();
    assert_eq!(convs.iter().map(|c| c.other.as_str()).collect::<Vec<_>>(), vec!["chloe", "bruno"]);
    assert_eq!((convs[1].unread, convs[1].last_mine), (1, true));
    assert_eq!(m.unread_by_sender(b).unwrap(), vec![("aline".to_string(), 2)]);

    assert!(m.mark_read(b, a, t(6)).unwrap());
    assert!(!m.mark_read(b, a, t(6)).unwrap(), "nothing left to write");
    assert_eq!(m.inbox(b).unwrap().unread, 0);
    let thread = m.thread(b, a).unwrap();
    assert_eq!(
        thread.messages.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(),
        vec!["Bonjour Bruno", "Salut Aline", "On se voit à Crest ?"]
    );
    assert!(m.thread(c, b).unwrap().messages.is_empty(), "others' messages are never listed");

    // The pace of comments.
    let slow = CommentPolicy { min_interval_secs: 20, per_day: 3, ..CommentPolicy::default() };
    assert!(matches!(m.send(a, b, "vite", &slow, t(4)), Err(PostError::TooFast { .. })));
    assert_eq!(m.send(a, b, "encore", &slow, t(30)), Err(PostError::DailyLimit { max: 3 }));
    assert_eq!(m.send(a, b, &"x".repeat(5000), &quick(), t(30)), Err(PostError::TooLong { max: 4000 }));
}

#[test]
fn blocking_is_silent_and_reports_reach_the_moderators_with_context() {
    let (_d, s) = store();
    let (a, b) = (member(&s, "aline"), member(&s, "bruno"));
    publish(&s, b, "26108", "rust");
    let m = s.messages();
    m.send(a, b, "un", &quick(), t(0)).unwrap();
    m.send(b, a, "deux", &quick(), t(1)).unwrap();
    let bad = m.send(a, b, "trois, méchant", &quick(), t(2)).unwrap();

    // Only the recipient reports, with a reason cleaned and cut to its length; twice is once,
    // said so, and the first reason stays.
    assert!(m.report(a, bad.id, "", t(3)).is_err());
    let long = format!("  Insultes\u{202e}\u{1b}[2J {}", "x".repeat(REPORT_REASON_MAX));
    m.report(b, bad.id, &long, t(3)).unwrap();
    assert_eq!(m.report(b, bad.id, "encore", t(4)), Err(ReportError::Already));
    assert_eq!(m.thread(b, a).unwrap().reported, vec![bad.id]);
    assert!(m.thread(a, b).unwrap().reported.is_empty(), "the sender is never told");
    let reports = s.message_reports(10).unwrap();
    assert_eq!(reports.len(), 1);
    let r = &reports[0];
    assert!(r.reason.starts_with("Insultes[2J xxx"), "{}", r.reason);
    assert_eq!(r.reason.chars().count(), REPORT_REASON_MAX);
    assert_eq!(
        (r.message.body.as_str(), r.reporter.as_str(), r.message.sender.as_str()),
        ("trois, méchant", "bruno", "aline")
    );
    assert_eq!(r.context.iter().map(|m| m.body.as_str()).collect::<Vec<_>>(), vec!["un", "deux"]);

    // Blocked: the sender is not told, the recipient never sees it.
    m.set_blocked(b, a, true, t(5)).unwrap();
    let unseen = m.send(a, b, "quatre", &quick(), t(6)).unwrap();
    assert_eq!(unseen.body, "quatre");
    assert!(m.thread(a, b).unwrap().messages.iter().any(|x| x.id == unseen.id), "the sender sees it");
    let theirs = m.thread(b, a).unwrap();
    assert!(theirs.blocked && !theirs.messages.iter().any(|x| x.id == unseen.id));
    assert_eq!(m.inbox(b).unwrap().unread, 2, "« un » and « trois », never « quatre »");
    assert!(m.report(b, unseen.id, "", t(7)).is_err(), "nothing to report from what one never saw");

    // Suspending the sender from the report closes it.
    assert_eq!(s.decide_report("admin", r.id, ReportDecision::Suspend).unwrap(), "aline");
    assert!(s.message_reports(10).unwrap().is_empty());
    assert!(s.members().is_banned(a).unwrap());
    assert_eq!(m.send(a, b, "cinq", &quick(), t(8)), Err(PostError::Banned));
    assert!(
        s.audit()
            .recent(5)
            .unwrap()
            .iter()
            .any(|e| e.action == "user.ban" && e.detail == format!("report {}", r.id))
    );
    assert!(s.decide_report("admin", r.id, ReportDecision::Dismiss).is_err(), "already decided");
}
