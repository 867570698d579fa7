//! The door of following: the member's notices and reading marks. Only a member has any.

use chrono::Utc;

use super::door::{Ctx, Viewer, fault};
use super::queue::Kind;
use crate::ui::{FollowOp, FollowResult};

/// A check supersedes the one waiting; of a thread's mark only the last (the furthest) is
/// saved. Notices reached from the summary are each recorded.
pub fn kind(op: &FollowOp) -> Option<Kind> {
    match op {
        FollowOp::Check { .. } => Some(Kind::one("notices")),
        FollowOp::Seen { article, .. } => Some(Kind::each("seen", *article)),
        FollowOp::SeenNotices(_) => None,
    }
}

pub fn perform(ctx: &Ctx, viewer: &Viewer, op: FollowOp) -> Option<FollowResult> {
    let Viewer::Member { user, .. } = viewer else { return None };
    let follow = ctx.store.follow();
    let now = Utc::now();
    let answer = match op {
        FollowOp::Check { known } => follow.check(*user, known).map(|n| n.map(FollowResult::Notices)),
        FollowOp::Seen { article, upto } => {
            follow.mark_seen(*user, article, upto, now).map(|n| Some(FollowResult::Unseen(n)))
        }
        FollowOp::SeenNotices(ids) => follow.seen(*user, &ids, now).map(|n| Some(FollowResult::Unseen(n))),
    };
    answer.map_err(fault).ok().flatten()
}
