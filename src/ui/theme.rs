//! Styles in one place. Selection and emphasis never rely on colour alone (REVERSED, BOLD),
//! so the screen reads under NO_COLOR and on light terminals.

use ratatui::style::{Color, Modifier, Style};

pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

pub fn header() -> Style {
    Style::new().add_modifier(Modifier::BOLD)
}

pub fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

pub fn ok() -> Style {
    Style::new().fg(Color::Green)
}

pub fn refused() -> Style {
    Style::new().fg(Color::Red)
}

pub fn notice() -> Style {
    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD)
}

pub fn active_tab() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
}

pub fn stage_done() -> Style {
    Style::new()
        .fg(Color::Rgb(255, 140, 0))
        .add_modifier(Modifier::BOLD)
}

pub fn late() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}
