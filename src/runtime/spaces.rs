//! The directory's door: searches and the communes a prompt offers, the same for everyone.

use chrono::Utc;

use super::door::{Ctx, Viewer, fault};
use super::queue::Kind;
use crate::domain::spaces_query::SpaceQuery;
use crate::ui::{SpacesOp, SpacesResult};

/// How many spaces a search shows at most: more than a person scrolls through (three dozen
/// screens of the list), and dots enough for the map.
const SPACES_PAGE: usize = 100;

/// Both are queries of what is being typed: only the latest is run.
pub fn kind(op: &SpacesOp) -> Option<Kind> {
    match op {
        SpacesOp::Search { .. } => Some(Kind::one("search")),
        SpacesOp::CompleteCommune(_) => Some(Kind::one("communes")),
        SpacesOp::Suggest(_) => Some(Kind::one("suggest")),
    }
}

pub fn perform(ctx: &Ctx, _viewer: &Viewer, op: SpacesOp) -> Option<SpacesResult> {
    Some(match op {
        SpacesOp::Search { seq, query } => {
            let page = ctx.store.spaces().search_shared(&query, Utc::now(), SPACES_PAGE);
            SpacesResult::Found(seq, page.map(|page| (page.0.clone(), page.1)).map_err(fault))
        }
        SpacesOp::Suggest(words) => {
            let query = SpaceQuery { words: words.clone(), ..SpaceQuery::default() };
            let page = ctx.store.spaces().search_shared(&query, Utc::now(), crate::ui::OFFERS_MAX);
            SpacesResult::Suggested(words, page.map(|page| page.0.clone()).map_err(fault))
        }
        SpacesOp::CompleteCommune(prefix) => match ctx.store.communes().complete(&prefix, 6) {
            Ok(list) => SpacesResult::Communes(prefix, list),
            Err(e) => {
                fault(e);
                return None;
            }
        },
    })
}
