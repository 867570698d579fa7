//! The lie of the land the map draws: the communes of Drôme and Ardèche from the file this
//! project ships (`data/communes-26-07.csv`, sources and licences in `data/README.md`), and
//! the main rivers drawn through the communes they run by. Read once for the whole process:
//! every session's map shows the same land.

use std::sync::LazyLock;

/// The communes file, embedded so that a server needs no data folder beside it.
pub const COMMUNES_CSV: &str = include_str!("../../data/communes-26-07.csv");

/// A commune as the map needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    pub name: String,
    /// `26` or `07`.
    pub departement: String,
    pub population: i64,
    pub lat: f64,
    pub lon: f64,
}

/// A river: its name and its course, from its source (or where it enters the map) to its
/// mouth, as (lat, lon) points.
#[derive(Debug, Clone, PartialEq)]
pub struct River {
    pub name: &'static str,
    pub course: Vec<(f64, f64)>,
}

/// The Rhône, which runs between the two départements and is their border: points along
/// its course, close enough to put each town on its bank.
const RHONE: [(f64, f64); 9] = [
    (45.33, 4.76),
    (45.18, 4.81),
    (45.07, 4.83),
    (44.93, 4.87),
    (44.75, 4.76),
    (44.64, 4.76),
    (44.48, 4.69),
    (44.35, 4.67),
    (44.26, 4.65),
];

/// A river's name, the communes it runs by upstream first, and where it meets the Rhône.
type Course = (&'static str, &'static [&'static str], Option<(f64, f64)>);

/// The main rivers of the two départements (the Eygues leaves for Vaucluse: no mouth here).
/// A course through the town halls is a sketch, not a survey: enough to find one's way on a
/// map a few dozen characters wide.
const COURSES: [Course; 6] = [
    (
        "Isère",
        &[
            "Saint-Nazaire-en-Royans",
            "La Baume-d'Hostun",
            "Eymeux",
            "Romans-sur-Isère",
            "Châteauneuf-sur-Isère",
            "Pont-de-l'Isère",
            "La Roche-de-Glun",
        ],
        Some((44.99, 4.85)),
    ),
    (
        "Drôme",
        &[
            "Valdrôme",
            "Beaurières",
            "Luc-en-Diois",
            "Recoubeau-Jansac",
            "Die",
            "Pontaix",
            "Vercheny",
            "Espenel",
            "Saillans",
            "Aouste-sur-Sye",
            "Crest",
            "Allex",
            "Livron-sur-Drôme",
        ],
        Some((44.76, 4.78)),
    ),
    (
        "Eyrieux",
        &[
            "Saint-Agrève",
            "Le Cheylard",
            "Saint-Sauveur-de-Montagut",
            "Les Ollières-sur-Eyrieux",
            "Saint-Fortunat-sur-Eyrieux",
            "Saint-Laurent-du-Pape",
            "Beauchastel",
        ],
        Some((44.82, 4.80)),
    ),
    ("Roubion", &["Bourdeaux", "Pont-de-Barret", "Charols", "La Laupie", "Montélimar"], Some((44.55, 4.72))),
    (
        "Ardèche",
        &[
            "Mayres",
            "Thueyts",
            "Pont-de-Labeaume",
            "Lalevade-d'Ardèche",
            "Ucel",
            "Aubenas",
            "Vogüé",
            "Ruoms",
            "Sampzon",
            "Vallon-Pont-d'Arc",
            "Saint-Martin-d'Ardèche",
        ],
        Some((44.27, 4.65)),
    ),
    ("Eygues", &["Rémuzat", "Sahune", "Nyons", "Mirabel-aux-Baronnies", "Saint-Maurice-sur-Eygues"], None),
];

/// Every commune of the file, the most populous first (so that when two names would overlap
/// on a map, the bigger town keeps its label). A line that does not read is left out: the
/// file is this project's own, and its test reads every line.
pub fn places() -> &'static [Place] {
    static PLACES: LazyLock<Vec<Place>> = LazyLock::new(|| read_places(COMMUNES_CSV));
    &PLACES
}

fn read_places(text: &str) -> Vec<Place> {
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let Ok(headers) = reader.headers().cloned() else { return Vec::new() };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(name), Some(dep), Some(pop), Some(lat), Some(lon)) =
        (col("nom"), col("departement_code"), col("population"), col("latitude"), col("longitude"))
    else {
        return Vec::new();
    };
    let mut places: Vec<Place> = reader
        .records()
        .filter_map(|r| {
            let r = r.ok()?;
            Some(Place {
                name: r.get(name)?.to_string(),
                departement: r.get(dep)?.to_string(),
                population: r.get(pop)?.parse().unwrap_or(0),
                lat: r.get(lat)?.parse().ok()?,
                lon: r.get(lon)?.parse().ok()?,
            })
        })
        .collect();
    places.sort_by_key(|p| std::cmp::Reverse(p.population));
    places
}

/// The Rhône, then the main rivers, their courses through the communes of [`places`].
pub fn rivers() -> &'static [River] {
    static RIVERS: LazyLock<Vec<River>> = LazyLock::new(|| {
        let mut rivers = vec![River { name: "Rhône", course: RHONE.to_vec() }];
        rivers.extend(COURSES.iter().map(|(name, communes, mouth)| {
            River {
                name,
                course: communes
                    .iter()
                    .filter_map(|c| places().iter().find(|p| p.name == *c).map(|p| (p.lat, p.lon)))
                    .chain(*mouth)
                    .collect(),
            }
        }));
        rivers
    });
    &RIVERS
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn every_commune_of_the_file_is_read_the_biggest_first() {
        let lines = COMMUNES_CSV.lines().count() - 1;
        assert_eq!(places().len(), lines, "a line of the communes file did not read");
        assert_eq!(places()[0].name, "Valence");
        assert!(places().windows(2).all(|w| w[0].population >= w[1].population));
    }

    #[test]
    fn every_river_runs_through_communes_that_exist() {
        for (name, communes, mouth) in COURSES {
            let river = rivers().iter().find(|r| r.name == name).unwrap();
            assert_eq!(river.course.len(), communes.len() + usize::from(mouth.is_some()), "{name}");
        }
        // The Drôme runs east to west, from the Diois to the Rhône.
        let drome = rivers().iter().find(|r| r.name == "Drôme").unwrap();
        assert!(drome.course.first().unwrap().1 > drome.course.last().unwrap().1 + 0.5);
    }
}
