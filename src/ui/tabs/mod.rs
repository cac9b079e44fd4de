//! One file per tab. A tab keeps only view state (what is selected, scrolled); what is
//! shown comes from the simulation every frame.

mod cart;
mod finances;
mod orders;
mod support;

pub use cart::CartTab;
pub use finances::FinancesTab;
pub use orders::OrdersTab;
pub use support::SupportTab;

/// A text view's scroll after PgUp/PgDn (five lines a press); other commands leave it.
pub fn scrolled(scroll: u16, command: crate::ui::command::Command) -> u16 {
    use crate::ui::command::Command;
    match command {
        Command::PageUp => scroll.saturating_sub(5),
        Command::PageDown => scroll.saturating_add(5),
        _ => scroll,
    }
}

/// Moves a selection within `len` rows.
pub fn step(selected: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (selected + 1).min(len - 1)
    } else {
        selected.saturating_sub(1)
    }
}
