//! Random stories on the library's scenarios, and the rules every moment of them keeps.
//!
//! Bytes are read as a sequence of trainee actions — ordinary ones, the ones the order page
//! offers, and hostile ones (quantities, amounts, stars and clock moves of any size) — and
//! played one by one. After each the rules are checked: money conserved, nothing negative
//! and nothing past its bound, each order in exactly one status group, the clock never
//! back, and an action the platform refuses changes nothing but the log.
//!
//! Shared by the property tests (`tests/library_properties.rs`), the fuzz target of action
//! sequences (`fuzz/`) and its seeds' test (`tests/fuzz_seeds.rs`), which include this file.
#![allow(dead_code)]

use shopsim::scenario::{self, Scenario};
use shopsim::sim::policy::Device;
use shopsim::sim::world::{CouponIssuer, CouponState, DisputeKind, MAX_QUANTITY};
use shopsim::sim::{Action, Advance, ChargebackRoute, Money, Simulation, Span};
use std::sync::OnceLock;

macro_rules! library {
    ($name:literal) => {
        ($name, include_str!(concat!("../../scenarios/", $name)))
    };
}

/// Every scenario of `scenarios/`, by file name (`library_properties` checks the list is whole).
pub const LIBRARY: [(&str, &str); 17] = [
    library!("01_quick_cancel_window.ron"),
    library!("02_wrong_choice_of_product.ron"),
    library!("03_fake_tracking_dispute.ron"),
    library!("04_shop_cancel_before_and_after.ron"),
    library!("05_refund_stalls_after_sent.ron"),
    library!("06_missed_window_support_cancel.ron"),
    library!("07_return_not_as_described.ron"),
    library!("08_silent_seller_processing_expires.ron"),
    library!("09_coupons_partial_cancel.ron"),
    library!("10_unpaid_order_price_raised.ron"),
    library!("11_cash_on_delivery_refuse.ron"),
    library!("12_fraud_freeze_review.ron"),
    library!("13_chargeback_platform_or_bank.ron"),
    library!("14_half_hour_then_claim.ron"),
    library!("15_an_hour_to_ask.ron"),
    library!("16_points_in_the_app.ron"),
    library!("17_intercept_the_parcel.ron"),
];

/// The library's scenarios, loaded once.
pub fn scenarios() -> &'static [Scenario] {
    static LOADED: OnceLock<Vec<Scenario>> = OnceLock::new();
    LOADED.get_or_init(|| {
        LIBRARY
            .iter()
            .map(|(name, text)| match scenario::load(name, text) {
                Ok(s) => s,
                Err(report) => panic!("{}", report.short()),
            })
            .collect()
    })
}

/// Bytes read one at a time; when they run out, the story ends.
pub struct Bytes<'d>(&'d [u8]);

impl<'d> Bytes<'d> {
    pub fn new(data: &'d [u8]) -> Self {
        Bytes(data)
    }

    fn byte(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    fn pick<'a, T>(&mut self, from: &'a [T]) -> Option<&'a T> {
        let n = self.byte()? as usize;
        (!from.is_empty()).then(|| &from[n % from.len()])
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn i64(&mut self) -> Option<i64> {
        let mut b = [0u8; 8];
        for x in &mut b {
            *x = self.byte()?;
        }
        Some(i64::from_le_bytes(b))
    }
}

fn order_ids(sim: &Simulation) -> Vec<String> {
    sim.world().orders().iter().map(|o| o.id.clone()).collect()
}

fn an_order(sim: &Simulation, bytes: &mut Bytes) -> Option<String> {
    bytes.pick(&order_ids(sim)).cloned()
}

fn an_item(sim: &Simulation, bytes: &mut Bytes) -> Option<String> {
    let items: Vec<&str> = sim
        .world()
        .catalogue()
        .iter()
        .map(|i| i.id.as_str())
        .collect();
    bytes.pick(&items).map(|s| (*s).to_owned())
}

/// A reason of the policy's, or none.
fn a_reason(sim: &Simulation, flavor: u8) -> Option<String> {
    let reasons = &sim.policy().cancel_reasons;
    (!reasons.is_empty() && !flavor.is_multiple_of(4))
        .then(|| reasons[flavor as usize % reasons.len()].text.clone())
}

/// Fills in what a UI would ask the trainee for, varied by `flavor`.
fn vary(sim: &Simulation, action: Action, flavor: u8) -> Action {
    match action {
        Action::CancelOrder { order, items, .. } => Action::CancelOrder {
            order,
            reason: a_reason(sim, flavor),
            items,
        },
        Action::RequestCancellation { order, .. } => Action::RequestCancellation {
            order,
            reason: a_reason(sim, flavor),
        },
        Action::AskSupportToCancel { order, .. } => Action::AskSupportToCancel {
            order,
            reason: a_reason(sim, flavor).unwrap_or_default(),
        },
        Action::Pay { order, .. } => {
            let methods = &sim.world().buyer.methods;
            Action::Pay {
                order,
                method: methods
                    .get(flavor as usize % methods.len().max(1))
                    .map_or_else(|| "none".to_owned(), |m| m.id.clone()),
            }
        }
        Action::OpenDispute {
            order,
            kind,
            description,
            ..
        } => Action::OpenDispute {
            order,
            kind,
            description,
            evidence: if flavor & 1 == 1 {
                vec!["photo.jpg".into()]
            } else {
                vec![]
            },
            amount: (flavor & 2 == 2)
                .then(|| Money::from_cents(100 * (1 + i64::from(flavor >> 2)))),
        },
        other => other,
    }
}

const QUANTITIES: [u32; 8] = [1, 2, 3, 999, 1000, 1001, u32::MAX, 0];

/// The next action the bytes stand for in the story as it is now; `None` when they run out.
pub fn next_action(sim: &Simulation, bytes: &mut Bytes) -> Option<Action> {
    loop {
        // Actions allowed now come most often, so that stories get somewhere.
        let op = match bytes.byte()? % 24 {
            0..=7 => 1,
            8 | 9 => 0,
            n => n - 8,
        };
        if let Some(action) = action_for(op, sim, bytes) {
            return Some(action);
        }
    }
}

fn action_for(op: u8, sim: &Simulation, bytes: &mut Bytes) -> Option<Action> {
    Some(match op {
        // An action the order's page lists, allowed now or not.
        0 => {
            let order = an_order(sim, bytes)?;
            let offers = sim.offers(&order);
            let offer = bytes.pick(&offers)?;
            vary(sim, offer.action.clone(), bytes.byte()?)
        }
        // An action allowed now, on any order: keeps stories moving.
        1 | 2 => {
            let allowed: Vec<Action> = order_ids(sim)
                .iter()
                .flat_map(|o| sim.offers(o))
                .filter(|offer| offer.verdict.is_ok())
                .map(|offer| offer.action)
                .collect();
            let action = bytes.pick(&allowed)?.clone();
            vary(sim, action, bytes.byte()?)
        }
        3 => {
            let item = an_item(sim, bytes)?;
            let quantity = match bytes.byte()? {
                n if n < 200 => QUANTITIES[n as usize % 4],
                n if n < 250 => QUANTITIES[n as usize % QUANTITIES.len()],
                _ => bytes.u32()?,
            };
            Action::AddToCart { item, quantity }
        }
        4 => {
            let item = an_item(sim, bytes)?;
            if bytes.byte()? % 2 == 0 {
                Action::Select { item }
            } else {
                Action::Deselect { item }
            }
        }
        5 => match bytes.byte()? % 3 {
            0 => Action::SelectAll,
            1 => Action::DeselectAll,
            _ => Action::DeleteSelected,
        },
        6 => {
            let coupons: Vec<Option<String>> = std::iter::once(None)
                .chain(sim.world().buyer.coupons.iter().map(|c| Some(c.id.clone())))
                .chain([Some("NO-SUCH-CODE".to_owned())])
                .collect();
            Action::Checkout {
                coupon: bytes.pick(&coupons)?.clone(),
            }
        }
        7 => Action::Pay {
            order: an_order(sim, bytes)?,
            method: {
                let methods: Vec<String> = sim
                    .world()
                    .buyer
                    .methods
                    .iter()
                    .map(|m| m.id.clone())
                    .chain(["no-such-card".to_owned()])
                    .collect();
                bytes.pick(&methods)?.clone()
            },
        },
        8 => {
            let order = an_order(sim, bytes)?;
            let o = sim.world().order(&order)?;
            let item = bytes.pick(&o.lines)?.item.clone();
            Action::CancelOrder {
                order,
                reason: a_reason(sim, bytes.byte()?),
                items: vec![item],
            }
        }
        // A dispute for any amount at all, negative or past what fits.
        9 => Action::OpenDispute {
            order: an_order(sim, bytes)?,
            kind: *bytes.pick(&[
                DisputeKind::NotReceived,
                DisputeKind::NoTrackingInfo,
                DisputeKind::NotAsDescribed,
                DisputeKind::ReturnGoodsAndMoney,
            ])?,
            description: String::new(),
            evidence: vec![],
            amount: Some(Money::from_cents(bytes.i64()?)),
        },
        10 => {
            let categories: Vec<String> = sim
                .policy()
                .faq
                .iter()
                .map(|f| f.category.clone())
                .chain(["Other".to_owned()])
                .collect();
            Action::WriteToSupport {
                category: bytes.pick(&categories)?.clone(),
                order: an_order(sim, bytes),
                subject: String::new(),
                text: "Where is my money?".into(),
                attachments: vec![],
                name: None,
                email: None,
            }
        }
        11 => Action::FileChargeback {
            order: an_order(sim, bytes)?,
            via: if bytes.byte()? % 2 == 0 {
                ChargebackRoute::Platform
            } else {
                ChargebackRoute::Bank
            },
        },
        12 => Action::LeaveReview {
            order: an_order(sim, bytes)?,
            stars: bytes.byte()?,
            text: String::new(),
        },
        13 => {
            let unit = bytes.byte()?;
            let n = match unit / 4 {
                0..=49 => i64::from(bytes.byte()?) + 1,
                50..=59 => i64::from(bytes.u32()?),
                _ => bytes.i64()?,
            };
            Action::AdvanceClock(Advance::By(match unit % 4 {
                0 => Span::Minutes(n),
                1 => Span::Hours(n),
                2 => Span::Days(n),
                _ => Span::BusinessDays(n),
            }))
        }
        14 => {
            // Anywhere within about four thousand years either way.
            let minutes = i64::from(bytes.u32()? as i32);
            let to = sim.calendar().add(sim.now(), Span::Minutes(minutes));
            if bytes.byte()? % 8 == 0 {
                Action::MarkConversationRead {
                    conversation: bytes.u32()?,
                }
            } else {
                Action::AdvanceClock(Advance::To(to))
            }
        }
        _ => match bytes.byte()? % 4 {
            0 => Action::SwitchDevice {
                to: if sim.device() == Device::App {
                    Device::Website
                } else {
                    Device::App
                },
            },
            _ => Action::AdvanceClock(Advance::NextEvent),
        },
    })
}

/// The state a refused action must leave as it was: the world, the clock, what is
/// scheduled, requests refused later, chargebacks, and My Orders' groups.
#[derive(Debug, PartialEq)]
pub struct State {
    world: shopsim::sim::world::World,
    now: shopsim::sim::Moment,
    scheduled: String,
    refused: String,
    chargebacks: Vec<ChargebackRoute>,
    groups: Vec<Vec<String>>,
}

pub fn state(sim: &Simulation) -> State {
    State {
        world: sim.world().clone(),
        now: sim.now(),
        scheduled: format!("{:?}", sim.upcoming().collect::<Vec<_>>()),
        refused: format!("{:?}", sim.refused_requests()),
        chargebacks: sim.chargebacks_filed().to_vec(),
        groups: (0..sim.policy().status_groups.len())
            .map(|g| sim.orders_in_group(g).map(|o| o.id.clone()).collect())
            .collect(),
    }
}

/// The first rule the story breaks now, described.
pub fn broken_rule(sim: &Simulation) -> Option<String> {
    let world = sim.world();
    for o in world.orders() {
        let m = o.money;
        let id = &o.id;
        if [m.paid, m.held, m.released, m.refunded]
            .iter()
            .any(|x| x.is_negative() || *x > Money::MAX)
        {
            return Some(format!("{id}: money out of bounds {m:?}"));
        }
        if Money::checked_sum([m.held, m.released, m.refunded]) != Some(m.paid) {
            return Some(format!("{id}: held + released + refunded != paid: {m:?}"));
        }
        if m.refunded > m.paid {
            return Some(format!("{id}: refunded more than paid: {m:?}"));
        }
        let refunds = Money::checked_sum(world.refunds_of(id).map(|r| r.amount));
        if refunds != Some(m.refunded) {
            return Some(format!(
                "{id}: refunds add up to {refunds:?}, the order says {}",
                m.refunded
            ));
        }
        if o.state.is_final() && m.held != Money::ZERO {
            return Some(format!("{id}: {:?} but still holds {}", o.state, m.held));
        }
        let due = o.amount_due();
        if due.is_negative() || due > Money::MAX {
            return Some(format!("{id}: amount due {due} is out of bounds"));
        }
        if let Some(line) = o
            .lines
            .iter()
            .find(|l| l.quantity == 0 || l.quantity > MAX_QUANTITY)
        {
            return Some(format!("{id}: a line of {} × {}", line.quantity, line.item));
        }
    }
    if let Some(line) = world
        .cart
        .iter()
        .find(|l| l.quantity == 0 || l.quantity > MAX_QUANTITY)
    {
        return Some(format!("the cart holds {} × {}", line.quantity, line.item));
    }
    // A coupon comes back only when what it paid for is cancelled.
    for c in &world.buyer.coupons {
        if c.state != CouponState::Returned {
            continue;
        }
        let cancelled = |id: &String| {
            world
                .order(id)
                .is_some_and(|o| o.lines.iter().all(|l| l.cancelled))
        };
        let back = match c.issuer {
            CouponIssuer::Platform if sim.policy().platform_coupon_back_only_when_all_cancelled => {
                c.used_on.iter().all(cancelled)
            }
            _ => c.used_on.iter().any(cancelled),
        };
        if !back {
            return Some(format!(
                "coupon {} came back, used on {:?}",
                c.id, c.used_on
            ));
        }
    }
    if let Some(r) = world.refunds().iter().find(|r| r.amount <= Money::ZERO) {
        return Some(format!("refund #{} of {}", r.id, r.amount));
    }
    let held = Money::checked_sum(world.orders().iter().map(|o| o.money.held));
    if held != Some(world.held_total()) {
        return Some(format!(
            "held by the platform: kept {}, the orders hold {held:?}",
            world.held_total()
        ));
    }
    // Each order in exactly one status group, and the counts agree.
    let groups = sim.policy().status_groups.len();
    let mut seen = std::collections::HashMap::new();
    for g in 0..groups {
        let listed: Vec<&str> = sim.orders_in_group(g).map(|o| o.id.as_str()).collect();
        if listed.len() != sim.group_len(g) {
            return Some(format!(
                "group {g} lists {} orders but counts {}",
                listed.len(),
                sim.group_len(g)
            ));
        }
        for id in listed {
            *seen.entry(id).or_insert(0) += 1;
        }
    }
    for o in world.orders() {
        match seen.get(o.id.as_str()) {
            Some(1) => {}
            Some(n) => return Some(format!("{} is in {n} status groups", o.id)),
            None => return Some(format!("{} ({:?}) is in no status group", o.id, o.state)),
        }
    }
    for method in &world.buyer.methods {
        if method.balance.is_negative() {
            return Some(format!("{} went negative: {}", method.id, method.balance));
        }
    }
    None
}

fn tail_of_log(sim: &Simulation) -> String {
    let lines: Vec<String> = sim.log().iter().map(|e| e.line()).collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// At most this many actions are played from one input.
const MAX_STEPS: usize = 300;

/// Plays the actions `data` stands for on a library scenario (its first byte chooses
/// which), checking every rule after each; the first rule broken, described.
pub fn play(data: &[u8]) -> Result<(), String> {
    let Some((&choice, rest)) = data.split_first() else {
        return Ok(());
    };
    let library = scenarios();
    let scenario = &library[choice as usize % library.len()];
    play_on(scenario, rest)
}

pub fn play_on(scenario: &Scenario, data: &[u8]) -> Result<(), String> {
    let mut sim = Simulation::new((*scenario.setup).clone());
    let title = &scenario.file.title;
    if let Some(rule) = broken_rule(&sim) {
        return Err(format!("\"{title}\" at the start: {rule}"));
    }
    let mut bytes = Bytes::new(data);
    for step in 0..MAX_STEPS {
        let Some(action) = next_action(&sim, &mut bytes) else {
            break;
        };
        let what = action.describe();
        let at = sim.now();
        let refusal = sim.check(&action).err();
        let before = refusal.as_ref().map(|_| (state(&sim), sim.log().len()));
        let result = sim.apply(action);
        let fail = |sim: &Simulation, rule: String| {
            Err(format!(
                "\"{title}\", step {step} ({what}): {rule}\n--- log ---\n{}",
                tail_of_log(sim)
            ))
        };
        if sim.now() < at {
            return fail(
                &sim,
                format!("the clock went back from {at} to {}", sim.now()),
            );
        }
        if let (Some(refusal), Some((before, log_len))) = (&refusal, before) {
            if result.is_ok() {
                return fail(
                    &sim,
                    format!("check refused ({refusal}) but apply allowed it"),
                );
            }
            if sim.log().len() != log_len + 1 {
                return fail(
                    &sim,
                    "a refusal logged more or less than its own line".into(),
                );
            }
            if state(&sim) != before {
                return fail(
                    &sim,
                    format!("the refused action changed the world ({refusal})"),
                );
            }
        }
        if let Some(rule) = broken_rule(&sim) {
            return fail(&sim, rule);
        }
    }
    Ok(())
}
