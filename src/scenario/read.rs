//! RON text to typed values, reporting problems in the author's words and carrying on
//! past naming mistakes so that one run shows every misspelt field and variant, not just
//! the first.
//!
//! serde stops at the first error. When that error is a misspelt field or variant, the
//! reader repairs a copy of the text (renames it to the closest known name, or blanks the
//! unknown field out) and parses again. Every repair is remembered, so problems found in
//! the repaired copy still point into the author's text.
//!
//! ron's account of a broken text is where it stopped making sense, which for a bracket
//! or a quote is often far from the cause. So the first time it fails, the reader looks
//! at the text's shape itself: typographic quotes are named and straightened in the copy
//! (reading goes on), and a bracket that is never closed or closes nothing is told instead
//! of what ron says from that bracket on.

use super::brackets::{self, BracketProblem};
use super::quotes;
use super::report::{Problem, closest, offset_of};
use super::syntax::{self, Node};
use ron::error::{Error, SpannedError};
use serde::de::DeserializeOwned;
use std::ops::Range;

/// More repairs than this in one file means the reader is lost; stop and report.
const MAX_REPAIRS: usize = 30;

/// The repairs made to a text, in order: each replaced `old_len` bytes at `start` (in the
/// text as it was then) by `new_len` bytes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Edits(Vec<(usize, usize, usize)>);

impl Edits {
    /// Where a byte offset of the repaired text was in the original text.
    pub fn to_original(&self, mut offset: usize) -> usize {
        for &(start, old_len, new_len) in self.0.iter().rev() {
            if offset >= start + new_len {
                offset = offset - new_len + old_len;
            } else if offset > start {
                offset = start;
            }
        }
        offset
    }

    pub fn span_to_original(&self, span: Range<usize>) -> Range<usize> {
        let start = self.to_original(span.start);
        start..self.to_original(span.end).max(start)
    }

    fn apply(&mut self, text: &mut String, range: Range<usize>, replacement: &str) {
        text.replace_range(range.clone(), replacement);
        self.0.push((range.start, range.len(), replacement.len()));
    }
}

/// What came out of reading one text.
pub(crate) struct Read<T> {
    /// The value, when the text (possibly repaired) parsed.
    pub value: Option<T>,
    /// The text the value was parsed from: the original, or its repaired copy.
    pub text: String,
    pub edits: Edits,
    /// Problems found while reading, pointing into the original text.
    pub problems: Vec<Problem>,
}

/// Parses `source`, repairing misspelt names as it goes. `top` names the whole text in
/// messages ("scenario", "action file").
pub(crate) fn read<T: DeserializeOwned>(source: &str, top: &str) -> Read<T> {
    let mut text = source.to_owned();
    let mut edits = Edits::default();
    let mut problems = Vec::new();
    let mut shape_seen = false;
    // A bracket problem not yet told, in the author's offsets.
    let mut bracket: Option<BracketProblem> = None;
    for _ in 0..=MAX_REPAIRS {
        let error = match super::ron_options().from_str::<T>(&text) {
            Ok(value) => {
                return Read {
                    value: Some(value),
                    text,
                    edits,
                    problems,
                };
            }
            Err(error) => error,
        };
        if !shape_seen {
            shape_seen = true;
            let straightened = straighten_quotes(&mut text, &mut edits, &mut problems);
            bracket = brackets::check(&text).map(|mut found| {
                found.problem.span = found.problem.span.map(|s| edits.span_to_original(s));
                found.from = edits.to_original(found.from);
                found
            });
            if straightened {
                continue;
            }
        }
        let at = edits.to_original(start_offset(&text, &error));
        if let Some(found) = bracket.take_if(|found| at >= found.from) {
            problems.push(found.problem);
            break;
        }
        let tree = syntax::parse(&text);
        let mut problem = problem_from_ron(&text, &error, tree.as_ref(), top);
        problem.span = problem.span.map(|s| edits.span_to_original(s));
        problems.push(problem);
        let Some((range, replacement)) = repair(&text, &error, tree.as_ref()) else {
            break;
        };
        if text.get(range.clone()) == Some(replacement.as_str()) {
            break;
        }
        edits.apply(&mut text, range, &replacement);
    }
    // ron stopped before the bracket's place; it is still the file's problem.
    problems.extend(bracket.map(|found| found.problem));
    Read {
        value: None,
        text,
        edits,
        problems,
    }
}

/// Names every typographic quote standing for a straight one and straightens it in the
/// copy, so that reading goes on past it. Runs before any repair: the spans found are the
/// author's.
fn straighten_quotes(text: &mut String, edits: &mut Edits, problems: &mut Vec<Problem>) -> bool {
    let found = quotes::find(text);
    let any = !found.is_empty();
    let mut places: Vec<Range<usize>> = found
        .iter()
        .flat_map(|misquote| misquote.straighten.iter().cloned())
        .collect();
    // From the end, so that each place is still where it was found.
    places.sort_by_key(|place| std::cmp::Reverse(place.start));
    for place in places {
        edits.apply(text, place, "\"");
    }
    problems.extend(found.into_iter().map(|misquote| misquote.problem));
    any
}

fn start_offset(source: &str, error: &SpannedError) -> usize {
    offset_of(source, error.span.start.line, error.span.start.col)
}

/// The change to the text that lets parsing go on past `error`, if there is a safe one.
fn repair(text: &str, error: &SpannedError, tree: Option<&Node>) -> Option<(Range<usize>, String)> {
    let at = start_offset(text, error);
    match &error.code {
        Error::NoSuchStructField {
            expected, found, ..
        } => {
            let tree = tree?;
            let block = tree.block_at(at)?;
            let syntax::Kind::Struct { fields, .. } = &block.kind else {
                return None;
            };
            let field = fields.iter().find(|f| f.key_span.start == at)?;
            let taken = |name: &str| fields.iter().any(|f| f.key == name);
            match closest(found, expected.iter().copied()) {
                Some(best) if !taken(best) => Some((field.key_span.clone(), best.to_owned())),
                _ => Some((field.entry.clone(), blank(&text[field.entry.clone()]))),
            }
        }
        Error::DuplicateStructField { field, .. } => {
            let tree = tree?;
            let entry = tree
                .fields()
                .into_iter()
                .find(|f| f.key_span.start == at && f.key == *field)?;
            Some((entry.entry.clone(), blank(&text[entry.entry.clone()])))
        }
        Error::MissingStructField { field, .. } => {
            let key = misspelt_key(tree?, at, field)?;
            Some((key.key_span.clone(), (*field).to_owned()))
        }
        Error::NoSuchEnumVariant {
            expected, found, ..
        } => {
            let best = closest(found, expected.iter().copied())?;
            let end = at + found.len();
            (text.get(at..end) == Some(found.as_str())).then(|| (at..end, best.to_owned()))
        }
        _ => None,
    }
}

/// In the block that lacks `field`, a key that looks like a misspelling of it. Fields of
/// enum variants (`Ship(…)`, `Escalate(…)`) do not reject unknown names, so a misspelt
/// one shows up only as the field it should have been being missing.
fn misspelt_key<'t>(tree: &'t Node<'t>, at: usize, field: &str) -> Option<&'t syntax::Field<'t>> {
    let syntax::Kind::Struct { fields, .. } = &tree.block_at(at)?.kind else {
        return None;
    };
    if fields.iter().any(|f| f.key == field) {
        return None;
    }
    fields.iter().find(|f| closest(f.key, [field]).is_some())
}

/// The same text with everything but line breaks turned to spaces, so lines keep their place.
fn blank(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect()
}

/// How the author knows a type: "an order", "the policy overrides".
fn struct_words(outer: Option<&str>) -> String {
    let words = match outer.unwrap_or("") {
        "ScenarioFile" => "the scenario",
        "PolicyChoice" => "`policy`",
        "PolicyOverrides" => "the policy overrides",
        "Policy" => "the policy",
        "BuyerSpec" => "`buyer`",
        "MethodSpec" => "a payment method",
        "CouponSpec" => "a coupon",
        "ItemSpec" => "a catalogue item",
        "CartSpec" => "a cart line",
        "LineSpec" => "an order line",
        "OrderSpec" => "an order",
        "SellerSpec" => "a seller",
        "EventSpec" => "an event",
        "SellerRule" => "a seller rule",
        "ScriptLine" => "an action line",
        "CancelReason" => "a cancellation reason",
        "FaqEntry" => "an FAQ entry",
        "RefundTiming" => "a refund timing",
        "StatusGroup" => "a status group",
        "StateName" => "a state name",
        "" => "this block",
        other => return format!("`{other}`"),
    };
    words.to_owned()
}

fn enum_words(outer: Option<&str>) -> String {
    let words = match outer.unwrap_or("") {
        "MethodKind" => "payment method kind",
        "CouponIssuer" => "coupon issuer",
        "PaymentFailure" => "payment failure",
        "OrderState" => "order status",
        "TrackingKind" => "tracking kind",
        "Trigger" => "seller rule trigger",
        "Condition" => "seller rule condition",
        "Response" => "seller rule response",
        "Happening" => "world event",
        "DisputeKind" => "dispute kind",
        "Span" => "duration unit",
        "WindowStart" => "window start",
        "AfterWindow" => "after-window rule",
        "UnansweredRequest" => "unanswered-request rule",
        "Action" => "action",
        "Advance" => "clock advance",
        "ChargebackRoute" => "chargeback route",
        "" => "name",
        other => return format!("`{other}` variant"),
    };
    words.to_owned()
}

fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

const SPAN_HELP: &str = "write a duration as Minutes(30), Hours(2), Days(6) or BusinessDays(5)";
const MONEY_HELP: &str = "write an amount of money in quotes, with at most two decimals: \"24.90\"";
const STAMP_HELP: &str = "write a date and time in quotes: \"2026-03-02T10:00\"";

/// What a value of this field looks like, from its name and the block it sits in.
fn field_hint(key: &str, block: Option<&str>, top: &str) -> Option<String> {
    let hint = match (block, key) {
        (Some("RaisePrice"), "by") => MONEY_HELP,
        (Some("BankDelaysRefund"), "by") => SPAN_HELP,
        (_, "at") if top == "action file" => {
            "write a time in quotes: \"2026-03-02T10:00\", or \"+2h\", \"+1d3h\" from the scenario start"
        }
        (_, "start" | "placed" | "paid" | "shipped" | "delivered" | "received" | "at") => {
            STAMP_HELP
        }
        (_, "expires") => {
            "a card expires on a date: \"2028-09-30\"; a coupon at a date and time: \"2026-03-31T23:59\""
        }
        (
            _,
            "price"
            | "shipping"
            | "balance"
            | "amount"
            | "min_order"
            | "discount"
            | "per_payment_limit"
            | "return_shipping_cost"
            | "cod_refusal_fee",
        ) => MONEY_HELP,
        (_, "quantity") => "write a whole number, e.g. quantity: 2",
        (_, "after" | "delivered_after") => SPAN_HELP,
        (_, key)
            if crate::sim::policy::Policy::FIELD_NAMES.contains(&key) && is_span_field(key) =>
        {
            SPAN_HELP
        }
        _ => return None,
    };
    Some(hint.to_owned())
}

/// Policy fields that hold a duration, recognised by their names.
fn is_span_field(key: &str) -> bool {
    key.ends_with("_time")
        || key.ends_with("_after")
        || key.ends_with("_window")
        || key.ends_with("_period")
        || key.ends_with("_deadline")
        || key.ends_with("_transit")
        || key.ends_with("_review")
        || matches!(key, "payment_verification" | "buyer_protection")
}

/// The word, number or quoted text that starts at `at`.
fn word_at(source: &str, at: usize) -> Range<usize> {
    let rest = &source[at..];
    let len = if let Some(body) = rest.strip_prefix('"') {
        body.find('"').map_or(rest.len(), |i| i + 2)
    } else {
        rest.find(|c: char| !(c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '+')))
            .unwrap_or(rest.len())
    };
    at..at + len
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A ron error as a problem in the author's words, with a suggestion where one helps.
pub(crate) fn problem_from_ron(
    source: &str,
    error: &SpannedError,
    tree: Option<&Node>,
    top: &str,
) -> Problem {
    let start = start_offset(source, error);
    let end = offset_of(source, error.span.end.line, error.span.end.col).max(start);
    let one_char = |at: usize| {
        let len = source[at..].chars().next().map_or(0, char::len_utf8);
        at..at + len
    };
    let span = if end > start {
        start..end
    } else {
        one_char(start)
    };
    // ron stops before a value of the wrong kind, on the space in front of it; the caret
    // belongs on the value itself.
    let value = || syntax::token_after(source, start).unwrap_or_else(|| span.clone());
    let mut problem = match &error.code {
        _ if source.trim().is_empty() => Problem::new(format!("the {top} is empty"), Some(0..0))
            .help(match top {
                "action file" => "an action file is a list: [ (at: \"+1h\", do: …), … ]",
                _ => "a scenario is one `( … )` block; see scenarios/README.md",
            }),
        Error::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let what = struct_words(outer.as_deref());
            let problem = Problem::new(format!("unknown field `{found}` in {what}"), Some(span));
            match closest(found, expected.iter().copied()) {
                Some(best) => problem.help(format!("did you mean `{best}`?")),
                None => problem.help(format!("the fields of {what} are {}", list(expected))),
            }
        }
        Error::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = enum_words(outer.as_deref());
            let problem = Problem::new(format!("unknown {what} `{found}`"), Some(span));
            match closest(found, expected.iter().copied()) {
                Some(best) => problem.help(format!("did you mean `{best}`?")),
                None => problem.help(format!("expected one of {}", list(expected))),
            }
        }
        Error::MissingStructField { field, outer }
            if tree.and_then(|t| misspelt_key(t, start, field)).is_some() =>
        {
            let key = tree
                .and_then(|t| misspelt_key(t, start, field))
                .map(|f| (f.key, f.key_span.clone()));
            let (found, at) = key.unwrap_or_default();
            Problem::new(
                format!(
                    "unknown field `{found}` in {}",
                    struct_words(outer.as_deref())
                ),
                Some(at),
            )
            .help(format!("did you mean `{field}`?"))
        }
        Error::MissingStructField { field, outer } => {
            // ron notices at the closing bracket; point at the block's opening instead.
            let opening = tree
                .and_then(|t| t.block_at(start))
                .map(|b| {
                    let open = source[b.span.clone()].find('(').unwrap_or(0);
                    b.span.start..b.span.start + open + 1
                })
                .unwrap_or(span);
            Problem::new(
                format!(
                    "missing field `{field}` in {}",
                    struct_words(outer.as_deref())
                ),
                Some(opening),
            )
            .help(format!("add `{field}: …` to this block"))
        }
        Error::DuplicateStructField { field, outer } => Problem::new(
            format!(
                "`{field}` is given twice in {}",
                struct_words(outer.as_deref())
            ),
            Some(span),
        )
        .help("keep only one of them"),
        Error::ExpectedStringEnd => {
            Problem::new("this text is never closed", Some(span)).help("add the closing `\"`")
        }
        // A bracket left open is told by the reader before ron's account of it.
        Error::Eof => Problem::new("the file ends too early", Some(one_char(start)))
            .help("check that the file is complete"),
        Error::TrailingCharacters => {
            let rest = source[start..].trim_start();
            let from = source.len() - rest.len();
            let line_end = rest.find('\n').map_or(source.len(), |i| from + i);
            Problem::new(
                format!("unexpected text after the end of the {top}"),
                Some(from..line_end.max(from + 1).min(source.len())),
            )
            .help(format!(
                "the whole {top} is one bracketed block; is a bracket closed too early?"
            ))
        }
        Error::ExpectedComma => Problem::new("expected a `,` here", Some(one_char(start)))
            .help("separate fields and list items with commas"),
        Error::ExpectedStructLikeEnd | Error::ExpectedOptionEnd => {
            Problem::new("expected `)` or `,` here", Some(one_char(start)))
        }
        Error::ExpectedArrayEnd => Problem::new("expected `]` or `,` here", Some(one_char(start))),
        Error::ExpectedArray => Problem::new("expected a list `[ … ]` here", Some(value())),
        Error::ExpectedStructLike | Error::ExpectedNamedStructLike(_) => {
            Problem::new("expected a block `( … )` here", Some(value()))
        }
        Error::ExpectedString => Problem::new("expected text in quotes here", Some(value())),
        Error::ExpectedBoolean => Problem::new("expected `true` or `false` here", Some(value())),
        Error::ExpectedInteger | Error::IntegerOutOfBounds => {
            Problem::new("expected a whole number here", Some(value()))
        }
        Error::ExpectedIdentifier
        | Error::InvalidIdentifier(_)
        | Error::SuggestRawIdentifier(_) => {
            let word = word_at(source, start);
            let found = &source[word.clone()];
            let problem = if found.is_empty() {
                Problem::new("expected a name here", Some(span))
            } else {
                Problem::new(format!("expected a name here, found `{found}`"), Some(word))
            };
            if found.starts_with('"') {
                problem.help("names such as Card, Shipped or OrderPaid are written without quotes")
            } else {
                problem
            }
        }
        Error::InvalidValueForType { expected, found } => {
            Problem::new(format!("expected {expected}, found {found}"), Some(span))
        }
        Error::Message(message) => {
            // For a string, ron's span starts after the opening quote and takes in the
            // closing one: put it on the whole quoted value.
            let quoted = start
                .checked_sub(1)
                .filter(|&before| source.as_bytes()[before] == b'"')
                .and_then(|before| syntax::token_after(source, before))
                .filter(|token| token.start + 1 == start);
            Problem::new(message.clone(), Some(quoted.unwrap_or(span)))
        }
        Error::ExceededRecursionLimit => Problem::new(
            format!(
                "blocks and lists are nested more than {} deep here",
                super::MAX_NESTING
            ),
            Some(span),
        )
        .help("a scenario needs a few levels only; is a bracket left open, or an `All([…])` nested in itself?"),
        Error::UnexpectedChar(c) => {
            Problem::new(format!("unexpected `{c}` here"), Some(one_char(start)))
        }
        Error::InvalidEscape(_) => Problem::new(
            "a `\\` in this text starts an escape that does not exist",
            Some(span),
        )
        .help("write `\\\\` for a backslash, `\\\"` for a quote, `\\n` for a new line"),
        Error::UnclosedBlockComment => Problem::new("this `/*` comment is never closed", Some(span))
            .help("close it with `*/`"),
        Error::UnclosedLineComment => {
            Problem::new("the file ends inside a `//` comment", Some(span))
        }
        Error::Utf8Error(_) => Problem::new("this text is not valid UTF-8", Some(span)),
        Error::ExpectedFloat
        | Error::FloatUnderscore
        | Error::UnderscoreAtBeginning
        | Error::InvalidIntegerDigit { .. } => {
            Problem::new("expected a number here", Some(value()))
        }
        Error::ExpectedChar
        | Error::ExpectedByteLiteral
        | Error::ExpectedByteString
        | Error::ExpectedRawValue => {
            Problem::new("expected a value of another kind here", Some(value()))
        }
        Error::ExpectedOption => Problem::new("expected a value here", Some(value())),
        Error::ExpectedUnit => Problem::new("expected `()` here", Some(value())),
        Error::ExpectedMap => Problem::new("expected a map `{ … }` here", Some(value())),
        Error::ExpectedMapColon => Problem::new("expected a `:` here", Some(one_char(start))),
        Error::ExpectedMapEnd => Problem::new("expected `}` or `,` here", Some(one_char(start))),
        Error::ExpectedDifferentStructName { expected, found } => Problem::new(
            format!("expected a `{expected}` block here, found `{found}`"),
            Some(span),
        ),
        Error::ExpectedStructName(name) => Problem::new(
            format!("expected the name `{name}` before this block"),
            Some(span),
        ),
        Error::ExpectedDifferentLength { expected, found } => Problem::new(
            format!("expected {expected}, found {found} item(s)"),
            Some(span),
        ),
        Error::ExpectedAttribute | Error::ExpectedAttributeEnd | Error::NoSuchExtension(_) => {
            Problem::new("this `#!` line is not one shopsim reads", Some(span))
                .help("leave it out: the files need no extensions switched on")
        }
        Error::ExpectedRangeSyntax => Problem::new("expected `..` here", Some(span)),
        Error::Io(_) | Error::Fmt => Problem::new("the file could not be read here", Some(span)),
        other => Problem::new(
            format!("this is not valid here ({})", lowercase_first(&other.to_string())),
            Some(span),
        ),
    };
    if problem.help.is_none()
        && let Some(tree) = tree
        && tree.block_at(start).and_then(Node::name) == Some("To")
    {
        // `AdvanceClock(To(…))` reads a full date and time, seconds included.
        problem = problem.help("write the moment with seconds: To(\"2026-03-04T10:00:00\")");
    }
    if problem.help.is_none()
        && let Some(tree) = tree
        && let Some(field) = tree.field_at(start)
    {
        let block = tree.block_at(field.key_span.start).and_then(Node::name);
        if let Some(hint) = field_hint(field.key, block, top) {
            problem = problem.help(hint);
        }
    }
    problem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_map_back_to_the_original() {
        let mut text = "ab cd ef".to_owned();
        let mut edits = Edits::default();
        edits.apply(&mut text, 3..5, "xyz"); // "ab xyz ef"
        edits.apply(&mut text, 0..2, "q"); // "q xyz ef"
        assert_eq!(text, "q xyz ef");
        assert_eq!(edits.to_original(text.find("ef").unwrap()), 6);
        assert_eq!(edits.to_original(text.find("xyz").unwrap()), 3);
        assert_eq!(edits.span_to_original(2..5), 3..5);
    }
}
