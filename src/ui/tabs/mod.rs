//! One file per tab. A tab keeps only view state (what is selected, scrolled); what is
//! shown comes from the simulation every frame.

mod cart;
mod finances;
mod orders;
mod support;

pub use cart::CartTab;
pub use finances::FinancesTab;
pub use orders::{Detail, OrdersTab};
pub use support::SupportTab;

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
