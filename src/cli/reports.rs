//! Saving a session's debrief for the instructor (Markdown) and for tools (JSON): in the
//! user's data directory unless `--reports` names a folder, under names no other session
//! can take, each written whole to a temporary file and then renamed, so a full disk or a
//! crash never leaves half a report.

use shopsim::text::inert;
use shopsim::training::class::SavedReport;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

static TRAINEE: OnceLock<String> = OnceLock::new();

/// Who plays, for the reports: `--trainee`, else the login name.
pub fn set_trainee(given: Option<&str>) {
    let name = given
        .map(str::to_owned)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| "(unnamed)".to_owned());
    let _ = TRAINEE.set(name);
}

pub fn trainee() -> String {
    TRAINEE
        .get()
        .cloned()
        .unwrap_or_else(|| "(unnamed)".to_owned())
}

/// Where reports go: the folder given, or `reports/` in the user's data directory.
pub fn folder(given: Option<&str>) -> Result<PathBuf, String> {
    match given {
        Some(dir) => Ok(PathBuf::from(dir)),
        None => Ok(super::journal::data_dir()?.join("reports")),
    }
}

/// Writes `<dir>/<scenario>-<date-time>-<n>.md` and `.json`; says where, or why not.
pub fn save(dir: &Path, scenario_path: &str, report: &SavedReport) -> Result<String, String> {
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
                let written = write_whole(&md, &markdown(report))
                    .and_then(|()| write_whole(&json, &json_of(report)));
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

/// The debrief for the instructor, with who played and when under its title.
fn markdown(report: &SavedReport) -> String {
    let text = report.debrief.markdown();
    let who = format!(
        "- Trainee: {}\n- Saved: {}\n",
        inert(report.trainee.as_deref().unwrap_or("(unnamed)")),
        inert(report.saved.as_deref().unwrap_or(""))
    );
    match text.split_once("\n\n") {
        Some((title, rest)) => format!("{title}\n\n{who}{rest}"),
        None => format!("{text}\n{who}"),
    }
}

/// The report for tools and for `shopsim report`: the debrief's fields, who and when, and
/// the session's journal lines.
fn json_of(report: &SavedReport) -> String {
    match serde_json::to_string_pretty(report) {
        Ok(json) => shopsim::text::inert_json(&json).into_owned(),
        Err(e) => format!("{{\"error\": \"{e}\"}}"),
    }
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

    fn debrief() -> SavedReport {
        let text = include_str!("../../scenarios/01_quick_cancel_window.ron");
        let scenario = shopsim::scenario::load("01.ron", text).expect("the default scenario");
        let mut run = scenario.replay(&[], None);
        run.session.stop(0);
        SavedReport {
            debrief: run.session.debrief(),
            trainee: Some("Sam".into()),
            saved: Some("2026-03-02T10:40:00".into()),
            session: None,
        }
    }

    #[test]
    fn a_saved_report_reads_back_with_its_trainee() {
        let dir = std::env::temp_dir().join(format!("shopsim-readback-{}", std::process::id()));
        let place = save(&dir, "01.ron", &debrief()).expect("saved");
        let md_path = place.trim_end_matches(" (and .json)").to_owned();
        let md = std::fs::read_to_string(&md_path).expect("the markdown");
        assert!(md.contains("- Trainee: Sam"), "{md}");
        let json = std::fs::read_to_string(md_path.replace(".md", ".json")).expect("the JSON");
        let back: SavedReport = serde_json::from_str(&json).expect("it reads back");
        assert_eq!(back.trainee.as_deref(), Some("Sam"));
        let _ = std::fs::remove_dir_all(&dir);
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
