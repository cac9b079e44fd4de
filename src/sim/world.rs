//! The things the simulation is about: catalogue, buyer, cart, orders, sellers, support
//! conversations, refunds. Plain data; the rules that change it live in `engine`.

use super::money::Money;
use super::time::Moment;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// The lifecycle every platform's statuses are drawn from (DOMAIN.md §9). What a trainee
/// reads is the policy's name for the state, and the policy's group in My Orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum OrderState {
    Unpaid,
    Verifying,
    AwaitingShipment,
    CancelRequested,
    Shipped,
    Delivered,
    Received,
    Completed,
    Dispute,
    Escalated,
    ReturnPending,
    Frozen,
    /// A shipped parcel the shop stopped on its way: it goes back to the warehouse and the
    /// refund follows its arrival there.
    Intercepted,
    Refunding,
    Cancelled,
    Closed,
}

impl OrderState {
    pub const ALL: [OrderState; 16] = [
        OrderState::Unpaid,
        OrderState::Verifying,
        OrderState::AwaitingShipment,
        OrderState::CancelRequested,
        OrderState::Shipped,
        OrderState::Delivered,
        OrderState::Received,
        OrderState::Completed,
        OrderState::Dispute,
        OrderState::Escalated,
        OrderState::ReturnPending,
        OrderState::Frozen,
        OrderState::Intercepted,
        OrderState::Refunding,
        OrderState::Cancelled,
        OrderState::Closed,
    ];

    /// A neutral name, used when a policy gives none.
    pub fn plain_name(self) -> &'static str {
        match self {
            OrderState::Unpaid => "Awaiting payment",
            OrderState::Verifying => "Payment being verified",
            OrderState::AwaitingShipment => "Awaiting shipment",
            OrderState::CancelRequested => "Awaiting cancellation",
            OrderState::Shipped => "Shipped",
            OrderState::Delivered => "Delivered",
            OrderState::Received => "Receipt confirmed",
            OrderState::Completed => "Completed",
            OrderState::Dispute => "Dispute",
            OrderState::Escalated => "Dispute escalated",
            OrderState::ReturnPending => "Return in progress",
            OrderState::Frozen => "Frozen",
            OrderState::Intercepted => "Intercepted, going back",
            OrderState::Refunding => "Refund in progress",
            OrderState::Cancelled => "Cancelled",
            OrderState::Closed => "Closed",
        }
    }

    pub fn is_final(self) -> bool {
        matches!(
            self,
            OrderState::Completed | OrderState::Cancelled | OrderState::Closed
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum MethodKind {
    Card,
    EWallet,
    BonusPoints,
    CashOnDelivery,
}

impl MethodKind {
    pub fn name(self) -> &'static str {
        match self {
            MethodKind::Card => "card",
            MethodKind::EWallet => "e-wallet",
            MethodKind::BonusPoints => "bonus points",
            MethodKind::CashOnDelivery => "cash on delivery",
        }
    }
}

/// Why a bank declines a payment, in the words a buyer sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PaymentFailure {
    CardBlocked,
    TechnicalLimit,
    WrongSecurityCode,
    InsufficientFunds,
    CardExpired,
}

impl PaymentFailure {
    pub fn bank_message(self) -> &'static str {
        match self {
            PaymentFailure::CardBlocked => {
                "Payment declined: the card is blocked. Contact your bank or choose another method."
            }
            PaymentFailure::TechnicalLimit => {
                "Payment declined: a technical limit of your bank was reached. Try later or use another method."
            }
            PaymentFailure::WrongSecurityCode => {
                "Payment declined: the security code (CVV) is wrong. Check the back of the card."
            }
            PaymentFailure::InsufficientFunds => {
                "Payment declined: insufficient funds. Top up or choose another method."
            }
            PaymentFailure::CardExpired => {
                "Payment declined: the card has expired. Add a valid card."
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PaymentMethod {
    pub id: String,
    pub kind: MethodKind,
    pub label: String,
    pub balance: Money,
    pub expires: Option<NaiveDate>,
    pub blocked: bool,
    pub per_payment_limit: Option<Money>,
    /// Failures the bank will give on the next attempts, in order (scripted by the scenario).
    pub scripted_failures: Vec<PaymentFailure>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum CouponIssuer {
    Platform,
    Seller(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CouponState {
    Active,
    Used,
    Returned,
    Forfeited,
    Expired,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Coupon {
    pub id: String,
    pub issuer: CouponIssuer,
    pub amount: Money,
    pub min_order: Money,
    pub expires: Moment,
    pub state: CouponState,
    /// The orders it paid part of, when used.
    pub used_on: Vec<String>,
}

impl Coupon {
    pub fn usable(&self, now: Moment) -> bool {
        matches!(self.state, CouponState::Active | CouponState::Returned) && now < self.expires
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Buyer {
    pub name: String,
    pub email: String,
    pub methods: Vec<PaymentMethod>,
    pub coupons: Vec<Coupon>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub id: String,
    pub title: String,
    pub price: Money,
    pub seller: String,
    pub shipping: Money,
}

/// The most pieces one cart or order line may hold.
pub const MAX_QUANTITY: u32 = 1_000;

#[derive(Debug, Clone, PartialEq)]
pub struct CartLine {
    pub item: String,
    pub quantity: u32,
    pub selected: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrderLine {
    pub item: String,
    pub title: String,
    pub quantity: u32,
    pub unit_price: Money,
    pub cancelled: bool,
}

impl OrderLine {
    /// The line's price: at most `MAX_QUANTITY` times `Money::MAX`, which fits with room.
    pub fn total(&self) -> Money {
        self.unit_price * self.quantity
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingEvent {
    pub at: Moment,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TrackingKind {
    /// A real parcel with carrier scans.
    Genuine,
    /// A number that belongs to nothing: no carrier scan ever appears.
    Fake,
    /// The number of somebody else's parcel: scans appear, but not for this buyer's city.
    Reused,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Tracking {
    pub number: String,
    pub kind: TrackingKind,
    pub events: Vec<TrackingEvent>,
    /// The carrier has lost the parcel: it will never be delivered.
    pub lost: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CancelRequest {
    pub reason: String,
    pub requested_at: Moment,
    pub answer_due: Moment,
    /// Counts requests on this order, so that a stale timer recognises it is stale.
    pub number: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DisputeKind {
    NotReceived,
    NoTrackingInfo,
    NotAsDescribed,
    ReturnGoodsAndMoney,
}

impl DisputeKind {
    pub fn name(self) -> &'static str {
        match self {
            DisputeKind::NotReceived => "item not received",
            DisputeKind::NoTrackingInfo => "no tracking information",
            DisputeKind::NotAsDescribed => "not as described",
            DisputeKind::ReturnGoodsAndMoney => "return goods and money",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum DisputeStage {
    AwaitingSeller,
    CounterOffer(Money),
    RefusedBySeller(String),
    Escalated,
    Settled,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dispute {
    pub kind: DisputeKind,
    pub description: String,
    pub evidence: Vec<String>,
    pub amount: Money,
    pub opened_at: Moment,
    pub seller_due: Moment,
    pub stage: DisputeStage,
    pub number: u32,
    /// Where the order goes back to if the dispute is rejected.
    pub from_state: OrderState,
    pub return_shipped: bool,
    /// When an agreed return must have been shipped by.
    pub return_due: Option<Moment>,
}

/// A chargeback on its way to a decision.
#[derive(Debug, Clone, PartialEq)]
pub struct ChargebackCase {
    pub via: crate::sim::action::ChargebackRoute,
    pub filed_at: Moment,
    pub decides_at: Moment,
    /// The bank asked for more information, to be sent by this moment.
    pub information_due: Option<Moment>,
    /// What the buyer sent the bank in answer.
    pub answer: Option<Vec<String>>,
    /// The seller contested the claim with this statement.
    pub contested: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub stars: u8,
    pub text: String,
    pub at: Moment,
}

/// Money of one order. Always: held + released + refunded = paid, and refunded ≤ paid.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OrderMoney {
    pub paid: Money,
    pub held: Money,
    pub released: Money,
    pub refunded: Money,
}

#[derive(Debug, Clone, PartialEq)]
pub struct HistoryEntry {
    pub at: Moment,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Order {
    pub id: String,
    pub seller: String,
    pub lines: Vec<OrderLine>,
    /// Orders placed in one checkout share a number: a platform coupon spans them.
    pub checkout: u32,
    pub coupon: Option<String>,
    pub discount: Money,
    pub shipping: Money,
    /// Added by a seller who raised the price of the unpaid order.
    pub surcharge: Money,
    pub method: Option<String>,
    pub state: OrderState,
    pub placed_at: Moment,
    pub paid_at: Option<Moment>,
    pub shipped_at: Option<Moment>,
    pub delivered_at: Option<Moment>,
    pub received_at: Option<Moment>,
    pub tracking: Option<Tracking>,
    pub cancel_request: Option<CancelRequest>,
    pub cancel_requests_made: u32,
    pub dispute: Option<Dispute>,
    pub disputes_opened: u32,
    /// The kinds of dispute ever opened on it, in order.
    pub dispute_kinds: Vec<DisputeKind>,
    /// The buyer confirmed receipt (rather than buyer protection running out).
    pub confirmed_by_buyer: bool,
    pub review: Option<Review>,
    pub money: OrderMoney,
    /// The state to go back to when an administrator lifts a freeze.
    pub frozen_from: Option<OrderState>,
    /// When the freeze began: the timers it paused are moved on by its length.
    pub frozen_since: Option<Moment>,
    /// The support conversation of an interception being tried: the carrier's answer goes there.
    pub interception: Option<u32>,
    /// A chargeback filed on the order, until it is decided.
    pub chargeback: Option<ChargebackCase>,
    /// Where its refunds go instead of the method that paid (points, store credit).
    pub refund_to: Option<String>,
    /// A support conversation waiting for the seller's answer, which support relays there.
    pub relay: Option<u32>,
    /// When the buyer first wrote to the seller about it (some platforms want that before a claim).
    pub seller_contacted_at: Option<Moment>,
    /// What happened before the story began, as the scenario tells it.
    pub history: Vec<HistoryEntry>,
    /// Where in the simulation's log the lines about this order are: its timeline during
    /// the story (see `Simulation::timeline`), kept as positions rather than copies.
    pub logged: Vec<usize>,
}

impl Order {
    /// A new unpaid order as checkout creates it; the rest of its story is filled in as it
    /// happens (or, for an order a scenario starts with, by the scenario).
    pub fn placed(
        id: String,
        seller: String,
        lines: Vec<OrderLine>,
        checkout: u32,
        placed_at: Moment,
    ) -> Order {
        Order {
            id,
            seller,
            lines,
            checkout,
            coupon: None,
            discount: Money::ZERO,
            shipping: Money::ZERO,
            surcharge: Money::ZERO,
            method: None,
            state: OrderState::Unpaid,
            placed_at,
            paid_at: None,
            shipped_at: None,
            delivered_at: None,
            received_at: None,
            tracking: None,
            cancel_request: None,
            cancel_requests_made: 0,
            dispute: None,
            disputes_opened: 0,
            dispute_kinds: Vec::new(),
            confirmed_by_buyer: false,
            review: None,
            money: OrderMoney::default(),
            frozen_from: None,
            frozen_since: None,
            interception: None,
            chargeback: None,
            refund_to: None,
            relay: None,
            seller_contacted_at: None,
            history: Vec::new(),
            logged: Vec::new(),
        }
    }

    /// The goods still bought. Cancelled lines no longer count: an unpaid order with a
    /// line cancelled must not be charged for it (nor a cash-on-delivery parcel at pickup).
    pub fn goods_total(&self) -> Money {
        self.lines
            .iter()
            .filter(|l| !l.cancelled)
            .map(OrderLine::total)
            .sum()
    }

    /// What the buyer is charged: goods and shipping less the coupon.
    pub fn amount_due(&self) -> Money {
        let due = self.goods_total() + self.shipping + self.surcharge - self.discount;
        if due.is_negative() { Money::ZERO } else { due }
    }

    pub fn is_cash_on_delivery(&self, buyer: &Buyer) -> bool {
        self.method
            .as_ref()
            .and_then(|m| buyer.methods.iter().find(|pm| &pm.id == m))
            .is_some_and(|m| m.kind == MethodKind::CashOnDelivery)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum RefundStage {
    Requested,
    Processing,
    Sent,
    Received,
}

impl RefundStage {
    pub const ALL: [RefundStage; 4] = [
        RefundStage::Requested,
        RefundStage::Processing,
        RefundStage::Sent,
        RefundStage::Received,
    ];

    pub fn name(self) -> &'static str {
        match self {
            RefundStage::Requested => "requested",
            RefundStage::Processing => "processing",
            RefundStage::Sent => "sent",
            RefundStage::Received => "received",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Refund {
    pub id: u32,
    pub order: String,
    pub method: String,
    pub amount: Money,
    pub stage: RefundStage,
    /// When each stage was reached, in stage order.
    pub reached: Vec<(RefundStage, Moment)>,
    pub expected_at: Moment,
    /// A bank has stopped it after "sent"; support must chase it.
    pub stalled: bool,
    /// Extra time a bank has added before "received".
    pub bank_delay: Vec<super::time::Span>,
    pub why: String,
}

impl Refund {
    pub fn reached_at(&self, stage: RefundStage) -> Option<Moment> {
        self.reached
            .iter()
            .find(|(s, _)| *s == stage)
            .map(|(_, at)| *at)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Author {
    Buyer,
    Support,
    Seller,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub at: Moment,
    pub from: Author,
    pub text: String,
    pub attachments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Channel {
    Support { category: String },
    Seller { seller: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Conversation {
    pub id: u32,
    pub channel: Channel,
    pub order: Option<String>,
    pub subject: String,
    pub messages: Vec<Message>,
    pub unread: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LedgerKind {
    Charge,
    HeldByPlatform,
    RefundStarted,
    RefundReceived,
    PaidOutToSeller,
    CouponUsed,
    CouponReturned,
    CouponForfeited,
    Fee,
}

impl LedgerKind {
    pub fn name(self) -> &'static str {
        match self {
            LedgerKind::Charge => "charge",
            LedgerKind::HeldByPlatform => "held by platform",
            LedgerKind::RefundStarted => "refund started",
            LedgerKind::RefundReceived => "refund received",
            LedgerKind::PaidOutToSeller => "paid out to seller",
            LedgerKind::CouponUsed => "coupon used",
            LedgerKind::CouponReturned => "coupon returned",
            LedgerKind::CouponForfeited => "coupon forfeited",
            LedgerKind::Fee => "fee",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LedgerEntry {
    pub at: Moment,
    pub order: Option<String>,
    pub kind: LedgerKind,
    pub amount: Money,
    pub method: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Seller {
    pub id: String,
    pub name: String,
    pub min_order: Money,
}

/// Everything that exists in one simulated story at one moment.
///
/// Orders, refunds and conversations are looked up through indexes kept beside them, so a
/// lookup costs the same with five orders or a hundred thousand. Only the simulation adds
/// to them (through the methods below), which keeps the indexes true.
#[derive(Debug, Clone, PartialEq)]
pub struct World {
    /// What can be bought; fixed when the story starts.
    pub(crate) catalogue: Vec<Item>,
    pub buyer: Buyer,
    pub cart: Vec<CartLine>,
    pub(crate) orders: Vec<Order>,
    /// Who sells; fixed when the story starts.
    pub(crate) sellers: Vec<Seller>,
    /// Conversation `n` is at position `n - 1`: ids are given in order, from 1.
    pub(crate) conversations: Vec<Conversation>,
    /// Refund `n` is at position `n - 1`, likewise.
    pub(crate) refunds: Vec<Refund>,
    pub ledger: Vec<LedgerEntry>,
    pub next_checkout: u32,
    pub next_order_number: u32,
    /// Where each order is in `orders`, by id.
    order_index: HashMap<String, usize>,
    /// The refunds of each order, as positions in `refunds`.
    refunds_by_order: HashMap<String, Vec<usize>>,
    /// Messages not yet read, over every conversation.
    unread: u32,
    /// The private conversation with the seller about each order.
    seller_conversations: HashMap<String, u32>,
    item_index: HashMap<String, usize>,
    seller_index: HashMap<String, usize>,
    /// What the platform holds over every order, kept as money moves.
    held: Money,
    /// (category, order) of every support conversation, for goals that ask about them.
    support_topics: BTreeSet<(String, Option<String>)>,
    /// The orders support was written to about (`None`: no order named).
    support_orders: BTreeSet<Option<String>>,
}

impl World {
    pub fn new(
        catalogue: Vec<Item>,
        buyer: Buyer,
        cart: Vec<CartLine>,
        sellers: Vec<Seller>,
    ) -> World {
        let mut item_index = HashMap::with_capacity(catalogue.len());
        for (i, item) in catalogue.iter().enumerate() {
            item_index.entry(item.id.clone()).or_insert(i);
        }
        let mut seller_index = HashMap::with_capacity(sellers.len());
        for (i, seller) in sellers.iter().enumerate() {
            seller_index.entry(seller.id.clone()).or_insert(i);
        }
        World {
            item_index,
            seller_index,
            catalogue,
            buyer,
            cart,
            orders: Vec::new(),
            sellers,
            conversations: Vec::new(),
            refunds: Vec::new(),
            ledger: Vec::new(),
            next_checkout: 1,
            next_order_number: 1,
            order_index: HashMap::new(),
            refunds_by_order: HashMap::new(),
            unread: 0,
            seller_conversations: HashMap::new(),
            support_topics: BTreeSet::new(),
            support_orders: BTreeSet::new(),
            held: Money::ZERO,
        }
    }

    /// Every order, in the order they were placed (or listed by the scenario).
    pub fn orders(&self) -> &[Order] {
        &self.orders
    }

    pub fn conversations(&self) -> &[Conversation] {
        &self.conversations
    }

    pub fn refunds(&self) -> &[Refund] {
        &self.refunds
    }

    /// Adds an order and returns its position. An id already taken keeps its first order
    /// (a scenario's ids are checked unique before this).
    pub(crate) fn add_order(&mut self, order: Order) -> usize {
        let position = self.orders.len();
        self.order_index.entry(order.id.clone()).or_insert(position);
        self.held += order.money.held;
        self.orders.push(order);
        position
    }

    pub(crate) fn add_refund(&mut self, refund: Refund) {
        self.refunds_by_order
            .entry(refund.order.clone())
            .or_default()
            .push(self.refunds.len());
        self.refunds.push(refund);
    }

    /// Adds a conversation; its id is the next one, whatever it says.
    pub(crate) fn add_conversation(&mut self, mut conversation: Conversation) -> u32 {
        let id = self.conversations.len() as u32 + 1;
        conversation.id = id;
        self.unread += conversation.unread;
        match (&conversation.channel, &conversation.order) {
            (Channel::Seller { .. }, Some(order)) => {
                self.seller_conversations.entry(order.clone()).or_insert(id);
            }
            (Channel::Support { category }, order) => {
                self.support_topics
                    .insert((category.clone(), order.clone()));
                self.support_orders.insert(order.clone());
            }
            (Channel::Seller { .. }, None) => {}
        }
        self.conversations.push(conversation);
        id
    }

    /// Whether support was written to in this category (any, if `None`) about this order
    /// (any, if `None`).
    pub fn support_opened(&self, category: Option<&str>, order: Option<&str>) -> bool {
        match (category, order) {
            (Some(c), Some(o)) => self
                .support_topics
                .contains(&(c.to_owned(), Some(o.to_owned()))),
            (Some(c), None) => self
                .support_topics
                .range((c.to_owned(), None)..)
                .next()
                .is_some_and(|(first, _)| first == c),
            (None, Some(o)) => self.support_orders.contains(&Some(o.to_owned())),
            (None, None) => !self.support_orders.is_empty(),
        }
    }

    /// The private conversation with the seller of an order, if one was opened.
    pub fn seller_conversation(&self, order: &str) -> Option<u32> {
        self.seller_conversations.get(order).copied()
    }

    pub fn order(&self, id: &str) -> Option<&Order> {
        self.order_index.get(id).map(|&i| &self.orders[i])
    }

    pub fn order_mut(&mut self, id: &str) -> Option<&mut Order> {
        self.order_index.get(id).map(|&i| &mut self.orders[i])
    }

    /// The position of an order in `orders()`.
    pub fn order_position(&self, id: &str) -> Option<usize> {
        self.order_index.get(id).copied()
    }

    pub fn catalogue(&self) -> &[Item] {
        &self.catalogue
    }

    pub fn sellers(&self) -> &[Seller] {
        &self.sellers
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.item_index.get(id).map(|&i| &self.catalogue[i])
    }

    pub fn seller(&self, id: &str) -> Option<&Seller> {
        self.seller_index.get(id).map(|&i| &self.sellers[i])
    }

    pub fn method(&self, id: &str) -> Option<&PaymentMethod> {
        self.buyer.methods.iter().find(|m| m.id == id)
    }

    pub fn method_mut(&mut self, id: &str) -> Option<&mut PaymentMethod> {
        self.buyer.methods.iter_mut().find(|m| m.id == id)
    }

    pub fn coupon(&self, id: &str) -> Option<&Coupon> {
        self.buyer.coupons.iter().find(|c| c.id == id)
    }

    pub fn coupon_mut(&mut self, id: &str) -> Option<&mut Coupon> {
        self.buyer.coupons.iter_mut().find(|c| c.id == id)
    }

    pub fn refund(&self, id: u32) -> Option<&Refund> {
        self.refunds.get((id as usize).checked_sub(1)?)
    }

    pub(crate) fn refund_mut(&mut self, id: u32) -> Option<&mut Refund> {
        self.refunds.get_mut((id as usize).checked_sub(1)?)
    }

    pub fn refunds_of<'a>(&'a self, order: &str) -> impl Iterator<Item = &'a Refund> + 'a {
        self.refunds_by_order
            .get(order)
            .into_iter()
            .flatten()
            .map(|&i| &self.refunds[i])
    }

    /// The positions of an order's refunds, to change them.
    pub(crate) fn refund_positions(&self, order: &str) -> Vec<usize> {
        self.refunds_by_order
            .get(order)
            .cloned()
            .unwrap_or_default()
    }

    pub fn conversation(&self, id: u32) -> Option<&Conversation> {
        self.conversations.get((id as usize).checked_sub(1)?)
    }

    /// A message arrives in a conversation: one more unread.
    pub(crate) fn deliver(&mut self, id: u32, message: Message) {
        if let Some(c) = self.conversations.get_mut((id as usize).wrapping_sub(1)) {
            c.messages.push(message);
            c.unread += 1;
            self.unread += 1;
        }
    }

    /// The trainee read a conversation.
    pub(crate) fn mark_read(&mut self, id: u32) {
        if let Some(c) = self.conversations.get_mut((id as usize).wrapping_sub(1)) {
            self.unread -= c.unread.min(self.unread);
            c.unread = 0;
        }
    }

    /// A message the buyer sent: it is read already.
    pub(crate) fn post(&mut self, id: u32, message: Message) {
        if let Some(c) = self.conversations.get_mut((id as usize).wrapping_sub(1)) {
            c.messages.push(message);
        }
    }

    /// Money the platform holds for all orders together.
    pub fn held_total(&self) -> Money {
        self.held
    }

    /// The platform took (`true`) or let go of (`false`) money held for an order.
    pub(crate) fn held_changed(&mut self, amount: Money, taken: bool) {
        if taken {
            self.held += amount;
        } else {
            self.held -= amount;
        }
    }

    pub fn unread_total(&self) -> u32 {
        self.unread
    }
}
