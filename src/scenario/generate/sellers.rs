//! Sellers and their rules, after the behaviours of the library's stories.

use super::{Generator, SELLER_NOTES, money};
use crate::sim::policy::Policy;
use std::fmt::Write;

const SHOP_WORDS: [&str; 12] = [
    "Bright", "North", "Urban", "Cozy", "Swift", "Green", "Silver", "Harbor", "Golden", "Maple",
    "Summit", "River",
];
const SHOP_KINDS: [&str; 10] = [
    "Gadgets", "Home", "Outdoor", "Kitchen", "Audio", "Style", "Garden", "Sports", "Deals",
    "Supply",
];

impl Generator {
    pub(super) fn sellers(&mut self, sellers: usize, policy: &Policy) {
        // Reasons of this policy that spare the seller: the picky sellers approve only those.
        let spare: Vec<&str> = policy
            .cancel_reasons
            .iter()
            .filter(|r| !r.blames_seller)
            .map(|r| r.text.as_str())
            .take(2)
            .collect();
        self.out.push_str("    sellers: [\n");
        for s in 0..sellers {
            let id = self.seller_id(s);
            let name = format!(
                "{} {} {}",
                self.rng.pick(&SHOP_WORDS),
                self.rng.pick(&SHOP_KINDS),
                s + 1
            );
            let _ = write!(
                self.out,
                "        (\n            id: \"{id}\", name: \"{name}\",\n            rules: [\n"
            );
            // Every kind of seller appears once before the weights take over.
            let kind = if s < 6 {
                s
            } else {
                self.rng.weighted(&[45, 15, 10, 15, 5, 10])
            };
            for rule in self.rules(kind, &spare) {
                let _ = writeln!(self.out, "                {rule},");
            }
            self.out.push_str("            ],\n        ),\n");
        }
        self.out.push_str("    ],\n");
    }

    /// The rules of one seller, after the behaviours of the library's stories.
    fn rules(&mut self, kind: usize, spare: &[&str]) -> Vec<String> {
        let r = &mut self.rng;
        let ship = format!(
            "(on: OrderPaid, after: BusinessDays({}), do: Ship(tracking: Genuine, delivered_after: Days({})))",
            r.between(1, 4),
            r.between(3, 12)
        );
        let answer = format!(
            "(on: MessageReceived, after: Hours({}), do: SendMessage(text: \"{}\"))",
            r.between(1, 8),
            r.pick(&SELLER_NOTES)
        );
        let refuse = "RefuseCancellation(message: \"Your order is already being prepared and will ship within the processing time.\")";
        match kind {
            // Reliable: approves requests that spare it, settles disputes with evidence.
            0 => vec![
                ship,
                format!(
                    "(on: CancellationRequested, when: [ReasonSparesSeller], after: Hours({}), do: ApproveCancellation)",
                    r.between(2, 12)
                ),
                format!(
                    "(on: CancellationRequested, when: [ReasonBlamesSeller], after: Hours({}), do: {refuse})",
                    r.between(2, 12)
                ),
                "(on: DisputeOpened, when: [HasEvidence], after: Days(1), do: AcceptDispute)".into(),
                "(on: DisputeOpened, after: Hours(20), do: OfferPartialRefund(amount: \"5.00\"))".into(),
                "(on: CounterOfferRejected, after: Hours(12), do: AcceptReturn)".into(),
                "(on: ReturnShipped, after: Hours(2), do: SendMessage(text: \"Thank you: we refund once the return arrives.\"))".into(),
                answer,
            ],
            // Dodges a cancellation by "shipping" a number that tracks nothing.
            1 => vec![
                "(on: CancellationRequested, after: Hours(1), do: Ship(tracking: Fake))".into(),
                "(on: OrderPaid, after: BusinessDays(6), do: Ship(tracking: Genuine, delivered_after: Days(18)))".into(),
                "(on: DisputeOpened, when: [DisputeKind(NoTrackingInfo)], after: Days(1), do: OfferPartialRefund(amount: \"5.00\"))".into(),
                "(on: CounterOfferRejected, after: Hours(10), do: RefuseDispute(message: \"The parcel has been handed to the carrier. Please be patient.\"))".into(),
                answer,
            ],
            // Raises the price of unpaid orders.
            2 => vec![
                format!(
                    "(on: OrderPlaced, after: Hours({}), do: RaisePrice(by: \"{}\"))",
                    r.between(0, 4),
                    money(r.between(2, 8) * 100)
                ),
                ship,
                "(on: CancellationRequested, after: Hours(6), do: ApproveCancellation)".into(),
                answer,
            ],
            // Approves only the reasons it names.
            3 => {
                let reasons = spare
                    .iter()
                    .map(|t| format!("\"{t}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                let approve = if spare.is_empty() {
                    "ReasonSparesSeller".to_owned()
                } else {
                    format!("ReasonIs([{reasons}])")
                };
                vec![
                    ship,
                    format!(
                        "(on: CancellationRequested, when: [{approve}], after: Hours(5), do: ApproveCancellation)"
                    ),
                    format!("(on: CancellationRequested, after: Hours(2), do: {refuse})"),
                    "(on: DisputeOpened, when: [DisputeKind(NotAsDescribed), HasEvidence], after: Days(1), do: AcceptReturn)".into(),
                    "(on: DisputeOpened, after: Hours(20), do: RefuseDispute(message: \"We cannot accept a claim without photos.\"))".into(),
                    answer,
                ]
            }
            // Sells what it does not have.
            4 => vec![
                format!(
                    "(on: OrderPaid, after: Hours({}), do: ReportOutOfStock)",
                    r.between(2, 30)
                ),
                answer,
            ],
            // Ships late and never answers: the policy's timers decide.
            _ => vec![
                "(on: OrderPaid, after: BusinessDays(6), do: Ship(tracking: Genuine, delivered_after: Days(20)))".into(),
                "(on: CancellationRequested, do: StaySilent)".into(),
            ],
        }
    }
}
