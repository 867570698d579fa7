//! The demo meetups, written by the project: dated from the week the database is made, at
//! the demo spaces, so that a new server's agenda is never empty.

use chrono::{Duration, Utc};

use super::events::insert_in;
use super::{Result, Store, StoreError};
use crate::domain::event::{EventError, EventStatus, Proposal};

/// The demo events, dated from the week the database is created, on working days (and an
/// open day on a Saturday): two past, five to come, in different communes, so that the
/// agenda is never empty.
pub(super) fn load_demo(store: &Store) -> Result<()> {
    let empty = store.read(|c| {
        Ok(c.query_row("SELECT NOT EXISTS (SELECT 1 FROM events)", [], |r| r.get::<_, bool>(0))?)
    })?;
    if !empty {
        return Ok(());
    }
    let now = Utc::now();
    let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
    let monday = today - Duration::days(i64::from(chrono::Datelike::weekday(&today).num_days_from_monday()));
    store.write(|tx| {
        for demo in DEMO_EVENTS {
            let day = monday + Duration::days(demo.week * 7 + demo.weekday);
            let at = |h: u32, m: u32| {
                day.and_hms_opt(h, m, 0).and_then(|t| {
                    chrono::TimeZone::from_local_datetime(&chrono_tz::Europe::Paris, &t).earliest()
                })
            };
            let (Some(start), Some(end)) = (at(demo.start.0, demo.start.1), at(demo.end.0, demo.end.1))
            else {
                continue;
            };
            let p = Proposal {
                title: demo.title.into(),
                starts_at: start.with_timezone(&Utc),
                ends_at: end.with_timezone(&Utc),
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

struct DemoEvent {
    /// Weeks from this one (negative: past), then the day of that week (0: Monday).
    week: i64,
    weekday: i64,
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
        week: -3,
        weekday: 3,
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
        week: -1,
        weekday: 2,
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
        week: 1,
        weekday: 3,
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
        week: 2,
        weekday: 1,
        start: (18, 30),
        end: (20, 30),
        title: "Soirée fibre : raccordements difficiles, témoignages et solutions",
        space: None,
        address: "salle municipale, place de l'Hôtel de Ville",
        commune: "Privas",
        capacity: Some(40),
        description: "Apportez votre adresse et votre dernière facture. Des bénévoles aident à préparer les signalements.",
    },
    DemoEvent {
        week: 2,
        weekday: 4,
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
        week: 3,
        weekday: 5,
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
        week: 4,
        weekday: 2,
        start: (14, 0),
        end: (18, 0),
        title: "Après-midi de travail partagé à Die",
        space: Some("demo-05"),
        address: "",
        commune: "Die",
        capacity: Some(8),
        description: "Chacun sur ses dossiers, pause goûter à 16 h, atelier d'entraide à 16 h 30.",
    },
];
