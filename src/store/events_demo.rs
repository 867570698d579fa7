//! The demo meetups, written by the project: dated from the day the database is made, at
//! the demo spaces, so that a new server's agenda is never empty. The demo article that
//! announces them is written from this same list ([`programme`]): a meetup moved here moves
//! in the article too, and a new member never reads one date in the bulletin and another in
//! the agenda.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc, Weekday};
use chrono_tz::Europe::Paris;
use rusqlite::{Connection, OptionalExtension};

use super::events::insert_in;
use super::{Result, Store, StoreError};
use crate::domain::event::{EventError, EventStatus, Proposal};
use crate::domain::moment::{MONTHS_FR, WEEKDAYS};

/// Where a demo article takes the programme of the meetups to come.
pub(super) const PROGRAMME: &str = "{{programme}}";

/// The demo events: two past, the others to come, in different communes, on working days
/// (and an open day on a Saturday), the café on its second Thursday of the month.
pub(super) fn load_demo(store: &Store, now: DateTime<Utc>) -> Result<()> {
    let empty = store.read(|c| {
        Ok(c.query_row("SELECT NOT EXISTS (SELECT 1 FROM events)", [], |r| r.get::<_, bool>(0))?)
    })?;
    if !empty {
        return Ok(());
    }
    store.write(|tx| {
        for (demo, start, end) in dated(now) {
            let p = Proposal {
                title: demo.title.into(),
                starts_at: start,
                ends_at: end,
                space: demo.space.and_then(|source_id| {
                    tx.query_row(
                        "SELECT id FROM spaces WHERE source = 'demo' AND source_id = ?1",
                        [source_id],
                        |r| r.get::<_, i64>(0),
                    )
                    .ok()
                    .map(|id| id.to_string())
                }),
                address: demo.address.into(),
                commune: Some(demo.commune.into()),
                capacity: demo.capacity,
                description: demo.description.into(),
            };
            match insert_in(tx, &p, None, EventStatus::Approved, "demo", now) {
                Ok(_) => {}
                Err(EventError::Store(e)) => return Err(StoreError::Data(e)),
                Err(e) => tracing::warn!("demo event skipped: {e}"),
            }
        }
        Ok(())
    })
}

/// The meetups to come, in Markdown, a heading per month and one per meetup (« Mardi 15
/// décembre 2026 : Soirée fibre…, à Privas »), then when, where and what: the
/// same dates, places and words [`load_demo`] writes into the agenda from the same `now`.
pub(super) fn programme(c: &Connection, now: DateTime<Utc>) -> Result<String> {
    let mut out = String::new();
    let mut month = None;
    for (demo, start, end) in dated(now).into_iter().filter(|(_, start, _)| *start > now) {
        let (start, end) = (start.with_timezone(&Paris), end.with_timezone(&Paris));
        let day = start.date_naive();
        if month != Some((day.year(), day.month())) {
            month = Some((day.year(), day.month()));
            out.push_str(&format!("## {} {}\n\n", capitalised(month_fr(day)), day.year()));
        }
        let place = match demo.space {
            Some(source_id) => c
                .query_row(
                    "SELECT name, address FROM spaces WHERE source = 'demo' AND source_id = ?1",
                    [source_id],
                    |r| Ok(format!("à {}, {}", r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
                )
                .optional()?
                .unwrap_or_default(),
            None => demo.address.to_string(),
        };
        // « Après-midi de travail partagé à Die » needs no « à Die » after it.
        let commune =
            if demo.title.contains(demo.commune) { String::new() } else { format!(", à {}", demo.commune) };
        out.push_str(&format!(
            "### {} : {}{commune}\n\nDe {} à {}, {place}. {}\n\n",
            capitalised(&long_date_fr(day)),
            demo.title,
            hour_fr(start.time()),
            hour_fr(end.time()),
            demo.description,
        ));
    }
    Ok(out)
}

/// Each demo meetup with its start and end, seen from `now`.
fn dated(now: DateTime<Utc>) -> Vec<(&'static DemoEvent, DateTime<Utc>, DateTime<Utc>)> {
    let today = now.with_timezone(&Paris).date_naive();
    let monday = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    DEMO_EVENTS
        .iter()
        .filter_map(|demo| {
            let day = match demo.day {
                Day::Week(week, weekday) => monday + Duration::days(week * 7 + weekday),
                Day::SecondThursday { next } => second_thursday(today, next)?,
            };
            let at = |(h, m): (u32, u32)| {
                day.and_hms_opt(h, m, 0)
                    .and_then(|t| chrono::TimeZone::from_local_datetime(&Paris, &t).earliest())
                    .map(|t| t.with_timezone(&Utc))
            };
            Some((demo, at(demo.start)?, at(demo.end)?))
        })
        .collect()
}

/// The second Thursday of a month strictly after `today` (`next`), or strictly before it.
fn second_thursday(today: NaiveDate, next: bool) -> Option<NaiveDate> {
    let of = |year: i32, month: u32| NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Thu, 2);
    let (y, m) = (today.year(), today.month());
    let (before, after) = if m == 1 {
        ((y - 1, 12), (y, 2))
    } else if m == 12 {
        ((y, 11), (y + 1, 1))
    } else {
        ((y, m - 1), (y, m + 1))
    };
    let this = of(y, m)?;
    if next {
        if this > today { Some(this) } else { of(after.0, after.1) }
    } else if this < today {
        Some(this)
    } else {
        of(before.0, before.1)
    }
}

fn month_fr(day: NaiveDate) -> &'static str {
    MONTHS_FR[day.month0() as usize % 12]
}

/// « jeudi 10 décembre 2026 », « mardi 1er décembre 2026 ».
fn long_date_fr(day: NaiveDate) -> String {
    let weekday = WEEKDAYS.iter().find(|(_, w)| *w == day.weekday()).map_or("", |(name, _)| *name);
    let first = if day.day() == 1 { "1er".to_string() } else { day.day().to_string() };
    format!("{weekday} {first} {} {}", month_fr(day), day.year())
}

/// « 9 h », « 18 h 30 », never broken at the line's end.
fn hour_fr(t: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    match t.minute() {
        0 => format!("{}\u{a0}h", t.hour()),
        m => format!("{}\u{a0}h\u{a0}{m:02}", t.hour()),
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// When a demo meetup falls, from the day the database is made.
enum Day {
    /// Weeks from this one (negative: past), then the day of that week (0: Monday).
    Week(i64, i64),
    /// The café's day, as the bulletin tells it: the second Thursday of the month, the next
    /// one or the last one.
    SecondThursday { next: bool },
}

struct DemoEvent {
    day: Day,
    start: (u32, u32),
    end: (u32, u32),
    title: &'static str,
    space: Option<&'static str>,
    address: &'static str,
    commune: &'static str,
    capacity: Option<i64>,
    description: &'static str,
}

/// Written by the project for the demo; the places are the demo spaces.
const DEMO_EVENTS: &[DemoEvent] = &[
    DemoEvent {
        day: Day::SecondThursday { next: false },
        start: (9, 0),
        end: (11, 0),
        title: "Café télétravail de Crest",
        space: Some("demo-01"),
        address: "",
        commune: "Crest",
        capacity: None,
        description: "Le rendez-vous du mois : on se présente, on échange les bons plans, on repart avec des voisins de bureau.",
    },
    DemoEvent {
        day: Day::Week(-1, 2),
        start: (14, 0),
        end: (17, 30),
        title: "Atelier : sauvegarder ses données sans y penser",
        space: Some("demo-05"),
        address: "",
        commune: "Die",
        capacity: Some(10),
        description: "Trois stratégies de sauvegarde pour indépendants, testées sur nos propres machines. Apportez votre portable.",
    },
    DemoEvent {
        day: Day::SecondThursday { next: true },
        start: (9, 0),
        end: (11, 0),
        title: "Café télétravail de Crest",
        space: Some("demo-01"),
        address: "",
        commune: "Crest",
        capacity: None,
        description: "Le rendez-vous du mois, au chaud. **Nouveaux venus bienvenus** : présentez-vous en deux phrases.",
    },
    DemoEvent {
        day: Day::Week(2, 1),
        start: (18, 30),
        end: (20, 30),
        title: "Soirée fibre : raccordements difficiles, témoignages et solutions",
        space: None,
        address: "salle municipale, place de l'Hôtel de Ville",
        commune: "Privas",
        capacity: Some(40),
        description: "Raccordements difficiles, fourreaux bouchés, maisons isolées, choix d'un fournisseur d'accès : nous traversons le Rhône pour en parler avec nos voisins ardéchois. Apportez votre adresse et votre dernière facture ; des bénévoles aident à préparer les signalements.",
    },
    DemoEvent {
        day: Day::Week(2, 4),
        start: (12, 15),
        end: (13, 45),
        title: "Déjeuner des indépendants de Valence",
        space: Some("demo-03"),
        address: "",
        commune: "Valence",
        capacity: Some(12),
        description: "Chacun paie sa part. On parle clients, devis, facturation et solitude du freelance.",
    },
    DemoEvent {
        day: Day::Week(3, 5),
        start: (10, 0),
        end: (16, 0),
        title: "Journée portes ouvertes d'un tiers-lieu ardéchois",
        space: Some("demo-11"),
        address: "",
        commune: "Aubenas",
        capacity: None,
        description: "Visite des bureaux partagés, de l'atelier et de la cuisine commune. Covoiturage depuis Privas : proposez vos places en commentaire.",
    },
    DemoEvent {
        day: Day::Week(4, 2),
        start: (14, 0),
        end: (18, 0),
        title: "Après-midi de travail partagé à Die",
        space: Some("demo-05"),
        address: "",
        commune: "Die",
        capacity: Some(8),
        description: "Chacun sur ses propres dossiers, pause goûter à 16\u{a0}h (les contributions sucrées sont appréciées), puis atelier d'entraide à 16\u{a0}h\u{a0}30 : « mes outils pour travailler avec une connexion capricieuse ». Retour en train possible vers Crest et Valence.",
    },
];
