//! What a trainee can do, and the refusal that explains why an action is not allowed now.
//!
//! Actions are data so that a UI key, a line of an action file and a test all go through
//! the same door: `Simulation::apply`.

use super::money::Money;
use super::policy::Device;
use super::time::{Moment, Span};
use super::world::DisputeKind;
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChargebackRoute {
    /// Through the platform's support: quick.
    Platform,
    /// Through the buyer's bank: slower, and the bank may ask for more.
    Bank,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Advance {
    /// To the next scheduled event, whatever it is.
    NextEvent,
    By(Span),
    To(Moment),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Action {
    AddToCart {
        item: String,
        #[serde(default = "one")]
        quantity: u32,
    },
    Select {
        item: String,
    },
    Deselect {
        item: String,
    },
    SelectAll,
    DeselectAll,
    /// Deletes the selected cart lines. It cannot be undone.
    DeleteSelected,
    /// "Add to cart" on an order that closed unpaid: its items go back into the cart.
    AddOrderToCart {
        order: String,
    },
    /// Turns the selected cart lines into unpaid orders, one per seller.
    Checkout {
        #[serde(default)]
        coupon: Option<String>,
    },
    Pay {
        order: String,
        method: String,
    },
    /// Cancel directly: an unpaid order, one whose payment is being verified, or one inside
    /// the policy's direct-cancel window. `items` empty means the whole order.
    CancelOrder {
        order: String,
        #[serde(default)]
        reason: Option<String>,
        #[serde(default)]
        items: Vec<String>,
    },
    /// Ask the seller to cancel. The reason is one of the policy's; a policy that does not
    /// require one takes a request without it.
    RequestCancellation {
        order: String,
        #[serde(default)]
        reason: Option<String>,
    },
    /// "Resume order": take a cancellation request back.
    WithdrawCancellation {
        order: String,
    },
    /// After the window, on platforms where support decides cancellations.
    AskSupportToCancel {
        order: String,
        reason: String,
    },
    ConfirmReceipt {
        order: String,
    },
    LeaveReview {
        order: String,
        stars: u8,
        #[serde(default)]
        text: String,
    },
    OpenDispute {
        order: String,
        kind: DisputeKind,
        #[serde(default)]
        description: String,
        #[serde(default)]
        evidence: Vec<String>,
        /// The refund asked for; none means everything paid.
        #[serde(default)]
        amount: Option<Money>,
    },
    AcceptCounterOffer {
        order: String,
    },
    RejectCounterOffer {
        order: String,
    },
    Escalate {
        order: String,
    },
    ShipReturn {
        order: String,
    },
    WriteToSupport {
        category: String,
        #[serde(default)]
        order: Option<String>,
        #[serde(default)]
        subject: String,
        text: String,
        #[serde(default)]
        attachments: Vec<String>,
        /// The name and e-mail the form asks for; left out of an action file, the buyer's own.
        #[serde(default)]
        name: Option<String>,
        #[serde(default)]
        email: Option<String>,
    },
    MessageSeller {
        order: String,
        text: String,
    },
    FileChargeback {
        order: String,
        via: ChargebackRoute,
    },
    /// Refuse a cash-on-delivery parcel at the post office.
    RefuseParcel {
        order: String,
    },
    /// Send the bank the information it asked for about a chargeback.
    AnswerBank {
        order: String,
        #[serde(default)]
        text: String,
        #[serde(default)]
        evidence: Vec<String>,
    },
    /// Where the refunds of an order go: `method` is the buyer's points (store credit) or
    /// the method that paid.
    RefundTo {
        order: String,
        method: String,
    },
    /// Go on in the mobile app or on the website: some actions exist in one only.
    SwitchDevice {
        to: Device,
    },
    MarkConversationRead {
        conversation: u32,
    },
    AdvanceClock(Advance),
}

fn one() -> u32 {
    1
}

impl Action {
    /// The order an action is about, if any.
    pub fn order(&self) -> Option<&str> {
        match self {
            Action::Pay { order, .. }
            | Action::AddOrderToCart { order }
            | Action::CancelOrder { order, .. }
            | Action::RequestCancellation { order, .. }
            | Action::WithdrawCancellation { order }
            | Action::AskSupportToCancel { order, .. }
            | Action::ConfirmReceipt { order }
            | Action::LeaveReview { order, .. }
            | Action::OpenDispute { order, .. }
            | Action::AcceptCounterOffer { order }
            | Action::RejectCounterOffer { order }
            | Action::Escalate { order }
            | Action::ShipReturn { order }
            | Action::MessageSeller { order, .. }
            | Action::FileChargeback { order, .. }
            | Action::AnswerBank { order, .. }
            | Action::RefundTo { order, .. }
            | Action::RefuseParcel { order } => Some(order),
            Action::WriteToSupport { order, .. } => order.as_deref(),
            _ => None,
        }
    }

    /// What the buyer cannot take back once this is done, in a sentence; `None` for an
    /// action that can be undone or changes nothing for good. A UI asks for an explicit
    /// yes before any action that has one.
    pub fn cannot_be_undone(&self) -> Option<&'static str> {
        Some(match self {
            Action::Pay { .. } => "The money leaves your payment method at once.",
            Action::CancelOrder { .. } => {
                "A cancelled order cannot be restored: to buy again you order again."
            }
            Action::DeleteSelected => {
                "Deleted lines cannot be brought back: to buy again, find the item in the catalogue."
            }
            Action::WithdrawCancellation { .. } => {
                "Your cancellation request is gone: the order goes on, and a new request may come too late."
            }
            Action::ConfirmReceipt { .. } => {
                "The platform pays the seller at once; a dispute is much harder afterwards."
            }
            Action::AcceptCounterOffer { .. } => {
                "The dispute closes with the amount offered; you cannot ask for more later."
            }
            Action::RejectCounterOffer { .. } => "The offer is gone for good; the dispute goes on.",
            Action::Escalate { .. } => {
                "The platform decides the dispute, and its decision is final."
            }
            Action::FileChargeback { .. } => {
                "The order is frozen until the chargeback is decided; it cannot be withdrawn."
            }
            Action::RefuseParcel { .. } => {
                "The parcel goes back to the seller; you cannot collect it afterwards."
            }
            Action::ShipReturn { .. } => {
                "The parcel goes back to the seller, at the postage the platform's rules give; it cannot be recalled."
            }
            Action::AskSupportToCancel { .. } => {
                "Support decides on the reason you give; the request cannot be taken back or sent again with another reason."
            }
            Action::AnswerBank { .. } => {
                "The bank decides on what you send now; it does not ask twice."
            }
            _ => return None,
        })
    }

    /// A short description for logs and reports.
    pub fn describe(&self) -> String {
        match self {
            Action::AddToCart { item, quantity } => format!("add {quantity} × {item} to the cart"),
            Action::Select { item } => format!("select {item} in the cart"),
            Action::Deselect { item } => format!("deselect {item} in the cart"),
            Action::SelectAll => "select all cart items".into(),
            Action::DeselectAll => "deselect all cart items".into(),
            Action::DeleteSelected => "delete the selected cart items".into(),
            Action::AddOrderToCart { order } => format!("add the items of {order} to the cart"),
            Action::Checkout { coupon: Some(c) } => format!("check out with coupon {c}"),
            Action::Checkout { coupon: None } => "check out".into(),
            Action::Pay { order, method } => format!("pay {order} with {method}"),
            Action::CancelOrder {
                order,
                items,
                reason,
            } => {
                let what = if items.is_empty() {
                    order.clone()
                } else {
                    format!("{} of {order}", items.join(", "))
                };
                match reason {
                    Some(reason) => format!("cancel {what} (\"{reason}\")"),
                    None => format!("cancel {what}"),
                }
            }
            Action::RequestCancellation { order, reason } => match reason {
                Some(reason) => format!("request cancellation of {order} (\"{reason}\")"),
                None => format!("request cancellation of {order}"),
            },
            Action::WithdrawCancellation { order } => format!("resume {order}"),
            Action::AskSupportToCancel { order, reason } => {
                format!("ask support to cancel {order} (\"{reason}\")")
            }
            Action::ConfirmReceipt { order } => format!("confirm receipt of {order}"),
            Action::LeaveReview { order, stars, .. } => format!("review {order} with {stars}★"),
            Action::OpenDispute { order, kind, .. } => {
                let name = kind.name();
                let article = if name.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "an"
                } else {
                    "a"
                };
                format!("open {article} \"{name}\" dispute on {order}")
            }
            Action::AcceptCounterOffer { order } => format!("accept the counter-offer on {order}"),
            Action::RejectCounterOffer { order } => format!("reject the counter-offer on {order}"),
            Action::Escalate { order } => format!("escalate the dispute on {order}"),
            Action::ShipReturn { order } => format!("ship the return of {order}"),
            Action::WriteToSupport { category, .. } => format!("write to support ({category})"),
            Action::MessageSeller { order, .. } => format!("message the seller of {order}"),
            Action::FileChargeback { order, via } => format!(
                "file a chargeback on {order} through the {}",
                match via {
                    ChargebackRoute::Platform => "platform",
                    ChargebackRoute::Bank => "bank",
                }
            ),
            Action::RefuseParcel { order } => format!("refuse the parcel of {order}"),
            Action::AnswerBank { order, .. } => {
                format!("send the bank the information asked about {order}")
            }
            Action::RefundTo { order, method } => format!("have {order} refunded to {method}"),
            Action::SwitchDevice { to } => format!("switch to {}", to.name()),
            Action::MarkConversationRead { conversation } => {
                format!("read conversation #{conversation}")
            }
            Action::AdvanceClock(Advance::NextEvent) => "advance to the next event".into(),
            Action::AdvanceClock(Advance::By(span)) => format!("advance the clock by {span}"),
            Action::AdvanceClock(Advance::To(at)) => {
                format!("advance the clock to {}", super::time::show(*at))
            }
        }
    }
}

/// Why an action is not allowed now, in words a trainee can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub reason: String,
}

impl Refusal {
    pub fn new(reason: impl Into<String>) -> Self {
        Refusal {
            reason: reason.into(),
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for Refusal {}
