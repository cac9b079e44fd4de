//! The actions an order offers right now, each with the core's verdict, so a UI can show
//! what is possible and grey out the rest with the reason — without deciding any rule.
//! Each is named in the platform's own words, and an action the platform does not have at
//! all (an escalation where no platform mediates) is not offered.

use super::Simulation;
use crate::sim::action::{Action, ChargebackRoute, Refusal};
use crate::sim::policy::{AfterWindow, OfferKind};
use crate::sim::world::{DisputeKind, OrderState};

#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub kind: OfferKind,
    pub label: String,
    /// The action with placeholder details; a UI asks the trainee for the real ones
    /// (a reason, a dispute form) when `needs_input` is set.
    pub action: Action,
    pub needs_input: bool,
    pub verdict: Result<(), Refusal>,
}

/// What kind of order-page action an action is, for a platform's names and channels.
pub fn kind_of(action: &Action) -> Option<OfferKind> {
    Some(match action {
        Action::Pay { .. } => OfferKind::Pay,
        Action::AddOrderToCart { .. } => OfferKind::AddToCart,
        Action::CancelOrder { .. } => OfferKind::CancelOrder,
        Action::RequestCancellation { .. } => OfferKind::RequestCancellation,
        Action::WithdrawCancellation { .. } => OfferKind::WithdrawCancellation,
        Action::AskSupportToCancel { .. } => OfferKind::AskSupportToCancel,
        Action::ConfirmReceipt { .. } => OfferKind::ConfirmReceipt,
        Action::RefuseParcel { .. } => OfferKind::RefuseParcel,
        Action::LeaveReview { .. } => OfferKind::LeaveReview,
        Action::OpenDispute { kind, .. } => match kind {
            DisputeKind::NoTrackingInfo => OfferKind::DisputeNoTracking,
            DisputeKind::NotReceived => OfferKind::DisputeNotReceived,
            DisputeKind::NotAsDescribed => OfferKind::DisputeNotAsDescribed,
            DisputeKind::ReturnGoodsAndMoney => OfferKind::DisputeReturn,
        },
        Action::AcceptCounterOffer { .. } => OfferKind::AcceptOffer,
        Action::RejectCounterOffer { .. } => OfferKind::RejectOffer,
        Action::Escalate { .. } => OfferKind::Escalate,
        Action::ShipReturn { .. } => OfferKind::ShipReturn,
        Action::MessageSeller { .. } => OfferKind::MessageSeller,
        Action::FileChargeback {
            via: ChargebackRoute::Platform,
            ..
        } => OfferKind::ChargebackPlatform,
        Action::FileChargeback {
            via: ChargebackRoute::Bank,
            ..
        } => OfferKind::ChargebackBank,
        Action::AnswerBank { .. } => OfferKind::AnswerBank,
        Action::RefundTo { .. } => OfferKind::RefundAsPoints,
        Action::WriteToSupport { .. } => OfferKind::AskOwnQuestion,
        _ => return None,
    })
}

impl Simulation {
    /// Whether the platform has this action at all (whatever the order's state).
    fn has(&self, kind: OfferKind) -> bool {
        let policy = &self.policy;
        let dispute = |k| policy.dispute_kinds.contains(&k);
        match kind {
            OfferKind::RequestCancellation | OfferKind::WithdrawCancellation => {
                policy.after_window == AfterWindow::RequestToSeller
            }
            OfferKind::AskSupportToCancel => policy.after_window == AfterWindow::ThroughSupport,
            OfferKind::CancelOrder => true,
            OfferKind::DisputeNoTracking => dispute(DisputeKind::NoTrackingInfo),
            OfferKind::DisputeNotReceived => dispute(DisputeKind::NotReceived),
            OfferKind::DisputeNotAsDescribed => dispute(DisputeKind::NotAsDescribed),
            OfferKind::DisputeReturn => dispute(DisputeKind::ReturnGoodsAndMoney),
            OfferKind::Escalate => policy.platform_mediates,
            OfferKind::MessageSeller => policy.contact_seller_directly,
            OfferKind::ChargebackPlatform => policy
                .chargeback_routes
                .contains(&ChargebackRoute::Platform),
            OfferKind::ChargebackBank => policy.chargeback_routes.contains(&ChargebackRoute::Bank),
            OfferKind::AnswerBank => {
                policy.chargeback_routes.contains(&ChargebackRoute::Bank)
                    && !policy.bank_answer_time.is_zero()
            }
            OfferKind::RefundAsPoints | OfferKind::RefundToPayment => {
                policy.refund_as_points && self.points_method().is_some()
            }
            OfferKind::AskOwnQuestion => false,
            _ => true,
        }
    }

    pub fn offers(&self, order: &str) -> Vec<Offer> {
        let Some(o) = self.world.order(order) else {
            return Vec::new();
        };
        let id = || order.to_owned();
        let first_reason = self.policy.cancel_reasons.first().map(|r| r.text.clone());
        let first_weighty = self
            .policy
            .cancel_reasons
            .iter()
            .find(|r| r.weighty)
            .or(self.policy.cancel_reasons.first())
            .map(|r| r.text.clone())
            .unwrap_or_default();
        let first_method = self
            .world
            .buyer
            .methods
            .first()
            .map(|m| m.id.clone())
            .unwrap_or_default();
        let dispute = |kind| Action::OpenDispute {
            order: id(),
            kind,
            description: String::new(),
            evidence: Vec::new(),
            amount: None,
        };
        // A closed unpaid order offers "Add to cart" where it offered "Pay".
        let pay_or_again = if o.state == OrderState::Closed && o.paid_at.is_none() {
            (
                OfferKind::AddToCart,
                Action::AddOrderToCart { order: id() },
                false,
            )
        } else {
            (
                OfferKind::Pay,
                Action::Pay {
                    order: id(),
                    method: first_method,
                },
                true,
            )
        };
        let list: Vec<(OfferKind, Action, bool)> = vec![
            pay_or_again,
            (
                OfferKind::CancelOrder,
                Action::CancelOrder {
                    order: id(),
                    reason: if self.policy.cancel_reason_required {
                        first_reason.clone()
                    } else {
                        None
                    },
                    items: Vec::new(),
                },
                !self.policy.cancel_reasons.is_empty(),
            ),
            (
                OfferKind::RequestCancellation,
                Action::RequestCancellation {
                    order: id(),
                    reason: first_reason.clone(),
                },
                true,
            ),
            (
                OfferKind::WithdrawCancellation,
                Action::WithdrawCancellation { order: id() },
                false,
            ),
            (
                OfferKind::AskSupportToCancel,
                Action::AskSupportToCancel {
                    order: id(),
                    reason: first_weighty,
                },
                true,
            ),
            (
                OfferKind::ConfirmReceipt,
                Action::ConfirmReceipt { order: id() },
                false,
            ),
            (
                OfferKind::RefuseParcel,
                Action::RefuseParcel { order: id() },
                false,
            ),
            (
                OfferKind::LeaveReview,
                Action::LeaveReview {
                    order: id(),
                    stars: 5,
                    text: String::new(),
                },
                true,
            ),
            (
                OfferKind::DisputeNoTracking,
                dispute(DisputeKind::NoTrackingInfo),
                true,
            ),
            (
                OfferKind::DisputeNotReceived,
                dispute(DisputeKind::NotReceived),
                true,
            ),
            (
                OfferKind::DisputeNotAsDescribed,
                dispute(DisputeKind::NotAsDescribed),
                true,
            ),
            (
                OfferKind::DisputeReturn,
                dispute(DisputeKind::ReturnGoodsAndMoney),
                true,
            ),
            (
                OfferKind::AcceptOffer,
                Action::AcceptCounterOffer { order: id() },
                false,
            ),
            (
                OfferKind::RejectOffer,
                Action::RejectCounterOffer { order: id() },
                false,
            ),
            (OfferKind::Escalate, Action::Escalate { order: id() }, false),
            (
                OfferKind::ShipReturn,
                Action::ShipReturn { order: id() },
                false,
            ),
            (
                OfferKind::MessageSeller,
                Action::MessageSeller {
                    order: id(),
                    text: "Hello".into(),
                },
                true,
            ),
            (
                OfferKind::ChargebackPlatform,
                Action::FileChargeback {
                    order: id(),
                    via: ChargebackRoute::Platform,
                },
                false,
            ),
            (
                OfferKind::ChargebackBank,
                Action::FileChargeback {
                    order: id(),
                    via: ChargebackRoute::Bank,
                },
                false,
            ),
            (
                OfferKind::AnswerBank,
                Action::AnswerBank {
                    order: id(),
                    text: String::new(),
                    evidence: vec!["receipt".into()],
                },
                true,
            ),
            // One of the two, whichever changes where the refunds go.
            if o.refund_to.is_some() {
                (
                    OfferKind::RefundToPayment,
                    Action::RefundTo {
                        order: id(),
                        method: o.method.clone().unwrap_or_default(),
                    },
                    false,
                )
            } else {
                (
                    OfferKind::RefundAsPoints,
                    Action::RefundTo {
                        order: id(),
                        method: self.points_method().unwrap_or_default().to_owned(),
                    },
                    false,
                )
            },
        ];
        let cash_on_delivery = o.is_cash_on_delivery(&self.world.buyer);
        list.into_iter()
            .filter(|(kind, _, _)| self.has(*kind))
            .filter(|(kind, _, _)| *kind != OfferKind::RefuseParcel || cash_on_delivery)
            .map(|(kind, action, needs_input)| {
                let verdict = self.check(&action);
                Offer {
                    kind,
                    label: self.policy.label(kind).to_owned(),
                    action,
                    needs_input,
                    verdict,
                }
            })
            .collect()
    }
}
