//! The simulation: a world, a policy, scripted sellers, and a queue of things that will
//! happen. Trainee actions enter through `apply`; time moves only through `advance_*`.
//!
//! Determinism: the queue is ordered by (time, insertion number), every collection is a
//! `Vec` or `BTreeMap`, and nothing reads the wall clock, so the same setup and the same
//! actions always produce the same log.

mod again;
mod ahead;
mod cancel;
mod cart;
mod dispute;
mod due;
mod frozen;
mod groups;
mod intercept;
mod money;
mod offers;
mod receipt;
mod seller;
mod support;
mod windows;

pub use ahead::Ahead;
pub use due::Due;
pub use offers::Offer;
pub use windows::{Edge, Window, WindowEdge, WindowKind};

use super::action::{Action, Advance, ChargebackRoute, Refusal};
use super::agent::{SellerRule, WorldEvent};
use super::log::{Fact, LogEntry, Party, RefusedRequest};
use super::policy::{Device, Policy};
use super::time::{self, Calendar, Moment, Span};
use super::world::{Order, OrderState, World};
use std::collections::{BTreeMap, BTreeSet};

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
    paused: Vec<(Moment, Due)>,
    next_seq: u64,
    log: Vec<LogEntry>,
    /// Requests of the buyer's that another party turned down, in the order it happened.
    refused: Vec<RefusedRequest>,
    /// Window edges already in the queue, so that each is scheduled once.
    window_edges: BTreeSet<(Moment, usize, WindowKind, Edge)>,
    /// My Orders' groups, kept as states change.
    groups: groups::Groups,
    /// Every chargeback filed, by route, in order.
    chargebacks: Vec<ChargebackRoute>,
    /// Where the buyer is using the platform from: some actions exist in one channel only.
    device: Device,
    /// Every seller rule that answered a trigger, in order (for an author's coverage).
    rules_fired: Vec<super::agent::RuleFired>,
    /// Everything put in the queue, kept only when an author asks for a timeline.
    schedule_kept: Option<Vec<Scheduled>>,
}

/// A timer, window edge or event put in the queue: when, for when, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    pub set_at: Moment,
    pub due_at: Moment,
    pub due: Due,
}

/// Why a run of the clock stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// Something happened that the trainee can see (the log grew).
    Happened,
    /// A window the rules give the buyer on an order opens or closes here.
    Window(WindowEdge),
    /// Something now waits for the buyer's answer (an offer, a return to ship).
    Asked,
    /// One of the caller's checkpoints (an objective's deadline).
    Checkpoint(Moment),
    /// The caller's observer asked to stop (a training session ended).
    Observer,
    /// The clock got where it was asked to go.
    Reached,
    /// The caller's hard limit: a session's time limit.
    Limit,
    /// Nothing is scheduled any more.
    Idle,
}

/// Where a run of the clock may go, and where it must look in on the way.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClockBounds<'a> {
    /// Never past this moment (a session's time limit).
    pub limit: Option<Moment>,
    /// Moments to call the observer at even when nothing is due (objective deadlines);
    /// "next event" stops at them. Sorted, earliest first.
    pub checkpoints: &'a [Moment],
    /// A timed move (a running clock, +1 hour) also stops when something waits for the
    /// buyer's answer, so it never goes by unseen…
    pub stop_at_questions: bool,
    /// …and at the last minute of a window on an order.
    pub stop_at_closing_windows: bool,
}

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
            refused: Vec::new(),
            window_edges: BTreeSet::new(),
            groups: groups::Groups::default(),
            chargebacks: Vec::new(),
            device: Device::default(),
            rules_fired: Vec::new(),
            schedule_kept: None,
        };
        let states: Vec<Vec<OrderState>> = sim
            .policy
            .status_groups
            .iter()
            .map(|g| g.states.clone())
            .collect();
        sim.groups = groups::Groups::new(&states);
        for position in 0..sim.world.orders.len() {
            sim.index_groups(position, None);
        }
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

    /// An action in words, naming items by their titles (the log's and the trainee's words;
    /// `Action::describe` uses ids, for where no story is at hand).
    pub fn describe(&self, action: &Action) -> String {
        let title = |id: &str| {
            self.world
                .item(id)
                .map(|i| format!("\"{}\"", i.title))
                .unwrap_or_else(|| id.to_owned())
        };
        match action {
            Action::AddToCart { item, quantity } => {
                format!("add {quantity} × {} to the cart", title(item))
            }
            Action::Select { item } => format!("select {} in the cart", title(item)),
            Action::Deselect { item } => format!("deselect {} in the cart", title(item)),
            Action::CancelOrder {
                order,
                items,
                reason,
            } if !items.is_empty() => {
                let titles: Vec<String> = items.iter().map(|i| title(i)).collect();
                let what = format!("{} of {order}", titles.join(", "));
                match reason {
                    Some(reason) => format!("cancel {what} (\"{reason}\")"),
                    None => format!("cancel {what}"),
                }
            }
            other => other.describe(),
        }
    }

    /// The orders My Orders shows in the policy's status group number `group`, in the
    /// order they were placed.
    pub fn orders_in_group(&self, group: usize) -> impl Iterator<Item = &Order> + '_ {
        self.orders_in_group_from(group, 0)
    }

    /// The same from its `skip`-th order on: a page costs the same wherever it starts.
    pub fn orders_in_group_from(
        &self,
        group: usize,
        skip: usize,
    ) -> impl Iterator<Item = &Order> + '_ {
        self.groups.from(group, skip).map(|i| &self.world.orders[i])
    }

    /// How many orders a status group has.
    pub fn group_len(&self, group: usize) -> usize {
        self.groups.len(group)
    }

    /// Moves the order at `position` out of the groups of its old state (`from`) and into
    /// those of its state now.
    fn index_groups(&mut self, position: usize, from: Option<OrderState>) {
        if let Some(to) = self.world.orders.get(position).map(|o| o.state) {
            self.groups.moved(position, from, to);
        }
    }

    /// An order's timeline, oldest first: what the scenario says happened before the story,
    /// then every log line about it (refused attempts aside).
    pub fn timeline<'a>(
        &'a self,
        order: &'a Order,
    ) -> impl DoubleEndedIterator<Item = (Moment, &'a str)> + 'a {
        let past = order.history.iter().map(|h| (h.at, h.text.as_str()));
        let logged = order
            .logged
            .iter()
            .filter_map(|&i| self.log.get(i).map(|e| (e.at, e.text.as_str())));
        past.chain(logged)
    }

    /// From now on, keeps everything put in the queue (starting with what is in it now), for
    /// an author's timeline. Off by default: a large story schedules millions of timers.
    pub fn keep_schedule(&mut self) {
        let now = self.now;
        self.schedule_kept = Some(
            self.queue
                .iter()
                .map(|((at, _), due)| Scheduled {
                    set_at: now,
                    due_at: *at,
                    due: due.clone(),
                })
                .collect(),
        );
    }

    /// What was put in the queue since `keep_schedule`, in the order it was.
    pub fn schedule_kept(&self) -> &[Scheduled] {
        self.schedule_kept.as_deref().unwrap_or_default()
    }

    /// Every seller rule that answered a trigger so far, in order.
    pub fn rules_fired(&self) -> &[super::agent::RuleFired] {
        &self.rules_fired
    }

    /// Where the buyer is using the platform from.
    pub fn device(&self) -> Device {
        self.device
    }

    /// Some platforms have an action in one channel only (cancel in the mobile app).
    fn check_channel(&self, action: &Action) -> Result<(), Refusal> {
        let Some(kind) = offers::kind_of(action) else {
            return Ok(());
        };
        match self.policy.only_in(kind) {
            Some(device) if device != self.device => Err(Refusal::new(format!(
                "On {} \"{}\" is only {}: switch to {} first.",
                self.policy.name,
                self.policy.label(kind),
                device.place(),
                device.name()
            ))),
            _ => Ok(()),
        }
    }

    /// The routes of every chargeback filed so far.
    pub fn chargebacks_filed(&self) -> &[ChargebackRoute] {
        &self.chargebacks
    }

    /// Requests of the buyer's that the seller, support, the platform or the bank turned
    /// down after accepting them for consideration.
    pub fn refused_requests(&self) -> &[RefusedRequest] {
        &self.refused
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
        self.check_channel(action)?;
        match action {
            Action::AddToCart { item, quantity } => self.check_add_to_cart(item, *quantity),
            Action::Select { item } | Action::Deselect { item } => self.check_cart_line(item),
            Action::SelectAll | Action::DeselectAll => self.check_cart_not_empty(),
            Action::DeleteSelected => self.check_delete_selected(),
            Action::AddOrderToCart { order } => self.check_add_order_to_cart(order),
            Action::Checkout { coupon } => self.plan_checkout(coupon.as_deref()).map(|_| ()),
            Action::Pay { order, method } => self.check_pay(order, method),
            Action::CancelOrder {
                order,
                reason,
                items,
            } => self.check_cancel(order, reason.as_deref(), items),
            Action::RequestCancellation { order, reason } => {
                self.check_request_cancellation(order, reason.as_deref())
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
                name,
                email,
                ..
            } => self.check_write_support(
                category,
                order.as_deref(),
                text,
                name.as_deref(),
                email.as_deref(),
            ),
            Action::AnswerBank {
                order,
                text,
                evidence,
            } => self.check_answer_bank(order, text, evidence),
            Action::RefundTo { order, method } => self.check_refund_to(order, method),
            Action::SwitchDevice { to } => {
                if *to == self.device {
                    Err(Refusal::new(format!("You are already on {}.", to.name())))
                } else {
                    Ok(())
                }
            }
            Action::MessageSeller { order, text } => self.check_message_seller(order, text),
            Action::FileChargeback { order, via } => self.check_chargeback(order, *via),
            Action::RefuseParcel { order } => self.check_refuse_parcel(order),
            Action::MarkConversationRead { conversation } => self
                .world
                .conversation(*conversation)
                .map(|_| ())
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
                format!("Refused: {} — {}", self.describe(&action), refusal.reason),
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
                format!("You: {}", self.describe(&action)),
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
            Action::AddOrderToCart { order } => {
                self.add_order_to_cart(&order);
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
                ..
            } => {
                self.write_to_support(support::Question {
                    category,
                    order,
                    subject,
                    text,
                    attachments,
                });
                Ok(())
            }
            Action::AnswerBank {
                order, evidence, ..
            } => {
                self.answer_bank(&order, evidence);
                Ok(())
            }
            Action::RefundTo { order, method } => {
                self.refund_to(&order, &method);
                Ok(())
            }
            Action::SwitchDevice { to } => {
                self.device = to;
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
                self.world.mark_read(conversation);
                Ok(())
            }
            Action::AdvanceClock(advance) => {
                self.run_clock(&advance, ClockBounds::default(), &mut |_| false);
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
            Advance::By(span) if span.is_too_long() => {
                Err(Refusal::new("The clock moves at most ten years at a time."))
            }
            Advance::By(span) if !time::in_range(self.calendar.add(self.now, *span)) => {
                Err(past_the_last_year())
            }
            Advance::To(at) if !time::in_range(*at) => Err(past_the_last_year()),
            _ => Ok(()),
        }
    }

    /// Moves the clock as asked, running every event due on the way in order, and calls
    /// `observe` after each; the observer returns `true` to stop there. The one loop every
    /// clock move goes through: trainee actions, the UI's `n`, `H`, `D` and running clock,
    /// and headless runs.
    ///
    /// "Next event" stops at the first thing that matters: something the trainee sees, the
    /// edge of a window on one of their orders, a question for them, a checkpoint, or the
    /// limit. Other moves go all the way, but never past `bounds.limit`. Wherever it stops,
    /// everything else due in that same minute has happened first, so the moment the
    /// trainee acts in is a whole one (and a replay that moves to it sees the same).
    pub fn run_clock(
        &mut self,
        advance: &Advance,
        bounds: ClockBounds<'_>,
        observe: &mut dyn FnMut(&Simulation) -> bool,
    ) -> Stop {
        let next_event = *advance == Advance::NextEvent;
        let at_questions = next_event || bounds.stop_at_questions;
        let at_closings = next_event || bounds.stop_at_closing_windows;
        let target = match advance {
            Advance::NextEvent => None,
            Advance::By(span) => Some(self.calendar.add(self.now, *span)),
            Advance::To(at) => Some(*at),
        };
        let end = match (target, bounds.limit) {
            (Some(t), Some(l)) => Some(t.min(l)),
            (t, l) => t.or(l),
        };
        if end.is_some_and(|e| e < self.now) {
            return Stop::Reached;
        }
        if bounds.limit.is_some_and(|l| self.now >= l) {
            return Stop::Limit;
        }
        let start = self.now;
        let mut checkpoints = bounds.checkpoints.iter().filter(|c| **c > start).peekable();
        loop {
            let due_at = self
                .queue
                .keys()
                .next()
                .map(|(at, _)| *at)
                .filter(|at| end.is_none_or(|e| *at <= e));
            let checkpoint = checkpoints
                .peek()
                .copied()
                .copied()
                .filter(|c| end.is_none_or(|e| *c <= e));
            // Events at a checkpoint happen before it is judged.
            let due_first = match (due_at, checkpoint) {
                (Some(at), Some(c)) => at <= c,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            if due_first {
                let Some(((at, _), due)) = self.queue.pop_first() else {
                    break;
                };
                self.now = self.now.max(at);
                let logged = self.log.len();
                let edge = self.handle(due);
                let wants_stop = observe(self);
                let asked = self.log[logged..].iter().any(|e| e.fact.asks_the_buyer());
                let stop = if wants_stop {
                    Some(Stop::Observer)
                } else if asked && at_questions {
                    Some(Stop::Asked)
                } else if next_event && self.log.len() > logged {
                    Some(Stop::Happened)
                } else {
                    edge.filter(|e| next_event || (at_closings && e.edge == Edge::Closes))
                        .map(Stop::Window)
                };
                if let Some(stop) = stop {
                    self.finish_the_minute(observe);
                    return stop;
                }
            } else if let Some(c) = checkpoints.next() {
                self.now = self.now.max(*c);
                if observe(self) {
                    return Stop::Observer;
                }
                if next_event {
                    return Stop::Checkpoint(*c);
                }
            }
        }
        match end {
            Some(e) => {
                self.now = self.now.max(e);
                observe(self);
                if bounds.limit == Some(e) && target.is_none_or(|t| t >= e) {
                    Stop::Limit
                } else {
                    Stop::Reached
                }
            }
            None => Stop::Idle,
        }
    }

    /// Runs what else is due in the current minute, so a stop never splits a moment.
    fn finish_the_minute(&mut self, observe: &mut dyn FnMut(&Simulation) -> bool) {
        while let Some(&(at, _)) = self.queue.keys().next() {
            if at > self.now {
                break;
            }
            if let Some((_, due)) = self.queue.pop_first() {
                self.handle(due);
                observe(self);
            }
        }
    }

    /// Moves the clock to `to`, running every event due on the way, in order.
    pub fn advance_to(&mut self, to: Moment) {
        self.run_clock(&Advance::To(to), ClockBounds::default(), &mut |_| false);
    }

    /// Runs the events due at the current moment (those an action just scheduled with no delay).
    fn run_due(&mut self) {
        self.advance_to(self.now);
    }

    fn schedule_at(&mut self, at: Moment, due: Due) {
        let at = at.max(self.now);
        if let Some(kept) = self.schedule_kept.as_mut() {
            kept.push(Scheduled {
                set_at: self.now,
                due_at: at,
                due: due.clone(),
            });
        }
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
        let position = self.log.len();
        if let Some(id) = &order
            && !refused
            && let Some(o) = self.world.order_mut(id)
        {
            o.logged.push(position);
        }
        self.log.push(LogEntry {
            at: self.now,
            order,
            fact,
            text,
        });
    }

    fn note_refused(&mut self, order: &str, by: Party, request: String, reason: String) {
        self.refused.push(RefusedRequest {
            at: self.now,
            order: Some(order.to_owned()),
            by,
            request,
            reason,
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
        if let Some(position) = self.world.order_position(order) {
            self.index_groups(position, Some(from));
        }
        let (shown_from, shown_to) = (self.policy.state_name(from), self.policy.state_name(to));
        // A platform may give two stages one name ("Dispute" while the seller answers and
        // while the platform decides): then the stage itself is said.
        let text = if shown_from == shown_to {
            format!("Status: {shown_to} ({})", to.plain_name().to_lowercase())
        } else {
            format!("Status: {shown_from} → {shown_to}")
        };
        self.note(order, Fact::StateChanged { from, to }, text);
        self.schedule_windows(order);
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
        for position in 0..self.world.orders.len() {
            // Only the times the timers count from: a story's orders are not copied.
            let o = &self.world.orders[position];
            let order = Timers {
                placed_at: o.placed_at,
                paid_at: o.paid_at,
                shipped_at: o.shipped_at,
                delivered_at: o.delivered_at,
                cancel_request: o.cancel_request.as_ref().map(|r| (r.answer_due, r.number)),
                cash_on_delivery: o.is_cash_on_delivery(&self.world.buyer),
            };
            let id = o.id.clone();
            let state = o.state;
            self.schedule_windows(&id);
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
                    if let Some((answer_due, number)) = order.cancel_request {
                        self.schedule_at(
                            answer_due,
                            Due::CancelAnswerDue {
                                order: id.clone(),
                                request: number,
                            },
                        );
                    }
                    self.trigger_seller_for_paid(&id);
                }
                OrderState::Shipped | OrderState::Delivered => {
                    let shipped = order.shipped_at.unwrap_or(self.now);
                    let at = self.calendar.add(shipped, self.policy.buyer_protection);
                    self.schedule_at(at, Due::ProtectionEnds { order: id.clone() });
                    if state == OrderState::Delivered && order.cash_on_delivery {
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

fn past_the_last_year() -> Refusal {
    Refusal::new(format!(
        "That is past the end of {}, the last year a story may reach.",
        time::YEARS.end()
    ))
}

/// What an order's timers count from, when a story starts with the order already placed.
struct Timers {
    placed_at: Moment,
    paid_at: Option<Moment>,
    shipped_at: Option<Moment>,
    delivered_at: Option<Moment>,
    cancel_request: Option<(Moment, u32)>,
    cash_on_delivery: bool,
}
