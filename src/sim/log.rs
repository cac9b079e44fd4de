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
    ActionTaken {
        action: String,
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
    Frozen,
    Unfrozen,
    ClockAdvanced,
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
