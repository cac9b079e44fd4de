//! Saving a session's debrief for the instructor (Markdown) and for tools (JSON).

use shopsim::text::inert;
use shopsim::training::Debrief;
use std::path::{Path, PathBuf};

/// Writes `<dir>/<scenario>-<date-time>.md` and `.json`; returns the paths or why not.
pub fn save(dir: &str, scenario_path: &str, debrief: &Debrief) -> Result<Vec<PathBuf>, String> {
    let stem = Path::new(scenario_path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("session");
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {dir}: {e}"))?;
    let mut written = Vec::new();
    for (ext, text) in [("md", debrief.markdown()), ("json", debrief.json())] {
        let path = Path::new(dir).join(format!("{stem}-{stamp}.{ext}"));
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Says where the reports went, once the terminal is back to normal.
pub fn tell(saved: &[Result<Vec<PathBuf>, String>]) {
    for result in saved {
        match result {
            Ok(paths) => {
                for path in paths {
                    eprintln!("report saved: {}", inert(&path.to_string_lossy()));
                }
            }
            Err(why) => eprintln!("shopsim: the report was not saved: {}", inert(why)),
        }
    }
}

/// After a terminal session: where the reports went, then the exit code.
pub fn finish(
    saved: &[Result<Vec<PathBuf>, String>],
    result: anyhow::Result<()>,
) -> std::process::ExitCode {
    tell(saved);
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("shopsim: {e:#}");
            std::process::ExitCode::from(1)
        }
    }
}
