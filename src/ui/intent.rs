//! What a tab or a dialog wants done. Only `App` carries it out: tabs and dialogs read the
//! simulation but never change it, and never decide a rule.

use super::dialog::{Dialog, Purpose};
use crate::sim::Action;

#[derive(Debug, Clone)]
pub enum Intent {
    Nothing,
    /// A trainee action. One that cannot be undone asks for an explicit yes first.
    Act(Action),
    /// Several actions in a row (paying the orders of one checkout), stopping at the
    /// first refusal; asked about once when any of them cannot be undone.
    ActAll(Vec<Action>),
    /// Actions the trainee has said an explicit yes to.
    Confirmed(Vec<Action>),
    /// Check out, then offer to pay the orders the checkout created.
    Checkout {
        coupon: Option<String>,
    },
    Open(Dialog),
    /// Open a picker for this purpose (one choice leading to the next).
    Pick(Purpose),
    /// Why something is not possible now, in a box that holds the whole reason.
    Explain {
        title: String,
        text: String,
    },
    /// A key that does nothing here says why on the status line.
    Refused(String),
    Say(String),
    /// The coupon the cart will use at checkout.
    SetCoupon(Option<String>),
    /// Go back to just before this journal entry (practice).
    Rewind(usize),
}
