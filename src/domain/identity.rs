//! Who is at the other end of a session.

/// A member is known by the verified key they authenticated with; a guest offered none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// No key: may read everything, write nothing.
    Guest,
    /// A key whose signature was verified; `user_id` is the member it belongs to.
    Member { user_id: i64, fingerprint: String, handle: Option<String> },
}

impl Identity {
    pub fn user_id(&self) -> Option<i64> {
        match self {
            Identity::Guest => None,
            Identity::Member { user_id, .. } => Some(*user_id),
        }
    }

    /// The fingerprint of the member's key; `None` for a guest.
    pub fn fingerprint(&self) -> Option<&str> {
        match self {
            Identity::Guest => None,
            Identity::Member { fingerprint, .. } => Some(fingerprint),
        }
    }

    pub fn is_guest(&self) -> bool {
        matches!(self, Identity::Guest)
    }
}
