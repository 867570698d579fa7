//! Screen tests of the spaces directory: the App driven by events with made-up search
//! results (no store), drawn on ratatui's TestBackend, checked on what a person reads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, NaiveDate, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use cedille::domain::{Amenity, ArticleSummary, Commune, Identity, NewSpace, Space, SpaceKind, SpaceStatus};
use cedille::i18n::Lang;
use cedille::store::{SpaceHit, SpaceQuery};
use cedille::term::colors::ColorDepth;
use cedille::ui::{self, App, Effect, Event, Key, View};
use cedille::ui::{AgendaOp, BulletinOp, BulletinResult, ProfileOp, SpacesOp, SpacesResult};

/// Friday 27 November 2026, 13:00 in Paris.
fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-27T12:00:00Z").unwrap().with_timezone(&Utc)
}

#[allow(clippy::too_many_arguments)]
fn space(
    id: i64,
    name: &str,
    kind: SpaceKind,
    status: SpaceStatus,
    commune: &str,
    (lat, lon): (f64, f64),
    amenities: &[Amenity],
    hours: Option<&str>,
) -> Space {
    // West of the Rhône is Ardèche, near enough for these few places.
    let departement = if lon < 4.85 { "07" } else { "26" };
    Space {
        id,
        fields: NewSpace {
            name: name.into(),
            kind,
            status,
            address: String::new(),
            postcode: String::new(),
            commune_insee: String::new(),
            lat,
            lon,
            description: String::new(),
            amenities: amenities.to_vec(),
            hours: hours.map(String::from),
            price_day_cents: None,
            price_half_day_cents: None,
            price_month_cents: None,
            website: None,
            email: None,
            phone: None,
            verified_on: None,
            source: "demo".into(),
            source_id: format!("t-{id}"),
        },
        commune: commune.into(),
        departement: departement.into(),
    }
}

const FILATURE: &str = "La Filature du Quai";
const RUCHE: &str = "La Ruche des Trois Becs";
const BELVEDERE: &str = "Le Belvédère";
const QUAI: &str = "Quai 07";
const GLANDASSE: &str = "L'Atelier du Glandasse";

/// Five spaces: open now, closed now, hours unknown, planned, a fablab far away.
fn hits() -> Vec<SpaceHit> {
    let mut filature = space(
        1,
        FILATURE,
        SpaceKind::Coworking,
        SpaceStatus::Open,
        "Crest",
        (44.727512, 5.021930),
        &[Amenity::Fibre, Amenity::Wifi, Amenity::Kitchen],
        Some("Mo-Fr 08:30-18:00; Sa 09:00-12:00"),
    );
    filature.fields.address = "9 quai Soubeyran".into();
    filature.fields.postcode = "26400".into();
    filature.fields.commune_insee = "26108".into();
    filature.fields.price_day_cents = Some(1500);
    filature.fields.price_half_day_cents = Some(900);
    filature.fields.price_month_cents = Some(18000);
    filature.fields.website = Some("https://filature.example".into());
    filature.fields.verified_on = NaiveDate::from_ymd_opt(2026, 10, 14);
    filature.fields.description = "Au cœur de Crest, au pied de la tour.".into();
    vec![
        SpaceHit { space: filature, distance_km: Some(3.42), open: Some(true), at: None },
        SpaceHit {
            space: space(
                2,
                RUCHE,
                SpaceKind::TiersLieu,
                SpaceStatus::Open,
                "Saillans",
                (44.698640, 5.195880),
                &[Amenity::Wifi, Amenity::Bike],
                Some("Tu-Sa 09:00-17:00"),
            ),
            distance_km: Some(12.3),
            open: Some(false),
            at: None,
        },
        SpaceHit {
            space: space(
                3,
                BELVEDERE,
                SpaceKind::Coworking,
                SpaceStatus::Open,
                "Privas",
                (44.736100, 4.597300),
                &[],
                None,
            ),
            distance_km: None,
            open: None,
            at: None,
        },
        SpaceHit {
            space: space(
                4,
                QUAI,
                SpaceKind::Coworking,
                SpaceStatus::Planned,
                "Tournon-sur-Rhône",
                (45.066900, 4.834100),
                &[Amenity::Fibre],
                None,
            ),
            distance_km: Some(58.0),
            open: None,
            at: None,
        },
        SpaceHit {
            space: space(
                5,
                GLANDASSE,
                SpaceKind::Fablab,
                SpaceStatus::Open,
                "Die",
                (44.754900, 5.366400),
                &[Amenity::Printer],
                Some("We 14:00-19:00"),
            ),
            distance_km: Some(27.6),
            open: Some(false),
            at: None,
        },
    ]
}

fn commune(name: &str, insee: &str, postcode: &str, population: i64, (lat, lon): (f64, f64)) -> Commune {
    Commune {
        insee: insee.into(),
        name: name.into(),
        departement: insee[..2].into(),
        postcodes: vec![postcode.into()],
        population,
        lat,
        lon,
    }
}

fn crest() -> Commune {
    commune("Crest", "26108", "26400", 8658, (44.728775, 5.023815))
}

fn cruas() -> Commune {
    commune("Cruas", "07076", "07350", 2898, (44.657324, 4.765189))
}

fn member() -> Identity {
    Identity::Member { user_id: 1, fingerprint: "SHA256:abcdefghijklmnopqrstuvwxyz".into(), handle: None }
}

fn key(app: &mut App, k: Key) -> Vec<Effect> {
    app.update(Event::Key(k))
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| key(app, Key::Char(c))).collect()
}

/// The searches among `effects`: (seq, query).
fn searches(effects: &[Effect]) -> Vec<(u64, SpaceQuery)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Spaces(SpacesOp::Search { seq, query }) => Some((*seq, query.clone())),
            _ => None,
        })
        .collect()
}

/// The one search among `effects`.
fn search(effects: &[Effect]) -> (u64, SpaceQuery) {
    let list = searches(effects);
    assert_eq!(list.len(), 1, "one search expected: {effects:?}");
    list.into_iter().next().unwrap()
}

/// Answers the last search of `effects` with `list`.
fn answer(app: &mut App, effects: &[Effect], list: Vec<SpaceHit>) {
    let (seq, _) = searches(effects).pop().unwrap_or_else(|| panic!("no search in {effects:?}"));
    let total = list.len();
    assert!(app.update(Event::Spaces(SpacesResult::Found(seq, Ok((list.into(), total))))).is_empty());
}

/// From the bulletin, Tab through the agenda to the directory: what arriving there asked.
fn to_spaces(app: &mut App) -> Vec<Effect> {
    assert!(matches!(key(app, Key::Tab).as_slice(), [Effect::Agenda(AgendaOp::Load { .. })]));
    key(app, Key::Tab)
}

/// The directory open on the made-up results.
fn directory(depth: ColorDepth, cols: u16, rows: u16) -> App {
    let (mut app, _) = App::new(member(), Lang::Fr, depth, (cols, rows), now());
    app.update(Event::Bulletin(BulletinResult::Articles(Ok(Vec::<ArticleSummary>::new().into()))));
    let effects = to_spaces(&mut app);
    let (seq, query) = search(&effects);
    assert_eq!((seq, query), (1, SpaceQuery::default()));
    assert_eq!(app.view, View::Spaces);
    answer(&mut app, &effects, hits());
    app
}

fn render(app: &App) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(app.size.0, app.size.1)).unwrap();
    t.draw(|f| ui::draw(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// One string per row, every cell, no-break spaces read as spaces.
fn rows_of(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .replace('\u{a0}', " ")
        })
        .collect()
}

fn rows(app: &App) -> Vec<String> {
    rows_of(&render(app))
}

fn screen(app: &App) -> String {
    rows(app).join("\n")
}

/// The row holding `needle`, if any.
fn row_with<'a>(rows: &'a [String], needle: &str) -> Option<&'a String> {
    rows.iter().find(|r| r.contains(needle))
}

/// Words separated by one space: columns of a table compared as a person reads them.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The line under the search line: what filters apply, and how many spaces match.
fn summary(app: &App) -> String {
    rows(app)[2].trim().to_string()
}

/// Types `typed_text` in the « Près de… » prompt, answers its completion with `offers`,
/// presses Enter, then answers the search that follows with `list`.
fn choose_near(app: &mut App, typed_text: &str, offers: Vec<Commune>, list: Vec<SpaceHit>) {
    key(app, Key::Char('n'));
    let effects = typed(app, typed_text);
    assert_eq!(
        effects.last(),
        Some(&Effect::Spaces(SpacesOp::CompleteCommune(typed_text.to_string()))),
        "{effects:?}"
    );
    assert!(app.update(Event::Spaces(SpacesResult::Communes(typed_text.to_string(), offers))).is_empty());
    let effects = key(app, Key::Enter);
    assert!(app.modal.is_none(), "the prompt closes once a town is chosen");
    answer(app, &effects, list);
}

// ---------------------------------------------------------------------------------------
// The list
// ---------------------------------------------------------------------------------------

#[test]
fn the_list_shows_each_space_with_its_state_kind_town_distance_and_amenities() {
    let app = directory(ColorDepth::Ansi256, 100, 30);
    let r = rows(&app);
    assert!(r[0].contains("Cédille · Espaces") && r[0].contains("Tab → Réseau"), "{}", r[0]);
    assert!(r[1].contains("/ pour chercher : nom, commune, équipement…"), "{}", r[1]);
    assert!(r[2].trim_end().ends_with("5 espaces"), "{}", r[2]);
    let s = r.join("\n");

    // The name and the badge share a row; the details are on the next.
    let name_row =
        |name: &str| r.iter().position(|l| l.contains(name)).unwrap_or_else(|| panic!("{name}:\n{s}"));
    let expect = [
        (FILATURE, "● ouvert maintenant", "coworking · Crest · 3,4 km · fibre, wifi, cuisine"),
        (RUCHE, "○ fermé maintenant", "tiers-lieu · Saillans · 12 km · wifi, vélo"),
        (BELVEDERE, "? horaires inconnus", "coworking · Privas"),
        (QUAI, "○ en projet", "coworking · Tournon-sur-Rhône · 58 km · fibre"),
        (GLANDASSE, "○ fermé maintenant", "fablab · Die · 28 km · imprimante"),
    ];
    for (name, badge, details) in expect {
        let y = name_row(name);
        assert!(r[y].trim_end().ends_with(badge), "badge of {name}: {:?}", r[y]);
        assert_eq!(r[y + 1].trim_end().trim_start_matches([' ', '▌']).trim(), details, "{s}");
    }
    // A planned space says so, not whether it is open at this hour.
    assert!(!r[name_row(QUAI)].contains("maintenant"), "{s}");
    // The first is selected, marked by a glyph.
    assert!(r[name_row(FILATURE)].starts_with(" ▌ "), "{s}");
    assert!(r[name_row(RUCHE)].starts_with("   "), "{s}");
    let status = r.last().unwrap();
    assert!(
        status.contains("/ chercher") && status.contains("f filtres") && status.contains("m carte"),
        "{status}"
    );

    // ↓ / j / k move the selection.
    let mut app = app;
    key(&mut app, Key::Down);
    key(&mut app, Key::Char('j'));
    let r = rows(&app);
    assert!(row_with(&r, BELVEDERE).unwrap().starts_with(" ▌ "), "{}", r.join("\n"));
    key(&mut app, Key::Char('k'));
    assert!(row_with(&rows(&app), RUCHE).unwrap().starts_with(" ▌ "));
    // A new question selects its best answer, the first one, so that it is on screen.
    let mut reordered = hits();
    reordered.reverse();
    let first = reordered[0].space.fields.name.clone();
    let effects = key(&mut app, Key::Char('o'));
    answer(&mut app, &effects, reordered);
    assert_eq!(app.spaces.selected_hit().unwrap().space.fields.name, first);
}

#[test]
fn a_place_closed_for_good_does_not_read_as_closed_for_the_night() {
    let mut app = directory(ColorDepth::None, 100, 34);
    let mut list = hits();
    list.push(SpaceHit {
        space: space(
            6,
            "La Halle de Vals",
            SpaceKind::TiersLieu,
            SpaceStatus::Closed,
            "Vals-les-Bains",
            (44.665900, 4.344100),
            &[],
            Some("Mo-Fr 09:00-18:00"),
        ),
        distance_km: None,
        open: Some(false),
        at: None,
    });
    let effects = key(&mut app, Key::Char('o'));
    answer(&mut app, &effects, list);
    let r = rows(&app);
    let s = r.join("\n");
    assert!(row_with(&r, "La Halle de Vals").unwrap().trim_end().ends_with("○ fermé définitivement"), "{s}");
    assert!(row_with(&r, RUCHE).unwrap().trim_end().ends_with("○ fermé maintenant"), "{s}");
    key(&mut app, Key::Char('L'));
    let r = rows(&app);
    assert!(
        row_with(&r, "La Halle de Vals").unwrap().trim_end().ends_with("○ closed for good"),
        "{}",
        r.join("\n")
    );
}

#[test]
fn tab_goes_round_to_the_bulletin_and_returns_without_searching_again() {
    let mut app = directory(ColorDepth::Ansi256, 80, 24);
    // Through « Réseau », then back to the bulletin.
    assert!(matches!(key(&mut app, Key::Tab).as_slice(), [Effect::Network(_)]));
    assert_eq!(key(&mut app, Key::Tab), vec![Effect::Bulletin(BulletinOp::LoadArticles)]);
    assert_eq!(app.view, View::List);
    assert!(rows(&app)[0].contains("Cédille · Bulletin"), "{}", screen(&app));
    key(&mut app, Key::Tab);
    assert!(key(&mut app, Key::Tab).is_empty());
    assert!(screen(&app).contains(FILATURE));
    // `q` on the list goes back to the bulletin too.
    assert_eq!(key(&mut app, Key::Char('q')), vec![Effect::Bulletin(BulletinOp::LoadArticles)]);
    assert_eq!(app.view, View::List);
}

#[test]
fn nothing_found_and_a_failed_search_say_so() {
    let (mut app, _) = App::new(member(), Lang::Fr, ColorDepth::Ansi256, (80, 24), now());
    let effects = to_spaces(&mut app);
    assert!(screen(&app).contains("Chargement"), "{}", screen(&app));
    answer(&mut app, &effects, Vec::new());
    let s = screen(&app);
    assert!(s.contains("Aucun espace ne répond à ces critères. x efface les filtres."), "{s}");
    assert!(s.contains("aucun espace"), "{s}");
    let (seq, _) = search(&key(&mut app, Key::Char('o')));
    app.update(Event::Spaces(SpacesResult::Found(seq, Err(cedille::domain::Fault::Unavailable))));
    assert!(screen(&app).contains("Impossible de lire la base"), "{}", screen(&app));
}

// ---------------------------------------------------------------------------------------
// Search, filters, near, open at
// ---------------------------------------------------------------------------------------

#[test]
fn the_summary_line_tells_every_filter_and_the_sort() {
    let mut app = directory(ColorDepth::Ansi256, 110, 30);
    assert!(summary(&app).starts_with("aucun filtre  │ tri : pertinence"), "{}", summary(&app));

    // Fibre, from the filters box (row 1: the first amenity).
    key(&mut app, Key::Char('f'));
    key(&mut app, Key::Down);
    let effects = key(&mut app, Key::Char(' '));
    answer(&mut app, &effects, hits());
    key(&mut app, Key::Esc);
    assert!(summary(&app).starts_with("fibre  │ tri : pertinence"), "{}", summary(&app));

    // Open now.
    let effects = key(&mut app, Key::Char('o'));
    assert_eq!(search(&effects).1.open, Some(cedille::store::OpenAt::Now));
    answer(&mut app, &effects, hits());

    // Near Crest: distances, sorted by distance.
    choose_near(&mut app, "Crest", vec![crest()], hits());
    assert_eq!(app.spaces.query.sort, cedille::store::SpaceSort::Distance);

    // `w` cycles the radius: 5, 10, 20 km.
    let mut radii = Vec::new();
    for _ in 0..3 {
        let effects = key(&mut app, Key::Char('w'));
        radii.push(search(&effects).1.within_km);
        answer(&mut app, &effects, hits());
    }
    assert_eq!(radii, vec![Some(5.0), Some(10.0), Some(20.0)]);
    let s = summary(&app);
    // The order is fixed (open, amenities, kind, status, département, town, radius), not
    // the order the filters were chosen in.
    assert!(
        s.starts_with("ouvert maintenant · fibre · près de Crest · à moins de 20 km  │ tri : distance"),
        "{s}"
    );
    assert!(s.ends_with("5 espaces"), "{s}");

    // `w` goes on to 50 km, then anywhere.
    let effects = key(&mut app, Key::Char('w'));
    answer(&mut app, &effects, hits());
    assert!(summary(&app).contains("à moins de 50 km"), "{}", summary(&app));
    let effects = key(&mut app, Key::Char('w'));
    assert_eq!(search(&effects).1.within_km, None);
    answer(&mut app, &effects, hits());
    assert!(!summary(&app).contains("à moins de"), "{}", summary(&app));

    // `s` cycles the sort: distance → pertinence → nom → distance.
    let mut sorts = Vec::new();
    for _ in 0..3 {
        let effects = key(&mut app, Key::Char('s'));
        answer(&mut app, &effects, hits());
        sorts.push(summary(&app).split("│ ").nth(1).unwrap().split("  ").next().unwrap().to_string());
    }
    assert_eq!(sorts, ["tri : pertinence", "tri : nom", "tri : distance"]);

    // `x` clears everything.
    let effects = key(&mut app, Key::Char('x'));
    assert_eq!(search(&effects).1, SpaceQuery::default());
    answer(&mut app, &effects, hits());
    assert!(summary(&app).starts_with("aucun filtre  │ tri : pertinence"), "{}", summary(&app));
    // Without a town, `w` does nothing and `s` skips « distance ».
    assert!(key(&mut app, Key::Char('w')).is_empty());
    key(&mut app, Key::Char('s'));
    let effects = key(&mut app, Key::Char('s'));
    assert_eq!(search(&effects).1.sort, cedille::store::SpaceSort::Relevance);
}

#[test]
fn typing_in_the_search_line_searches_each_time_and_stale_answers_are_dropped() {
    let mut app = directory(ColorDepth::Ansi256, 100, 30);
    assert!(key(&mut app, Key::Char('/')).is_empty());
    assert!(rows(&app).last().unwrap().contains("Entrée valider"), "{}", screen(&app));

    // Every key that changes the text asks for a search, numbered in order.
    let effects = typed(&mut app, "crest");
    let asked: Vec<(u64, String)> = searches(&effects).into_iter().map(|(seq, q)| (seq, q.words)).collect();
    let words = ["c", "cr", "cre", "cres", "crest"];
    assert_eq!(asked, (2..=6).zip(words.map(String::from)).collect::<Vec<_>>());
    // Letters that are keys elsewhere (`q` quits the list, `p` the profile) are typed here.
    let effects = typed(&mut app, " qp");
    assert_eq!(search(&effects[2..]).1.words, "crest qp");
    assert_eq!(app.view, View::Spaces);
    for _ in 0..3 {
        key(&mut app, Key::Backspace);
    }
    // A key that changes nothing asks for nothing.
    assert!(key(&mut app, Key::Left).is_empty());

    // The answer to the last search shows; an older one, arriving late, is dropped.
    let last = app.spaces.seq;
    let filature = hits().into_iter().take(1).collect::<Vec<_>>();
    app.update(Event::Spaces(SpacesResult::Found(last, Ok((filature.into(), 1)))));
    app.update(Event::Spaces(SpacesResult::Found(last - 3, Ok((hits().into(), 5)))));
    let s = screen(&app);
    assert!(s.contains(FILATURE) && !s.contains(RUCHE), "{s}");
    assert!(rows(&app)[2].trim_end().ends_with("1 espace"), "{s}");

    // Enter leaves the search line, the words stay.
    assert!(key(&mut app, Key::Enter).is_empty());
    let r = rows(&app);
    assert!(r[1].contains("/ crest"), "{}", r[1]);
    assert!(r.last().unwrap().contains("f filtres"), "{}", r.last().unwrap());
    // `/` again, then Esc clears the words and searches everything.
    key(&mut app, Key::Char('/'));
    let effects = key(&mut app, Key::Esc);
    let (seq, query) = search(&effects);
    assert_eq!((seq, query.words.as_str()), (last + 1, ""));
    answer(&mut app, &effects, hits());
    assert!(rows(&app)[1].contains("/ pour chercher"), "{}", screen(&app));
    assert!(screen(&app).contains(RUCHE));

    // A paste in the search line is typed there (first line only).
    key(&mut app, Key::Char('/'));
    let effects = app.update(Event::Paste("Die\nrm -rf".into()));
    assert_eq!(search(&effects).1.words, "Die");
}

#[test]
fn the_filters_box_toggles_rows_and_searches_each_time() {
    let mut app = directory(ColorDepth::Ansi256, 100, 40);
    assert!(key(&mut app, Key::Char('f')).is_empty());
    let s = screen(&app);
    assert!(s.contains(" Filtres "), "{s}");
    assert!(s.contains("[ ] Ouvert maintenant"), "{s}");
    assert!(
        s.contains("Équipements") && s.contains("[ ] fibre") && s.contains("[ ] salle de réunion"),
        "{s}"
    );
    assert!(s.contains("Type") && s.contains("[ ] tiers-lieu"), "{s}");
    assert!(s.contains("Département") && s.contains("[ ] 26 Drôme"), "{s}");
    assert!(rows(&app).last().unwrap().contains("Espace cocher"), "{s}");

    // ↓ to fibre, Space: checked, and a search with it.
    key(&mut app, Key::Down);
    let effects = key(&mut app, Key::Char(' '));
    assert_eq!(search(&effects).1.amenities, vec![Amenity::Fibre]);
    answer(&mut app, &effects, hits());
    assert!(screen(&app).contains("[x] fibre"), "{}", screen(&app));
    // ↓ to wifi, Space: both.
    key(&mut app, Key::Down);
    let effects = key(&mut app, Key::Char(' '));
    assert_eq!(search(&effects).1.amenities, vec![Amenity::Fibre, Amenity::Wifi]);
    // Space again unchecks.
    let effects = key(&mut app, Key::Char(' '));
    assert_eq!(search(&effects).1.amenities, vec![Amenity::Fibre]);
    // ↑↑ to « Ouvert maintenant ».
    key(&mut app, Key::Up);
    key(&mut app, Key::Up);
    let effects = key(&mut app, Key::Char(' '));
    assert_eq!(search(&effects).1.open, Some(cedille::store::OpenAt::Now));
    answer(&mut app, &effects, hits());
    assert!(screen(&app).contains("[x] Ouvert maintenant"), "{}", screen(&app));
    // A kind is one choice at a time.
    for _ in 0..12 {
        key(&mut app, Key::Down);
    }
    let effects = key(&mut app, Key::Char(' '));
    assert_eq!(search(&effects).1.kind, Some(SpaceKind::Coworking));
    key(&mut app, Key::Down);
    let effects = key(&mut app, Key::Char(' '));
    assert_eq!(search(&effects).1.kind, Some(SpaceKind::TiersLieu));
    answer(&mut app, &effects, hits());
    assert!(screen(&app).contains("[x] tiers-lieu") && screen(&app).contains("[ ] coworking"));
    // The last rows: the départements (the box scrolls to show the cursor).
    key(&mut app, Key::End);
    let effects = key(&mut app, Key::Char(' '));
    assert_eq!(search(&effects).1.departement.as_deref(), Some("07"));
    answer(&mut app, &effects, hits());
    assert!(screen(&app).contains("[x] 07 Ardèche"), "{}", screen(&app));

    // `x` clears all, the box stays.
    let effects = key(&mut app, Key::Char('x'));
    assert_eq!(search(&effects).1, SpaceQuery::default());
    answer(&mut app, &effects, hits());
    assert!(!screen(&app).contains("[x]"), "{}", screen(&app));
    // Esc closes it.
    assert!(key(&mut app, Key::Esc).is_empty());
    assert!(app.modal.is_none());
    assert!(!screen(&app).contains(" Filtres "));
    assert!(summary(&app).starts_with("aucun filtre"));
}

#[test]
fn the_near_prompt_offers_towns_as_one_types_and_enter_takes_the_first() {
    let mut app = directory(ColorDepth::Ansi256, 80, 24);
    assert!(key(&mut app, Key::Char('n')).is_empty());
    let s = screen(&app);
    assert!(s.contains(" Près de… "), "{s}");
    assert!(s.contains("Une commune de la Drôme ou de l'Ardèche"), "{s}");

    assert_eq!(typed(&mut app, "C"), vec![Effect::Spaces(SpacesOp::CompleteCommune("C".into()))]);
    assert_eq!(typed(&mut app, "r"), vec![Effect::Spaces(SpacesOp::CompleteCommune("Cr".into()))]);
    // The answer for « C » comes after « Cr » was typed: it is not what is typed, dropped.
    app.update(Event::Spaces(SpacesResult::Communes("C".into(), vec![cruas()])));
    assert!(!screen(&app).contains("Cruas"), "{}", screen(&app));
    app.update(Event::Spaces(SpacesResult::Communes("Cr".into(), vec![crest(), cruas()])));
    let r = rows(&app);
    let first = row_with(&r, "Crest (26, 26400)").unwrap_or_else(|| panic!("{}", r.join("\n")));
    assert!(first.contains("▸ Crest (26, 26400)"), "{first}");
    assert!(row_with(&r, "Cruas (07, 07350)").is_some_and(|l| !l.contains('▸')), "{}", r.join("\n"));

    // Enter: the first offer, sorted by distance, one search.
    let effects = key(&mut app, Key::Enter);
    let (_, query) = search(&effects);
    assert_eq!(query.near.as_ref().map(|c| c.name.as_str()), Some("Crest"));
    assert_eq!(query.sort, cedille::store::SpaceSort::Distance);
    assert!(app.modal.is_none());
    answer(&mut app, &effects, hits());
    let s = summary(&app);
    assert!(s.starts_with("près de Crest  │ tri : distance"), "{s}");

    // Opening the prompt again starts afresh; Enter on an empty line forgets the town.
    key(&mut app, Key::Char('n'));
    assert!(!screen(&app).contains("Crest (26"), "{}", screen(&app));
    let effects = key(&mut app, Key::Enter);
    let (_, query) = search(&effects);
    assert_eq!((query.near, query.sort), (None, cedille::store::SpaceSort::Relevance));
    // Esc leaves the prompt without searching.
    key(&mut app, Key::Char('n'));
    typed(&mut app, "Die");
    assert!(key(&mut app, Key::Esc).is_empty());
    assert!(app.modal.is_none());
}

#[test]
fn an_unknown_town_keeps_the_prompt_open_and_says_so() {
    let mut app = directory(ColorDepth::Ansi256, 60, 20);
    key(&mut app, Key::Char('n'));
    typed(&mut app, "Zzyzx");
    app.update(Event::Spaces(SpacesResult::Communes("Zzyzx".into(), Vec::new())));
    assert!(key(&mut app, Key::Enter).is_empty());
    assert!(app.modal.is_some(), "the prompt stays");
    let s = screen(&app);
    assert!(s.contains("Commune inconnue."), "{s}");
    assert_eq!(app.spaces.query.near, None);
    // Typing again hides the message.
    key(&mut app, Key::Backspace);
    assert!(!screen(&app).contains("Commune inconnue."), "{}", screen(&app));
}

#[test]
fn open_on_a_day_and_hour_from_the_prompt() {
    let mut app = directory(ColorDepth::Ansi256, 100, 30);
    assert!(key(&mut app, Key::Char('O')).is_empty());
    let s = screen(&app);
    assert!(s.contains(" Ouvert le… ") && s.contains("« jeudi 9 h »"), "{s}");
    // Written as the app writes an hour, with a space.
    assert!(typed(&mut app, "jeudi 9 h").is_empty(), "no search before Enter");
    let effects = key(&mut app, Key::Enter);
    let (_, query) = search(&effects);
    // Friday 27 November 2026 → Thursday 3 December, 9:00 in Paris.
    let thursday = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap().and_hms_opt(9, 0, 0).unwrap();
    assert_eq!(query.open, Some(cedille::store::OpenAt::At(thursday)));
    answer(&mut app, &effects, hits());
    assert!(summary(&app).starts_with("Ouvert le jeu. 3 déc. 9 h  │"), "{}", summary(&app));

    // Something else: an error, the prompt stays, the filter is unchanged.
    key(&mut app, Key::Char('O'));
    typed(&mut app, "n'importe quand");
    assert!(key(&mut app, Key::Enter).is_empty());
    assert!(app.modal.is_some());
    let s = screen(&app);
    assert!(s.contains("« n'importe » n'est pas compris"), "{s}");
    assert_eq!(app.spaces.query.open, Some(cedille::store::OpenAt::At(thursday)));
    // Emptied, Enter removes the filter.
    for _ in 0.."n'importe quand".chars().count() {
        key(&mut app, Key::Backspace);
    }
    let effects = key(&mut app, Key::Enter);
    assert_eq!(search(&effects).1.open, None);
    // `o` after an « ouvert le » filter removes it too.
    key(&mut app, Key::Char('O'));
    typed(&mut app, "demain 14:30");
    key(&mut app, Key::Enter);
    assert!(matches!(app.spaces.query.open, Some(cedille::store::OpenAt::At(_))));
    let effects = key(&mut app, Key::Char('o'));
    assert_eq!(search(&effects).1.open, None);
}

// ---------------------------------------------------------------------------------------
// Detail
// ---------------------------------------------------------------------------------------

#[test]
fn the_detail_shows_the_week_prices_address_and_goes_back() {
    let mut app = directory(ColorDepth::Ansi256, 100, 34);
    choose_near(&mut app, "Crest", vec![crest()], hits());
    assert!(key(&mut app, Key::Enter).is_empty());
    let r = rows(&app);
    let s = r.join("\n");
    assert!(s.contains(FILATURE), "{s}");
    assert!(s.contains("coworking · Crest (26) · 3,4 km (près de Crest)"), "{s}");
    assert!(s.contains("● ouvert maintenant"), "{s}");
    assert!(squeeze(&s).contains("Adresse 9 quai Soubeyran, 26400 Crest"), "{s}");
    assert!(squeeze(&s).contains("Équipements fibre, wifi, cuisine"), "{s}");
    assert!(squeeze(&s).contains("Tarifs journée 15 € · demi-journée 9 € · mois 180 €"), "{s}");
    assert!(squeeze(&s).contains("Site https://filature.example"), "{s}");
    assert!(squeeze(&s).contains("Vérifié le mercredi 14 octobre 2026"), "{s}");
    // Seven days, Monday first, today (Friday) marked.
    let first = r.iter().position(|l| l.contains("Horaires")).unwrap_or_else(|| panic!("{s}"));
    let week: Vec<String> = r[first..first + 7].iter().map(|l| squeeze(&l.replace("Horaires", ""))).collect();
    assert_eq!(
        week,
        [
            "lun. 8 h 30–18 h",
            "mar. 8 h 30–18 h",
            "mer. 8 h 30–18 h",
            "jeu. 8 h 30–18 h",
            "▸ven. 8 h 30–18 h",
            "sam. 9 h–12 h",
            "dim. fermé",
        ],
        "{s}"
    );
    assert!(s.contains("Au cœur de Crest"), "{s}");
    assert!(r.last().unwrap().contains("Échap retour"), "{s}");
    // Tab does not leave a detail.
    assert!(key(&mut app, Key::Tab).is_empty());
    assert_eq!(app.view, View::Spaces);
    key(&mut app, Key::Esc);
    assert!(row_with(&rows(&app), FILATURE).unwrap().contains("● ouvert maintenant"));

    // Unknown hours say so.
    key(&mut app, Key::Down);
    key(&mut app, Key::Down);
    key(&mut app, Key::Char('l'));
    let s = screen(&app);
    assert!(s.contains(BELVEDERE) && squeeze(&s).contains("Horaires horaires inconnus"), "{s}");
    assert!(!s.contains("Tarifs"), "no prices, no row: {s}");
    // Backspace goes back too; a planned space says so instead of an opening state.
    key(&mut app, Key::Backspace);
    key(&mut app, Key::Down);
    key(&mut app, Key::Right);
    let s = screen(&app);
    assert!(s.contains(QUAI) && s.contains("○ en projet"), "{s}");
}

// ---------------------------------------------------------------------------------------
// Map
// ---------------------------------------------------------------------------------------

/// The map's box: (left, top, right, bottom) of its border, found by its title.
fn map_box(buf: &Buffer) -> (u16, u16, u16, u16) {
    let r = rows_of(buf);
    let top = r.iter().position(|l| l.contains("╭ Carte") || l.contains("╭ Map")).unwrap_or_else(|| {
        panic!("no map:\n{}", r.join("\n"));
    });
    let at = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
    let left = (0..buf.area.width).find(|&x| at(x, top as u16) == "╭").unwrap();
    let right = (left + 1..buf.area.width).find(|&x| at(x, top as u16) == "╮").unwrap();
    let bottom = (top as u16 + 1..buf.area.height).find(|&y| at(left, y) == "╰").unwrap();
    (left, top as u16, right, bottom)
}

/// Checks the border is whole and that each of `labels` is inside it; returns the text
/// inside the border, row by row.
fn check_map(buf: &Buffer, labels: &[&str]) -> Vec<String> {
    let (left, top, right, bottom) = map_box(buf);
    let at = |x: u16, y: u16| buf[(x, y)].symbol().to_string();
    let dump = rows_of(buf).join("\n");
    assert_eq!(at(right, bottom), "╯", "{dump}");
    for y in top + 1..bottom {
        assert_eq!((at(left, y), at(right, y)), ("│".into(), "│".into()), "row {y}:\n{dump}");
    }
    for x in left + 1..right {
        assert_eq!(at(x, bottom), "─", "bottom border at {x}:\n{dump}");
    }
    let inside: Vec<String> = (top + 1..bottom)
        .map(|y| (left + 1..right).map(|x| at(x, y)).collect::<String>().replace('\u{a0}', " "))
        .collect();
    for label in labels {
        // Near the right border the selected label ends at its point: « name ◆ ».
        let flipped = label.strip_prefix("◆ ").map(|name| format!("{name} ◆"));
        let found =
            |l: &String| l.contains(label) || flipped.as_ref().is_some_and(|f| l.contains(f.as_str()));
        assert!(inside.iter().any(found), "« {label} » not inside the map:\n{dump}");
    }
    inside
}

const SOME_TOWNS: [&str; 4] = ["Valence", "Montélimar", "Aubenas", "Nyons"];

#[test]
fn the_map_labels_the_selected_space_and_towns_inside_its_border_at_every_size() {
    for (cols, height) in [(60, 20), (80, 24), (200, 60)] {
        let mut app = directory(ColorDepth::Ansi256, cols, height);
        assert!(key(&mut app, Key::Char('m')).is_empty());
        let buf = render(&app);
        let inside = check_map(&buf, &["◆ La Filature du Quai"]);
        let towns = SOME_TOWNS.iter().filter(|t| inside.iter().any(|l| l.contains(*t))).count();
        assert!(towns >= 3, "{cols}×{height}: {towns} town names:\n{}", rows_of(&buf).join("\n"));
        // The other spaces are dots.
        assert!(inside.iter().any(|l| l.contains('●')), "{}", rows_of(&buf).join("\n"));
        let title = rows_of(&buf).into_iter().find(|l| l.contains("╭ Carte")).unwrap();
        assert!(title.contains(" km "), "the width in km: {title}");
        assert!(rows_of(&buf).last().unwrap().contains("+/- zoom"), "{cols}×{height}");

        // j: the next space is the labelled one.
        key(&mut app, Key::Char('j'));
        check_map(&render(&app), &["◆ La Ruche des Trois Becs"]);
        // Zoom in, pan to each side: never a label over the border, never a panic.
        let km = |app: &App| rows(app).into_iter().find(|l| l.contains("╭ Carte")).unwrap();
        let wide = km(&app);
        key(&mut app, Key::Char('+'));
        assert_ne!(km(&app), wide, "zoom changes the scale");
        for k in [Key::Left, Key::Left, Key::Up, Key::Right, Key::Right, Key::Right, Key::Down, Key::Down] {
            key(&mut app, k);
            check_map(&render(&app), &[]);
        }
        for _ in 0..12 {
            key(&mut app, Key::Char('+'));
        }
        check_map(&render(&app), &[]);
        key(&mut app, Key::Char('0'));
        assert_eq!(km(&app), wide, "0 brings the whole view back");
        // Enter opens the detail of the labelled space; Esc then goes to the list.
        key(&mut app, Key::Enter);
        assert!(screen(&app).contains("Horaires"), "{}", screen(&app));
        key(&mut app, Key::Esc);
        key(&mut app, Key::Char('m'));
        key(&mut app, Key::Esc);
        let s = screen(&app);
        assert!(!s.contains("╭ Carte") || cols >= 120, "{s}");
        assert!(row_with(&rows(&app), RUCHE).unwrap().contains("▌"), "{s}");
    }
}

#[test]
fn j_brings_each_space_into_view_on_a_zoomed_map() {
    let mut app = directory(ColorDepth::Ansi256, 80, 24);
    key(&mut app, Key::Char('m'));
    for _ in 0..8 {
        key(&mut app, Key::Char('+'));
    }
    assert!(screen(&app).contains("╭ Carte · 14 km"), "{}", screen(&app));
    // Zoomed in on the middle, each space in turn comes into view with its marker.
    for hit in hits().iter().skip(1) {
        key(&mut app, Key::Char('j'));
        assert_eq!(app.spaces.selected_hit().unwrap().space.fields.name, hit.space.fields.name);
        // (Only the marker: see `no_town_name_is_drawn_over_the_selected_label`.)
        check_map(&render(&app), &["◆"]);
    }
    // At the last one, j stays.
    key(&mut app, Key::Char('j'));
    assert_eq!(app.spaces.selected_hit().unwrap().space.fields.name, GLANDASSE);
    key(&mut app, Key::Char('k'));
    assert_eq!(app.spaces.selected_hit().unwrap().space.fields.name, QUAI);
}

#[test]
fn from_120_columns_the_map_sits_beside_the_list() {
    let app = directory(ColorDepth::Ansi256, 130, 30);
    let buf = render(&app);
    let (left, _, right, _) = map_box(&buf);
    assert!(left >= 60 && right == 129, "map at {left}..{right}");
    check_map(&buf, &["◆ La Filature du Quai", "Valence"]);
    let r = rows_of(&buf);
    for name in [FILATURE, RUCHE, BELVEDERE] {
        let row = row_with(&r, name).unwrap_or_else(|| panic!("{name}:\n{}", r.join("\n")));
        // The whole name ends before the map starts.
        let end = row[..row.find(name).unwrap()].chars().count() + name.chars().count();
        assert!(end < usize::from(left), "{name} left of the map: {row}");
    }
    let filature = row_with(&r, FILATURE).unwrap();
    let before_map: String = filature.chars().take(usize::from(left)).collect();
    assert!(before_map.trim_end().ends_with("● ouvert maintenant"), "{filature}");
    // j moves the list and the map together.
    let mut app = app;
    key(&mut app, Key::Char('j'));
    let buf = render(&app);
    // The whole label, however near the border.
    check_map(&buf, &["◆ La Ruche des Trois Becs"]);
    assert!(row_with(&rows_of(&buf), RUCHE).unwrap().starts_with(" ▌ "));
    // Narrower than 120: the list alone.
    app.update(Event::Resize(119, 30));
    assert!(!screen(&app).contains("╭ Carte"), "{}", screen(&app));
    app.update(Event::Resize(120, 30));
    assert!(screen(&app).contains("╭ Carte"), "{}", screen(&app));
}

// ---------------------------------------------------------------------------------------
// Without colour, in English, too small
// ---------------------------------------------------------------------------------------

fn assert_no_colour(buf: &Buffer, what: &str) {
    for (i, cell) in buf.content().iter().enumerate() {
        assert!(
            cell.fg == ratatui::style::Color::Reset && cell.bg == ratatui::style::Color::Reset,
            "{what}: colour at cell {i} ({:?}):\n{}",
            cell,
            rows_of(buf).join("\n")
        );
    }
}

#[test]
fn without_colour_no_cell_is_coloured_and_states_read_from_glyphs() {
    let mut app = directory(ColorDepth::None, 130, 34);
    let buf = render(&app);
    assert_no_colour(&buf, "list and side map");
    let r = rows_of(&buf);
    assert!(row_with(&r, FILATURE).unwrap().contains("● ouvert maintenant"));
    assert!(row_with(&r, RUCHE).unwrap().contains("○ fermé maintenant"));
    assert!(row_with(&r, BELVEDERE).unwrap().contains("? horaires inconnus"));
    assert!(row_with(&r, QUAI).unwrap().contains("○ en projet"));
    // The selection is reversed.
    let y = r.iter().position(|l| l.contains(FILATURE)).unwrap() as u16;
    assert!(buf[(5, y)].modifier.contains(ratatui::style::Modifier::REVERSED));
    check_map(&buf, &["◆ La Filature du Quai"]);
    let (left, _, right, _) = map_box(&buf);
    let label_y = (0..buf.area.height)
        .find(|&y| (left..right).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>().contains('◆'))
        .unwrap();
    let label_x = (left..right).find(|&x| buf[(x, label_y)].symbol() == "◆").unwrap();
    assert!(buf[(label_x, label_y)].modifier.contains(ratatui::style::Modifier::REVERSED));

    key(&mut app, Key::Char('m'));
    assert_no_colour(&render(&app), "map");
    key(&mut app, Key::Enter);
    assert_no_colour(&render(&app), "detail");
    key(&mut app, Key::Esc);
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('f'));
    assert_no_colour(&render(&app), "filters");
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('n'));
    typed(&mut app, "Cr");
    app.update(Event::Spaces(SpacesResult::Communes("Cr".into(), vec![crest(), cruas()])));
    assert_no_colour(&render(&app), "near prompt");
    app.update(Event::Resize(80, 24));
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('/'));
    typed(&mut app, "crest");
    assert_no_colour(&render(&app), "search line");
}

#[test]
fn l_switches_the_directory_to_english() {
    let mut app = directory(ColorDepth::Ansi256, 100, 34);
    choose_near(&mut app, "Crest", vec![crest()], hits());
    assert_eq!(key(&mut app, Key::Char('L')), vec![Effect::Profile(ProfileOp::SaveLang(Lang::En))]);
    let r = rows(&app);
    let s = r.join("\n");
    assert!(r[0].contains("Cédille · Spaces") && r[0].contains("Tab → Network"), "{}", r[0]);
    assert!(r[1].contains("/ to search: name, town, amenity…"), "{s}");
    assert!(r[2].starts_with(" near Crest  │ sort") && r[2].trim_end().ends_with("5 spaces"), "{s}");
    assert!(row_with(&r, FILATURE).unwrap().contains("● open now"), "{s}");
    assert!(row_with(&r, RUCHE).unwrap().contains("○ closed now"), "{s}");
    assert!(row_with(&r, BELVEDERE).unwrap().contains("? hours unknown"), "{s}");
    assert!(row_with(&r, QUAI).unwrap().contains("○ planned"), "{s}");
    assert!(s.contains("coworking · Crest · 3.4 km · fibre, Wi-Fi, kitchen"), "{s}");
    assert!(s.contains("third place · Saillans · 12 km · Wi-Fi, bike storage"), "{s}");
    assert!(r.last().unwrap().contains("/ search") && r.last().unwrap().contains("m map"), "{s}");

    key(&mut app, Key::Enter);
    let r = rows(&app);
    let s = r.join("\n");
    assert!(s.contains("coworking · Crest (26) · 3.4 km (near Crest)"), "{s}");
    assert!(squeeze(&s).contains("Prices day €15 · half day €9 · month €180"), "{s}");
    assert!(squeeze(&s).contains("Address 9 quai Soubeyran, 26400 Crest"), "{s}");
    let first = r.iter().position(|l| l.contains("Hours")).unwrap_or_else(|| panic!("{s}"));
    assert_eq!(squeeze(&r[first].replace("Hours", "")), "Mon 8:30–18:00");
    assert_eq!(squeeze(&r[first + 6]), "Sun closed");
    key(&mut app, Key::Char('m'));
    check_map(&render(&app), &["◆ La Filature du Quai"]);
    assert!(screen(&app).contains("╭ Map ·"), "{}", screen(&app));
    key(&mut app, Key::Esc);

    key(&mut app, Key::Char('f'));
    let s = screen(&app);
    assert!(s.contains(" Filters ") && s.contains("[ ] Open now") && s.contains("[ ] meeting room"), "{s}");
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('n'));
    typed(&mut app, "Zz");
    app.update(Event::Spaces(SpacesResult::Communes("Zz".into(), Vec::new())));
    key(&mut app, Key::Enter);
    assert!(screen(&app).contains("Unknown town."), "{}", screen(&app));
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('O'));
    typed(&mut app, "thursday 9am");
    key(&mut app, Key::Enter);
    assert!(summary(&app).starts_with("Open on Thu 3 Dec 9:00 · near Crest"), "{}", summary(&app));
}

#[test]
fn every_screen_of_the_directory_fits_60_by_20() {
    let mut app = directory(ColorDepth::Ansi256, 60, 20);
    let fits = |app: &App, what: &str| {
        let r = rows(app);
        assert!(!r.join("\n").contains("Fenêtre trop petite"), "{what}");
        assert!(r[0].contains("Cédille · Espaces") && !r[19].trim().is_empty(), "{what}");
        r.join("\n")
    };
    let s = fits(&app, "list");
    assert!(s.contains(FILATURE) && s.contains("● ouvert maintenant"), "{s}");
    key(&mut app, Key::Char('f'));
    let s = fits(&app, "filters");
    assert!(s.contains("[ ] Ouvert maintenant"), "{s}");
    key(&mut app, Key::End);
    assert!(fits(&app, "filters at the end").contains("07 Ardèche"));
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('n'));
    typed(&mut app, "Cr");
    let six: Vec<Commune> =
        (0..6).map(|i| commune(&format!("Crville {i}"), "26999", "26000", 1, (44.7, 5.0))).collect();
    app.update(Event::Spaces(SpacesResult::Communes("Cr".into(), six)));
    let s = fits(&app, "near prompt with six offers");
    assert!(s.contains("▸ Crville 0") && s.contains("Crville 5"), "{s}");
    key(&mut app, Key::Esc);
    key(&mut app, Key::Char('O'));
    fits(&app, "open-at prompt");
    key(&mut app, Key::Esc);
    key(&mut app, Key::Enter);
    let s = fits(&app, "detail");
    assert!(s.contains("Horaires"), "{s}");
    app.update(Event::Resize(59, 20));
    assert!(screen(&app).contains("Fenêtre trop petite"));
    app.update(Event::Resize(60, 20));
    assert!(fits(&app, "detail again").contains("Horaires"));
}

// ---------------------------------------------------------------------------------------
// Regressions: each of these once failed, and guards its fix.
// ---------------------------------------------------------------------------------------

/// `map::draw` claims the cell of the selected label with `(1.0 - fy) * h`, the canvas
/// prints it at `(top - lat) * h / height`: the same in theory, not in floating point. When
/// `follow_selected` centres the view on the space, the label is exactly on a row boundary
/// (here 7.99999999999897 against 8.0): its room is claimed on row 7, it is printed on row 8,
/// and the town name of that row is written over it (« ◆·Privasvédère »).
#[test]
fn no_town_name_is_drawn_over_the_selected_label() {
    let mut app = directory(ColorDepth::Ansi256, 80, 24);
    key(&mut app, Key::Char('m'));
    for _ in 0..8 {
        key(&mut app, Key::Char('+'));
    }
    key(&mut app, Key::Char('j'));
    key(&mut app, Key::Char('j'));
    assert_eq!(app.spaces.selected_hit().unwrap().space.fields.name, BELVEDERE);
    check_map(&render(&app), &["◆ Le Belvédère"]);
}

/// Town names move left when they would run into the border; the selected space's label
/// does not, and the border cuts it (« ◆ La Ruche des Trois Bec│ »), though « its label must
/// never be hidden ».
#[test]
fn the_selected_label_is_never_cut_by_the_right_border() {
    let mut app = directory(ColorDepth::Ansi256, 130, 30);
    key(&mut app, Key::Char('j'));
    check_map(&render(&app), &["◆ La Ruche des Trois Becs"]);
}

/// A paste in the « Près de… » prompt goes into the line (`App::paste`) but asks for no
/// completion (only typed keys call `near_typed`): Enter then answers « Commune inconnue. »
/// for a real town.
#[test]
fn a_town_pasted_in_the_near_prompt_is_offered() {
    let mut app = directory(ColorDepth::Ansi256, 80, 24);
    key(&mut app, Key::Char('n'));
    let effects = app.update(Event::Paste("Crest".into()));
    assert_eq!(effects, vec![Effect::Spaces(SpacesOp::CompleteCommune("Crest".into()))]);
}

/// Enter takes the first offer on screen even when it answers an older text: « Di »
/// offered Die, the person typed on to « Dieulefit » and pressed Enter before the new offers
/// came (over SSH: typing fast, or a paste, as `spaces_e2e` shows): the search is near Die.
#[test]
fn enter_in_the_near_prompt_waits_for_offers_of_the_current_text() {
    let mut app = directory(ColorDepth::Ansi256, 80, 24);
    key(&mut app, Key::Char('n'));
    typed(&mut app, "Di");
    let die = commune("Die", "26113", "26150", 4844, (44.7536, 5.3703));
    let dieulefit = commune("Dieulefit", "26114", "26220", 3289, (44.5256, 5.0617));
    app.update(Event::Spaces(SpacesResult::Communes("Di".into(), vec![die, dieulefit])));
    typed(&mut app, "eulefit");
    let effects = key(&mut app, Key::Enter);
    let chosen = searches(&effects).pop().and_then(|(_, q)| q.near).map(|c| c.name);
    assert_ne!(chosen.as_deref(), Some("Die"), "typed « Dieulefit », searched near Die");
}

/// `j` in the detail adds to `detail_scroll` without bound; drawing clamps it, the state
/// does not. Past the end, each `k` only takes back one of the extra `j`: the text does not
/// move until all of them are undone (the mouse wheel does the same).
#[test]
fn the_detail_stops_scrolling_at_its_end() {
    let mut app = directory(ColorDepth::Ansi256, 60, 20);
    key(&mut app, Key::Enter);
    for _ in 0..30 {
        key(&mut app, Key::Char('j'));
    }
    let at_end = screen(&app);
    key(&mut app, Key::Char('k'));
    assert_ne!(screen(&app), at_end, "one k after the end should scroll up one line");
}

/// The summary line writes « sort\u{a0}: distance » in English too: the space before the
/// colon is French typography (`filter_summary` in src/ui/screens/spaces.rs).
#[test]
fn the_english_summary_has_no_space_before_the_colon() {
    let mut app = directory(ColorDepth::Ansi256, 100, 30);
    key(&mut app, Key::Char('L'));
    let s = summary(&app);
    assert!(s.contains("│ sort: relevance"), "{s}");
}

#[test]
fn the_wheel_moves_through_the_list_of_spaces_as_in_the_other_lists() {
    let mut app = directory(ColorDepth::Ansi256, 80, 24);
    let selected = |app: &App| app.spaces.selected_hit().map(|h| h.space.fields.name.clone());
    let first = selected(&app);
    assert!(app.update(Event::Scroll(3)).is_empty());
    assert!(row_with(&rows(&app), RUCHE).unwrap().starts_with(" ▌ "), "{}", rows(&app).join("\n"));
    app.update(Event::Scroll(3));
    assert!(row_with(&rows(&app), BELVEDERE).unwrap().starts_with(" ▌ "), "{}", rows(&app).join("\n"));
    app.update(Event::Scroll(-3));
    app.update(Event::Scroll(-3));
    assert_eq!(selected(&app), first);
}

/// The map beside the list (from 120 columns) after zooming in on Crest: rows far from it.
fn side_map_on_crest() -> App {
    let mut app = directory(ColorDepth::Ansi256, 160, 40);
    key(&mut app, Key::Char('m'));
    for _ in 0..4 {
        key(&mut app, Key::Char('+'));
    }
    key(&mut app, Key::Esc);
    check_map(&render(&app), &["◆ La Filature du Quai"]);
    app
}

#[test]
fn the_map_beside_the_list_follows_the_selection_and_marks_it() {
    let mut app = side_map_on_crest();
    // Down to the space in Tournon, some 40 km away: the map goes there and marks it.
    for _ in 0..3 {
        key(&mut app, Key::Down);
    }
    assert!(row_with(&rows(&app), QUAI).unwrap().contains("▌"), "{}", screen(&app));
    let inside = check_map(&render(&app), &["◆ Quai 07"]);
    assert!(!inside.iter().any(|l| l.contains(FILATURE)), "only the selected space is named");
}

#[test]
fn new_results_move_the_map_to_the_best_of_them() {
    let mut app = side_map_on_crest();
    key(&mut app, Key::Char('/'));
    let effects = typed(&mut app, "die");
    let mut die = hits();
    die.rotate_left(4);
    assert_eq!(die[0].space.fields.name, GLANDASSE);
    answer(&mut app, &effects, die);
    check_map(&render(&app), &["◆ L'Atelier du Glandasse"]);
}

#[test]
fn the_map_names_more_communes_as_it_zooms_in_and_draws_the_rivers() {
    let mut app = directory(ColorDepth::Ansi256, 100, 30);
    key(&mut app, Key::Char('m'));
    let named = |app: &App, names: &[&str]| {
        let inside = check_map(&render(app), &[]);
        names.iter().filter(|n| inside.iter().any(|l| l.contains(*n))).count()
    };
    // Villages near Crest, none of them a landmark town.
    let villages =
        ["Aouste-sur-Sye", "Allex", "Eurre", "Mirmande", "Saillans", "Grâne", "Chabeuil", "Livron"];
    assert_eq!(named(&app, &villages), 0, "the whole view names only towns");
    assert!(named(&app, &["DRÔME", "ARDÈCHE"]) >= 1, "the départements are named on the whole view");
    for _ in 0..4 {
        key(&mut app, Key::Char('+'));
    }
    assert!(
        named(&app, &villages) >= 2,
        "close in, villages are named:\n{}",
        rows_of(&render(&app)).join("\n")
    );
    // The rivers are braille lines: far more of them than the Rhône alone drew.
    let braille = |app: &App| -> usize {
        check_map(&render(app), &[])
            .iter()
            .map(|l| l.chars().filter(|c| ('\u{2801}'..='\u{28ff}').contains(c)).count())
            .sum()
    };
    assert!(braille(&app) > 20, "{}", rows_of(&render(&app)).join("\n"));
}

#[test]
fn the_whole_map_draws_the_border_of_the_two_departements_around_them() {
    let mut app = directory(ColorDepth::Ansi256, 100, 40);
    key(&mut app, Key::Char('m'));
    let buf = render(&app);
    let (left, top, right, bottom) = map_box(&buf);
    // The border's dots, in its own grey: a ring, with some in each quarter of the map.
    let edge: Vec<(u16, u16)> = (top + 1..bottom)
        .flat_map(|y| (left + 1..right).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let cell = &buf[(x, y)];
            cell.fg == ratatui::style::Color::Indexed(243)
                && cell.symbol().chars().any(|c| ('\u{2801}'..='\u{28ff}').contains(&c))
        })
        .collect();
    let (mx, my) = ((left + right) / 2, (top + bottom) / 2);
    for (name, west, north) in [
        ("north-west", true, true),
        ("north-east", false, true),
        ("south-west", true, false),
        ("south-east", false, false),
    ] {
        let quarter = |&(x, y): &(u16, u16)| (x < mx) == west && (y < my) == north;
        assert!(edge.iter().any(quarter), "no border in the {name}:\n{}", rows_of(&buf).join("\n"));
    }
    assert!(edge.len() > 40, "{} border cells:\n{}", edge.len(), rows_of(&buf).join("\n"));
}
