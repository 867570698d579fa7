//! What a member repeats is paced, and a ban finds its member: each attack beside what a
//! member acting normally still does.

use chrono::{DateTime, Duration, TimeZone, Utc};

use super::{ReportDecision, Store, StoreError};
use crate::domain::comment::CommentPolicy;
use crate::domain::event::{EventError, parse_proposal};
use crate::domain::member::{HANDLE_CHANGE_HOURS, HANDLE_RESERVED_DAYS, HandleError};
use crate::domain::network::{MAX_REPORTS_PER_DAY, ProfileField, ReportError};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (s, _) = Store::open(&dir.path().join("p.db")).unwrap();
    (dir, s)
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

fn key(s: &Store, name: &str) -> i64 {
    s.users().for_key(&format!("SHA256:{name}"), "ssh-ed25519").unwrap().user_id
}

/// A member who chose `handle` at `at`.
fn member_at(s: &Store, handle: &str, at: DateTime<Utc>) -> i64 {
    let id = key(s, handle);
    s.users().set_handle_at(id, handle, at).unwrap();
    id
}

#[test]
fn a_handle_changes_at_most_once_a_day_after_the_first_choice() {
    let (_d, s) = store();
    let users = s.users();
    let a = key(&s, "a");
    // The first choice is free, and so is putting right a typo in it; saying one's own
    // handle again is never refused.
    assert_eq!(users.set_handle_at(a, "camile", t0() - Duration::minutes(1)), Ok("camile".into()));
    assert_eq!(users.set_handle_at(a, "camille", t0()), Ok("camille".into()));
    assert_eq!(users.set_handle_at(a, "Camille", t0()), Ok("camille".into()));
    // The attack: a change a second, 200 times. Not one lands before the day is over.
    let next = t0() + Duration::hours(HANDLE_CHANGE_HOURS);
    for i in 0..200 {
        let at = t0() + Duration::seconds(i);
        assert_eq!(users.set_handle_at(a, &format!("autre{i}"), at), Err(HandleError::TooSoon { next }));
    }
    assert_eq!(users.profile(a).unwrap().handle.as_deref(), Some("camille"));
    assert_eq!(
        users.set_handle_at(a, "autre", next - Duration::seconds(1)),
        Err(HandleError::TooSoon { next })
    );
    // A day later, one change; the next one a day after that.
    assert_eq!(users.set_handle_at(a, "autre", next), Ok("autre".into()));
    assert!(matches!(
        users.set_handle_at(a, "troisieme", next + Duration::hours(1)),
        Err(HandleError::TooSoon { .. })
    ));
    // Another member's first choice is not concerned.
    let b = key(&s, "b");
    assert_eq!(users.set_handle_at(b, "dominique", next), Ok("dominique".into()));
}

#[test]
fn a_released_handle_stays_reserved_to_its_owner_for_thirty_days() {
    let (_d, s) = store();
    let users = s.users();
    let a = member_at(&s, "camille", t0());
    let b = key(&s, "b");
    let released = t0() + Duration::hours(HANDLE_CHANGE_HOURS);
    users.set_handle_at(a, "cam", released).unwrap();
    // Nobody else takes it while readers still link it to camille, in any case.
    for at in [released, released + Duration::days(HANDLE_RESERVED_DAYS) - Duration::seconds(1)] {
        assert_eq!(users.set_handle_at(b, "CAMILLE", at), Err(HandleError::RecentlyReleased));
    }
    assert_eq!(users.set_handle_at(b, "claude", released), Ok("claude".into()));
    // Its owner may take it back (a change like another).
    let back = released + Duration::hours(HANDLE_CHANGE_HOURS);
    assert_eq!(users.set_handle_at(a, "camille", back), Ok("camille".into()));
    // Given up again, it is free for others once the reservation ran out.
    let again = back + Duration::hours(HANDLE_CHANGE_HOURS);
    users.set_handle_at(a, "cam", again).unwrap();
    let free = again + Duration::days(HANDLE_RESERVED_DAYS);
    assert_eq!(users.set_handle_at(b, "camille", free), Ok("camille".into()));
    // The handle claude gave up just now is reserved to claude as well.
    let c = key(&s, "c");
    assert_eq!(users.set_handle_at(c, "claude", free), Err(HandleError::RecentlyReleased));
}

#[test]
fn an_admin_rename_reserves_the_old_handle_and_ignores_the_pace() {
    let (_d, s) = store();
    let a = member_at(&s, "camille", Utc::now());
    assert_eq!(s.members().rename("admin", "camille", "camille-b").unwrap(), "camille-b");
    let b = key(&s, "b");
    assert_eq!(s.users().set_handle(b, "camille"), Err(HandleError::RecentlyReleased));
    // The admin gives it back at once, pace or not.
    assert_eq!(s.members().rename("admin", "camille-b", "camille").unwrap(), "camille");
    assert_eq!(s.users().profile(a).unwrap().handle.as_deref(), Some("camille"));
}

#[test]
fn a_suspended_member_keeps_their_name_and_is_found_by_the_one_banned_under() {
    let (_d, s) = store();
    let a = member_at(&s, "camille", t0());
    assert!(s.members().set_banned("admin", "Camille", true).unwrap());
    // Suspended: no handle change, whatever the pace says.
    let later = t0() + Duration::days(2);
    assert_eq!(s.users().set_handle_at(a, "autre", later), Err(HandleError::Banned));
    // Renamed by an admin since, they still answer to the name they were suspended under.
    s.members().rename("admin", "camille", "x-camille").unwrap();
    assert!(!s.members().set_banned("admin", "camille", true).unwrap(), "already suspended");
    assert!(s.members().set_banned("admin", "camille", false).unwrap());
    assert!(!s.members().is_suspended(a).unwrap());
    // Restored, that old name is nobody's: nothing is done to anyone by it.
    assert!(matches!(s.members().set_banned("admin", "camille", true), Err(StoreError::NotFound)));
    // By id, always.
    assert!(s.members().set_banned("admin", &format!("#{a}"), true).unwrap());
    assert!(s.members().set_banned("admin", "x-camille", false).unwrap());
    // Whoever has the handle now comes first: the old name then reaches nobody else, and
    // `#ID` still reaches the suspended member.
    assert!(s.members().set_banned("admin", "x-camille", true).unwrap());
    s.members().rename("admin", "x-camille", "x-camille-2").unwrap();
    let b = key(&s, "b");
    s.members().rename("admin", &format!("#{b}"), "x-camille").unwrap();
    assert!(!s.members().set_banned("admin", "x-camille", false).unwrap(), "b was never suspended");
    assert!(s.members().is_suspended(a).unwrap());
    assert!(!s.members().is_suspended(b).unwrap());
    assert!(s.members().set_banned("admin", &format!("#{a}"), false).unwrap());
}

#[test]
fn a_suspension_from_a_report_is_undone_by_the_name_it_was_made_under() {
    let (_d, s) = store();
    let (a, b) = (member_at(&s, "aline", t0()), member_at(&s, "bruno", t0()));
    s.network().update(b, ProfileField::Published(true), t0()).unwrap();
    let policy = CommentPolicy { min_interval_secs: 0, ..CommentPolicy::default() };
    let bad = s.messages().send(a, b, "méchant", &policy, t0()).unwrap();
    s.messages().report(b, bad.id, "", t0()).unwrap();
    let report = s.message_reports(1).unwrap()[0].id;
    s.decide_report("admin", report, ReportDecision::Suspend).unwrap();
    assert!(s.members().is_suspended(a).unwrap());
    assert!(s.members().suspended().unwrap().contains(&a));
    s.members().rename("admin", "aline", "aline-2").unwrap();
    assert!(s.members().set_banned("admin", "aline", false).unwrap());
    assert!(s.members().suspended().unwrap().is_empty());
}

#[test]
fn reports_are_paced_per_day_and_a_report_again_is_no_new_one() {
    let (_d, s) = store();
    let b = member_at(&s, "bruno", t0());
    s.network().update(b, ProfileField::Published(true), t0()).unwrap();
    let policy = CommentPolicy { min_interval_secs: 0, per_day: 1000, ..CommentPolicy::default() };
    // Messages from a few members, more than a day's reports.
    let senders: Vec<i64> = (0..3).map(|i| member_at(&s, &format!("sender{i}"), t0())).collect();
    let messages: Vec<i64> = (0..MAX_REPORTS_PER_DAY + 5)
        .map(|i| s.messages().send(senders[i as usize % 3], b, "pub", &policy, t0()).unwrap().id)
        .collect();
    let m = s.messages();
    for (i, id) in messages.iter().take(MAX_REPORTS_PER_DAY as usize).enumerate() {
        m.report(b, *id, "", t0() + Duration::minutes(i as i64)).unwrap();
    }
    // The attack: reporting on and on within the day.
    let soon = t0() + Duration::hours(1);
    for id in &messages[MAX_REPORTS_PER_DAY as usize..] {
        assert_eq!(m.report(b, *id, "", soon), Err(ReportError::TooMany(MAX_REPORTS_PER_DAY)));
    }
    // Reporting again what was reported is no new report, said so (before the day's cap);
    // nor does it wake the other sessions: the one notice is the visible write after it.
    let mut notices = s.subscribe();
    assert_eq!(m.report(b, messages[0], "", soon), Err(ReportError::Already));
    s.network().update(b, crate::store::ProfileField::Commune(Some("26108".into())), soon).unwrap();
    assert!(notices.try_recv().is_ok(), "the visible write is noticed");
    assert!(notices.try_recv().is_err(), "a report again woke the sessions");
    assert_eq!(s.message_reports(100).unwrap().len(), MAX_REPORTS_PER_DAY as usize);
    // A day after the first ones, reports are taken again; others report meanwhile.
    let next_day = t0() + Duration::hours(24);
    assert_eq!(m.report(b, messages[MAX_REPORTS_PER_DAY as usize], "", next_day), Ok(()));
    assert_eq!(m.report(senders[0], messages[0], "", soon), Err(ReportError::NotFound), "not theirs");
}

/// A proposal starting at `start`, as the member types it `before` that.
fn proposal_at(title: &str, start: DateTime<Utc>, now: DateTime<Utc>) -> crate::domain::event::Proposal {
    let paris = start.with_timezone(&chrono_tz::Europe::Paris);
    let text = format!(
        "title: {title}\nstart: {}\nend: 23:59\ncommune: Saillans\ndescription:\nOn se retrouve.\n",
        paris.format("%Y-%m-%d %H:%M")
    );
    parse_proposal(&text, now).unwrap()
}

#[test]
fn waiting_proposals_count_whatever_their_date() {
    let (_d, s) = store();
    let a = member_at(&s, "alice", t0());
    // Starting two minutes after they are made, proposals that then start stay in the
    // admins' queue: they still count.
    let day = (Utc::now() + Duration::days(3)).with_timezone(&chrono_tz::Europe::Paris).date_naive();
    let start = day.and_hms_opt(18, 0, 0).unwrap().and_local_timezone(chrono_tz::Europe::Paris).unwrap();
    let start = start.with_timezone(&Utc);
    let made = start - Duration::minutes(2);
    let mut ids = Vec::new();
    for i in 0..super::MAX_WAITING_PROPOSALS {
        ids.push(s.events().propose(a, &proposal_at(&format!("p{i}"), start, made), made).unwrap());
    }
    let started = start + Duration::minutes(3);
    let tomorrow = proposal_at("encore", start + Duration::days(1), started);
    assert_eq!(
        s.events().propose(a, &tomorrow, started),
        Err(EventError::TooMany(super::MAX_WAITING_PROPOSALS))
    );
    // Once the admins decided one, a place is free; another member is not concerned.
    s.events().approve("admin", ids[0]).unwrap();
    assert!(s.events().propose(a, &tomorrow, started).is_ok());
    let b = member_at(&s, "bruno", t0());
    assert!(s.events().propose(b, &tomorrow, started).is_ok());
}
