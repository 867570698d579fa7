//! Plain types of the bulletin and their validation. No I/O here: the store fills these
//! types, the UI and the commands read them.

pub mod address;
pub mod admin;
pub mod article;
pub mod catchup;
pub mod comment;
pub mod console;
pub mod event;
pub mod fault;
pub mod follow;
pub mod form;
pub mod frontmatter;
pub mod geography;
pub mod hours;
pub mod ics;
pub mod identity;
pub mod keys;
pub mod lang;
pub mod member;
pub mod member_page;
pub mod moment;
pub mod network;
pub mod record;
pub mod search;
pub mod space;
pub mod spaces_query;
pub mod status;

pub use article::{Article, ArticleList, ArticleSummary, Published};
pub use comment::{
    Comment, CommentPolicy, CommentStatus, EDIT_WINDOW_MINUTES, MAX_COMMENT_CHARS, Moderation, PostError,
    count_links,
};
pub use fault::Fault;
pub use hours::{Hours, HoursError};
pub use identity::Identity;
pub use lang::Lang;
pub use member::{HandleError, RESERVED_HANDLES, validate_handle};
pub use space::{Amenity, Commune, NewSpace, Space, SpaceKind, SpaceStatus, distance_km};
