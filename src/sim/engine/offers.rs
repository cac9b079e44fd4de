//! The actions an order offers right now, each with the core's verdict, so a UI can show
//! what is possible and grey out the rest with the reason — without deciding any rule.

use super::Simulation;
use crate::sim::action::{Action, ChargebackRoute, Refusal};
use crate::sim::policy::AfterWindow;
use crate::sim::world::DisputeKind;

#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub label: String,
    /// The action with placeholder details; a UI asks the trainee for the real ones
    /// (a reason, a dispute form) when `needs_input` is set.
    pub action: Action,
    pub needs_input: bool,
    pub verdict: Result<(), Refusal>,
}

impl Simulation {
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
        let mut list: Vec<(String, Action, bool)> = vec![
            (
                "Pay".into(),
                Action::Pay {
                    order: id(),
                    method: first_method,
                },
                true,
            ),
            (
                "Cancel order".into(),
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
        ];
        match self.policy.after_window {
            AfterWindow::RequestToSeller => {
                list.push((
                    "Request cancellation".into(),
                    Action::RequestCancellation {
                        order: id(),
                        reason: first_reason.clone().unwrap_or_default(),
                    },
                    true,
                ));
                list.push((
                    "Resume order".into(),
                    Action::WithdrawCancellation { order: id() },
                    false,
                ));
            }
            AfterWindow::ThroughSupport => list.push((
                "Ask support to cancel".into(),
                Action::AskSupportToCancel {
                    order: id(),
                    reason: first_weighty,
                },
                true,
            )),
            AfterWindow::NotPossible => {}
        }
        list.push((
            "Confirm receipt".into(),
            Action::ConfirmReceipt { order: id() },
            false,
        ));
        if o.is_cash_on_delivery(&self.world.buyer) {
            list.push((
                "Refuse parcel".into(),
                Action::RefuseParcel { order: id() },
                false,
            ));
        }
        list.push((
            "Leave review".into(),
            Action::LeaveReview {
                order: id(),
                stars: 5,
                text: String::new(),
            },
            true,
        ));
        for (kind, label) in [
            (DisputeKind::NoTrackingInfo, "Dispute: no tracking"),
            (DisputeKind::NotReceived, "Dispute: not received"),
            (DisputeKind::NotAsDescribed, "Dispute: not as described"),
            (DisputeKind::ReturnGoodsAndMoney, "Dispute: return & refund"),
        ] {
            list.push((
                label.to_owned(),
                Action::OpenDispute {
                    order: id(),
                    kind,
                    description: String::new(),
                    evidence: Vec::new(),
                    amount: None,
                },
                true,
            ));
        }
        list.push((
            "Accept offer".into(),
            Action::AcceptCounterOffer { order: id() },
            false,
        ));
        list.push((
            "Reject offer".into(),
            Action::RejectCounterOffer { order: id() },
            false,
        ));
        list.push((
            "Escalate to platform".into(),
            Action::Escalate { order: id() },
            false,
        ));
        list.push((
            "Ship the return".into(),
            Action::ShipReturn { order: id() },
            false,
        ));
        if self.policy.contact_seller_directly {
            list.push((
                "Message seller".into(),
                Action::MessageSeller {
                    order: id(),
                    text: "Hello".into(),
                },
                true,
            ));
        }
        list.push((
            "Chargeback via platform".into(),
            Action::FileChargeback {
                order: id(),
                via: ChargebackRoute::Platform,
            },
            false,
        ));
        list.push((
            "Chargeback via bank".into(),
            Action::FileChargeback {
                order: id(),
                via: ChargebackRoute::Bank,
            },
            false,
        ));
        list.into_iter()
            .map(|(label, action, needs_input)| {
                let verdict = self.check(&action);
                Offer {
                    label,
                    action,
                    needs_input,
                    verdict,
                }
            })
            .collect()
    }
}
