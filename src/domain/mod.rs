//! Plain types of the bulletin and their validation. No I/O here: the store fills these
//! types, the UI and the commands read them.

pub mod article;
pub mod frontmatter;
pub mod identity;

pub use article::{Article, ArticleSummary};
pub use identity::Identity;
