//! The demo bulletin, compiled into the binary so that a fresh server anywhere shows
//! something worth reading. Loaded only into a database that has no article.

use chrono::{DateTime, Utc};

use super::{Result, Store, StoreError, articles::insert_in, events_demo};
use crate::domain::frontmatter::parse_article;

/// The demo articles, written by the project (see `data/articles/README.md`).
const ARTICLES: &[&str] = &[
    include_str!("../../data/articles/01-teletravail-vallee-drome-ou-en-est-on.md"),
    include_str!("../../data/articles/02-bienvenue-sur-cedille-mode-d-emploi.md"),
    include_str!("../../data/articles/03-fibre-ou-en-est-le-reseau-adn.md"),
    include_str!("../../data/articles/04-de-crest-a-die-ou-poser-son-ordinateur.md"),
    include_str!("../../data/articles/05-briser-isolement-teletravailleurs.md"),
    include_str!("../../data/articles/06-poles-excellence-rurale-lecons-des-telecentres.md"),
    include_str!("../../data/articles/07-cafe-teletravail-crest-la-rentree.md"),
    include_str!("../../data/articles/08-teletravail-et-mobilite-dans-la-vallee.md"),
    include_str!("../../data/articles/09-agenda-hiver-2026-2027.md"),
];

/// Loads the demo articles as of `now`; the one announcing the meetups gets their programme
/// from the demo meetups themselves (see `events_demo`).
pub(super) fn load(store: &Store, now: DateTime<Utc>) -> Result<()> {
    store.write(|tx| {
        let programme = events_demo::programme(tx, now)?;
        for text in ARTICLES {
            let text = text.replace(events_demo::PROGRAMME, &programme);
            // The demo files are checked by a test; a broken one is skipped, not fatal.
            match parse_article(&text, now) {
                Ok(article) => {
                    insert_in(tx, &article)?;
                }
                Err(e) => tracing::warn!("demo article skipped: {e}"),
            }
        }
        Ok::<(), StoreError>(())
    })
}
