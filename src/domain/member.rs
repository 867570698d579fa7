//! TEMPORARY: replaced by the store branch's version at merge.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HandleError {
    #[error("too short")]
    TooShort,
    #[error("too long")]
    TooLong,
    #[error("bad char")]
    BadChar(char),
    #[error("reserved")]
    Reserved,
    #[error("taken")]
    Taken,
    #[error("store: {0}")]
    Store(String),
}
