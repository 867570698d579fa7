//! Places to work: search by words, amenities, kind, status, département, opening hours and
//! distance; one space; all of them for the map; writes for imports.
//!
//! Search is built to answer on every keystroke (`benches/search.rs` measures it at 10,000
//! spaces): cached statements, every filter that SQL can apply applied there (words through
//! FTS5, kind, status, département, amenities, a latitude/longitude box for « within »).
//! Without a distance limit or order, SQL counts and reads one page, which stops at its last
//! row; with opening hours, it counts the spaces of each distinct expression, and Rust
//! evaluates each expression once, from a cache of parsed expressions. With a distance,
//! Rust computes it on light rows, then reads the page; so it does for relevance without
//! words, which orders by use (open first, see `use_tier`), each distinct hours expression
//! evaluated once. Words that match more than `RANKED_MAX` spaces are not ranked: they come
//! by name.

use std::collections::HashMap;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Europe::Paris;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::hours_cache::HoursCache;
use super::spaces_page::*;
use super::{Result, Store, StoreError, ts};
use crate::domain::space::{Amenity, NewSpace, Space, SpaceKind, SpaceStatus, distance_km, fold, sort_key};
use crate::domain::spaces_query::{OpenAt, SpaceHit, SpaceQuery, SpaceSort};

pub struct Spaces<'s> {
    pub(super) store: &'s Store,
}

/// What an upsert did with one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upserted {
    Inserted(i64),
    Updated(i64),
    Unchanged(i64),
}

/// The columns [`space_row`] reads (0 to 22), spaces as `s`, communes as `c`.
pub(super) const FIELDS: &str = "s.id, s.name, s.kind, s.status, s.address, s.postcode, s.commune_insee,
        coalesce(c.name, ''), coalesce(c.departement, ''), s.lat, s.lon, s.description, s.amenities,
        s.hours, s.price_day_cents, s.price_half_day_cents, s.price_month_cents, s.website, s.email,
        s.phone, s.verified_on, s.source, s.source_id";

pub(super) const FROM: &str = "FROM spaces s LEFT JOIN communes c ON c.insee = s.commune_insee";

/// The filters every search applies, on parameters 2 to 8 (NULL: no filter). Amenities are
/// stored in a fixed order, so one LIKE pattern (`% fibre %  wifi %`) checks them all. The
/// département is the start of the INSEE code (`26…`, `07…`): no need to join the communes.
pub(super) const FILTERS: &str = "(?2 IS NULL OR s.kind = ?2)
        AND (?3 IS NULL OR s.status = ?3)
        AND (?4 IS NULL OR substr(s.commune_insee, 1, 2) = ?4)
        AND (?5 IS NULL OR s.lat BETWEEN ?5 AND ?6)
        AND (?7 IS NULL OR s.lon BETWEEN ?7 AND ?8)
        AND (?9 IS NULL OR (' ' || replace(s.amenities, ' ', '  ') || ' ') LIKE ?9)";

fn kind_from_code(code: &str) -> SpaceKind {
    SpaceKind::ALL.into_iter().find(|k| k.code() == code).unwrap_or(SpaceKind::Other)
}

fn status_from_code(code: &str) -> SpaceStatus {
    SpaceStatus::ALL.into_iter().find(|s| s.code() == code).unwrap_or(SpaceStatus::Closed)
}

fn amenities_from_codes(codes: &str) -> Vec<Amenity> {
    codes.split_whitespace().filter_map(|c| Amenity::ALL.into_iter().find(|a| a.code() == c)).collect()
}

pub(super) fn space_row(row: &Row<'_>) -> rusqlite::Result<Space> {
    Ok(Space {
        id: row.get(0)?,
        fields: NewSpace {
            name: row.get(1)?,
            kind: kind_from_code(&row.get::<_, String>(2)?),
            status: status_from_code(&row.get::<_, String>(3)?),
            address: row.get(4)?,
            postcode: row.get(5)?,
            commune_insee: row.get(6)?,
            lat: row.get(9)?,
            lon: row.get(10)?,
            description: row.get(11)?,
            amenities: amenities_from_codes(&row.get::<_, String>(12)?),
            hours: row.get(13)?,
            price_day_cents: row.get(14)?,
            price_half_day_cents: row.get(15)?,
            price_month_cents: row.get(16)?,
            website: row.get(17)?,
            email: row.get(18)?,
            phone: row.get(19)?,
            verified_on: row
                .get::<_, Option<String>>(20)?
                .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            source: row.get(21)?,
            source_id: row.get(22)?,
        },
        commune: row.get(7)?,
        departement: row.get(8)?,
    })
}

/// The FTS5 expression for what a person typed, or `None` when it holds no word.
///
/// Every term is quoted (`"…"`, inner quotes doubled), so nothing typed is ever FTS5
/// syntax: `AND`, `NEAR(`, `*`, `-`, `l'été` are words or nothing. Terms without a letter or
/// digit (an emoji, a lone `-`) are dropped: they index nothing. The last term matches as a
/// prefix, for results as the person types; a query of one single character is no query
/// yet (it would match nearly everything, at the highest cost). `œ` and `æ` are folded as in
/// the index.
pub(crate) fn match_expression(words: &str) -> Option<String> {
    const MAX_TERMS: usize = 12;
    let cleaned = crate::text::clean_line(words)
        .replace(['œ'], "oe")
        .replace(['Œ'], "OE")
        .replace(['æ'], "ae")
        .replace(['Æ'], "AE");
    let terms: Vec<String> = cleaned
        .split_whitespace()
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .take(MAX_TERMS)
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect();
    if terms.is_empty() || (terms.len() == 1 && cleaned.trim().chars().count() == 1) {
        return None;
    }
    Some(format!("{}*", terms.join(" ")))
}

/// `26` and `07` from what people call them.
pub(super) fn departement_code(s: &str) -> String {
    match fold(s).as_str() {
        "drome" | "26" => "26".into(),
        "ardeche" | "07" | "7" => "07".into(),
        _ => s.trim().to_string(),
    }
}

/// The latitude and longitude bounds of a box that holds the circle of `km` around `p`.
pub(super) fn bounding_box(p: (f64, f64), km: f64) -> ((f64, f64), (f64, f64)) {
    let dlat = km / 111.0 + 0.001;
    let dlon = km / (111.32 * p.0.to_radians().cos().max(0.01)) + 0.001;
    ((p.0 - dlat, p.0 + dlat), (p.1 - dlon, p.1 + dlon))
}

/// Where a space comes when a search without words orders by use: those open at the moment
/// asked (now unless one was chosen) first, then the other open ones (closed for the night,
/// or hours unknown), then those still planned, and last those closed for good. A list
/// opened without a word should answer « where can I work now? », not recite the alphabet.
fn use_tier(status: &str, open: Option<bool>) -> u8 {
    match (status_from_code(status), open) {
        (SpaceStatus::Open, Some(true)) => 0,
        (SpaceStatus::Open, _) => 1,
        (SpaceStatus::Planned, _) => 2,
        (SpaceStatus::Closed, _) => 3,
    }
}

/// `spaces` as hits: the distance computed already, else from `near`, and whether each
/// space is open at `at` (Paris time), the moment chosen, else now.
fn hits_of(
    spaces: Vec<Space>,
    distances: &HashMap<i64, Option<f64>>,
    near: Option<(f64, f64)>,
    cache: &mut HoursCache,
    at: (NaiveDateTime, Option<NaiveDateTime>),
) -> Vec<SpaceHit> {
    let (now, chosen) = at;
    spaces
        .into_iter()
        .map(|space| {
            let open = space.fields.hours.as_deref().and_then(|t| cache.is_open(t, chosen.unwrap_or(now)));
            // By id: a space deleted between the two reads is simply left out.
            let distance_km = match distances.get(&space.id) {
                Some(d) => *d,
                None => near.map(|p| distance_km(p, (space.fields.lat, space.fields.lon))),
            };
            SpaceHit { space, distance_km, open, at: chosen }
        })
        .collect()
}

impl Spaces<'_> {
    /// The spaces that match `q`, ordered by `q.sort`. `now` is the time of « ouvert
    /// maintenant » (the `open_now` of each hit, and `OpenAt::Now`). Every match: at
    /// thousands of spaces, lists should use [`Spaces::search_page`].
    pub fn search(&self, q: &SpaceQuery, now: DateTime<Utc>) -> Result<Vec<SpaceHit>> {
        Ok(self.search_page(q, now, 0, usize::MAX)?.0)
    }

    /// Like [`Spaces::search`], but only `limit` hits from `offset` in the full order, and
    /// the number of all matches (« 1 204 espaces »): a list on screen reads a page, not
    /// ten thousand rows.
    ///
    /// Without a distance limit or order, SQL counts and reads the page, which stops at its
    /// last row; opening hours are then counted by distinct expression, each evaluated once.
    /// Otherwise a first pass reads light rows (id, position, hours when asked) for Rust to
    /// filter and order; only the page is read in full. Words matching more than `RANKED_MAX` (1,000) spaces are ordered by name.
    pub fn search_page(
        &self,
        q: &SpaceQuery,
        now: DateTime<Utc>,
        offset: usize,
        limit: usize,
    ) -> Result<(Vec<SpaceHit>, usize)> {
        self.search_ranked_up_to(q, now, offset, limit, RANKED_MAX)
    }

    /// The first `limit` hits of [`Spaces::search_page`], shared by every session that asks
    /// the same question in the same minute, until the next change: members typing the same
    /// first letters (« co », « cre »…) cost one search, not one each.
    pub fn search_shared(
        &self,
        q: &SpaceQuery,
        now: DateTime<Utc>,
        limit: usize,
    ) -> Result<Arc<(Arc<Vec<SpaceHit>>, usize)>> {
        let minute = now.timestamp().div_euclid(60);
        let key = format!("{minute}|{limit}|{q:?}");
        let store = self.store;
        store.inner.searches.get(
            store,
            &key,
            |_| true,
            || {
                let (hits, total) = self.search_page(q, now, 0, limit)?;
                Ok((Arc::new(hits), total))
            },
        )
    }

    /// [`Spaces::search_page`], with words ranked only up to `ranked_max` matches.
    fn search_ranked_up_to(
        &self,
        q: &SpaceQuery,
        now: DateTime<Utc>,
        offset: usize,
        limit: usize,
        ranked_max: usize,
    ) -> Result<(Vec<SpaceHit>, usize)> {
        let params = SqlParams::new(q, match_expression(&q.words));
        let near = q.near.as_ref().map(|c| (c.lat, c.lon));
        let within = q.within_km.filter(|_| near.is_some());
        let now_local = now.with_timezone(&Paris).naive_local();
        let chosen = match q.open {
            Some(OpenAt::At(t)) => Some(t),
            _ => None,
        };
        let open_at = q.open.map(|_| chosen.unwrap_or(now_local));
        let by_use = q.sort == SpaceSort::Relevance && params.fts.is_none();
        let by_distance = near.is_some() && (q.sort == SpaceSort::Distance || by_use);
        self.store.read(|c| {
            // Relevance needs the words, and not too many matches.
            let mut matches = None;
            let order = match params.fts.as_deref() {
                Some(fts) if q.sort == SpaceSort::Relevance && !by_distance => {
                    let n = fts_count(c, fts, ranked_max.saturating_add(1))?;
                    matches = Some(n);
                    if n <= ranked_max { Order::Rank } else { Order::Name }
                }
                _ => Order::Name,
            };
            let mut cache = self.store.hours();
            // One evaluation per distinct expression and minute, whatever the number of rows.
            let (ids, distances, total) = if within.is_none() && !by_distance && !by_use {
                let (open_list, total) = match open_at {
                    Some(at) => {
                        let (list, n) = open_hours(c, &params, |t| cache.is_open(t, at) == Some(true))?;
                        (Some(list), n)
                    }
                    None => match matches {
                        Some(n) if n <= ranked_max && !params.filters() => (None, n),
                        _ => (None, count(c, &params)?),
                    },
                };
                (page_ids(c, &params, open_list.as_deref(), order, offset, limit)?, HashMap::new(), total)
            } else {
                let mut rows: Vec<(Candidate, Option<f64>)> =
                    candidates(c, &params, order, open_at.is_some() || by_use, |status, hours| {
                        let open = hours.and_then(|t| cache.is_open(t, open_at.unwrap_or(now_local)));
                        match open_at {
                            Some(_) if open != Some(true) => None,
                            _ => Some(if by_use { use_tier(status, open) } else { 0 }),
                        }
                    })?
                    .into_iter()
                    .map(|cand| {
                        let d = near.map(|p| distance_km(p, (cand.lat, cand.lon)));
                        (cand, d)
                    })
                    .filter(|(_, d)| match (d, within) {
                        (Some(d), Some(max)) => *d <= max,
                        _ => true,
                    })
                    .collect();
                if by_distance || by_use {
                    // Stable: equal tiers and distances keep the name order.
                    let far = |r: &(Candidate, Option<f64>)| {
                        if by_distance { r.1.unwrap_or(f64::MAX) } else { 0.0 }
                    };
                    rows.sort_by(|a, b| a.0.tier.cmp(&b.0.tier).then(far(a).total_cmp(&far(b))));
                }
                let total = rows.len();
                let page: Vec<(Candidate, Option<f64>)> = rows.into_iter().skip(offset).take(limit).collect();
                let ids = page.iter().map(|(c, _)| c.id).collect();
                let distances: HashMap<i64, Option<f64>> = page.iter().map(|(c, d)| (c.id, *d)).collect();
                (ids, distances, total)
            };
            let spaces = spaces_by_ids(c, &ids)?;
            Ok((hits_of(spaces, &distances, near, &mut cache, (now_local, chosen)), total))
        })
    }

    pub fn get(&self, id: i64) -> Result<Option<Space>> {
        self.store.read(|c| get_in(c, id))
    }

    pub fn count(&self) -> Result<i64> {
        self.store.read(|c| Ok(c.query_row("SELECT count(*) FROM spaces", [], |r| r.get(0))?))
    }

    /// Every space, by id: for the map and for export.
    pub fn all(&self) -> Result<Vec<Space>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(&format!("SELECT {FIELDS} {FROM} ORDER BY s.id"))?;
            let rows = stmt.query_map([], space_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Whether a space is open at `at` (Paris local time): `None` when its hours are unknown.
    /// Uses the same cache as the search.
    pub fn is_open(&self, space: &Space, at: NaiveDateTime) -> Result<Option<bool>> {
        let Some(text) = space.fields.hours.as_deref() else {
            return Ok(None);
        };
        let mut cache = self.store.hours();
        Ok(cache.get(text).map(|h| h.is_open(at)))
    }

    /// Deletes a space from the directory, signed by `actor` in the audit log.
    pub fn delete(&self, actor: &str, id: i64) -> Result<()> {
        self.store.write(|tx| {
            let name: Option<String> =
                tx.query_row("SELECT name FROM spaces WHERE id = ?1", [id], |r| r.get(0)).optional()?;
            let name = name.ok_or(StoreError::NotFound)?;
            tx.execute("DELETE FROM spaces WHERE id = ?1", [id])?;
            super::audit::record(tx, actor, "space.delete", &format!("space {id}"), &name)
        })
    }

    /// Inserts or updates one space by `(source, source_id)`, in one transaction.
    pub fn upsert(&self, s: &NewSpace) -> Result<Upserted> {
        let now = Utc::now();
        self.store.write(|tx| upsert_in(tx, s, now))
    }
}

/// Space `id`, read on `c` (a transaction's connection too).
pub(super) fn get_in(c: &Connection, id: i64) -> Result<Option<Space>> {
    let mut stmt = c.prepare_cached(&format!("SELECT {FIELDS} {FROM} WHERE s.id = ?1"))?;
    Ok(stmt.query_row([id], space_row).optional()?)
}

/// Inserts `s`, or updates the space with the same `(source, source_id)` when something
/// differs; an identical record is left alone (its `updated_at` keeps telling when it last
/// changed).
pub(super) fn upsert_in(c: &Connection, s: &NewSpace, now: DateTime<Utc>) -> Result<Upserted> {
    let existing = c
        .query_row(
            &format!("SELECT {FIELDS} {FROM} WHERE s.source = ?1 AND s.source_id = ?2"),
            params![s.source, s.source_id],
            space_row,
        )
        .optional()?;
    let values = params![
        s.name,
        s.kind.code(),
        s.status.code(),
        s.address,
        s.postcode,
        s.commune_insee,
        s.lat,
        s.lon,
        s.description,
        Amenity::codes(&s.amenities),
        s.hours,
        s.price_day_cents,
        s.price_half_day_cents,
        s.price_month_cents,
        s.website,
        s.email,
        s.phone,
        s.verified_on.map(|d| d.format("%Y-%m-%d").to_string()),
        s.source,
        s.source_id,
        ts(now),
        sort_key(&s.name),
    ];
    match existing {
        Some(old) if old.fields == *s => Ok(Upserted::Unchanged(old.id)),
        Some(old) => {
            let mut stmt = c.prepare_cached(
                "UPDATE spaces SET name = ?1, kind = ?2, status = ?3, address = ?4, postcode = ?5,
                    commune_insee = ?6, lat = ?7, lon = ?8, description = ?9, amenities = ?10,
                    hours = ?11, price_day_cents = ?12, price_half_day_cents = ?13,
                    price_month_cents = ?14, website = ?15, email = ?16, phone = ?17,
                    verified_on = ?18, updated_at = ?21, sort_name = ?22
                 WHERE source = ?19 AND source_id = ?20",
            )?;
            stmt.execute(values)?;
            Ok(Upserted::Updated(old.id))
        }
        None => {
            let mut stmt = c.prepare_cached(
                "INSERT INTO spaces (name, kind, status, address, postcode, commune_insee, lat, lon,
                    description, amenities, hours, price_day_cents, price_half_day_cents,
                    price_month_cents, website, email, phone, verified_on, source, source_id,
                    created_at, updated_at, sort_name)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                    ?18, ?19, ?20, ?21, ?21, ?22)",
            )?;
            stmt.execute(values)?;
            Ok(Upserted::Inserted(c.last_insert_rowid()))
        }
    }
}

#[cfg(test)]
#[path = "spaces_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "spaces_import_tests.rs"]
mod import_tests;
