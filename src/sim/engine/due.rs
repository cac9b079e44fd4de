//! Things scheduled to happen, and what each does when its time comes.
//!
//! A timer may outlive the situation that set it (a request taken back, a dispute settled);
//! each handler checks that the situation still holds before acting. The timers of a frozen
//! order wait for its review to end instead, so that none is lost to the freeze.

use super::Simulation;
use super::windows::{Edge, WindowEdge, WindowKind};
use crate::sim::agent::{Happening, Response, Trigger};
use crate::sim::log::Fact;
use crate::sim::time::{Moment, show};
use crate::sim::world::{OrderState, RefundStage};

/// A timer that came due while its order was frozen, with the moment it came due.
pub(super) type Paused = (Moment, Due);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    VerificationDone {
        order: String,
    },
    UnpaidExpires {
        order: String,
    },
    ProcessingExpires {
        order: String,
    },
    CancelAnswerDue {
        order: String,
        request: u32,
    },
    SellerActs {
        order: String,
        response: Response,
        trigger: Trigger,
        context: u32,
    },
    /// The buyer let a refused or countered dispute sit: the platform takes it over.
    DisputeAutoEscalates {
        order: String,
        dispute: u32,
    },
    SellerDisputeDue {
        order: String,
        dispute: u32,
    },
    PlatformDecides {
        order: String,
        dispute: u32,
    },
    ReturnShipDue {
        order: String,
        dispute: u32,
    },
    ReturnArrives {
        order: String,
        dispute: u32,
    },
    RefundStep {
        refund: u32,
    },
    /// A refund sent long enough ago that it counts as late if it has not arrived.
    RefundLate {
        refund: u32,
    },
    SupportAnswers {
        conversation: u32,
    },
    SupportCancelDecision {
        order: String,
        conversation: u32,
        reason: String,
    },
    ProtectionEnds {
        order: String,
    },
    ChargebackDecided {
        order: String,
    },
    FreezeReviewDone {
        order: String,
        fraud: bool,
    },
    CodReturns {
        order: String,
    },
    /// The carrier has had its time to stop a parcel: if it has not, it cannot.
    InterceptionTimesOut {
        order: String,
    },
    /// A stopped parcel reaches the warehouse: the refund follows.
    BackAtWarehouse {
        order: String,
    },
    /// The seller's time to answer a question support passed on runs out.
    RelayExpires {
        order: String,
        conversation: u32,
    },
    /// The bank asks for more information about a chargeback.
    BankAsks {
        order: String,
    },
    /// The bank's deadline for that information.
    BankAnswerDue {
        order: String,
    },
    World(Happening),
    /// A window of an order opens or closes: changes nothing, but the clock stops here.
    WindowEdge {
        order: String,
        kind: WindowKind,
        edge: Edge,
    },
}

impl Due {
    /// A short line for a "coming up" view.
    pub fn describe(&self) -> String {
        match self {
            Due::VerificationDone { order } => format!("{order}: payment verification ends"),
            Due::UnpaidExpires { order } => format!("{order}: closes if still unpaid"),
            Due::ProcessingExpires { order } => format!("{order}: processing time ends"),
            Due::CancelAnswerDue { order, .. } => format!("{order}: seller's answer due"),
            Due::SellerActs {
                order, response, ..
            } => format!("{order}: the seller {}", response.says()),
            Due::SellerDisputeDue { order, .. } => format!("{order}: seller's dispute answer due"),
            Due::DisputeAutoEscalates { order, .. } => {
                format!("{order}: dispute goes to the platform")
            }
            Due::PlatformDecides { order, .. } => format!("{order}: platform decision"),
            Due::ReturnShipDue { order, .. } => format!("{order}: return must be shipped"),
            Due::ReturnArrives { order, .. } => format!("{order}: return reaches the seller"),
            Due::RefundStep { refund } => format!("refund #{refund}: next stage"),
            Due::RefundLate { refund } => format!("refund #{refund}: late if not arrived"),
            Due::SupportAnswers { conversation } => format!("support answers #{conversation}"),
            Due::SupportCancelDecision { order, .. } => format!("{order}: support decides"),
            Due::ProtectionEnds { order } => format!("{order}: buyer protection ends"),
            Due::ChargebackDecided { order } => format!("{order}: chargeback decision"),
            Due::FreezeReviewDone { order, .. } => format!("{order}: freeze review ends"),
            Due::CodReturns { order } => format!("{order}: uncollected parcel goes back"),
            Due::InterceptionTimesOut { order } => {
                format!("{order}: the carrier's answer on stopping the parcel")
            }
            Due::BackAtWarehouse { order } => {
                format!("{order}: stopped parcel back at the warehouse")
            }
            Due::RelayExpires { order, .. } => {
                format!("{order}: the seller's answer to support due")
            }
            Due::BankAsks { order } => format!("{order}: the bank may ask for more information"),
            Due::BankAnswerDue { order } => format!("{order}: the bank's deadline for your answer"),
            Due::World(h) => format!("{}: world event", h.order()),
            Due::WindowEdge { order, kind, edge } => format!(
                "{order}: {} {}",
                kind.name(),
                match edge {
                    Edge::Opens => "opens",
                    Edge::Closes => "closes",
                }
            ),
        }
    }

    /// The order it is about, if one.
    pub fn order(&self) -> Option<&str> {
        match self {
            Due::VerificationDone { order }
            | Due::UnpaidExpires { order }
            | Due::ProcessingExpires { order }
            | Due::CancelAnswerDue { order, .. }
            | Due::SellerActs { order, .. }
            | Due::DisputeAutoEscalates { order, .. }
            | Due::SellerDisputeDue { order, .. }
            | Due::PlatformDecides { order, .. }
            | Due::ReturnShipDue { order, .. }
            | Due::ReturnArrives { order, .. }
            | Due::SupportCancelDecision { order, .. }
            | Due::ProtectionEnds { order }
            | Due::ChargebackDecided { order }
            | Due::FreezeReviewDone { order, .. }
            | Due::CodReturns { order }
            | Due::InterceptionTimesOut { order }
            | Due::BackAtWarehouse { order }
            | Due::RelayExpires { order, .. }
            | Due::BankAsks { order }
            | Due::BankAnswerDue { order }
            | Due::WindowEdge { order, .. } => Some(order),
            Due::World(happening) => Some(happening.order()),
            Due::RefundStep { .. } | Due::RefundLate { .. } | Due::SupportAnswers { .. } => None,
        }
    }

    /// The order whose own clock this is. Refund steps, support answers, chargeback and
    /// review decisions and the bank's doings are not on it: they go on during a freeze.
    pub(super) fn stops_while_frozen(&self) -> Option<&str> {
        match self {
            Due::VerificationDone { order }
            | Due::UnpaidExpires { order }
            | Due::ProcessingExpires { order }
            | Due::CancelAnswerDue { order, .. }
            | Due::SellerDisputeDue { order, .. }
            | Due::DisputeAutoEscalates { order, .. }
            | Due::PlatformDecides { order, .. }
            | Due::ReturnShipDue { order, .. }
            | Due::ReturnArrives { order, .. }
            | Due::SupportCancelDecision { order, .. }
            | Due::ProtectionEnds { order }
            | Due::CodReturns { order }
            | Due::World(Happening::ParcelDelivered { order }) => Some(order),
            // A seller's answer to a chargeback is part of deciding it, not of the order's life.
            Due::SellerActs { order, trigger, .. } if *trigger != Trigger::ChargebackFiled => {
                Some(order)
            }
            _ => None,
        }
    }
}

impl Simulation {
    /// Carries out what came due. A window edge that still matters is returned, so the
    /// clock can stop there.
    pub(super) fn handle(&mut self, due: Due) -> Option<WindowEdge> {
        // Nothing happens to a frozen order until its review ends: its own timers and the
        // seller's answers wait (see `resume_paused`) instead of acting on it or being lost.
        if let Some(order) = due.stops_while_frozen()
            && self.state_is(order, OrderState::Frozen)
        {
            self.paused.push((self.now, due));
            return None;
        }
        match due {
            Due::WindowEdge { order, kind, edge } => {
                return self.window_edge_due(order, kind, edge);
            }
            Due::VerificationDone { order } => {
                if self.state_is(&order, OrderState::Verifying) {
                    self.enter_awaiting_shipment(&order);
                }
            }
            Due::UnpaidExpires { order } => {
                if self.state_is(&order, OrderState::Unpaid) {
                    self.note(
                        &order,
                        Fact::News { what: "auto-close".into() },
                        format!(
                            "Not paid within {}: the order closed by itself (it stays in your list; \"Add to cart\" to buy again)",
                            self.policy.unpaid_closes_after
                        ),
                    );
                    self.set_state(&order, OrderState::Closed);
                }
            }
            Due::ProcessingExpires { order } => self.processing_expired(&order),
            Due::CancelAnswerDue { order, request } => self.cancel_answer_due(&order, request),
            Due::SellerActs {
                order,
                response,
                trigger,
                context,
            } => self.seller_acts(&order, response, trigger, context),
            Due::SellerDisputeDue { order, dispute } => self.seller_dispute_due(&order, dispute),
            Due::DisputeAutoEscalates { order, dispute } => self.auto_escalate(&order, dispute),
            Due::PlatformDecides { order, dispute } => self.platform_decides(&order, dispute),
            Due::ReturnShipDue { order, dispute } => self.return_ship_due(&order, dispute),
            Due::ReturnArrives { order, dispute } => self.return_arrives(&order, dispute),
            Due::RefundStep { refund } => self.refund_step(refund),
            Due::RefundLate { refund } => self.refund_late(refund),
            Due::SupportAnswers { conversation } => self.support_answers(conversation),
            Due::SupportCancelDecision {
                order,
                conversation,
                reason,
            } => self.support_cancel_decision(&order, conversation, &reason),
            Due::ProtectionEnds { order } => {
                let shipped = self.world.order(&order).and_then(|o| o.shipped_at);
                let ends = shipped.map(|s| self.calendar.add(s, self.policy.buyer_protection));
                let in_transit = self.state_is(&order, OrderState::Shipped)
                    || self.state_is(&order, OrderState::Delivered);
                if in_transit && ends.is_some_and(|e| e <= self.now) {
                    self.confirm_receipt(&order, false);
                }
            }
            Due::ChargebackDecided { order } => self.chargeback_decided(&order),
            Due::FreezeReviewDone { order, fraud } => self.freeze_review_done(&order, fraud),
            Due::CodReturns { order } => {
                self.cod_goes_back(&order, "You did not collect the parcel in time")
            }
            Due::InterceptionTimesOut { order } => self.interception_times_out(&order),
            Due::BackAtWarehouse { order } => self.back_at_warehouse(&order),
            Due::RelayExpires {
                order,
                conversation,
            } => self.relay_expires(&order, conversation),
            Due::BankAsks { order } => self.bank_asks(&order),
            Due::BankAnswerDue { order } => self.bank_answer_due(&order),
            Due::World(happening) => self.happen(happening),
        }
        None
    }

    /// The buyer-protection timer finds an order in a dispute and does nothing. When a
    /// rejected dispute sends the order back to "shipped" or "delivered" after protection
    /// has ended, it counts as received now instead of waiting forever.
    pub(super) fn confirm_if_protection_ended(&mut self, order: &str) {
        let Some(o) = self.world.order(order) else {
            return;
        };
        let in_transit = matches!(o.state, OrderState::Shipped | OrderState::Delivered);
        if in_transit
            && let Some(shipped) = o.shipped_at
            && self.calendar.add(shipped, self.policy.buyer_protection) <= self.now
        {
            self.confirm_receipt(order, false);
        }
    }

    /// The review of a frozen order is over: what came due on its own clock meanwhile
    /// happens now, in its order, against the state the review left.
    pub(super) fn resume_paused(&mut self, order: &str) {
        let (resumed, kept): (Vec<Paused>, Vec<Paused>) = std::mem::take(&mut self.paused)
            .into_iter()
            .partition(|(_, due)| due.stops_while_frozen() == Some(order));
        self.paused = kept;
        // The freeze stopped the order's clock: what came due during it comes due as long
        // after the freeze as it was after its start, not all at once now.
        let since = self
            .world
            .order_mut(order)
            .and_then(|o| o.frozen_since.take())
            .unwrap_or(self.now);
        for (at, due) in resumed {
            let left = (at - since).max(chrono::Duration::zero());
            self.schedule_at(self.now + left, due);
        }
        // Refunds keep moving during a freeze; one may have finished meanwhile.
        self.settle_if_refunded(order);
    }

    pub(super) fn state_is(&self, order: &str, state: OrderState) -> bool {
        self.world.order(order).is_some_and(|o| o.state == state)
    }

    fn happen(&mut self, happening: Happening) {
        match happening {
            Happening::ParcelDelivered { order } => self.parcel_delivered(&order),
            Happening::ParcelLost { order } => self.parcel_lost(&order),
            Happening::FreezeForFraud {
                order,
                fraud_confirmed,
            } => {
                let Some(state) = self.world.order(&order).map(|o| o.state) else {
                    return;
                };
                if state.is_final() {
                    return;
                }
                let review_ends = self.calendar.add(self.now, self.policy.frozen_review_time);
                self.freeze(&order);
                self.note(
                    &order,
                    Fact::Frozen,
                    format!(
                        "An administrator froze the order: the seller is suspected of fraud; review ends by {}",
                        show(review_ends)
                    ),
                );
                self.schedule_at(
                    review_ends,
                    Due::FreezeReviewDone {
                        order,
                        fraud: fraud_confirmed,
                    },
                );
            }
            Happening::BankDelaysRefund { order, by } => {
                let mut ids = Vec::new();
                for i in self.world.refund_positions(&order) {
                    let r = &mut self.world.refunds[i];
                    if r.stage != RefundStage::Received {
                        r.bank_delay.push(by);
                        ids.push(r.id);
                    }
                }
                for id in ids {
                    self.note(
                        &order,
                        Fact::RefundDelayed { refund: id },
                        format!("Your bank will post refund #{id} {by} later than usual"),
                    );
                }
            }
            Happening::RefundStalls { order } => {
                for i in self.world.refund_positions(&order) {
                    let r = &mut self.world.refunds[i];
                    if r.stage != RefundStage::Received {
                        r.stalled = true;
                    }
                }
            }
            Happening::SellerMessage { order, text } => self.seller_says(&order, &text),
        }
    }
}
