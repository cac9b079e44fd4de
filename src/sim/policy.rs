//! A platform's rules as data. Every number of the rulebook lives here, read from a preset
//! in `assets/policies/` and overridable field by field from a scenario.

use super::money::Money;
use super::time::{Calendar, Span};
use super::world::{MethodKind, OrderState};
use chrono::{NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Where the direct-cancel window is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowStart {
    Payment,
    Placement,
}

/// What a buyer can do once the direct-cancel window has closed, before shipment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AfterWindow {
    /// Ask the seller, who has `seller_answer_time` to approve or refuse.
    RequestToSeller,
    /// Write to support with a weighty reason; support decides in `support_cancel_review`.
    ThroughSupport,
    NotPossible,
}

/// What happens to a cancellation request the seller never answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnansweredRequest {
    /// The order is cancelled only when its processing time expires.
    CancelWhenProcessingExpires,
    /// The request counts as approved when the seller's answer time runs out.
    ApproveAtAnswerDeadline,
    /// The request lapses when the seller's answer time runs out: the order goes on.
    LapsesAtAnswerDeadline,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelReason {
    pub text: String,
    /// A reason that puts the blame on the seller may bring the seller sanctions, so
    /// sellers tend to refuse it.
    #[serde(default)]
    pub blames_seller: bool,
    /// Counts as a weighty reason when a cancellation goes through support.
    #[serde(default)]
    pub weighty: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaqEntry {
    pub category: String,
    pub question: String,
    pub answer: String,
    /// What support does, beyond answering, when a buyer writes in this category about an order.
    #[serde(default)]
    pub acts: Option<SupportAct>,
    /// The order-page actions this category is about: support names those the order allows
    /// now, and says why the others are not possible, instead of repeating the ready answer.
    #[serde(default)]
    pub suggests: Vec<OfferKind>,
}

/// What support can do for a buyer who writes about an order, as the sources describe it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SupportAct {
    /// Cancels what can still be cancelled; a shipped parcel is intercepted if the policy
    /// has interceptions (`interception_time`).
    CancelOrder,
    /// Files a chargeback with the platform, decided in `platform_chargeback_time`.
    FileChargeback,
    /// Passes the question to the seller, whose scripted rules answer, and relays the answer.
    AskSeller,
}

/// Where the buyer is using the platform from: some actions exist in one channel only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Device {
    #[default]
    Website,
    App,
}

impl Device {
    pub fn name(self) -> &'static str {
        match self {
            Device::Website => "the website",
            Device::App => "the mobile app",
        }
    }

    /// Where, with its preposition: "in the mobile app", "on the website".
    pub fn place(self) -> &'static str {
        match self {
            Device::Website => "on the website",
            Device::App => "in the mobile app",
        }
    }
}

/// An action the platform offers in one channel only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelRule {
    pub action: OfferKind,
    pub device: Device,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefundTiming {
    pub method: MethodKind,
    pub to_processing: Span,
    pub to_sent: Span,
    pub to_received: Span,
}

/// The actions an order page offers, by what they do: a platform may name them its own way
/// (`action_labels`), and offers only those it has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum OfferKind {
    Pay,
    AddToCart,
    CancelOrder,
    RequestCancellation,
    WithdrawCancellation,
    AskSupportToCancel,
    ConfirmReceipt,
    RefuseParcel,
    LeaveReview,
    DisputeNoTracking,
    DisputeNotReceived,
    DisputeNotAsDescribed,
    DisputeReturn,
    AcceptOffer,
    RejectOffer,
    Escalate,
    ShipReturn,
    MessageSeller,
    ChargebackPlatform,
    ChargebackBank,
    /// Answer the bank's request for more information about a chargeback.
    AnswerBank,
    /// Have the refunds of the order paid as points (or store credit) instead.
    RefundAsPoints,
    /// Have the refunds of the order paid to the method that paid, as at first.
    RefundToPayment,
    /// "Ask your own question" in support: some platforms have it in one channel only.
    AskOwnQuestion,
}

impl OfferKind {
    /// The plain name, when the platform gives none of its own.
    pub fn plain_label(self) -> &'static str {
        match self {
            OfferKind::Pay => "Pay",
            OfferKind::AddToCart => "Add to cart",
            OfferKind::CancelOrder => "Cancel order",
            OfferKind::RequestCancellation => "Request cancellation",
            OfferKind::WithdrawCancellation => "Resume order",
            OfferKind::AskSupportToCancel => "Ask support to cancel",
            OfferKind::ConfirmReceipt => "Confirm receipt",
            OfferKind::RefuseParcel => "Refuse parcel",
            OfferKind::LeaveReview => "Leave review",
            OfferKind::DisputeNoTracking => "Dispute: no tracking",
            OfferKind::DisputeNotReceived => "Dispute: not received",
            OfferKind::DisputeNotAsDescribed => "Dispute: not as described",
            OfferKind::DisputeReturn => "Dispute: return & refund",
            OfferKind::AcceptOffer => "Accept offer",
            OfferKind::RejectOffer => "Reject offer",
            OfferKind::Escalate => "Escalate to platform",
            OfferKind::ShipReturn => "Ship the return",
            OfferKind::MessageSeller => "Message seller",
            OfferKind::ChargebackPlatform => "Chargeback via platform",
            OfferKind::ChargebackBank => "Chargeback via bank",
            OfferKind::AnswerBank => "Answer the bank",
            OfferKind::RefundAsPoints => "Refund as points",
            OfferKind::RefundToPayment => "Refund to payment method",
            OfferKind::AskOwnQuestion => "Ask your own question",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionLabel {
    pub action: OfferKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusGroup {
    pub name: String,
    pub states: Vec<OrderState>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateName {
    pub state: OrderState,
    pub name: String,
}

/// Declares `Policy` and `PolicyOverrides` from one list, so a new rule is one line and the
/// override type can never fall out of step with the policy.
macro_rules! policy_fields {
    ($( $(#[doc = $doc:literal])* $field:ident : $ty:ty ),* $(,)?) => {
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct Policy {
            $( $(#[doc = $doc])* pub $field: $ty, )*
        }

        /// The fields a scenario sets on top of a preset; everything else stays as the preset has it.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct PolicyOverrides {
            $( #[serde(default)] pub $field: Option<$ty>, )*
        }

        impl Policy {
            pub const FIELD_NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            pub fn apply(&mut self, overrides: PolicyOverrides) {
                $( if let Some(value) = overrides.$field { self.$field = value; } )*
            }
        }
    };
}

policy_fields! {
    /// The platform's name as trainees see it.
    name: String,
    /// One line that says what kind of platform this is.
    summary: String,
    weekend: Vec<Weekday>,
    holidays: Vec<NaiveDate>,
    /// An unpaid order closes by itself after this (20 days on one platform).
    unpaid_closes_after: Span,
    /// Payment verification; a buyer may cancel freely meanwhile.
    payment_verification: Span,
    /// Direct "Cancel order" inside this window (2 hours, 8 hours, a day). Zero: none.
    direct_cancel_window: Span,
    direct_cancel_from: WindowStart,
    after_window: AfterWindow,
    cancel_reason_required: bool,
    cancel_reasons: Vec<CancelReason>,
    /// How long a seller has to answer a cancellation request.
    seller_answer_time: Span,
    unanswered_request: UnansweredRequest,
    /// A cancellation may be requested only this long after payment (an hour on one
    /// platform). Zero: as long as the order has not shipped.
    cancel_request_window: Span,
    /// The seller must ship within this after payment; if not, the order is cancelled with a full refund.
    processing_time: Span,
    /// How long support takes to decide a cancellation after the window (about a day).
    support_cancel_review: Span,
    /// How long the shop's carrier takes to try to stop a shipped parcel a buyer wants to
    /// cancel. Zero: parcels are never intercepted.
    interception_time: Span,
    /// How long a stopped parcel takes to get back to the warehouse; the refund follows.
    intercepted_parcel_back_after: Span,
    /// After shipping, the order counts as received when this runs out.
    buyer_protection: Span,
    /// A "no tracking information" dispute opens only this long after shipping (6 days).
    no_tracking_dispute_after: Span,
    /// An "item not received" dispute opens only this long after shipping.
    not_received_dispute_after: Span,
    /// A seller who does not answer a dispute in this time loses it: the buyer's amount applies.
    seller_dispute_answer_time: Span,
    /// A claim may be opened only this long after the buyer first wrote to the seller about
    /// the order (48 hours on one platform). Zero: no need to write first.
    contact_seller_before_claim: Span,
    /// How long the platform takes to decide an escalated dispute.
    platform_decision_time: Span,
    /// A dispute the buyer leaves open after the seller refused or made an offer goes to the
    /// platform by itself this long after it was opened (day 16 on one platform).
    dispute_auto_escalates_after: Span,
    /// Goods can be returned within this after receipt (30 days).
    return_window: Span,
    /// The buyer must ship an agreed return within this, or the money goes to the seller.
    return_ship_deadline: Span,
    /// How long a return parcel travels back to the seller.
    return_transit: Span,
    return_shipping_cost: Money,
    buyer_pays_return_shipping: bool,
    /// Support answers a question within this (72 hours on working days).
    support_answer_time: Span,
    /// Buyers may write to sellers; if false, support mediates every contact.
    contact_seller_directly: bool,
    faq: Vec<FaqEntry>,
    /// A chargeback through the platform's support is decided in this (1–2 days).
    platform_chargeback_time: Span,
    /// A chargeback through the bank takes this (longer).
    bank_chargeback_time: Span,
    /// The bank asks the buyer for more information this long after a chargeback is filed.
    bank_asks_after: Span,
    /// How long the buyer has to answer the bank; without an answer the claim is refused.
    /// Zero: the bank never asks.
    bank_answer_time: Span,
    /// A chargeback may be filed this long after payment (180 days).
    chargeback_window: Span,
    refund_timing: Vec<RefundTiming>,
    /// Refunds may go to the buyer's points (store credit) instead of the method that paid:
    /// faster, but only spendable here.
    refund_as_points: bool,
    /// If a refund has not arrived this long after "sent", the buyer should contact support (10 working days).
    refund_late_after_sent: Span,
    /// A platform coupon comes back only when every item bought with it is cancelled.
    platform_coupon_back_only_when_all_cancelled: bool,
    /// A seller coupon comes back on a partial cancellation (false on the sources' platform).
    seller_coupon_back_on_partial_cancel: bool,
    /// An uncollected cash-on-delivery parcel goes back after this (about a month).
    cod_pickup_period: Span,
    /// What a buyer may still owe for a refused cash-on-delivery parcel.
    cod_refusal_fee: Money,
    /// How long an administrator reviews a frozen order.
    frozen_review_time: Span,
    /// A marketplace stands between buyer and seller: it holds the payment until receipt,
    /// decides escalated disputes and takes chargebacks. An independent shop has none: it
    /// is paid at once, and its own customer service decides.
    platform_mediates: bool,
    /// How a chargeback may be filed here.
    chargeback_routes: Vec<crate::sim::action::ChargebackRoute>,
    /// The disputes this platform offers (an independent shop: a return request only).
    dispute_kinds: Vec<super::world::DisputeKind>,
    /// The platform's own names for actions, where they differ from the plain ones.
    action_labels: Vec<ActionLabel>,
    /// Actions that exist in one channel only (cancel in the mobile app, write to support
    /// from the website).
    only_in: Vec<ChannelRule>,
    /// My Orders: the groups, in order, and the states each one shows.
    status_groups: Vec<StatusGroup>,
    /// The platform's own words for states; the others keep a plain name.
    state_names: Vec<StateName>,
}

impl Policy {
    pub fn calendar(&self) -> Calendar {
        Calendar {
            weekend: self.weekend.clone(),
            holidays: self.holidays.clone(),
        }
    }

    pub fn state_name(&self, state: OrderState) -> &str {
        self.state_names
            .iter()
            .find(|n| n.state == state)
            .map(|n| n.name.as_str())
            .unwrap_or_else(|| state.plain_name())
    }

    pub fn refund_timing(&self, kind: MethodKind) -> Option<&RefundTiming> {
        self.refund_timing.iter().find(|t| t.method == kind)
    }

    pub fn reason(&self, text: &str) -> Option<&CancelReason> {
        self.cancel_reasons.iter().find(|r| r.text == text)
    }

    /// What the platform calls an action.
    pub fn label(&self, kind: OfferKind) -> &str {
        self.action_labels
            .iter()
            .find(|l| l.action == kind)
            .map(|l| l.text.as_str())
            .unwrap_or_else(|| kind.plain_label())
    }

    pub fn has_direct_cancel(&self) -> bool {
        !self.direct_cancel_window.is_zero()
    }

    /// The only channel an action exists in, if the platform limits it to one.
    pub fn only_in(&self, kind: OfferKind) -> Option<Device> {
        self.only_in
            .iter()
            .find(|r| r.action == kind)
            .map(|r| r.device)
    }

    /// The FAQ entry of a support category.
    pub fn faq_entry(&self, category: &str) -> Option<&FaqEntry> {
        self.faq.iter().find(|f| f.category == category)
    }
}
