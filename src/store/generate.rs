//! Generated data for benchmarks and load tests (`cedille demo generate`): spaces spread
//! over the 697 communes, articles, members and threads of comments, all from a fixed seed
//! so that two runs measure the same database.

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;

use super::{ImportFormat, Result, Store, StoreError, articles::insert_in, ts};
use crate::domain::Amenity;
use crate::domain::article::NewArticle;
use crate::domain::geography::COMMUNES_CSV;

/// A small deterministic generator (xorshift64*): the same database on every run.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    pub(super) fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
    /// -1.0 to 1.0.
    pub(super) fn unit(&mut self) -> f64 {
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
        .map(|l| l.split(',').collect::<Vec<&str>>())
        .filter(|f| f.len() >= 10)
        .map(|f| CommuneRow {
            insee: f[0].into(),
            name: f[1].into(),
            postcode: f[5].into(),
            population: f[7].parse().unwrap_or(100.0),
            lat: f[8].parse().unwrap_or(0.0),
            lon: f[9].parse().unwrap_or(0.0),
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

pub(super) fn sentence(rng: &mut Rng, commune: &str) -> String {
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
pub fn spaces_csv(n: usize) -> Vec<u8> {
    let communes = communes();
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
        let row = space_row(&mut rng, i, c);
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// The fields of generated space number `i`, in commune `c`, in the order of the header.
fn space_row(rng: &mut Rng, i: usize, c: &CommuneRow) -> [String; 20] {
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
    let description: Vec<String> = (0..sentences).map(|_| sentence(rng, &c.name)).collect();
    let odds = [60, 90, 45, 50, 55, 40, 35, 50, 20, 25, 45];
    let amenities: Vec<&str> =
        Amenity::ALL.iter().zip(odds).filter(|(_, p)| rng.chance(*p)).map(|(a, _)| a.code()).collect();
    let hours = hours(rng).unwrap_or_default();
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
    [
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
    ]
}

/// How much `cedille demo generate` adds.
#[derive(Debug, Clone, Copy, Default)]
pub struct Sizes {
    pub spaces: usize,
    pub articles: usize,
    pub comments: usize,
    pub members: usize,
}

/// What a generation added, for the command to print.
#[derive(Debug, Default)]
pub struct Generated {
    pub spaces: usize,
    pub articles: usize,
    pub comments: usize,
    pub members: usize,
}

const RUBRIQUES: &[&str] = &["Vie locale", "Réseaux", "Lieux", "Agenda", "Pratique", "Témoignages"];

/// An article body: a few paragraphs of the descriptions' French, with a heading and a
/// list, so that the reader wraps and styles something like a real article.
fn article_body(rng: &mut Rng, commune: &str) -> String {
    let mut body = String::new();
    for p in 0..4 + rng.below(4) {
        if p == 2 {
            body.push_str(&format!("## {}\n\n", sentence(rng, commune).trim_end_matches('.')));
        }
        let sentences: Vec<String> = (0..3 + rng.below(4)).map(|_| sentence(rng, commune)).collect();
        body.push_str(&sentences.join(" "));
        body.push_str("\n\n");
        if p == 3 {
            for _ in 0..3 {
                body.push_str(&format!("- {}\n", sentence(rng, commune)));
            }
            body.push('\n');
        }
    }
    body
}

impl Store {
    /// Adds generated members, articles, comments and spaces, each kind in one transaction
    /// (a database of 100,000 comments fills in seconds, not in 100,000 commits). Members get
    /// keys nobody holds: they exist to author comments, not to log in.
    pub fn generate(&self, sizes: Sizes) -> Result<Generated> {
        let mut rng = Rng(0x0DE7_0CED_1112_2026);
        let now = Utc::now();
        let communes = communes();
        let mut out = Generated::default();

        let members = self.generate_members(&mut rng, sizes.members, now, &communes)?;
        out.members = members.len();
        let articles = self.generate_articles(&mut rng, sizes.articles, now, &communes)?;
        out.articles = articles.len();

        // Comments go under the generated articles, else under every published one.
        let under = self.these_or(articles, "SELECT id FROM articles WHERE status = 'published'")?;
        let authors = self.these_or(members, "SELECT id FROM users LIMIT 1000")?;
        if sizes.comments > 0 && (under.is_empty() || authors.is_empty()) {
            return Err(StoreError::Invalid(
                "comments need at least one article and one member: add --articles and --members".into(),
            ));
        }
        out.comments = self.generate_comments(&mut rng, sizes.comments, now, &under, &authors)?;

        if sizes.spaces > 0 {
            let report = self
                .spaces()
                .import(&spaces_csv(sizes.spaces), ImportFormat::Cedille)
                .map_err(|e| StoreError::Data(format!("generated spaces: {e}")))?;
            out.spaces = report.inserted + report.updated + report.unchanged;
        }
        // One file to copy for a run: the WAL folded into it. A reader still busy only
        // leaves the WAL for later, which changes nothing for the data.
        let conn = self.writer();
        let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        drop(conn);
        Ok(out)
    }

    /// `n` members, each with a key nobody holds; their ids.
    fn generate_members(
        &self,
        rng: &mut Rng,
        n: usize,
        now: DateTime<Utc>,
        communes: &[CommuneRow],
    ) -> Result<Vec<i64>> {
        self.write(|tx| {
            let first: i64 = tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM users", [], |r| r.get(0))?;
            let mut user = tx.prepare(
                "INSERT INTO users (handle, approved, created_at, last_seen_at) VALUES (?1, 1, ?2, ?2)",
            )?;
            // Their commune is on their one profile, unpublished as a new member's is.
            let mut profile =
                tx.prepare("INSERT INTO profiles (user_id, commune_insee, updated_at) VALUES (?1, ?2, ?3)")?;
            let mut key = tx.prepare(
                "INSERT INTO user_keys (fingerprint, user_id, algorithm, added_at) VALUES (?1, ?2, 'ssh-ed25519', ?3)",
            )?;
            let mut ids = Vec::with_capacity(n);
            for i in 0..n as i64 {
                let n = first + i;
                let at = ts(now - Duration::days(rng.below(700) as i64));
                user.execute(params![format!("membre-{n}"), at])?;
                let id = tx.last_insert_rowid();
                let insee = communes.get(rng.below(communes.len().max(1))).map(|c| c.insee.clone());
                profile.execute(params![id, insee, at])?;
                key.execute(params![format!("SHA256:demo-generated-{n}"), id, at])?;
                ids.push(id);
            }
            Ok::<_, StoreError>(ids)
        })
    }

    /// `n` published articles, the newest a few hours old; their ids.
    fn generate_articles(
        &self,
        rng: &mut Rng,
        n: usize,
        now: DateTime<Utc>,
        communes: &[CommuneRow],
    ) -> Result<Vec<i64>> {
        self.write(|tx| {
            let first: i64 =
                tx.query_row("SELECT coalesce(max(id), 0) + 1 FROM articles", [], |r| r.get(0))?;
            let mut ids = Vec::with_capacity(n);
            for i in 0..n as i64 {
                let commune = town(rng, communes).unwrap_or_default();
                let title = sentence(rng, &commune).trim_end_matches('.').to_string();
                let article = NewArticle {
                    slug: format!("article-genere-{}", first + i),
                    title,
                    rubrique: rng.pick(RUBRIQUES).to_string(),
                    author: format!("membre-{}", 1 + rng.below(50)),
                    author_handle: None,
                    body: article_body(rng, &commune),
                    published: true,
                    published_at: now - Duration::hours(3 + 7 * (n as i64 - i)),
                };
                ids.push(insert_in(tx, &article)?);
            }
            Ok::<_, StoreError>(ids)
        })
    }

    /// `generated`, or when there are none the ids that `sql` selects.
    fn these_or(&self, generated: Vec<i64>, sql: &str) -> Result<Vec<i64>> {
        if !generated.is_empty() {
            return Ok(generated);
        }
        self.read(|c| {
            let mut st = c.prepare(sql)?;
            let ids = st.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<Vec<i64>>>()?;
            Ok(ids)
        })
    }

    /// `n` published comments by `authors` under the articles `under`, a third of them
    /// replies: threads, not only a flat list.
    fn generate_comments(
        &self,
        rng: &mut Rng,
        n: usize,
        now: DateTime<Utc>,
        under: &[i64],
        authors: &[i64],
    ) -> Result<usize> {
        self.write(|tx| {
            let mut insert = tx.prepare(
                "INSERT INTO comments (article_id, parent_id, author_id, body, status, created_at)
                 VALUES (?1, ?2, ?3, ?4, 'published', ?5)",
            )?;
            // The last comment under each article, to reply to.
            let mut last: std::collections::HashMap<i64, i64> = std::collections::HashMap::new();
            for i in 0..n {
                let article = under[rng.below(under.len())];
                let author = authors[rng.below(authors.len())];
                let parent = if rng.chance(35) { last.get(&article).copied() } else { None };
                let words: Vec<String> = (0..1 + rng.below(3)).map(|_| sentence(rng, "Crest")).collect();
                let at = ts(now - Duration::minutes((n - i) as i64));
                insert.execute(params![article, parent, author, words.join(" "), at])?;
                last.insert(article, tx.last_insert_rowid());
            }
            Ok::<_, StoreError>(n)
        })
    }
}

/// A commune's name drawn at random; `None` without communes.
fn town(rng: &mut Rng, communes: &[CommuneRow]) -> Option<String> {
    communes.get(rng.below(communes.len().max(1))).map(|c| c.name.clone())
}
