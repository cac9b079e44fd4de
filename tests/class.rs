//! Instructors: `shopsim report DIR` sums a class up per scenario (Markdown, JSON, CSV, and
//! a terminal view with a chart where Enter opens a session's debrief).

mod class_common;
mod ui_common;

use class_common::{class, write_class};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use shopsim::training::class::{minutes_and_seconds, summarize};
use shopsim::ui::class::{ClassView, Focus};
use ui_common::rows;

fn view() -> ClassView {
    let reports = class();
    let files = (0..reports.len())
        .map(|i| format!("class/session-{i:02}.json"))
        .collect();
    ClassView::new("class", summarize(&reports), reports, files)
}

fn screen(view: &mut ClassView, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("a test terminal");
    terminal.draw(|frame| view.draw(frame)).expect("drawn");
    rows(terminal.backend().buffer()).join("\n")
}

fn key(view: &mut ClassView, code: KeyCode) {
    view.on_key(KeyEvent::new(code, KeyModifiers::NONE));
}

#[test]
fn the_class_is_summed_up_per_scenario() {
    let summaries = summarize(&class());
    assert_eq!(summaries.len(), 2);
    let first = summaries
        .iter()
        .find(|s| s.scenario == "Two hours to change your mind")
        .expect("scenario 01");
    assert_eq!((first.sessions, first.passed), (3, 1));
    assert_eq!(first.trainees.len(), 3);
    assert!(!first.most_missed.is_empty());
    assert_eq!(first.most_missed[0].sessions, 2, "{:?}", first.most_missed);
    assert!(
        first.most_mistakes.iter().all(|m| m.sessions <= 2),
        "{:?}",
        first.most_mistakes
    );
    assert_eq!(first.trainees[0].trainee, "Ada", "oldest first");
}

#[test]
fn class_view_snapshots() {
    let mut view = view();
    insta::assert_snapshot!("class_scenarios_80x24", screen(&mut view, 80, 24));
    insta::assert_snapshot!("class_scenarios_120x40", screen(&mut view, 120, 40));
    key(&mut view, KeyCode::Enter);
    key(&mut view, KeyCode::Down);
    assert_eq!(view.focus, Focus::Sessions);
    insta::assert_snapshot!("class_sessions_80x24", screen(&mut view, 80, 24));
    key(&mut view, KeyCode::Enter);
    assert!(view.debrief.is_some(), "Enter opens the session's debrief");
    insta::assert_snapshot!("class_debrief_80x24", screen(&mut view, 80, 24));
    key(&mut view, KeyCode::Esc);
    assert!(view.debrief.is_none());
    key(&mut view, KeyCode::Char('q'));
    assert!(view.quit);
}

#[test]
fn the_class_view_fits_the_smallest_screen() {
    let mut view = view();
    let text = screen(
        &mut view,
        shopsim::ui::draw::MIN_WIDTH,
        shopsim::ui::draw::MIN_HEIGHT,
    );
    assert!(text.contains("Scenarios"), "{text}");
    assert!(!text.contains("too small"), "{text}");
}

fn shopsim(args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_shopsim"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn report_prints_markdown_json_and_csv() {
    let dir = write_class("formats", &class());
    std::fs::write(dir.join("notes.json"), "{\"not\": \"a report\"}").expect("written");
    let folder = dir.to_string_lossy().into_owned();

    let (code, md, said) = shopsim(&["report", &folder, "--format", "markdown"]);
    assert_eq!(code, Some(0), "{said}");
    assert!(md.contains("## Two hours to change your mind"), "{md}");
    assert!(md.contains("- Sessions: 3, passed: 1"), "{md}");
    assert!(md.contains("| Chloé |"), "{md}");
    assert!(
        said.contains("skipped") && said.contains("notes.json"),
        "{said}"
    );

    let (code, json, _) = shopsim(&["report", &folder, "--format", "json"]);
    assert_eq!(code, Some(0));
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(value["scenarios"].as_array().map(Vec::len), Some(2));
    assert_eq!(value["scenarios"][1]["passed"], 1);

    let (code, csv, _) = shopsim(&["report", &folder, "--format", "csv"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 5, "a header and a row per session:\n{csv}");
    assert!(lines[0].starts_with("scenario,platform,trainee"));

    // Not a terminal and no --format: Markdown.
    let (code, plain, _) = shopsim(&["report", &folder]);
    assert_eq!(code, Some(0));
    assert_eq!(plain, md);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_without_reports_says_so() {
    let empty = write_class("empty", &[]);
    let (code, _, said) = shopsim(&["report", &empty.to_string_lossy()]);
    assert_eq!(code, Some(2));
    assert!(said.contains("no reports"), "{said}");
    let (code, _, said) = shopsim(&["report", "/no/such/folder"]);
    assert_eq!(code, Some(2));
    assert!(said.contains("no folder"), "{said}");
    let _ = std::fs::remove_dir_all(&empty);
}

#[test]
fn random_keys_and_sizes_never_break_the_class_view() {
    let mut view = view();
    let keys = [
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Tab,
        KeyCode::PageDown,
        KeyCode::Char('j'),
        KeyCode::Char(' '),
    ];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..150 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        key(&mut view, keys[(x % keys.len() as u64) as usize]);
        let width = 8 + (x >> 8) % 150;
        let height = 4 + (x >> 16) % 50;
        let _ = screen(&mut view, width as u16, height as u16);
        view.quit = false;
    }
}

/// The words a table heading may show: whole, or not at all.
const HEADINGS: [&str; 11] = [
    "Scenario", "Sessions", "Passed", "Median", "time", "Trainee", "Ended", "Result", "Score",
    "Time", "Mistakes",
];

/// Every score on screen is whole ("0/100", never "100" cut from it), and every heading
/// word is one of the tables' own.
fn assert_nothing_cut(view: &ClassView, text: &str) {
    let unmarked = text.replace('›', " ");
    let row_of = |name: &str| {
        unmarked
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{text}"))
    };
    for s in &view.summaries {
        let median = shopsim::training::class::score_text(s.median_score);
        let row = row_of(&s.scenario[..12]);
        assert!(
            row.contains(&format!(" {median}/{}", s.possible)),
            "{row}\n{text}"
        );
        let time = minutes_and_seconds(s.median_real_seconds);
        assert!(!row.contains("min") || row.contains(&time), "{row}\n{text}");
    }
    // A short screen shows the sessions it has room for.
    let trainees = &view.summaries[view.scenario].trainees;
    let shown: Vec<_> = trainees
        .iter()
        .filter(|t| unmarked.contains(&format!("│  {} ", t.trainee)))
        .collect();
    assert!(!shown.is_empty(), "{text}");
    for t in shown {
        let row = row_of(&format!("│  {} ", t.trainee));
        assert!(
            row.contains(&format!(" {}/{}", t.score, t.possible)),
            "{row}\n{text}"
        );
    }
    for heading in text
        .lines()
        .filter(|l| l.contains("Scenario ") || l.contains("Trainee "))
    {
        // The table's part of the line, not the chart's beside it.
        let table = heading.split('│').nth(1).unwrap_or_default();
        for word in table.split(' ').filter(|w| !w.is_empty()) {
            assert!(HEADINGS.contains(&word), "{word:?} is cut:\n{text}");
        }
    }
}

/// On a narrow screen the tables leave out whole columns, least important first, rather
/// than cut what a cell says: a session scored 0/100 never reads "100".
#[test]
fn narrow_tables_drop_whole_columns_and_never_cut_a_number() {
    let mut view = view();
    key(&mut view, KeyCode::Down);
    key(&mut view, KeyCode::Enter);
    assert_eq!(view.focus, Focus::Sessions);
    let narrow = screen(&mut view, 60, 18);
    assert_nothing_cut(&view, &narrow);
    insta::assert_snapshot!("class_sessions_60x18", narrow);
    for width in 60..=130 {
        let text = screen(&mut view, width, 24);
        assert_nothing_cut(&view, &text);
    }
}

/// Files of the folder that are not reports are said in the view itself, not only on
/// stderr once the instructor has left it.
#[test]
fn the_view_says_which_files_it_skipped() {
    for (width, height) in [(80, 24), (60, 18)] {
        let mut view = view().with_skipped(vec![(
            "class/bogus.json".to_owned(),
            "not a shopsim report".to_owned(),
        )]);
        let text = screen(&mut view, width, height);
        assert!(
            text.contains("skipped 1 file: …/bogus.json: not a shopsim report"),
            "{text}"
        );
        assert!(text.contains("Scenarios"), "{text}");
    }
    let mut view = view().with_skipped(vec![
        ("class/a.json".to_owned(), "not a shopsim report".to_owned()),
        ("class/b.json".to_owned(), "cannot read it".to_owned()),
    ]);
    let text = screen(&mut view, 120, 40);
    assert!(
        text.contains("skipped 2 files: …/a.json: not a shopsim report; …/b.json: cannot read it"),
        "{text}"
    );
}

/// With a debrief open, the key bar gives the debrief's keys, not the table's.
#[test]
fn the_key_bar_follows_the_debrief() {
    let mut view = view();
    key(&mut view, KeyCode::Enter);
    key(&mut view, KeyCode::Enter);
    assert!(view.debrief.is_some());
    let text = screen(&mut view, 80, 24);
    let keys = text.lines().last().unwrap_or_default();
    assert!(!keys.contains("Enter its debrief"), "{keys}");
    assert!(keys.contains("scroll") && keys.contains("Esc"), "{keys}");
    key(&mut view, KeyCode::Esc);
    let text = screen(&mut view, 80, 24);
    let keys = text.lines().last().unwrap_or_default();
    assert!(keys.contains("Enter its debrief"), "{keys}");
}

/// Markdown lists every objective missed, as JSON and CSV do: a trainee who confirms
/// receipt of the parcel that never came, and does nothing else, misses all six.
#[test]
fn markdown_lists_every_missed_objective_as_json_does() {
    let dir = std::env::temp_dir().join(format!("shopsim-missed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let script = dir.join("confirm.actions.ron");
    std::fs::write(
        &script,
        r#"[ (at: "+5m", do: ConfirmReceipt(order: "A-0987")) ]"#,
    )
    .expect("written");
    let report = class_common::session(
        "scenarios/01_quick_cancel_window.ron",
        &script.to_string_lossy(),
        "Eve",
        30,
        shopsim::training::Mode::Practice,
        "2026-03-04T11:00:00",
    );
    let missed = report.debrief.objectives.iter().filter(|o| !o.achieved);
    assert_eq!(missed.count(), 6, "{:?}", report.debrief.objectives);
    let folder = write_class("missed", &[report]);
    let folder = folder.to_string_lossy().into_owned();

    let (code, json, said) = shopsim(&["report", &folder, "--format", "json"]);
    assert_eq!(code, Some(0), "{said}");
    let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    let in_json: Vec<&str> = value["scenarios"][0]["most_missed"]
        .as_array()
        .expect("a list")
        .iter()
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert_eq!(in_json.len(), 6, "{json}");
    let (code, md, said) = shopsim(&["report", &folder, "--format", "markdown"]);
    assert_eq!(code, Some(0), "{said}");
    for text in in_json {
        assert!(
            md.contains(&format!("- 1 of 1: {text}\n")),
            "{text:?} missing:\n{md}"
        );
    }
    // And the mistakes, each with its rule, all of them too.
    for mistake in value["scenarios"][0]["most_mistakes"]
        .as_array()
        .expect("a list")
    {
        let text = mistake["text"].as_str().unwrap_or_default();
        assert!(
            md.contains(&format!("- 1 of 1: {text}\n")),
            "{text:?} missing:\n{md}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&folder);
}
