//! Cancelling: directly inside the window, by asking the seller, or through support.

use super::{Due, Simulation};
use crate::sim::action::Refusal;
use crate::sim::agent::{Situation, Trigger};
use crate::sim::log::{Fact, Party};
use crate::sim::policy::{AfterWindow, UnansweredRequest, WindowStart};
use crate::sim::time::{Moment, show};
use crate::sim::world::{CancelRequest, Channel, Order, OrderState};

impl Simulation {
    /// When the direct-cancel window of a paid order closes, if the platform has one.
    pub fn cancel_window_end(&self, order: &Order) -> Option<Moment> {
        if !self.policy.has_direct_cancel() {
            return None;
        }
        let base = match self.policy.direct_cancel_from {
            WindowStart::Payment => order.paid_at?,
            WindowStart::Placement => order.placed_at,
        };
        Some(self.calendar.add(base, self.policy.direct_cancel_window))
    }

    fn window_is_open(&self, order: &Order) -> bool {
        self.cancel_window_end(order)
            .is_some_and(|end| self.now <= end)
    }

    /// What a buyer can do instead once the window is closed.
    fn after_window_hint(&self) -> &'static str {
        match self.policy.after_window {
            AfterWindow::RequestToSeller => "You can ask the seller to cancel instead.",
            AfterWindow::ThroughSupport => {
                "You can ask support to cancel it, with a weighty reason."
            }
            AfterWindow::NotPossible => "Wait for delivery and return it, or refuse it on arrival.",
        }
    }

    fn check_reason(&self, reason: Option<&str>) -> Result<(), Refusal> {
        let list = || {
            self.policy
                .cancel_reasons
                .iter()
                .map(|r| format!("\"{}\"", r.text))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match reason {
            None if self.policy.cancel_reason_required => Err(Refusal::new(format!(
                "Choose a reason for cancelling: {}.",
                list()
            ))),
            Some(text) if self.policy.reason(text).is_none() => Err(Refusal::new(format!(
                "\"{text}\" is not one of this platform's reasons: {}.",
                list()
            ))),
            _ => Ok(()),
        }
    }

    /// Why a paid order that is past "awaiting shipment" cannot be cancelled.
    fn not_cancellable(&self, o: &Order) -> Refusal {
        let state = self.state_of(o);
        match o.state {
            OrderState::Delivered => Refusal::new(format!(
                "{} has arrived; an order that has arrived can no longer be cancelled. Return it, or open a dispute if it is not as described.",
                o.id
            )),
            OrderState::Shipped => Refusal::new(format!(
                "{} was shipped{}; a shipped order can no longer be cancelled. Wait for it and return it, or open a dispute if it does not come.",
                o.id,
                o.shipped_at
                    .map(|at| format!(" on {}", show(at)))
                    .unwrap_or_default()
            )),
            OrderState::Received | OrderState::Completed => Refusal::new(format!(
                "You confirmed receipt of {}; it can no longer be cancelled. A return may still be possible.",
                o.id
            )),
            OrderState::CancelRequested => Refusal::new(format!(
                "A cancellation request for {} is waiting for the seller's answer.",
                o.id
            )),
            OrderState::Frozen => Refusal::new(format!(
                "{} is frozen while the platform reviews it; nothing can be done until the review ends.",
                o.id
            )),
            OrderState::Refunding => Refusal::new(format!(
                "{} is already cancelled: its refund is on its way (\"{state}\").",
                o.id
            )),
            OrderState::Cancelled | OrderState::Closed => {
                Refusal::new(format!("{} is already closed (\"{state}\").", o.id))
            }
            _ => Refusal::new(format!(
                "{} cannot be cancelled while it is \"{state}\".",
                o.id
            )),
        }
    }

    pub(super) fn check_cancel(
        &self,
        order: &str,
        reason: Option<&str>,
        items: &[String],
    ) -> Result<(), Refusal> {
        let o = self.find(order)?;
        for item in items {
            match o.lines.iter().find(|l| &l.item == item) {
                None => {
                    return Err(Refusal::new(format!("{order} has no item {item}.")));
                }
                Some(l) if l.cancelled => {
                    return Err(Refusal::new(format!(
                        "{item} of {order} is already cancelled."
                    )));
                }
                Some(_) => {}
            }
        }
        match o.state {
            // The platform's reason list applies to every cancel, not only after payment.
            OrderState::Unpaid | OrderState::Verifying => self.check_reason(reason),
            OrderState::AwaitingShipment => {
                if o.money.paid.cents() == 0 && o.is_cash_on_delivery(&self.world.buyer) {
                    return self.check_reason(reason);
                }
                match self.cancel_window_end(o) {
                    None => Err(Refusal::new(format!(
                        "This platform has no direct cancel after payment. {}",
                        self.after_window_hint()
                    ))),
                    Some(end) if self.now > end => {
                        let base = match self.policy.direct_cancel_from {
                            WindowStart::Payment => ("of payment", "paid", o.paid_at),
                            WindowStart::Placement => {
                                ("of placing the order", "placed", Some(o.placed_at))
                            }
                        };
                        Err(Refusal::new(format!(
                            "Cancel is only possible within {} {}; {} at {}, the window closed at {}, now {}. {}",
                            self.policy.direct_cancel_window,
                            base.0,
                            base.1,
                            base.2.map(show).unwrap_or_default(),
                            show(end),
                            show(self.now),
                            self.after_window_hint()
                        )))
                    }
                    Some(_) => self.check_reason(reason),
                }
            }
            _ => Err(self.not_cancellable(o)),
        }
    }

    pub(super) fn cancel_directly(
        &mut self,
        order: &str,
        reason: Option<String>,
        items: &[String],
    ) {
        let state = match self.world.order(order) {
            Some(o) => o.state,
            None => return,
        };
        let why = match &reason {
            Some(r) => format!("cancelled by you: \"{r}\""),
            None => "cancelled by you".to_owned(),
        };
        match state {
            OrderState::Unpaid => self.cancel_lines(order, items, &why, OrderState::Cancelled),
            _ => self.cancel_lines(order, items, &why, OrderState::Refunding),
        }
    }

    pub(super) fn check_request_cancellation(
        &self,
        order: &str,
        reason: Option<&str>,
    ) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if o.state != OrderState::AwaitingShipment {
            return Err(match o.state {
                OrderState::Unpaid | OrderState::Verifying => Refusal::new(format!(
                    "{order} is not paid and verified yet: cancel it directly, no request needed."
                )),
                _ => self.not_cancellable(o),
            });
        }
        if self.policy.after_window != AfterWindow::RequestToSeller {
            return Err(Refusal::new(format!(
                "On this platform a cancellation is not requested from the seller. {}",
                self.after_window_hint()
            )));
        }
        if self.window_is_open(o) {
            let end = self.cancel_window_end(o).map(show).unwrap_or_default();
            return Err(Refusal::new(format!(
                "You can still cancel {order} directly until {end}: no need to ask the seller."
            )));
        }
        if let Some(closes) = self.request_window_end(o)
            && self.now > closes
        {
            return Err(Refusal::new(format!(
                "A cancellation can be requested only within {} of payment: paid {}, that closed {}. Wait for the parcel and return it, or refuse it on arrival.",
                self.policy.cancel_request_window,
                o.paid_at.map(show).unwrap_or_default(),
                show(closes)
            )));
        }
        self.check_reason(reason)
    }

    /// The last moment a cancellation may be requested, where the policy limits it.
    pub fn request_window_end(&self, order: &Order) -> Option<Moment> {
        if self.policy.cancel_request_window.is_zero()
            || self.policy.after_window != AfterWindow::RequestToSeller
        {
            return None;
        }
        Some(
            self.calendar
                .add(order.paid_at?, self.policy.cancel_request_window),
        )
    }

    pub(super) fn request_cancellation(&mut self, order: &str, given: Option<String>) {
        let reason = given.clone().unwrap_or_default();
        let answer_due = self.calendar.add(self.now, self.policy.seller_answer_time);
        let number = match self.world.order_mut(order) {
            Some(o) => {
                o.cancel_requests_made += 1;
                o.cancel_request = Some(CancelRequest {
                    reason: reason.clone(),
                    requested_at: self.now,
                    answer_due,
                    number: o.cancel_requests_made,
                });
                o.cancel_requests_made
            }
            None => return,
        };
        self.set_state(order, OrderState::CancelRequested);
        self.note(
            order,
            Fact::CancellationRequested {
                reason: reason.clone(),
            },
            match &given {
                Some(reason) => format!(
                    "Cancellation requested (\"{reason}\"); the seller has until {} to answer",
                    show(answer_due)
                ),
                None => format!(
                    "Cancellation requested; the seller has until {} to answer",
                    show(answer_due)
                ),
            },
        );
        self.schedule_at(
            answer_due,
            Due::CancelAnswerDue {
                order: order.to_owned(),
                request: number,
            },
        );
        let blames = self.policy.reason(&reason).is_some_and(|r| r.blames_seller);
        let situation = Situation {
            order,
            reason: given.as_deref(),
            reason_blames_seller: blames,
            ..Situation::default()
        };
        self.trigger_seller(order, Trigger::CancellationRequested, situation, self.now);
    }

    pub(super) fn check_withdraw(&self, order: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if o.state == OrderState::CancelRequested {
            Ok(())
        } else {
            Err(Refusal::new(format!(
                "{order} has no cancellation request to take back (status: {}).",
                self.state_of(o)
            )))
        }
    }

    pub(super) fn withdraw_cancellation(&mut self, order: &str) {
        if let Some(o) = self.world.order_mut(order) {
            o.cancel_request = None;
        }
        self.note(
            order,
            Fact::CancellationAnswered { approved: false },
            "You took the cancellation request back: the order goes on".to_owned(),
        );
        self.set_state(order, OrderState::AwaitingShipment);
    }

    /// The seller (or the policy, for a silent seller) answers a cancellation request.
    pub(super) fn answer_cancellation(&mut self, order: &str, approved: bool, message: &str) {
        if self.world.order(order).map(|o| o.state) != Some(OrderState::CancelRequested) {
            return;
        }
        self.note(
            order,
            Fact::CancellationAnswered { approved },
            message.to_owned(),
        );
        if approved {
            let reason = self
                .world
                .order(order)
                .and_then(|o| o.cancel_request.as_ref())
                .map(|r| r.reason.clone())
                .unwrap_or_default();
            self.cancel_lines(
                order,
                &[],
                &format!("cancellation approved (\"{reason}\")"),
                OrderState::Refunding,
            );
        } else {
            let reason = self
                .world
                .order_mut(order)
                .and_then(|o| o.cancel_request.take())
                .map(|r| r.reason)
                .unwrap_or_default();
            self.note_refused(
                order,
                Party::Seller,
                format!("cancellation (\"{reason}\")"),
                message.to_owned(),
            );
            self.set_state(order, OrderState::AwaitingShipment);
        }
    }

    pub(super) fn cancel_answer_due(&mut self, order: &str, request: u32) {
        let current = self
            .world
            .order(order)
            .filter(|o| o.state == OrderState::CancelRequested)
            .and_then(|o| o.cancel_request.as_ref())
            .map(|r| r.number);
        if current != Some(request) {
            return;
        }
        match self.policy.unanswered_request {
            UnansweredRequest::ApproveAtAnswerDeadline => self.answer_cancellation(
                order,
                true,
                "The seller did not answer in time: the cancellation is approved",
            ),
            UnansweredRequest::LapsesAtAnswerDeadline => self.answer_cancellation(
                order,
                false,
                &format!(
                    "The seller did not answer within {}: the request lapsed and the order goes on",
                    self.policy.seller_answer_time
                ),
            ),
            UnansweredRequest::CancelWhenProcessingExpires => {
                let paid = self
                    .world
                    .order(order)
                    .and_then(|o| o.paid_at)
                    .unwrap_or(self.now);
                let end = self.calendar.add(paid, self.policy.processing_time);
                self.note(
                    order,
                    Fact::CancellationAnswered { approved: false },
                    format!(
                        "The seller did not answer by the deadline; the order will be cancelled when its processing time ends ({}) unless it ships",
                        show(end)
                    ),
                );
            }
        }
    }

    pub(super) fn check_support_cancel(&self, order: &str, reason: &str) -> Result<(), Refusal> {
        let o = self.find(order)?;
        if self.policy.after_window != AfterWindow::ThroughSupport {
            return Err(Refusal::new(format!(
                "On this platform support does not cancel orders. {}",
                self.after_window_hint()
            )));
        }
        match o.state {
            OrderState::AwaitingShipment if self.window_is_open(o) => {
                let end = self.cancel_window_end(o).map(show).unwrap_or_default();
                Err(Refusal::new(format!(
                    "You can still cancel {order} yourself until {end}: no need for support."
                )))
            }
            OrderState::AwaitingShipment => self.check_reason(Some(reason)),
            // A shipped parcel may still be stopped on its way, where the shop intercepts.
            OrderState::Shipped if !self.policy.interception_time.is_zero() => {
                if o.interception.is_some() {
                    return Err(Refusal::new(format!(
                        "Customer service is already trying to stop the parcel of {order}."
                    )));
                }
                self.check_reason(Some(reason))
            }
            _ => Err(self.not_cancellable(o)),
        }
    }

    pub(super) fn ask_support_to_cancel(&mut self, order: &str, reason: String) {
        let text = format!("Please cancel order {order}. Reason: {reason}.");
        let conversation = self.open_conversation(
            Channel::Support {
                category: "Cancel an order".to_owned(),
            },
            Some(order.to_owned()),
            format!("Cancel order {order}"),
            text,
            Vec::new(),
            self.policy.support_cancel_review,
        );
        self.schedule_after(
            self.policy.support_cancel_review,
            Due::SupportCancelDecision {
                order: order.to_owned(),
                conversation,
                reason,
            },
        );
    }

    pub(super) fn support_cancel_decision(&mut self, order: &str, conversation: u32, reason: &str) {
        if self.can_try_interception(order) {
            self.start_interception(order, conversation);
            return;
        }
        let state = self.world.order(order).map(|o| o.state);
        let weighty = self.policy.reason(reason).is_some_and(|r| r.weighty);
        let answer = if state != Some(OrderState::AwaitingShipment) {
            format!(
                "We could not cancel order {order}: it is now \"{}\".",
                state
                    .map(|s| self.policy.state_name(s).to_owned())
                    .unwrap_or_default()
            )
        } else if !weighty {
            let weighty: Vec<String> = self
                .policy
                .cancel_reasons
                .iter()
                .filter(|r| r.weighty)
                .map(|r| format!("\"{}\"", r.text))
                .collect();
            format!(
                "We cannot cancel order {order} for the reason \"{reason}\" after the cancellation window. Reasons we accept: {}.",
                weighty.join(", ")
            )
        } else {
            format!("Order {order} has been cancelled; your refund is on its way.")
        };
        let granted = state == Some(OrderState::AwaitingShipment) && weighty;
        if !granted {
            self.note_refused(
                order,
                Party::Support,
                format!("cancellation through support (\"{reason}\")"),
                answer.clone(),
            );
        }
        self.support_says(conversation, answer);
        if granted {
            self.cancel_lines(
                order,
                &[],
                &format!("cancelled by support (\"{reason}\")"),
                OrderState::Refunding,
            );
        }
    }

    /// The seller did not ship within the processing time: the platform cancels with a full refund.
    pub(super) fn processing_expired(&mut self, order: &str) {
        let state = self.world.order(order).map(|o| o.state);
        if !matches!(
            state,
            Some(OrderState::AwaitingShipment | OrderState::CancelRequested)
        ) {
            return;
        }
        self.cancel_lines(
            order,
            &[],
            &format!(
                "the seller did not ship within the processing time ({})",
                self.policy.processing_time
            ),
            OrderState::Refunding,
        );
    }
}
