//! The account's door: the member's own handle, profile, language and keys. Everything acts
//! on the viewer's account only; a guest or the console has none.

use chrono::Utc;

use super::door::{Ctx, Viewer, fault};
use crate::ui::{ProfileOp, ProfileResult};

pub fn perform(ctx: &Ctx, viewer: &Viewer, op: ProfileOp) -> Option<ProfileResult> {
    let Viewer::Member { user, fingerprint } = viewer else { return None };
    let user = *user;
    let users = ctx.store.users();
    let now = Utc::now();
    Some(match op {
        ProfileOp::LoadMember => match users.state(user) {
            Ok((handle, moderator, banned)) => ProfileResult::Member { handle, moderator, banned },
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
        ProfileOp::SetHandle(handle) => ProfileResult::HandleSet(users.set_handle(user, &handle)),
        ProfileOp::SetTown(town) => ProfileResult::Saved(users.set_town(user, &town).map_err(fault)),
        ProfileOp::SetBio(bio) => ProfileResult::Saved(users.set_bio(user, &bio).map_err(fault)),
        ProfileOp::CreateLinkCode => {
            ProfileResult::LinkCode(users.create_link_code(user, now).map_err(fault))
        }
        ProfileOp::RedeemLinkCode(code) => {
            ProfileResult::LinkRedeemed(users.redeem_link_code(fingerprint, &code, now))
        }
    })
}
