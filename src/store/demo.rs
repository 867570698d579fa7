//! The demo bulletin, compiled into the binary so that a fresh server anywhere shows
//! something worth reading. Loaded only into a database that has no article.

use chrono::Utc;

use super::{Result, Store, StoreError, articles::insert_in};
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

pub(super) fn load(store: &Store) -> Result<()> {
    let now = Utc::now();
    store.write(|tx| {
        for text in ARTICLES {
            // The demo files are checked by a test; a broken one is skipped, not fatal.
            match parse_article(text, now) {
                Ok(article) => {
                    insert_in(tx, &article)?;
                }
                Err(e) => tracing::warn!("demo article skipped: {e}"),
            }
        }
        Ok::<(), StoreError>(())
    })
}
