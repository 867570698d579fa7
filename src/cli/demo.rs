//! `cedille demo generate`: a database filled with generated data for load tests and
//! benchmarks. It says what it added and how long it took, since its purpose is to prepare
//! a timed run.

use std::path::Path;

use super::Outcome;
use super::errors::store_error;
use crate::store::{Migrate, Options, Sizes, Store};

pub fn generate(db: &Path, sizes: Sizes) -> Outcome {
    let lang = super::lang();
    let started = std::time::Instant::now();
    // A new file is made here; an existing one of an older schema is upgraded only on purpose.
    let options = Options { migrate: Migrate::No, ..Default::default() };
    let name = db.display().to_string();
    match Store::open_with(db, options).and_then(|(store, _)| store.generate(sizes)) {
        Ok(g) => Outcome::ok(lang.generated(
            &name,
            [g.members, g.articles, g.comments, g.spaces],
            started.elapsed().as_secs_f64(),
        )),
        Err(e) => Outcome::refused(lang, &lang.generate_failed(&name, &store_error(lang, &e))),
    }
}
