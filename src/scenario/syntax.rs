//! A forgiving reader of RON's shape, with byte spans, used only to point at text: where
//! the value at `orders[2].paid` sits, which field an error falls in, where a value
//! starts. Its lexer also serves the bracket and quote passes (`brackets`, `quotes`). It
//! knows nothing of the scenario's types; serde does the real parsing.
//!
//! It never panics and never recurses without bound: text it cannot follow gives `None`.

use std::ops::Range;

/// How deep brackets may nest before the reader gives up (ron's own limit is 128).
const MAX_DEPTH: usize = 128;

/// A value of the text, borrowing its names from the text: a large file costs no copy
/// of its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node<'s> {
    pub span: Range<usize>,
    pub kind: Kind<'s>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind<'s> {
    /// `(a: 1, b: 2)` or `Name(a: 1)`.
    Struct {
        name: Option<&'s str>,
        fields: Vec<Field<'s>>,
    },
    /// `(1, 2)`, `Days(3)`, `Seller("x")`, `Some(x)`, and `()`.
    Tuple {
        name: Option<&'s str>,
        items: Vec<Node<'s>>,
    },
    List(Vec<Node<'s>>),
    Map(Vec<(Node<'s>, Node<'s>)>),
    /// A string, number, character or bare identifier; the text is `source[span]`.
    Atom,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Field<'s> {
    pub key: &'s str,
    pub key_span: Range<usize>,
    pub value: Node<'s>,
    /// From the key to the end of the value, with its trailing comma if any.
    pub entry: Range<usize>,
}

/// One step of a path into the tree: a field by name, or an element by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg<'a> {
    F(&'a str),
    I(usize),
}

impl<'s> Node<'s> {
    /// The node at `path`. A field step looks through `Some(…)`, so an author may write
    /// either `paid: "…"` or `paid: Some("…")`.
    pub fn get(&self, path: &[Seg]) -> Option<&Node<'s>> {
        let mut node = self.through_some();
        for seg in path {
            node = match (seg, &node.kind) {
                (Seg::F(name), Kind::Struct { fields, .. }) => {
                    &fields.iter().find(|f| f.key == *name)?.value
                }
                (Seg::I(i), Kind::List(items)) | (Seg::I(i), Kind::Tuple { items, .. }) => {
                    items.get(*i)?
                }
                _ => return None,
            }
            .through_some();
        }
        Some(node)
    }

    /// The field entry named by the last step of `path`.
    #[cfg(test)]
    pub fn field(&self, path: &[Seg]) -> Option<&Field<'s>> {
        let (Seg::F(name), parent) = path.split_last()? else {
            return None;
        };
        match &self.get(parent)?.kind {
            Kind::Struct { fields, .. } => fields.iter().find(|f| f.key == *name),
            _ => None,
        }
    }

    pub fn through_some(&self) -> &Node<'s> {
        match &self.kind {
            Kind::Tuple {
                name: Some(name),
                items,
            } if *name == "Some" && items.len() == 1 => &items[0],
            _ => self,
        }
    }

    pub fn name(&self) -> Option<&'s str> {
        match &self.kind {
            Kind::Struct { name, .. } | Kind::Tuple { name, .. } => *name,
            _ => None,
        }
    }

    /// Every node of the tree, parents before children, one at a time.
    pub fn walk(&self) -> impl Iterator<Item = &Node<'s>> {
        let mut stack = vec![self];
        std::iter::from_fn(move || {
            let node = stack.pop()?;
            match &node.kind {
                Kind::Struct { fields, .. } => stack.extend(fields.iter().rev().map(|f| &f.value)),
                Kind::Tuple { items, .. } | Kind::List(items) => stack.extend(items.iter().rev()),
                Kind::Map(entries) => stack.extend(entries.iter().rev().flat_map(|(k, v)| [v, k])),
                Kind::Atom => {}
            }
            Some(node)
        })
    }

    /// Every field entry of the tree, outermost first.
    pub fn fields(&self) -> Vec<&Field<'s>> {
        self.walk()
            .flat_map(|n| match &n.kind {
                Kind::Struct { fields, .. } => fields.iter().collect(),
                _ => Vec::new(),
            })
            .collect()
    }

    /// The innermost field whose key or value contains `offset`.
    pub fn field_at(&self, offset: usize) -> Option<&Field<'s>> {
        self.fields()
            .into_iter()
            .filter(|f| f.key_span.start <= offset && offset <= f.value.span.end)
            .min_by_key(|f| f.value.span.end - f.key_span.start)
    }

    /// The innermost bracketed node (struct or tuple) whose text contains `offset`.
    pub fn block_at(&self, offset: usize) -> Option<&Node<'s>> {
        self.walk()
            .filter(|n| matches!(n.kind, Kind::Struct { .. } | Kind::Tuple { .. }))
            .filter(|n| n.span.start <= offset && offset < n.span.end.max(n.span.start + 1))
            .min_by_key(|n| n.span.end - n.span.start)
    }
}

/// A token of RON's shape; strings, comments and attributes are already skipped whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    Open(u8),
    Close(u8),
    Comma,
    Colon,
    Ident,
    /// Strings, numbers, characters.
    Literal,
    /// Anything the reader does not understand.
    Other,
}

/// Reads tokens one at a time: a large text is never held as a list of them.
pub(super) struct Lexer<'s> {
    source: &'s str,
    bytes: &'s [u8],
    at: usize,
    /// Whether the text ended inside a string or a comment.
    unterminated: bool,
}

impl<'s> Lexer<'s> {
    pub(super) fn new(source: &'s str) -> Self {
        Lexer::at(source, 0)
    }

    /// A lexer that starts at `offset`, which must be where a token or trivia begins.
    pub(super) fn at(source: &'s str, offset: usize) -> Self {
        Lexer {
            source,
            bytes: source.as_bytes(),
            at: offset.min(source.len()),
            unterminated: false,
        }
    }

    /// Whether the text ended inside a string or a comment: then what is open at the end
    /// is that, not a bracket.
    pub(super) fn unterminated(&self) -> bool {
        self.unterminated
    }

    fn peek_byte(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.at + ahead).copied()
    }

    /// Skips whitespace, comments and `#![enable(…)]` attributes.
    fn skip_trivia(&mut self) {
        loop {
            match (self.peek_byte(0), self.peek_byte(1)) {
                (Some(b), _) if b.is_ascii_whitespace() => self.at += 1,
                (Some(b'/'), Some(b'/')) => {
                    while let Some(b) = self.peek_byte(0) {
                        self.at += 1;
                        if b == b'\n' {
                            break;
                        }
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.at += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.peek_byte(0), self.peek_byte(1)) {
                            (None, _) => {
                                self.unterminated = true;
                                return;
                            }
                            (Some(b'*'), Some(b'/')) => {
                                depth -= 1;
                                self.at += 2;
                            }
                            (Some(b'/'), Some(b'*')) => {
                                depth += 1;
                                self.at += 2;
                            }
                            _ => self.at += 1,
                        }
                    }
                }
                (Some(b'#'), Some(b'!')) => {
                    // An attribute: skip to the matching `]`.
                    self.at += 2;
                    let mut depth = 0;
                    while let Some(b) = self.peek_byte(0) {
                        self.at += 1;
                        match b {
                            b'[' => depth += 1,
                            b']' => {
                                depth -= 1;
                                if depth <= 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                _ => return,
            }
        }
    }

    fn is_ident_byte(b: u8) -> bool {
        b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
    }

    /// The next token and its span; `None` at the end of the text.
    pub(super) fn next(&mut self) -> Option<(Tok, Range<usize>)> {
        self.skip_trivia();
        let start = self.at;
        let b = self.peek_byte(0)?;
        let tok = match b {
            b'(' | b'[' | b'{' => {
                self.at += 1;
                Tok::Open(b)
            }
            b')' | b']' | b'}' => {
                self.at += 1;
                Tok::Close(b)
            }
            b',' => {
                self.at += 1;
                Tok::Comma
            }
            b':' => {
                self.at += 1;
                Tok::Colon
            }
            b'"' => {
                self.string();
                Tok::Literal
            }
            b'\'' => {
                self.at += 1;
                while let Some(b) = self.peek_byte(0) {
                    self.at += 1;
                    match b {
                        b'\\' => self.at = (self.at + 1).min(self.bytes.len()),
                        b'\'' | b'\n' => break,
                        _ => {}
                    }
                }
                Tok::Literal
            }
            b'r' if matches!(self.peek_byte(1), Some(b'"') | Some(b'#')) && self.raw_string() => {
                Tok::Literal
            }
            b'b' if self.peek_byte(1) == Some(b'"') => {
                self.at += 1;
                self.string();
                Tok::Literal
            }
            b'0'..=b'9' | b'-' | b'+' | b'.' => {
                self.at += 1;
                while let Some(b) = self.peek_byte(0) {
                    let exponent_sign = matches!(b, b'-' | b'+')
                        && matches!(self.bytes.get(self.at - 1), Some(b'e') | Some(b'E'));
                    if Self::is_ident_byte(b) || b == b'.' || exponent_sign {
                        self.at += 1;
                    } else {
                        break;
                    }
                }
                Tok::Literal
            }
            b if Self::is_ident_byte(b) => {
                if b == b'r' && self.peek_byte(1) == Some(b'#') {
                    self.at += 2;
                }
                while self.peek_byte(0).is_some_and(Self::is_ident_byte) {
                    self.at += 1;
                }
                Tok::Ident
            }
            _ => {
                self.at += 1;
                while self.at < self.bytes.len() && self.bytes[self.at] & 0xC0 == 0x80 {
                    self.at += 1;
                }
                Tok::Other
            }
        };
        Some((tok, start..self.at))
    }

    /// A `"…"` string from its opening quote; an unclosed one runs to the end of the text.
    fn string(&mut self) {
        self.at += 1;
        // From quote to quote rather than byte by byte: a text of megabytes is crossed
        // in one search. A quote after an odd run of backslashes is escaped.
        while let Some(found) = self.source.get(self.at..).and_then(|rest| rest.find('"')) {
            let quote = self.at + found;
            let backslashes = self.bytes[self.at..quote]
                .iter()
                .rev()
                .take_while(|&&b| b == b'\\')
                .count();
            self.at = quote + 1;
            if backslashes % 2 == 0 {
                return;
            }
        }
        self.at = self.bytes.len();
        self.unterminated = true;
    }

    /// `r"…"` or `r#"…"#`; false (and nothing consumed) when it is an identifier after all.
    fn raw_string(&mut self) -> bool {
        let mut i = self.at + 1;
        let mut hashes = 0;
        while self.bytes.get(i) == Some(&b'#') {
            hashes += 1;
            i += 1;
        }
        if self.bytes.get(i) != Some(&b'"') {
            return false;
        }
        i += 1;
        while i < self.bytes.len() {
            if self.bytes[i] == b'"'
                && (0..hashes).all(|h| self.bytes.get(i + 1 + h) == Some(&b'#'))
            {
                self.at = i + 1 + hashes;
                return true;
            }
            i += 1;
        }
        self.at = self.bytes.len();
        self.unterminated = true;
        true
    }
}

/// Reads tokens as it goes, two ahead at most: a large text is never held as a list of
/// tokens.
struct Parser<'s> {
    source: &'s str,
    lexer: Lexer<'s>,
    ahead: std::collections::VecDeque<(Tok, Range<usize>)>,
}

impl<'s> Parser<'s> {
    fn peek(&mut self, ahead: usize) -> Option<&(Tok, Range<usize>)> {
        while self.ahead.len() <= ahead {
            let token = self.lexer.next()?;
            self.ahead.push_back(token);
        }
        self.ahead.get(ahead)
    }

    fn bump(&mut self) -> Option<(Tok, Range<usize>)> {
        self.peek(0)?;
        self.ahead.pop_front()
    }

    fn eat(&mut self, tok: Tok) -> Option<Range<usize>> {
        match self.peek(0) {
            Some((t, _)) if *t == tok => self.bump().map(|(_, span)| span),
            _ => None,
        }
    }

    /// Whether every token has been read.
    fn at_end(&mut self) -> bool {
        self.peek(0).is_none()
    }

    fn value(&mut self, depth: usize) -> Option<Node<'s>> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (tok, span) = self.bump()?;
        match tok {
            Tok::Literal => Some(Node {
                span,
                kind: Kind::Atom,
            }),
            Tok::Ident => {
                if matches!(self.peek(0), Some((Tok::Open(b'('), _))) {
                    let name = &self.source[span.clone()];
                    self.bump();
                    self.parens(Some(name), span.start, depth)
                } else {
                    Some(Node {
                        span,
                        kind: Kind::Atom,
                    })
                }
            }
            Tok::Open(b'(') => self.parens(None, span.start, depth),
            Tok::Open(b'[') => {
                let mut items = Vec::new();
                loop {
                    if let Some(end) = self.eat(Tok::Close(b']')) {
                        return Some(Node {
                            span: span.start..end.end,
                            kind: Kind::List(items),
                        });
                    }
                    items.push(self.value(depth + 1)?);
                    if self.eat(Tok::Comma).is_none() && self.peek(0)?.0 != Tok::Close(b']') {
                        return None;
                    }
                }
            }
            Tok::Open(b'{') => {
                let mut entries = Vec::new();
                loop {
                    if let Some(end) = self.eat(Tok::Close(b'}')) {
                        return Some(Node {
                            span: span.start..end.end,
                            kind: Kind::Map(entries),
                        });
                    }
                    let key = self.value(depth + 1)?;
                    self.eat(Tok::Colon)?;
                    let value = self.value(depth + 1)?;
                    entries.push((key, value));
                    if self.eat(Tok::Comma).is_none() && self.peek(0)?.0 != Tok::Close(b'}') {
                        return None;
                    }
                }
            }
            _ => None,
        }
    }

    /// After an opening `(`: a struct when it starts with `name:`, else a tuple.
    fn parens(&mut self, name: Option<&'s str>, start: usize, depth: usize) -> Option<Node<'s>> {
        let first = self.peek(0).map(|t| t.0);
        let second = self.peek(1).map(|t| t.0);
        let is_struct = matches!((first, second), (Some(Tok::Ident), Some(Tok::Colon)));
        if !is_struct {
            let mut items = Vec::new();
            loop {
                if let Some(end) = self.eat(Tok::Close(b')')) {
                    return Some(Node {
                        span: start..end.end,
                        kind: Kind::Tuple { name, items },
                    });
                }
                items.push(self.value(depth + 1)?);
                if self.eat(Tok::Comma).is_none() && self.peek(0)?.0 != Tok::Close(b')') {
                    return None;
                }
            }
        }
        let mut fields = Vec::new();
        loop {
            if let Some(end) = self.eat(Tok::Close(b')')) {
                return Some(Node {
                    span: start..end.end,
                    kind: Kind::Struct { name, fields },
                });
            }
            let key_span = self.eat(Tok::Ident)?;
            self.eat(Tok::Colon)?;
            let value = self.value(depth + 1)?;
            let mut entry = key_span.start..value.span.end;
            if let Some(comma) = self.eat(Tok::Comma) {
                entry.end = comma.end;
            } else if self.peek(0)?.0 != Tok::Close(b')') {
                return None;
            }
            let key = self.source[key_span.clone()].trim_start_matches("r#");
            fields.push(Field {
                key,
                key_span,
                value,
                entry,
            });
        }
    }
}

/// The tree of a whole text, or `None` when the text is not well-formed RON.
pub(crate) fn parse(source: &str) -> Option<Node<'_>> {
    let mut parser = Parser {
        source,
        lexer: Lexer::new(source),
        ahead: std::collections::VecDeque::new(),
    };
    let node = parser.value(0)?;
    parser.at_end().then_some(node)
}

/// The span of the first token at or after `offset`, past whitespace and comments: where
/// a value starts when a parser stopped just before it.
pub(crate) fn token_after(source: &str, offset: usize) -> Option<Range<usize>> {
    if !source.is_char_boundary(offset.min(source.len())) {
        return None;
    }
    Lexer::at(source, offset).next().map(|(_, span)| span)
}

#[cfg(test)]
mod tests {
    use super::Seg::{F, I};
    use super::*;

    const TEXT: &str = r#"// a comment
(
    title: "A (tricky) \"title\"",
    orders: [
        (id: "A-1", paid: "2026-03-01T10:00", items: [(item: "x")]),
        (id: "A-2", paid: Some("2026-03-02T10:00"), tracking: Fake),
    ],
    rules: [(on: OrderPaid, after: Days(3), do: Ship(tracking: Genuine))],
    issuer: Seller("shop"), /* nested /* comment */ here */
)"#;

    fn text_at<'s>(source: &'s str, node: &Node) -> &'s str {
        &source[node.span.clone()]
    }

    #[test]
    fn finds_values_by_path() {
        let tree = parse(TEXT).expect("parses");
        let at = |path: &[Seg]| text_at(TEXT, tree.get(path).expect("found"));
        assert_eq!(at(&[F("title")]), r#""A (tricky) \"title\"""#);
        assert_eq!(at(&[F("orders"), I(1), F("paid")]), r#""2026-03-02T10:00""#);
        assert_eq!(
            at(&[F("orders"), I(0), F("items"), I(0), F("item")]),
            r#""x""#
        );
        assert_eq!(at(&[F("rules"), I(0), F("after"), I(0)]), "3");
        assert_eq!(at(&[F("rules"), I(0), F("do"), F("tracking")]), "Genuine");
        assert_eq!(at(&[F("issuer"), I(0)]), r#""shop""#);
        assert!(tree.get(&[F("orders"), I(5)]).is_none());
        let field = tree.field(&[F("orders"), I(0), F("paid")]).expect("field");
        assert_eq!(&TEXT[field.entry.clone()], r#"paid: "2026-03-01T10:00","#);
    }

    #[test]
    fn innermost_field_and_block() {
        let tree = parse(TEXT).expect("parses");
        let offset = TEXT.find("Fake").expect("present");
        assert_eq!(tree.field_at(offset).map(|f| f.key), Some("tracking"));
        let block = tree.block_at(offset).expect("block");
        assert!(text_at(TEXT, block).starts_with("(id: \"A-2\""));
    }

    #[test]
    fn broken_text_gives_none() {
        assert_eq!(parse("(\n  a: [1, 2,\n  b: 3\n"), None);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep), None);
    }

    #[test]
    fn the_token_after_skips_space_and_comments() {
        let text = "a:  /* x */ \"b c\", d";
        assert_eq!(token_after(text, 2), Some(12..17));
        assert_eq!(token_after(text, 18), Some(19..20));
        assert_eq!(token_after(text, 20), None);
    }
}
