//! `--record FILE.cast`: opens the file an asciicast recording goes to, before the terminal
//! UI starts, so a path that cannot be written is said plainly and nothing is played.

use shopsim::ui::record::Recording;
use std::process::ExitCode;

/// The recording asked for, started with the terminal's size; `None` when none was.
pub fn open(path: Option<&str>, title: &str) -> Result<Option<Recording>, ExitCode> {
    let Some(path) = path else {
        return Ok(None);
    };
    let file = std::fs::File::create(path).map_err(|e| {
        eprintln!(
            "shopsim: cannot write the recording {}: {e}",
            shopsim::text::inert(path)
        );
        ExitCode::from(2)
    })?;
    let (width, height) = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let sink = Box::new(std::io::BufWriter::new(file));
    Recording::start(sink, width, height, chrono::Utc::now().timestamp(), title)
        .map(Some)
        .map_err(|e| {
            eprintln!(
                "shopsim: cannot write the recording {}: {e}",
                shopsim::text::inert(path)
            );
            ExitCode::from(2)
        })
}
