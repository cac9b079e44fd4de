//! `shopsim generate`: writes a large valid scenario for measuring, to a file or stdout.

use shopsim::scenario::generate::{self, Options};
use std::io::Write;
use std::process::ExitCode;

pub fn generate(options: &Options, out: Option<&str>) -> ExitCode {
    let text = match generate::generate(options) {
        Ok(text) => text,
        Err(why) => {
            eprintln!("shopsim: cannot generate: {}", shopsim::text::inert(&why));
            return ExitCode::from(2);
        }
    };
    let written = match out {
        Some(path) => std::fs::write(path, &text).map_err(|e| format!("cannot write {path}: {e}")),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A reader that stops early (`| head`) is not a failure of ours.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                other => other.map_err(|e| format!("cannot write the scenario: {e}")),
            }
        }
    };
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("shopsim: {}", shopsim::text::inert(&why));
            ExitCode::from(1)
        }
    }
}
