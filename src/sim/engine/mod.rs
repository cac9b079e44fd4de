//! The simulation: a world, a policy, scripted sellers, and a queue of things that will
//! happen. Trainee actions enter through `apply`; time moves only through `advance_*`.
//!
//! Determinism: the queue is ordered by (time, insertion number), every collection is a
//! `Vec` or `BTreeMap`, and nothing reads the wall clock, so the same setup and the same
//! actions always produce the same log.

mod cancel;
mod cart;
mod dispute;
mod due;
mod frozen;
mod money;
mod offers;
mod receipt;
mod seller;
mod support;

pub use due::Due;
pub use offers::Offer;

use super::action::{Action, Advance, Refusal};
use super::agent::{SellerRule, WorldEvent};
use super::log::{Fact, LogEntry};
use super::policy::Policy;
use super::time::{self, Calendar, Moment, Span};
use super::world::{HistoryEntry, Order, OrderState, World};
use std::collections::BTreeMap;

/// Everything a scenario decides before the first action.
#[derive(Debug, Clone)]
pub struct Setup {
    pub start: Moment,
    pub policy: Policy,
    pub world: World,
    /// Rules per seller id.
    pub seller_rules: BTreeMap<String, Vec<SellerRule>>,
    pub world_events: Vec<WorldEvent>,
}

#[derive(Debug, Clone)]
pub struct Simulation {
    now: Moment,
    start: Moment,
    policy: Policy,
    calendar: Calendar,
    world: World,
    seller_rules: BTreeMap<String, Vec<SellerRule>>,
    queue: BTreeMap<(Moment, u64), Due>,
    /// Timers of frozen orders, waiting for the review to end.
    paused: Vec<Due>,
    next_seq: u64,
    log: Vec<LogEntry>,
}

/// The longest `advance` allowed in one call, so a typo like `9999d` cannot hang a run.
const MAX_EVENTS_PER_ADVANCE: usize = 100_000;

impl Simulation {
    pub fn new(setup: Setup) -> Simulation {
        let calendar = setup.policy.calendar();
        let mut sim = Simulation {
            now: setup.start,
            start: setup.start,
            policy: setup.policy,
            calendar,
            world: setup.world,
            seller_rules: setup.seller_rules,
            queue: BTreeMap::new(),
            paused: Vec::new(),
            next_seq: 0,
            log: Vec::new(),
        };
        for event in setup.world_events {
            sim.schedule_at(event.at, Due::World(event.happening));
        }
        sim.resume_timers();
        // What is due at the very start happens before the trainee's first look.
        sim.run_due();
        sim
    }

    pub fn now(&self) -> Moment {
        self.now
    }

    pub fn start(&self) -> Moment {
        self.start
    }

    pub fn world(&self) -> &World {
        &self.world
    }

    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    pub fn calendar(&self) -> &Calendar {
        &self.calendar
    }

    pub fn log(&self) -> &[LogEntry] {
        &self.log
    }

    pub fn next_event_at(&self) -> Option<Moment> {
        self.queue.keys().next().map(|(at, _)| *at)
    }

    /// Scheduled events, earliest first (for a "what happens next" view).
    pub fn upcoming(&self) -> impl Iterator<Item = (Moment, &Due)> {
        self.queue.iter().map(|((at, _), due)| (*at, due))
    }

    /// Events scheduled since the simulation began, handled or not; with `upcoming` it
    /// tells a benchmark how many were handled, without a counter in the core.
    pub fn scheduled_so_far(&self) -> u64 {
        self.next_seq
    }

    /// Whether `action` would be allowed now, and if not, why.
    pub fn check(&self, action: &Action) -> Result<(), Refusal> {
        match action {
            Action::AddToCart { item, quantity } => self.check_add_to_cart(item, *quantity),
            Action::Select { item } | Action::Deselect { item } => self.check_cart_line(item),
            Action::SelectAll | Action::DeselectAll => self.check_cart_not_empty(),
            Action::DeleteSelected => self.check_delete_selected(),
            Action::Checkout { coupon } => self.plan_checkout(coupon.as_deref()).map(|_| ()),
            Action::Pay { order, method } => self.check_pay(order, method),
            Action::CancelOrder {
                order,
                reason,
                items,
            } => self.check_cancel(order, reason.as_deref(), items),
            Action::RequestCancellation { order, reason } => {
                self.check_request_cancellation(order, reason)
            }
            Action::WithdrawCancellation { order } => self.check_withdraw(order),
            Action::AskSupportToCancel { order, reason } => {
                self.check_support_cancel(order, reason)
            }
            Action::ConfirmReceipt { order } => self.check_confirm_receipt(order),
            Action::LeaveReview { order, stars, .. } => self.check_review(order, *stars),
            Action::OpenDispute {
                order,
                kind,
                amount,
                ..
            } => self.check_open_dispute(order, *kind, *amount),
            Action::AcceptCounterOffer { order } | Action::RejectCounterOffer { order } => {
                self.check_counter_offer(order)
            }
            Action::Escalate { order } => self.check_escalate(order),
            Action::ShipReturn { order } => self.check_ship_return(order),
            Action::WriteToSupport {
                category,
                order,
                text,
                ..
            } => self.check_write_support(category, order.as_deref(), text),
            Action::MessageSeller { order, text } => self.check_message_seller(order, text),
            Action::FileChargeback { order, .. } => self.check_chargeback(order),
            Action::RefuseParcel { order } => self.check_refuse_parcel(order),
            Action::MarkConversationRead { conversation } => self
                .world
                .conversations
                .iter()
                .any(|c| c.id == *conversation)
                .then_some(())
                .ok_or_else(|| Refusal::new(format!("There is no conversation #{conversation}."))),
            Action::AdvanceClock(advance) => self.check_advance(advance),
        }
    }

    /// Carries out a trainee action at the current simulated time, or refuses it with a
    /// reason. Either way the log records it.
    pub fn apply(&mut self, action: Action) -> Result<(), Refusal> {
        if let Err(refusal) = self.check(&action) {
            self.record(
                action.order().map(str::to_owned),
                Fact::ActionRefused {
                    action: action.describe(),
                    reason: refusal.reason.clone(),
                },
                format!("Refused: {} — {}", action.describe(), refusal.reason),
            );
            return Err(refusal);
        }
        if !matches!(
            action,
            Action::AdvanceClock(_) | Action::MarkConversationRead { .. }
        ) {
            self.record(
                action.order().map(str::to_owned),
                Fact::ActionTaken {
                    action: action.describe(),
                },
                format!("You: {}", action.describe()),
            );
        }
        let result = match action {
            Action::AddToCart { item, quantity } => {
                self.add_to_cart(&item, quantity);
                Ok(())
            }
            Action::Select { item } => {
                self.set_selected(Some(&item), true);
                Ok(())
            }
            Action::Deselect { item } => {
                self.set_selected(Some(&item), false);
                Ok(())
            }
            Action::SelectAll => {
                self.set_selected(None, true);
                Ok(())
            }
            Action::DeselectAll => {
                self.set_selected(None, false);
                Ok(())
            }
            Action::DeleteSelected => {
                self.delete_selected();
                Ok(())
            }
            Action::Checkout { coupon } => {
                self.checkout(coupon.as_deref());
                Ok(())
            }
            Action::Pay { order, method } => self.pay(&order, &method),
            Action::CancelOrder {
                order,
                reason,
                items,
            } => {
                self.cancel_directly(&order, reason, &items);
                Ok(())
            }
            Action::RequestCancellation { order, reason } => {
                self.request_cancellation(&order, reason);
                Ok(())
            }
            Action::WithdrawCancellation { order } => {
                self.withdraw_cancellation(&order);
                Ok(())
            }
            Action::AskSupportToCancel { order, reason } => {
                self.ask_support_to_cancel(&order, reason);
                Ok(())
            }
            Action::ConfirmReceipt { order } => {
                self.confirm_receipt(&order, true);
                Ok(())
            }
            Action::LeaveReview { order, stars, text } => {
                self.leave_review(&order, stars, text);
                Ok(())
            }
            Action::OpenDispute {
                order,
                kind,
                description,
                evidence,
                amount,
            } => {
                self.open_dispute(&order, kind, description, evidence, amount);
                Ok(())
            }
            Action::AcceptCounterOffer { order } => {
                self.answer_counter_offer(&order, true);
                Ok(())
            }
            Action::RejectCounterOffer { order } => {
                self.answer_counter_offer(&order, false);
                Ok(())
            }
            Action::Escalate { order } => {
                self.escalate(&order);
                Ok(())
            }
            Action::ShipReturn { order } => {
                self.ship_return(&order);
                Ok(())
            }
            Action::WriteToSupport {
                category,
                order,
                subject,
                text,
                attachments,
            } => {
                self.write_to_support(category, order, subject, text, attachments);
                Ok(())
            }
            Action::MessageSeller { order, text } => {
                self.message_seller(&order, text);
                Ok(())
            }
            Action::FileChargeback { order, via } => {
                self.file_chargeback(&order, via);
                Ok(())
            }
            Action::RefuseParcel { order } => {
                self.refuse_parcel(&order);
                Ok(())
            }
            Action::MarkConversationRead { conversation } => {
                if let Some(c) = self
                    .world
                    .conversations
                    .iter_mut()
                    .find(|c| c.id == conversation)
                {
                    c.unread = 0;
                }
                Ok(())
            }
            Action::AdvanceClock(advance) => {
                self.advance(advance);
                Ok(())
            }
        };
        self.run_due();
        result
    }

    fn check_advance(&self, advance: &Advance) -> Result<(), Refusal> {
        match advance {
            Advance::NextEvent if self.queue.is_empty() => Err(Refusal::new(
                "Nothing else is scheduled: the story waits for your next step.",
            )),
            Advance::By(span) if span.is_negative() => {
                Err(Refusal::new("The clock only moves forward."))
            }
            Advance::To(at) if *at < self.now => Err(Refusal::new(format!(
                "The clock only moves forward: it is already {}.",
                time::show(self.now)
            ))),
            _ => Ok(()),
        }
    }

    fn advance(&mut self, advance: Advance) {
        match advance {
            Advance::NextEvent => {
                // Timers whose situation has passed change nothing; "next event" means the
                // next thing the trainee can see, so quiet ones are stepped over.
                let logged = self.log.len();
                let mut steps = 0;
                while let Some(at) = self.next_event_at() {
                    self.advance_to(at);
                    steps += 1;
                    if self.log.len() > logged || steps >= MAX_EVENTS_PER_ADVANCE {
                        break;
                    }
                }
            }
            Advance::By(span) => {
                let to = self.calendar.add(self.now, span);
                self.advance_to(to);
            }
            Advance::To(at) => self.advance_to(at),
        }
    }

    /// Moves the clock to `to`, running every event due on the way, in order.
    pub fn advance_to(&mut self, to: Moment) {
        if to < self.now {
            return;
        }
        let mut handled = 0;
        while let Some(&(at, seq)) = self.queue.keys().next() {
            if at > to || handled >= MAX_EVENTS_PER_ADVANCE {
                break;
            }
            let due = self.queue.remove(&(at, seq)).expect("key just read");
            self.now = self.now.max(at);
            self.handle(due);
            handled += 1;
        }
        self.now = to;
    }

    /// Runs the events due at the current moment (those an action just scheduled with no delay).
    fn run_due(&mut self) {
        self.advance_to(self.now);
    }

    fn schedule_at(&mut self, at: Moment, due: Due) {
        let at = at.max(self.now);
        self.queue.insert((at, self.next_seq), due);
        self.next_seq += 1;
    }

    fn schedule_after(&mut self, span: Span, due: Due) {
        let at = self.calendar.add(self.now, span);
        self.schedule_at(at, due);
    }

    fn record(&mut self, order: Option<String>, fact: Fact, text: String) {
        // A refused attempt changed nothing about the order: it belongs to the log only.
        let refused = matches!(fact, Fact::ActionRefused { .. });
        if let Some(id) = &order
            && !refused
            && let Some(o) = self.world.order_mut(id)
        {
            o.history.push(HistoryEntry {
                at: self.now,
                text: text.clone(),
            });
        }
        self.log.push(LogEntry {
            at: self.now,
            order,
            fact,
            text,
        });
    }

    fn note(&mut self, order: &str, fact: Fact, text: String) {
        self.record(Some(order.to_owned()), fact, text);
    }

    fn set_state(&mut self, order: &str, to: OrderState) {
        let Some(from) = self.world.order(order).map(|o| o.state) else {
            return;
        };
        if from == to {
            return;
        }
        if let Some(o) = self.world.order_mut(order) {
            o.state = to;
        }
        let text = format!(
            "Status: {} → {}",
            self.policy.state_name(from),
            self.policy.state_name(to)
        );
        self.note(order, Fact::StateChanged { from, to }, text);
    }

    /// The order, or a refusal that says it does not exist.
    fn find(&self, id: &str) -> Result<&Order, Refusal> {
        self.world
            .order(id)
            .ok_or_else(|| Refusal::new(format!("There is no order {id}.")))
    }

    /// The policy's name for an order's state, for refusals.
    fn state_of(&self, order: &Order) -> String {
        self.policy.state_name(order.state).to_owned()
    }

    fn show(&self, at: Moment) -> String {
        time::show_short(at, self.now)
    }

    /// Orders that a scenario starts mid-story need their timers as if the story had run.
    fn resume_timers(&mut self) {
        let orders: Vec<(String, OrderState)> = self
            .world
            .orders
            .iter()
            .map(|o| (o.id.clone(), o.state))
            .collect();
        for (id, state) in orders {
            let Some(order) = self.world.order(&id).cloned() else {
                continue;
            };
            match state {
                OrderState::Unpaid => {
                    let at = self
                        .calendar
                        .add(order.placed_at, self.policy.unpaid_closes_after);
                    self.schedule_at(at, Due::UnpaidExpires { order: id });
                }
                OrderState::Verifying => {
                    let paid = order.paid_at.unwrap_or(self.now);
                    let at = self.calendar.add(paid, self.policy.payment_verification);
                    self.schedule_at(at, Due::VerificationDone { order: id });
                }
                OrderState::AwaitingShipment | OrderState::CancelRequested => {
                    let paid = order.paid_at.unwrap_or(self.now);
                    let at = self.calendar.add(paid, self.policy.processing_time);
                    self.schedule_at(at, Due::ProcessingExpires { order: id.clone() });
                    if let Some(request) = &order.cancel_request {
                        self.schedule_at(
                            request.answer_due,
                            Due::CancelAnswerDue {
                                order: id.clone(),
                                request: request.number,
                            },
                        );
                    }
                    self.trigger_seller_for_paid(&id);
                }
                OrderState::Shipped | OrderState::Delivered => {
                    let shipped = order.shipped_at.unwrap_or(self.now);
                    let at = self.calendar.add(shipped, self.policy.buyer_protection);
                    self.schedule_at(at, Due::ProtectionEnds { order: id.clone() });
                    if state == OrderState::Delivered
                        && order.is_cash_on_delivery(&self.world.buyer)
                    {
                        let delivered = order.delivered_at.unwrap_or(self.now);
                        let at = self.calendar.add(delivered, self.policy.cod_pickup_period);
                        self.schedule_at(at, Due::CodReturns { order: id });
                    }
                }
                _ => {}
            }
        }
    }
}
