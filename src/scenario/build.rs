//! Turns a checked scenario file into the world at its start.

use super::format::{OrderSpec, ScenarioFile};
use crate::sim::agent::WorldEvent;
use crate::sim::engine::Setup;
use crate::sim::money::Money;
use crate::sim::policy::Policy;
use crate::sim::world::{
    Buyer, CartLine, Coupon, CouponState, HistoryEntry, Item, MethodKind, Order, OrderLine,
    OrderMoney, OrderState, PaymentMethod, Seller, Tracking, TrackingEvent, TrackingKind, World,
};

pub(super) fn setup(file: &ScenarioFile, policy: &Policy) -> Setup {
    let buyer = Buyer {
        name: file.buyer.name.clone(),
        email: file.buyer.email.clone(),
        methods: file
            .buyer
            .methods
            .iter()
            .map(|m| PaymentMethod {
                id: m.id.clone(),
                kind: m.kind,
                label: m.label.clone(),
                balance: m.balance,
                expires: m.expires,
                blocked: m.blocked,
                per_payment_limit: m.per_payment_limit,
                scripted_failures: m.fails_next.clone(),
            })
            .collect(),
        coupons: file
            .buyer
            .coupons
            .iter()
            .map(|c| Coupon {
                id: c.id.clone(),
                issuer: c.issuer.clone(),
                amount: c.amount,
                min_order: c.min_order,
                expires: c.expires.0,
                state: CouponState::Active,
                used_on: Vec::new(),
            })
            .collect(),
    };
    let catalogue: Vec<Item> = file
        .catalogue
        .iter()
        .map(|i| Item {
            id: i.id.clone(),
            title: i.title.clone(),
            price: i.price,
            seller: i.seller.clone(),
            shipping: i.shipping,
        })
        .collect();
    let cart = file
        .cart
        .iter()
        .map(|l| CartLine {
            item: l.item.clone(),
            quantity: l.quantity,
            selected: l.selected,
        })
        .collect();
    let sellers = file
        .sellers
        .iter()
        .map(|s| Seller {
            id: s.id.clone(),
            name: s.name.clone(),
            min_order: s.min_order,
        })
        .collect();
    let mut world = World::new(catalogue, buyer, cart, sellers);
    world.next_checkout = file.orders.len() as u32 + 1;
    for (n, spec) in file.orders.iter().enumerate() {
        let order = order_at_start(spec, n as u32 + 1, &world, policy);
        if let Some(code) = &order.coupon
            && let Some(c) = world.coupon_mut(code)
        {
            c.state = CouponState::Used;
            c.used_on.push(order.id.clone());
        }
        record_past_money(&mut world, &order);
        world.add_order(order);
    }
    Setup {
        start: file.start.0,
        policy: policy.clone(),
        world,
        seller_rules: file
            .sellers
            .iter()
            .map(|s| (s.id.clone(), s.rules.clone()))
            .collect(),
        world_events: file
            .events
            .iter()
            .map(|e| WorldEvent {
                at: e.at.0,
                happening: e.event.clone(),
            })
            .collect(),
    }
}

/// An order as it stands when the story begins, with the history that led there.
fn order_at_start(spec: &OrderSpec, checkout: u32, world: &World, policy: &Policy) -> Order {
    let lines: Vec<OrderLine> = spec
        .items
        .iter()
        .map(|l| {
            let item = world.item(&l.item);
            OrderLine {
                item: l.item.clone(),
                title: item
                    .map(|i| i.title.clone())
                    .unwrap_or_else(|| l.item.clone()),
                quantity: l.quantity,
                unit_price: item.map(|i| i.price).unwrap_or_default(),
                cancelled: false,
            }
        })
        .collect();
    let cod = spec
        .method
        .as_ref()
        .and_then(|m| world.method(m))
        .is_some_and(|m| m.kind == MethodKind::CashOnDelivery);
    let mut history = vec![HistoryEntry {
        at: spec.placed.0,
        text: "Order placed".into(),
    }];
    let mut order = Order {
        coupon: spec.coupon.clone(),
        discount: spec.discount,
        shipping: spec.shipping,
        method: spec.method.clone(),
        state: spec.status,
        paid_at: spec.paid.map(|s| s.0),
        shipped_at: spec.shipped.map(|s| s.0),
        delivered_at: spec.delivered.map(|s| s.0),
        received_at: spec.received.map(|s| s.0),
        ..Order::placed(
            spec.id.clone(),
            spec.seller.clone(),
            lines,
            checkout,
            spec.placed.0,
        )
    };

    let amount = order.amount_due();
    if let Some(paid) = order.paid_at.filter(|_| !cod) {
        order.money = OrderMoney {
            paid: amount,
            held: amount,
            ..OrderMoney::default()
        };
        history.push(HistoryEntry {
            at: paid,
            text: format!("Paid {amount}; held by the platform"),
        });
    }
    if let Some(shipped) = order.shipped_at {
        let kind = spec.tracking.unwrap_or(TrackingKind::Genuine);
        let mut events = Vec::new();
        if kind != TrackingKind::Fake {
            events.push(TrackingEvent {
                at: shipped,
                text: "Accepted by the carrier".into(),
            });
        }
        if let Some(delivered) = order.delivered_at {
            events.push(TrackingEvent {
                at: delivered,
                text: "Delivered".into(),
            });
        }
        order.tracking = Some(Tracking {
            number: format!("TRK{:08}", 30_000_000 + checkout),
            kind,
            events,
            lost: false,
        });
        history.push(HistoryEntry {
            at: shipped,
            text: "Marked as shipped".into(),
        });
    }
    if let Some(delivered) = order.delivered_at {
        history.push(HistoryEntry {
            at: delivered,
            text: "Delivered".into(),
        });
    }
    if matches!(order.state, OrderState::Received | OrderState::Completed) {
        let at = order
            .received_at
            .or(order.delivered_at)
            .unwrap_or(order.placed_at);
        order.received_at = Some(at);
        if cod {
            order.money = OrderMoney {
                paid: amount,
                released: amount,
                ..OrderMoney::default()
            };
        } else {
            order.money.released = order.money.held;
            order.money.held = Money::ZERO;
        }
        history.push(HistoryEntry {
            at,
            text: "Receipt confirmed; the seller was paid".into(),
        });
    }
    history.push(HistoryEntry {
        at: history.last().map(|h| h.at).unwrap_or(order.placed_at),
        text: format!("Status: {}", policy.state_name(order.state)),
    });
    order.history = history;
    order
}

/// The ledger lines of what happened before the start, so Finances shows the whole story.
fn record_past_money(world: &mut World, order: &Order) {
    use crate::sim::world::{LedgerEntry, LedgerKind};
    let Some(paid_at) = order.paid_at.filter(|_| order.money.paid > Money::ZERO) else {
        return;
    };
    let mut push = |at, kind, amount| {
        world.ledger.push(LedgerEntry {
            at,
            order: Some(order.id.clone()),
            kind,
            amount,
            method: order.method.clone(),
        });
    };
    push(paid_at, LedgerKind::Charge, order.money.paid);
    push(paid_at, LedgerKind::HeldByPlatform, order.money.paid);
    if order.money.released > Money::ZERO {
        push(
            order.received_at.unwrap_or(paid_at),
            LedgerKind::PaidOutToSeller,
            order.money.released,
        );
    }
}
