//! Hostile input against the real binary: every file of `tests/hostile/` with the commands
//! and outcomes its `.expect` file lists, and the inputs that cannot be committed — a pipe,
//! a link to `/dev/zero`, a folder, a file past the size limit, a line of megabytes — made
//! here. Each run must end within `TIMEOUT` (it is killed and fails otherwise), with the
//! expected exit code and words, a bounded amount of output, and no escape character
//! (ESC or a C1 control) in it.
//!
//! An `.expect` line is `ARGS | EXIT | TEXT`: `{file}` in ARGS stands for the file the
//! `.expect` is named after (`x.expect` → `x.ron`, `x.actions.expect` → `x.actions.ron`),
//! `{dir}` for this folder; TEXT must appear in stdout or stderr. `#` starts a comment.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const DIR: &str = "tests/hostile";
const TIMEOUT: Duration = Duration::from_secs(30);
/// More output than this for one bad file is an echo of the file, not a message.
const MAX_STDERR: usize = 64 * 1024;

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `shopsim` with `args` and no terminal, killing it after `TIMEOUT`.
fn shopsim(args: &[&str]) -> Outcome {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_shopsim"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let drain = |mut pipe: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout")));
    let err = drain(Box::new(child.stderr.take().expect("stderr")));
    let code = loop {
        if let Some(status) = child.try_wait().expect("the child can be waited for") {
            break status.code();
        }
        if started.elapsed() > TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("`shopsim {}` still ran after {TIMEOUT:?}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(10));
    };

    let stdout = out.join().expect("stdout read");
    let stderr = err.join().expect("stderr read");
    for (name, bytes) in [("stdout", &stdout), ("stderr", &stderr)] {
        let text = String::from_utf8_lossy(bytes);
        let raw = text
            .chars()
            .find(|&c| c == '\u{1b}' || ('\u{80}'..='\u{9f}').contains(&c));
        assert!(
            raw.is_none(),
            "`shopsim {}` wrote {raw:?} to {name}:\n{text}",
            args.join(" ")
        );
    }
    assert!(
        stderr.len() <= MAX_STDERR,
        "`shopsim {}` wrote {} bytes to stderr",
        args.join(" "),
        stderr.len()
    );
    Outcome {
        code,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

#[track_caller]
fn expect(args: &[&str], code: i32, texts: &[&str]) -> Outcome {
    let outcome = shopsim(args);
    let all = format!("{}{}", outcome.stdout, outcome.stderr);
    assert_eq!(
        outcome.code,
        Some(code),
        "`shopsim {}` exit code; it said:\n{all}",
        args.join(" ")
    );
    for text in texts {
        assert!(
            all.contains(text),
            "`shopsim {}` did not say {text:?}; it said:\n{all}",
            args.join(" ")
        );
    }
    outcome
}

/// One command of an `.expect` file, with the words it must say.
struct Case {
    args: Vec<String>,
    code: i32,
    texts: Vec<String>,
}

fn cases(expect: &Path) -> Vec<Case> {
    let name = expect
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| n.strip_suffix(".expect"))
        .expect("NAME.expect");
    let file = format!("{DIR}/{name}.ron");
    assert!(
        Path::new(&file).exists(),
        "{} has no {file}",
        expect.display()
    );
    let fill = |text: &str| text.replace("{file}", &file).replace("{dir}", DIR);
    let text = std::fs::read_to_string(expect).expect("readable");
    let mut cases: Vec<Case> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line.splitn(3, " | ").collect();
        let [args, code, words] = parts.as_slice() else {
            panic!("{}: `{line}` is not `ARGS | EXIT | TEXT`", expect.display());
        };
        let args: Vec<String> = fill(args).split_whitespace().map(str::to_owned).collect();
        let code: i32 = code.parse().expect("an exit code");
        match cases.iter_mut().find(|c| c.args == args) {
            Some(case) => {
                assert_eq!(
                    case.code,
                    code,
                    "{}: two exit codes for one command",
                    expect.display()
                );
                case.texts.push(fill(words));
            }
            None => cases.push(Case {
                args,
                code,
                texts: vec![fill(words)],
            }),
        }
    }
    assert!(!cases.is_empty(), "{} lists no command", expect.display());
    cases
}

#[test]
fn every_hostile_file_gets_its_expected_answer() {
    let mut expects: Vec<PathBuf> = std::fs::read_dir(DIR)
        .expect("the corpus folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "expect"))
        .collect();
    expects.sort();
    assert!(expects.len() >= 15, "the corpus is incomplete: {expects:?}");
    for expect_file in &expects {
        for case in cases(expect_file) {
            let args: Vec<&str> = case.args.iter().map(String::as_str).collect();
            let texts: Vec<&str> = case.texts.iter().map(String::as_str).collect();
            let outcome = expect(&args, case.code, &texts);
            if case.code == 2 {
                assert!(
                    !outcome.stderr.contains("ron::")
                        && !outcome.stderr.contains("recursion_limit"),
                    "`shopsim {}` spoke to a programmer:\n{}",
                    args.join(" "),
                    outcome.stderr
                );
            }
        }
    }
}

/// Every hostile scenario is refused by `run` and `play` alike (`play` before it needs a
/// terminal), unless it is valid. (`check` also plays the solution beside a scenario, which
/// `play` does not read, so `run` is the fair comparison.)
#[test]
fn play_refuses_what_check_refuses_without_a_terminal() {
    for entry in std::fs::read_dir(DIR).expect("the corpus folder") {
        let path = entry.expect("an entry").path();
        let name = path.to_string_lossy().into_owned();
        if !name.ends_with(".ron") || name.ends_with(".actions.ron") {
            continue;
        }
        let checked = shopsim(&["run", &name]);
        let played = shopsim(&["play", &name]);
        assert_eq!(played.code, Some(2), "play {name}:\n{}", played.stderr);
        if checked.code != Some(2) {
            assert!(
                played.stderr.contains("needs a terminal"),
                "{}",
                played.stderr
            );
        } else {
            assert!(
                !played.stderr.contains("needs a terminal"),
                "{}",
                played.stderr
            );
        }
    }
}

/// A folder of its own for the files made here.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shopsim-hostile-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// Refusals of what is not a regular file, or too large, come without reading it: a read
/// of a pipe or a device would wait for ever, and be killed at `TIMEOUT`. (How fast is a
/// benchmark's question, not a test's: a loaded machine may be slow.)
#[track_caller]
fn refused_at_once(args: &[&str], words: &str) {
    expect(args, 2, &[words]);
}

#[test]
fn pipes_devices_folders_and_huge_files_are_refused_at_once() {
    let dir = scratch("files");
    let pipe = dir.join("pipe.ron");
    mkfifo(&pipe);
    let zero = dir.join("zero.ron");
    std::os::unix::fs::symlink("/dev/zero", &zero).expect("a link");
    let folder = dir.join("folder.ron");
    std::fs::create_dir(&folder).expect("a folder");
    let huge = dir.join("huge.ron");
    std::fs::File::create(&huge)
        .and_then(|f| f.set_len(65 * 1024 * 1024))
        .expect("a sparse file");
    // An action file whose scenario beside it is a pipe.
    let beside = dir.join("beside.ron");
    mkfifo(&beside);
    let actions = dir.join("beside.actions.ron");
    std::fs::copy(format!("{DIR}/plain.actions.ron"), &actions).expect("a copy");
    let plain = format!("{DIR}/plain.ron");

    let fifo = "it is a pipe (FIFO); scenarios and action files are read from regular files only";
    let device = "it is a device; scenarios and action files are read from regular files only";
    let big = "it is 65.0 MiB; a scenario or action file may be at most 64 MiB";
    for (file, words) in [
        (&pipe, fifo),
        (&zero, device),
        (&folder, "it is a folder"),
        (&huge, big),
    ] {
        let file = file.to_string_lossy();
        for command in ["check", "run", "play"] {
            refused_at_once(&[command, &file], words);
        }
        refused_at_once(&["run", &plain, "--actions", &file], words);
    }
    refused_at_once(
        &["check", &actions.to_string_lossy()],
        "an action file is checked against the scenario beside it, and",
    );
    refused_at_once(&["check", &actions.to_string_lossy()], fifo);

    // The menu reads every file of its folder before it needs a terminal: none may hang it.
    std::fs::copy(&plain, dir.join("plain.ron")).expect("a copy");
    expect(
        &["menu", &dir.to_string_lossy()],
        2,
        &["the menu needs a terminal"],
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_line_of_megabytes_is_not_echoed() {
    let dir = scratch("long");
    let file = dir.join("long.ron");
    // Four megabytes keep an unoptimised build quick; the cut does not depend on the size.
    let value = "9".repeat(4 * 1024 * 1024);
    std::fs::write(
        &file,
        format!("(title: \"x\", start: \"{value}\", extra: \"{value}\")"),
    )
    .expect("written");
    let outcome = expect(
        &["check", &file.to_string_lossy()],
        2,
        &["is not a date and time", "…"],
    );
    assert!(
        outcome.stderr.len() < 4 * 1024,
        "{} bytes of stderr:\n{}",
        outcome.stderr.len(),
        &outcome.stderr[..outcome.stderr.len().min(2000)]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The report an instructor reads keeps escape sequences from the scenario and the
/// trainee inert, like every other printer.
#[test]
fn the_markdown_report_is_inert() {
    use shopsim::scenario::{self, actions};
    let path = format!("{DIR}/escapes.ron");
    let text = std::fs::read_to_string(&path).expect("readable");
    let scenario = scenario::load(&path, &text).expect("valid");
    let script_path = format!("{DIR}/escapes.actions.ron");
    let script_text = std::fs::read_to_string(&script_path).expect("readable");
    let script = actions::load_for(&script_path, &script_text, &scenario).expect("valid");
    let run = scenario.replay(&script, None);
    let debrief = run.session.debrief();
    for (what, report) in [("markdown", debrief.markdown()), ("json", debrief.json())] {
        assert!(
            !report.contains('\u{1b}') && !report.contains('\u{9b}'),
            "{what}:\n{report}"
        );
    }
    assert!(
        debrief
            .markdown()
            .contains("# Debrief: \\u{1b}]52;c;SGVsbG8=\\u{7}")
    );
}
