#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The agenda end to end: the commands without a pty (text, JSON, iCalendar read back by an
//! independent parser), and members answering « j'y vais » from two live sessions up to the
//! capacity and onto the waiting list, a proposal approved then cancelled by the admins.

mod common;

use std::process::Command;
use std::str::FromStr;
use std::time::Duration;

use cedille::domain::CommentPolicy;
use cedille::domain::event::Proposal;
use common::*;
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime, EventLike};

const LIVE: Duration = Duration::from_secs(3);

async fn live(s: &mut Session, what: &str, cond: impl Fn(&str) -> bool) -> String {
    match tokio::time::timeout(LIVE, s.wait_for(what, cond)).await {
        Ok(text) => text,
        Err(_) => panic!("not within {LIVE:?}: {what}\n--- screen ---\n{}", s.text()),
    }
}

fn admin(server: &Server, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_cedille"))
        .args(args)
        .arg("--db")
        .arg(server.dir.path().join("c.db"))
        // The admin commands speak the language of the environment: English here.
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_agenda_without_a_pty_by_week_near_a_commune_and_as_json() {
    let server = Server::start().await;
    let guest = Client::guest(server.addr).await;
    let out = guest.exec("agenda").await;
    assert_eq!(out.status, Some(0), "{}", out.stderr());
    let text = out.stdout();
    assert!(text.starts_with("Semaine du lundi"), "{text}");
    for title in ["Café télétravail de Crest", "Soirée fibre", "Après-midi de travail partagé à Die"] {
        assert!(text.contains(title), "{title} missing:\n{text}");
    }
    assert!(text.lines().all(|l| l.chars().count() <= 80), "80 columns:\n{text}");

    let out = guest.exec("agenda --json").await;
    let events: Vec<serde_json::Value> =
        out.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(events.len() >= 5);
    let first = &events[0];
    assert_eq!(first["status"], "approved");
    assert_eq!(first["rsvp"], "no");
    assert!(first["place"]["commune"].is_string() && first["starts_at"].is_string());

    // Near Die: what is within reach, with its distance; Crest is 30 km away, Aubenas is not near.
    let out = guest.exec("agenda --near Die --json").await;
    let near: Vec<serde_json::Value> =
        out.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(near.iter().any(|e| e["place"]["commune"] == "Die"), "{near:?}");
    assert!(near.iter().all(|e| e["distance_km"].as_f64().unwrap() <= 40.0));
    assert!(!near.iter().any(|e| e["place"]["commune"] == "Aubenas"));
    let out = guest.exec("agenda --near Nulepart").await;
    assert_eq!(out.status, Some(2));
    assert!(out.stderr().contains("Nulepart"), "{}", out.stderr());

    let id = first["id"].as_i64().unwrap();
    let out = guest.exec(&format!("event {id}")).await;
    assert_eq!(out.status, Some(0));
    assert!(out.stdout().contains("Organisé par l'association."), "{}", out.stdout());
    assert!(out.stdout().contains("Participants"), "{}", out.stdout());
    assert_eq!(guest.exec("event 9999").await.status, Some(1));

    let past = guest.exec("agenda --past").await.stdout();
    assert!(past.contains("Atelier : sauvegarder ses données"), "{past}");
}

/// Plain lines of parts break between the parts, never inside a label (« ✓ vous y allez »),
/// wherever the line ends; and a meetup in detail says its day once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn plain_lines_keep_their_labels_whole_and_say_the_day_once() {
    let (server, store) = Server::start_with(CommentPolicy::default()).await;
    let me = Client::member(server.addr).await;
    assert_eq!(me.exec("handle anna").await.status, Some(0));
    let who: serde_json::Value =
        serde_json::from_str(me.exec("whoami --json").await.stdout().trim()).unwrap();
    let user = store.users().for_key(who["fingerprint"].as_str().unwrap(), "ssh-ed25519").unwrap().user_id;
    // Addresses of every length, so that some line of the list ends inside the label.
    let start = chrono::Utc::now() + chrono::Duration::days(3);
    let mut ids = Vec::new();
    for n in 0..16 {
        let p = Proposal {
            title: format!("Rencontre {n}"),
            starts_at: start,
            ends_at: start + chrono::Duration::hours(2),
            space: None,
            address: format!("{} chemin des Alpes", "1".repeat(n + 1)),
            commune: Some("Die".into()),
            capacity: None,
            description: "Venez.".into(),
        };
        let id = store.events().create("test", &p, chrono::Utc::now()).unwrap();
        store.events().rsvp(user, id, true, chrono::Utc::now()).unwrap();
        ids.push(id);
    }
    for (lang, label) in [("fr_FR.UTF-8", "✓ vous y allez"), ("en_GB.UTF-8", "✓ you are going")] {
        let env = [("LANG", lang)];
        let out = me.exec_with_env("agenda --near Die", &env).await;
        let text = out.stdout();
        assert_eq!(out.status, Some(0), "{}", out.stderr());
        assert_eq!(
            text.lines().filter(|l| l.contains(label)).count(),
            ids.len(),
            "{lang}: {label} split:\n{text}"
        );
        assert!(text.lines().all(|l| l.chars().count() <= 80), "80 columns:\n{text}");
        // The long date, then the hours: not the list's short date again.
        let text = me.exec_with_env(&format!("event {}", ids[0]), &env).await.stdout();
        assert!(text.lines().any(|l| l.contains(label)), "{lang}:\n{text}");
        let short =
            ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim.", "Mon ", "Tue ", "Wed ", "Thu ", "Fri "];
        assert!(
            !short.iter().chain(&["Sat ", "Sun "]).any(|d| text.contains(d)),
            "{lang}: the day twice:\n{text}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agenda_ics_reads_back_in_an_independent_parser() {
    let (server, store) = Server::start_with(CommentPolicy::default()).await;
    // A title and a description full of what iCalendar must escape.
    let start = chrono::Utc::now() + chrono::Duration::days(2);
    let p = Proposal {
        title: "Apéro, fibre; et \\ « réseau »".into(),
        starts_at: start,
        ends_at: start + chrono::Duration::hours(2),
        space: None,
        address: "1 place de la République".into(),
        commune: Some("Saillans".into()),
        capacity: Some(3),
        description: format!("Première **ligne**\n\nSeconde ligne, {}", "très longue ".repeat(20)),
    };
    let id = store.events().create("test", &p, chrono::Utc::now()).unwrap();
    let guest = Client::guest(server.addr).await;
    let out = guest.exec("agenda --ics").await;
    assert_eq!(out.status, Some(0));
    let raw = out.stdout();
    assert!(raw.starts_with("BEGIN:VCALENDAR\r\n") && raw.ends_with("END:VCALENDAR\r\n"));
    for line in raw.split("\r\n") {
        assert!(line.len() <= 75, "a line of {} octets: {line}", line.len());
        assert!(!line.contains('\n'), "bare line feed");
    }
    let calendar = icalendar::Calendar::from_str(&raw).expect("an iCalendar file");
    let events: Vec<&icalendar::Event> =
        calendar.components.iter().filter_map(CalendarComponent::as_event).collect();
    let upcoming = store.events().upcoming(None, chrono::Utc::now()).unwrap();
    assert_eq!(events.len(), upcoming.len());
    let ours =
        events.iter().find(|e| e.get_uid() == Some(&format!("event-{id}@cedille"))).expect("our event");
    assert_eq!(ours.get_summary(), Some("Apéro, fibre; et \\ « réseau »"));
    assert_eq!(ours.get_location(), Some("1 place de la République, 26340 Saillans"));
    // Markdown rendered to plain text: no asterisks in a calendar.
    let description = ours.get_description().unwrap();
    assert!(description.starts_with("Première ligne\n\nSeconde ligne, très longue"), "{description}");
    let Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) =
        ours.get_start()
    else {
        panic!("DTSTART with a TZID: {:?}", ours.get_start());
    };
    assert_eq!(tzid, "Europe/Paris");
    let local = start.with_timezone(&chrono_tz::Europe::Paris).naive_local();
    assert_eq!(date_time.format("%Y%m%dT%H%M%S").to_string(), local.format("%Y%m%dT%H%M%S").to_string());
    assert!(raw.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Paris\r\n"));
}

/// In the agenda, on the meetup whose title contains `title`.
async fn select(s: &mut Session, title: &str) {
    s.wait_status("1/9").await;
    s.send(b"\t").await;
    s.wait_text(title).await;
    for _ in 0..20 {
        let selected = s.rows().iter().any(|r| r.starts_with(" ▌") && r.contains(title));
        if selected {
            return;
        }
        s.send(b"j").await;
        // Wait for the selection to move before looking again.
        let before = s.text();
        let _ = tokio::time::timeout(
            Duration::from_millis(500),
            s.wait_for("the selection to move", |t| t != before),
        )
        .await;
    }
    panic!("{title} never selected:\n{}", s.text());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn going_up_to_capacity_then_the_waiting_list_moves_up_live() {
    let (server, store) = Server::start_with(CommentPolicy::default()).await;
    let start = chrono::Utc::now() + chrono::Duration::days(1);
    let p = Proposal {
        title: "Atelier à deux places".into(),
        starts_at: start,
        ends_at: start + chrono::Duration::hours(1),
        space: Some("La Filature du Quai".into()),
        address: String::new(),
        commune: None,
        capacity: Some(1),
        description: "Petit comité.".into(),
    };
    store.events().create("test", &p, chrono::Utc::now()).unwrap();
    let a = Client::member(server.addr).await;
    let b = Client::member(server.addr).await;
    assert_eq!(a.exec("handle anna").await.status, Some(0));
    assert_eq!(b.exec("handle basile").await.status, Some(0));
    let mut sa = a.shell(100, 40).await;
    let mut sb = b.shell(100, 40).await;
    select(&mut sa, "Atelier à deux places").await;
    select(&mut sb, "Atelier à deux places").await;

    sa.send(b"o").await;
    sa.wait_status("✓ vous y allez").await;
    sb.send(b"o").await;
    sb.wait_status("liste d'attente : n° 1").await;
    live(&mut sb, "B sees the meetup full", |t| t.contains("1 inscrit sur 1 place · 1 en attente")).await;

    // A leaves: B has the place, on their screen, without a key.
    sa.send(b"o").await;
    sa.wait_status("Noté : vous n'y allez plus.").await;
    live(&mut sb, "B moves up", |t| {
        t.lines().any(|l| l.contains("Atelier à deux places") && l.contains("✓"))
    })
    .await;
    sb.send(b"\r").await;
    sb.wait_text("Participants").await;
    sb.wait_text("basile").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposal_is_approved_then_cancelled_and_its_attendees_are_told() {
    let (server, _store) = Server::start_with(CommentPolicy::default()).await;
    let organiser = Client::member(server.addr).await;
    assert_eq!(organiser.exec("handle organisatrice").await.status, Some(0));
    let mut s = organiser.shell(100, 40).await;
    s.wait_status("1/9").await;
    s.send(b"\t").await;
    s.wait_text("Semaine du lundi").await;
    s.send(b"n").await;
    s.wait_text("Titre").await;
    // The form is filled in as a person would: a field, Tab, the next; the date as said.
    s.send("Balade numérique à Saillans\tdemain 18 h 30\t20 h".as_bytes()).await;
    s.wait_text("20 h 00").await;
    s.send(b"\truche").await;
    s.wait_text("▸ La Ruche des Trois Becs").await;
    s.send(b"\r\t\tOn marche, on parle fibre.").await;
    s.wait_text("On marche, on parle fibre.").await;
    s.send(b"\t20").await;
    s.send(&[0x13]).await;
    s.wait_status("Merci ! Votre rencontre paraîtra").await;
    live(&mut s, "the proposal marked as waiting", |t| t.contains("en attente de validation")).await;

    let pending = admin(&server, &["events", "list", "--pending", "--json"]);
    let event: serde_json::Value = serde_json::from_str(pending.lines().next().unwrap()).unwrap();
    assert_eq!(event["title"], "Balade numérique à Saillans");
    assert_eq!(event["organiser"], "organisatrice");
    assert_eq!(event["place"]["space"], "La Ruche des Trois Becs");
    assert_eq!(event["capacity"], 20);
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(1)).with_timezone(&chrono_tz::Europe::Paris);
    let starts: chrono::DateTime<chrono::Utc> = event["starts_at"].as_str().unwrap().parse().unwrap();
    let starts = starts.with_timezone(&chrono_tz::Europe::Paris);
    assert_eq!(starts.format("%Y-%m-%d %H:%M").to_string(), format!("{} 18:30", tomorrow.format("%Y-%m-%d")));
    let id = event["id"].as_i64().unwrap().to_string();
    admin(&server, &["events", "approve", &id]);
    live(&mut s, "approved", |t| t.contains("Balade numérique") && !t.contains("en attente de validation"))
        .await;

    // A member goes, leaves; the meetup is cancelled; on their next visit they are told.
    let key = key_from_seed([42; 32]);
    let attendee = Client::member_with(server.addr, key.clone()).await;
    assert_eq!(attendee.exec("handle suzon").await.status, Some(0));
    let mut sa = attendee.shell(100, 40).await;
    select(&mut sa, "Balade numérique").await;
    sa.send(b"o").await;
    sa.wait_status("✓ vous y allez").await;
    sa.send(b"\x03").await;
    sa.wait_exit().await;
    admin(&server, &["events", "cancel", &id]);
    let back = Client::member_with(server.addr, key).await;
    let mut sb = back.shell(100, 40).await;
    sb.wait_text("Depuis votre dernière visite").await;
    sb.wait_text("Annulée, vous y alliez · Balade numérique à Saillans").await;
}
