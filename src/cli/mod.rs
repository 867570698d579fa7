//! Subcommands for admins, run on the server itself (`cedille spaces import …`): they open the
//! database, do one job, print a report and exit with a status a script can test.

pub mod comments;
pub mod spaces;

/// What a subcommand prints and its exit status; `main` writes it out, tests read it.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}
