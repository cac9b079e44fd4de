//! The event log: one line per thing that happened, in the order it happened.
//!
//! Each entry keeps a typed `Fact` for programs (objectives, tests) and a sentence for
//! people. Both are built only from simulation state, so a replay gives the same bytes.

use super::action::ChargebackRoute;
use super::money::Money;
use super::time::{self, Moment};
use super::world::{DisputeKind, OrderState, RefundStage};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Fact {
    /// The trainee did something.
    ActionTaken {
        action: String,
    },
    /// The other side or the platform did something that has no fact of its own.
    News {
        what: String,
    },
    ActionRefused {
        action: String,
        reason: String,
    },
    CartChanged,
    OrderPlaced,
    PaymentFailed,
    OrderPaid {
        amount: Money,
    },
    StateChanged {
        from: OrderState,
        to: OrderState,
    },
    CancellationRequested {
        reason: String,
    },
    CancellationAnswered {
        approved: bool,
    },
    Shipped {
        genuine: bool,
    },
    TrackingScan,
    Delivered,
    /// Receipt confirmed: by the buyer, or by the protection timer running out.
    ReceiptConfirmed {
        by_buyer: bool,
    },
    ParcelLost,
    PriceRaised {
        by: Money,
    },
    DisputeOpened {
        kind: DisputeKind,
    },
    CounterOffer {
        amount: Money,
    },
    DisputeEscalated,
    DisputeDecided {
        refund: Money,
    },
    ReturnShipped,
    RefundStage {
        refund: u32,
        stage: RefundStage,
        amount: Money,
    },
    RefundDelayed {
        refund: u32,
    },
    CouponReturned {
        coupon: String,
    },
    CouponForfeited {
        coupon: String,
    },
    PaidOutToSeller {
        amount: Money,
    },
    Fee {
        amount: Money,
    },
    MessageReceived {
        conversation: u32,
    },
    SupportOpened {
        conversation: u32,
        category: String,
    },
    ChargebackFiled {
        via: ChargebackRoute,
    },
    ChargebackDecided {
        granted: bool,
    },
    /// The bank wants more information about a chargeback by a deadline.
    BankAsks,
    /// The carrier was asked to stop a shipped parcel: it did, or it could not.
    Intercepted {
        stopped: bool,
    },
    Frozen,
    Unfrozen,
    ClockAdvanced,
    /// A return was agreed: the buyer must ship it by a deadline.
    ReturnAgreed,
    /// A refund has not arrived in the policy's time after "sent": contact support.
    RefundLate {
        refund: u32,
    },
}

impl Fact {
    /// Whether this waits for the buyer's answer (an offer to accept or reject, a return
    /// to ship by a deadline): a running clock pauses for it.
    pub fn asks_the_buyer(&self) -> bool {
        matches!(
            self,
            Fact::CounterOffer { .. } | Fact::ReturnAgreed | Fact::BankAsks
        )
    }
}

/// Who turned down something the buyer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Party {
    Seller,
    Support,
    Platform,
    Bank,
}

impl Party {
    pub fn name(self) -> &'static str {
        match self {
            Party::Seller => "the seller",
            Party::Support => "support",
            Party::Platform => "the platform",
            Party::Bank => "the bank",
        }
    }
}

/// A request of the buyer's that the other side turned down later (the seller refused a
/// cancellation, support refused a reason, the platform rejected a dispute), kept so a
/// debrief can list every refusal and not only the ones a scenario's author foresaw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefusedRequest {
    pub at: Moment,
    pub order: Option<String>,
    pub by: Party,
    /// What the buyer had asked for.
    pub request: String,
    /// The answer, in the words the buyer was given.
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LogEntry {
    pub at: Moment,
    pub order: Option<String>,
    pub fact: Fact,
    pub text: String,
}

impl LogEntry {
    /// The line printed by `shopsim run`: time, order, sentence.
    pub fn line(&self) -> String {
        format!(
            "{}  {:<8}  {}",
            time::show(self.at),
            self.order.as_deref().unwrap_or("-"),
            self.text
        )
    }
}
