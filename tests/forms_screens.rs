//! Screen tests of the forms: the meetup form field by field, Tab and Shift-Tab, dates
//! read as people write them and shown back as understood, the space picked by searching
//! the directory, refusals said on their field in the member's language, Esc that asks only
//! when something changed, and single-line inputs that show where text is hidden.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use support::*;

use std::sync::Arc;

use chrono::{DateTime, TimeZone, Utc};

use cedille::domain::Identity;
use cedille::domain::event::ProposalError;
use cedille::domain::member::validate_handle;
use cedille::domain::space::{Commune, NewSpace, Space, SpaceKind, SpaceStatus};
use cedille::domain::spaces_query::SpaceHit;
use cedille::i18n::Lang;
use cedille::store::EventError;
use cedille::term::colors::ColorDepth;
use cedille::ui::{AgendaOp, AgendaResult, BulletinResult, ProfileOp, ProfileResult, SpacesOp, SpacesResult};
use cedille::ui::{App, Effect, Event, Key, Modal, View};

/// Friday 27 November 2026, 11:00 in Paris.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

fn member(handle: Option<&str>) -> Identity {
    Identity::Member { user_id: 1, fingerprint: "SHA256:abc".into(), handle: handle.map(String::from) }
}

/// The agenda, empty, with the meetup form open.
fn form(lang: Lang, cols: u16, rows: u16) -> App {
    let (mut app, _) = App::new(member(Some("camille")), lang, ColorDepth::Ansi256, (cols, rows), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(Vec::new().into()))));
    key(&mut app, Key::Tab);
    assert_eq!(app.view, View::Agenda);
    app.update(Event::Agenda(AgendaResult::Events(Ok(Vec::new()))));
    assert!(key(&mut app, Key::Char('n')).is_empty());
    assert!(matches!(app.modal, Some(Modal::Form(_))));
    app
}

fn space(id: i64, name: &str, commune: &str) -> SpaceHit {
    let fields = NewSpace {
        name: name.into(),
        kind: SpaceKind::Coworking,
        status: SpaceStatus::Open,
        address: String::new(),
        postcode: String::new(),
        commune_insee: String::new(),
        lat: 44.7,
        lon: 5.0,
        description: String::new(),
        amenities: Vec::new(),
        hours: None,
        price_day_cents: None,
        price_half_day_cents: None,
        price_month_cents: None,
        website: None,
        email: None,
        phone: None,
        verified_on: None,
        source: "demo".into(),
        source_id: format!("t-{id}"),
    };
    let space = Space { id, fields, commune: commune.into(), departement: "26".into() };
    SpaceHit { space, distance_km: None, open: None, at: None }
}

/// The line of the screen that holds `needle`.
fn line_of(s: &str, needle: &str) -> String {
    s.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no {needle}:\n{s}")).to_string()
}

#[test]
fn the_form_shows_labelled_fields_and_tab_moves_the_focus() {
    let mut app = form(Lang::Fr, 100, 30);
    let s = screen(&app);
    for label in ["Titre", "Début", "Fin", "Espace", "Adresse", "Commune", "Description", "Places"] {
        assert!(s.contains(label), "{label}:\n{s}");
    }
    // No template, no `champ:` line.
    assert!(!s.contains("titre:") && !s.contains('#'), "{s}");
    // What a field takes is said under it while it has the focus.
    let hint = "jeudi 10 décembre 14 h, demain 18 h 30";
    assert!(!s.contains(hint), "{s}");
    key(&mut app, Key::Tab);
    assert!(screen(&app).contains(hint), "{}", screen(&app));
    typed(&mut app, "x");
    // Shift-Tab goes back, ↓ forward, to the title, where the typing lands.
    key(&mut app, Key::BackTab);
    typed(&mut app, "Apéro");
    key(&mut app, Key::Down);
    key(&mut app, Key::Down);
    typed(&mut app, "y");
    let s = screen(&app);
    assert!(line_of(&s, "Titre").contains("Apéro"), "{s}");
    assert!(line_of(&s, "Début").contains('x'), "{s}");
    assert!(line_of(&s, "Fin").contains('y'), "{s}");
    assert!(s.contains("Tab ↑↓ champ") && s.contains("Ctrl-S envoyer"), "{s}");
}

#[test]
fn dates_are_read_as_people_write_them_and_shown_back() {
    let mut app = form(Lang::Fr, 100, 30);
    key(&mut app, Key::Tab);
    typed(&mut app, "jeudi 10 décembre 14h");
    assert!(screen(&app).contains("→ jeudi 10 décembre 2026, 14 h"), "{}", screen(&app));
    key(&mut app, Key::Tab);
    typed(&mut app, "16 h 30");
    let s = screen(&app);
    assert!(s.contains("→ jeudi 10 décembre 2026, 16 h 30"), "{s}");
    // A date that does not read says why, in words of the form's language.
    key(&mut app, Key::BackTab);
    for _ in 0..21 {
        key(&mut app, Key::Backspace);
    }
    typed(&mut app, "bientôt");
    let s = screen(&app);
    assert!(s.contains("« bientôt » n'est pas compris"), "{s}");
    for _ in 0..7 {
        key(&mut app, Key::Backspace);
    }
    typed(&mut app, "demain 18 h 30");
    assert!(screen(&app).contains("→ samedi 28 novembre 2026, 18 h 30"), "{}", screen(&app));
}

#[test]
fn the_space_is_picked_by_searching_the_directory() {
    let mut app = form(Lang::Fr, 100, 30);
    typed(&mut app, "Café fibre");
    key(&mut app, Key::Tab);
    typed(&mut app, "10/12 9h");
    key(&mut app, Key::Tab);
    key(&mut app, Key::Tab);
    let mut effects = Vec::new();
    for c in "fil".chars() {
        effects = key(&mut app, Key::Char(c));
    }
    assert_eq!(effects, vec![Effect::Spaces(SpacesOp::Suggest("fil".into()))]);
    assert!(screen(&app).contains("Recherche…"), "{}", screen(&app));
    let hits = vec![space(1, "La Filature du Quai", "Crest"), space(4, "Filons à Die", "Die")];
    // An answer for words no longer typed is dropped.
    app.update(Event::Spaces(SpacesResult::Suggested("fi".into(), Ok(Arc::new(hits.clone())))));
    assert!(!screen(&app).contains("La Filature"));
    app.update(Event::Spaces(SpacesResult::Suggested("fil".into(), Ok(Arc::new(hits)))));
    let s = screen(&app);
    assert!(s.contains("▸ La Filature du Quai · Crest") && s.contains("Filons à Die · Die"), "{s}");
    assert!(s.contains("↑↓ choisir"), "{s}");
    key(&mut app, Key::Down);
    assert!(screen(&app).contains("▸ Filons à Die"), "{}", screen(&app));
    key(&mut app, Key::Enter);
    let s = screen(&app);
    assert!(line_of(&s, "│ Espace").contains("Filons à Die"), "{s}");
    assert!(!s.contains("▸"), "{s}");
    let effects = key(&mut app, Key::Ctrl('s'));
    let [Effect::Agenda(AgendaOp::ProposeEvent(p))] = &effects[..] else { panic!("{effects:?}\n{s}") };
    assert_eq!((p.title.as_str(), p.space.as_deref()), ("Café fibre", Some("#4")));
    assert_eq!(p.starts_at, Utc.with_ymd_and_hms(2026, 12, 10, 8, 0, 0).unwrap());
    assert!(screen(&app).contains("Envoi…"));
    app.update(Event::Agenda(AgendaResult::ProposalDone(Ok(9))));
    assert!(app.modal.is_none());
    assert!(screen(&app).contains("Merci ! Votre rencontre paraîtra"), "{}", screen(&app));
}

fn commune(name: &str, insee: &str, postcode: &str) -> Commune {
    let departement = insee[..2].to_string();
    let postcodes = vec![postcode.to_string()];
    Commune {
        insee: insee.into(),
        name: name.into(),
        departement,
        postcodes,
        population: 0,
        lat: 44.7,
        lon: 5.0,
    }
}

#[test]
fn the_town_of_a_meetup_is_offered_for_its_postcode() {
    let mut app = form(Lang::Fr, 100, 34);
    typed(&mut app, "Café fibre");
    key(&mut app, Key::Tab);
    typed(&mut app, "10/12 9h");
    for _ in 0..4 {
        key(&mut app, Key::Tab);
    }
    let mut effects = Vec::new();
    for c in "26400".chars() {
        effects = key(&mut app, Key::Char(c));
    }
    assert_eq!(effects, vec![Effect::Spaces(SpacesOp::CompleteCommune("26400".into()))]);
    let towns = vec![commune("Crest", "26108", "26400"), commune("Aouste-sur-Sye", "26011", "26400")];
    app.update(Event::Spaces(SpacesResult::Communes("26400".into(), towns)));
    let s = screen(&app);
    assert!(s.contains("▸ Crest · 26400") && s.contains("Aouste-sur-Sye · 26400"), "{s}");
    // What is offered for its INSEE code says so.
    key(&mut app, Key::Backspace);
    key(&mut app, Key::Char('0'));
    let mut towns = vec![commune("Crest", "26108", "26400"), commune("Aouste-sur-Sye", "26011", "26400")];
    towns.push(commune("Ailleurs", "26400", "26999"));
    app.update(Event::Spaces(SpacesResult::Communes("26400".into(), towns)));
    let s = screen(&app);
    assert!(s.contains("Ailleurs · code INSEE 26400"), "{s}");
    key(&mut app, Key::Down);
    key(&mut app, Key::Enter);
    let s = screen(&app);
    assert!(line_of(&s, "│ Commune").contains("Aouste-sur-Sye"), "{s}");
    let effects = key(&mut app, Key::Ctrl('s'));
    let [Effect::Agenda(AgendaOp::ProposeEvent(p))] = &effects[..] else { panic!("{effects:?}\n{s}") };
    assert_eq!((p.space.as_deref(), p.commune.as_deref()), (None, Some("Aouste-sur-Sye")));
}

#[test]
fn refusals_are_said_on_their_field_in_english() {
    let mut app = form(Lang::En, 100, 30);
    assert!(key(&mut app, Key::Ctrl('s')).is_empty());
    let s = screen(&app);
    assert!(s.contains("Propose a meetup") && s.contains("Give the meetup a title."), "{s}");
    typed(&mut app, "Fibre walk");
    key(&mut app, Key::Tab);
    typed(&mut app, "tomorrow 6:30 pm");
    assert!(screen(&app).contains("→ Saturday 28 November 2026, 18:30"), "{}", screen(&app));
    // The space field is skipped; the town is given.
    for _ in 0..4 {
        key(&mut app, Key::Enter);
    }
    typed(&mut app, "Sallians");
    let effects = key(&mut app, Key::Ctrl('s'));
    let [Effect::Agenda(AgendaOp::ProposeEvent(p))] = &effects[..] else { panic!("{effects:?}") };
    assert_eq!(p.commune.as_deref(), Some("Sallians"));
    app.update(Event::Agenda(AgendaResult::ProposalDone(Err(EventError::Invalid(
        ProposalError::UnknownCommune("Sallians".into()),
    )))));
    let s = screen(&app);
    let town = s.lines().position(|l| l.contains("Town")).unwrap();
    let error = s.lines().position(|l| l.contains("“Sallians” is not a town of Drôme or Ardèche.")).unwrap();
    assert_eq!(error, town + 1, "{s}");
    for french in ["Pas encore", "début", "commune :", "n'est pas"] {
        assert!(!s.contains(french), "{french}:\n{s}");
    }
    // A capacity that is not a number: on its field, the focus there.
    key(&mut app, Key::Tab);
    key(&mut app, Key::Tab);
    typed(&mut app, "many");
    key(&mut app, Key::Enter);
    let s = screen(&app);
    let places = s.lines().position(|l| l.contains("│ Places")).unwrap();
    assert!(s.lines().nth(places + 1).unwrap().contains("“many” is not a number from 1 to"), "{s}");
}

#[test]
fn esc_closes_an_untouched_form_and_asks_for_a_draft() {
    let mut app = form(Lang::Fr, 100, 30);
    key(&mut app, Key::Esc);
    assert!(app.modal.is_none(), "{}", screen(&app));
    key(&mut app, Key::Char('n'));
    typed(&mut app, "A");
    key(&mut app, Key::Esc);
    assert!(screen(&app).contains("Abandonner ce brouillon ?"), "{}", screen(&app));
    key(&mut app, Key::Char('n'));
    assert!(matches!(app.modal, Some(Modal::Form(_))));
    // Back to as it was: nothing to lose.
    key(&mut app, Key::Backspace);
    key(&mut app, Key::Esc);
    assert!(app.modal.is_none());
}

#[test]
fn the_form_fits_small_and_large_windows() {
    for (cols, rows) in [(60, 20), (200, 60)] {
        let mut app = form(Lang::Fr, cols, rows);
        for _ in 0..7 {
            key(&mut app, Key::Tab);
        }
        typed(&mut app, "12");
        let s = screen(&app);
        assert!(line_of(&s, "Places").contains("12"), "{cols}×{rows}:\n{s}");
        assert!(s.lines().all(|l| l.chars().count() == usize::from(cols)));
        key(&mut app, Key::BackTab);
        let s = screen(&app);
        assert!(s.contains("Description"), "{cols}×{rows}:\n{s}");
    }
}

#[test]
fn a_handle_with_accents_is_refused_whole_with_a_suggestion() {
    let (mut app, _) = App::new(member(None), Lang::Fr, ColorDepth::Ansi256, (60, 20), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(Vec::new().into()))));
    key(&mut app, Key::Char('p'));
    app.update(Event::Profile(ProfileResult::Profile(Err(cedille::domain::Fault::Unavailable))));
    key(&mut app, Key::Char('h'));
    typed(&mut app, "Hélène");
    assert_eq!(key(&mut app, Key::Enter), vec![Effect::Profile(ProfileOp::SetHandle("Hélène".into()))]);
    app.update(Event::Profile(ProfileResult::HandleSet(Err(validate_handle("Hélène").unwrap_err()))));
    let s = screen(&app);
    let flat: String = s.lines().map(|l| l.trim().trim_matches('│').trim()).collect::<Vec<_>>().join(" ");
    assert!(flat.contains("(pas « é »). Essayez « helene »."), "{s}");
}

#[test]
fn single_line_inputs_show_where_text_is_hidden() {
    let (mut app, _) = App::new(member(None), Lang::Fr, ColorDepth::Ansi256, (60, 20), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(Vec::new().into()))));
    key(&mut app, Key::Char('p'));
    app.update(Event::Profile(ProfileResult::Profile(Err(cedille::domain::Fault::Unavailable))));
    key(&mut app, Key::Char('b'));
    typed(&mut app, &"une présentation bien trop longue pour la ligne ".repeat(2));
    let s = screen(&app);
    assert!(s.contains('‹') && !s.contains('›'), "{s}");
    key(&mut app, Key::Home);
    let s = screen(&app);
    assert!(s.contains('›') && !s.contains('‹') && s.contains("une présentation"), "{s}");
}
