//! Scripted sellers and scheduled world events: the other side of every story.
//!
//! A seller is a list of rules, *on trigger [when conditions] → response after a delay*.
//! For each trigger the first rule whose conditions hold answers; a seller with no
//! matching rule stays silent, which is itself a behaviour trainees must learn to handle.

use super::money::Money;
use super::time::{Moment, Span};
use super::world::{DisputeKind, TrackingKind};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Trigger {
    /// An order was placed and is not yet paid.
    OrderPlaced,
    OrderPaid,
    CancellationRequested,
    DisputeOpened,
    /// The buyer rejected the seller's counter-offer.
    CounterOfferRejected,
    MessageReceived,
    ReturnShipped,
    /// Customer service asked for a shipped parcel to be stopped on its way.
    InterceptionRequested,
    /// The buyer filed a chargeback on the order.
    ChargebackFiled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Condition {
    /// The rule is about one order only.
    Order(String),
    /// The cancellation reason is one of these texts.
    ReasonIs(Vec<String>),
    /// The cancellation reason blames the seller (per the policy's reason list).
    ReasonBlamesSeller,
    /// The cancellation reason spares the seller.
    ReasonSparesSeller,
    DisputeKind(DisputeKind),
    /// The dispute came with at least one piece of evidence.
    HasEvidence,
    /// The buyer's message contains this text (case does not matter).
    MessageContains(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Response {
    ApproveCancellation,
    RefuseCancellation {
        message: String,
    },
    /// Hands the parcel over (or pretends to). A genuine parcel is delivered after `delivered_after`.
    Ship {
        tracking: TrackingKind,
        #[serde(default)]
        delivered_after: Option<Span>,
    },
    /// Raises the price of an unpaid order.
    RaisePrice {
        by: Money,
    },
    /// Cancels the order as out of stock, with a full refund.
    ReportOutOfStock,
    /// Accepts the dispute as the buyer asked it.
    AcceptDispute,
    OfferPartialRefund {
        amount: Money,
    },
    RefuseDispute {
        message: String,
    },
    /// Agrees to take the goods back; the buyer must ship them.
    AcceptReturn,
    SendMessage {
        text: String,
    },
    /// The parcel is stopped on its way and goes back to the warehouse; the refund follows.
    StopParcel,
    /// The parcel cannot be stopped: the buyer receives it and must return it.
    ParcelNotStopped {
        message: String,
    },
    /// The seller disputes the chargeback with this statement: unless the buyer's proof
    /// outweighs it, the claim is refused.
    ContestChargeback {
        message: String,
    },
    /// Does nothing: the timers of the policy decide.
    StaySilent,
}

impl Response {
    /// What the seller does, as a verb phrase: "ships", "refuses the dispute".
    pub fn says(&self) -> &'static str {
        match self {
            Response::ApproveCancellation => "approves the cancellation",
            Response::RefuseCancellation { .. } => "refuses the cancellation",
            Response::Ship { .. } => "ships",
            Response::RaisePrice { .. } => "raises the price",
            Response::ReportOutOfStock => "reports it out of stock",
            Response::AcceptDispute => "accepts the dispute",
            Response::OfferPartialRefund { .. } => "offers a partial refund",
            Response::RefuseDispute { .. } => "refuses the dispute",
            Response::AcceptReturn => "accepts the return",
            Response::SendMessage { .. } => "sends a message",
            Response::StopParcel => "stops the parcel",
            Response::ParcelNotStopped { .. } => "cannot stop the parcel",
            Response::ContestChargeback { .. } => "contests the chargeback",
            Response::StaySilent => "stays silent",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SellerRule {
    pub on: Trigger,
    #[serde(default)]
    pub when: Vec<Condition>,
    #[serde(default = "no_delay")]
    pub after: Span,
    #[serde(rename = "do")]
    pub response: Response,
}

fn no_delay() -> Span {
    Span::Minutes(0)
}

/// What the world does on its own, at a fixed time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Happening {
    ParcelDelivered {
        order: String,
    },
    ParcelLost {
        order: String,
    },
    /// An administrator freezes the order on suspicion of seller fraud; after the policy's
    /// review time it is cancelled with a refund if `fraud_confirmed`, else released.
    FreezeForFraud {
        order: String,
        fraud_confirmed: bool,
    },
    /// The bank posts every open refund of the order later by this much.
    BankDelaysRefund {
        order: String,
        by: Span,
    },
    /// The refund stops after "sent" and arrives only once support chases it.
    RefundStalls {
        order: String,
    },
    /// The seller sends a message on its own.
    SellerMessage {
        order: String,
        text: String,
    },
}

impl Happening {
    pub fn order(&self) -> &str {
        match self {
            Happening::ParcelDelivered { order }
            | Happening::ParcelLost { order }
            | Happening::FreezeForFraud { order, .. }
            | Happening::BankDelaysRefund { order, .. }
            | Happening::RefundStalls { order }
            | Happening::SellerMessage { order, .. } => order,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorldEvent {
    pub at: Moment,
    pub happening: Happening,
}

/// What a rule is being asked about.
#[derive(Debug, Clone, Default)]
pub struct Situation<'a> {
    pub order: &'a str,
    pub reason: Option<&'a str>,
    pub reason_blames_seller: bool,
    pub dispute: Option<(DisputeKind, bool)>,
    pub message: Option<&'a str>,
}

impl Condition {
    pub fn holds(&self, situation: &Situation) -> bool {
        match self {
            Condition::Order(id) => id == situation.order,
            Condition::ReasonIs(texts) => situation
                .reason
                .is_some_and(|r| texts.iter().any(|t| t == r)),
            Condition::ReasonBlamesSeller => {
                situation.reason.is_some() && situation.reason_blames_seller
            }
            Condition::ReasonSparesSeller => {
                situation.reason.is_some() && !situation.reason_blames_seller
            }
            Condition::DisputeKind(kind) => situation.dispute.is_some_and(|(k, _)| k == *kind),
            Condition::HasEvidence => situation.dispute.is_some_and(|(_, evidence)| evidence),
            Condition::MessageContains(text) => situation
                .message
                .is_some_and(|m| m.to_lowercase().contains(&text.to_lowercase())),
        }
    }
}

/// The first rule of `rules` that answers `trigger` in `situation`, with its place in
/// the list.
pub fn first_match<'r>(
    rules: &'r [SellerRule],
    trigger: Trigger,
    situation: &Situation,
) -> Option<(usize, &'r SellerRule)> {
    rules
        .iter()
        .enumerate()
        .find(|(_, rule)| rule.on == trigger && rule.when.iter().all(|c| c.holds(situation)))
}

/// A seller's rule answered a trigger: which, when, about which order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleFired {
    pub at: Moment,
    pub seller: String,
    /// Its place in the seller's `rules`, counted from 0.
    pub rule: usize,
    pub order: String,
}
