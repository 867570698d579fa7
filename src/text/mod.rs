//! Text handling for the terminal: sanitising user input, French typography,
//! width-aware wrapping of styled text and Markdown rendering to ratatui lines.
//!
//! Everything here is pure (no I/O, no global state) and total: any `&str`
//! and any width are accepted without panicking, because every string that
//! reaches these functions may come from an untrusted SSH user.

pub mod clean;
pub mod markdown;
pub mod typo;
pub mod width;
pub mod wrap;

pub use clean::{clean_line, clean_text};
pub use markdown::{MdLabels, MdStyles, lines_to_plain, render_comment, render_markdown};
pub use typo::protect_french;
pub use wrap::{wrap_plain, wrap_spans};
