//! The colours of the 16-colour palette said as terminals of 8 or 16 colours know them.
//!
//! crossterm writes every named colour as an indexed one (`38;5;3` for yellow), which
//! terminals declaring 8 or 16 colours in terminfo may not read. Those 16 are said with
//! SGR 30–37 and 90–97 (40–47 and 100–107 for the background): the same colours on every
//! terminal, whatever its depth.

/// `bytes` with each `38;5;N` and `48;5;N` of N below 16 in an SGR sequence said as its
/// plain SGR code; everything else as it was.
pub fn plain_colors(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let start = i + 2;
            let end = bytes[start..].iter().position(|b| !(b.is_ascii_digit() || *b == b';'));
            if let Some(len) = end
                && bytes.get(start + len) == Some(&b'm')
            {
                out.extend_from_slice(b"\x1b[");
                out.extend_from_slice(rewrite(&bytes[start..start + len]).as_bytes());
                out.push(b'm');
                i = start + len + 1;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// The parameters of one SGR sequence, the 16 colours made plain.
fn rewrite(params: &[u8]) -> String {
    let text = String::from_utf8_lossy(params);
    let parts: Vec<&str> = text.split(';').collect();
    let mut out: Vec<String> = Vec::with_capacity(parts.len());
    let mut k = 0;
    while k < parts.len() {
        let background = match parts[k] {
            "38" => Some(false),
            "48" => Some(true),
            "58" => None,
            _ => {
                out.push(parts[k].to_string());
                k += 1;
                continue;
            }
        };
        let taken = match parts.get(k + 1) {
            Some(&"5") => 3,
            Some(&"2") => 5,
            _ => 1,
        };
        let index = parts.get(k + 2).and_then(|n| n.parse::<u16>().ok());
        match (background, taken, index) {
            (Some(bg), 3, Some(n)) if n < 16 => {
                let (low, high) = if bg { (40, 100) } else { (30, 90) };
                out.push(if n < 8 { low + n } else { high + n - 8 }.to_string());
            }
            _ => out.extend(parts[k..(k + taken).min(parts.len())].iter().map(|p| p.to_string())),
        }
        k += taken;
    }
    out.join(";")
}

#[cfg(test)]
mod tests {
    use super::plain_colors;

    #[test]
    fn the_16_colours_are_said_with_plain_sgr_codes() {
        let cases: &[(&[u8], &[u8])] = &[
            (b"\x1b[38;5;3m", b"\x1b[33m"),
            (b"\x1b[48;5;4mab", b"\x1b[44mab"),
            (b"\x1b[38;5;9;48;5;15m", b"\x1b[91;107m"),
            (b"\x1b[38;5;173m\x1b[48;2;1;2;3m", b"\x1b[38;5;173m\x1b[48;2;1;2;3m"),
            (b"\x1b[1;38;5;0m\x1b[2;3H", b"\x1b[1;30m\x1b[2;3H"),
            ("é\x1b[0m".as_bytes(), "é\x1b[0m".as_bytes()),
            (b"\x1b[38;2;38;5;3m", b"\x1b[38;2;38;5;3m"),
            (b"\x1b[58;5;3;38;5;8m", b"\x1b[58;5;3;90m"),
        ];
        for (given, want) in cases {
            assert_eq!(plain_colors(given), *want, "{:?}", String::from_utf8_lossy(given));
        }
    }
}
