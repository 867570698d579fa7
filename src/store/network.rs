//! The members' directory: each member's own profile, published only when they say so, and
//! the search among published ones by skill, status, distance and presence.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, ts};
use crate::domain::comment::PostError;
use crate::domain::network::{
    MemberCard, MemberQuery, NetProfile, OpenTo, ProfileField, WorkStatus, clean_presentation, parse_skills,
    skills_answer,
};
use crate::domain::space::distance_km;

pub struct Network<'s> {
    pub(super) store: &'s Store,
}

/// The columns [`card_row`] reads. Published profiles of members with a handle who are not
/// suspended: a suspended member leaves the directory at once.
const CARDS: &str = "SELECT p.user_id, u.handle, c.name, c.departement, p.status, p.skills, p.open_to,
        p.presentation,
        p.visible_online AND EXISTS (SELECT 1 FROM sessions s WHERE s.user_id = p.user_id),
        c.lat, c.lon
    FROM profiles p JOIN users u ON u.id = p.user_id
    LEFT JOIN communes c ON c.insee = p.commune_insee
    WHERE p.published AND u.handle IS NOT NULL AND NOT u.banned";

pub(super) fn skills_of(stored: &str) -> Vec<String> {
    stored.lines().filter(|l| !l.trim().is_empty()).map(str::to_string).collect()
}

fn card_row(r: &Row<'_>) -> rusqlite::Result<MemberCard> {
    Ok(MemberCard {
        user_id: r.get(0)?,
        handle: r.get(1)?,
        commune: r.get(2)?,
        departement: r.get(3)?,
        status: r.get::<_, Option<String>>(4)?.as_deref().and_then(WorkStatus::parse),
        skills: skills_of(&r.get::<_, String>(5)?),
        open_to: OpenTo::parse_list(&r.get::<_, String>(6)?),
        presentation: r.get(7)?,
        online: r.get(8)?,
        distance_km: None,
        lat: r.get(9)?,
        lon: r.get(10)?,
    })
}

fn ensure_row(tx: &Connection, user_id: i64, now: DateTime<Utc>) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO profiles (user_id, updated_at) VALUES (?1, ?2) ON CONFLICT (user_id) DO NOTHING",
        params![user_id, ts(now)],
    )?;
    Ok(())
}

impl Network<'_> {
    /// A member's own profile, published or not (empty when they never wrote one).
    pub fn own(&self, user_id: i64) -> Result<NetProfile> {
        self.store.read(|c| {
            let found = c
                .query_row(
                    "SELECT p.published, p.commune_insee, c.name, p.status, p.skills, p.open_to,
                            p.presentation, p.visible_online
                     FROM profiles p LEFT JOIN communes c ON c.insee = p.commune_insee
                     WHERE p.user_id = ?1",
                    [user_id],
                    |r| {
                        Ok(NetProfile {
                            published: r.get(0)?,
                            commune_insee: r.get(1)?,
                            commune: r.get(2)?,
                            status: r.get::<_, Option<String>>(3)?.as_deref().and_then(WorkStatus::parse),
                            skills: skills_of(&r.get::<_, String>(4)?),
                            open_to: OpenTo::parse_list(&r.get::<_, String>(5)?),
                            presentation: r.get(6)?,
                            visible_online: r.get(7)?,
                        })
                    },
                )
                .optional()?;
            Ok(found.unwrap_or_default())
        })
    }

    /// Changes one field of a member's own profile. Publishing needs a handle (`NoHandle`):
    /// others must be able to name who they write to. A suspended member changes nothing.
    pub fn update(
        &self,
        user_id: i64,
        field: ProfileField,
        now: DateTime<Utc>,
    ) -> std::result::Result<(), PostError> {
        self.store.write(|tx| {
            let (handle, banned): (Option<String>, bool) = tx
                .query_row("SELECT handle, banned FROM users WHERE id = ?1", [user_id], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })
                .optional()?
                .ok_or(PostError::NotFound)?;
            if banned {
                return Err(PostError::Banned);
            }
            ensure_row(tx, user_id, now)?;
            let at = ts(now);
            match field {
                ProfileField::Published(true) if handle.is_none() => return Err(PostError::NoHandle),
                ProfileField::Published(on) => tx.execute(
                    "UPDATE profiles SET published = ?1, updated_at = ?2 WHERE user_id = ?3",
                    params![on, at, user_id],
                )?,
                ProfileField::Commune(insee) => {
                    let insee = match insee {
                        Some(code) => Some(
                            tx.query_row("SELECT insee FROM communes WHERE insee = ?1", [&code], |r| {
                                r.get::<_, String>(0)
                            })
                            .optional()?
                            .ok_or(PostError::NotFound)?,
                        ),
                        None => None,
                    };
                    tx.execute(
                        "UPDATE profiles SET commune_insee = ?1, updated_at = ?2 WHERE user_id = ?3",
                        params![insee, at, user_id],
                    )?
                }
                ProfileField::Status(status) => tx.execute(
                    "UPDATE profiles SET status = ?1, updated_at = ?2 WHERE user_id = ?3",
                    params![status.map(WorkStatus::code), at, user_id],
                )?,
                ProfileField::Skills(text) => tx.execute(
                    "UPDATE profiles SET skills = ?1, updated_at = ?2 WHERE user_id = ?3",
                    params![parse_skills(&text).join("\n"), at, user_id],
                )?,
                ProfileField::OpenTo(list) => tx.execute(
                    "UPDATE profiles SET open_to = ?1, updated_at = ?2 WHERE user_id = ?3",
                    params![OpenTo::codes(&list), at, user_id],
                )?,
                ProfileField::Presentation(text) => tx.execute(
                    "UPDATE profiles SET presentation = ?1, updated_at = ?2 WHERE user_id = ?3",
                    params![clean_presentation(&text), at, user_id],
                )?,
                ProfileField::VisibleOnline(on) => tx.execute(
                    "UPDATE profiles SET visible_online = ?1, updated_at = ?2 WHERE user_id = ?3",
                    params![on, at, user_id],
                )?,
            };
            Ok(())
        })
    }

    /// Published profiles matching `q`: nearest first when a commune is given, else the most
    /// recently updated first. Members without a commune are left out of a distance search.
    pub fn search(&self, q: &MemberQuery) -> Result<Vec<MemberCard>> {
        let mut cards = self.store.read(|c| {
            let mut stmt =
                c.prepare_cached(&format!("{CARDS} ORDER BY p.updated_at DESC, p.user_id DESC"))?;
            Ok(stmt.query_map([], card_row)?.collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        cards.retain(|card| {
            q.skill.as_deref().is_none_or(|s| skills_answer(&card.skills, s))
                && q.status.is_none_or(|s| card.status == Some(s))
                && (!q.online_only || card.online)
        });
        if let Some(near) = &q.near {
            cards.retain_mut(|card| match (card.lat, card.lon) {
                (Some(lat), Some(lon)) => {
                    let km = distance_km((near.lat, near.lon), (lat, lon));
                    card.distance_km = Some(km);
                    q.within_km.is_none_or(|max| km <= max)
                }
                _ => false,
            });
            cards.sort_by(|a, b| {
                a.distance_km.unwrap_or(f64::MAX).total_cmp(&b.distance_km.unwrap_or(f64::MAX))
            });
        }
        Ok(cards)
    }

    /// One published profile; `None` when it is not (or no longer) published.
    pub fn card(&self, user_id: i64) -> Result<Option<MemberCard>> {
        self.store.read(|c| {
            let mut stmt = c.prepare_cached(&format!("{CARDS} AND p.user_id = ?1"))?;
            Ok(stmt.query_row([user_id], card_row).optional()?)
        })
    }
}
