#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Commands without a pty, end to end: the real server in process on a random port, a russh
//! client running `exec` requests (with the comment text as channel data, then EOF), and
//! checks on stdout, stderr and the exit status.

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use cedille::domain::comment::{CommentPolicy, Moderation};
use cedille::store::Store;
use russh::ChannelMsg;
use russh::client::{self, Handle};
use russh::keys::ssh_key::private::{Ed25519Keypair, KeypairData};
use russh::keys::{HashAlg, PrivateKey, PrivateKeyWithHashAlg, PublicKeyOrCertificate};
use tempfile::TempDir;

/// How long any command may take before the test fails.
const DEADLINE: Duration = Duration::from_secs(10);

struct Server {
    addr: SocketAddr,
    /// The server's own database, for setting up what commands cannot (bans, roles).
    store: Store,
    _dir: TempDir,
}

async fn start(moderation: Moderation) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let (store, _) = Store::open(&dir.path().join("c.db")).unwrap();
    let (key, _) = cedille::ssh::hostkey::load_or_create(
        &dir.path().join("keys"),
        cedille::ssh::hostkey::IfMissing::Create,
    )
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let policy = CommentPolicy { moderation, min_interval_secs: 0, ..CommentPolicy::default() };
    tokio::spawn(cedille::ssh::serve(listener, store.clone(), key, policy, std::future::pending()));
    Server { addr, store, _dir: dir }
}

struct AnyHost;

impl client::Handler for AnyHost {
    type Error = russh::Error;

    async fn check_server_key(&mut self, _key: &PublicKeyOrCertificate) -> Result<bool, Self::Error> {
        Ok(true)
    }
}

/// A distinct ed25519 key per call (a counted seed: no rng needed).
fn fresh_key() -> PrivateKey {
    static COUNTER: AtomicU64 = AtomicU64::new(1);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut seed = [0x3cu8; 32];
    seed[..8].copy_from_slice(&n.to_le_bytes());
    seed[8..12].copy_from_slice(&std::process::id().to_le_bytes());
    PrivateKey::new(KeypairData::from(Ed25519Keypair::from_seed(&seed)), "test").unwrap()
}

struct Client {
    handle: Handle<AnyHost>,
    fingerprint: Option<String>,
    key: Option<PrivateKey>,
}

async fn connect(addr: SocketAddr) -> Handle<AnyHost> {
    let config = Arc::new(client::Config { nodelay: true, ..Default::default() });
    tokio::time::timeout(DEADLINE, client::connect(config, addr, AnyHost)).await.unwrap().unwrap()
}

impl Client {
    async fn member(addr: SocketAddr) -> Client {
        Client::member_with(addr, fresh_key()).await
    }

    /// A new connection with the key of `earlier`.
    async fn member_again(addr: SocketAddr, earlier: &Client) -> Client {
        Client::member_with(addr, earlier.key.clone().unwrap()).await
    }

    async fn member_with(addr: SocketAddr, key: PrivateKey) -> Client {
        let fingerprint = key.public_key().fingerprint(HashAlg::Sha256).to_string();
        let mut handle = connect(addr).await;
        let auth = handle
            .authenticate_publickey("member", PrivateKeyWithHashAlg::new(Arc::new(key.clone()), None))
            .await
            .unwrap();
        assert!(auth.success(), "publickey refused: {auth:?}");
        Client { handle, fingerprint: Some(fingerprint), key: Some(key) }
    }

    async fn guest(addr: SocketAddr) -> Client {
        use russh::client::KeyboardInteractiveAuthResponse as R;
        let mut handle = connect(addr).await;
        let mut reply = handle.authenticate_keyboard_interactive_start("guest", None).await.unwrap();
        loop {
            match reply {
                R::Success => break,
                R::Failure { .. } => panic!("keyboard-interactive refused"),
                R::InfoRequest { prompts, .. } => {
                    let answers = vec![String::new(); prompts.len()];
                    reply = handle.authenticate_keyboard_interactive_respond(answers).await.unwrap();
                }
            }
        }
        Client { handle, fingerprint: None, key: None }
    }

    async fn exec(&self, command: &str) -> Out {
        self.exec_full(command, None, &[]).await
    }

    /// Runs `command`, sending `stdin` (then EOF) if given, with environment `env`.
    async fn exec_full(&self, command: &str, stdin: Option<&[u8]>, env: &[(&str, &str)]) -> Out {
        let mut channel = self.handle.channel_open_session().await.unwrap();
        for (name, value) in env {
            channel.set_env(false, *name, *value).await.unwrap();
        }
        channel.exec(true, command).await.unwrap();
        if let Some(bytes) = stdin {
            // The server may end the channel before taking it all (text too long).
            let _ = channel.data_bytes(bytes.to_vec()).await;
            let _ = channel.eof().await;
        }
        let mut out = Out::default();
        let collect = async {
            while let Some(msg) = channel.wait().await {
                match msg {
                    ChannelMsg::Data { data } => out.stdout.extend_from_slice(&data),
                    ChannelMsg::ExtendedData { data, ext: 1 } => out.stderr.extend_from_slice(&data),
                    ChannelMsg::ExitStatus { exit_status } => out.status = Some(exit_status),
                    ChannelMsg::Close => break,
                    _ => {}
                }
            }
        };
        tokio::time::timeout(DEADLINE, collect).await.unwrap_or_else(|_| panic!("`{command}` did not end"));
        out
    }

    async fn comment(&self, command: &str, body: &str) -> Out {
        self.exec_full(command, Some(body.as_bytes()), &[]).await
    }
}

#[derive(Debug, Default)]
struct Out {
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    status: Option<u32>,
}

impl Out {
    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).unwrap()
    }

    fn stderr(&self) -> String {
        String::from_utf8(self.stderr.clone()).unwrap()
    }

    #[track_caller]
    fn assert_status(&self, want: u32) -> &Self {
        assert_eq!(self.status, Some(want), "stdout: {:?}\nstderr: {:?}", self.stdout(), self.stderr());
        self
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn whoami_then_choosing_a_handle() {
    let server = start(Moderation::None).await;
    let me = Client::member(server.addr).await;
    let fp = me.fingerprint.clone().unwrap();

    let out = me.exec("whoami");
    let out = out.await;
    out.assert_status(0);
    assert!(out.stdout().starts_with(&format!("{fp} ")), "{}", out.stdout());
    assert!(out.stdout().contains("handle NOM"), "says how to choose one: {}", out.stdout());

    let out = me.exec_full("whoami", None, &[("LANG", "en_GB.UTF-8")]).await;
    assert!(out.stdout().contains("no handle yet"), "{}", out.stdout());

    let out = me.exec("whoami --json").await;
    let v: serde_json::Value = serde_json::from_str(out.stdout().trim()).unwrap();
    assert_eq!(v, serde_json::json!({ "fingerprint": fp, "handle": null }));

    me.exec("handle Camille").await.assert_status(0);
    let out = me.exec("whoami").await;
    assert_eq!(out.assert_status(0).stdout(), format!("{fp} camille\n"));
    let out = me.exec("whoami --json").await;
    let v: serde_json::Value = serde_json::from_str(out.stdout().trim()).unwrap();
    assert_eq!(v["handle"], "camille");

    let out = me.exec("handle admin").await;
    assert!(out.assert_status(2).stderr().contains("réservé"), "{}", out.stderr());
    let other = Client::member(server.addr).await;
    let out = other.exec("handle CAMILLE").await;
    assert!(out.assert_status(2).stderr().contains("déjà pris"), "{}", out.stderr());
    other.exec("handle").await.assert_status(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn comment_and_reply_show_up_in_the_thread() {
    let server = start(Moderation::None).await;
    let camille = Client::member(server.addr).await;
    camille.exec("handle camille").await.assert_status(0);
    let dominique = Client::member(server.addr).await;
    dominique.exec("handle dominique").await.assert_status(0);

    let out = camille.comment("comment 1", "Merci pour cet état des lieux !\n").await;
    let id: i64 = out.assert_status(0).stdout().trim().parse().unwrap();

    let out = dominique.comment(&format!("reply {id}"), "D'accord avec toi.").await;
    let reply: i64 = out.assert_status(0).stdout().trim().parse().unwrap();

    let out = camille.exec("comments 1 --json").await;
    let lines: Vec<serde_json::Value> =
        out.assert_status(0).stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout());
    assert_eq!(lines[0]["id"], id);
    assert_eq!(lines[0]["author"], "camille");
    assert_eq!(lines[0]["body"], "Merci pour cet état des lieux !");
    assert_eq!(lines[0]["status"], "published");
    assert_eq!(lines[0]["depth"], 0);
    assert_eq!(lines[1]["id"], reply);
    assert_eq!(lines[1]["parent_id"], id);
    assert_eq!(lines[1]["depth"], 1);

    // The same by slug, as text: the reply indented under its parent.
    let slug =
        server.store.articles().get_published("1", None, chrono::Utc::now()).unwrap().unwrap().summary.slug;
    let out = dominique.exec(&format!("comments {slug}")).await;
    let text = out.assert_status(0).stdout();
    let rows: Vec<&str> = text.lines().collect();
    assert!(rows[0].starts_with("camille · ") && rows[0].ends_with(&format!("#{id}")), "{text}");
    assert_eq!(rows[1], "Merci pour cet état des lieux !");
    assert!(rows[3].starts_with("  dominique · "), "{text}");
    assert_eq!(rows[4], "  D'accord avec toi.");

    // The article list counts them.
    let out = camille.exec("articles --json").await;
    let first = out
        .stdout()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|a| a["id"] == 1);
    assert_eq!(first.unwrap()["comments"], 2);

    // Errors: no such article, empty text, reply to nothing.
    camille.comment("comment 999", "x").await.assert_status(1);
    let out = camille.comment("comment 1", " \n").await;
    assert!(out.assert_status(1).stderr().contains("vide"), "{}", out.stderr());
    camille.comment("reply 99999", "x").await.assert_status(1);
    camille.comment("comment", "x").await.assert_status(2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_comments_of_a_member_one_blocked_are_a_line_in_their_place() {
    let server = start(Moderation::None).await;
    let camille = Client::member(server.addr).await;
    camille.exec("handle camille").await.assert_status(0);
    let rude = Client::member(server.addr).await;
    rude.exec("handle importun").await.assert_status(0);
    let id: i64 = rude
        .comment("comment 1", "Texte à ne plus lire.")
        .await
        .assert_status(0)
        .stdout()
        .trim()
        .parse()
        .unwrap();
    let reply: i64 = camille
        .comment(&format!("reply {id}"), "Une réponse.")
        .await
        .assert_status(0)
        .stdout()
        .trim()
        .parse()
        .unwrap();
    let who = |handle: &str| {
        server
            .store
            .members()
            .list()
            .unwrap()
            .into_iter()
            .find(|m| m.handle.as_deref() == Some(handle))
            .unwrap()
            .id
    };
    server.store.messages().set_blocked(who("camille"), who("importun"), true, chrono::Utc::now()).unwrap();

    let text = camille.exec("comments 1").await.assert_status(0).stdout();
    let rows: Vec<&str> = text.lines().collect();
    assert_eq!(rows[0], format!("[1 commentaire masqué (membre bloqué)] · #{id}"), "{text}");
    assert!(rows[2].starts_with("  camille · ") && rows[3] == "  Une réponse.", "{text}");
    assert!(!text.contains("importun") && !text.contains("ne plus lire"), "{text}");
    let json = camille.exec("comments 1 --json").await.assert_status(0).stdout();
    let lines: Vec<serde_json::Value> = json.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!((lines[0]["id"].as_i64(), lines[0]["hidden"].as_str()), (Some(id), Some("blocked")), "{json}");
    assert!(lines[0].get("body").is_none() && lines[0].get("author").is_none(), "{json}");
    assert_eq!((lines[1]["id"].as_i64(), lines[1]["parent_id"].as_i64()), (Some(reply), Some(id)));
    // Everyone else reads it whole.
    let text = Client::guest(server.addr).await.exec("comments 1").await.assert_status(0).stdout();
    assert!(text.contains("Texte à ne plus lire.") && !text.contains("masqué"), "{text}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_comments_wait_for_a_moderator() {
    let server = start(Moderation::First).await;
    let me = Client::member(server.addr).await;
    me.exec("handle camille").await.assert_status(0);
    let out = me.comment("comment 2", "Bonjour à toutes et tous.").await;
    let stdout = out.assert_status(0).stdout();
    assert!(stdout.ends_with(" (en attente de modération)\n"), "{stdout}");
    let id: i64 = stdout.split_whitespace().next().unwrap().parse().unwrap();
    // Its author sees it, marked; a guest does not.
    assert!(me.exec("comments 2").await.stdout().contains("en attente de modération"));
    let guest = Client::guest(server.addr).await;
    let out = guest.exec("comments 2").await;
    assert!(out.assert_status(0).stdout().contains("Aucun commentaire"), "{}", out.stdout());
    // Without text (EOF at once): refused, nothing posted.
    let out = me.comment("comment 2 --json", "").await;
    assert!(out.assert_status(1).stderr().contains("vide"), "{}", out.stderr());
    server.store.comments().set_status(id, cedille::domain::CommentStatus::Published).unwrap();
    let out = me.comment("comment 2 --json", "Et me revoilà.").await;
    let v: serde_json::Value = serde_json::from_str(out.assert_status(0).stdout().trim()).unwrap();
    assert_eq!(v["status"], "published");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guests_and_nameless_members_cannot_comment() {
    let server = start(Moderation::None).await;
    let guest = Client::guest(server.addr).await;
    let out = guest.comment("comment 1", "coucou").await;
    assert!(out.assert_status(1).stderr().contains("ssh-keygen -t ed25519"), "{}", out.stderr());
    let out = guest.exec("whoami").await;
    assert!(out.assert_status(1).stderr().contains("invité"), "{}", out.stderr());
    guest.exec("handle camille").await.assert_status(1);

    let nameless = Client::member(server.addr).await;
    let out = nameless.comment("comment 1", "coucou").await;
    assert!(out.assert_status(1).stderr().contains("handle NOM"), "{}", out.stderr());
    assert!(guest.exec("comments 1 --json").await.stdout.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_text_never_comes_back_raw() {
    let server = start(Moderation::None).await;
    let me = Client::member(server.addr).await;
    me.exec("handle camille").await.assert_status(0);
    let hostile = "avant \u{1b}]52;c;cm0gLXJmIH4=\u{7} \u{1b}[2J\u{1b}[31m \u{9b}1;1H \u{202e}txt.exe \
                   zéro\u{200d}largeur après";
    me.comment("comment 1", hostile).await.assert_status(0);
    for cmd in ["comments 1", "comments 1 --json"] {
        let out = me.exec(cmd).await;
        let text = out.assert_status(0).stdout();
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{202e}', '\u{200d}'] {
            assert!(!text.contains(bad), "{cmd}: {bad:?} came back in {text:?}");
        }
        assert!(text.contains("avant") && text.contains("après"), "{cmd}: {text:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn text_over_the_limit_is_refused() {
    let server = start(Moderation::None).await;
    let me = Client::member(server.addr).await;
    me.exec("handle camille").await.assert_status(0);
    let big = vec![b'a'; 70 * 1024];
    let out = me.exec_full("comment 1", Some(&big), &[]).await;
    assert!(out.assert_status(1).stderr().contains("texte trop long"), "{}", out.stderr());
    // Under 64 KiB but over the comment limit: the comment rules say so.
    let out = me.comment("comment 1", &"b".repeat(5000)).await;
    assert!(out.assert_status(1).stderr().contains("4000"), "{}", out.stderr());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn suspended_members_are_told_so() {
    let server = start(Moderation::None).await;
    let me = Client::member(server.addr).await;
    me.exec("handle camille").await.assert_status(0);
    server.store.users().set_banned("camille", true).unwrap();
    // The ban is read at authentication: a new connection.
    let me = Client::member_again(server.addr, &me).await;
    let out = me.exec("whoami").await;
    assert_eq!(out.assert_status(1).stderr(), "Ce compte est suspendu.\n");
    assert!(out.stdout.is_empty());
    let out = me.exec_full("articles", None, &[("LANG", "en_US.UTF-8")]).await;
    assert_eq!(out.assert_status(1).stderr(), "This account is suspended.\n");

    // With a pty: on the screen, then the channel ends.
    let mut channel = me.handle.channel_open_session().await.unwrap();
    channel.request_pty(true, "xterm", 80, 24, 0, 0, &[]).await.unwrap();
    channel.request_shell(true).await.unwrap();
    let mut out = Out::default();
    let collect = async {
        while let Some(msg) = channel.wait().await {
            match msg {
                ChannelMsg::Data { data } => out.stdout.extend_from_slice(&data),
                ChannelMsg::ExitStatus { exit_status } => out.status = Some(exit_status),
                ChannelMsg::Close => break,
                _ => {}
            }
        }
    };
    tokio::time::timeout(DEADLINE, collect).await.unwrap();
    assert_eq!(out.assert_status(1).stdout(), "Ce compte est suspendu.\r\n");
}
