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

/// The raster the outline is traced on, in degrees: about 2 km a step, which on a braille
/// map of the whole view is one dot in two — the dotted line maps use for borders.
const STEP_LAT: f64 = 0.02;
const STEP_LON: f64 = 0.028;

/// How far from its nearest town hall a point still belongs to the two départements. Town
/// halls stand on average under 3 km from their nearest neighbour here, and no more than 9:
/// 5 km keeps the outline outside the outermost villages rather than through them.
const REACH_KM: f64 = 5.0;

/// The outer border of Drôme and Ardèche, as points along it. No outline of the départements
/// ships with this project, but the communes file does: a point belongs to the land when a
/// town hall stands within [`REACH_KM`] or when it is cut off from the outside by such
/// points (a high valley between far-apart villages), and the border runs between the land
/// and the rest. A sketch good to a few kilometres: enough to see where the map ends. Between
/// the two départements the border is the Rhône, which the map draws as a river.
pub fn border() -> &'static [(f64, f64)] {
    static BORDER: LazyLock<Vec<(f64, f64)>> = LazyLock::new(|| trace_border(places()));
    &BORDER
}

fn trace_border(places: &[Place]) -> Vec<(f64, f64)> {
    let Some(((south, north), (west, east))) = extent(places) else { return Vec::new() };
    let margin = 2.0 * REACH_KM / 111.0;
    let (south, west) = (south - margin, west - margin);
    let rows = ((north + margin - south) / STEP_LAT).ceil() as usize + 1;
    let cols = ((east + margin - west) / STEP_LON).ceil() as usize + 1;
    let point = |r: usize, c: usize| (south + r as f64 * STEP_LAT, west + c as f64 * STEP_LON);
    let near: Vec<bool> = (0..rows * cols)
        .map(|i| {
            let (lat, lon) = point(i / cols, i % cols);
            places.iter().any(|p| km(lat, lon, p.lat, p.lon) <= REACH_KM)
        })
        .collect();
    // The outside is what is reached from the raster's edge without crossing the land.
    let mut outside = vec![false; rows * cols];
    let mut todo: Vec<usize> = (0..rows * cols)
        .filter(|&i| {
            (i / cols == 0 || i / cols == rows - 1 || i % cols == 0 || i % cols == cols - 1) && !near[i]
        })
        .collect();
    while let Some(i) = todo.pop() {
        if std::mem::replace(&mut outside[i], true) {
            continue;
        }
        let (r, c) = (i / cols, i % cols);
        let next = [
            (r > 0).then(|| i - cols),
            (r + 1 < rows).then(|| i + cols),
            (c > 0).then(|| i - 1),
            (c + 1 < cols).then(|| i + 1),
        ];
        todo.extend(next.into_iter().flatten().filter(|&j| !near[j] && !outside[j]));
    }
    let mut points = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            let (lat, lon) = point(r, c);
            let here = outside[r * cols + c];
            if c + 1 < cols && here != outside[r * cols + c + 1] {
                points.push((lat, lon + STEP_LON / 2.0));
            }
            if r + 1 < rows && here != outside[(r + 1) * cols + c] {
                points.push((lat + STEP_LAT / 2.0, lon));
            }
        }
    }
    points
}

/// The south–north and west–east spans of the communes' town halls.
fn extent(places: &[Place]) -> Option<((f64, f64), (f64, f64))> {
    let first = places.first()?;
    Some(places.iter().fold(((first.lat, first.lat), (first.lon, first.lon)), |((s, n), (w, e)), p| {
        ((s.min(p.lat), n.max(p.lat)), (w.min(p.lon), e.max(p.lon)))
    }))
}

/// The distance between two points, flat-earth: at this latitude and these distances it is
/// off by far less than the sketch it serves.
fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let dy = (lat1 - lat2) * 111.2;
    let dx = (lon1 - lon2) * 111.2 * lat1.to_radians().cos();
    (dx * dx + dy * dy).sqrt()
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

    #[test]
    fn the_border_rings_the_land_outside_its_villages() {
        let border = border();
        assert!(border.len() > 200, "{} points", border.len());
        // Every commune lies within the outline: north, south, east and west of it there are
        // border points (a ring), and no border point sits on a town hall.
        for (name, lat, lon) in
            [("Die", 44.7536, 5.3703), ("Privas", 44.7353, 4.5991), ("Annonay", 45.2396, 4.6708)]
        {
            let around = |f: &dyn Fn(&(f64, f64)) -> bool| border.iter().any(f);
            assert!(around(&|&(a, o)| a > lat && (o - lon).abs() < 0.03), "{name}: nothing north");
            assert!(around(&|&(a, o)| a < lat && (o - lon).abs() < 0.03), "{name}: nothing south");
            assert!(around(&|&(a, o)| o > lon && (a - lat).abs() < 0.03), "{name}: nothing east");
            assert!(around(&|&(a, o)| o < lon && (a - lat).abs() < 0.03), "{name}: nothing west");
        }
        // One ring, outside the villages: no point of it within 3 km of a town hall.
        for p in places() {
            assert!(
                border.iter().all(|&(a, o)| km(a, o, p.lat, p.lon) > 3.0),
                "the border runs through {}",
                p.name
            );
        }
    }
}
