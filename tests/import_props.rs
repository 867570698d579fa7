#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Properties of the CSV importer (the 2019 census format and Cédille's own) on files an
//! operator may be handed: any bytes are read or refused with a reason, never a panic,
//! and the rows it gives hold clean one-line text and coordinates that are numbers.

use cedille::store::{ImportFormat, parse_csv};
use proptest::prelude::*;
use proptest::sample::select;

/// The census header, as the file has it.
const CGET_HEADER: &str = "ID,NOM_TL,ADRESSE,CP,COMINIT,INSEECOM,NOMCOM,WEB,TWITTER,FACEBOOK,TYPO,LAT,LONG,GEOCOD,\
PRECISION,CONTACT,MAIL,METRO,NOMMETRO,INSEEREG,NOMREG,INSEEMETRO,INSEEDEP,NOMCOMMETRO,POPCOM,COMCLASS,INSEE_ZE,\
NOM_ZE,CLASS_ZE,POP_ZE";

/// 256 cases in the test suite; `PROPTEST_CASES` asks for more (`fuzz/run.sh` does).
fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(256);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// One field of a census row: plausible values, CSV's own syntax, and hostile text.
fn field() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "",
        "26400",
        "07204",
        "7204",
        "44.7291",
        "5.0240",
        "-0.0",
        "1e308",
        "NaN",
        "inf",
        "44,72",
        "Crest",
        "Tiers lieux à dominante coworking",
        "Tiers lieux à dominante fablab",
        "contact@etabli.example",
        "http://x.example",
        "javascript:alert(1)",
        "\"",
        "\"\"",
        ",",
        "\n",
        "\r\n",
        "\u{feff}",
        "\x1b[2J",
        "\u{202e}",
        "\u{200b}",
        ".",
        " . ",
        "é",
        "🎉",
    ];
    prop::collection::vec(
        prop_oneof![3 => select(PIECES).prop_map(str::to_string), 1 => any::<String>()],
        0..4,
    )
    .prop_map(|parts| parts.concat())
}

/// A row the importer takes as it is (from the project's sample).
const GOOD_ROW: &str = "9001,L'Établi de la Gervanne,3 place de l'Église .,26400,Crest,26108,Crest,\
etabli-gervanne.example,,,Tiers lieux à dominante coworking,44.7291,5.0240,3 Place de l'Église 26400 Crest,0.9,,\
contact@etabli.example,,,84,Auvergne et Rhône-Alpes,,26,,,,,,,";

/// A census-shaped file: the header, then good rows with a few fields replaced (quoted or
/// not), now and then one field too many or too few.
fn census_file() -> impl Strategy<Value = Vec<u8>> {
    let good: Vec<String> = GOOD_ROW.split(',').map(str::to_string).collect();
    let row = (
        prop::collection::vec((any::<prop::sample::Index>(), field(), any::<bool>()), 0..4),
        -1i8..=1,
        0u8..8,
    )
        .prop_map(move |(changes, extra, odds)| {
            let mut fields = good.clone();
            for (at, value, quoted) in changes {
                let at = at.index(fields.len());
                fields[at] = if quoted { format!("\"{}\"", value.replace('"', "\"\"")) } else { value };
            }
            match (odds, extra) {
                (0, 1) => fields.push(String::new()),
                (0, -1) => {
                    fields.pop();
                }
                _ => {}
            }
            fields.join(",")
        });
    (prop::collection::vec(row, 0..6), any::<bool>()).prop_map(|(rows, bom)| {
        let mut text = if bom { "\u{feff}".to_string() } else { String::new() };
        text.push_str(CGET_HEADER);
        for row in rows {
            text.push('\n');
            text.push_str(&row);
        }
        text.into_bytes()
    })
}

fn forbidden(c: char) -> bool {
    matches!(c, '\0'..='\x1f' | '\x7f'..='\u{9f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{feff}')
}

/// Checks every row read from `bytes`; returns how many the census format took.
fn check(bytes: &[u8]) -> Result<usize, TestCaseError> {
    let mut taken = 0;
    for format in [ImportFormat::Cget, ImportFormat::Cedille] {
        let Ok(rows) = parse_csv(bytes, format) else { continue };
        for (line, row) in rows {
            prop_assert!(line >= 2, "a row on line {line}");
            let Ok(space) = row else { continue };
            taken += usize::from(format == ImportFormat::Cget);
            for text in [&space.name, &space.address, &space.postcode, &space.commune_insee] {
                prop_assert!(!text.chars().any(forbidden), "kept: {text:?}");
            }
            prop_assert!(space.lat.is_finite() && space.lon.is_finite(), "{} {}", space.lat, space.lon);
        }
    }
    Ok(taken)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn census_shaped_files_are_read_or_refused_cleanly(bytes in census_file()) {
        check(&bytes)?;
    }

    #[test]
    fn hostile_text_in_good_rows_comes_in_clean(
        name in field(),
        address in field(),
    ) {
        let mut fields: Vec<String> = GOOD_ROW.split(',').map(str::to_string).collect();
        fields[1] = format!("\"Le {}\"", name.replace('"', "\"\""));
        fields[2] = format!("\"{}\"", address.replace('"', "\"\""));
        let file = format!("{CGET_HEADER}\n{}", fields.join(","));
        // The row is taken (its name is never empty) and what it holds is clean.
        prop_assert_eq!(check(file.as_bytes())?, 1, "{:?}", file);
    }

    #[test]
    fn any_bytes_are_read_or_refused_cleanly(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let mut file = CGET_HEADER.as_bytes().to_vec();
        file.push(b'\n');
        file.extend(bytes);
        check(&file)?;
    }
}
