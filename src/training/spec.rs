//! What a scenario asks of the trainee, as written in its `training` block: objectives,
//! mistakes that cost points, hints, and the time allowed.

use crate::sim::action::{Action, ChargebackRoute};
use crate::sim::time::Span;
use crate::sim::world::{DisputeKind, OrderState};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingSpec {
    /// How long a trainee usually needs, in real minutes (shown in the scenario menu).
    #[serde(default)]
    pub estimated_minutes: Option<u32>,
    /// Simulated time allowed from the start; the session ends when it runs out.
    #[serde(default)]
    pub time_limit: Option<Span>,
    /// The platform rules that matter here, shown in the briefing.
    #[serde(default)]
    pub rules: Vec<String>,
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub mistakes: Vec<Mistake>,
    #[serde(default)]
    pub hints: Vec<Hint>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Objective {
    pub text: String,
    pub goal: Goal,
    #[serde(default = "yes")]
    pub required: bool,
    #[serde(default)]
    pub points: i32,
    /// Must be met within this much simulated time from the start.
    #[serde(default)]
    pub within: Option<Span>,
}

fn yes() -> bool {
    true
}

/// A condition on the world or the event log.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum Goal {
    /// The order is in one of these states.
    OrderIn {
        order: String,
        states: Vec<OrderState>,
    },
    /// A refund for the order arrived (to this payment method, if named).
    RefundReceived {
        order: String,
        #[serde(default)]
        method: Option<String>,
    },
    DisputeOpened {
        order: String,
        #[serde(default)]
        kind: Option<DisputeKind>,
    },
    /// A support conversation was opened (in this FAQ category / about this order).
    SupportOpened {
        #[serde(default)]
        category: Option<String>,
        #[serde(default)]
        order: Option<String>,
    },
    /// The coupon is back in the buyer's account.
    CouponBack {
        coupon: String,
    },
    /// No chargeback was filed (through this route, if named).
    NoChargeback {
        #[serde(default)]
        via: Option<ChargebackRoute>,
    },
    /// The buyer never confirmed receipt of the order.
    ReceiptNotConfirmed {
        order: String,
    },
    /// The trainee did this, and the platform allowed it (on this order, if named):
    /// "messaged the seller".
    Did {
        action: ActionKind,
        #[serde(default)]
        order: Option<String>,
    },
    /// The trainee did `first` before `then`, both allowed: "messaged the seller before
    /// opening a claim". Doing `then` without `first` before it misses the goal for good.
    Before {
        first: Deed,
        then: Deed,
    },
    /// The order was paid with this payment method.
    PaidWith {
        order: String,
        method: String,
    },
    All(Vec<Goal>),
    Any(Vec<Goal>),
}

/// One kind of trainee action, on one order if named: a step of a `Before` goal.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Deed {
    pub action: ActionKind,
    #[serde(default)]
    pub order: Option<String>,
}

/// Which trainee action a mistake is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
pub enum ActionKind {
    Checkout,
    Pay,
    DeleteSelected,
    CancelOrder,
    RequestCancellation,
    WithdrawCancellation,
    AskSupportToCancel,
    ConfirmReceipt,
    LeaveReview,
    OpenDispute,
    AcceptCounterOffer,
    RejectCounterOffer,
    Escalate,
    ShipReturn,
    WriteToSupport,
    MessageSeller,
    FileChargeback,
    RefuseParcel,
    AddOrderToCart,
    AnswerBank,
    RefundTo,
    SwitchDevice,
}

impl ActionKind {
    pub fn of(action: &Action) -> Option<ActionKind> {
        Some(match action {
            Action::Checkout { .. } => ActionKind::Checkout,
            Action::Pay { .. } => ActionKind::Pay,
            Action::DeleteSelected => ActionKind::DeleteSelected,
            Action::CancelOrder { .. } => ActionKind::CancelOrder,
            Action::RequestCancellation { .. } => ActionKind::RequestCancellation,
            Action::WithdrawCancellation { .. } => ActionKind::WithdrawCancellation,
            Action::AskSupportToCancel { .. } => ActionKind::AskSupportToCancel,
            Action::ConfirmReceipt { .. } => ActionKind::ConfirmReceipt,
            Action::LeaveReview { .. } => ActionKind::LeaveReview,
            Action::OpenDispute { .. } => ActionKind::OpenDispute,
            Action::AcceptCounterOffer { .. } => ActionKind::AcceptCounterOffer,
            Action::RejectCounterOffer { .. } => ActionKind::RejectCounterOffer,
            Action::Escalate { .. } => ActionKind::Escalate,
            Action::ShipReturn { .. } => ActionKind::ShipReturn,
            Action::WriteToSupport { .. } => ActionKind::WriteToSupport,
            Action::MessageSeller { .. } => ActionKind::MessageSeller,
            Action::FileChargeback { .. } => ActionKind::FileChargeback,
            Action::RefuseParcel { .. } => ActionKind::RefuseParcel,
            Action::AddOrderToCart { .. } => ActionKind::AddOrderToCart,
            Action::AnswerBank { .. } => ActionKind::AnswerBank,
            Action::RefundTo { .. } => ActionKind::RefundTo,
            Action::SwitchDevice { .. } => ActionKind::SwitchDevice,
            _ => return None,
        })
    }
}

/// When an attempt counts as the mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
pub enum Outcome {
    /// Whether or not the platform allowed it.
    #[default]
    Tried,
    /// The platform allowed it and it happened.
    Done,
    /// The platform refused it.
    Refused,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Mistake {
    /// What went wrong and the rule behind it, as the debrief explains it.
    pub text: String,
    pub penalty: i32,
    pub action: ActionKind,
    #[serde(default)]
    pub outcome: Outcome,
    #[serde(default)]
    pub order: Option<String>,
    /// The cancellation reason blames the seller (per the policy's list).
    #[serde(default)]
    pub reason_blames_seller: Option<bool>,
    #[serde(default)]
    pub via: Option<ChargebackRoute>,
    #[serde(default)]
    pub dispute: Option<DisputeKind>,
    /// Only while the order had not been delivered (a parcel that never came).
    #[serde(default)]
    pub before_delivery: bool,
    /// The cancellation reason counts as weighty for support (per the policy's list).
    #[serde(default)]
    pub reason_weighty: Option<bool>,
    /// A dispute opened, or escalated, without any evidence.
    #[serde(default)]
    pub without_evidence: bool,
    /// Only if the trainee had not done this before (on the same order): a claim opened
    /// `without_first: MessageSeller`.
    #[serde(default)]
    pub without_first: Option<ActionKind>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Hint {
    pub text: String,
    /// Points it costs when asked for; a hint shown because the trainee was stuck is free.
    #[serde(default)]
    pub cost: i32,
    /// Shown by itself after this much simulated time without a trainee action.
    #[serde(default)]
    pub after_idle: Option<Span>,
    /// The objective (counted from 1, as listed) this hint helps with: once it is met the
    /// hint is no longer offered.
    #[serde(default)]
    pub for_objective: Option<usize>,
}
