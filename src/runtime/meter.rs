//! What one session counts for the server's metrics — keys, frames, the time from a key to
//! the frame that answers it — and what it says at `debug`: the sections it goes to, the
//! effects it runs, by name only.

use std::sync::Arc;

use tokio::time::Instant;

use crate::observe::Metrics;
use crate::ui::{Effect, Event, View};

pub struct Meter {
    metrics: Option<Arc<Metrics>>,
    /// The first key since the last frame: the frame that follows answers it.
    key_at: Option<Instant>,
    view: Option<View>,
}

impl Meter {
    pub fn new(metrics: Option<Arc<Metrics>>) -> Meter {
        Meter { metrics, key_at: None, view: None }
    }

    /// Events decoded from the client's input: its keys are counted.
    pub fn typed(&mut self, events: &[Event]) {
        let Some(metrics) = &self.metrics else { return };
        let keys = events.iter().filter(|e| matches!(e, Event::Key(_) | Event::KeyAlong(_))).count();
        if keys > 0 {
            metrics.keys(keys as u64);
            self.key_at.get_or_insert_with(Instant::now);
        }
    }

    /// A frame went to the transport.
    pub fn sent(&mut self) {
        let since_key = self.key_at.take().map(|at| at.elapsed());
        if let Some(metrics) = &self.metrics {
            metrics.frame(since_key);
        }
    }

    /// A drawing changed nothing on the client's screen: the keys before it had nothing to
    /// show, and the next frame answers none of them.
    pub fn unchanged(&mut self) {
        self.key_at = None;
    }

    /// The App shows `view` after an event.
    pub fn moved_to(&mut self, view: View) {
        if self.view != Some(view) {
            let from = self.view.map_or_else(|| "none".to_string(), |v| format!("{v:?}"));
            tracing::debug!(from, to = ?view, "section");
            self.view = Some(view);
        }
    }
}

/// « bulletin.Post »: the section and the operation of an effect, none of its contents (a
/// comment's text, a message's body). Only worth its cost when `debug` is logged.
pub fn effect_name(effect: &Effect) -> String {
    let debug = format!("{effect:?}");
    let mut parts = debug.splitn(2, '(');
    let section = parts.next().unwrap_or_default().to_lowercase();
    let op: String = parts
        .next()
        .unwrap_or_default()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    format!("{section}.{op}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::BulletinOp;

    #[test]
    fn an_effect_is_named_without_what_it_carries() {
        let post = BulletinOp::PostComment { article: 3, parent: None, body: "Mon secret".into() };
        assert_eq!(effect_name(&Effect::Bulletin(post)), "bulletin.PostComment");
        assert_eq!(effect_name(&Effect::Bulletin(BulletinOp::LoadArticle(7))), "bulletin.LoadArticle");
        assert_eq!(effect_name(&Effect::Bulletin(BulletinOp::LoadArticles)), "bulletin.LoadArticles");
    }
}
