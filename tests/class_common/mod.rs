//! A class made up for the tests: library scenarios played from action files as a
//! trainee's keys would have journaled them, saved as the reports `shopsim play` writes.
#![allow(dead_code)]

use shopsim::scenario::{self, actions};
use shopsim::sim::{Action, Advance};
use shopsim::training::class::{SavedReport, SessionRecord};
use shopsim::training::{JournalLine, Mode, Session, SessionEvent};

/// FNV-1a, as the journal hashes a scenario's text.
pub fn hash(text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{h:016x}")
}

pub fn absolute(path: &str) -> String {
    std::fs::canonicalize(path)
        .expect("the file exists")
        .to_string_lossy()
        .into_owned()
}

/// `trainee` plays `scenario` with the actions of `script`, one every `seconds` of real
/// time, in `mode`; the report as saved when the session ended on `saved`.
pub fn session(
    scenario_path: &str,
    script_path: &str,
    trainee: &str,
    seconds: u64,
    mode: Mode,
    saved: &str,
) -> SavedReport {
    let text = std::fs::read_to_string(scenario_path).expect("the scenario");
    let scenario = scenario::load(scenario_path, &text).expect("valid");
    let script_text = std::fs::read_to_string(script_path).expect("the script");
    let script = actions::load_for(script_path, &script_text, &scenario).expect("valid");
    let mut session = Session::new(
        scenario.setup.clone(),
        scenario.file.training.clone().unwrap_or_default(),
        mode,
        &scenario.file.title,
    );
    let mut lines = Vec::new();
    let mut real_ms = 0;
    let mut record = |session: &mut Session, real_ms: u64, event: SessionEvent| {
        let line = JournalLine::new(real_ms, event);
        session.redo(&line);
        lines.push(line);
    };
    for step in &script {
        if session.ending().is_some() {
            break;
        }
        real_ms += seconds * 1000;
        if step.at > session.sim().now() {
            let to = SessionEvent::Apply(Action::AdvanceClock(Advance::To(step.at)));
            record(&mut session, real_ms, to);
        }
        if session.ending().is_some() {
            break;
        }
        real_ms += 1500;
        record(
            &mut session,
            real_ms,
            SessionEvent::Apply(step.action.clone()),
        );
    }
    // Then the trainee lets the clock run to the time limit, and the session ends.
    if session.ending().is_none()
        && let Some(limit) = session.limit()
    {
        real_ms += seconds * 1000;
        let to = SessionEvent::Apply(Action::AdvanceClock(Advance::To(limit)));
        record(&mut session, real_ms, to);
    }
    if session.ending().is_none() {
        real_ms += seconds * 1000;
        record(&mut session, real_ms, SessionEvent::Stop);
    }
    SavedReport {
        debrief: session
            .result()
            .cloned()
            .unwrap_or_else(|| session.debrief()),
        trainee: Some(trainee.to_owned()),
        saved: Some(saved.to_owned()),
        session: Some(SessionRecord {
            scenario: absolute(scenario_path),
            hash: hash(&text),
            lines,
        }),
    }
}

/// Four trainees on two scenarios: the reference solutions and the typical wrong ways.
pub fn class() -> Vec<SavedReport> {
    let s1 = "scenarios/01_quick_cancel_window.ron";
    let s3 = "scenarios/03_fake_tracking_dispute.ron";
    let good = |s: &str| actions::solution_path(s);
    let wrong = |s: &str| {
        format!(
            "tests/wrong_approaches/{}",
            std::path::Path::new(s)
                .file_name()
                .and_then(|n| n.to_str())
                .expect("a name")
                .replace(".ron", ".actions.ron")
        )
    };
    vec![
        session(
            s1,
            &good(s1),
            "Ada",
            20,
            Mode::Practice,
            "2026-03-02T10:00:00",
        ),
        session(
            s1,
            &wrong(s1),
            "Ben",
            35,
            Mode::Practice,
            "2026-03-02T10:05:00",
        ),
        session(
            s1,
            &wrong(s1),
            "Chloé",
            50,
            Mode::Exam,
            "2026-03-02T10:09:00",
        ),
        session(s3, &good(s3), "Ada", 30, Mode::Exam, "2026-03-03T09:00:00"),
        session(
            s3,
            &wrong(s3),
            "Dev",
            40,
            Mode::Practice,
            "2026-03-03T09:30:00",
        ),
    ]
}

/// Writes reports into a fresh folder as `shopsim play` names them; returns the folder.
pub fn write_class(name: &str, reports: &[SavedReport]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("shopsim-class-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a folder");
    for (i, report) in reports.iter().enumerate() {
        let json = serde_json::to_string_pretty(report).expect("serialised");
        std::fs::write(dir.join(format!("session-{i:02}.json")), json).expect("written");
        std::fs::write(
            dir.join(format!("session-{i:02}.md")),
            report.debrief.markdown(),
        )
        .expect("written");
    }
    dir
}
