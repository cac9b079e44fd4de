//! Large valid scenarios for measuring: thousands to a million orders spread over every
//! status a story may start in, sellers with the kinds of rules the library's stories use,
//! and world events over the following month. Pure: options in, RON text out, and the
//! same seed always gives the same text, so a benchmark can be repeated byte for byte.

mod orders;
mod sellers;

use super::presets;
use chrono::{Duration, NaiveDate, NaiveDateTime};
use orders::Targets;
use std::fmt::Write;

/// The most orders a generated scenario holds.
pub const MAX_ORDERS: usize = 1_000_000;
/// The most sellers and world events; beyond these a typo is more likely than a wish.
pub const MAX_SELLERS: usize = 100_000;
pub const MAX_EVENTS: usize = 1_000_000;
/// World events fall within this many days after the start.
const EVENT_DAYS: i64 = 30;

/// What to generate. `Options::new` gives the proportions of the performance issue:
/// one seller per 50 orders and one world event per 10.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub orders: usize,
    pub sellers: usize,
    pub events: usize,
    pub preset: String,
    pub seed: u64,
}

impl Options {
    pub fn new(orders: usize) -> Options {
        Options {
            orders,
            sellers: orders.div_ceil(50).max(1),
            events: orders / 10,
            preset: "escrow_marketplace".to_owned(),
            seed: 1,
        }
    }
}

/// A scenario as RON text, or what is wrong with the options.
pub fn generate(options: &Options) -> Result<String, String> {
    let policy = match presets::load(&options.preset) {
        Some(Ok(policy)) => policy,
        Some(Err(e)) => return Err(format!("the preset `{}` is broken: {e}", options.preset)),
        None => {
            let known: Vec<&str> = presets::names().collect();
            return Err(format!(
                "there is no policy preset `{}`; the presets are {}",
                options.preset,
                known.join(", ")
            ));
        }
    };
    for (what, n, max) in [
        ("orders", options.orders, MAX_ORDERS),
        ("sellers", options.sellers, MAX_SELLERS),
    ] {
        if !(1..=max).contains(&n) {
            return Err(format!("{what} must be between 1 and {max}, not {n}"));
        }
    }
    if options.events > MAX_EVENTS {
        return Err(format!(
            "events must be at most {MAX_EVENTS}, not {}",
            options.events
        ));
    }
    let mut g = Generator {
        rng: Rng::new(options.seed),
        out: String::with_capacity(options.orders * 260 + options.sellers * 1200 + 4096),
        start: start(),
        width: digits(options.orders.max(options.sellers)),
    };
    g.header(options);
    let catalogue = g.catalogue(options.sellers);
    let targets = g.orders(options.orders, &catalogue);
    g.sellers(options.sellers, &policy);
    g.events(options.events, &targets);
    g.out.push_str(")\n");
    Ok(g.out)
}

/// A Monday morning, so business days start counting at once.
fn start() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 3, 2)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .unwrap_or_default()
}

fn digits(n: usize) -> usize {
    n.max(1).to_string().len()
}

/// xorshift64*: enough randomness for spreading data, and no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // One splitmix64 step, so that neighbouring seeds start far apart and 0 is usable.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % (hi - lo + 1) as u64) as i64
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, list: &'a [T]) -> &'a T {
        &list[(self.next() % list.len() as u64) as usize]
    }

    /// An index into `weights`, chosen in proportion to them.
    fn weighted(&mut self, weights: &[u64]) -> usize {
        let mut roll = self.next() % weights.iter().sum::<u64>();
        for (i, w) in weights.iter().enumerate() {
            if roll < *w {
                return i;
            }
            roll -= w;
        }
        weights.len() - 1
    }
}

const MINUTE: i64 = 1;
const HOUR: i64 = 60;
const DAY: i64 = 24 * HOUR;

const PRODUCTS: [(&str, i64, i64); 16] = [
    ("Bluetooth speaker", 1_500, 9_000),
    ("USB-C cable, 2 m", 300, 1_500),
    ("LED desk lamp", 1_800, 6_000),
    ("Smartwatch strap", 400, 2_000),
    ("Running shoes", 4_500, 14_000),
    ("Rain jacket", 3_500, 12_000),
    ("Thermal mug", 900, 3_000),
    ("Air fryer", 5_000, 16_000),
    ("Leather bag", 3_000, 25_000),
    ("Phone case", 500, 2_500),
    ("Kitchen knife set", 2_500, 9_000),
    ("Merino socks", 800, 2_400),
    ("Robot vacuum", 12_000, 40_000),
    ("Kids' bike helmet", 2_000, 5_000),
    ("Noise-cancelling headphones", 6_000, 35_000),
    ("Camera tripod", 1_500, 8_000),
];

const SELLER_NOTES: [&str; 5] = [
    "Your parcel is on the way! Tracking can take some time to update.",
    "Please confirm receipt once the parcel arrives so that we can close the order.",
    "Spring sale: 10% off your next order with us.",
    "We are sorry for the delay: our warehouse is catching up.",
    "Is everything fine with your order? Write to us before opening a dispute.",
];

struct Generator {
    rng: Rng,
    out: String,
    start: NaiveDateTime,
    width: usize,
}

impl Generator {
    /// A moment `minutes` after the start (before it when negative), as a file writes it.
    fn stamp(&self, minutes: i64) -> String {
        (self.start + Duration::minutes(minutes))
            .format("%Y-%m-%dT%H:%M")
            .to_string()
    }

    fn seller_id(&self, n: usize) -> String {
        format!("s{:0w$}", n + 1, w = self.width)
    }

    fn order_id(&self, n: usize) -> String {
        format!("G-{:0w$}", n + 1, w = self.width)
    }

    fn header(&mut self, o: &Options) {
        let start = self.stamp(0);
        let _ = write!(
            self.out,
            "// Generated by `shopsim generate --orders {} --sellers {} --events {} --preset {} --seed {}`.\n\
             (\n    title: \"Generated: {} orders, {} sellers, {} world events\",\n    \
             briefing: \"A large generated story for measuring: orders in every status a story may start in, \
             scripted sellers and a month of world events. It has no training goals.\",\n    \
             difficulty: \"Hard\",\n    start: \"{start}\",\n    policy: (preset: \"{}\"),\n",
            o.orders,
            o.sellers,
            o.events,
            o.preset,
            o.seed,
            o.orders,
            o.sellers,
            o.events,
            o.preset,
        );
        let seller_coupon = self.seller_id(0);
        let expires = self.stamp(90 * DAY);
        let _ = write!(
            self.out,
            "    buyer: (\n        name: \"Alex Morgan\",\n        email: \"alex.morgan@example.com\",\n        methods: [\n            \
             (id: \"card\", kind: Card, label: \"Visa •••• 4242\", balance: \"900000.00\", expires: \"2030-12-31\"),\n            \
             (id: \"wallet\", kind: EWallet, label: \"E-wallet\", balance: \"500000.00\"),\n            \
             (id: \"points\", kind: BonusPoints, label: \"Bonus points\", balance: \"250000.00\"),\n            \
             (id: \"cod\", kind: CashOnDelivery, label: \"Cash on delivery\"),\n        ],\n        coupons: [\n            \
             (id: \"SPRING5\", issuer: Platform, amount: \"5.00\", min_order: \"30.00\", expires: \"{expires}\"),\n            \
             (id: \"SHOP3\", issuer: Seller(\"{seller_coupon}\"), amount: \"3.00\", expires: \"{expires}\"),\n        ],\n    ),\n",
        );
    }

    /// One or two items per seller; returns each seller's items as (id, shipping in cents).
    fn catalogue(&mut self, sellers: usize) -> Vec<Vec<(String, i64)>> {
        self.out.push_str("    catalogue: [\n");
        let mut all = Vec::with_capacity(sellers);
        for s in 0..sellers {
            let seller = self.seller_id(s);
            let count = if self.rng.chance(50) { 2 } else { 1 };
            let mut items = Vec::with_capacity(count);
            for k in 1..=count {
                let (title, lo, hi) = *self.rng.pick(&PRODUCTS);
                let price = self.rng.between(lo, hi);
                let shipping = if self.rng.chance(30) {
                    0
                } else {
                    self.rng.between(2, 10) * 50
                };
                let id = format!("{seller}-{k}");
                let _ = writeln!(
                    self.out,
                    "        (id: \"{id}\", title: \"{title}\", price: \"{}\", seller: \"{seller}\", shipping: \"{}\"),",
                    money(price),
                    money(shipping)
                );
                items.push((id, shipping));
            }
            all.push(items);
        }
        self.out.push_str("    ],\n");
        all
    }

    fn events(&mut self, events: usize, targets: &Targets) {
        let mut list: Vec<(i64, String)> = Vec::with_capacity(events);
        for _ in 0..events {
            let at = self.rng.between(0, EVENT_DAYS * DAY - 1);
            let r = &mut self.rng;
            let kind = r.weighted(&[35, 10, 5, 15, 10, 25]);
            // Aim each event at an order it makes sense for, when there is one.
            let pool = match kind {
                0 | 1 => &targets.in_transit,
                2 => &targets.open,
                3 | 4 => &targets.paid,
                _ => &targets.any,
            };
            let pool = if pool.is_empty() { &targets.any } else { pool };
            let target = *self.rng.pick(pool);
            let order = self.order_id(target);
            let r = &mut self.rng;
            let event = match kind {
                0 => format!("ParcelDelivered(order: \"{order}\")"),
                1 => format!("ParcelLost(order: \"{order}\")"),
                2 => format!(
                    "FreezeForFraud(order: \"{order}\", fraud_confirmed: {})",
                    r.chance(50)
                ),
                3 => format!(
                    "BankDelaysRefund(order: \"{order}\", by: BusinessDays({}))",
                    r.between(2, 6)
                ),
                4 => format!("RefundStalls(order: \"{order}\")"),
                _ => format!(
                    "SellerMessage(order: \"{order}\", text: \"{}\")",
                    r.pick(&SELLER_NOTES)
                ),
            };
            list.push((at, event));
        }
        list.sort_by_key(|(at, _)| *at);
        self.out.push_str("    events: [\n");
        for (at, event) in list {
            let _ = writeln!(
                self.out,
                "        (at: \"{}\", event: {event}),",
                self.stamp(at)
            );
        }
        self.out.push_str("    ],\n");
    }
}

/// Cents as a file writes money: "12.30".
fn money(cents: i64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}
