//! Orders that exist at the start: every status a story may start in, with the past
//! that brought each there.

use super::{DAY, Generator, HOUR, MINUTE, Rng, money};
use std::fmt::Write;

/// The statuses a story may start in (see `validate::check_order`), and how common each is.
const STATUSES: [(&str, u64); 9] = [
    ("Unpaid", 8),
    ("Verifying", 8),
    ("AwaitingShipment", 22),
    ("Shipped", 20),
    ("Delivered", 12),
    ("Received", 8),
    ("Completed", 12),
    ("Cancelled", 5),
    ("Closed", 5),
];

/// Orders of a kind that world events are aimed at.
#[derive(Default)]
pub(super) struct Targets {
    pub any: Vec<usize>,
    pub paid: Vec<usize>,
    pub in_transit: Vec<usize>,
    pub open: Vec<usize>,
}

/// An order's steps so far, in minutes relative to the start (all zero or less).
struct Past {
    placed: i64,
    paid: Option<i64>,
    shipped: Option<i64>,
    delivered: Option<i64>,
    received: Option<i64>,
}

impl Past {
    /// Steps that fit `status`, drawn backwards from the latest one.
    fn of(status: &str, r: &mut Rng) -> Past {
        let unpaid = |placed| Past {
            placed,
            paid: None,
            shipped: None,
            delivered: None,
            received: None,
        };
        let paid_at = |paid: i64, r: &mut Rng| Past {
            paid: Some(paid),
            ..unpaid(paid - r.between(MINUTE, HOUR))
        };
        match status {
            "Unpaid" => unpaid(-r.between(10 * MINUTE, 2 * DAY)),
            "Cancelled" => unpaid(-r.between(HOUR, 60 * DAY)),
            "Closed" => unpaid(-r.between(4 * DAY, 60 * DAY)),
            "Verifying" => paid_at(-r.between(5 * MINUTE, 20 * HOUR), r),
            "AwaitingShipment" => paid_at(-r.between(HOUR, 6 * DAY), r),
            _ => {
                let received = match status {
                    "Completed" => Some(-r.between(10 * DAY, 120 * DAY)),
                    "Received" => Some(-r.between(10 * MINUTE, 5 * DAY)),
                    _ => None,
                };
                let delivered = (status != "Shipped").then(|| match received {
                    Some(at) => at - r.between(0, 2 * DAY),
                    None => -r.between(30 * MINUTE, 10 * DAY),
                });
                let shipped = match delivered {
                    Some(at) => at - r.between(2 * DAY, 10 * DAY),
                    None => -r.between(HOUR, 12 * DAY),
                };
                Past {
                    shipped: Some(shipped),
                    delivered,
                    received,
                    ..paid_at(shipped - r.between(4 * HOUR, 3 * DAY), r)
                }
            }
        }
    }
}

impl Generator {
    pub(super) fn orders(&mut self, orders: usize, catalogue: &[Vec<(String, i64)>]) -> Targets {
        let weights: Vec<u64> = STATUSES.iter().map(|(_, w)| *w).collect();
        let mut targets = Targets::default();
        self.out.push_str("    orders: [\n");
        for n in 0..orders {
            // The first orders take every status in turn, so even a small file has them all.
            let status = if n < STATUSES.len() {
                n
            } else {
                self.rng.weighted(&weights)
            };
            let seller = (self.rng.next() % catalogue.len() as u64) as usize;
            let id = self.order_id(n);
            let _ = write!(
                self.out,
                "        (id: \"{id}\", seller: \"{}\", items: [",
                self.seller_id(seller)
            );
            let items = &catalogue[seller];
            let lines = if items.len() > 1 && self.rng.chance(30) {
                2
            } else {
                1
            };
            let first = (self.rng.next() % items.len() as u64) as usize;
            let mut shipping = 0;
            for k in 0..lines {
                let (item, item_shipping) = &items[(first + k) % items.len()];
                shipping = shipping.max(*item_shipping);
                let quantity = if self.rng.chance(15) {
                    self.rng.between(2, 4)
                } else {
                    1
                };
                let sep = if k > 0 { ", " } else { "" };
                if quantity > 1 {
                    let _ = write!(self.out, "{sep}(item: \"{item}\", quantity: {quantity})");
                } else {
                    let _ = write!(self.out, "{sep}(item: \"{item}\")");
                }
            }
            let _ = write!(
                self.out,
                "], status: {}, shipping: \"{}\"",
                STATUSES[status].0,
                money(shipping)
            );
            self.past(STATUSES[status].0, n, &mut targets);
            self.out.push_str("),\n");
        }
        self.out.push_str("    ],\n");
        targets
    }

    /// The times (and payment and tracking) that bring order `n` to `status` by the start:
    /// placed ≤ paid ≤ shipped ≤ delivered ≤ received ≤ start.
    fn past(&mut self, status: &str, n: usize, targets: &mut Targets) {
        let p = Past::of(status, &mut self.rng);
        // Cash on delivery is paid at pickup: a parcel on its way or waiting at the post office.
        let cod = matches!(status, "Shipped" | "Delivered") && self.rng.chance(10);
        let method = if cod {
            Some("cod")
        } else {
            p.paid.map(|_| {
                *self
                    .rng
                    .pick(&["card", "card", "card", "wallet", "wallet", "points"])
            })
        };
        let _ = write!(self.out, ", placed: \"{}\"", self.stamp(p.placed));
        if let (Some(paid), false) = (p.paid, cod) {
            let _ = write!(self.out, ", paid: \"{}\"", self.stamp(paid));
        }
        if let Some(m) = method {
            let _ = write!(self.out, ", method: \"{m}\"");
        }
        if let Some(shipped) = p.shipped {
            let tracking = match self.rng.next() % 20 {
                0 | 1 => "Fake",
                2 => "Reused",
                _ => "Genuine",
            };
            let _ = write!(
                self.out,
                ", shipped: \"{}\", tracking: {tracking}",
                self.stamp(shipped)
            );
            if status == "Shipped" && tracking == "Genuine" {
                targets.in_transit.push(n);
            }
        }
        for (key, at) in [("delivered", p.delivered), ("received", p.received)] {
            if let Some(at) = at {
                let _ = write!(self.out, ", {key}: \"{}\"", self.stamp(at));
            }
        }
        targets.any.push(n);
        if p.paid.is_some() && !cod {
            targets.paid.push(n);
        }
        if matches!(status, "Verifying" | "AwaitingShipment" | "Shipped") {
            targets.open.push(n);
        }
    }
}
