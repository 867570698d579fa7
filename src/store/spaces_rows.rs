//! One CSV row read into a space: the columns of the census (`cget`) and of Cédille's own
//! format (`cedille`), each field cleaned and checked. A row that fails says why, in words
//! the import report shows next to its line.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::domain::hours::Hours;
use crate::domain::record::RowError;
use crate::domain::space::{Amenity, NewSpace, SpaceKind, SpaceStatus, fold, in_area};
use crate::text::{clean_line, clean_text};

/// The census was last updated on that day: the best « known as of » date its rows have.
const CGET_DATE: (i32, u32, u32) = (2019, 6, 13);

/// Longest fields accepted, in characters: longer is a mistake (a whole file in one cell).
const MAX_NAME: usize = 200;
const MAX_LINE: usize = 300;
const MAX_DESCRIPTION: usize = 4000;

/// The fields of one row by column name; an absent column reads as empty.
pub(super) struct Fields<'a> {
    pub(super) record: &'a csv::StringRecord,
    pub(super) index: &'a HashMap<&'a str, usize>,
}

impl<'a> Fields<'a> {
    fn get(&self, name: &str) -> &'a str {
        self.index.get(name).and_then(|&i| self.record.get(i)).unwrap_or("")
    }
}

/// A one-line field, cleaned (no control characters, one space between words).
fn line_field(s: &str) -> String {
    clean_line(s)
}

/// Census fields often end with a stray « . » or « . » after a space.
fn cget_field(s: &str) -> String {
    clean_line(s).trim_end_matches(|c: char| c == '.' || c.is_whitespace()).to_string()
}

fn optional(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

pub(super) fn cget_row(f: &Fields<'_>) -> Result<NewSpace, RowError> {
    let get = |name: &str| f.get(name);
    let typo = fold(get("TYPO"));
    let kind = if typo.contains("dominante coworking") {
        SpaceKind::Coworking
    } else if typo.contains("dominante fablab") {
        SpaceKind::Fablab
    } else {
        SpaceKind::TiersLieu
    };
    let cp = cget_field(get("CP"));
    let postcode =
        if is_postcode(&cp) { cp } else { postcode_in(&cget_field(get("GEOCOD"))).unwrap_or_default() };
    let mut insee = cget_field(get("INSEECOM"));
    if insee.len() == 4 && insee.chars().all(|c| c.is_ascii_digit()) {
        // A spreadsheet took the Ardèche's leading zero for a number.
        insee.insert(0, '0');
    }
    let space = NewSpace {
        name: cget_field(get("NOM_TL")),
        kind,
        status: SpaceStatus::Open,
        address: cget_field(get("ADRESSE")),
        postcode,
        commune_insee: insee,
        lat: coordinate(get("LAT"), "LAT")?,
        lon: coordinate(get("LONG"), "LONG")?,
        description: String::new(),
        amenities: Vec::new(),
        hours: None,
        price_day_cents: None,
        price_half_day_cents: None,
        price_month_cents: None,
        website: website(&cget_field(get("WEB")))?,
        email: email(&cget_field(get("MAIL")))?,
        phone: None,
        verified_on: NaiveDate::from_ymd_opt(CGET_DATE.0, CGET_DATE.1, CGET_DATE.2),
        source: "cget".into(),
        source_id: cget_field(get("ID")),
    };
    check(space)
}

pub(super) fn cedille_row(f: &Fields<'_>) -> Result<NewSpace, RowError> {
    let get = |name: &str| f.get(name);
    let kind_text = line_field(get("kind"));
    let kind = match SpaceKind::parse(&kind_text) {
        Some(k) => k,
        None if kind_text.is_empty() => return Err(RowError::Missing("kind")),
        None => return Err(RowError::UnknownKind(kind_text)),
    };
    let status_text = line_field(get("status"));
    let status = match SpaceStatus::parse(&status_text) {
        Some(s) => s,
        None if status_text.is_empty() => SpaceStatus::Open,
        None => return Err(RowError::UnknownStatus(status_text)),
    };
    let amenities = Amenity::parse_list(&line_field(get("amenities"))).map_err(RowError::UnknownAmenity)?;
    let hours = optional(line_field(get("hours")));
    if let Some(h) = &hours {
        Hours::parse(h).map_err(|error| RowError::Hours { value: h.clone(), error })?;
    }
    let verified = line_field(get("verified_on"));
    let verified_on = if verified.is_empty() {
        None
    } else {
        Some(
            NaiveDate::parse_from_str(&verified, "%Y-%m-%d")
                .map_err(|_| RowError::BadDate(verified.clone()))?,
        )
    };
    let source = line_field(get("source"));
    let space = NewSpace {
        name: line_field(get("name")),
        kind,
        status,
        address: line_field(get("address")),
        postcode: line_field(get("postcode")),
        commune_insee: line_field(get("commune_insee")),
        lat: coordinate(get("lat"), "lat")?,
        lon: coordinate(get("lon"), "lon")?,
        description: clean_text(get("description")).trim().to_string(),
        amenities,
        hours,
        price_day_cents: price(get("price_day"), "price_day")?,
        price_half_day_cents: price(get("price_half_day"), "price_half_day")?,
        price_month_cents: price(get("price_month"), "price_month")?,
        website: website(&line_field(get("website")))?,
        email: email(&line_field(get("email")))?,
        phone: optional(line_field(get("phone"))),
        verified_on,
        source: if source.is_empty() { "cedille".into() } else { source },
        source_id: line_field(get("source_id")),
    };
    check(space)
}

/// Checks shared by both formats (the commune is checked against the database later).
fn check(s: NewSpace) -> Result<NewSpace, RowError> {
    if s.name.is_empty() {
        return Err(RowError::NoName);
    }
    if s.source_id.is_empty() {
        return Err(RowError::NoSourceId);
    }
    if s.commune_insee.is_empty() {
        return Err(RowError::NoCommune);
    }
    if !in_area(s.lat, s.lon) {
        return Err(RowError::OutsideArea { lat: s.lat, lon: s.lon });
    }
    let too_long = |field: &'static str, value: &str, max: usize| {
        (value.chars().count() > max).then_some(RowError::TooLong { field, max })
    };
    if let Some(e) = too_long("name", &s.name, MAX_NAME)
        .or_else(|| too_long("address", &s.address, MAX_LINE))
        .or_else(|| too_long("description", &s.description, MAX_DESCRIPTION))
        .or_else(|| too_long("website", s.website.as_deref().unwrap_or(""), MAX_LINE))
        .or_else(|| too_long("source", &s.source, 40))
        .or_else(|| too_long("source id", &s.source_id, 100))
    {
        return Err(e);
    }
    Ok(s)
}

fn is_postcode(s: &str) -> bool {
    s.len() == 5 && s.chars().all(|c| c.is_ascii_digit()) && s != "00000"
}

/// The postcode in a geocoded address: the last group of 5 digits (« 23 Chemin du Prieuré
/// 07200 Vesseaux » → 07200).
fn postcode_in(address: &str) -> Option<String> {
    address.split_whitespace().rev().find(|w| is_postcode(w)).map(str::to_string)
}

fn coordinate(raw: &str, column: &'static str) -> Result<f64, RowError> {
    let text = raw.trim().replace(',', ".");
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ if text.is_empty() => Err(RowError::Missing(column)),
        _ => Err(RowError::NotANumber { column, value: clean_line(raw) }),
    }
}

/// Euros (`12`, `12.5`, `12,50`, `12.50 €`) to cents; empty is unknown.
fn price(raw: &str, column: &'static str) -> Result<Option<i64>, RowError> {
    let text = raw.trim().trim_end_matches('€').trim().replace(',', ".");
    if text.is_empty() {
        return Ok(None);
    }
    let bad = || RowError::NotEuros { column, value: clean_line(raw) };
    let (whole, frac) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !frac.chars().all(|c| c.is_ascii_digit())
        || whole.len() > 9
    {
        return Err(bad());
    }
    let euros: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = format!("{frac:0<2}").parse().map_err(|_| bad())?;
    Ok(Some(euros * 100 + cents))
}

/// A website, given `https://` when it has no scheme; other schemes are refused.
fn website(s: &str) -> Result<Option<String>, RowError> {
    if s.is_empty() {
        return Ok(None);
    }
    let url = if s.contains("://") { s.to_string() } else { format!("https://{s}") };
    let lower = url.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !host.starts_with('/') && !url.contains(char::is_whitespace) => {
            Ok(Some(url))
        }
        _ => Err(RowError::BadWebsite(s.to_string())),
    }
}

fn email(s: &str) -> Result<Option<String>, RowError> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.split_once('@') {
        Some((user, host)) if !user.is_empty() && !host.is_empty() && !s.contains(char::is_whitespace) => {
            Ok(Some(s.to_string()))
        }
        _ => Err(RowError::BadEmail(s.to_string())),
    }
}

/// Cents as export writes them: `12.50`, and `15` for whole euros.
pub(super) fn euros(cents: Option<i64>) -> String {
    match cents {
        None => String::new(),
        Some(c) if c % 100 == 0 => format!("{}", c / 100),
        Some(c) => format!("{}.{:02}", c / 100, c % 100),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_in_euros() {
        assert_eq!(price("12.50", "p"), Ok(Some(1250)));
        assert_eq!(price("12,5 €", "p"), Ok(Some(1250)));
        assert_eq!(price("15", "p"), Ok(Some(1500)));
        assert_eq!(price("", "p"), Ok(None));
        assert!(price("-3", "p").is_err());
        assert!(price("1.234", "p").is_err());
        assert!(price("douze", "p").is_err());
        for c in [0, 5, 1250, 1500, 999_999] {
            assert_eq!(price(&euros(Some(c)), "p"), Ok(Some(c)));
        }
    }

    #[test]
    fn websites_and_emails() {
        assert_eq!(website("www.x.fr"), Ok(Some("https://www.x.fr".into())));
        assert_eq!(website("http://x.fr/a"), Ok(Some("http://x.fr/a".into())));
        assert!(website("javascript://alert(1)").is_err());
        assert!(website("ftp://x.fr").is_err());
        assert!(website("https://").is_err());
        assert_eq!(email("a@b.fr"), Ok(Some("a@b.fr".into())));
        assert!(email("a.b.fr").is_err());
    }

    #[test]
    fn census_fields() {
        assert_eq!(cget_field("23 chemin du prieuré ."), "23 chemin du prieuré");
        assert_eq!(cget_field("La Jaujon.Route de Joyeuse."), "La Jaujon.Route de Joyeuse");
        assert_eq!(postcode_in("23 Chemin du Prieuré 07200 Vesseaux").as_deref(), Some("07200"));
        assert_eq!(postcode_in("Le Village Vesseaux"), None);
    }
}
