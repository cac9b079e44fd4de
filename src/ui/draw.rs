//! Drawing the whole screen from the app's state. Pure: it reads `App` and changes nothing,
//! so tests render it into a `TestBackend` without a terminal.

use super::app::{App, StatusKind, Tab};
use super::command::{Command, shown};
use super::dialog::{centered, frame_block};
use super::theme;
use crate::sim::log::Fact;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

pub struct Areas {
    pub header: Rect,
    pub tabs: Rect,
    pub body: Rect,
    pub status: Rect,
    pub hints: Rect,
}

pub fn layout(screen: Rect) -> Areas {
    let [header, tabs, body, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(screen);
    Areas {
        header,
        tabs,
        body,
        status,
        hints,
    }
}

/// Where each tab's title sits on the tab line (for drawing and for mouse clicks).
pub fn tab_rects(line: Rect, unread: u32) -> Vec<Rect> {
    let mut x = line.x;
    Tab::ALL
        .iter()
        .enumerate()
        .map(|(i, tab)| {
            let width = tab_label(i, *tab, unread).width() as u16;
            let rect = Rect {
                x,
                y: line.y,
                width,
                height: 1,
            };
            x += width + 1;
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

/// Rows a set of lines takes when wrapped at `width` columns (a close upper bound).
fn wrapped_rows(lines: &[Line], width: u16) -> u16 {
    let width = width.max(1) as usize;
    lines
        .iter()
        .map(|l| l.width().div_ceil(width).max(1) as u16)
        .sum()
}

pub fn draw(app: &App, frame: &mut Frame) {
    let screen = frame.area();
    if screen.width < MIN_WIDTH || screen.height < MIN_HEIGHT {
        let text = format!(
            "Terminal too small: {}×{}. shopsim needs at least {MIN_WIDTH}×{MIN_HEIGHT}. Enlarge the window, or press q to quit.",
            screen.width, screen.height
        );
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), screen);
        return;
    }
    let areas = layout(screen);
    draw_header(app, frame, areas.header);
    draw_tabs(app, frame, areas.tabs);
    // Wide screens keep the goals beside the tabs; narrow ones show them on `g`.
    let has_goals = !app.coach.spec.objectives.is_empty();
    let wide = screen.width >= 120;
    // `g` toggles: on wide screens it hides the panel, on narrow ones it shows it.
    let (main, goals_area) = if has_goals && (wide != app.show_goals) {
        let width = if wide { 40 } else { 44 };
        let [main, goals] =
            Layout::horizontal([Constraint::Min(40), Constraint::Length(width)]).areas(areas.body);
        (if wide { main } else { areas.body }, Some(goals))
    } else {
        (areas.body, None)
    };
    let areas = Areas {
        body: main,
        ..areas
    };
    let (body, log_area) = if app.show_log {
        let [body, log] =
            Layout::vertical([Constraint::Min(8), Constraint::Length(8)]).areas(areas.body);
        (body, Some(log))
    } else {
        (areas.body, None)
    };
    match app.tab {
        Tab::Cart => app.cart.draw(frame, body, &app.sim),
        Tab::Orders => app.orders.draw(frame, body, &app.sim),
        Tab::Support => app.support.draw(frame, body, &app.sim),
        Tab::Finances => app.finances.draw(frame, body, &app.sim),
    }
    if let Some(area) = log_area {
        draw_log(app, frame, area);
    }
    if let Some(area) = goals_area {
        super::checklist::draw_panel(&app.coach, &app.sim, frame, area);
    }
    draw_status(app, frame, areas.status);
    draw_hints(app, frame, areas.hints);
    if let Some(dialog) = &app.dialog {
        dialog.draw(frame, screen);
    }
    if app.show_debrief {
        let footer = if app.coach.ending == Some(crate::training::Ending::Stopped) {
            if app.coach.mode == crate::training::Mode::Practice {
                "Enter quit and save · u rewind"
            } else {
                "Enter quit and save"
            }
        } else if app.coach.mode == crate::training::Mode::Practice {
            "Enter play on · u rewind · q quit and save"
        } else {
            "Enter play on · q quit and save"
        };
        super::checklist::draw_debrief(&app.debrief(), footer, app.debrief_scroll, frame, screen);
    }
    if app.show_help {
        draw_help(app, frame, screen);
    }
    if app.show_briefing {
        draw_briefing(app, frame, screen);
    }
}

fn draw_header(app: &App, frame: &mut Frame, area: Rect) {
    let now = app.sim.now();
    let clock = format!(
        " {}  {} ",
        now.format("%a %d %b %Y %H:%M"),
        if app.clock.paused {
            "⏸ paused".to_owned()
        } else {
            format!("▶ {}", app.clock.label())
        }
    );
    let mut notices = if app.unseen > 0 {
        format!(" ● {} new ", app.unseen)
    } else {
        String::new()
    };
    if let Some(goals) = super::checklist::progress(&app.coach) {
        notices = format!(" {goals}{notices}");
    }
    let fixed = clock.width() + notices.width() + 11;
    let title = super::text::fit(&app.title, (area.width as usize).saturating_sub(fixed));
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

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let unread = app.sim.world().unread_total();
    for ((i, tab), rect) in Tab::ALL.iter().enumerate().zip(tab_rects(area, unread)) {
        let style = if *tab == app.tab {
            theme::active_tab()
        } else {
            theme::dim()
        };
        let rect = Rect {
            width: rect.width.min(area.right().saturating_sub(rect.x)),
            ..rect
        };
        frame.render_widget(Span::styled(tab_label(i, *tab, unread), style), rect);
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
    let text = super::text::fit(&text, area.width as usize);
    frame.render_widget(Span::styled(text, style), area);
}

fn draw_hints(app: &App, frame: &mut Frame, area: Rect) {
    if app.show_debrief {
        frame.render_widget(Span::styled("↑↓ scroll the debrief", theme::dim()), area);
        return;
    }
    // Keys go to the dialog while one is open: the bar says what the dialog answers.
    if let Some(dialog) = &app.dialog {
        frame.render_widget(Span::styled(dialog.keys(), theme::dim()), area);
        return;
    }
    let all: Vec<_> = shown(app.place(), true).collect();
    let width = |b: &&super::command::Binding| b.shown_keys.width() + b.label.width() + 3;
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
        spans.push(Span::styled(binding.shown_keys, theme::header()));
        spans.push(Span::styled(format!(" {}  ", binding.label), theme::dim()));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_help(app: &App, frame: &mut Frame, screen: Rect) {
    let entries: Vec<String> = shown(app.place(), false)
        .map(|b| format!("{:>8}  {}", b.shown_keys, b.label))
        .collect();
    let footer = [
        "Mouse: click a tab, a row or an action; the wheel scrolls.",
        "Any key closes this help.",
    ];
    // One column while it fits the screen, else two side by side.
    let room = screen.height.saturating_sub(4 + footer.len() as u16 + 1) as usize;
    let columns = if entries.len() <= room { 1 } else { 2 };
    let per_column = entries.len().div_ceil(columns);
    let column_width = entries.iter().map(|e| e.width()).max().unwrap_or(0) + 2;
    let mut lines: Vec<Line> = (0..per_column)
        .map(|row| {
            let mut spans = Vec::new();
            for column in 0..columns {
                if let Some(entry) = entries.get(column * per_column + row) {
                    let pad = column_width.saturating_sub(entry.width());
                    spans.push(Span::raw(format!("{entry}{}", " ".repeat(pad))));
                }
            }
            Line::from(spans)
        })
        .collect();
    lines.push(Line::from(""));
    lines.extend(footer.iter().map(|f| Line::styled(*f, theme::dim())));
    let width = (column_width * columns).max(footer[0].width()) as u16 + 4;
    let area = centered(screen, width, lines.len() as u16 + 2);
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(frame_block("Keys here")), area);
}

fn draw_briefing(app: &App, frame: &mut Frame, screen: Rect) {
    let policy = app.sim.policy();
    let training = &app.coach.spec;
    let mut lines = vec![
        Line::styled(app.title.clone(), theme::header()),
        Line::from(""),
        Line::from(app.briefing.clone()),
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
        if let Some(deadline) = app.coach.deadline(&app.sim) {
            lines.push(Line::from(format!(
                "  Time limit: {}",
                crate::sim::time::show(deadline)
            )));
        }
        let mode = match app.coach.mode {
            crate::training::Mode::Practice => {
                "Practice: t shows a hint (it costs points), u rewinds, g shows the goals."
            }
            crate::training::Mode::Exam => "Exam: no hints and no rewinding.",
        };
        lines.push(Line::styled(mode, theme::dim()));
    }
    lines.push(Line::from(""));
    lines.push(Line::styled(
        "The clock is paused: p runs it, n jumps to the next event. ? lists the keys.",
        theme::dim(),
    ));
    let width = 72u16.min(screen.width.saturating_sub(2));
    let height = wrapped_rows(&lines, width.saturating_sub(2)) + 2;
    let area = centered(screen, width, height);
    let overflows = height > area.height;
    let footer = if overflows {
        " ↑↓ scroll · any other key begins "
    } else {
        " any key begins "
    };
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .scroll((app.briefing_scroll, 0))
            .block(
                frame_block("Briefing")
                    .title_bottom(Line::styled(footer, theme::header()).right_aligned()),
            ),
        area,
    );
}

fn draw_log(app: &App, frame: &mut Frame, area: Rect) {
    let rows = area.height.saturating_sub(2) as usize;
    let log = app.sim.log();
    let lines: Vec<Line> = log
        .iter()
        .skip(log.len().saturating_sub(rows))
        .map(|e| {
            let style = match e.fact {
                Fact::ActionRefused { .. } => theme::refused(),
                Fact::ActionTaken { .. } => theme::header(),
                _ => ratatui::style::Style::new(),
            };
            Line::from(vec![
                Span::styled(e.at.format("%d %b %H:%M ").to_string(), theme::dim()),
                Span::styled(
                    format!("{:<7} ", e.order.as_deref().unwrap_or("")),
                    theme::dim(),
                ),
                Span::styled(
                    super::text::fit(&e.text, (area.width as usize).saturating_sub(23)),
                    style,
                ),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(Block::bordered().title(" Event log · e hides ")),
        area,
    );
}
