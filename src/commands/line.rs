//! `ssh -t host ligne` (`line`): the session in line mode. The transport starts it when a
//! pty comes with the command; without one, this says how to ask for it.

use super::{Ctx, Output};

/// Whether a command line asks for line mode.
pub fn is_line_mode(line: &str) -> bool {
    matches!(line.trim(), "ligne" | "line")
}

/// `ssh host ligne` without `-t`: the member's terminal would echo and edit every line
/// itself, so the session is not started; the right command is given instead.
pub fn without_pty(ctx: &Ctx<'_>) -> Output {
    Output {
        stderr: ctx.lang.line_needs_pty(ctx.public_address),
        status: 2,
        refused: Some("line mode needs a pty"),
        ..Output::default()
    }
}
