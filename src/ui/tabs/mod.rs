//! One file per tab. A tab keeps only view state (what is selected, scrolled); what is
//! shown comes from the simulation every frame.

mod cart;
mod finances;
pub(crate) mod orders;
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

/// The first visible row of a list of `len` rows, `visible` at a time, so that `selected`
/// shows: it moves only when the selection would leave the view.
pub fn keep_in_view(first: usize, selected: usize, visible: usize, len: usize) -> usize {
    if visible == 0 || len == 0 {
        return 0;
    }
    let first = first.min(len.saturating_sub(visible));
    if selected < first {
        selected
    } else if selected >= first + visible {
        selected + 1 - visible
    } else {
        first
    }
}
