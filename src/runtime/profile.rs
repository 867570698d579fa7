//! The account's door: the member's own handle, profile, language and keys. Everything acts
//! on the viewer's account only; a guest or the console has none.

use chrono::Utc;

use super::door::{Ctx, Viewer, fault};
use super::queue::Kind;
use crate::domain::Fault;
use crate::domain::comment::PostError;
use crate::domain::keys::KeyError;
use crate::domain::network::ProfileField;
use crate::ui::{ProfileOp, ProfileResult};

/// Loads supersede the one waiting; of the language and the characters only the last choice
/// is saved, and a new link code replaces one not made yet. A handle, a commune, a
/// presentation and a code typed in are each performed: their answers are awaited on screen.
pub fn kind(op: &ProfileOp) -> Option<Kind> {
    match op {
        ProfileOp::LoadMember => Some(Kind::one("member")),
        ProfileOp::LoadProfile => Some(Kind::one("profile")),
        ProfileOp::LoadCatchUp(_) => Some(Kind::one("catch-up")),
        ProfileOp::SaveLang(_) => Some(Kind::one("lang")),
        ProfileOp::SaveLineMode(_) => None,
        ProfileOp::SaveCharset(_) => Some(Kind::one("charset")),
        ProfileOp::CreateLinkCode => Some(Kind::one("link-code")),
        ProfileOp::SetHandle(_)
        | ProfileOp::SetCommune(_)
        | ProfileOp::SetPresentation(_)
        | ProfileOp::RedeemLinkCode(_)
        | ProfileOp::RemoveKey(_) => None,
    }
}

pub fn perform(ctx: &Ctx, viewer: &Viewer, op: ProfileOp) -> Option<ProfileResult> {
    let Viewer::Member { user, fingerprint } = viewer else { return None };
    let user = *user;
    let users = ctx.store.users();
    let now = Utc::now();
    Some(match op {
        ProfileOp::LoadMember => match users.state_with_key(user, fingerprint) {
            Ok((_, false)) => ProfileResult::KeyGone,
            Ok(((handle, moderator, banned), true)) => ProfileResult::Member { handle, moderator, banned },
            Err(e) => {
                fault(e);
                return None;
            }
        },
        ProfileOp::LoadProfile => ProfileResult::Profile(users.profile(user).map_err(fault)),
        ProfileOp::LoadCatchUp(since) => match ctx.store.catch_up(user, since) {
            Ok(c) => ProfileResult::CatchUp(Box::new(c)),
            Err(e) => {
                fault(e);
                return None;
            }
        },
        ProfileOp::SaveLang(lang) => {
            let _ = users.set_lang(user, lang.code()).map_err(fault);
            return None;
        }
        ProfileOp::SaveLineMode(on) => ProfileResult::Saved(users.set_line_mode(user, on).map_err(fault)),
        ProfileOp::SaveCharset(c) => ProfileResult::Saved(users.set_charset(user, c).map_err(fault)),
        ProfileOp::SetHandle(handle) => ProfileResult::HandleSet(users.set_handle(user, &handle)),
        // The one profile « Réseau » shows: the same record, the same rules.
        ProfileOp::SetCommune(insee) => profile_saved(ctx, user, ProfileField::Commune(insee)),
        ProfileOp::SetPresentation(text) => profile_saved(ctx, user, ProfileField::Presentation(text)),
        ProfileOp::CreateLinkCode => {
            ProfileResult::LinkCode(users.create_link_code(user, now).map_err(fault))
        }
        ProfileOp::RedeemLinkCode(code) => {
            ProfileResult::LinkRedeemed(users.redeem_link_code(fingerprint, &code, now))
        }
        ProfileOp::RemoveKey(key) => {
            ProfileResult::KeyRemoved(match users.remove_key(user, &key, fingerprint) {
                Ok(removed) => {
                    tracing::info!(user, fingerprint = %removed.fingerprint, "key removed by its member");
                    Ok(removed.fingerprint)
                }
                Err(e @ KeyError::Store(_)) => {
                    tracing::error!(user, "cannot remove a key: {e}");
                    Err(e)
                }
                Err(e) => Err(e),
            })
        }
    })
}

/// A field of the member's profile saved from `p`: the screen says only saved or not.
fn profile_saved(ctx: &Ctx, user: i64, field: ProfileField) -> ProfileResult {
    ProfileResult::Saved(ctx.store.network().update(user, field, Utc::now()).map_err(|e| match e {
        PostError::NotFound => Fault::NotFound,
        PostError::Unavailable(_) => Fault::Unavailable,
        e => {
            tracing::warn!("profile: not saved: {e}");
            Fault::Broken
        }
    }))
}
