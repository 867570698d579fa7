//! `spaces [WORDS…] [--near COMMUNE] [--within KM] [--amenity NAME]… [--open-now] [--json]`
//! and `space ID [--json]`: the directory of places to work, without a pty.

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use serde_json::json;

use super::{Ctx, Output, WIDTH, bad_option, near_commune, store_failure, usage};
use crate::domain::hours::{Hours, monday_of};
use crate::domain::space::{Amenity, NewSpace, Space, fold};
use crate::i18n::Lang;
use crate::store::{OpenAt, SpaceHit, SpaceQuery, SpaceSort};
use crate::text::clean::{clean_line, clean_text};
use crate::text::typo::protect_french;
use crate::text::wrap::wrap_plain;

/// Suggestions offered for a misspelt commune or amenity.
const SUGGESTIONS: usize = 3;

/// `spaces …`: the matching spaces, best match first; without words, nearest first with
/// `--near`, else those open now first, then by name (see `SpaceSort::Relevance`).
pub(super) fn list(ctx: &Ctx<'_>, args: &[String], now: DateTime<Utc>) -> Output {
    let lang = ctx.lang;
    let mut q = SpaceQuery::default();
    let mut json = false;
    let mut words = Vec::new();
    let mut near = None;
    let mut within = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| it.next().cloned()).ok_or(name.to_string());
        match flag {
            "--json" => json = true,
            "--open-now" => q.open = Some(OpenAt::Now),
            "--near" => match value("--near") {
                Ok(v) => near = Some(v),
                Err(_) => return usage(lang, "spaces"),
            },
            "--within" => match value("--within") {
                Ok(v) => within = Some(v),
                Err(_) => return usage(lang, "spaces"),
            },
            "--amenity" => match value("--amenity") {
                Ok(v) => match Amenity::parse(&v) {
                    Some(a) => q.amenities.push(a),
                    None => {
                        let name = clean_line(&v);
                        return Output::usage(lang.unknown_amenity(&name, &amenity_suggestions(&name, lang)));
                    }
                },
                Err(_) => return usage(lang, "spaces"),
            },
            f if f.starts_with("--") => return Output::usage(bad_option(lang, f)),
            _ => words.push(arg.as_str()),
        }
    }
    q.words = words.join(" ");
    if let Some(km) = within {
        match km.trim().replace(',', ".").parse::<f64>() {
            Ok(v) if v.is_finite() && v > 0.0 => q.within_km = Some(v),
            _ => return Output::usage(lang.bad_distance(&clean_line(&km))),
        }
        if near.is_none() {
            return Output::usage(lang.within_needs_near().to_string());
        }
    }
    let mut note = String::new();
    if let Some(name) = near {
        match near_commune(ctx, &name, SUGGESTIONS) {
            Ok((c, said)) => (q.near, note) = (Some(c), said),
            Err(out) => return out,
        }
        // A script asking what is near a town reads the nearest first, as it always has.
        if q.words.trim().is_empty() {
            q.sort = SpaceSort::Distance;
        }
    }
    let hits = match ctx.store.spaces().search(&q, now) {
        Ok(hits) => hits,
        Err(e) => return store_failure(lang, e),
    };
    let mut out = String::new();
    if json {
        for h in &hits {
            out.push_str(&hit_json(h));
            out.push('\n');
        }
        return Output::ok(out).noting(note);
    }
    if hits.is_empty() {
        out.push_str(lang.no_space_found());
    }
    for h in &hits {
        out.push_str(&plain_hit(h, lang));
    }
    Output::ok(out).noting(note)
}

/// The amenities closest to a misspelt one, by code and labels in both languages.
fn amenity_suggestions(wrong: &str, lang: Lang) -> Vec<&'static str> {
    let wrong = fold(wrong);
    let mut scored: Vec<(f64, &'static str)> = Amenity::ALL
        .iter()
        .map(|a| {
            let best = [a.code(), a.label(Lang::Fr), a.label(Lang::En)]
                .iter()
                .map(|l| strsim::jaro_winkler(&wrong, &fold(l)))
                .fold(0.0, f64::max);
            (best, a.label(lang))
        })
        .filter(|(score, _)| *score >= 0.75)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(SUGGESTIONS).map(|(_, l)| l).collect()
}

/// Every text field cleaned again on the way out, whatever the database holds.
fn cleaned(s: &Space) -> Space {
    let line = |v: &str| clean_line(v);
    let opt = |v: &Option<String>| v.as_deref().map(clean_line);
    let f = &s.fields;
    Space {
        fields: NewSpace {
            name: line(&f.name),
            address: line(&f.address),
            postcode: line(&f.postcode),
            description: clean_text(&f.description),
            hours: opt(&f.hours),
            website: opt(&f.website),
            email: opt(&f.email),
            phone: opt(&f.phone),
            source: line(&f.source),
            source_id: line(&f.source_id),
            ..f.clone()
        },
        commune: line(&s.commune),
        ..s.clone()
    }
}

fn hit_json(h: &SpaceHit) -> String {
    let hit = SpaceHit {
        space: cleaned(&h.space),
        // Metres are plenty: no false precision in scripts' output.
        distance_km: h.distance_km.map(|d| (d * 1000.0).round() / 1000.0),
        open: h.open,
        at: h.at,
    };
    json!(hit).to_string()
}

/// The state shown next to a space: not open for good or not yet, else open now or not;
/// nothing when the hours are unknown.
fn state(h: &SpaceHit, lang: Lang) -> Option<&'static str> {
    lang.space_status_note(h.space.fields.status).or_else(|| h.open.map(|o| lang.open_now(o)))
}

/// One space of the list: its number and name, then kind · commune · distance · state, then
/// its amenities, wrapped at 80 columns under the name.
pub fn plain_hit(h: &SpaceHit, lang: Lang) -> String {
    const INDENT: &str = "      ";
    let s = &h.space;
    let mut out = String::new();
    let head = format!("{:>4}  {}", s.id, protect_french(&clean_line(&s.fields.name)));
    for (i, line) in wrap_plain(&head, WIDTH).iter().enumerate() {
        out.push_str(if i == 0 { "" } else { INDENT });
        out.push_str(line.trim_end());
        out.push('\n');
    }
    let mut details = vec![s.fields.kind.label(lang).to_string(), clean_line(&s.commune)];
    if let Some(d) = h.distance_km {
        details.push(lang.distance(d));
    }
    if let Some(st) = state(h, lang) {
        details.push(st.to_string());
    }
    let mut lines = vec![details.join(" · ")];
    if !s.fields.amenities.is_empty() {
        lines.push(s.fields.amenities.iter().map(|a| a.label(lang)).collect::<Vec<_>>().join(", "));
    }
    for text in lines {
        for line in wrap_plain(&protect_french(&text), WIDTH - INDENT.len()) {
            out.push_str(INDENT);
            out.push_str(line.trim_end());
            out.push('\n');
        }
    }
    out
}

/// `space ID`: every field of one space, with this week's hours as a table.
pub(super) fn detail(ctx: &Ctx<'_>, args: &[String], now: DateTime<Utc>) -> Output {
    let lang = ctx.lang;
    let json = args.iter().any(|a| a == "--json");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "--json").collect();
    if let Some(bad) = rest.iter().find(|a| a.starts_with("--")) {
        return Output::usage(bad_option(lang, bad));
    }
    let [key] = rest.as_slice() else {
        return usage(lang, "space");
    };
    let Ok(id) = key.trim_start_matches('#').parse::<i64>() else {
        return usage(lang, "space");
    };
    let space = match ctx.store.spaces().get(id) {
        Ok(Some(s)) => s,
        Ok(None) => return Output::failure(lang.space_not_found(&id.to_string())),
        Err(e) => return store_failure(lang, e),
    };
    let local = now.with_timezone(&Paris).naive_local();
    let open = match ctx.store.spaces().is_open(&space, local) {
        Ok(o) => o,
        Err(e) => return store_failure(lang, e),
    };
    let hit = SpaceHit { space, distance_km: None, open, at: None };
    if json {
        return Output::ok(format!("{}\n", hit_json(&hit)));
    }
    Output::ok(plain_space(&hit, lang, local.date()))
}

/// A space in full as plain text; the hours table is the week of `today`.
pub fn plain_space(h: &SpaceHit, lang: Lang, today: NaiveDate) -> String {
    let s = cleaned(&h.space);
    let f = lang.space_fields();
    // « Adresse : … » in French, « Address: … » in English.
    let colon = if lang == Lang::Fr { " : " } else { ": " };
    let mut out = String::new();
    let mut push = |text: &str, indent: &str| {
        if text.is_empty() {
            out.push('\n');
            return;
        }
        for line in wrap_plain(&protect_french(text), WIDTH - indent.len()) {
            if !line.trim().is_empty() {
                out.push_str(indent);
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
    };
    push(&s.fields.name, "");
    let dep = lang.departement_name(&s.departement);
    let mut head = vec![s.fields.kind.label(lang).to_string(), format!("{} ({dep})", s.commune)];
    if let Some(st) = state(h, lang) {
        head.push(st.to_string());
    }
    push(&head.join(" · "), "");
    if !s.fields.description.is_empty() {
        push("", "");
        push(&s.fields.description, "");
    }
    push("", "");
    let address = [s.fields.address.as_str(), &format!("{} {}", s.fields.postcode, s.commune)]
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    push(&format!("{}{colon}{address}", f.address), "");
    if !s.fields.amenities.is_empty() {
        let list = s.fields.amenities.iter().map(|a| a.label(lang)).collect::<Vec<_>>().join(", ");
        push(&format!("{}{colon}{list}", f.amenities), "");
    }
    for (text, indent) in hours_lines(s.fields.hours.as_deref(), lang, colon, today) {
        push(&text, indent);
    }
    let prices: Vec<String> = [
        (f.day, s.fields.price_day_cents),
        (f.half_day, s.fields.price_half_day_cents),
        (f.month, s.fields.price_month_cents),
    ]
    .iter()
    .filter_map(|(label, cents)| cents.map(|c| format!("{label} {}", lang.price(c))))
    .collect();
    if !prices.is_empty() {
        push(&format!("{}{colon}{}", f.prices, prices.join(", ")), "");
    }
    for (label, value) in
        [(f.website, &s.fields.website), (f.email, &s.fields.email), (f.phone, &s.fields.phone)]
    {
        if let Some(v) = value {
            push(&format!("{label}{colon}{v}"), "");
        }
    }
    if let Some(d) = s.fields.verified_on {
        push(&format!("{}{colon}{}", f.verified_on, date(lang, d)), "");
    }
    push(&format!("{}{colon}{:.5}, {:.5}", f.coordinates, s.fields.lat, s.fields.lon), "");
    if let Some(src) = lang.space_source(&s.fields.source) {
        push(&format!("{}{colon}{src}", f.source), "");
    }
    out
}

/// The opening hours of a space as lines to push, with their indent: the expression, then
/// the week of `today` when the expression reads.
fn hours_lines(
    hours: Option<&str>,
    lang: Lang,
    colon: &str,
    today: NaiveDate,
) -> Vec<(String, &'static str)> {
    let f = lang.space_fields();
    match hours.map(|t| (t, Hours::parse(t))) {
        Some((text, Ok(hours))) => {
            let mut lines = vec![(format!("{}{colon}{text}", f.hours), "")];
            let week = hours.week(monday_of(today));
            let names = lang.s().weekdays;
            for (i, day) in week.iter().enumerate() {
                let times = if day.is_empty() {
                    f.closed_all_day.to_string()
                } else {
                    day.iter().map(|r| lang.time_range(*r)).collect::<Vec<_>>().join(", ")
                };
                let marker = if today.weekday().num_days_from_monday() as usize == i { "›" } else { " " };
                lines.push((format!("{marker} {:<9} {times}", names[i % 7]), "  "));
            }
            lines
        }
        Some((text, Err(_))) => vec![(format!("{}{colon}{text}", f.hours), "")],
        None => vec![(format!("{}{colon}{}", f.hours, f.hours_unknown), "")],
    }
}

/// « 2 novembre 2026 » / « 2 November 2026 ».
fn date(lang: Lang, d: NaiveDate) -> String {
    let month = lang.s().months[d.month0() as usize % 12];
    match lang {
        Lang::Fr if d.day() == 1 => format!("1er {month} {}", d.year()),
        _ => format!("{} {month} {}", d.day(), d.year()),
    }
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;

    use super::*;
    use crate::commands::{run_at, split};
    use crate::domain::comment::CommentPolicy;
    use crate::store::Store;

    fn with_ctx(lang: Lang, f: impl FnOnce(&Ctx<'_>)) {
        let dir = tempfile::tempdir().unwrap();
        let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
        let policy = CommentPolicy::default();
        let ctx = Ctx {
            store: &store,
            lang,
            viewer: None,
            fingerprint: None,
            stdin: "",
            policy: &policy,
            public_address: "cedille.example",
        };
        f(&ctx);
    }

    /// Tuesday 1 December 2026, 10:00 in Paris.
    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
    }

    fn run(ctx: &Ctx<'_>, line: &str) -> Output {
        run_at(ctx, &split(line).unwrap(), now())
    }

    #[test]
    fn near_a_commune_as_text_and_json() {
        with_ctx(Lang::Fr, |ctx| {
            let out = run(ctx, "spaces --near crest --within 20 --amenity fibre");
            assert_eq!(out.status, 0, "{out:?}");
            let rows: Vec<&str> = out.stdout.lines().collect();
            assert!(rows[0].ends_with("  La Filature du Quai"), "{}", out.stdout);
            assert_eq!(rows[1], "      coworking · Crest · 0,2\u{a0}km · ouvert maintenant");
            assert_eq!(rows[2], "      fibre, wifi, salle de réunion, cuisine, vélo, café");
            assert!(rows[3].ends_with("  La Ruche des Trois Becs"), "{}", out.stdout);
            assert!(out.stdout.lines().all(|l| l.chars().count() <= WIDTH));

            let out = run(ctx, "spaces --json --near=Crest --within=20");
            let hits: Vec<serde_json::Value> =
                out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
            assert_eq!(hits.len(), 2);
            for key in [
                "id",
                "name",
                "kind",
                "status",
                "commune",
                "postcode",
                "lat",
                "lon",
                "amenities",
                "distance_km",
            ] {
                assert!(hits[0].get(key).is_some(), "{key}: {}", hits[0]);
            }
            assert_eq!(hits[0]["kind"], "coworking");
            assert_eq!(hits[0]["status"], "ouvert");
            assert_eq!(hits[0]["amenities"][0], "fibre");
            assert_eq!(hits[0]["open_now"], true);
            assert!(hits[1]["distance_km"].as_f64().unwrap() > 10.0);

            let out = run(ctx, "spaces cowo --json");
            let first: serde_json::Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
            assert!(first["distance_km"].is_null(), "{first}");
        });
    }

    #[test]
    fn without_words_the_places_open_now_come_first_then_by_name_without_articles() {
        with_ctx(Lang::Fr, |ctx| {
            let out = run(ctx, "spaces --json");
            let hits: Vec<serde_json::Value> =
                out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
            let tier = |h: &serde_json::Value| match (h["status"].as_str(), h["open_now"].as_bool()) {
                (Some("ouvert"), Some(true)) => 0,
                (Some("ouvert"), _) => 1,
                (Some("en-projet"), _) => 2,
                _ => 3,
            };
            let rows: Vec<(u8, String)> = hits
                .iter()
                .map(|h| (tier(h), crate::domain::space::sort_key(h["name"].as_str().unwrap())))
                .collect();
            let shown: Vec<&str> = hits.iter().map(|h| h["name"].as_str().unwrap()).collect();
            assert!(rows.windows(2).all(|w| w[0] <= w[1]), "{shown:#?}");
            assert_eq!(rows.first().map(|r| r.0), Some(0), "{shown:#?}");
            assert_eq!(shown.last(), Some(&"La Halle de Vals"), "closed for good, last");
            // Tuesday 10:00: the Glandasse (Wednesdays only) is among the open ones closed now,
            // under A, not under L.
            let open_later: Vec<&str> =
                hits.iter().filter(|h| tier(h) == 1).map(|h| h["name"].as_str().unwrap()).collect();
            assert_eq!(open_later.first(), Some(&"L'Atelier du Glandasse"), "{open_later:?}");
        });
    }

    #[test]
    fn near_a_postcode_is_near_its_most_populous_commune_and_says_so() {
        with_ctx(Lang::Fr, |ctx| {
            // Die's postcode, and the INSEE code of Izon-la-Bruisse, 60 km from Die.
            let out = run(ctx, "spaces --near 26150 --within 5 --json");
            assert_eq!(out.status, 0, "{}", out.stderr);
            let hits: Vec<serde_json::Value> =
                out.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
            let names: Vec<&str> = hits.iter().map(|h| h["name"].as_str().unwrap()).collect();
            assert_eq!(names, vec!["L'Atelier du Glandasse"], "the fablab of Die:\n{}", out.stdout);
            assert_eq!(
                out.stderr,
                "26150 : code postal de Die et de 13 autres communes (Solaure en Diois, Romeyer, \
                 Marignac-en-Diois…) ; Die retenue, la plus peuplée. 26150 est aussi le code INSEE \
                 d'Izon-la-Bruisse : écrivez son nom pour elle.\n"
            );
            // A postcode that is not Die's reading of an INSEE code: the same town, no word.
            let out = run(ctx, "spaces --near Die --within 5 --json");
            assert_eq!((out.stdout.lines().count(), out.stderr.as_str()), (1, ""));
            let out = run(ctx, "spaces --near 26400 --within 1");
            assert!(out.stdout.contains("La Filature du Quai"), "{}", out.stdout);
            assert!(out.stderr.starts_with("26400 : code postal de Crest et de 23 autres"), "{}", out.stderr);
        });
    }

    #[test]
    fn json_keys_are_the_interface() {
        with_ctx(Lang::En, |ctx| {
            let out = run(ctx, "spaces --json --near=Crest --within=20");
            let first: serde_json::Value = serde_json::from_str(out.stdout.lines().next().unwrap()).unwrap();
            let mut keys: Vec<&str> = first.as_object().unwrap().keys().map(String::as_str).collect();
            keys.sort_unstable();
            let mut want = vec![
                "id",
                "name",
                "kind",
                "status",
                "address",
                "postcode",
                "commune_insee",
                "commune",
                "departement",
                "lat",
                "lon",
                "description",
                "amenities",
                "hours",
                "price_day_cents",
                "price_half_day_cents",
                "price_month_cents",
                "website",
                "email",
                "phone",
                "verified_on",
                "source",
                "source_id",
                "distance_km",
                "open_now",
            ];
            want.sort_unstable();
            assert_eq!(keys, want, "{first}");
        });
    }

    #[test]
    fn open_now_and_words() {
        with_ctx(Lang::En, |ctx| {
            let out = run(ctx, "spaces --open-now plateau 1000");
            assert!(out.stdout.contains("Plateau 1000") && out.stdout.contains("open now"), "{out:?}");
            let out = run(ctx, "spaces 'NEAR(' AND \"'\" 🎉");
            assert_eq!((out.status, out.stdout.as_str()), (0, "No space matches.\n"));
            let out = run(ctx, "spaces halle");
            assert!(out.stdout.contains("closed for good"), "{out:?}");
        });
    }

    #[test]
    fn english_detail_keeps_the_french_text_as_written() {
        with_ctx(Lang::En, |ctx| {
            let out = run(ctx, "space 3");
            assert!(out.stdout.contains("\nAddress: 3 rue Denis Papin"), "{}", out.stdout);
            assert!(out.stdout.contains("badge\npersonnel\u{a0}: bureaux"), "{}", out.stdout);
            assert!(out.stdout.contains("Prices: day €20, half day €12, month €220"), "{}", out.stdout);
        });
    }

    #[test]
    fn mistakes_suggest_the_closest_names() {
        with_ctx(Lang::Fr, |ctx| {
            let out = run(ctx, "spaces --near Cret");
            assert_eq!(out.status, 2);
            assert!(
                out.stderr.starts_with("Commune inconnue « Cret ». Vouliez-vous dire : Crest"),
                "{}",
                out.stderr
            );
            let out = run(ctx, "spaces --amenity fibr");
            assert_eq!(out.status, 2);
            assert!(out.stderr.contains("« fibr ». Vouliez-vous dire : fibre"), "{}", out.stderr);
            let out = run(ctx, "spaces --amenity jacuzzi");
            assert_eq!(out.status, 2);
            assert!(out.stderr.contains("Équipements : fibre, wifi"), "{}", out.stderr);
            assert_eq!(run(ctx, "spaces --within 20").status, 2);
            assert_eq!(run(ctx, "spaces --near Crest --within loin").status, 2);
            assert_eq!(run(ctx, "spaces --near").status, 2);
            assert_eq!(run(ctx, "spaces --bogus").status, 2);
            let out = run(ctx, "spaces --near '\u{1b}[2J'");
            assert!(!out.stderr.contains('\u{1b}'), "{:?}", out.stderr);
        });
    }

    #[test]
    fn one_space_in_full() {
        with_ctx(Lang::Fr, |ctx| {
            let id = ctx
                .store
                .spaces()
                .search(&SpaceQuery { words: "filature".into(), ..Default::default() }, now())
                .unwrap()[0]
                .space
                .id;
            let out = run(ctx, &format!("space {id}"));
            assert_eq!(out.status, 0, "{out:?}");
            let text = &out.stdout;
            assert!(
                text.starts_with("La Filature du Quai\ncoworking · Crest (Drôme) · ouvert maintenant\n"),
                "{text}"
            );
            assert!(text.contains("› mardi     8\u{a0}h\u{a0}30–18\u{a0}h\n"), "{text}");
            assert!(text.contains("  samedi    9\u{a0}h–12\u{a0}h\n"), "{text}");
            assert!(text.contains("  dimanche  fermé\n"), "{text}");
            assert!(
                text.contains("Tarifs\u{a0}: journée 15\u{a0}€, demi-journée 9\u{a0}€, mois 180\u{a0}€"),
                "{text}"
            );
            assert!(text.contains("Vérifié le\u{a0}: 14 octobre 2026"), "{text}");
            assert!(
                text.contains("le premier jour.\n\nAdresse\u{a0}: 9 quai Soubeyran, 26400 Crest\n"),
                "{text}"
            );
            assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");

            let out = run(ctx, &format!("space {id} --json"));
            let v: serde_json::Value = serde_json::from_str(out.stdout.trim()).unwrap();
            assert_eq!(v["name"], "La Filature du Quai");
            assert_eq!(v["hours"], "Mo-Fr 08:30-18:00; Sa 09:00-12:00");
            assert_eq!(v["price_day_cents"], 1500);
            assert!(v["distance_km"].is_null());

            assert_eq!(run(ctx, "space 99999").status, 1);
            assert_eq!(run(ctx, "space abc").status, 2);
            assert_eq!(run(ctx, "space").status, 2);
        });
    }
}
