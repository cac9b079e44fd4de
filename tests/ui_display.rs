//! A display for a room: themes (high contrast for a projector, light, and NO_COLOR), no
//! meaning carried by dim text or colour alone, dialogs that grow on a large screen, the
//! hint bar hidden by a key, key maps the help follows, and settings files with mistakes
//! refused with their place.

mod ui_common;

use ratatui::buffer::Buffer;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use shopsim::ui::command::{self, KeyMap};
use shopsim::ui::theme::{self, Theme};
use ui_common::*;

/// The screens a room sees: the cart, an order with greyed actions, a form with empty
/// fields, the debrief.
fn screens() -> Vec<Buffer> {
    let mut out = Vec::new();
    let mut app = started();
    out.push(render(&mut app, 100, 30).backend().buffer().clone());
    open_order(&mut app, "Shipped", "A-0987");
    out.push(render(&mut app, 100, 30).backend().buffer().clone());
    choose_action(&mut app, "Dispute: no tracking");
    out.push(render(&mut app, 100, 30).backend().buffer().clone());
    press(
        &mut app,
        &[KeyCode::Esc, KeyCode::Char('q'), KeyCode::Char('y')],
    );
    assert!(app.showing_debrief());
    out.push(render(&mut app, 100, 30).backend().buffer().clone());
    out
}

#[test]
fn high_contrast_covers_the_screen_and_dims_nothing() {
    theme::use_theme(Theme::built_in("high-contrast").expect("shipped"));
    for buffer in screens() {
        for cell in &buffer.content {
            assert!(
                !cell.modifier.contains(Modifier::DIM),
                "a dim cell {:?} in\n{}",
                cell.symbol(),
                rows(&buffer).join("\n")
            );
            assert_ne!(
                cell.bg,
                Color::Reset,
                "every cell has the theme's background"
            );
        }
    }
    theme::use_theme(Theme::default_theme());
}

#[test]
fn light_theme_paints_dark_on_white() {
    theme::use_theme(Theme::built_in("light").expect("shipped"));
    let buffer = &screens()[0];
    let plain = buffer
        .content
        .iter()
        .find(|c| c.symbol() == "C")
        .expect("some text");
    assert_eq!(plain.bg, Color::White);
    theme::use_theme(Theme::default_theme());
}

#[test]
fn without_colour_the_screen_has_none_and_still_reads() {
    theme::use_theme(
        Theme::built_in("high-contrast")
            .expect("shipped")
            .without_colour(),
    );
    let buffers = screens();
    for buffer in &buffers {
        for cell in &buffer.content {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
    }
    // What colour said is said in text too: greyed actions, empty fields, the verdict.
    let order = rows(&buffers[1]).join("\n");
    assert!(order.contains("✗ "), "greyed actions are marked:\n{order}");
    let form = rows(&buffers[2]).join("\n");
    assert!(form.contains("(empty)"), "an empty field says so:\n{form}");
    let debrief = rows(&buffers[3]).join("\n");
    assert!(debrief.contains("NOT PASSED"), "{debrief}");
    theme::use_theme(Theme::default_theme());
}

#[test]
fn dialogs_briefing_and_debrief_grow_on_a_large_screen() {
    let width_of = |text: &str, title: &str| -> usize {
        text.lines()
            .find(|l| l.contains(title))
            .map(|l| {
                let start = l.find('╭').expect("a corner");
                let end = l.rfind('╮').expect("a corner");
                l[start..end].chars().count() + 1
            })
            .unwrap_or_else(|| panic!("no {title:?} in\n{text}"))
    };
    let mut app = fresh_app();
    let small = width_of(&screen(&mut app, 80, 24), "Briefing");
    let large = width_of(&screen(&mut app, 160, 48), "Briefing");
    assert!(large >= small * 3 / 2, "briefing {small} → {large}");
    let mut app = started();
    open_order(&mut app, "Awaiting shipment", "A-1001");
    choose_action(&mut app, "Cancel order");
    let small = width_of(&screen(&mut app, 80, 24), "Cancel A-1001");
    let large = width_of(&screen(&mut app, 160, 48), "Cancel A-1001");
    assert!(large >= small * 3 / 2, "picker {small} → {large}");
}

#[test]
fn a_key_hides_the_hint_bar_and_brings_it_back() {
    let mut app = started();
    let last_row = |app: &mut shopsim::ui::app::App| {
        rows(render(app, 80, 24).backend().buffer())
            .last()
            .cloned()
            .unwrap_or_default()
    };
    assert!(last_row(&mut app).contains("? help"));
    press(&mut app, &[KeyCode::Char('b')]);
    assert!(!app.show_hints);
    let bottom = last_row(&mut app);
    assert!(!bottom.contains("? help"), "{bottom}");
    assert!(
        bottom.contains("b shows it again"),
        "the status line says how: {bottom}"
    );
    press(&mut app, &[KeyCode::Char('b')]);
    assert!(last_row(&mut app).contains("? help"));
}

#[test]
fn the_help_shows_the_keys_as_mapped() {
    let map = KeyMap::default()
        .with_overrides(r#"{ "quit": ["x"], "hint_bar": ["F2"] }"#)
        .expect("valid");
    command::use_keys(map);
    let mut app = started();
    press(&mut app, &[KeyCode::Char('?')]);
    let help = screen(&mut app, 100, 30);
    assert!(help.contains("x  quit"), "{help}");
    assert!(help.contains("F2  hide/show this bar"), "{help}");
    assert!(!help.contains("q  quit"), "{help}");
    press(&mut app, &[KeyCode::Esc]);
    let bar = rows(render(&mut app, 100, 30).backend().buffer());
    assert!(bar.last().is_some_and(|r| r.contains("x quit")), "{bar:?}");
    // q is nothing now; x asks to end the session.
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(app.dialog().is_none());
    press(&mut app, &[KeyCode::Char('x')]);
    assert!(app.dialog().is_some(), "x asks first");
    command::use_keys(KeyMap::default());
}

#[test]
fn the_smallest_screen_still_draws_every_tab() {
    let (width, height) = (shopsim::ui::draw::MIN_WIDTH, shopsim::ui::draw::MIN_HEIGHT);
    let mut app = started();
    for tab in ['1', '2', '3', '4'] {
        press(&mut app, &[KeyCode::Char(tab)]);
        let text = screen(&mut app, width, height);
        assert!(!text.contains("too small"), "{text}");
        assert!(!app.too_small);
    }
    let text = screen(&mut app, width - 1, height);
    assert!(text.contains("too small"), "{text}");
}

#[test]
fn the_briefing_and_the_debrief_quit_with_the_key_as_mapped() {
    let map = KeyMap::default()
        .with_overrides(r#"{ "quit": ["x"] }"#)
        .expect("valid");
    command::use_keys(map);
    let mut app = fresh_app();
    assert!(app.showing_briefing());
    let bar = rows(render(&mut app, 100, 30).backend().buffer());
    assert!(
        bar.last()
            .is_some_and(|r| r.contains("x quit") && !r.contains("q quit")),
        "{bar:?}"
    );
    // On the briefing q is just a key that begins; x asks to end the session.
    press(&mut app, &[KeyCode::Char('x')]);
    assert!(app.dialog().is_some(), "x asks first");
    press(&mut app, &[KeyCode::Esc]);
    assert!(app.showing_briefing(), "back on the briefing");
    press(&mut app, &[KeyCode::Char('q')]);
    assert!(
        !app.showing_briefing() && app.dialog().is_none(),
        "q began the session"
    );
    command::use_keys(KeyMap::default());
}

#[test]
fn a_mistyped_theme_field_is_named_with_the_one_meant() {
    let problem = Theme::default()
        .with_overrides(r#"(heder: (fg: "red"))"#)
        .expect_err("no such field");
    assert_eq!((problem.line, problem.column), (1, 2));
    assert!(
        problem
            .message
            .starts_with("there is no field `heder`; did you mean `header`?"),
        "{}",
        problem.message
    );
    assert!(
        !problem.message.contains("ThemeFile"),
        "{}",
        problem.message
    );
}

#[test]
fn the_header_keeps_the_programs_name_on_the_smallest_screen() {
    let mut app = started();
    // A few moments on: notices arrive, and the clock's state is longer than "paused".
    for _ in 0..3 {
        press(&mut app, &[KeyCode::Char('n')]);
    }
    for (width, height) in [(60, 18), (80, 24)] {
        let screen = rows(render(&mut app, width, height).backend().buffer());
        assert!(
            screen[0].starts_with(" shopsim "),
            "{width}×{height}: {:?}",
            screen[0]
        );
        assert!(screen[0].contains("Mar"), "the date stays: {:?}", screen[0]);
    }
}

#[test]
fn the_menu_marks_a_file_that_cannot_be_played_and_says_why() {
    use shopsim::ui::menu::{Choice, Menu, MenuEntry};
    let entry = |title: &str, problem: Option<&str>| MenuEntry {
        path: format!("scenarios/{title}.ron"),
        title: title.to_owned(),
        platform: "Escrow marketplace".to_owned(),
        difficulty: "Easy".to_owned(),
        minutes: Some(5),
        briefing: "A story.".to_owned(),
        problem: problem.map(str::to_owned),
    };
    let mut menu = Menu {
        entries: vec![
            entry("good", None),
            entry(
                "broken",
                Some("scenarios/broken.ron:3:9: error: unknown field `titel`"),
            ),
        ],
        selected: 1,
    };
    let backend = ratatui::backend::TestBackend::new(100, 30);
    let mut terminal = ratatui::Terminal::new(backend).expect("a test terminal");
    terminal.draw(|f| menu.draw(f)).expect("drawn");
    let screen = rows(terminal.backend().buffer()).join("\n");
    assert!(screen.contains("✗ broken"), "{screen}");
    assert!(screen.contains("has problems"), "{screen}");
    assert!(
        screen.contains("broken.ron:3:9"),
        "the reason, where: {screen}"
    );
    // Enter on it plays nothing.
    let enter = ratatui::crossterm::event::KeyEvent::new(
        KeyCode::Enter,
        ratatui::crossterm::event::KeyModifiers::NONE,
    );
    assert!(matches!(menu.on_key(enter), Choice::Stay));
}
