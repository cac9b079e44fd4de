//! The real binary in a real terminal: a tmux server of our own per test, driven with
//! `send-keys` and read back with `capture-pane`.
#![allow(dead_code)]

use std::process::{Command, Output};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub const WIDTH: u16 = 100;
pub const HEIGHT: u16 = 30;
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// A tmux server of our own (its own socket) with one session, run in a scratch folder (a
/// training session saves its debrief report there); all removed on drop, pass or fail.
pub struct Tmux {
    socket: std::path::PathBuf,
    session: String,
    pub scratch: std::path::PathBuf,
}

impl Tmux {
    /// Starts `command` in a new session; `{scratch}` in it stands for the scratch folder.
    pub fn start(command: &str) -> Tmux {
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let name = format!("shopsim-e2e-{}-{stamp}", std::process::id());
        let scratch = std::env::temp_dir().join(&name);
        std::fs::create_dir_all(&scratch).expect("a scratch folder");
        let tmux = Tmux {
            socket: std::env::temp_dir().join(format!("{name}.sock")),
            session: name,
            scratch,
        };
        let command = command.replace("{scratch}", &tmux.scratch.to_string_lossy());
        let (width, height) = (WIDTH.to_string(), HEIGHT.to_string());
        let out = tmux.run(&[
            "new-session",
            "-d",
            "-s",
            &tmux.session,
            "-x",
            &width,
            "-y",
            &height,
            "-c",
            &tmux.scratch.to_string_lossy(),
            &command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux
    }

    /// Runs a tmux command against our server (no user config).
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .env_remove("TMUX")
            .output()
            .expect("running tmux")
    }

    /// Sends keys in tmux's names ("Enter", "Tab", "Down", or plain text like "2").
    pub fn keys(&self, keys: &[&str]) {
        for key in keys {
            let out = self.run(&["send-keys", "-t", &self.session, key]);
            assert!(
                out.status.success(),
                "send-keys {key}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    /// What the pane shows now.
    pub fn screen(&self) -> String {
        let out = self.run(&["capture-pane", "-p", "-t", &self.session]);
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A pane variable such as `alternate_on`.
    pub fn pane_flag(&self, name: &str) -> String {
        let format = format!("#{{{name}}}");
        let out = self.run(&["display-message", "-p", "-t", &self.session, &format]);
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Polls the pane until `ready` holds; fails after the timeout, showing the last screen.
    pub fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < TIMEOUT,
                "waited {TIMEOUT:?} for {what}; the pane shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-session", "-t", &self.session]);
        let _ = self.run(&["kill-server"]);
        let _ = std::fs::remove_file(&self.socket);
        let _ = std::fs::remove_dir_all(&self.scratch);
    }
}

pub fn tmux_available() -> bool {
    Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Whether to skip a test that needs tmux: only when tmux is missing and
/// SHOPSIM_SKIP_TMUX=1 says so; missing without it, the test fails.
#[allow(dead_code)]
pub fn skip_without_tmux() -> bool {
    if tmux_available() {
        return false;
    }
    if std::env::var("SHOPSIM_SKIP_TMUX").as_deref() == Ok("1") {
        eprintln!("tmux is not installed: skipped because SHOPSIM_SKIP_TMUX=1");
        return true;
    }
    panic!("tmux is not installed, and this test needs it (.ci/run installs it)");
}
