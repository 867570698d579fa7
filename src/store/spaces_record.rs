//! A space as one text the admin edits in the console: one `field: value` per line, the
//! description last and as long as it needs. The fields are the columns of Cédille's CSV
//! format and go through the same checks as an import, so that a space entered by hand is
//! held to the same rules as one imported (coordinates in Drôme or Ardèche, opening hours
//! that parse, http(s) addresses, e-mail with an @, a commune that exists).

use std::collections::HashMap;

use chrono::Utc;
use rusqlite::OptionalExtension;

use super::spaces::{Upserted, get_in, upsert_in};
use super::spaces_import::CEDILLE_COLUMNS;
use super::spaces_rows::{Fields, cedille_row, euros};
use super::{Result, Spaces, StoreError, audit};
use crate::domain::article::slugify;
use crate::domain::console::Refusal;
use crate::domain::record::RowError;
use crate::domain::space::{Amenity, NewSpace, Space, SpaceKind, SpaceStatus};

/// The fields of the record, in the order written: the columns of Cédille's CSV format
/// but `source` and `source_id` (kept by the store, not edited), the description last
/// because it runs to the end of the text.
fn fields() -> impl Iterator<Item = &'static str> {
    CEDILLE_COLUMNS
        .into_iter()
        .filter(|c| !matches!(*c, "source" | "source_id" | "description"))
        .chain(["description"])
}

fn help() -> String {
    let kinds: Vec<&str> = SpaceKind::ALL.iter().map(|k| k.code()).collect();
    let statuses: Vec<&str> = SpaceStatus::ALL.iter().map(|s| s.code()).collect();
    let amenities: Vec<&str> = Amenity::ALL.iter().map(|a| a.code()).collect();
    format!(
        "# Un espace de l'annuaire : un champ par ligne, la description à la fin, aussi longue qu'il faut.\n\
         # kind : {}\n# status : {}\n# amenities (séparés par des virgules) : {}\n\
         # hours : syntaxe OpenStreetMap, par exemple « Mo-Fr 09:00-18:00; Sa 09:00-12:00 »\n\
         # commune_insee : code INSEE (26… Drôme, 07… Ardèche) ; lat, lon en degrés décimaux\n\
         # prix en euros (12 ou 12.50) ; verified_on : 2026-11-27. Les lignes en # sont ignorées.\n",
        kinds.join(", "),
        statuses.join(", "),
        amenities.join(", ")
    )
}

/// The record of `space`, or a template for a new one.
pub fn write_record(space: Option<&Space>) -> String {
    let mut out = help();
    let today = Utc::now().date_naive().format("%Y-%m-%d").to_string();
    let value = |field: &str| -> String {
        let Some(s) = space.map(|s| &s.fields) else {
            return match field {
                "kind" => "coworking".into(),
                "status" => SpaceStatus::Open.code().into(),
                "verified_on" => today.clone(),
                _ => String::new(),
            };
        };
        match field {
            "name" => s.name.clone(),
            "kind" => s.kind.code().into(),
            "status" => s.status.code().into(),
            "address" => s.address.clone(),
            "postcode" => s.postcode.clone(),
            "commune_insee" => s.commune_insee.clone(),
            "lat" => s.lat.to_string(),
            "lon" => s.lon.to_string(),
            "amenities" => Amenity::codes(&s.amenities),
            "hours" => s.hours.clone().unwrap_or_default(),
            "price_day" => euros(s.price_day_cents),
            "price_half_day" => euros(s.price_half_day_cents),
            "price_month" => euros(s.price_month_cents),
            "website" => s.website.clone().unwrap_or_default(),
            "email" => s.email.clone().unwrap_or_default(),
            "phone" => s.phone.clone().unwrap_or_default(),
            "verified_on" => s.verified_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    };
    for field in fields() {
        if field == "description" {
            out.push_str("description:\n");
            out.push_str(space.map(|s| s.fields.description.as_str()).unwrap_or(""));
            out.push('\n');
        } else {
            out.push_str(&format!("{field}: {}\n", value(field)));
        }
    }
    out
}

/// Reads a record back: the space, or what is wrong (the line and the field).
pub fn parse_record(text: &str) -> std::result::Result<NewSpace, RowError> {
    let field_of = |key: &str| fields().find(|f| *f == key);
    let expected = fields().collect::<Vec<_>>().join(", ");
    let values = crate::domain::form::parse_fields(text, field_of, &expected, "description")?;
    let columns: Vec<&str> = CEDILLE_COLUMNS.to_vec();
    let record: csv::StringRecord = columns
        .iter()
        .map(|c| match *c {
            "source" => "cedille".to_string(),
            // Checked for presence by the row reader; the store puts the real one.
            "source_id" => "-".to_string(),
            c => values.get(c).cloned().unwrap_or_default(),
        })
        .collect();
    let index: HashMap<&str, usize> = columns.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    cedille_row(&Fields { record: &record, index: &index })
}

impl Spaces<'_> {
    /// Space `id`'s record, as the console opens it.
    pub fn record(&self, id: i64) -> Result<Option<String>> {
        self.store.read(|c| Ok(get_in(c, id)?.map(|s| write_record(Some(&s)))))
    }

    /// Saves a space written by hand: space `id` updated (it keeps its source and id, so a
    /// later import of its source still finds it), or a new one from source `cedille`.
    /// Returns its id, or why it was refused (nothing written): a record that does not
    /// pass, or (`base`: its record when the console opened it) a space changed meanwhile.
    pub fn save_record(&self, actor: &str, id: Option<i64>, text: &str, base: Option<&str>) -> Result<i64> {
        let mut space = parse_record(text).map_err(Refusal::Record)?;
        self.store.write(|tx| {
            if let (Some(id), Some(base)) = (id, base) {
                let current = get_in(tx, id)?.ok_or(StoreError::NotFound)?;
                let current = write_record(Some(&current));
                if current != base {
                    return Err(Refusal::Changed(current).into());
                }
            }
            let postcodes: Option<String> = tx
                .query_row("SELECT postcodes FROM communes WHERE insee = ?1", [&space.commune_insee], |r| {
                    r.get(0)
                })
                .optional()?;
            let Some(postcodes) = postcodes else {
                return Err(Refusal::Record(RowError::UnknownCommune(space.commune_insee.clone())).into());
            };
            if space.postcode.is_empty() {
                space.postcode = postcodes.split_whitespace().next().unwrap_or_default().to_string();
            }
            match id {
                Some(id) => {
                    let keys: Option<(String, String)> = tx
                        .query_row("SELECT source, source_id FROM spaces WHERE id = ?1", [id], |r| {
                            Ok((r.get(0)?, r.get(1)?))
                        })
                        .optional()?;
                    let (source, source_id) = keys.ok_or(StoreError::NotFound)?;
                    space.source = source;
                    space.source_id = source_id;
                }
                None => {
                    let base = slugify(&space.name);
                    let base = if base.is_empty() { "espace".to_string() } else { base };
                    let mut candidate = base.clone();
                    let mut n = 1;
                    while tx.query_row(
                        "SELECT EXISTS (SELECT 1 FROM spaces WHERE source = 'cedille' AND source_id = ?1)",
                        [&candidate],
                        |r| r.get::<_, bool>(0),
                    )? {
                        n += 1;
                        candidate = format!("{base}-{n}");
                    }
                    space.source = "cedille".into();
                    space.source_id = candidate;
                }
            }
            let (saved, action) = match upsert_in(tx, &space, Utc::now())? {
                Upserted::Inserted(id) => (id, "space.create"),
                Upserted::Updated(id) => (id, "space.update"),
                Upserted::Unchanged(id) => return Ok(id),
            };
            audit::record(tx, actor, action, &format!("space {saved}"), &space.name)?;
            Ok(saved)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        (dir, store)
    }

    const GOOD: &str = "name: La Cordée de Die\nkind: coworking\naddress: 2 rue de l'Armellerie\n\
        commune_insee: 26113\nlat: 44.753\nlon: 5.370\namenities: wifi, cafe\nhours: Mo-Fr 09:00-18:00\n\
        price_day: 15\nwebsite: exemple.org\nemail: bonjour@exemple.org\ndescription:\nUn lieu calme.\n\nDeux paragraphes.\n";

    #[test]
    fn a_record_is_created_then_edited_and_keeps_its_source() {
        let (_d, s) = store();
        let id = s.spaces().save_record("test", None, GOOD, None).unwrap();
        let space = s.spaces().get(id).unwrap().unwrap();
        assert_eq!(
            (space.fields.source.as_str(), space.fields.source_id.as_str()),
            ("cedille", "la-cordee-de-die")
        );
        assert_eq!(space.fields.description, "Un lieu calme.\n\nDeux paragraphes.");
        assert_eq!(space.fields.website.as_deref(), Some("https://exemple.org"));
        assert_eq!(space.fields.postcode, "26150", "filled from the commune");
        // What is written reads back to the same space.
        let text = write_record(Some(&space));
        assert_eq!(parse_record(&text).unwrap().name, "La Cordée de Die");
        let edited = text.replace("price_day: 15", "price_day: 18.50");
        assert_eq!(s.spaces().save_record("test", Some(id), &edited, Some(&text)).unwrap(), id);
        assert_eq!(s.spaces().get(id).unwrap().unwrap().fields.price_day_cents, Some(1850));
        // The same name again makes a second space, not an overwrite.
        let other = s.spaces().save_record("test", None, GOOD, None).unwrap();
        assert_ne!(other, id);
        assert_eq!(s.spaces().get(other).unwrap().unwrap().fields.source_id, "la-cordee-de-die-2");
        let log = s.audit().recent(5).unwrap();
        assert_eq!(
            log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            ["space.create", "space.update", "space.create"]
        );
    }

    #[test]
    fn the_template_for_a_new_space_needs_only_what_is_empty() {
        let template = write_record(None);
        let filled = template
            .replace("name: \n", "name: Le Quai\n")
            .replace("commune_insee: \n", "commune_insee: 26108\n")
            .replace("lat: \n", "lat: 44.69\n")
            .replace("lon: \n", "lon: 5.02\n");
        let space = parse_record(&filled).unwrap();
        assert_eq!((space.kind, space.status), (SpaceKind::Coworking, SpaceStatus::Open));
        assert!(parse_record(&template).unwrap_err().to_string().contains("missing"));
    }

    #[test]
    fn each_wrong_field_is_named_and_nothing_is_written() {
        let (_d, s) = store();
        let before = s.spaces().count().unwrap();
        let cases = [
            (GOOD.replace("lat: 44.753", "lat: 48.85"), "outside Drôme and Ardèche"),
            (GOOD.replace("Mo-Fr 09:00-18:00", "lundi matin"), "hours"),
            (GOOD.replace("exemple.org\nemail", "ftp://x\nemail"), "website"),
            (GOOD.replace("bonjour@exemple.org", "bonjour"), "e-mail"),
            (GOOD.replace("26113", "75056"), "unknown commune INSEE code « 75056 »"),
            (GOOD.replace("kind: coworking", "kind: château"), "unknown kind « château »"),
            (GOOD.replace("wifi, cafe", "wifi, piscine"), "unknown amenity « piscine »"),
            (format!("colour: red\n{GOOD}"), "line 1: unknown field `colour`"),
            (GOOD.replace("name: La Cordée de Die", "name:"), "name missing"),
        ];
        for (text, want) in cases {
            let err = s.spaces().save_record("test", None, &text, None).unwrap_err().to_string();
            assert!(err.contains(want), "{want}: {err}");
        }
        assert_eq!(s.spaces().count().unwrap(), before);
    }
}
