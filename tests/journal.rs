//! A session's journal gives the session back: whatever keys were pressed (rewinds, hints,
//! the end and playing on included), playing its journal again on the same scenario gives
//! the same story, byte for byte, and the same debrief.

mod ui_common;

use ratatui::crossterm::event::KeyCode;
use shopsim::training::Session;
use std::sync::Arc;
use ui_common::*;

fn keys(seed: u64) -> Vec<KeyCode> {
    let pool = [
        KeyCode::Char('n'),
        KeyCode::Char('n'),
        KeyCode::Char('H'),
        KeyCode::Char('2'),
        KeyCode::Char('1'),
        KeyCode::Char('y'),
        KeyCode::Char('t'),
        KeyCode::Char('u'),
        KeyCode::Down,
        KeyCode::Down,
        KeyCode::Up,
        KeyCode::Enter,
        KeyCode::Enter,
        KeyCode::Esc,
        KeyCode::Char('a'),
        KeyCode::Char('o'),
        KeyCode::Char('D'),
        KeyCode::Char('q'),
    ];
    let mut x = seed | 1;
    (0..400)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            pool[(x % pool.len() as u64) as usize]
        })
        .collect()
}

#[test]
fn playing_a_journal_again_gives_the_same_session() {
    let scenario =
        shopsim::scenario::load(DEFAULT_PATH, DEFAULT_SCENARIO).expect("the default scenario");
    for seed in 1..=12u64 {
        let mut app = app_for(DEFAULT_PATH, DEFAULT_SCENARIO);
        let mut journal = Vec::new();
        for key in keys(seed) {
            press(&mut app, &[key]);
            journal.append(&mut app.outbox);
            if app.should_quit {
                break;
            }
        }
        let again = Session::from_journal(
            Arc::clone(&scenario.setup),
            scenario.file.training.clone().unwrap_or_default(),
            app.session.mode(),
            &scenario.file.title,
            &journal,
        );
        let lines = |s: &Session| s.sim().log().iter().map(|e| e.line()).collect::<Vec<_>>();
        assert_eq!(lines(&again), lines(&app.session), "seed {seed}: the log");
        assert_eq!(
            again.debrief().markdown(),
            app.session.debrief().markdown(),
            "seed {seed}: the debrief"
        );
        // And it survives being written down and read back.
        let text: Vec<String> = journal
            .iter()
            .map(|l| serde_json::to_string(l).expect("JSON"))
            .collect();
        let read: Vec<shopsim::training::JournalLine> = text
            .iter()
            .map(|t| serde_json::from_str(t).expect("read back"))
            .collect();
        assert_eq!(read, journal, "seed {seed}");
    }
}
