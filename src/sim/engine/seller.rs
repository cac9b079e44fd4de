//! Scripted sellers at work: which rule answers a trigger, and what its response does.

use super::{Due, Simulation};
use crate::sim::action::Refusal;
use crate::sim::agent::{Response, RuleFired, Situation, Trigger, first_match};
use crate::sim::log::{Fact, Party};
use crate::sim::money::Money;
use crate::sim::time::{Moment, show};
use crate::sim::world::{
    Author, Channel, DisputeStage, Message, OrderState, Tracking, TrackingEvent, TrackingKind,
};

impl Simulation {
    /// Finds the seller's first rule for `trigger` and schedules its response after the
    /// rule's delay, counted from `base` (the moment the trigger happened).
    pub(super) fn trigger_seller(
        &mut self,
        order: &str,
        trigger: Trigger,
        situation: Situation,
        base: Moment,
    ) {
        let Some(seller) = self.world.order(order).map(|o| o.seller.clone()) else {
            return;
        };
        let situation = Situation { order, ..situation };
        let Some((index, rule)) = self
            .seller_rules
            .get(&seller)
            .and_then(|rules| first_match(rules, trigger, &situation))
            .map(|(i, r)| (i, r.clone()))
        else {
            return;
        };
        self.rules_fired.push(RuleFired {
            at: self.now,
            seller,
            rule: index,
            order: order.to_owned(),
        });
        let at = self.calendar.add(base, rule.after);
        let context = self.context_number(order, trigger);
        self.schedule_at(
            at,
            Due::SellerActs {
                order: order.to_owned(),
                response: rule.response,
                trigger,
                context,
            },
        );
    }

    pub(super) fn trigger_seller_for_paid(&mut self, order: &str) {
        let base = self
            .world
            .order(order)
            .and_then(|o| o.paid_at)
            .unwrap_or(self.now);
        self.trigger_seller(order, Trigger::OrderPaid, Situation::default(), base);
    }

    /// The request or dispute a response answers, so a late answer to an old one is ignored.
    fn context_number(&self, order: &str, trigger: Trigger) -> u32 {
        let Some(o) = self.world.order(order) else {
            return 0;
        };
        match trigger {
            Trigger::CancellationRequested => o.cancel_requests_made,
            Trigger::DisputeOpened | Trigger::CounterOfferRejected | Trigger::ReturnShipped => {
                o.disputes_opened
            }
            _ => 0,
        }
    }

    pub(super) fn seller_acts(
        &mut self,
        order: &str,
        response: Response,
        trigger: Trigger,
        context: u32,
    ) {
        if self.context_number(order, trigger) != context {
            return;
        }
        // What the seller's answer depends on, as it stands now (not a copy of the order).
        let Some(o) = self.world.order(order).map(|o| Standing {
            seller: o.seller.clone(),
            state: o.state,
            money: o.money,
            dispute: o.dispute.clone(),
        }) else {
            return;
        };
        let seller_name = self
            .world
            .seller(&o.seller)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| o.seller.clone());
        match response {
            Response::StaySilent => {}
            Response::ApproveCancellation => {
                self.answer_cancellation(
                    order,
                    true,
                    &format!("{seller_name} approved the cancellation"),
                );
            }
            Response::RefuseCancellation { message } => {
                if o.state == OrderState::CancelRequested {
                    self.seller_says(order, &message);
                    self.answer_cancellation(
                        order,
                        false,
                        &format!("{seller_name} refused the cancellation: \"{message}\""),
                    );
                }
            }
            Response::Ship {
                tracking,
                delivered_after,
            } => {
                if !matches!(
                    o.state,
                    OrderState::AwaitingShipment | OrderState::CancelRequested
                ) {
                    return;
                }
                if o.state == OrderState::CancelRequested {
                    let text = format!(
                        "{seller_name} shipped the order instead of answering the cancellation request"
                    );
                    self.note(
                        order,
                        Fact::CancellationAnswered { approved: false },
                        text.clone(),
                    );
                    self.note_refused(order, Party::Seller, "cancellation".to_owned(), text);
                }
                self.ship(
                    order,
                    tracking,
                    delivered_after.map(|d| self.calendar.add(self.now, d)),
                );
            }
            Response::RaisePrice { by } => {
                if o.state != OrderState::Unpaid {
                    return;
                }
                // A rise may not take the order past what an order may come to.
                let due = self
                    .world
                    .order(order)
                    .map(|o| o.amount_due())
                    .unwrap_or_default();
                let raised = due.checked_add(by);
                if raised.is_none_or(|due| due > Money::MAX) {
                    self.note(
                        order,
                        Fact::News {
                            what: "price rise refused".into(),
                        },
                        format!(
                            "{seller_name} tried to raise the price by {by}, past {}, the most one order may come to: the price stays",
                            Money::MAX
                        ),
                    );
                    return;
                }
                if let Some(o) = self.world.order_mut(order) {
                    o.surcharge += by;
                }
                let due = self
                    .world
                    .order(order)
                    .map(|o| o.amount_due())
                    .unwrap_or_default();
                self.note(
                    order,
                    Fact::PriceRaised { by },
                    format!("{seller_name} raised the price by {by}: now {due} to pay"),
                );
            }
            Response::ReportOutOfStock => {
                if !matches!(
                    o.state,
                    OrderState::Unpaid
                        | OrderState::Verifying
                        | OrderState::AwaitingShipment
                        | OrderState::CancelRequested
                ) {
                    return;
                }
                self.seller_says(order, "Sorry, this item is out of stock.");
                let target = if o.state == OrderState::Unpaid {
                    OrderState::Cancelled
                } else {
                    OrderState::Refunding
                };
                self.cancel_lines(
                    order,
                    &[],
                    &format!("{seller_name} reported it out of stock"),
                    target,
                );
            }
            Response::AcceptDispute => {
                let Some(d) = o
                    .dispute
                    .filter(|d| d.stage == DisputeStage::AwaitingSeller)
                else {
                    return;
                };
                self.note(
                    order,
                    Fact::DisputeDecided { refund: d.amount },
                    format!("{seller_name} accepted the dispute"),
                );
                if d.kind == crate::sim::world::DisputeKind::ReturnGoodsAndMoney {
                    self.require_return(order);
                } else {
                    self.settle_dispute(order, d.amount, "the seller accepted the dispute");
                }
            }
            Response::AcceptReturn => {
                if o.dispute.as_ref().is_some_and(|d| {
                    matches!(
                        d.stage,
                        DisputeStage::AwaitingSeller | DisputeStage::RefusedBySeller(_)
                    )
                }) && o.state == OrderState::Dispute
                {
                    self.note(
                        order,
                        Fact::News {
                            what: "seller accepts return".into(),
                        },
                        format!("{seller_name} accepts the return"),
                    );
                    self.require_return(order);
                }
            }
            Response::OfferPartialRefund { amount } => {
                if o.state != OrderState::Dispute {
                    return;
                }
                let refundable = o.money.paid - o.money.refunded;
                let amount = amount.min(refundable);
                if let Some(d) = self.world.order_mut(order).and_then(|o| o.dispute.as_mut()) {
                    d.stage = DisputeStage::CounterOffer(amount);
                }
                self.note(
                    order,
                    Fact::CounterOffer { amount },
                    format!(
                        "{seller_name} offers a partial refund of {amount}: accept or reject it"
                    ),
                );
            }
            Response::RefuseDispute { message } => {
                if o.state != OrderState::Dispute {
                    return;
                }
                if let Some(d) = self.world.order_mut(order).and_then(|o| o.dispute.as_mut()) {
                    d.stage = DisputeStage::RefusedBySeller(message.clone());
                }
                self.note(
                    order,
                    Fact::News { what: "seller refuses dispute".into() },
                    format!("{seller_name} refused the dispute: \"{message}\"; you can escalate it to the platform"),
                );
                let kind = self
                    .world
                    .order(order)
                    .and_then(|o| o.dispute.as_ref())
                    .map(|d| d.kind.name())
                    .unwrap_or("");
                self.note_refused(
                    order,
                    Party::Seller,
                    format!("the \"{kind}\" dispute"),
                    format!("{seller_name} refused the dispute: \"{message}\""),
                );
            }
            Response::SendMessage { text } => self.seller_says(order, &text),
            Response::StopParcel => self.parcel_stopped(order),
            Response::ParcelNotStopped { message } => self.parcel_not_stopped(order, &message),
            Response::ContestChargeback { message } => self.contest_chargeback(order, &message),
        }
    }

    pub(super) fn ship(&mut self, order: &str, kind: TrackingKind, delivered_at: Option<Moment>) {
        let now = self.now;
        let number = format!("TRK{:08}", 40_000_000 + self.next_seq);
        let Some(o) = self.world.order_mut(order) else {
            return;
        };
        o.shipped_at = Some(now);
        o.cancel_request = None;
        o.tracking = Some(Tracking {
            number: number.clone(),
            kind,
            events: match kind {
                TrackingKind::Fake => Vec::new(),
                _ => vec![TrackingEvent {
                    at: now,
                    text: "Accepted by the carrier".to_owned(),
                }],
            },
            lost: false,
        });
        self.note(
            order,
            Fact::Shipped {
                genuine: kind == TrackingKind::Genuine,
            },
            format!("Marked as shipped, tracking number {number}"),
        );
        self.set_state(order, OrderState::Shipped);
        self.schedule_after(
            self.policy.buyer_protection,
            Due::ProtectionEnds {
                order: order.to_owned(),
            },
        );
        if kind == TrackingKind::Genuine
            && let Some(at) = delivered_at
        {
            self.schedule_at(
                at,
                Due::World(crate::sim::agent::Happening::ParcelDelivered {
                    order: order.to_owned(),
                }),
            );
        }
    }

    pub(super) fn parcel_delivered(&mut self, order: &str) {
        let Some(o) = self.world.order(order) else {
            return;
        };
        if o.state != OrderState::Shipped || o.tracking.as_ref().is_some_and(|t| t.lost) {
            return;
        }
        self.parcel_not_stopped(order, "it was delivered before the carrier could stop it");
        let Some(o) = self.world.order(order) else {
            return;
        };
        let cod = o.is_cash_on_delivery(&self.world.buyer);
        let now = self.now;
        if let Some(o) = self.world.order_mut(order) {
            o.delivered_at = Some(now);
            if let Some(t) = o.tracking.as_mut() {
                t.events.push(TrackingEvent {
                    at: now,
                    text: if cod {
                        "Arrived at the post office, awaiting pickup".to_owned()
                    } else {
                        "Delivered".to_owned()
                    },
                });
            }
        }
        let text = if cod {
            format!(
                "The parcel is at the post office: pick it up and pay, or refuse it (uncollected it goes back after {})",
                self.policy.cod_pickup_period
            )
        } else {
            "The carrier delivered the parcel: check it and confirm receipt".to_owned()
        };
        self.note(order, Fact::Delivered, text);
        self.set_state(order, OrderState::Delivered);
        if cod {
            self.schedule_after(
                self.policy.cod_pickup_period,
                Due::CodReturns {
                    order: order.to_owned(),
                },
            );
        }
    }

    pub(super) fn parcel_lost(&mut self, order: &str) {
        // Only a parcel still on its way can be lost; one delivered or gone back cannot.
        if !self.state_is(order, OrderState::Shipped) {
            return;
        }
        let now = self.now;
        let Some(t) = self
            .world
            .order_mut(order)
            .and_then(|o| o.tracking.as_mut())
        else {
            return;
        };
        t.lost = true;
        t.events.push(TrackingEvent {
            at: now,
            text: "The carrier reports the parcel lost".to_owned(),
        });
        self.note(
            order,
            Fact::ParcelLost,
            "The carrier lost the parcel: it will not arrive".to_owned(),
        );
    }

    pub(super) fn check_message_seller(&self, order: &str, text: &str) -> Result<(), Refusal> {
        self.find(order)?;
        if !self.policy.contact_seller_directly {
            return Err(Refusal::new(
                "On this platform buyers cannot write to sellers: support mediates. Write to support about the order.",
            ));
        }
        if text.trim().is_empty() {
            return Err(Refusal::new("Write a message first."));
        }
        Ok(())
    }

    pub(super) fn message_seller(&mut self, order: &str, text: String) {
        let id = self.seller_conversation(order);
        let now = self.now;
        if let Some(o) = self.world.order_mut(order) {
            o.seller_contacted_at.get_or_insert(now);
        }
        self.world.post(
            id,
            Message {
                at: self.now,
                from: Author::Buyer,
                text: text.clone(),
                attachments: Vec::new(),
            },
        );
        let situation = Situation {
            order,
            message: Some(&text),
            ..Situation::default()
        };
        self.trigger_seller(order, Trigger::MessageReceived, situation, self.now);
    }

    /// The private conversation with the order's seller, opened on first use.
    fn seller_conversation(&mut self, order: &str) -> u32 {
        let seller = self
            .world
            .order(order)
            .map(|o| o.seller.clone())
            .unwrap_or_default();
        if let Some(id) = self.world.seller_conversation(order) {
            return id;
        }
        self.world
            .add_conversation(crate::sim::world::Conversation {
                id: 0,
                channel: Channel::Seller { seller },
                order: Some(order.to_owned()),
                subject: format!("Order {order}"),
                messages: Vec::new(),
                unread: 0,
            })
    }

    pub(super) fn seller_says(&mut self, order: &str, text: &str) {
        // Where buyers cannot write to sellers, support passed the question on: the answer
        // comes back through support.
        if self.relay_seller_answer(order, text) {
            return;
        }
        let id = self.seller_conversation(order);
        self.world.deliver(
            id,
            Message {
                at: self.now,
                from: Author::Seller,
                text: text.to_owned(),
                attachments: Vec::new(),
            },
        );
        let name = self
            .world
            .order(order)
            .and_then(|o| self.world.seller(&o.seller))
            .map(|s| s.name.clone())
            .unwrap_or_default();
        self.note(
            order,
            Fact::MessageReceived { conversation: id },
            format!("Message from {name} ({}): \"{text}\"", show(self.now)),
        );
    }
}

/// The part of an order a seller's scripted answer looks at.
struct Standing {
    seller: String,
    state: OrderState,
    money: crate::sim::world::OrderMoney,
    dispute: Option<crate::sim::world::Dispute>,
}
