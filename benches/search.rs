//! Search at 10,000 spaces (issue 4): the p99 of a query must stay under 5 ms.
//!
//! `cargo bench --bench search` builds a temporary database with 10,000 generated spaces
//! spread over the 697 communes of Drôme and Ardèche, then measures the queries a member
//! really types, through the call the « Espaces » screen makes (`search_page(query, now, 0,
//! 200)`). Criterion reports mean times; the p50 and p99 that the issue asks for are measured
//! after it, by timing each of `SEARCH_BENCH_ITERS` calls (2,000 by default) per query, the
//! queries taking turns, and printed as a table.
//!
//! Under `cargo test --benches` (no `--bench` flag) criterion runs each query once and the
//! percentile table is skipped.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::{Duration, Instant};

use cedille::domain::Amenity;
use cedille::store::{ImportFormat, OpenAt, SpaceQuery, SpaceSort, Store};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};

/// How many spaces the database holds.
const SPACES: usize = 10_000;
/// What the « Espaces » screen reads at once (`SPACES_PAGE` in src/runtime.rs).
const PAGE: usize = 200;
/// The figure the issue sets.
const BUDGET: Duration = Duration::from_millis(5);

const COMMUNES_CSV: &str = include_str!("../data/communes-26-07.csv");

/// A small deterministic generator (xorshift64*): the same database on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
    /// -1.0 to 1.0.
    fn unit(&mut self) -> f64 {
        (self.next() % 2_000_001) as f64 / 1_000_000.0 - 1.0
    }
}

struct CommuneRow {
    insee: String,
    name: String,
    postcode: String,
    population: f64,
    lat: f64,
    lon: f64,
}

fn communes() -> Vec<CommuneRow> {
    COMMUNES_CSV
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            CommuneRow {
                insee: f[0].into(),
                name: f[1].into(),
                postcode: f[5].into(),
                population: f[7].parse().unwrap_or(100.0),
                lat: f[8].parse().unwrap(),
                lon: f[9].parse().unwrap(),
            }
        })
        .collect()
}

// The vocabulary of the descriptions: a few hundred words, so that one word finds a few
// hundred spaces, as in a real directory, and a two-letter prefix finds thousands.
#[rustfmt::skip]
const NOUNS: &[&str] = &[
    "atelier", "plateau", "bureau", "poste", "salle", "espace", "lieu", "jardin", "terrasse",
    "cour", "grange", "ferme", "moulin", "filature", "magnanerie", "cave", "étage", "grenier",
    "verrière", "véranda", "cuisine", "bibliothèque", "librairie", "café", "épicerie", "boutique",
    "halle", "gare", "quai", "pont", "place", "rue", "village", "bourg", "quartier", "vallée",
    "rivière", "montagne", "colline", "plaine", "forêt", "verger", "vigne", "lavande", "tilleul",
    "platane", "châtaignier", "noyer", "olivier", "source", "fontaine", "lavoir", "école", "mairie",
    "presbytère", "chapelle", "château", "tour", "remparts", "marché", "foire", "fête", "concert",
    "conférence", "atelier-débat", "formation", "permanence", "accueil", "association",
    "coopérative", "collectif", "réseau", "communauté", "entreprise", "indépendant", "artisan",
    "graphiste", "développeur", "traductrice", "architecte", "photographe", "journaliste",
    "consultante", "comptable", "menuisier", "céramiste", "couturière", "maraîcher", "apiculteur",
    "vigneron", "randonneur", "cycliste", "famille", "enfant", "voisin", "habitant", "visiteur",
    "étudiant", "retraité", "bénévole", "salarié", "stagiaire", "nomade", "télétravailleur",
    "imprimante", "scanner", "écran", "visioconférence", "téléphone", "casque", "tableau",
    "projecteur", "connexion", "réseau", "badge", "clé", "casier", "vestiaire", "douche", "sieste",
    "canapé", "fauteuil", "table", "chaise", "lampe", "poêle", "cheminée", "chauffage",
    "climatisation", "lumière", "silence", "calme", "vue", "panorama", "soleil", "ombre", "matin",
    "midi", "soir", "semaine", "week-end", "saison", "été", "hiver", "printemps", "automne",
    "repas", "déjeuner", "goûter", "apéritif", "pique-nique", "potager", "compost", "ruche",
    "poulailler", "vélo", "navette", "bus", "train", "covoiturage", "parking", "abri", "borne",
];

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "lumineux", "lumineuse", "calme", "spacieux", "spacieuse", "chaleureux", "chaleureuse",
    "convivial", "conviviale", "partagé", "partagée", "commun", "commune", "ancien", "ancienne",
    "rénové", "rénovée", "neuf", "neuve", "petit", "petite", "grand", "grande", "haut", "haute",
    "vieux", "vieille", "joli", "jolie", "simple", "pratique", "équipé", "équipée", "modulable",
    "accessible", "ouvert", "ouverte", "fermé", "fermée", "discret", "discrète", "silencieux",
    "silencieuse", "vivant", "vivante", "associatif", "associative", "coopératif", "coopérative",
    "municipal", "municipale", "rural", "rurale", "numérique", "solidaire", "écologique",
    "bioclimatique", "confortable", "agréable", "abordable", "gratuit", "gratuite", "payant",
    "payante", "mensuel", "mensuelle", "quotidien", "quotidienne", "ponctuel", "ponctuelle", "fixe",
    "nomade", "isolé", "isolée", "climatisé", "climatisée", "chauffé", "chauffée", "boisé",
    "boisée", "fleuri", "fleurie", "ombragé", "ombragée", "ensoleillé", "ensoleillée", "provençal",
    "provençale", "drômois", "drômoise", "ardéchois", "ardéchoise", "rhodanien", "cévenol",
    "cévenole", "montagnard", "montagnarde", "voisin", "voisine", "proche", "central", "centrale",
];

#[rustfmt::skip]
const VERBS: &[&str] = &[
    "accueille", "propose", "offre", "réunit", "rassemble", "héberge", "loue", "prête", "ouvre",
    "organise", "anime", "partage", "invite", "réserve", "met à disposition", "abrite", "relie",
    "domine", "borde", "longe", "surplombe", "complète", "prolonge", "remplace", "transforme",
    "soutient", "forme", "accompagne", "aide", "conseille", "initie", "répare", "fabrique",
    "imprime", "découpe", "cuisine", "cultive", "récolte", "expose", "diffuse", "programme", "fête",
    "célèbre", "encourage", "favorise", "facilite",
];

#[rustfmt::skip]
const PLACES: &[&str] = &[
    "au centre du village", "près de la gare", "au bord de la rivière", "au pied des remparts",
    "sur la place du marché", "dans l'ancienne école", "au-dessus de la boulangerie",
    "face à la mairie", "à la sortie du bourg", "en haut de la côte", "le long de la voie verte",
    "à deux pas du pont", "au fond de la cour", "sous les platanes", "au milieu des vergers",
    "entre vignes et lavandes", "à l'entrée de la vallée", "au rez-de-chaussée", "au premier étage",
    "dans une ancienne magnanerie", "dans une grange restaurée", "à côté de la médiathèque",
    "derrière l'église", "en bordure de la départementale",
];

#[rustfmt::skip]
const STARTS: &[&str] = &[
    "Un", "Une", "Ce", "Cet", "Le", "La", "Notre", "Votre", "Ici,", "Depuis 2019,", "Chaque mardi,",
    "En semaine,", "Le samedi,", "L'été,", "L'hiver,", "Au printemps,", "Le midi,", "Le soir,",
];

#[rustfmt::skip]
const LINKS: &[&str] = &[
    "et", "avec", "pour", "dans", "sur", "sous", "chez", "entre", "vers", "sans", "ou", "mais",
    "puis",
];

#[rustfmt::skip]
const NAME_HEADS: &[&str] = &[
    "La Ruche", "Le Hangar", "L'Atelier", "La Fabrique", "Le Bureau", "La Station", "Le Comptoir",
    "L'Établi", "La Grange", "La Filature", "Le Moulin", "La Coop", "Le Quai", "La Cabane",
    "Le Relais", "La Passerelle", "Le Nid", "La Serre", "Le Local", "La Verrière", "Le Préau",
    "La Canopée", "Le Fournil", "La Magnanerie", "Le Lavoir", "La Halle", "Le Belvédère",
    "L'Escale", "Le Carrefour", "La Bergerie", "Cowork", "Tiers-lieu", "Fablab", "Espace",
    "Pépinière", "Maison", "Le Grenier", "La Tannerie", "Le Cellier", "La Pépite",
];

#[rustfmt::skip]
const NAME_TAILS: &[&str] = &[
    "du Quai", "des Tilleuls", "du Pont", "de la Gare", "des Vergers", "du Moulin", "des Lavandes",
    "de la Rivière", "du Château", "des Remparts", "du Marché", "de la Source", "du Lavoir",
    "des Platanes", "numérique", "partagé", "solidaire", "des Possibles", "des Communs", "du Coin",
    "du Village", "du Soleil", "des Collines", "du Plateau", "de la Vallée", "des Cimes",
];

/// Opening hours as spaces write them: a few hundred distinct expressions.
fn hours(rng: &mut Rng) -> Option<String> {
    if rng.chance(15) {
        return None;
    }
    if rng.chance(3) {
        return Some("Mo-Su 00:00-24:00".into());
    }
    let days = rng.pick(&["Mo-Fr", "Mo-Fr", "Mo-Fr", "Mo-Sa", "Tu-Sa", "Mo-Th", "Tu,Th", "We,Sa"]);
    let open = rng.pick(&["07:30", "08:00", "08:30", "09:00", "09:30", "10:00"]);
    let close = rng.pick(&["16:00", "17:00", "17:30", "18:00", "18:30", "19:00", "20:00"]);
    let mut h = if rng.chance(30) {
        format!("{days} {open}-12:00,{}-{close}", rng.pick(&["13:30", "14:00"]))
    } else {
        format!("{days} {open}-{close}")
    };
    if days == "Mo-Fr" && rng.chance(25) {
        h.push_str("; Sa 09:00-12:00");
    }
    if rng.chance(30) {
        h.push_str("; PH off");
    }
    Some(h)
}

fn sentence(rng: &mut Rng, commune: &str) -> String {
    let mut s = format!(
        "{} {} {} {} {} {} {}",
        rng.pick(STARTS),
        rng.pick(NOUNS),
        rng.pick(ADJECTIVES),
        rng.pick(VERBS),
        rng.pick(NOUNS),
        rng.pick(LINKS),
        rng.pick(NOUNS),
    );
    match rng.below(4) {
        0 => s = format!("{s} {}", rng.pick(PLACES)),
        1 => s = format!("{s} {}", rng.pick(ADJECTIVES)),
        2 => s = format!("{s} à {commune}"),
        _ => {}
    }
    s.push('.');
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// The generated spaces, in Cédille's own CSV format.
fn generated_csv(n: usize) -> Vec<u8> {
    let communes = communes();
    assert_eq!(communes.len(), 697);
    // After one space in each commune, the others go where people live (square root of the
    // population: towns get more, villages still get some).
    let weights: Vec<f64> = communes.iter().map(|c| c.population.max(1.0).sqrt()).collect();
    let total: f64 = weights.iter().sum();
    let mut rng = Rng(0x5EED_CED1_11E0_2026);
    let mut out = String::from(
        "source,source_id,name,kind,status,address,postcode,commune_insee,lat,lon,description,\
         amenities,hours,price_day,price_half_day,price_month,website,email,phone,verified_on\n",
    );
    for i in 0..n {
        let c = if i < communes.len() {
            &communes[i]
        } else {
            let mut x = (rng.next() % 1_000_000) as f64 / 1_000_000.0 * total;
            let mut k = 0;
            while k + 1 < weights.len() && x >= weights[k] {
                x -= weights[k];
                k += 1;
            }
            &communes[k]
        };
        let kind = match rng.below(20) {
            0..=7 => "coworking",
            8..=12 => "tiers-lieu",
            13..=15 => "espace-public-numerique",
            16..=17 => "fablab",
            _ => "other",
        };
        let status = match rng.below(20) {
            0..=16 => "ouvert",
            17..=18 => "en-projet",
            _ => "ferme",
        };
        let name = if rng.chance(30) {
            format!("{} {}", rng.pick(NAME_HEADS), c.name)
        } else {
            format!("{} {}", rng.pick(NAME_HEADS), rng.pick(NAME_TAILS))
        };
        let sentences = 2 + rng.below(3);
        let description: Vec<String> = (0..sentences).map(|_| sentence(&mut rng, &c.name)).collect();
        let odds = [60, 90, 45, 50, 55, 40, 35, 50, 20, 25, 45];
        let amenities: Vec<&str> =
            Amenity::ALL.iter().zip(odds).filter(|(_, p)| rng.chance(*p)).map(|(a, _)| a.code()).collect();
        let hours = hours(&mut rng).unwrap_or_default();
        let day = if rng.chance(60) { (8 + rng.below(18)).to_string() } else { String::new() };
        let half =
            if !day.is_empty() && rng.chance(60) { (5 + rng.below(10)).to_string() } else { String::new() };
        let month = if rng.chance(50) { (90 + 10 * rng.below(20)).to_string() } else { String::new() };
        let slug = format!("lieu-{i}");
        let website = if rng.chance(60) { format!("https://{slug}.example") } else { String::new() };
        let email = if rng.chance(50) { format!("bonjour@{slug}.example") } else { String::new() };
        let phone = if rng.chance(50) {
            format!("04 75 {:02} {:02} {:02}", i / 10000, i / 100 % 100, i % 100)
        } else {
            String::new()
        };
        let verified = format!("2026-{:02}-{:02}", 1 + rng.below(11), 1 + rng.below(28));
        let row = [
            "bench".to_string(),
            format!("b{i}"),
            name,
            kind.into(),
            status.into(),
            format!(
                "{} {} {}",
                1 + rng.below(60),
                rng.pick(&["rue", "place", "chemin", "avenue", "quai"]),
                rng.pick(NOUNS)
            ),
            c.postcode.clone(),
            c.insee.clone(),
            format!("{:.6}", c.lat + rng.unit() * 0.015),
            format!("{:.6}", c.lon + rng.unit() * 0.02),
            description.join(" "),
            amenities.join(" "),
            hours,
            day,
            half,
            month,
            website,
            email,
            phone,
            verified,
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// A database of the 18 demo spaces and `n` generated ones.
fn database(n: usize) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("bench.db")).unwrap();
    let started = Instant::now();
    let report = store.spaces().import(&generated_csv(n), ImportFormat::Cedille).unwrap();
    assert!(report.rejected.is_empty(), "{report}");
    assert_eq!(report.inserted, n);
    eprintln!(
        "search bench: {} spaces in the database (imported in {:.1} s)",
        store.spaces().count().unwrap(),
        started.elapsed().as_secs_f64()
    );
    (dir, store)
}

/// Tuesday 1 December 2026, 10:00 in Paris: most spaces are open.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn words(w: &str) -> SpaceQuery {
    SpaceQuery { words: w.into(), ..SpaceQuery::default() }
}

/// The queries a member types, named as the table shows them.
fn queries(store: &Store) -> Vec<(&'static str, SpaceQuery)> {
    let crest = store.communes().find("Crest").unwrap().unwrap();
    let saturday = NaiveDateTime::parse_from_str("2026-12-05 10:30", "%Y-%m-%d %H:%M").unwrap();
    vec![
        ("empty query", SpaceQuery::default()),
        ("typing: c", words("c")),
        ("typing: co", words("co")),
        ("typing: cow", words("cow")),
        ("typing: cowo", words("cowo")),
        ("two words: atelier lumi", words("atelier lumi")),
        ("two words: salle calme", words("salle calme")),
        ("accents: drome", words("drome")),
        ("accents: montelimar", words("montelimar")),
        (
            "fibre + salle, 20 km of Crest, by distance",
            SpaceQuery {
                amenities: vec![Amenity::Fibre, Amenity::MeetingRoom],
                near: Some(crest.clone()),
                within_km: Some(20.0),
                sort: SpaceSort::Distance,
                ..SpaceQuery::default()
            },
        ),
        ("open now", SpaceQuery { open: Some(OpenAt::Now), ..SpaceQuery::default() }),
        ("open Sat 10:30", SpaceQuery { open: Some(OpenAt::At(saturday)), ..SpaceQuery::default() }),
        (
            "cowo, near Crest, by name",
            SpaceQuery { near: Some(crest), sort: SpaceSort::Name, ..words("cowo") },
        ),
        ("hostile: l'été NEAR( \"*", words("l'été NEAR( \"*")),
    ]
}

fn search(c: &mut Criterion) {
    let (_dir, store) = database(SPACES);
    let now = now();
    let queries = queries(&store);
    let mut group = c.benchmark_group("search_page at 10k spaces");
    for (name, q) in &queries {
        group.bench_function(*name, |b| {
            b.iter(|| store.spaces().search_page(black_box(q), now, 0, PAGE).unwrap())
        });
    }
    group.finish();

    // Criterion in test mode (`cargo test --benches`) runs each function once: so do we.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let iters: usize =
        std::env::var("SEARCH_BENCH_ITERS").ok().and_then(|s| s.parse().ok()).unwrap_or(2_000).max(1);
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("\nload average before: {}", load.trim());
    }
    println!("\nsearch_page(query, now, 0, {PAGE}) at {SPACES} spaces, {iters} calls each:\n");
    println!("| query | matches | p50 (ms) | p99 (ms) | max (ms) | p99 < 5 ms |");
    println!("|---|---:|---:|---:|---:|:---:|");
    // Round after round, each query once per round: a burst of load from elsewhere on the
    // machine falls on every query alike, not on whichever was being timed.
    let mut times: Vec<Vec<Duration>> = vec![Vec::with_capacity(iters); queries.len()];
    for _ in 0..iters {
        for ((_, q), t) in queries.iter().zip(times.iter_mut()) {
            let started = Instant::now();
            black_box(store.spaces().search_page(black_box(q), now, 0, PAGE).unwrap());
            t.push(started.elapsed());
        }
    }
    // The store remembers the opening-hours answers of a minute: the first search of each
    // minute with « ouvert maintenant » evaluates them all. Measured apart, one new minute
    // per call.
    let open_now = SpaceQuery { open: Some(OpenAt::Now), ..SpaceQuery::default() };
    let cold: Vec<Duration> = (0..iters)
        .map(|i| {
            let later = now + chrono::Duration::minutes(i as i64 + 1);
            let started = Instant::now();
            black_box(store.spaces().search_page(black_box(&open_now), later, 0, PAGE).unwrap());
            started.elapsed()
        })
        .collect();
    let (_, cold_total) = store.spaces().search_page(&open_now, now, 0, PAGE).unwrap();
    let rows = queries
        .iter()
        .map(|(name, q)| (name.to_string(), store.spaces().search_page(q, now, 0, PAGE).unwrap().1))
        .chain([("open now, first search of a minute".to_string(), cold_total)])
        .zip(times.into_iter().chain([cold]));
    let mut worst = Duration::ZERO;
    for ((name, total), mut times) in rows {
        times.sort();
        let at = |p: f64| times[((iters as f64 * p).ceil() as usize).clamp(1, iters) - 1];
        let (p50, p99, max) = (at(0.50), at(0.99), times[iters - 1]);
        worst = worst.max(p99);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "| {} | {total} | {:.2} | {:.2} | {:.2} | {} |",
            name.replace('|', "\\|"),
            ms(p50),
            ms(p99),
            ms(max),
            if p99 < BUDGET { "yes" } else { "**no**" }
        );
    }
    if let Ok(load) = std::fs::read_to_string("/proc/loadavg") {
        println!("\nload average after: {}", load.trim());
    }
    println!("\nworst p99: {:.2} ms (budget {} ms)", worst.as_secs_f64() * 1000.0, BUDGET.as_millis());
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = search
}

criterion_main!(benches);
