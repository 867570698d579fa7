//! Removing one of a member's SSH keys: why it may be refused, and the forms of a
//! fingerprint a member may type.

use thiserror::Error;

/// Why a key was not removed. Messages for people are in `i18n`; these are for logs.
#[derive(Debug, Clone, Error, PartialEq, Eq)]
pub enum KeyError {
    /// None of the member's keys has this fingerprint (another member's key is not
    /// theirs to know about, so it is « unknown » too).
    #[error("no key of this member has that fingerprint")]
    NotFound,
    /// The key this session came in with: removing it would leave the member on an
    /// account they no longer hold, and a thief on a stolen laptop can remove only the
    /// others, which the rightful owner can link again.
    #[error("this is the key in use")]
    InUse,
    /// The member's only key: nobody could open the account any more.
    #[error("this is the member's last key")]
    Last,
    #[error("database error: {0}")]
    Store(String),
}

/// The stored form of a fingerprint typed by a member: `SHA256:` may be left out (as
/// `ssh-keygen -l` prints it, the prefix is easy to miss when copying); the rest is
/// base64, where case matters, so it is kept as typed.
pub fn normalize_fingerprint(typed: &str) -> String {
    let typed = typed.trim();
    match typed.split_once(':') {
        Some((prefix, rest)) if prefix.eq_ignore_ascii_case("sha256") => format!("SHA256:{rest}"),
        _ => format!("SHA256:{typed}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_is_optional_and_the_case_of_the_rest_kept() {
        assert_eq!(normalize_fingerprint("SHA256:AbC+/1"), "SHA256:AbC+/1");
        assert_eq!(normalize_fingerprint(" sha256:AbC "), "SHA256:AbC");
        assert_eq!(normalize_fingerprint("AbC"), "SHA256:AbC");
    }
}
