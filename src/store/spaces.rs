//! TEMPORARY: replaced by the spaces branch's version at merge.
use chrono::{DateTime, NaiveDateTime, Utc};
use serde::Serialize;

use super::{Result, Store};
use crate::domain::space::{Amenity, Commune, Space, SpaceKind, SpaceStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpaceSort {
    #[default]
    Relevance,
    Name,
    Distance,
}
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum OpenAt {
    Now,
    At(NaiveDateTime),
}
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpaceQuery {
    pub words: String,
    pub amenities: Vec<Amenity>,
    pub kind: Option<SpaceKind>,
    pub status: Option<SpaceStatus>,
    pub departement: Option<String>,
    pub open: Option<OpenAt>,
    pub near: Option<Commune>,
    pub within_km: Option<f64>,
    pub sort: SpaceSort,
}
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpaceHit {
    #[serde(flatten)]
    pub space: Space,
    pub distance_km: Option<f64>,
    pub open_now: Option<bool>,
}
pub struct Spaces<'s> {
    pub(super) store: &'s Store,
}
impl Spaces<'_> {
    pub fn search(&self, _q: &SpaceQuery, _now: DateTime<Utc>) -> Result<Vec<SpaceHit>> {
        let _ = self.store;
        Ok(Vec::new())
    }
    pub fn get(&self, _id: i64) -> Result<Option<Space>> {
        Ok(None)
    }
    pub fn all(&self) -> Result<Vec<Space>> {
        Ok(Vec::new())
    }
}
pub struct Communes<'s> {
    pub(super) store: &'s Store,
}
impl Communes<'_> {
    pub fn find(&self, _q: &str) -> Result<Option<Commune>> {
        let _ = self.store;
        Ok(None)
    }
    pub fn complete(&self, _prefix: &str, _limit: usize) -> Result<Vec<Commune>> {
        Ok(Vec::new())
    }
}
