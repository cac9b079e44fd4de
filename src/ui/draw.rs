//! Drawing the whole screen from the app's state. It changes nothing the trainee did: it
//! only keeps the views' scroll within their text and records where everything went
//! (`App::hits`), so the mouse hits exactly what was drawn. Tests render it into a
//! `TestBackend` without a terminal.

use super::app::{App, StatusKind, Tab};
use super::command::{Command, Place, shown};
use super::dialog::{centered, frame_block, wrapped_rows};
use super::hits::{Scroll, Target};
use super::overlay::Overlay;
use super::theme;
use crate::sim::log::Fact;
use crate::training::{Ending, Mode};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The smallest screen shopsim draws on (a projector's large font leaves few columns).
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;
/// From this size on everything shows: below it the hint bar goes first, then side panels.
pub const FULL_WIDTH: u16 = 80;
pub const FULL_HEIGHT: u16 = 24;

/// Where each tab's title sits on the tab line.
fn tab_rects(line: Rect, unread: u32) -> Vec<Rect> {
    let mut x = line.x;
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| {
            let width =
                (tab_label(i, *tab, unread).width() as u16).min(line.right().saturating_sub(x));
            let rect = Rect {
                x,
                y: line.y,
                width,
                height: 1,
            };
            x = x.saturating_add(width + 1).min(line.right());
            rect
        })
        .collect()
}

/// " 3 Support (2) ": the Support tab carries the unread count.
fn tab_label(index: usize, tab: Tab, unread: u32) -> String {
    if tab == Tab::Support && unread > 0 {
        format!(" {} {} ({unread}) ", index + 1, tab.title())
    } else {
        format!(" {} {} ", index + 1, tab.title())
    }
}

pub fn draw(app: &mut App, frame: &mut Frame) {
    draw_screen(app, frame);
    theme::paint_base(frame.buffer_mut());
}

fn draw_screen(app: &mut App, frame: &mut Frame) {
    app.hits.clear();
    let screen = frame.area();
    app.too_small = screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT;
    if app.too_small {
        let text = format!(
            "Terminal too small: {}×{}. shopsim needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window, or press {} to quit.",
            screen.width,
            screen.height,
            super::command::key_for(super::command::Command::Quit)
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), screen);
        app.hits.add(screen, Target::Overlay);
        return;
    }
    // A demonstration's caption band takes the bottom, and its keys replace the hint bar.
    let (screen, caption_area) = match &app.caption {
        Some(caption) => {
            let rows = super::demo::draw::rows(caption, screen.width);
            let [app_area, band] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(rows)]).areas(screen);
            (app_area, Some(band))
        }
        None => (screen, None),
    };
    // The hint bar goes first when rows are short; the help (?) still lists every key.
    let hint_rows = if caption_area.is_some() || !app.show_hints || screen.height < FULL_HEIGHT {
        0
    } else {
        1
    };
    let [header, tabs, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(hint_rows),
    ])
    .areas(screen);
    draw_header(app, frame, header);
    draw_tabs(app, frame, tabs);
    // Wide screens keep the goals beside the tabs; narrow ones show them on `g`, on top.
    let has_goals = app.session.coach().is_training();
    let wide = screen.width >= 120;
    let (main, goals_area) = if has_goals && (wide != app.show_goals) {
        let width = if wide { 40 } else { 44 };
        let [main, goals] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(width)]).areas(body);
        (if wide { main } else { body }, Some(goals))
    } else {
        (body, None)
    };
    let (tab_area, log_area, ahead_area) = bottom_panels(app, main);
    let sim = app.session.sim();
    match app.tab {
        Tab::Cart => app.cart.draw(frame, tab_area, sim, &mut app.hits),
        Tab::Orders => app.orders.draw(frame, tab_area, sim, &mut app.hits),
        Tab::Support => app.support.draw(frame, tab_area, sim, &mut app.hits),
        Tab::Finances => app.finances.draw(frame, tab_area, sim, &mut app.hits),
    }
    if let Some(area) = log_area {
        draw_log(app, frame, area);
    }
    if let Some(area) = ahead_area {
        super::ahead::draw_panel(app, frame, area);
    }
    if let Some(area) = goals_area {
        // Over the tab when it covers it: nothing of the tab under it can be clicked.
        app.hits.add(area, Target::Overlay);
        super::checklist::draw_panel(&app.session, frame, area);
    }
    draw_status(app, frame, status);
    if let (Some(caption), Some(area)) = (&app.caption, caption_area) {
        super::demo::draw_caption(caption, app.top_scrolls(), frame, area);
    } else {
        draw_hints(app, frame, hints);
    }
    let place = app.place();
    let quit_text = if app.session.coach().is_training() {
        "End the session and quit? Its debrief is final and will be saved."
    } else {
        "Quit shopsim?"
    };
    for overlay in app.overlays.iter_mut() {
        app.hits.add(screen, Target::Overlay);
        match overlay {
            Overlay::Briefing(scroll) => {
                draw_briefing(&app.session, &app.briefing, scroll, frame, screen)
            }
            Overlay::Help => draw_help(place, frame, screen),
            Overlay::Notices(scroll) => draw_notices(&app.notices, scroll, frame, screen),
            Overlay::Dialog(dialog) => dialog.draw(frame, screen, &mut app.hits, quit_text),
            Overlay::Debrief(scroll) => {
                let debrief = app.session.debrief();
                let (footer, report) = if app.caption.is_some() {
                    let shown = Err(DEMO_NOT_SAVED.to_owned());
                    ("the demo's keys are below".to_owned(), Some(shown))
                } else {
                    (debrief_keys(&app.session), app.report.clone())
                };
                super::checklist::draw_debrief(
                    &debrief,
                    report.as_ref(),
                    &footer,
                    scroll,
                    frame,
                    screen,
                );
            }
        }
    }
}

/// What the debrief of a demonstration says where its report would be.
pub const DEMO_NOT_SAVED: &str = "a demonstration: no report is saved";

/// The keys under the debrief, for how the session stands.
fn debrief_keys(session: &crate::training::Session) -> String {
    let q = super::command::key_for(super::command::Command::Quit);
    match (session.ending(), session.mode()) {
        (Some(Ending::Stopped), _) => format!("Enter or {q} quit and save"),
        (Some(_), Mode::Practice) if !session.is_sandbox() => {
            format!("Enter play on (sandbox, not scored) · {q} quit and save")
        }
        (Some(_), _) => format!("Enter look around · {q} quit and save"),
        (None, _) => "Esc back".into(),
    }
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let now = app.session.sim().now();
    let state = if app.session.is_sandbox() {
        "SANDBOX, not scored".to_owned()
    } else if let Some(ending) = app.session.ending() {
        match ending {
            Ending::AllRequiredMet => "ended: goals met".to_owned(),
            Ending::TimeUp => "ended: time is up".to_owned(),
            Ending::Stopped => "ended".to_owned(),
        }
    } else if app.clock.paused() {
        "⏸ paused".to_owned()
    } else if !app.overlays.is_empty() {
        "⏸ held: answer first".to_owned()
    } else {
        format!("▶ {}", app.clock.label())
    };
    // A narrow screen drops the weekday and the year, then the words of the notices,
    // before anything overlaps the name of the program.
    let width = area.width as usize;
    let goals = super::checklist::progress(app.session.coach());
    let notices_in = |short: bool| {
        let unseen = match (app.unseen, short) {
            (0, _) => String::new(),
            (n, false) => format!(" ● {n} new (m) "),
            (n, true) => format!(" ●{n} "),
        };
        match &goals {
            Some(goals) => format!(" {goals}{unseen}"),
            None => unseen,
        }
    };
    let long_clock = format!(" {}  {state} ", now.format("%a %d %b %Y %H:%M"));
    let roomy = long_clock.width() + notices_in(false).width() + 11 <= width;
    let clock = if roomy {
        long_clock
    } else {
        format!(" {} {state} ", now.format("%d %b %H:%M"))
    };
    let mut notices = notices_in(clock.width() + notices_in(false).width() + 11 > width);
    // Where some actions exist in one channel only, where the trainee is matters.
    if !app.session.sim().policy().only_in.is_empty() {
        let on = match app.session.sim().device() {
            crate::sim::policy::Device::Website => "website",
            crate::sim::policy::Device::App => "app",
        };
        notices = format!(" {on} (v){notices}");
    }
    let fixed = clock.width() + notices.width() + 11;
    let title = super::text::fit(app.title(), (area.width as usize).saturating_sub(fixed));
    let line = Line::from(vec![
        Span::styled(" shopsim ", theme::active_tab()),
        Span::styled(format!(" {title}"), theme::header()),
    ]);
    frame.render_widget(line, area);
    let right = Line::from(vec![
        Span::styled(clock, theme::header()),
        Span::styled(notices, theme::notice()),
    ])
    .right_aligned();
    frame.render_widget(right, area);
}

fn draw_tabs(app: &mut App, frame: &mut Frame, area: Rect) {
    let unread = app.session.sim().world().unread_total();
    for ((i, tab), rect) in Tab::ALL.iter().enumerate().zip(tab_rects(area, unread)) {
        let style = if *tab == app.tab {
            theme::active_tab()
        } else {
            theme::dim()
        };
        frame.render_widget(Span::styled(tab_label(i, *tab, unread), style), rect);
        app.hits.add(rect, Target::Tab(i));
    }
}

fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let Some(status) = &app.status else {
        return;
    };
    let (prefix, style) = match status.kind {
        StatusKind::Info => ("", theme::ok()),
        StatusKind::Refusal => ("Not allowed: ", theme::refused()),
        StatusKind::Notice => ("● ", theme::notice()),
    };
    let text = format!("{prefix}{}", status.text);
    // A line too long for the bar ends in "…": the whole of it is in the notices (m).
    let text = super::text::fit(&text, area.width as usize);
    frame.render_widget(Span::styled(text, style), area);
}

fn draw_hints(app: &App, frame: &mut Frame, area: Rect) {
    // Keys go to the top overlay while one is open: the bar says what it answers.
    if let Some(top) = app.overlays.last() {
        frame.render_widget(Span::styled(top.keys(), theme::dim()), area);
        return;
    }
    let all = shown(app.place(), true);
    let width = |b: &super::command::Shown| b.hint_keys.width() + b.label.width() + 3;
    // Help and quit always show; the others fill what is left, in table order.
    let (always, rest): (Vec<_>, Vec<_>) = all
        .into_iter()
        .partition(|b| matches!(b.command, Command::Help | Command::Quit));
    let mut room = (area.width as usize).saturating_sub(always.iter().map(width).sum());
    let mut chosen = Vec::new();
    for binding in rest {
        let w = width(&binding);
        if w <= room {
            room -= w;
            chosen.push(binding);
        }
    }
    chosen.extend(always);
    let mut spans = Vec::new();
    for binding in chosen {
        spans.push(Span::styled(binding.hint_keys, theme::header()));
        spans.push(Span::styled(format!(" {}  ", binding.label), theme::dim()));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_help(place: Place, frame: &mut Frame, screen: Rect) {
    let entries: Vec<(String, &str)> = shown(place, false)
        .into_iter()
        .map(|b| (b.shown_keys, b.label))
        .collect();
    // A short screen keeps only the line that matters.
    let footer: &[&str] = if screen.height >= FULL_HEIGHT {
        &[
            "Mouse: click a tab, a row or an action; the wheel scrolls.",
            "Any key closes this help.",
        ]
    } else {
        &["Any key closes this help."]
    };
    let most_width = screen.width.saturating_sub(4) as usize;
    let footer_rows: usize = footer
        .iter()
        .map(|f| f.width().div_ceil(most_width.max(1)))
        .sum();
    // As many columns as the rows need; a label too long for its column ends in "…".
    let room = (screen.height as usize)
        .saturating_sub(2 + 2 + 1 + footer_rows)
        .max(1);
    let columns = entries.len().div_ceil(room).max(1);
    let per_column = entries.len().div_ceil(columns);
    let column_of = |c: usize| {
        &entries[(c * per_column).min(entries.len())..((c + 1) * per_column).min(entries.len())]
    };
    // Each column's keys are as wide as its widest, right-aligned.
    let key_widths: Vec<usize> = (0..columns)
        .map(|c| {
            column_of(c)
                .iter()
                .map(|(k, _)| k.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let natural: Vec<usize> = (0..columns)
        .map(|c| {
            let label = column_of(c)
                .iter()
                .map(|(_, l)| l.width())
                .max()
                .unwrap_or(0);
            key_widths[c] + 2 + label
        })
        .collect();
    let gap = 3;
    // Too wide for the screen: the widest column gives up a column at a time.
    let room_for_columns = most_width.saturating_sub(gap * (columns - 1));
    let mut column_widths = natural;
    while column_widths.iter().sum::<usize>() > room_for_columns {
        let Some(widest) = (0..columns).max_by_key(|c| column_widths[*c]) else {
            break;
        };
        if column_widths[widest] <= key_widths[widest] + 3 {
            break;
        }
        column_widths[widest] -= 1;
    }
    let mut lines: Vec<Line> = (0..per_column)
        .map(|row| {
            let mut spans = Vec::new();
            for column in 0..columns {
                if let Some((keys, label)) = column_of(column).get(row) {
                    let room = column_widths[column].saturating_sub(key_widths[column] + 2);
                    let entry = format!(
                        "{}{keys}  {}",
                        " ".repeat(key_widths[column].saturating_sub(keys.width())),
                        super::text::fit(label, room)
                    );
                    // Padding only between columns: a trailing blank would wrap the line.
                    let pad = if column + 1 < columns {
                        (column_widths[column] + gap).saturating_sub(entry.width())
                    } else {
                        0
                    };
                    spans.push(Span::raw(format!("{entry}{}", " ".repeat(pad))));
                }
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::from(""));
    lines.extend(footer.iter().map(|f| Line::styled(*f, theme::dim())));
    let text_width: usize = column_widths.iter().sum::<usize>() + gap * (columns - 1);
    let width = (text_width.max(footer[0].width()) as u16 + 2).min(screen.width.saturating_sub(2));
    let height = wrapped_rows(&lines, width.saturating_sub(2)) + 2;
    let area = centered(screen, width, height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(frame_block("Keys here")),
        area,
    );
}

/// A text box in the middle of the screen that scrolls and stops at the end of its text.
fn scrolling_box(
    frame: &mut Frame,
    screen: Rect,
    width: u16,
    title: &str,
    footer: &str,
    lines: Vec<Line>,
    scroll: &mut Scroll,
) {
    let width = width.min(screen.width.saturating_sub(2));
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = paragraph.line_count(width.saturating_sub(2));
    let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
    let area = centered(screen, width, height);
    let offset = scroll.fit(rows, area.height.saturating_sub(2));
    let footer = if scroll.max > 0 {
        format!(" ↑↓ scroll · {footer} ")
    } else {
        format!(" {footer} ")
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        paragraph.scroll((offset, 0)).block(
            frame_block(title).title_bottom(Line::styled(footer, theme::header()).right_aligned()),
        ),
        area,
    );
}

/// Dialogs and text boxes grow with a large screen, up to a comfortable reading width.
pub fn reading_width(screen: Rect) -> u16 {
    let ordinary = (screen.width.saturating_sub(4)).clamp(60, 100);
    // Past 120 columns it keeps growing, for a room's large terminal.
    let large = u16::try_from(u32::from(screen.width) * 5 / 6).unwrap_or(u16::MAX);
    ordinary.max(large.min(150))
}

fn draw_briefing(
    session: &crate::training::Session,
    briefing: &str,
    scroll: &mut Scroll,
    frame: &mut Frame,
    screen: Rect,
) {
    let policy = session.sim().policy();
    let training = &session.coach().spec;
    let mut lines = vec![
        Line::styled(session.title().to_owned(), theme::header()),
        Line::from(""),
        Line::from(briefing.to_owned()),
        Line::from(""),
        Line::from(vec![
            Span::styled("Platform: ", theme::header()),
            Span::raw(format!("{} — {}", policy.name, policy.summary)),
        ]),
    ];
    for rule in &training.rules {
        lines.push(Line::from(format!("  • {rule}")));
    }
    if !training.objectives.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::styled("Your goals", theme::header()));
        for o in &training.objectives {
            let tag = if o.required { "" } else { " (optional)" };
            lines.push(Line::from(format!("  [ ] {}{tag}", o.text)));
        }
        if let Some(deadline) = session.limit() {
            lines.push(Line::from(format!(
                "  Time limit: {}",
                crate::sim::time::show(deadline)
            )));
        }
        let mode = match session.mode() {
            Mode::Practice => {
                "Practice: t shows a hint (it costs points), u rewinds, g shows the goals."
            }
            Mode::Exam => "Exam: no hints and no rewinding.",
        };
        lines.push(Line::styled(mode, theme::dim()));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "The clock is paused: p runs it, n jumps to the next moment that matters. ? lists the keys.",
        theme::dim(),
    ));
    let width = super::dialog::grown(screen, 76);
    scrolling_box(
        frame,
        screen,
        width,
        "Briefing",
        "any other key begins",
        lines,
        scroll,
    );
}

fn draw_notices(
    notices: &[super::app::Status],
    scroll: &mut Scroll,
    frame: &mut Frame,
    screen: Rect,
) {
    let mut lines: Vec<Line> = notices
        .iter()
        .rev()
        .map(|n| {
            let style = match n.kind {
                StatusKind::Info => theme::ok(),
                StatusKind::Refusal => theme::refused(),
                StatusKind::Notice => theme::notice(),
            };
            let prefix = if n.kind == StatusKind::Refusal {
                "Not allowed: "
            } else {
                ""
            };
            Line::from(vec![
                Span::styled(n.at.format("%d %b %H:%M  ").to_string(), theme::dim()),
                Span::styled(format!("{prefix}{}", n.text), style),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::styled("Nothing has been said yet.", theme::dim()));
    }
    let width = reading_width(screen);
    scrolling_box(
        frame,
        screen,
        width,
        "Notices, newest first",
        "Esc closes",
        lines,
        scroll,
    );
}

/// The newest log lines that fit, wrapped, newest at the bottom; the wheel reads older ones.
/// The tab's area, and under it the event log and "coming up", side by side when both
/// are open.
fn bottom_panels(app: &App, main: Rect) -> (Rect, Option<Rect>, Option<Rect>) {
    if !app.show_log && !app.show_ahead {
        return (main, None, None);
    }
    let [tab_area, bottom] =
        Layout::vertical([Constraint::Min(8), Constraint::Length(10)]).areas(main);
    match (app.show_log, app.show_ahead) {
        (true, true) => {
            let [log, ahead] =
                Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                    .areas(bottom);
            (tab_area, Some(log), Some(ahead))
        }
        (true, false) => (tab_area, Some(bottom), None),
        _ => (tab_area, None, Some(bottom)),
    }
}

fn draw_log(app: &mut App, frame: &mut Frame, area: Rect) {
    let inner_width = area.width.saturating_sub(2);
    let rows = area.height.saturating_sub(2);
    let log = app.session.sim().log();
    let line_of = |e: &crate::sim::log::LogEntry| {
        let style = match e.fact {
            Fact::ActionRefused { .. } => theme::refused(),
            Fact::ActionTaken { .. } => theme::header(),
            _ => ratatui::style::Style::new(),
        };
        Line::from(vec![
            Span::styled(e.at.format("%d %b %H:%M ").to_string(), theme::dim()),
            Span::styled(
                format!("{} ", e.order.as_deref().unwrap_or("-")),
                theme::dim(),
            ),
            Span::styled(e.text.clone(), style),
        ])
    };
    // How many entries back from the newest the view ends: the scroll counts entries.
    let back = (app.log_scroll.offset as usize).min(log.len().saturating_sub(1));
    app.log_scroll.max = u16::try_from(log.len().saturating_sub(1)).unwrap_or(u16::MAX);
    let mut picked: Vec<Line> = Vec::new();
    let mut used = 0u16;
    for entry in log.iter().rev().skip(back) {
        let line = line_of(entry);
        let height = wrapped_rows(std::slice::from_ref(&line), inner_width);
        if used + height > rows && !picked.is_empty() {
            break;
        }
        used += height;
        picked.push(line);
    }
    picked.reverse();
    // The newest line stays in view even when the oldest picked one is cut at the top.
    let offset = used.saturating_sub(rows);
    let title = if back > 0 {
        format!(" Event log · {back} newer below · wheel scrolls · e hides ")
    } else {
        " Event log · wheel scrolls · e hides ".to_owned()
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(picked)
            .wrap(Wrap { trim: false })
            .scroll((offset, 0))
            .block(Block::bordered().title(title)),
        area,
    );
    app.hits.add(area, Target::Log);
}
