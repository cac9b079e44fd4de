//! The scenario menu: every story in a folder with its platform, difficulty and time, and
//! the choice of practice or exam.

use super::dialog::frame_block;
use super::theme;
use crate::training::Mode;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Paragraph, Row, Table, TableState, Wrap};

#[derive(Debug, Clone)]
pub struct MenuEntry {
    pub path: String,
    pub title: String,
    pub platform: String,
    pub difficulty: String,
    pub minutes: Option<u32>,
    pub briefing: String,
    /// Why the file cannot be played, if it has problems.
    pub problem: Option<String>,
}

#[derive(Debug, Default)]
pub struct Menu {
    pub entries: Vec<MenuEntry>,
    pub selected: usize,
}

pub enum Choice {
    Stay,
    Play(usize, Mode),
    Quit,
}

impl Menu {
    pub fn on_key(&mut self, key: KeyEvent) -> Choice {
        let n = self.entries.len();
        match key.code {
            KeyCode::Up | KeyCode::Char('k') => self.selected = self.selected.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = (self.selected + 1).min(n.saturating_sub(1))
            }
            KeyCode::Enter | KeyCode::Char('p') => return self.play(Mode::Practice),
            KeyCode::Char('x') => return self.play(Mode::Exam),
            KeyCode::Char('q') | KeyCode::Esc => return Choice::Quit,
            _ => {}
        }
        Choice::Stay
    }

    fn play(&self, mode: Mode) -> Choice {
        match self.entries.get(self.selected) {
            Some(entry) if entry.problem.is_none() => Choice::Play(self.selected, mode),
            _ => Choice::Stay,
        }
    }

    pub fn draw(&self, frame: &mut Frame) {
        let area = frame.area();
        if area.width < super::draw::MIN_WIDTH || area.height < super::draw::MIN_HEIGHT {
            frame.render_widget(
                Paragraph::new("Terminal too small: shopsim needs at least 80×24.")
                    .wrap(Wrap { trim: true }),
                area,
            );
            return;
        }
        let [title, table_area, detail, keys] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(6),
            Constraint::Length(8),
            Constraint::Length(1),
        ])
        .areas(area);
        frame.render_widget(
            Line::from(vec![
                Span::styled(" shopsim ", theme::active_tab()),
                Span::styled(" Choose a scenario", theme::header()),
            ]),
            title,
        );
        // Titles take what the fixed columns leave, cut with "…" rather than mid-word.
        let title_width = (table_area.width as usize).saturating_sub(2 + 25 + 11 + 7 + 3);
        let rows: Vec<Row> = self
            .entries
            .iter()
            .map(|e| {
                let minutes = e.minutes.map(|m| format!("{m} min")).unwrap_or_default();
                let style = if e.problem.is_some() {
                    theme::dim()
                } else {
                    ratatui::style::Style::new()
                };
                // A file that cannot be played says so in words, not by its colour alone.
                let (title, platform) = match &e.problem {
                    Some(_) => (format!("✗ {}", e.title), "has problems".to_owned()),
                    None => (e.title.clone(), e.platform.clone()),
                };
                Row::new(vec![
                    Cell::from(super::text::fit(&title, title_width)),
                    Cell::from(platform),
                    Cell::from(e.difficulty.clone()),
                    Cell::from(Line::from(minutes).right_aligned()),
                ])
                .style(style)
            })
            .collect();
        let table = Table::new(
            rows,
            [
                Constraint::Fill(1),
                Constraint::Length(25),
                Constraint::Length(10),
                Constraint::Length(7),
            ],
        )
        .header(Row::new(vec!["Scenario", "Platform", "Difficulty", "Time"]).style(theme::header()))
        .row_highlight_style(theme::selected())
        .block(Block::bordered().title(format!(" {} scenarios ", self.entries.len())));
        let mut state = TableState::default()
            .with_selected((!self.entries.is_empty()).then_some(self.selected));
        frame.render_stateful_widget(table, table_area, &mut state);
        let text = match self.entries.get(self.selected) {
            Some(e) => match &e.problem {
                Some(problem) => vec![Line::styled(
                    format!("This file has problems: {problem}"),
                    theme::refused(),
                )],
                None => vec![Line::from(e.briefing.clone())],
            },
            None => vec![Line::from("No scenarios found.")],
        };
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: true })
                .block(frame_block("Briefing")),
            detail,
        );
        frame.render_widget(
            Line::from(vec![
                Span::styled("Enter", theme::header()),
                Span::styled(" practice (hints, rewind)  ", theme::dim()),
                Span::styled("x", theme::header()),
                Span::styled(" exam (no hints, no rewind)  ", theme::dim()),
                Span::styled("q", theme::header()),
                Span::styled(" quit", theme::dim()),
            ]),
            keys,
        );
    }
}
