//! The SQL of one search: the first pass over the matches (FTS5 and the filters), counts,
//! one page of ids, the light rows a distance is computed on, and the full rows of a page.

use std::collections::HashMap;

use rusqlite::{Connection, params};

use super::spaces::{FIELDS, FILTERS, FROM, bounding_box, departement_code, space_row};
use super::{Result, StoreError};
use crate::domain::space::{Space, SpaceKind, SpaceStatus};
use crate::domain::spaces_query::SpaceQuery;

/// Above this many spaces matching the words, results come by name rather than by
/// relevance. Ranking (bm25) costs about a microsecond per match, on every keystroke: a
/// word of two or three letters that matches thousands of spaces would take most of the
/// 5 ms a search may take, for an order that means little at that size. Typing one more
/// letter brings the set under this and the ranking back.
pub(super) const RANKED_MAX: usize = 1_000;

/// The order of the first pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Order {
    /// Best match first (bm25), then by name.
    Rank,
    /// By name (folded), then id.
    Name,
}

/// The FROM and WHERE of the first pass: parameter 1 is the FTS5 expression (NULL without
/// words), 2 to 9 the [`FILTERS`]. By name, the spaces are read in the order of the
/// `spaces_for_search` index and the matches are a set to probe (`+` keeps SQLite from
/// using it as a list of rowids), so a page stops after its last row.
pub(super) fn from_where(fts: bool, order: Order) -> String {
    match (fts, order) {
        (true, Order::Rank) => format!(
            "FROM spaces_fts f JOIN spaces s ON s.id = f.rowid WHERE spaces_fts MATCH ?1 AND {FILTERS}"
        ),
        (true, Order::Name) => format!(
            "FROM spaces s WHERE +s.id IN (SELECT rowid FROM spaces_fts WHERE spaces_fts MATCH ?1)
             AND {FILTERS}"
        ),
        (false, _) => format!("FROM spaces s WHERE ?1 IS NULL AND {FILTERS}"),
    }
}

pub(super) fn order_by(order: Order) -> &'static str {
    match order {
        Order::Rank => "ORDER BY bm25(spaces_fts, 10.0, 4.0, 1.0, 3.0), s.sort_name, s.id",
        Order::Name => "ORDER BY s.sort_name, s.id",
    }
}

/// The SQL parameters of a search: 1 the FTS5 expression, 2 to 9 the [`FILTERS`].
pub(super) struct SqlParams {
    pub(super) fts: Option<String>,
    pub(super) kind: Option<&'static str>,
    pub(super) status: Option<&'static str>,
    pub(super) departement: Option<String>,
    pub(super) lat: (Option<f64>, Option<f64>),
    pub(super) lon: (Option<f64>, Option<f64>),
    pub(super) amenities: Option<String>,
}

impl SqlParams {
    pub(super) fn new(q: &SpaceQuery, fts: Option<String>) -> SqlParams {
        let near = q.near.as_ref().map(|c| (c.lat, c.lon));
        let bbox = match (near, q.within_km) {
            (Some(p), Some(km)) if km.is_finite() && km >= 0.0 => Some(bounding_box(p, km)),
            _ => None,
        };
        let mut amenities = q.amenities.clone();
        amenities.sort();
        amenities.dedup();
        let pattern = (!amenities.is_empty())
            .then(|| format!("% {} %", amenities.iter().map(|a| a.code()).collect::<Vec<_>>().join(" % ")));
        SqlParams {
            fts,
            kind: q.kind.map(SpaceKind::code),
            // A place still « en projet » or « fermé » is open at no time, whatever its hours.
            status: q.status.or(q.open.map(|_| SpaceStatus::Open)).map(SpaceStatus::code),
            departement: q.departement.as_deref().map(departement_code),
            lat: (bbox.map(|b| b.0.0), bbox.map(|b| b.0.1)),
            lon: (bbox.map(|b| b.1.0), bbox.map(|b| b.1.1)),
            amenities: pattern,
        }
    }

    /// Whether any filter is set, the words aside.
    pub(super) fn filters(&self) -> bool {
        self.kind.is_some()
            || self.status.is_some()
            || self.departement.is_some()
            || self.lat.0.is_some()
            || self.amenities.is_some()
    }

    pub(super) fn values(&self) -> [&dyn rusqlite::ToSql; 9] {
        [
            &self.fts,
            &self.kind,
            &self.status,
            &self.departement,
            &self.lat.0,
            &self.lat.1,
            &self.lon.0,
            &self.lon.1,
            &self.amenities,
        ]
    }
}

/// How many spaces match the words, counting no further than `cap`: cheap, the index alone.
pub(super) fn fts_count(c: &Connection, fts: &str, cap: usize) -> Result<usize> {
    let mut stmt = c.prepare_cached(
        "SELECT count(*) FROM (SELECT 1 FROM spaces_fts WHERE spaces_fts MATCH ?1 LIMIT ?2)",
    )?;
    let n: i64 = stmt.query_row(params![fts, i64::try_from(cap).unwrap_or(i64::MAX)], |r| r.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}

/// How many spaces pass the words and the filters.
pub(super) fn count(c: &Connection, p: &SqlParams) -> Result<usize> {
    let n: i64 = match p.fts.as_deref() {
        Some(fts) if !p.filters() => c
            .prepare_cached("SELECT count(*) FROM spaces_fts WHERE spaces_fts MATCH ?1")?
            .query_row([fts], |r| r.get(0))?,
        Some(_) => c
            .prepare_cached(&format!("SELECT count(*) {}", from_where(true, Order::Rank)))?
            .query_row(&p.values()[..], |r| r.get(0))?,
        None => c
            .prepare_cached(&format!("SELECT count(*) {}", from_where(false, Order::Name)))?
            .query_row(&p.values()[..], |r| r.get(0))?,
    };
    Ok(usize::try_from(n).unwrap_or(0))
}

/// The ids of one page, in `order`, when SQL alone can filter and order. `open_hours`, when
/// set, is the list of the hours expressions that say open (a JSON array).
pub(super) fn page_ids(
    c: &Connection,
    p: &SqlParams,
    open_hours: Option<&str>,
    order: Order,
    offset: usize,
    limit: usize,
) -> Result<Vec<i64>> {
    // `+`: the list is a set to probe while reading in order, not a way into the rows.
    let sql = format!(
        "SELECT s.id {} AND (?10 IS NULL OR +s.hours IN (SELECT value FROM json_each(?10)))
         {} LIMIT ?11 OFFSET ?12",
        from_where(p.fts.is_some(), order),
        order_by(order)
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let limit = i64::try_from(limit).unwrap_or(-1);
    let offset = i64::try_from(offset).unwrap_or(i64::MAX);
    let mut values: Vec<&dyn rusqlite::ToSql> = p.values().to_vec();
    values.push(&open_hours);
    values.push(&limit);
    values.push(&offset);
    let rows = stmt.query_map(&values[..], |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

/// The hours expressions that say open, as a JSON array for [`page_ids`], and how many
/// spaces passing the words and filters have them: one row per distinct expression (in
/// the order of the `spaces_by_hours` index), each evaluated once.
pub(super) fn open_hours(
    c: &Connection,
    p: &SqlParams,
    mut is_open: impl FnMut(&str) -> bool,
) -> Result<(String, usize)> {
    let sql = format!(
        "SELECT s.hours, count(*) {} AND s.hours IS NOT NULL GROUP BY s.hours",
        from_where(p.fts.is_some(), Order::Name)
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let mut rows = stmt.query(&p.values()[..])?;
    let (mut open, mut total) = (Vec::new(), 0usize);
    while let Some(row) = rows.next()? {
        let hours = row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
        if is_open(hours) {
            open.push(hours.to_string());
            total += usize::try_from(row.get::<_, i64>(1)?).unwrap_or(0);
        }
    }
    let list = serde_json::to_string(&open).map_err(|e| StoreError::Data(e.to_string()))?;
    Ok((list, total))
}

/// What the first pass of a search keeps of each space when Rust filters or orders: enough
/// to do so.
pub(super) struct Candidate {
    pub(super) id: i64,
    pub(super) lat: f64,
    pub(super) lon: f64,
    /// Where the space comes in an order by use (0 first), as `keep` said.
    pub(super) tier: u8,
}

/// The spaces that pass the SQL filters, in `order`, and then `keep`, which sees the status
/// code and the opening hours when `hours` is set (`None` otherwise), and answers the
/// space's tier or `None` to leave it out. The hours are only borrowed: ten thousand rows
/// are not ten thousand strings.
pub(super) fn candidates(
    c: &Connection,
    p: &SqlParams,
    order: Order,
    hours: bool,
    mut keep: impl FnMut(&str, Option<&str>) -> Option<u8>,
) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT s.id, s.lat, s.lon, {}, s.status {} {}",
        if hours { "s.hours" } else { "NULL" },
        from_where(p.fts.is_some(), order),
        order_by(order)
    );
    let mut stmt = c.prepare_cached(&sql)?;
    let mut rows = stmt.query(&p.values()[..])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let status = row.get_ref(4)?.as_str().map_err(rusqlite::Error::from)?;
        if let Some(tier) = keep(status, row.get_ref(3)?.as_str_or_null().map_err(rusqlite::Error::from)?) {
            out.push(Candidate { id: row.get(0)?, lat: row.get(1)?, lon: row.get(2)?, tier });
        }
    }
    Ok(out)
}

/// The full rows of `ids`, in that order.
pub(super) fn spaces_by_ids(c: &Connection, ids: &[i64]) -> Result<Vec<Space>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = serde_json::to_string(ids).map_err(|e| StoreError::Data(e.to_string()))?;
    let mut stmt =
        c.prepare_cached(&format!("SELECT {FIELDS} {FROM} WHERE s.id IN (SELECT value FROM json_each(?1))"))?;
    let mut found: HashMap<i64, Space> =
        stmt.query_map([list], space_row)?.map(|r| r.map(|s| (s.id, s))).collect::<rusqlite::Result<_>>()?;
    Ok(ids.iter().filter_map(|id| found.remove(id)).collect())
}
