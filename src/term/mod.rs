//! The terminal as seen from the server: bytes from the client become events ([`input`]),
//! frames become bytes for the client ([`screen`]: drawn on one scratch terminal per thread,
//! [`scratch`], and diffed against a packed copy of the client's screen, [`cell`]), and the
//! client's environment decides how many colours to use ([`colors`]), what its terminal type
//! can be sent ([`caps`]) and which characters it shows ([`charset`]), together its
//! [`Profile`].

pub mod caps;
mod cell;
pub mod charset;
mod emoji;
/// Kept here too: the terminal's colour depth is read by the transports, decided by the UI.
pub use crate::ui::colors;
pub mod input;
pub mod modes;
mod profile;
mod scratch;
pub mod screen;
mod scroll;
mod sgr;

pub use profile::Profile;

/// Window sizes arrive as u32 from the SSH client and can be 0×0 or 65535×65535.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    clamp_size_to(cols, rows, 512, 256)
}

/// Same, with the operator's cap: a window with no size is drawn as 80×24, a huge one at
/// the cap (every cell costs memory and bytes on the wire).
pub fn clamp_size_to(cols: u32, rows: u32, max_cols: u16, max_rows: u16) -> (u16, u16) {
    if cols == 0 || rows == 0 {
        return (80.min(max_cols.max(1)), 24.min(max_rows.max(1)));
    }
    let cap = |v: u32, max: u16| u16::try_from(v.min(u32::from(max.max(1)))).unwrap_or(max);
    (cap(cols, max_cols), cap(rows, max_rows))
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_clamped() {
        assert_eq!(super::clamp_size(0, 0), (80, 24));
        assert_eq!(super::clamp_size(65535, 65535), (512, 256));
        assert_eq!(super::clamp_size(100, 30), (100, 30));
        assert_eq!(super::clamp_size_to(300, 100, 200, 60), (200, 60));
        assert_eq!(super::clamp_size_to(0, 30, 200, 60), (80, 24));
    }
}
