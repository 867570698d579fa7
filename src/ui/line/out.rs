//! What line mode writes: plain lines ended by CR LF, never an escape sequence, so that they
//! stay in the terminal's scrollback and a screen reader, a braille display or an Emacs
//! buffer reads them as they come. Long texts go out a page at a time. A line that arrives
//! while the member is typing (a live event) goes on its own line, and the prompt with what
//! was typed so far comes back under it.

use std::collections::VecDeque;

use unicode_width::UnicodeWidthStr;

#[derive(Debug, Default)]
pub struct Out {
    buf: String,
    /// The prompt, and what was typed after it, is the last thing on the member's line.
    prompt_shown: bool,
    /// Lines of a long text still to show, a page each time the member asks.
    pager: VecDeque<String>,
    /// Lines a page holds: the window's height less the prompt.
    pub page_rows: usize,
    /// Longer lines are cut at a space before this many columns (0: never).
    pub width: usize,
}

impl Out {
    /// One line of text the server wrote (already cleaned of what a member typed).
    pub fn line(&mut self, text: &str) {
        self.break_prompt();
        for part in text.split('\n') {
            let part = plain(part.trim_end());
            // Cut between words, not by the terminal in the middle of one.
            let parts = if self.width > 0 && part.width() > self.width {
                crate::text::wrap_plain(&part, self.width)
            } else {
                vec![part]
            };
            for part in parts {
                self.buf.push_str(part.trim_end());
                self.buf.push_str("\r\n");
            }
        }
    }

    /// A long text: its first page now, the rest when the member presses Enter.
    pub fn page(&mut self, lines: Vec<String>) {
        self.pager = lines.into();
        self.more();
    }

    /// The next page of the text under way; says whether one was shown.
    pub fn more(&mut self) -> bool {
        if self.pager.is_empty() {
            return false;
        }
        let rows = self.page_rows.max(3);
        for _ in 0..rows {
            let Some(line) = self.pager.pop_front() else { break };
            self.line(&line);
        }
        true
    }

    /// Whether a text waits for its next page.
    pub fn paging(&self) -> bool {
        !self.pager.is_empty()
    }

    /// The member stopped reading the text under way.
    pub fn stop_paging(&mut self) {
        self.pager.clear();
    }

    /// The prompt and the line typed so far, once what had to be said was said.
    pub fn prompt(&mut self, prompt: &str, typed: &str) {
        if !self.prompt_shown {
            self.buf.push_str(prompt);
            self.buf.push_str(" > ");
            self.buf.push_str(typed);
            self.prompt_shown = true;
        }
    }

    /// The echo of a key, when the line it edits is on the member's screen.
    pub fn echo(&mut self, bytes: &str) {
        if self.prompt_shown {
            self.buf.push_str(bytes);
        }
    }

    /// Enter: the cursor goes to the next line, and the next prompt will be a new one.
    pub fn enter(&mut self) {
        if self.prompt_shown {
            self.buf.push_str("\r\n");
            self.prompt_shown = false;
        }
    }

    /// Leaves the line with the prompt as it is and goes to a new one.
    fn break_prompt(&mut self) {
        self.enter();
    }

    /// Everything written since the last call.
    pub fn take(&mut self) -> String {
        std::mem::take(&mut self.buf)
    }
}

/// No box drawing reaches a line: a quotation's bar becomes the `>` of plain-text mail,
/// a rule a row of hyphens, any other box character a space. No control character either,
/// whatever a caller forgot to clean: the line mode's promise is no escape sequence at all.
fn plain(line: &str) -> String {
    let line: String = line.chars().filter(|c| !c.is_control()).collect();
    if !line.chars().any(is_box) {
        return line;
    }
    let line = match line.strip_prefix('│') {
        Some(rest) => format!(">{rest}"),
        None => line.to_string(),
    };
    line.chars()
        .map(|c| match c {
            '─' | '━' | '═' => '-',
            '│' | '┃' | '║' => '|',
            c if is_box(c) => ' ',
            c => c,
        })
        .collect()
}

fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_box_drawing_reaches_a_line() {
        let mut out = Out::default();
        out.line("│ Le meilleur trajet\n────\n┌ x\x1b[31m");
        assert_eq!(out.take(), "> Le meilleur trajet\r\n----\r\n  x[31m\r\n");
    }

    #[test]
    fn a_line_that_comes_while_typing_gives_the_prompt_back_under_it() {
        let mut out = Out::default();
        out.prompt("Bulletin", "");
        out.echo("3");
        out.line("Nouveau commentaire");
        out.prompt("Bulletin", "3");
        assert_eq!(out.take(), "Bulletin > 3\r\nNouveau commentaire\r\nBulletin > 3");
    }

    #[test]
    fn a_long_text_goes_a_page_at_a_time() {
        let mut out = Out { page_rows: 3, ..Out::default() };
        out.page((1..=5).map(|n| n.to_string()).collect());
        assert_eq!(out.take(), "1\r\n2\r\n3\r\n");
        assert!(out.paging());
        assert!(out.more());
        assert_eq!(out.take(), "4\r\n5\r\n");
        assert!(!out.more());
    }
}
