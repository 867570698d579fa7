//! What the « Réseau » section asks for and gets back: the directory, one's own profile,
//! private messages. Kept apart from the other events so that the section has one door.

use crate::domain::comment::PostError;
use crate::domain::network::{Conversation, MemberCard, Message, NetProfile};
use crate::domain::network::{Inbox, MemberQuery, ProfileField, Thread};

#[derive(Debug, Clone, PartialEq)]
pub enum NetOp {
    /// The member's own profile, published or not.
    LoadOwn,
    Update(ProfileField),
    /// The directory search numbered `seq` (older answers are dropped).
    Search {
        seq: u64,
        query: MemberQuery,
    },
    /// One published profile.
    LoadCard(i64),
    LoadConversations,
    /// A conversation, marked read as it is loaded.
    LoadThread(i64),
    Send {
        to: i64,
        body: String,
    },
    Block(i64, bool),
    Report(i64),
    /// What waits unread: after every change notice, for the top bar and a notice.
    CheckInbox,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NetResult {
    Own(Result<NetProfile, String>),
    Updated(Result<(), PostError>),
    Found(u64, Result<Vec<MemberCard>, String>),
    Card(i64, Result<Option<MemberCard>, String>),
    Conversations(Result<Vec<Conversation>, String>),
    Thread(i64, Result<Thread, String>),
    Sent(Result<Message, PostError>),
    /// Whether the member is now blocked, or why not.
    Blocked(bool, Result<(), String>),
    Reported(Result<(), String>),
    Inbox(Inbox),
}
