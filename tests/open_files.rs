//! Open files: the server raises its own limit at start, and says in its log when even the
//! hard limit holds fewer connections than its `[limits]` let in.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod process;

use std::time::Duration;

use process::ServerProcess;

#[tokio::test]
async fn limits_that_need_more_files_than_the_process_may_open_are_named_at_start() {
    let dir = tempfile::tempdir().unwrap();
    // More sessions than any system lets one process open files (Linux: at most 2^30).
    let server = ServerProcess::start(dir.path(), "[limits]\nmax_sessions = 2000000000\n", &[]);
    let log = server
        .wait_log("the open-file warning", Duration::from_secs(10), |l| l.contains("files, fewer than"))
        .await;
    let line = log.lines().find(|l| l.contains("files, fewer than")).unwrap();
    assert!(line.contains("WARN") && line.contains("fewer than the 2500000064"), "{line}");
    assert!(line.contains("LimitNOFILE=") && line.contains("ulimit -Hn"), "says how to raise it: {line}");
}
