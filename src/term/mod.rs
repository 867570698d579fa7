//! The terminal as seen from the server: bytes from the client become events ([`input`]),
//! frames become bytes for the client ([`backend`]), and the client's environment decides
//! how many colours to use ([`colors`]).

pub mod backend;
pub mod colors;
pub mod input;
pub mod modes;

/// Window sizes arrive as u32 from the SSH client and can be 0×0 or 65535×65535.
pub fn clamp_size(cols: u32, rows: u32) -> (u16, u16) {
    if cols == 0 || rows == 0 {
        return (80, 24);
    }
    (cols.min(512) as u16, rows.min(256) as u16)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_are_clamped() {
        assert_eq!(super::clamp_size(0, 0), (80, 24));
        assert_eq!(super::clamp_size(65535, 65535), (512, 256));
        assert_eq!(super::clamp_size(100, 30), (100, 30));
    }
}
