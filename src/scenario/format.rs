//! The shape of a scenario file, as an author writes it. `build` turns it into the
//! simulation's `Setup` once `validate` has found nothing wrong.

use crate::sim::agent::{Happening, SellerRule};
use crate::sim::money::Money;
use crate::sim::policy::PolicyOverrides;
use crate::sim::time::{Moment, parse_moment};
use crate::sim::world::{CouponIssuer, MethodKind, OrderState, PaymentFailure, TrackingKind};
use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// A date and time written as text, e.g. "2026-03-02T10:00".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Stamp(pub Moment);

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Stamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_moment(&text)
            .map(Stamp)
            .map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub title: String,
    #[serde(default)]
    pub briefing: String,
    /// "Easy", "Medium", "Hard": shown in the scenario menu.
    #[serde(default)]
    pub difficulty: Option<String>,
    pub start: Stamp,
    pub policy: PolicyChoice,
    pub buyer: BuyerSpec,
    #[serde(default)]
    pub catalogue: Vec<ItemSpec>,
    #[serde(default)]
    pub cart: Vec<CartSpec>,
    #[serde(default)]
    pub orders: Vec<OrderSpec>,
    #[serde(default)]
    pub sellers: Vec<SellerSpec>,
    #[serde(default)]
    pub events: Vec<EventSpec>,
    /// What the trainee must achieve, the mistakes to avoid, hints and the time allowed.
    #[serde(default)]
    pub training: Option<crate::training::TrainingSpec>,
}

impl ScenarioFile {
    /// Lets go of what the world was built from (orders, catalogue, cart, sellers, events):
    /// once loaded, the world lives in the scenario's `setup`, and a large story is not kept
    /// twice.
    pub fn forget_world(&mut self) {
        self.catalogue = Vec::new();
        self.cart = Vec::new();
        self.orders = Vec::new();
        self.sellers = Vec::new();
        self.events = Vec::new();
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyChoice {
    /// The name of a preset in `assets/policies/`.
    pub preset: String,
    #[serde(default)]
    pub overrides: PolicyOverrides,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BuyerSpec {
    pub name: String,
    #[serde(default)]
    pub email: String,
    pub methods: Vec<MethodSpec>,
    #[serde(default)]
    pub coupons: Vec<CouponSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MethodSpec {
    pub id: String,
    pub kind: MethodKind,
    pub label: String,
    #[serde(default)]
    pub balance: Money,
    #[serde(default)]
    pub expires: Option<NaiveDate>,
    #[serde(default)]
    pub blocked: bool,
    #[serde(default)]
    pub per_payment_limit: Option<Money>,
    /// What the bank answers on the next payment attempts, in order.
    #[serde(default)]
    pub fails_next: Vec<PaymentFailure>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CouponSpec {
    pub id: String,
    pub issuer: CouponIssuer,
    pub amount: Money,
    #[serde(default)]
    pub min_order: Money,
    pub expires: Stamp,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSpec {
    pub id: String,
    pub title: String,
    pub price: Money,
    pub seller: String,
    #[serde(default)]
    pub shipping: Money,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CartSpec {
    pub item: String,
    #[serde(default = "one")]
    pub quantity: u32,
    #[serde(default = "yes")]
    pub selected: bool,
}

fn one() -> u32 {
    1
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineSpec {
    pub item: String,
    #[serde(default = "one")]
    pub quantity: u32,
}

/// An order that exists when the story begins: "shipped five days ago".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderSpec {
    pub id: String,
    pub seller: String,
    pub items: Vec<LineSpec>,
    pub status: OrderState,
    pub placed: Stamp,
    #[serde(default)]
    pub paid: Option<Stamp>,
    #[serde(default)]
    pub method: Option<String>,
    #[serde(default)]
    pub coupon: Option<String>,
    #[serde(default)]
    pub discount: Money,
    #[serde(default)]
    pub shipping: Money,
    #[serde(default)]
    pub shipped: Option<Stamp>,
    #[serde(default)]
    pub tracking: Option<TrackingKind>,
    #[serde(default)]
    pub delivered: Option<Stamp>,
    #[serde(default)]
    pub received: Option<Stamp>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SellerSpec {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub min_order: Money,
    #[serde(default)]
    pub rules: Vec<SellerRule>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventSpec {
    pub at: Stamp,
    pub event: Happening,
}

impl ScenarioFile {
    pub fn issuer_seller(issuer: &CouponIssuer) -> Option<&str> {
        match issuer {
            CouponIssuer::Seller(s) => Some(s),
            CouponIssuer::Platform => None,
        }
    }
}
