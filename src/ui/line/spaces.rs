//! The directory of places to work in line mode: what is typed is the search
//! (« coworking près de Die »: a kind, words, a commune to measure from), the results come
//! numbered, and a number says everything about one space.

use std::sync::Arc;

use super::{Line, Place};
use crate::domain::space::{Commune, SpaceKind, fold};
use crate::domain::spaces_query::{SpaceHit, SpaceQuery, SpaceSort};
use crate::text::{clean_line, protect_french, wrap_plain};
use crate::ui::event::Effect;
use crate::ui::{SpacesOp, SpacesResult};

#[derive(Debug, Default)]
pub struct State {
    seq: u64,
    hits: Arc<Vec<SpaceHit>>,
    total: usize,
    /// Where distances are measured from.
    near: Option<Commune>,
    /// A search waiting for its commune to be found: its words and kind, and the name typed.
    waiting: Option<(String, Option<SpaceKind>, String)>,
    /// The space on view.
    open: Option<usize>,
}

/// The words that introduce a commune: « près de Die », « near Die », « autour de Crest ».
const NEAR_WORDS: [&str; 4] = ["pres", "near", "autour", "around"];

impl Line {
    pub(super) fn open_spaces(&mut self) -> Vec<Effect> {
        self.place = Place::Spaces;
        self.out.line(self.lang.l().help_spaces);
        Vec::new()
    }

    pub(super) fn spaces_command(&mut self, text: &str, word: &str) -> Vec<Effect> {
        if matches!(word, "l" | "liste" | "list" | "lire" | "read") {
            match (self.place, self.spaces.open) {
                (Place::Space, Some(i)) => self.print_space(i),
                _ => self.print_hits(),
            }
            return Vec::new();
        }
        if let Some(i) = self.chosen(word, self.spaces.hits.len()) {
            if i < self.spaces.hits.len() {
                self.place = Place::Space;
                self.spaces.open = Some(i);
                self.print_space(i);
            }
            return Vec::new();
        }
        if matches!(word, "partout" | "anywhere") {
            self.spaces.near = None;
            return self.search(String::new(), None);
        }
        self.place = Place::Spaces;
        let (words, town) = split_near(text);
        let (words, kind) = kind_of(&words);
        match town {
            Some(town) => {
                self.spaces.waiting = Some((words, kind, town.clone()));
                self.wait();
                vec![SpacesOp::CompleteCommune(town).into()]
            }
            None => self.search(words, kind),
        }
    }

    fn search(&mut self, words: String, kind: Option<SpaceKind>) -> Vec<Effect> {
        self.spaces.seq += 1;
        let sort = if self.spaces.near.is_some() && words.is_empty() {
            SpaceSort::Distance
        } else {
            SpaceSort::Relevance
        };
        let query = SpaceQuery { words, kind, near: self.spaces.near.clone(), sort, ..SpaceQuery::default() };
        self.wait();
        vec![SpacesOp::Search { seq: self.spaces.seq, query }.into()]
    }

    pub(super) fn spaces_result(&mut self, result: SpacesResult) -> Vec<Effect> {
        match result {
            SpacesResult::Communes(prefix, list) => {
                let Some((words, kind, town)) = self.spaces.waiting.take_if(|w| w.2 == prefix) else {
                    return Vec::new();
                };
                let wanted = fold(&town);
                let found = list.iter().find(|c| fold(&c.name) == wanted).or(list.first()).cloned();
                match found {
                    Some(commune) => {
                        // A postcode shared by several communes: say which one was taken, and the others.
                        let others: Vec<String> = list
                            .iter()
                            .filter(|c| c.insee != commune.insee)
                            .map(|c| clean_line(&c.name))
                            .collect();
                        if wanted.chars().all(|c| c.is_ascii_digit()) && !others.is_empty() {
                            let (code, name) = (clean_line(&town), clean_line(&commune.name));
                            // A full list of offers is a list cut short.
                            let line = self.lang.commune_offered(&code, &name, &others, list.len() >= 6);
                            self.out.line(&line);
                        }
                        self.spaces.near = Some(commune);
                        self.search(words, kind)
                    }
                    None => {
                        self.ready();
                        self.out.line(&self.lang.unknown_commune(&clean_line(&town), &[]));
                        Vec::new()
                    }
                }
            }
            // The spaces a meetup's proposal may take place in.
            SpacesResult::Suggested(words, hits) => {
                self.proposal_spaces(&words, hits);
                Vec::new()
            }
            SpacesResult::Found(seq, _) if seq != self.spaces.seq => Vec::new(),
            SpacesResult::Found(_, result) => {
                self.ready();
                match result {
                    Ok((hits, total)) => {
                        (self.spaces.hits, self.spaces.total, self.spaces.open) = (hits, total, None);
                        self.print_hits();
                    }
                    Err(fault) => self.out.line(self.lang.fault(fault)),
                }
                Vec::new()
            }
        }
    }

    pub(super) fn print_hits(&mut self) {
        let lang = self.lang;
        let near = self.spaces.near.as_ref().map(|c| c.name.clone());
        self.out.line(&lang.line_spaces_found(self.spaces.hits.len(), self.spaces.total, near.as_deref()));
        let lines = self
            .spaces
            .hits
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let s = &h.space;
                let mut parts = vec![s.fields.kind.label(lang).to_string(), clean_line(&s.commune)];
                if let Some(d) = h.distance_km {
                    parts.push(lang.distance(d));
                }
                if let Some(state) = state(h, lang) {
                    parts.push(state.to_string());
                }
                format!("{}. {}{} {}", i + 1, clean_line(&s.fields.name), lang.line_colon(), parts.join(", "))
            })
            .collect();
        self.out.page(lines);
    }

    fn print_space(&mut self, i: usize) {
        let Some(h) = self.spaces.hits.get(i).cloned() else { return };
        let (lang, width) = (self.lang, self.width());
        let (s, f) = (&h.space.fields, lang.space_fields());
        let field = |label: &str, value: &str| lang.line_field(label, &clean_line(value));
        let mut lines = vec![clean_line(&s.name)];
        let mut kind = vec![s.kind.label(lang).to_string(), clean_line(&h.space.commune)];
        kind.extend(h.distance_km.map(|d| lang.distance(d)));
        kind.extend(state(&h, lang).map(str::to_string));
        lines.push(kind.join(", "));
        let town = format!("{}, {} {}", s.address, s.postcode, h.space.commune);
        lines.push(field(f.address, town.trim_start_matches(", ")));
        lines.push(field(f.hours, s.hours.as_deref().unwrap_or(f.hours_unknown)));
        let prices: Vec<String> = [
            (f.day, s.price_day_cents),
            (f.half_day, s.price_half_day_cents),
            (f.month, s.price_month_cents),
        ]
        .into_iter()
        .filter_map(|(label, cents)| cents.map(|c| format!("{label} {}", lang.price(c))))
        .collect();
        if !prices.is_empty() {
            lines.push(field(f.prices, &prices.join(", ")));
        }
        for (label, value) in [(f.website, &s.website), (f.email, &s.email), (f.phone, &s.phone)] {
            if let Some(v) = value {
                lines.push(field(label, v));
            }
        }
        if !s.amenities.is_empty() {
            let names: Vec<&str> = s.amenities.iter().map(|a| a.label(lang)).collect();
            lines.push(field(f.amenities, &names.join(", ")));
        }
        if !s.description.is_empty() {
            lines.push(String::new());
            lines.extend(wrap_plain(&protect_french(&clean_line(&s.description)), width));
        }
        self.out.page(lines);
    }
}

/// « ouvert maintenant », « fermé », or why it is neither (planned, closed for good).
fn state(h: &SpaceHit, lang: crate::i18n::Lang) -> Option<&'static str> {
    lang.space_status_note(h.space.fields.status).or_else(|| h.open.map(|open| lang.open_now(open)))
}

/// « coworking près de Die » → (« coworking », Some(« Die »)).
fn split_near(text: &str) -> (String, Option<String>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let Some(at) = words.iter().position(|w| NEAR_WORDS.contains(&fold(w).as_str())) else {
        return (text.trim().to_string(), None);
    };
    let mut town = &words[at + 1..];
    if let Some(first) = town.first()
        && matches!(fold(first).as_str(), "de" | "d" | "of" | "du")
    {
        town = &town[1..];
    }
    let town = town.join(" ");
    let town = town.strip_prefix("d'").or(town.strip_prefix("d’")).unwrap_or(&town).to_string();
    (words[..at].join(" "), (!town.is_empty()).then_some(town))
}

/// A word that names a kind of space is a filter rather than words to find.
fn kind_of(words: &str) -> (String, Option<SpaceKind>) {
    let mut kind = None;
    let rest: Vec<&str> = words
        .split_whitespace()
        .filter(|w| {
            let k = SpaceKind::parse(w);
            if kind.is_none() && k.is_some() {
                kind = k;
                return false;
            }
            true
        })
        .collect();
    (rest.join(" "), kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_names_its_commune_after_pres_de() {
        assert_eq!(split_near("coworking près de Die"), ("coworking".into(), Some("Die".into())));
        assert_eq!(split_near("fablab near Saint-Agrève"), ("fablab".into(), Some("Saint-Agrève".into())));
        assert_eq!(split_near("imprimante 3D"), ("imprimante 3D".into(), None));
        assert_eq!(kind_of("coworking calme"), ("calme".into(), Some(SpaceKind::Coworking)));
    }
}
