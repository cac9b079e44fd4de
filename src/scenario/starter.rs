//! `shopsim new`: a commented starter scenario and its reference solution, for any preset,
//! that pass `check` without a warning and play to a pass — a first file to change.

/// The scenario and its solution, for a story called `title` on `preset`.
pub fn starter(title: &str, preset: &str) -> (String, String) {
    let title = title.replace('\\', "").replace('"', "'");
    let scenario = format!(
        r#"// {title}: a starter scenario. Change the story, keep it passing:
//   shopsim check FILE            checks it, plays the solution beside it, and lints both
//   shopsim run FILE --actions SOLUTION --timeline --coverage
//   shopsim play FILE --watch     plays it, and reloads on every save
// The format reference is scenarios/README.md.
(
    title: "{title}",
    // What the trainee reads first: the situation, the deadline, what is asked.
    briefing: "You have a desk lamp in your cart. Buy it with your card, and see it delivered within two weeks.",
    difficulty: "Easy",
    // A date and a time: the story's clock starts here.
    start: "2026-03-02T10:00",
    // The platform's rules: a preset from assets/policies/, with `overrides: (field: value)`
    // for what this story changes.
    policy: (
        preset: "{preset}",
    ),
    buyer: (
        name: "Alex Morgan",
        email: "alex.morgan@example.com",
        methods: [
            (id: "card", kind: Card, label: "Visa •••• 4242", balance: "200.00", expires: "2028-09-30"),
        ],
    ),
    // What can be bought, and from whom (each seller is defined under `sellers`).
    catalogue: [
        (id: "lamp", title: "LED desk lamp", price: "30.00", seller: "lumen", shipping: "2.00"),
    ],
    cart: [
        (item: "lamp"),
    ],
    // Orders that exist when the story begins; checkout adds N-1, N-2, … during it.
    orders: [],
    // The other side: for each trigger the first rule whose conditions hold answers,
    // after its delay. A seller with no rule for a trigger stays silent.
    sellers: [
        (id: "lumen", name: "Lumen Home", rules: [
            (on: OrderPaid, after: Days(1), do: Ship(tracking: Genuine, delivered_after: Days(3))),
        ]),
    ],
    // What the world does by itself, at fixed times: deliveries, freezes, bank delays.
    events: [],
    training: (
        estimated_minutes: 3,
        time_limit: Days(14),
        rules: [
            "An order is placed at checkout and must then be paid.",
        ],
        objectives: [
            (text: "Pay for the lamp with your card",
             goal: PaidWith(order: "N-1", method: "card"), points: 40),
            (text: "Have the lamp delivered",
             goal: OrderIn(order: "N-1", states: [Delivered, Received, Completed]), points: 60, within: Days(7)),
        ],
        mistakes: [
            (text: "Deleting the cart throws the lamp away: to buy it you would have to find it again.",
             penalty: 10, action: DeleteSelected),
        ],
        hints: [
            (text: "In the Cart, press o to check out, then pay with the card.", cost: 5, for_objective: 1),
        ],
    ),
)
"#
    );
    let solution =
        r#"// The reference solution: what a trainee who does it right does, and when ("+5m" from
// the start, or a date and time). `shopsim check` plays it: it must pass, with no mistake.
[
    (at: "+1m", do: Checkout()),
    (at: "+2m", do: Pay(order: "N-1", method: "card")),
]
"#
        .to_owned();
    (scenario, solution)
}
