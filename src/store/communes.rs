//! The communes of Drôme and Ardèche: found by name, INSEE code or postcode for « près de … »,
//! completed as a person types, suggested when a name is misspelt.

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, StoreError};
use crate::domain::geography::COMMUNES_CSV;
use crate::domain::space::{Commune, Located, fold};

pub struct Communes<'s> {
    pub(super) store: &'s Store,
}

const FIELDS: &str = "insee, name, departement, postcodes, population, lat, lon";

fn commune_row(row: &Row<'_>) -> rusqlite::Result<Commune> {
    let postcodes: String = row.get(3)?;
    Ok(Commune {
        insee: row.get(0)?,
        name: row.get(1)?,
        departement: row.get(2)?,
        postcodes: postcodes.split_whitespace().map(str::to_string).collect(),
        population: row.get(4)?,
        lat: row.get(5)?,
        lon: row.get(6)?,
    })
}

/// Whether the text looks like a code of 5 characters (INSEE codes are digits here; Corsica's
/// `2A…` are not in the file but cost nothing).
fn looks_like_code(s: &str) -> bool {
    s.len() == 5 && s.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Communes<'_> {
    /// A commune by name (whatever the accents, case, hyphens: « crest », « Montelimar »,
    /// « saint agreve »), else by postcode, else by INSEE code; see [`locate_in`].
    pub fn find(&self, key: &str) -> Result<Option<Commune>> {
        Ok(self.locate(key)?.map(|found| found.commune))
    }

    /// [`Communes::find`], with what else the text could have meant.
    pub fn locate(&self, key: &str) -> Result<Option<Located>> {
        self.store.read(|c| locate_in(c, key))
    }

    pub fn get(&self, insee: &str) -> Result<Option<Commune>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(&format!("SELECT {FIELDS} FROM communes WHERE insee = ?1"))?;
            Ok(stmt.query_row([insee], commune_row).optional()?)
        })
    }

    /// Communes whose name starts with `prefix` (folded), the most populated first; then, to
    /// fill `limit`, those with a later word that starts with it (« agr » → Saint-Agrève).
    /// Digits are a postcode being typed: see [`Communes::complete_code`].
    pub fn complete(&self, prefix: &str, limit: usize) -> Result<Vec<Commune>> {
        let folded = fold(prefix);
        if folded.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        if folded.len() <= 5 && folded.chars().all(|c| c.is_ascii_digit()) {
            return self.complete_code(&folded, limit);
        }
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {FIELDS} FROM communes
                 WHERE substr(name_folded, 1, length(?1)) = ?1
                    OR instr(' ' || name_folded, ' ' || ?1) > 0
                 ORDER BY substr(name_folded, 1, length(?1)) = ?1 DESC, population DESC, name_folded
                 LIMIT ?2"
            ))?;
            let rows = stmt.query_map(params![folded, limit], commune_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// The communes of a postcode as it is typed: those with exactly that postcode first
    /// (all the communes that share it, to choose from), the most populated first, then
    /// those whose postcode starts with it; and the commune whose INSEE code it is, kept
    /// among the offers, since [`locate_in`] takes the postcode's reading first.
    fn complete_code(&self, digits: &str, limit: usize) -> Result<Vec<Commune>> {
        let sql_limit = i64::try_from(limit).unwrap_or(i64::MAX);
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {FIELDS} FROM communes WHERE instr(' ' || postcodes, ' ' || ?1) > 0
                 ORDER BY instr(' ' || postcodes || ' ', ' ' || ?1 || ' ') > 0 DESC, population DESC,
                    name_folded
                 LIMIT ?2"
            ))?;
            let mut list = stmt
                .query_map(params![digits, sql_limit], commune_row)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut by_insee =
                c.prepare_cached(&format!("SELECT {FIELDS} FROM communes WHERE insee = ?1"))?;
            if let Some(insee) = by_insee.query_row([digits], commune_row).optional()?
                && !list.iter().any(|c| c.insee == insee.insee)
            {
                list.truncate(limit.saturating_sub(1));
                list.push(insee);
            }
            Ok(list)
        })
    }

    /// The names closest to a misspelt one, best first, for « Vouliez-vous dire … ? ».
    ///
    /// Jaro-Winkler on folded names: it favours names that share the beginning, which is how
    /// people misspell a town (« Cret » → Crest, Creyers), where plain edit distance would
    /// rank short unrelated names (Die) first. Ties go to the more populated commune.
    pub fn suggest(&self, wrong: &str, limit: usize) -> Result<Vec<String>> {
        let folded = fold(wrong);
        if folded.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let all: Vec<(String, String, i64)> = self.store.read(|c| {
            let mut stmt = c.prepare_cached("SELECT name, name_folded, population FROM communes")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        let mut scored: Vec<(f64, i64, String)> = all
            .into_iter()
            .map(|(name, f, population)| (strsim::jaro_winkler(&folded, &f), population, name))
            .filter(|(score, _, _)| *score >= 0.8)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
        Ok(scored.into_iter().take(limit).map(|(_, _, name)| name).collect())
    }

    pub fn count(&self) -> Result<i64> {
        self.store.read(|c| Ok(c.query_row("SELECT count(*) FROM communes", [], |r| r.get(0))?))
    }
}

/// The commune `key` names, read on `c` (a transaction's too): a name first, then a
/// postcode (the most populous of the communes sharing it, the others named), then an
/// INSEE code. The postcode comes before the INSEE code because it is the code people
/// know, from their letters: 44 codes of the two départements are both, and read as INSEE
/// codes they led far from the town meant (26150 is Die's postcode and the INSEE code of
/// Izon-la-Bruisse, 60 km away).
pub(super) fn locate_in(c: &Connection, key: &str) -> Result<Option<Located>> {
    let key = key.trim();
    let folded = fold(key);
    if folded.is_empty() {
        return Ok(None);
    }
    let mut by_name = c.prepare_cached(&format!(
        "SELECT {FIELDS} FROM communes WHERE name_folded = ?1 ORDER BY population DESC LIMIT 1"
    ))?;
    if let Some(found) = by_name.query_row([&folded], commune_row).optional()? {
        return Ok(Some(Located::named(found)));
    }
    if !looks_like_code(key) {
        return Ok(None);
    }
    let mut by_insee = c.prepare_cached(&format!("SELECT {FIELDS} FROM communes WHERE insee = ?1"))?;
    let insee = by_insee.query_row([key], commune_row).optional()?;
    let mut by_postcode = c.prepare_cached(&format!(
        "SELECT {FIELDS} FROM communes WHERE instr(' ' || postcodes || ' ', ' ' || ?1 || ' ') > 0
         ORDER BY population DESC, name_folded"
    ))?;
    let mut sharing = by_postcode.query_map([key], commune_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
    if sharing.is_empty() {
        return Ok(insee.map(Located::named));
    }
    let commune = sharing.remove(0);
    Ok(Some(Located {
        insee_of: insee.filter(|c| c.insee != commune.insee).map(|c| c.name),
        postcode: Some(key.to_string()),
        sharing: sharing.into_iter().map(|c| c.name).collect(),
        commune,
    }))
}

/// Loads the shipped communes into an empty table, in one transaction.
pub(super) fn load(store: &Store) -> Result<()> {
    // Read first: opening a database that has its communes (every time but the first) takes
    // no write lock, so an admin command never waits behind a busy server.
    let empty = store.read(|c| {
        Ok(c.query_row("SELECT NOT EXISTS (SELECT 1 FROM communes)", [], |r| r.get::<_, bool>(0))?)
    })?;
    if !empty {
        return Ok(());
    }
    store.write(|tx| {
        let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM communes)", [], |r| r.get(0))?;
        if empty {
            insert_all(tx, COMMUNES_CSV)?;
        }
        Ok::<(), StoreError>(())
    })
}

/// The columns of the communes file that the table keeps.
fn insert_all(c: &Connection, text: &str) -> Result<usize> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| StoreError::Data(format!("communes file: {e}")))?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .ok_or_else(|| StoreError::Data(format!("communes file: no column {name}")))
    };
    let (insee, name, dep, postcodes, population, lat, lon) = (
        col("code_insee")?,
        col("nom")?,
        col("departement_code")?,
        col("codes_postaux")?,
        col("population")?,
        col("latitude")?,
        col("longitude")?,
    );
    let mut stmt = c.prepare(
        "INSERT INTO communes (insee, name, name_folded, departement, postcodes, population, lat, lon)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut n = 0;
    for record in reader.records() {
        let r = record.map_err(|e| StoreError::Data(format!("communes file: {e}")))?;
        let field = |i: usize| r.get(i).unwrap_or_default();
        let number = |i: usize| {
            field(i).parse::<f64>().map_err(|_| {
                StoreError::Data(format!("communes file, {}: not a number « {} »", field(insee), field(i)))
            })
        };
        stmt.execute(params![
            field(insee),
            field(name),
            fold(field(name)),
            field(dep),
            field(postcodes).replace('|', " "),
            field(population).parse::<i64>().unwrap_or(0),
            number(lat)?,
            number(lon)?,
        ])?;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        (dir, store)
    }

    #[test]
    fn all_communes_are_loaded_once() {
        let (dir, store) = store();
        assert_eq!(store.communes().count().unwrap(), 697);
        drop(store);
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        assert_eq!(store.communes().count().unwrap(), 697);
    }

    #[test]
    fn find_by_name_code_or_postcode() {
        let (_dir, store) = store();
        let c = store.communes();
        let crest = c.find("crest").unwrap().unwrap();
        assert_eq!(
            (crest.insee.as_str(), crest.name.as_str(), crest.departement.as_str()),
            ("26108", "Crest", "26")
        );
        assert_eq!(crest.postcodes, vec!["26400"]);
        assert!((crest.lat - 44.728775).abs() < 1e-9);
        assert_eq!(c.find("Montelimar").unwrap().unwrap().name, "Montélimar");
        assert_eq!(c.find(" SAINT agrève ").unwrap().unwrap().name, "Saint-Agrève");
        assert_eq!(c.find("26198").unwrap().unwrap().name, "Montélimar");
        assert_eq!(c.find("07").unwrap(), None);
        // 26400 is the postcode of Crest and of smaller villages around it.
        assert_eq!(c.find("26400").unwrap().unwrap().name, "Crest");
        assert_eq!(c.find("07600").unwrap().unwrap().name, "Vals-les-Bains");
        assert_eq!(c.find("Paris").unwrap(), None);
        assert_eq!(c.find("").unwrap(), None);
        assert_eq!(c.find("'; DROP TABLE communes; --").unwrap(), None);
    }

    #[test]
    fn a_postcode_comes_before_an_insee_code_and_says_who_shares_it() {
        let (_dir, store) = store();
        let c = store.communes();
        // 26150: Die's postcode, and the INSEE code of Izon-la-Bruisse (26560).
        let die = c.locate("26150").unwrap().unwrap();
        assert_eq!(die.commune.name, "Die");
        assert_eq!(die.postcode.as_deref(), Some("26150"));
        assert_eq!(die.sharing.len(), 13, "{:?}", die.sharing);
        assert_eq!(die.sharing[0], "Solaure en Diois", "the next most populous");
        assert_eq!(die.insee_of.as_deref(), Some("Izon-la-Bruisse"));
        assert!(die.ambiguous());
        // An INSEE code that is no postcode, a name, a postcode of one commune.
        assert_eq!(c.locate("26113").unwrap().unwrap(), Located::named(die.commune.clone()));
        assert_eq!(c.find("Izon-la-Bruisse").unwrap().unwrap().insee, "26150");
        let one = c.locate("26560").unwrap().unwrap();
        assert!(one.commune.postcodes.contains(&"26560".to_string()));
    }

    #[test]
    fn a_postcode_being_typed_offers_every_commune_that_has_it() {
        let (_dir, store) = store();
        let offers = |p: &str, n| store.communes().complete(p, n).unwrap();
        let crest = offers("26400", 6);
        assert_eq!(crest.len(), 6);
        assert_eq!(crest[0].name, "Crest");
        assert!(crest.iter().all(|c| c.postcodes.contains(&"26400".to_string())), "{crest:?}");
        assert!(crest.windows(2).all(|w| w[0].population >= w[1].population));
        assert_eq!(offers("26400", 100).len(), 24);
        // The code read as INSEE stays among the offers, last.
        let die = offers("26150", 6);
        assert_eq!((die[0].name.as_str(), die[5].name.as_str()), ("Die", "Izon-la-Bruisse"));
        // Digits so far: postcodes that start with them.
        assert!(offers("264", 6).iter().all(|c| c.postcodes.iter().any(|p| p.starts_with("264"))));
        assert!(offers("99", 6).is_empty());
    }

    #[test]
    fn completion_puts_towns_first() {
        let (_dir, store) = store();
        let names = |p: &str, n| {
            store.communes().complete(p, n).unwrap().into_iter().map(|c| c.name).collect::<Vec<_>>()
        };
        let cr = names("cr", 3);
        assert_eq!(cr[0], "Crest", "{cr:?}");
        assert_eq!(names("MONTÉ", 1), vec!["Montélimar"]);
        assert_eq!(names("val", 2)[0], "Valence");
        assert!(names("agreve", 5).contains(&"Saint-Agrève".to_string()));
        assert!(names("", 5).is_empty());
        assert!(names("%", 5).is_empty());
        assert!(names("zzz", 5).is_empty());
    }

    #[test]
    fn suggestions_for_misspelt_names() {
        let (_dir, store) = store();
        let s = store.communes().suggest("Cret", 2).unwrap();
        assert_eq!(s[0], "Crest", "{s:?}");
        let s = store.communes().suggest("Montelimard", 3).unwrap();
        assert_eq!(s[0], "Montélimar", "{s:?}");
        let s = store.communes().suggest("Anonay", 3).unwrap();
        assert_eq!(s[0], "Annonay", "{s:?}");
        assert!(store.communes().suggest("", 3).unwrap().is_empty());
    }
}
