//! The class view (`shopsim report DIR` in a terminal): the scenarios of a class with their
//! figures, the sessions of the chosen one with a chart of their scores, what went wrong
//! most often, and any session's debrief on Enter. It reads the summaries `training::class`
//! made; it decides nothing.

use super::checklist::draw_debrief;
use super::hits::Scroll;
use super::text::fit_words;
use super::theme;
use crate::text::inert;
use crate::training::class::{
    SavedReport, ScenarioSummary, days_and_hours, minutes_and_seconds, score_text,
};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Paragraph, TableState, Wrap};

mod tables;

/// Which list the arrow keys move in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Scenarios,
    Sessions,
}

pub struct ClassView {
    title: String,
    pub summaries: Vec<ScenarioSummary>,
    reports: Vec<SavedReport>,
    files: Vec<String>,
    /// Files of the folder that are not reports, and why each was skipped.
    skipped: Vec<(String, String)>,
    pub scenario: usize,
    pub session: usize,
    pub focus: Focus,
    /// The debrief on screen: its report's index, and its scroll.
    pub debrief: Option<(usize, Scroll)>,
    pub quit: bool,
    scenarios_table: TableState,
    sessions_table: TableState,
}

impl ClassView {
    pub fn new(
        dir: &str,
        summaries: Vec<ScenarioSummary>,
        reports: Vec<SavedReport>,
        files: Vec<String>,
    ) -> ClassView {
        ClassView {
            title: dir.to_owned(),
            summaries,
            reports,
            files,
            skipped: Vec::new(),
            scenario: 0,
            session: 0,
            focus: Focus::Scenarios,
            debrief: None,
            quit: false,
            scenarios_table: TableState::default(),
            sessions_table: TableState::default(),
        }
    }

    /// The files of the folder that were skipped (their path, and why), said in the view.
    pub fn with_skipped(mut self, skipped: Vec<(String, String)>) -> ClassView {
        self.skipped = skipped;
        self
    }

    fn current(&self) -> Option<&ScenarioSummary> {
        self.summaries.get(self.scenario)
    }

    pub fn on_key(&mut self, key: KeyEvent) {
        let ctrl_c =
            key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c');
        if ctrl_c {
            self.quit = true;
            return;
        }
        if let Some((_, scroll)) = &mut self.debrief {
            match key.code {
                KeyCode::Down | KeyCode::Char('j') => scroll.down(1),
                KeyCode::Up | KeyCode::Char('k') => scroll.up(1),
                KeyCode::PageDown | KeyCode::Char(' ') => scroll.down(10),
                KeyCode::PageUp => scroll.up(10),
                KeyCode::Esc | KeyCode::Enter | KeyCode::Char('q') | KeyCode::Backspace => {
                    self.debrief = None
                }
                _ => {}
            }
            return;
        }
        let sessions = self.current().map(|s| s.trainees.len()).unwrap_or(0);
        match (key.code, self.focus) {
            (KeyCode::Char('q'), _) => self.quit = true,
            (KeyCode::Esc, Focus::Sessions) | (KeyCode::Left, _) | (KeyCode::BackTab, _) => {
                self.focus = Focus::Scenarios
            }
            (KeyCode::Esc, Focus::Scenarios) => self.quit = true,
            (KeyCode::Tab, Focus::Scenarios)
            | (KeyCode::Right, _)
            | (KeyCode::Enter, Focus::Scenarios)
                if sessions > 0 =>
            {
                self.focus = Focus::Sessions
            }
            (KeyCode::Tab, Focus::Sessions) => self.focus = Focus::Scenarios,
            (KeyCode::Down | KeyCode::Char('j'), Focus::Scenarios) => {
                self.scenario = super::tabs::step(self.scenario, self.summaries.len(), true);
                self.session = 0;
            }
            (KeyCode::Up | KeyCode::Char('k'), Focus::Scenarios) => {
                self.scenario = super::tabs::step(self.scenario, self.summaries.len(), false);
                self.session = 0;
            }
            (KeyCode::Down | KeyCode::Char('j'), Focus::Sessions) => {
                self.session = super::tabs::step(self.session, sessions, true)
            }
            (KeyCode::Up | KeyCode::Char('k'), Focus::Sessions) => {
                self.session = super::tabs::step(self.session, sessions, false)
            }
            (KeyCode::Enter, Focus::Sessions) => {
                if let Some(line) = self.current().and_then(|s| s.trainees.get(self.session)) {
                    self.debrief = Some((line.report, Scroll::default()));
                }
            }
            _ => {}
        }
    }

    pub fn draw(&mut self, frame: &mut Frame) {
        let screen = frame.area();
        if screen.width < super::draw::MIN_WIDTH || screen.height < super::draw::MIN_HEIGHT {
            frame.render_widget(
                Paragraph::new(format!(
                    "Terminal too small: {}×{}. The class view needs at least {}×{}. Enlarge the window, or press q to quit.",
                    screen.width,
                    screen.height,
                    super::draw::MIN_WIDTH,
                    super::draw::MIN_HEIGHT
                ))
                .wrap(Wrap { trim: true }),
                screen,
            );
            return;
        }
        let scenario_rows = (self.summaries.len() as u16 + 3)
            .min(screen.height / 3)
            .max(4);
        let skipped_rows = u16::from(!self.skipped.is_empty());
        // On a short screen the skipped files' line is taken from what went wrong, so the
        // sessions keep their rows.
        let details_rows = if screen.height < 24 {
            6 - skipped_rows
        } else {
            6
        };
        let [header, scenarios, middle, details, skipped, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(scenario_rows),
            Constraint::Min(4),
            Constraint::Length(details_rows),
            Constraint::Length(skipped_rows),
            Constraint::Length(1),
        ])
        .areas(screen);
        let sessions: usize = self.summaries.iter().map(|s| s.sessions).sum();
        let head = format!(
            " {} · {sessions} session(s) of {} scenario(s)",
            self.title,
            self.summaries.len()
        );
        frame.render_widget(
            Line::from(vec![
                Span::styled(" shopsim ", theme::active_tab()),
                Span::styled(
                    fit_words(&format!(" Class report:{head}"), screen.width as usize - 9),
                    theme::header(),
                ),
            ]),
            header,
        );
        self.draw_scenarios(frame, scenarios);
        let chart_width = if middle.width >= 100 { 40 } else { 24 };
        let [list, chart] =
            Layout::horizontal([Constraint::Min(30), Constraint::Length(chart_width)])
                .areas(middle);
        self.draw_sessions(frame, list);
        self.draw_chart(frame, chart);
        self.draw_details(frame, details);
        self.draw_skipped(frame, skipped);
        let keys = match (self.debrief.is_some(), self.focus) {
            (true, _) => "↑↓ scroll · PgUp/PgDn page · Esc/Enter back to the sessions",
            (false, Focus::Scenarios) => "↑↓ scenario · Enter/→ its sessions · q quit",
            (false, Focus::Sessions) => "↑↓ session · Enter its debrief · ←/Esc scenarios · q quit",
        };
        frame.render_widget(Span::styled(keys, theme::dim()), hints);
        if let Some((index, scroll)) = &mut self.debrief
            && let Some(report) = self.reports.get(*index)
        {
            let place = Ok(self.files.get(*index).cloned().unwrap_or_default());
            let who = report.trainee.as_deref().unwrap_or("(unnamed)");
            let footer = format!("{who} · Esc back");
            draw_debrief(
                &report.debrief,
                Some(&place),
                &footer,
                scroll,
                frame,
                screen,
            );
        }
        theme::paint_base(frame.buffer_mut());
    }

    /// "skipped 1 file: …/notes.json: not a shopsim report", the files by name: the folder
    /// is in the header.
    fn draw_skipped(&self, frame: &mut Frame, area: Rect) {
        if self.skipped.is_empty() {
            return;
        }
        let files: Vec<String> = self
            .skipped
            .iter()
            .map(|(path, why)| {
                let name = std::path::Path::new(path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.clone());
                format!("…/{name}: {why}")
            })
            .collect();
        let count = files.len();
        let text = format!(
            "skipped {count} file{}: {}",
            if count == 1 { "" } else { "s" },
            files.join("; ")
        );
        frame.render_widget(
            Span::styled(fit_words(&inert(&text), area.width.into()), theme::notice()),
            area,
        );
    }

    fn draw_scenarios(&mut self, frame: &mut Frame, area: Rect) {
        let highlight = if self.focus == Focus::Scenarios {
            theme::selected()
        } else {
            theme::header()
        };
        self.scenarios_table.select(Some(self.scenario));
        let table = tables::table(tables::scenarios(&self.summaries), area, highlight)
            .block(Block::bordered().title(" Scenarios "));
        frame.render_stateful_widget(table, area, &mut self.scenarios_table);
    }

    fn draw_sessions(&mut self, frame: &mut Frame, area: Rect) {
        let Some(summary) = self.summaries.get(self.scenario) else {
            return;
        };
        let highlight = if self.focus == Focus::Sessions {
            theme::selected()
        } else {
            theme::header()
        };
        self.sessions_table.select(Some(self.session));
        let table = tables::table(tables::sessions(&summary.trainees), area, highlight)
            .block(Block::bordered().title(format!(" Sessions of {} ", summary.scenario)));
        frame.render_stateful_widget(table, area, &mut self.sessions_table);
    }

    /// A bar per session, its score; the chosen session's bar is marked "›".
    fn draw_chart(&self, frame: &mut Frame, area: Rect) {
        let Some(summary) = self.current() else {
            return;
        };
        let bars: Vec<Bar> = summary
            .trainees
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mark = if i == self.session { "›" } else { "" };
                let style = if t.passed {
                    theme::ok()
                } else {
                    theme::refused()
                };
                Bar::default()
                    .value(u64::try_from(t.score.max(0)).unwrap_or(0))
                    .label(Line::from(format!("{mark}{}", i + 1)))
                    .style(style)
            })
            .collect();
        let chart = BarChart::default()
            .block(Block::bordered().title(format!(" Scores, of {} ", summary.possible)))
            .data(BarGroup::default().bars(&bars))
            .bar_width(3)
            .bar_gap(1)
            .max(u64::try_from(summary.possible.max(1)).unwrap_or(1));
        frame.render_widget(chart, area);
    }

    fn draw_details(&self, frame: &mut Frame, area: Rect) {
        let Some(s) = self.current() else {
            return;
        };
        let mut lines = vec![Line::from(vec![
            Span::styled("Median ", theme::header()),
            Span::raw(format!(
                "score {} of {}, {} real, {} simulated · {} of {} passed",
                score_text(s.median_score),
                s.possible,
                minutes_and_seconds(s.median_real_seconds),
                days_and_hours(s.median_simulated_minutes),
                s.passed,
                s.sessions
            )),
        ])];
        for c in s.most_missed.iter().take(2) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("Missed {} of {}: ", c.sessions, s.sessions),
                    theme::refused(),
                ),
                Span::raw(c.text.clone()),
            ]));
        }
        for c in s.most_mistakes.iter().take(2) {
            lines.push(Line::from(vec![
                Span::styled(
                    format!("Mistake {} of {}: ", c.sessions, s.sessions),
                    theme::refused(),
                ),
                Span::raw(c.text.clone()),
            ]));
        }
        if s.most_missed.is_empty() && s.most_mistakes.is_empty() {
            lines.push(Line::styled(
                "Every session met every objective, without a mistake.",
                theme::ok(),
            ));
        }
        // One line each: the whole text is in the Markdown report and in each debrief.
        let room = area.width.saturating_sub(2) as usize;
        let lines: Vec<Line> = lines
            .into_iter()
            .map(|l| {
                let text: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                let head = l.spans.first().map(|s| (s.content.to_string(), s.style));
                match head {
                    Some((head, style)) if text.len() > head.len() => Line::from(vec![
                        Span::styled(head.clone(), style),
                        Span::raw(fit_words(
                            &text[head.len()..],
                            room.saturating_sub(unicode_width::UnicodeWidthStr::width(
                                head.as_str(),
                            )),
                        )),
                    ]),
                    _ => Line::from(fit_words(&text, room)),
                }
            })
            .collect();
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(" What went wrong most ")),
            area,
        );
    }
}
