//! Screen tests of the Agenda: meetups by week, one in detail, « j'y vais », the proposal
//! form, guests, small and large windows, no colour.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use chrono::{DateTime, Duration, TimeZone, Utc};

use cedille::domain::Identity;
use cedille::domain::event::ProposalError;
use cedille::domain::event::{Event as Meetup, EventStatus, Place, Rsvp};
use cedille::i18n::Lang;
use cedille::store::EventError;
use cedille::term::colors::ColorDepth;
use cedille::ui::{AgendaOp, AgendaResult, BulletinResult, ProfileOp, ProfileResult};
use cedille::ui::{App, Effect, Event, Key, View};

/// A Friday, so that the week headings are easy to check.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

fn meetup(id: i64, title: &str, days: i64, capacity: Option<i64>, going: i64, mine: Rsvp) -> Meetup {
    let starts_at = now() + Duration::days(days) + Duration::hours(7);
    Meetup {
        id,
        title: title.into(),
        starts_at,
        ends_at: starts_at + Duration::hours(2),
        place: Place {
            space_id: Some(1),
            space: Some("La Filature du Quai".into()),
            address: "9 quai Soubeyran".into(),
            postcode: "26400".into(),
            commune: "Crest".into(),
            commune_insee: "26108".into(),
            lat: Some(44.72),
            lon: Some(5.02),
        },
        description: "On se retrouve **au chaud**.".into(),
        organiser: None,
        capacity,
        status: EventStatus::Approved,
        going,
        waiting: 0,
        mine,
        attendees: Vec::new(),
        distance_km: None,
    }
}

fn list() -> Vec<Meetup> {
    let mut cancelled = meetup(3, "Soirée annulée\u{1b}[2J", 9, None, 0, Rsvp::No);
    cancelled.status = EventStatus::Cancelled;
    vec![
        meetup(1, "Café télétravail de Crest", 1, None, 4, Rsvp::Going),
        meetup(2, "Déjeuner des indépendants", 4, Some(2), 2, Rsvp::No),
        cancelled,
    ]
}

fn member(handle: Option<&str>) -> Identity {
    Identity::Member { user_id: 1, fingerprint: "SHA256:abc".into(), handle: handle.map(String::from) }
}

fn agenda(identity: Identity, depth: ColorDepth, cols: u16, rows: u16) -> App {
    let (mut app, _) = App::new(identity, Lang::Fr, depth, (cols, rows), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(Vec::new().into()))));
    assert_eq!(app.update(Event::Key(Key::Tab)), vec![Effect::Agenda(AgendaOp::Load { past: false })]);
    assert_eq!(app.view, View::Agenda);
    app.update(Event::Agenda(AgendaResult::Events(Ok(list()))));
    app
}

#[test]
fn meetups_are_grouped_by_week_with_places_and_answers() {
    let app = agenda(member(Some("camille")), ColorDepth::Ansi256, 100, 30);
    let s = screen(&app);
    assert!(s.contains("Cédille · Agenda   Tab → Espaces"), "{s}");
    assert!(s.contains("Semaine du lundi 23 novembre") && s.contains("Semaine du lundi 30 novembre"), "{s}");
    assert!(s.contains("▌ sam. 28 nov. 18:00–20:00  Café télétravail de Crest"), "{s}");
    assert!(s.contains("La Filature du Quai · Crest · 4 inscrits"), "{s}");
    assert!(s.contains("✓"), "the member's answer shows: {s}");
    assert!(s.contains("complet") && s.contains("2 inscrits sur 2 places"), "{s}");
    assert!(s.contains("annulée") && s.contains("Soirée annulée[2J"), "hostile text cleaned: {s}");
    assert!(!s.contains('\u{1b}'));
    assert!(s.lines().last().unwrap().contains("o j'y vais"), "{s}");
}

#[test]
fn the_detail_says_when_where_who_and_answers() {
    let mut app = agenda(member(Some("camille")), ColorDepth::Ansi256, 100, 30);
    key(&mut app, Key::Down);
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Agenda(AgendaOp::LoadEvent(2))]);
    assert!(screen(&app).contains("Chargement"));
    let mut full = meetup(2, "Déjeuner des indépendants", 4, Some(2), 2, Rsvp::No);
    full.attendees = vec!["nour".into(), "sofia".into()];
    full.waiting = 1;
    app.update(Event::Agenda(AgendaResult::Event(Ok(Box::new(full)))));
    let s = screen(&app);
    assert!(
        s.contains("Déjeuner des indépendants") && s.contains("mardi 1er décembre 2026, 18:00–20:00"),
        "{s}"
    );
    assert!(s.contains("La Filature du Quai, 9 quai Soubeyran, 26400 Crest"), "{s}");
    assert!(s.contains("Organisé par l'association."), "{s}");
    assert!(s.contains("2 inscrits sur 2 places · 1 en attente"), "{s}");
    assert!(s.contains("On se retrouve au chaud."), "Markdown rendered: {s}");
    assert!(s.contains("Participants") && s.contains("nour, sofia"), "{s}");
    // Full: going puts the member on the waiting list, said on the status line.
    assert_eq!(key(&mut app, Key::Char('o')), vec![Effect::Agenda(AgendaOp::Rsvp { id: 2, going: true })]);
    let effects = app.update(Event::Agenda(AgendaResult::RsvpDone(2, Ok(Rsvp::Waiting(2)))));
    assert_eq!(
        effects,
        vec![Effect::Agenda(AgendaOp::Load { past: false }), Effect::Agenda(AgendaOp::LoadEvent(2))]
    );
    assert!(screen(&app).contains("liste d'attente : n° 2"), "{}", screen(&app));
    // Tab stays in the detail; Esc goes back to the list.
    assert!(key(&mut app, Key::Tab).is_empty() || app.view == View::Agenda);
    key(&mut app, Key::Esc);
    assert!(screen(&app).contains("Semaine du lundi"));
}

#[test]
fn guests_and_members_without_a_handle_are_shown_the_way() {
    let mut app = agenda(Identity::Guest, ColorDepth::Ansi256, 80, 24);
    assert!(key(&mut app, Key::Char('o')).is_empty());
    assert!(screen(&app).contains("ssh-keygen"), "{}", screen(&app));
    key(&mut app, Key::Esc);
    assert!(key(&mut app, Key::Char('n')).is_empty());
    assert!(screen(&app).contains("ssh-keygen"));

    let mut app = agenda(member(None), ColorDepth::Ansi256, 80, 24);
    key(&mut app, Key::Down);
    assert!(key(&mut app, Key::Char('o')).is_empty());
    assert!(screen(&app).contains("Choisissez votre pseudo"), "{}", screen(&app));
    // Once the handle is chosen, the answer goes through without another key.
    for c in "camille".chars() {
        key(&mut app, Key::Char(c));
    }
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Profile(ProfileOp::SetHandle("camille".into()))]);
    assert_eq!(
        app.update(Event::Profile(ProfileResult::HandleSet(Ok("camille".into())))),
        vec![Effect::Agenda(AgendaOp::Rsvp { id: 2, going: true })]
    );
    // A cancelled meetup cannot be joined, and says why.
    let mut app = agenda(member(Some("camille")), ColorDepth::Ansi256, 80, 24);
    key(&mut app, Key::End);
    assert!(key(&mut app, Key::Char('o')).is_empty());
    assert!(screen(&app).contains("Cette rencontre est annulée."), "{}", screen(&app));
}

#[test]
fn a_proposal_is_checked_in_the_form_then_by_the_store() {
    let mut app = agenda(member(Some("camille")), ColorDepth::Ansi256, 100, 30);
    assert!(key(&mut app, Key::Char('n')).is_empty());
    let s = screen(&app);
    assert!(s.contains("Proposer une rencontre") && s.contains("Titre") && s.contains("Début"), "{s}");
    // Sent empty: the form says what is missing, beside the title.
    assert!(key(&mut app, Key::Ctrl('s')).is_empty());
    assert!(screen(&app).contains("Donnez un titre à la rencontre."), "{}", screen(&app));
    // Filled in: a paste lands in the field with the focus.
    app.update(Event::Paste("Apéro fibre".into()));
    key(&mut app, Key::Tab);
    app.update(Event::Paste("2026-12-12 18:00".into()));
    for _ in 0..4 {
        key(&mut app, Key::Tab);
    }
    app.update(Event::Paste("Saillans".into()));
    let effects = key(&mut app, Key::Ctrl('s'));
    let [Effect::Agenda(AgendaOp::ProposeEvent(p))] = &effects[..] else {
        panic!("{effects:?}\n{}", screen(&app))
    };
    assert_eq!((p.title.as_str(), p.commune.as_deref()), ("Apéro fibre", Some("Saillans")));
    // The store refuses the place: the form stays open with the reason, on the field.
    app.update(Event::Agenda(AgendaResult::ProposalDone(Err(EventError::Invalid(
        ProposalError::UnknownCommune("Sallians".into()),
    )))));
    assert!(
        screen(&app).contains("« Sallians » n'est pas une commune de la Drôme ou de l'Ardèche."),
        "{}",
        screen(&app)
    );
    key(&mut app, Key::Ctrl('s'));
    let effects = app.update(Event::Agenda(AgendaResult::ProposalDone(Ok(8))));
    assert_eq!(effects, vec![Effect::Agenda(AgendaOp::Load { past: false })]);
    let s = screen(&app);
    assert!(s.contains("Merci ! Votre rencontre paraîtra") && !s.contains("Titre"), "{s}");
}

#[test]
fn past_meetups_fit_small_and_large_windows_without_colour() {
    for (cols, rows) in [(60, 20), (200, 60)] {
        let mut app = agenda(member(Some("camille")), ColorDepth::None, cols, rows);
        assert_eq!(key(&mut app, Key::Char('v')), vec![Effect::Agenda(AgendaOp::Load { past: true })]);
        app.update(Event::Agenda(AgendaResult::Events(Ok(list()))));
        let s = screen(&app);
        assert!(s.contains("Rencontres passées") && s.contains("Café télétravail"), "{cols}×{rows}:\n{s}");
        assert!(s.lines().all(|l| l.chars().count() == usize::from(cols)));
        app.update(Event::Agenda(AgendaResult::Events(Ok(Vec::new()))));
        assert!(screen(&app).contains("Aucune rencontre passée."));
    }
}

/// A profile belongs to the section it was opened from: the top bar says where Esc goes back.
#[test]
fn a_profile_opened_from_the_agenda_is_headed_agenda() {
    let mut app = agenda(member(Some("camille")), ColorDepth::Ansi256, 80, 24);
    key(&mut app, Key::Char('p'));
    assert_eq!(app.view, View::Profile);
    let s = screen(&app);
    assert!(s.lines().next().unwrap().contains("Cédille · Agenda"), "{s}");
    key(&mut app, Key::Esc);
    assert_eq!(app.view, View::Agenda);
}
