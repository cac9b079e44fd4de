//! `shopsim report DIR`: every report in a folder (a class), summed up per scenario, as
//! Markdown, JSON or CSV, or in the terminal as a table with a chart of scores where Enter
//! on a session opens its debrief.

use clap::ValueEnum;
use shopsim::text::inert;
use shopsim::training::class::{
    SavedReport, ScenarioSummary, days_and_hours, minutes_and_seconds, score_text, summarize,
};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Clone, Copy, ValueEnum)]
pub enum ClassFormat {
    Markdown,
    Json,
    Csv,
}

/// The reports of a folder, in file-name order, and the files that were not reports.
pub struct Class {
    pub files: Vec<PathBuf>,
    pub reports: Vec<SavedReport>,
    pub skipped: Vec<(PathBuf, String)>,
}

/// Reads every `.json` file of `dir` that is a shopsim report.
pub fn read_class(dir: &Path) -> Result<Class, String> {
    let shown = || inert(&dir.display().to_string()).into_owned();
    let entries = std::fs::read_dir(dir).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("there is no folder {}", shown()),
        _ => format!("cannot read {}: {e}", shown()),
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let mut class = Class {
        files: Vec::new(),
        reports: Vec::new(),
        skipped: Vec::new(),
    };
    for path in paths {
        let read = super::input::read_text(&path.to_string_lossy())
            .and_then(|text| parse_report(&text).ok_or_else(|| "not a shopsim report".to_owned()));
        match read {
            Ok(report) => {
                class.files.push(path);
                class.reports.push(report);
            }
            Err(why) => class.skipped.push((path, why)),
        }
    }
    Ok(class)
}

/// A report's text as a report, with every string in it made inert: a report is a file
/// anyone could have written, and what it says is printed and drawn.
pub fn parse_report(text: &str) -> Option<SavedReport> {
    let mut value: serde_json::Value = serde_json::from_str(text).ok()?;
    inert_strings(&mut value);
    serde_json::from_value(value).ok()
}

fn inert_strings(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::String(text) => {
            if let std::borrow::Cow::Owned(safe) = shopsim::text::inert(text) {
                *text = safe;
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(inert_strings),
        serde_json::Value::Object(map) => map.values_mut().for_each(inert_strings),
        _ => {}
    }
}

pub fn report(dir: &str, format: Option<ClassFormat>, theme: Option<&str>) -> ExitCode {
    let class = match read_class(Path::new(dir)) {
        Ok(class) => class,
        Err(why) => {
            eprintln!("shopsim: {why}");
            return ExitCode::from(2);
        }
    };
    for (path, why) in &class.skipped {
        eprintln!(
            "shopsim: skipped {}: {why}",
            inert(&path.display().to_string())
        );
    }
    if class.reports.is_empty() {
        eprintln!(
            "shopsim: no reports in {}: a session's report is a .json file saved when it ends (see --reports)",
            inert(dir)
        );
        return ExitCode::from(2);
    }
    let summaries = summarize(&class.reports);
    let format = match format {
        Some(f) => f,
        None if std::io::stdout().is_terminal() => {
            if let Err(code) = super::looks::apply(theme) {
                return code;
            }
            let view = shopsim::ui::class::ClassView::new(
                dir,
                summaries,
                class.reports,
                class
                    .files
                    .iter()
                    .map(|p| p.display().to_string())
                    .collect(),
            )
            .with_skipped(
                class
                    .skipped
                    .iter()
                    .map(|(p, why)| (p.display().to_string(), why.clone()))
                    .collect(),
            );
            return match shopsim::ui::run_class(view) {
                Ok(_) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("shopsim: {e:#}");
                    ExitCode::from(1)
                }
            };
        }
        None => ClassFormat::Markdown,
    };
    let text = match format {
        ClassFormat::Markdown => markdown(dir, &summaries),
        ClassFormat::Json => json(&summaries, &class),
        ClassFormat::Csv => csv(&summaries, &class),
    };
    match super::print_out(&text) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// The class for the instructor: per scenario, its figures, what went wrong most, and a
/// table of sessions.
pub fn markdown(dir: &str, summaries: &[ScenarioSummary]) -> String {
    let mut out = String::new();
    let sessions: usize = summaries.iter().map(|s| s.sessions).sum();
    let _ = writeln!(out, "# Class report: {}\n", inert(dir));
    let _ = writeln!(
        out,
        "{sessions} session(s) of {} scenario(s).\n",
        summaries.len()
    );
    for s in summaries {
        let _ = writeln!(out, "## {}\n", s.scenario);
        let _ = writeln!(out, "- Platform: {}", s.platform);
        let _ = writeln!(out, "- Sessions: {}, passed: {}", s.sessions, s.passed);
        let _ = writeln!(
            out,
            "- Median score: {} of {}",
            score_text(s.median_score),
            s.possible
        );
        let _ = writeln!(
            out,
            "- Median time: {} real, {} simulated\n",
            minutes_and_seconds(s.median_real_seconds),
            days_and_hours(s.median_simulated_minutes)
        );
        let _ = writeln!(out, "Objectives most often missed:\n");
        if s.most_missed.is_empty() {
            let _ = writeln!(out, "- None: every session met every objective.");
        }
        // Every one, as JSON and CSV list them: a list cut short reads as if the rest
        // had been met, and a scenario has only a handful of objectives and rules.
        for c in &s.most_missed {
            let _ = writeln!(out, "- {} of {}: {}", c.sessions, s.sessions, c.text);
        }
        let _ = writeln!(
            out,
            "\nMistakes most often made, with the rule behind each:\n"
        );
        if s.most_mistakes.is_empty() {
            let _ = writeln!(out, "- None.");
        }
        for c in &s.most_mistakes {
            let _ = writeln!(out, "- {} of {}: {}", c.sessions, s.sessions, c.text);
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "| trainee | ended | mode | result | score | real time | simulated | mistakes | hints | rewinds |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|---|---|---|---|---|");
        for t in &s.trainees {
            let _ = writeln!(
                out,
                "| {} | {} | {:?} | {} | {} of {} | {} | {} | {} | {} | {} |",
                t.trainee.replace('|', "/"),
                t.saved,
                t.mode,
                if t.passed { "passed" } else { "not passed" },
                t.score,
                t.possible,
                minutes_and_seconds(t.real_seconds as f64),
                days_and_hours(t.simulated_minutes as f64),
                t.mistakes,
                t.hints,
                t.rewinds
            );
        }
        let _ = writeln!(out);
    }
    out
}

fn json(summaries: &[ScenarioSummary], class: &Class) -> String {
    let files: Vec<String> = class
        .files
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let skipped: Vec<serde_json::Value> = class
        .skipped
        .iter()
        .map(|(p, why)| serde_json::json!({ "file": p.display().to_string(), "why": why }))
        .collect();
    let value = serde_json::json!({
        "scenarios": summaries,
        "reports": files,
        "skipped": skipped,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

/// One row per session, for a spreadsheet.
fn csv(summaries: &[ScenarioSummary], class: &Class) -> String {
    let mut out = String::from(
        "scenario,platform,trainee,ended,mode,passed,score,possible,real_seconds,simulated_minutes,mistakes,hints,rewinds,missed_objectives,report\n",
    );
    for s in summaries {
        for t in &s.trainees {
            let report = &class.reports[t.report];
            let missed: Vec<&str> = report
                .debrief
                .objectives
                .iter()
                .filter(|o| !o.achieved)
                .map(|o| o.text.as_str())
                .collect();
            let fields = [
                s.scenario.clone(),
                s.platform.clone(),
                t.trainee.clone(),
                t.saved.clone(),
                format!("{:?}", t.mode),
                t.passed.to_string(),
                t.score.to_string(),
                t.possible.to_string(),
                t.real_seconds.to_string(),
                t.simulated_minutes.to_string(),
                t.mistakes.to_string(),
                t.hints.to_string(),
                t.rewinds.to_string(),
                missed.join("; "),
                class.files[t.report].display().to_string(),
            ];
            let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
            let _ = writeln!(out, "{}", row.join(","));
        }
    }
    out
}

/// A CSV field, quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_quotes_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }
}
