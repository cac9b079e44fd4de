//! Saving a session's debrief for the instructor (Markdown) and for tools (JSON): in the
//! user's data directory unless `--reports` names a folder, under names no other session
//! can take, each written whole to a temporary file and then renamed, so a full disk or a
//! crash never leaves half a report.

use shopsim::text::inert;
use shopsim::training::Debrief;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where reports go: the folder given, or `reports/` in the user's data directory.
pub fn folder(given: Option<&str>) -> Result<PathBuf, String> {
    match given {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => Ok(super::journal::data_dir()?.join("reports")),
    }
}

/// Writes `<dir>/<scenario>-<date-time>-<n>.md` and `.json`; says where, or why not.
pub fn save(dir: &Path, scenario_path: &str, debrief: &Debrief) -> Result<String, String> {
    let stem = Path::new(scenario_path)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("session");
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let pid = std::process::id();
    // A name is taken by creating its Markdown file exclusively: two sessions that end in
    // the same second get different numbers.
    for n in 0..1000 {
        let base = dir.join(format!("{stem}-{stamp}-{pid}-{n}"));
        let md = base.with_extension("md");
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&md)
        {
            Ok(_) => {
                let json = base.with_extension("json");
                let written = write_whole(&md, &debrief.markdown())
                    .and_then(|()| write_whole(&json, &debrief.json()));
                return match written {
                    Ok(()) => Ok(inert(&format!("{} (and .json)", md.display())).into_owned()),
                    Err(why) => {
                        let _ = std::fs::remove_file(&md);
                        Err(why)
                    }
                };
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(inert(&format!("cannot write in {}: {e}", dir.display())).into_owned());
            }
        }
    }
    Err(format!("no free report name in {}", dir.display()))
}

/// Writes `text` to a temporary file beside `path`, then renames it over `path`.
fn write_whole(path: &Path, text: &str) -> Result<(), String> {
    let temporary = path.with_extension(format!(
        "{}.part",
        path.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    let result = std::fs::File::create(&temporary)
        .and_then(|mut f| {
            f.write_all(text.as_bytes())?;
            f.sync_all()
        })
        .and_then(|()| std::fs::rename(&temporary, path));
    result.map_err(|e| {
        let _ = std::fs::remove_file(&temporary);
        format!("cannot write {}: {e}", path.display())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn debrief() -> Debrief {
        let text = include_str!("../../scenarios/01_quick_cancel_window.ron");
        let scenario = shopsim::scenario::load("01.ron", text).expect("the default scenario");
        let mut run = scenario.replay(&[], None);
        run.session.stop(0);
        run.session.debrief()
    }

    #[test]
    fn two_reports_of_the_same_second_do_not_overwrite_each_other() {
        let dir = std::env::temp_dir().join(format!("shopsim-reports-{}", std::process::id()));
        let d = debrief();
        let first = save(&dir, "01.ron", &d).expect("saved");
        let second = save(&dir, "01.ron", &d).expect("saved");
        assert_ne!(first, second);
        let files = std::fs::read_dir(&dir).expect("the folder").count();
        assert_eq!(files, 4, "two .md and two .json, no temporary file left");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_folder_that_cannot_be_written_says_why() {
        let blocker = std::env::temp_dir().join(format!("shopsim-blocker-{}", std::process::id()));
        std::fs::write(&blocker, "a file, not a folder").expect("written");
        let result = save(&blocker.join("reports"), "01.ron", &debrief());
        assert!(result.is_err(), "{result:?}");
        let _ = std::fs::remove_file(&blocker);
    }
}
