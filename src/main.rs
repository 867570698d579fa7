//! The `cedille` command: the server (default), the local reader, the admin console and the
//! admin tools for scripts. Errors end here, as one readable message and a non-zero exit
//! status.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use tokio::net::TcpListener;

use cedille::cli::Limit;
use cedille::cli::serving;
use cedille::config::{self, DEFAULT_DB};
use cedille::domain::comment::Moderation;
use cedille::ssh::hostkey;
use cedille::store::{ImportFormat, Store};

#[derive(Parser)]
#[command(
    name = "cedille",
    about = "Cédille: the bulletin of the teleworkers of the Drôme valley, over SSH",
    disable_version_flag = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    global: Global,
    #[command(flatten)]
    serve: ServeArgs,
    /// Print the version, the database schema it writes and the SQLite it links.
    #[arg(short = 'V', long)]
    version: bool,
}

/// Options every subcommand takes, before or after its name (`cedille --db X serve` and
/// `cedille serve --db X` are the same). What is not given comes from the config file, then
/// from the defaults (see `cedille::config`).
#[derive(clap::Args, Clone)]
struct Global {
    /// The SQLite database file [default: from the config file, else data/cedille.db]. Only
    /// `serve` and `demo generate` create it; every other command exits 2 when it is missing.
    #[arg(long, env = "CEDILLE_DB", global = true)]
    db: Option<PathBuf>,
    /// A TOML config file [default: cedille.toml, when it exists].
    #[arg(long, env = "CEDILLE_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// Address and port to listen on [default: 127.0.0.1:2222].
    #[arg(long, env = "CEDILLE_LISTEN", global = true)]
    listen: Option<String>,
    /// Folder of the host key, created on the first start [default: keys].
    #[arg(long, env = "CEDILLE_KEYS", global = true)]
    keys: Option<PathBuf>,
    /// The server's log on stderr: text, or one JSON object per line [default: text].
    #[arg(long, env = "CEDILLE_LOG_FORMAT", global = true, value_enum)]
    log_format: Option<cedille::observe::logs::LogFormat>,
}

/// Flags of `serve` alone.
#[derive(clap::Args, Clone)]
struct ServeArgs {
    /// Which comments wait for a moderator: none, first (a member's first ones, until one is
    /// approved) or all. Comments with 3 links or more always wait [default: first].
    #[arg(long, env = "CEDILLE_MODERATION", value_enum)]
    moderation: Option<Moderation>,
    /// Create a missing database empty, without the demo bulletin, spaces and meetups (config
    /// `demo = false`). An existing database never gets the demo again either way.
    #[arg(long)]
    no_demo: bool,
    /// Make a new host key although the database exists (the old key is lost: members' ssh
    /// will warn that the host identification changed).
    #[arg(long)]
    new_host_key: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Serve Cédille over SSH (the default).
    Serve(ServeArgs),
    /// Read the bulletin on this terminal, as a guest.
    Tui,
    /// The admin console on this terminal: dashboard, articles, moderation, spaces, members.
    Admin,
    /// Articles of the bulletin: import Markdown files, list, publish, schedule, delete.
    Article {
        #[command(subcommand)]
        command: ArticleCommand,
    },
    /// Import or export the directory of places to work.
    Spaces {
        #[command(subcommand)]
        command: SpacesCommand,
    },
    /// The moderation queue: list comments, approve, hide or delete one.
    Comments {
        #[command(subcommand)]
        command: CommentsCommand,
    },
    /// The agenda: proposals waiting for approval, approve, cancel, delete.
    Events {
        #[command(subcommand)]
        command: EventsCommand,
    },
    /// Members: list, suspend, restore, approve, rename, change role.
    Users {
        #[command(subcommand)]
        command: UsersCommand,
    },
    /// Copy the database to FILE while the server runs, then check the copy. It reads one
    /// snapshot, so it finishes however busy the bulletin; progress shows on a terminal only.
    Backup {
        /// The backup file to write; replaced only once the copy is complete.
        file: PathBuf,
        /// Print nothing when all went well (errors still go to stderr): for cron.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Replace the database by BACKUP: refused (exit 2) while a server, the console or a
    /// command has it open; the backup is checked first, put in place in one rename, and the
    /// replaced database kept beside it.
    Restore {
        /// The backup file (it is copied, never moved or changed).
        backup: PathBuf,
    },
    /// Bring an older database up to this version's schema, after a backup beside it
    /// (`cedille.db.schema-N.backup`). Refused while a server runs; a server does the same
    /// when it starts.
    Migrate,
    /// Check the database: integrity, foreign keys, the search indexes. Reads only: works on
    /// a read-only file and changes nothing. Exit 1 on a problem.
    Check,
    /// The server of this database (sessions now), its size and WAL, the last backup, the
    /// schema; read from the database, while the server runs or not.
    Status {
        /// One JSON object on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Demo data for trying and benchmarking Cédille.
    Demo {
        #[command(subcommand)]
        command: DemoCommand,
    },
    /// The latest admin actions, newest first.
    Audit {
        #[command(flatten)]
        list: ListArgs,
    },
}

/// The flags of every listing: how many rows, and in which form.
#[derive(clap::Args)]
struct ListArgs {
    /// At most N rows, in the listing's order; 0 (or `all`) for every row. When rows are left
    /// out, a line on stderr says how many there are in all.
    #[arg(long, value_name = "N", default_value_t = Limit::default())]
    limit: Limit,
    /// One JSON object per line on stdout (the line about rows left out stays on stderr).
    #[arg(long)]
    json: bool,
}

#[derive(Subcommand)]
enum DemoCommand {
    /// Fill a database (created if missing) with generated spaces, articles, members and
    /// comments, the same on every run, for load tests and benchmarks.
    Generate {
        #[arg(long, default_value_t = 0)]
        spaces: usize,
        #[arg(long, default_value_t = 0)]
        articles: usize,
        #[arg(long, default_value_t = 0)]
        comments: usize,
        #[arg(long, default_value_t = 0)]
        members: usize,
    },
}

#[derive(Subcommand)]
enum ArticleCommand {
    /// Add or update articles from Markdown files with front matter, by slug. All files land,
    /// or none when one is wrong.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Articles, drafts and scheduled ones included, newest first.
    List {
        #[command(flatten)]
        list: ListArgs,
    },
    /// Publish now: the article appears at the top of members' lists.
    Publish { id: i64 },
    /// Back to draft: members no longer see it.
    Unpublish { id: i64 },
    /// Publish at a date to come (2026-12-01, 9 h Paris time, or 2026-12-01T18:00:00+01:00).
    Schedule { id: i64, date: String },
    /// Delete an article and its comments.
    Delete { id: i64 },
}

#[derive(Subcommand)]
enum EventsCommand {
    /// Events, latest start first, or with --pending the members' proposals waiting for
    /// approval, soonest first.
    List {
        /// Only the proposals waiting for approval.
        #[arg(long)]
        pending: bool,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Approve a proposal: it appears in the agenda.
    Approve { id: i64 },
    /// Cancel an event: it stays listed as cancelled, its attendees are told.
    Cancel { id: i64 },
    /// Delete an event and who was going (a demo meetup, a duplicate): nobody is told.
    Delete { id: i64 },
}

#[derive(Subcommand)]
enum UsersCommand {
    /// Members with keys, first and last visit, comments; most recently seen first.
    List {
        #[command(flatten)]
        list: ListArgs,
    },
    /// Suspend a member (by handle, or #ID): their open sessions end with a message.
    Ban { handle: String },
    /// Let a suspended member come back.
    Unban { handle: String },
    /// Trust a member: their comments skip the moderation queue.
    Approve { handle: String },
    /// Give a member another handle.
    Rename { handle: String, new: String },
    /// Make a member `member`, `moderator` (approves and hides comments over SSH) or `admin`.
    Role { handle: String, role: String },
}

#[derive(Subcommand)]
enum CommentsCommand {
    /// Comments, newest first, or with --pending those waiting for moderation, oldest first
    /// (the queue, in the order to decide it).
    List {
        /// Only the comments waiting for moderation.
        #[arg(long)]
        pending: bool,
        #[command(flatten)]
        list: ListArgs,
    },
    /// Publish a waiting comment; under `--moderation first` its author's next ones go out at once.
    Approve { id: i64 },
    /// Hide a comment from members (moderators still see it).
    Hide { id: i64 },
    /// Delete a comment; replies keep their place under « [commentaire supprimé] ».
    Delete { id: i64 },
}

#[derive(Subcommand)]
enum SpacesCommand {
    /// Add or update spaces from a CSV file, by source and id. Prints « inserted N, updated N,
    /// unchanged N, rejected N » and one line per rejected row. Exit status: 0 all rows
    /// landed, 1 some rows were rejected (the others landed), 2 nothing was imported (the
    /// file cannot be read or lacks columns; the database is unchanged).
    Import {
        /// cget: the national tiers-lieux census of 2019; cedille: the columns export writes.
        #[arg(long, value_enum, default_value = "cedille")]
        format: ImportFormat,
        /// The CSV file.
        file: PathBuf,
    },
    /// Write every space to a CSV file in Cédille's own format (`-`: standard output).
    Export {
        /// The CSV file to write.
        file: PathBuf,
    },
}

fn main() {
    // Everything Cédille creates (the database, its -wal and -shm, backups, exports, the
    // data folder) is the association's private data: no other local user reads it.
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let status = match real_main() {
        Ok(status) => status,
        Err(e) => match e.downcast_ref::<cedille::cli::Said>() {
            // What a command says before it could run (a config file it cannot use), in
            // the language of every command.
            Some(said) => emit(&said.0),
            // The server's own errors, in English as its log.
            None => {
                let _ = writeln!(std::io::stderr(), "cedille: {e:#}");
                // The database cannot be used as it is (another server has it, a newer schema):
                // 2, as for every command.
                match e.downcast_ref::<cedille::store::StoreError>() {
                    Some(cedille::store::StoreError::Lock(_) | cedille::store::StoreError::TooNew { .. }) => {
                        2
                    }
                    _ => 1,
                }
            }
        },
    };
    std::process::exit(status);
}

fn real_main() -> Result<i32> {
    let cli = Cli::parse();
    if cli.version {
        return Ok(emit(&cedille::cli::version()));
    }
    if let Some(outcome) = admin_command(&cli)? {
        return Ok(emit(&outcome));
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let console = |admin: bool| -> Result<i32> {
        // A typo in `--db` creates nothing: exit 2, as every command but `serve`.
        let store = match cedille::cli::open_for_console(&database(&cli)?) {
            Ok(store) => store,
            Err(refusal) => return Ok(emit(&refusal)),
        };
        let run = if admin {
            runtime.block_on(cedille::console::run_admin(store))
        } else {
            runtime.block_on(cedille::console::run(store))
        };
        run.map(|()| 0)
    };
    let result = match &cli.command {
        Some(Command::Tui) => console(false),
        Some(Command::Admin) => console(true),
        Some(Command::Serve(args)) => runtime.block_on(serve(&cli, args)).map(|()| 0),
        Some(_) => Ok(0),
        None => runtime.block_on(serve(&cli, &cli.serve)).map(|()| 0),
    };
    // A blocking read of stdin may still be waiting for a key: do not wait for it.
    runtime.shutdown_background();
    result
}

/// Writes what a command printed and gives its exit status. A reader that went away (`|
/// head`) is not an error of the command: the rest of the output is dropped, the status kept.
fn emit(outcome: &cedille::cli::Outcome) -> i32 {
    let mut stdout = std::io::stdout().lock();
    let written = stdout.write_all(outcome.stdout.as_bytes()).and_then(|()| stdout.flush());
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    match written {
        Ok(()) => outcome.status,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => outcome.status,
        Err(e) => {
            let _ = std::io::stderr().write_all(cedille::cli::output_failed(&e).as_bytes());
            2
        }
    }
}

/// A line for the operator starting the server; a closed standard output loses it quietly.
fn say(line: &str) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// The database of a command: `--db` or `CEDILLE_DB` (before or after the subcommand), then
/// the config file's `db`, then the default — as `serve` finds it.
fn database(cli: &Cli) -> Result<PathBuf> {
    if let Some(db) = cli.global.db.clone() {
        return Ok(db);
    }
    let file = config::load(cli.global.config.as_deref())
        .map_err(|e| cedille::cli::Said(cedille::cli::config_error(&e)))?;
    Ok(file.db.unwrap_or_else(|| PathBuf::from(DEFAULT_DB)))
}

/// Runs the scriptable admin commands; `None` for the others (server, consoles).
fn admin_command(cli: &Cli) -> Result<Option<cedille::cli::Outcome>> {
    use cedille::cli::{articles, comments, maintenance, users};
    use cedille::domain::CommentStatus;
    let Some(command) = &cli.command else { return Ok(None) };
    Ok(Some(match command {
        Command::Spaces { command } => match command {
            SpacesCommand::Import { format, file } => {
                cedille::cli::spaces::import(&database(cli)?, *format, file)
            }
            SpacesCommand::Export { file } => cedille::cli::spaces::export(&database(cli)?, file),
        },
        Command::Comments { command } => {
            let db = database(cli)?;
            match command {
                CommentsCommand::List { pending, list } => {
                    comments::list(&db, *pending, list.json, list.limit)
                }
                CommentsCommand::Approve { id } => comments::set(&db, *id, CommentStatus::Published),
                CommentsCommand::Hide { id } => comments::set(&db, *id, CommentStatus::Hidden),
                CommentsCommand::Delete { id } => comments::set(&db, *id, CommentStatus::Deleted),
            }
        }
        Command::Article { command } => {
            let db = database(cli)?;
            match command {
                ArticleCommand::Import { files } => articles::import(&db, files),
                ArticleCommand::List { list } => articles::list(&db, list.json, list.limit),
                ArticleCommand::Publish { id } => articles::publish(&db, *id),
                ArticleCommand::Unpublish { id } => articles::unpublish(&db, *id),
                ArticleCommand::Schedule { id, date } => articles::schedule(&db, *id, date),
                ArticleCommand::Delete { id } => articles::delete(&db, *id),
            }
        }
        Command::Events { command } => {
            let db = database(cli)?;
            match command {
                EventsCommand::List { pending, list } => {
                    cedille::cli::events::list(&db, *pending, list.json, list.limit)
                }
                EventsCommand::Approve { id } => cedille::cli::events::approve(&db, *id),
                EventsCommand::Cancel { id } => cedille::cli::events::cancel(&db, *id),
                EventsCommand::Delete { id } => cedille::cli::events::delete(&db, *id),
            }
        }
        Command::Users { command } => {
            let db = database(cli)?;
            match command {
                UsersCommand::List { list } => users::list(&db, list.json, list.limit),
                UsersCommand::Ban { handle } => users::ban(&db, handle, true),
                UsersCommand::Unban { handle } => users::ban(&db, handle, false),
                UsersCommand::Approve { handle } => users::approve(&db, handle),
                UsersCommand::Rename { handle, new } => users::rename(&db, handle, new),
                UsersCommand::Role { handle, role } => users::role(&db, handle, role),
            }
        }
        Command::Backup { file, quiet } => {
            let mut stderr = std::io::stderr();
            let terminal = std::io::IsTerminal::is_terminal(&stderr);
            let progress: Option<&mut dyn Write> = (terminal && !quiet).then_some(&mut stderr);
            maintenance::backup(&database(cli)?, file, progress, *quiet)
        }
        Command::Restore { backup } => cedille::cli::restore::restore(&database(cli)?, backup),
        Command::Migrate => maintenance::migrate(&database(cli)?),
        Command::Check => maintenance::check(&database(cli)?),
        Command::Status { json } => cedille::cli::status::status(&database(cli)?, *json),
        Command::Demo { command: DemoCommand::Generate { spaces, articles, comments, members } } => {
            let sizes = cedille::store::Sizes {
                spaces: *spaces,
                articles: *articles,
                comments: *comments,
                members: *members,
            };
            cedille::cli::demo::generate(&database(cli)?, sizes)
        }
        Command::Audit { list } => maintenance::audit(&database(cli)?, list.limit, list.json),
        Command::Serve(_) | Command::Tui | Command::Admin => return Ok(None),
    }))
}

async fn serve(cli: &Cli, flags: &ServeArgs) -> Result<()> {
    let g = &cli.global;
    let file = config::load(g.config.as_deref())?;
    let config_used = config::used(g.config.as_deref());
    // `serve`'s own flags, or the same given before the subcommand.
    let top = &cli.serve;
    let over = config::Overrides {
        listen: g.listen.clone(),
        db: g.db.clone(),
        keys: g.keys.clone(),
        moderation: flags.moderation.or(top.moderation),
        demo: (flags.no_demo || top.no_demo).then_some(false),
        log_format: g.log_format,
    };
    let new_host_key = flags.new_host_key || top.new_host_key;
    let args = config::resolve(over, file);
    cedille::observe::logs::init(args.log_format);
    serving::open_files(&args.limits);
    let _server = serving::server_lock(&args.db, &args.listen)?;
    let options = cedille::store::Options {
        demo: args.demo,
        migrate: cedille::store::Migrate::AfterBackup,
        ..Default::default()
    };
    let (store, opened) = Store::open_with(&args.db, options)?;
    store.sessions().clear()?;
    let (key, created) = serving::host_key(&store, &args.keys, new_host_key)?;
    let listener = TcpListener::bind(&args.listen)
        .await
        .with_context(|| format!("cannot listen on {} (is another server using this port?)", args.listen))?;
    let addr = listener.local_addr().map(|a| a.to_string()).unwrap_or(args.listen.clone());
    if let Some(path) = config_used {
        say(&format!("Config file {}.", path.display()));
    }
    say(&serving::opened_line(&args.db, opened));
    say(&format!(
        "Host key {} ({}): {}",
        args.keys.join(hostkey::FILE_NAME).display(),
        if created { "new" } else { "existing" },
        hostkey::fingerprint(&key)
    ));
    let public_address =
        args.public_address.clone().unwrap_or_else(|| cedille::domain::address::from_listen(&addr));
    let metrics = cedille::observe::Metrics::new(&args.db);
    let endpoint = cedille::observe::http::start_configured(args.metrics_listen.as_deref(), &metrics).await?;
    if let Some(endpoint) = &endpoint {
        say(&format!("Metrics on http://{}/metrics", endpoint.addr));
    }
    say(&args.limits.summary());
    say(&format!("Cédille listens on {addr}. Connect with: ssh {public_address}"));
    let signal = serving::stop_signal()?;
    let gone = store.file_gone();
    let watched = store.clone();
    let shutdown = async move {
        tokio::select! {
            _ = signal => {}
            _ = gone => tracing::error!(path = %args.db.display(), "stopping: the database file was removed or replaced"),
        }
    };
    let settings = cedille::ssh::Settings {
        policy: args.policy,
        limits: args.limits,
        public_address: Some(public_address),
        metrics: Some(metrics),
    };
    cedille::ssh::serve_configured(listener, store, key, settings, shutdown).await;
    // Non-zero, so that the service manager starts the server again, on the file now at the
    // path (a new one when it was removed).
    anyhow::ensure!(
        !watched.is_gone(),
        "stopped: the database file {} was removed or replaced while serving; start again to use the file now there",
        watched.path().display()
    );
    Ok(())
}
