//! A class at a glance: the saved reports of many sessions, summed up per scenario for the
//! instructor: how many sessions and passes, the median score and times, the objectives most
//! often missed, the mistakes most often made (each with the rule it broke, as the scenario
//! explains it), and one line per trainee's session.
//!
//! Pure like the rest of training: it reads reports already parsed; finding and reading the
//! files is the caller's business.

use super::debrief::Debrief;
use super::journal::JournalLine;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A report as saved for the instructor: the debrief, who played it and when, and the
/// session itself so it can be watched again (`shopsim demo --session`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedReport {
    #[serde(flatten)]
    pub debrief: Debrief,
    /// Who played (`--trainee`, else the login name); older reports have none.
    #[serde(default)]
    pub trainee: Option<String>,
    /// When the session ended, in local time ("2026-03-02T10:40:12").
    #[serde(default)]
    pub saved: Option<String>,
    #[serde(default)]
    pub session: Option<SessionRecord>,
}

/// What it takes to play a session again: its scenario file and every change it went
/// through, with its real time (the same lines as its journal).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionRecord {
    /// The scenario file, as an absolute path when the session was played.
    pub scenario: String,
    /// A hash of the scenario's text then: a changed file is noticed.
    pub hash: String,
    pub lines: Vec<JournalLine>,
}

/// Something that happened in several sessions, and how often.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Count {
    pub text: String,
    pub sessions: usize,
}

/// One session of one trainee, in a line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TraineeLine {
    pub trainee: String,
    pub saved: String,
    pub mode: super::Mode,
    pub passed: bool,
    pub score: i32,
    pub possible: i32,
    pub real_seconds: u64,
    pub simulated_minutes: i64,
    pub mistakes: usize,
    pub hints: usize,
    pub rewinds: usize,
    /// Where the report came from (its index in the list given to `summarize`).
    pub report: usize,
}

/// Every session of one scenario.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScenarioSummary {
    pub scenario: String,
    pub platform: String,
    pub sessions: usize,
    pub passed: usize,
    pub possible: i32,
    pub median_score: f64,
    pub median_real_seconds: f64,
    pub median_simulated_minutes: f64,
    /// Objectives not achieved, most often missed first.
    pub most_missed: Vec<Count>,
    /// Mistakes made, most often made first; each text names the rule behind it.
    pub most_mistakes: Vec<Count>,
    pub trainees: Vec<TraineeLine>,
}

/// Sums up reports per scenario, scenarios by title, each one's sessions oldest first.
pub fn summarize(reports: &[SavedReport]) -> Vec<ScenarioSummary> {
    let mut by_scenario: BTreeMap<&str, Vec<(usize, &SavedReport)>> = BTreeMap::new();
    for (i, report) in reports.iter().enumerate() {
        by_scenario
            .entry(report.debrief.scenario.as_str())
            .or_default()
            .push((i, report));
    }
    by_scenario
        .into_iter()
        .map(|(scenario, sessions)| summary_of(scenario, &sessions))
        .collect()
}

fn summary_of(scenario: &str, sessions: &[(usize, &SavedReport)]) -> ScenarioSummary {
    let debriefs: Vec<&Debrief> = sessions.iter().map(|(_, r)| &r.debrief).collect();
    let mut missed: Vec<Count> = Vec::new();
    let mut mistakes: Vec<Count> = Vec::new();
    for d in &debriefs {
        for o in d.objectives.iter().filter(|o| !o.achieved) {
            bump(&mut missed, &o.text);
        }
        // A mistake counts once per session however often it was made there.
        let mut made: Vec<&str> = d.mistakes.iter().map(|m| m.text.as_str()).collect();
        made.sort_unstable();
        made.dedup();
        for text in made {
            bump(&mut mistakes, text);
        }
    }
    // Most often first; equal counts keep the order they were first met in.
    missed.sort_by_key(|c| std::cmp::Reverse(c.sessions));
    mistakes.sort_by_key(|c| std::cmp::Reverse(c.sessions));
    let mut trainees: Vec<TraineeLine> = sessions
        .iter()
        .map(|(index, r)| {
            let d = &r.debrief;
            TraineeLine {
                trainee: r.trainee.clone().unwrap_or_else(|| "(unnamed)".into()),
                saved: r.saved.clone().unwrap_or_default(),
                mode: d.mode,
                passed: d.passed,
                score: d.score,
                possible: d.possible,
                real_seconds: d.real_seconds,
                simulated_minutes: d.simulated_minutes,
                mistakes: d.mistakes.len(),
                hints: d.hints.len(),
                rewinds: d.rewinds.len(),
                report: *index,
            }
        })
        .collect();
    trainees.sort_by(|a, b| (&a.saved, &a.trainee).cmp(&(&b.saved, &b.trainee)));
    ScenarioSummary {
        scenario: scenario.to_owned(),
        platform: debriefs
            .first()
            .map(|d| d.platform.clone())
            .unwrap_or_default(),
        sessions: debriefs.len(),
        passed: debriefs.iter().filter(|d| d.passed).count(),
        possible: debriefs.iter().map(|d| d.possible).max().unwrap_or(0),
        median_score: median(debriefs.iter().map(|d| f64::from(d.score)).collect()),
        median_real_seconds: median(debriefs.iter().map(|d| d.real_seconds as f64).collect()),
        median_simulated_minutes: median(
            debriefs
                .iter()
                .map(|d| d.simulated_minutes as f64)
                .collect(),
        ),
        most_missed: missed,
        most_mistakes: mistakes,
        trainees,
    }
}

fn bump(counts: &mut Vec<Count>, text: &str) {
    match counts.iter_mut().find(|c| c.text == text) {
        Some(c) => c.sessions += 1,
        None => counts.push(Count {
            text: text.to_owned(),
            sessions: 1,
        }),
    }
}

/// The middle value (the mean of the two middle ones for an even count); 0 for none.
pub fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    }
}

/// A median score as people write it: whole when it is, else with one decimal ("57.5").
pub fn score_text(score: f64) -> String {
    if score.fract() == 0.0 {
        format!("{score:.0}")
    } else {
        format!("{score:.1}")
    }
}

/// Minutes and seconds, for times people read ("4 min 05 s").
pub fn minutes_and_seconds(seconds: f64) -> String {
    let total = seconds.round() as u64;
    format!("{} min {:02} s", total / 60, total % 60)
}

/// Simulated minutes in days and hours ("3 d 4 h").
pub fn days_and_hours(minutes: f64) -> String {
    let total = minutes.round() as i64;
    let (days, hours, rest) = (total / 1440, (total % 1440) / 60, total % 60);
    match (days, hours) {
        (0, 0) => format!("{rest} min"),
        (0, h) => format!("{h} h {rest} min"),
        (d, h) => format!("{d} d {h} h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_count_is_between_the_middle_two() {
        assert_eq!(median(vec![3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(vec![4.0, 1.0, 2.0, 3.0]), 2.5);
        assert_eq!(median(Vec::new()), 0.0);
    }

    #[test]
    fn times_read_as_people_say_them() {
        assert_eq!(minutes_and_seconds(245.0), "4 min 05 s");
        assert_eq!(days_and_hours(3.0 * 1440.0 + 250.0), "3 d 4 h");
        assert_eq!(days_and_hours(45.0), "45 min");
    }
}
