//! Content-stream syntax: a tolerant, bounded parser yielding one
//! [`Operation`] at a time, so that one bad token never costs the rest of a
//! page (the way pdftotext reads damaged streams, token by token).
//!
//! Read leniently, nothing lost:
//! - numbers, as poppler's lexer reads them: a sign without digits (`-`,
//!   `+`) is the integer 0, a lone `.` is the real 0, a number ends at the
//!   first byte that cannot continue it (`--5` is 0 then −5, `5.3.2` is 5.3
//!   then 0.2), a `-` inside the fraction is ignored (`0.00-41` is 0.0041),
//!   an integer too big for `i64` is a real;
//! - a `#` in a name not followed by two hex digits is kept as is;
//! - comments anywhere, even between operands.
//!
//! Skipped, each counted as one token ([`Operations::skipped`]), which the
//! interpreter turns into a warning:
//! - a byte that starts no token (`)`, `>`, `{`, `}`, a stray `]` or `>>`);
//! - an operator keyword inside an array or dictionary (the array goes on),
//!   a dictionary key that is not a name, a key without a value;
//! - an illegal character in a hex string (read as a zero digit);
//! - operands left without an operator at the end of the stream, an
//!   operator this reader does not know (outside `BX`/`EX`), and objects
//!   beyond [`MAX_OPERATION_OBJECTS`];
//! - a `BI` with an operator before its `ID`, or without its `EI` (which
//!   ends the stream). An inline image is otherwise skipped whole and not
//!   counted: its data length is computed from its dictionary when it can
//!   be, else its `EI` is one between white space and followed by what
//!   reads as content (binary data may hold `EI`).
//!
//! Operators with the wrong operands are the interpreter's business: it
//! ignores them.
//!
//! Bounds: every token consumes input; strings, arrays and dictionaries
//! nest at most [`MAX_CONTENT_NESTING`] levels together (deeper stops the
//! stream, see [`Operations::too_deep`]), so recursion is bounded; one
//! operation keeps at most [`MAX_OPERATION_OBJECTS`] objects; the searches
//! for the inline images' `EI`s are linear over the whole stream.

use lopdf::content::Operation;
use lopdf::{Dictionary, Object, StringFormat};

/// Nesting depth of strings, arrays and dictionaries a content stream may
/// use; deeper content stops the stream.
pub const MAX_CONTENT_NESTING: usize = 100;
/// Objects (operands and everything inside them) kept for one operation;
/// the rest are dropped as skipped tokens.
pub const MAX_OPERATION_OBJECTS: usize = 65_536;
/// Longest keyword taken for an operator (PDF's have at most three bytes).
const MAX_OPERATOR_LEN: usize = 32;
/// Bytes of the token after a candidate `EI` checked to be printable.
const EI_LOOKAHEAD: usize = 8;

/// The operators of the PDF specification, in byte order; any other
/// keyword is a syntax error outside a `BX`/`EX` compatibility section.
/// `BI`, `ID` and `EI` are read as one inline image, not as operators.
const OPERATORS: &[&[u8]] = &[
    b"\"", b"'", b"B", b"B*", b"BDC", b"BMC", b"BT", b"BX", b"CS", b"DP", b"Do", b"EMC", b"ET",
    b"EX", b"F", b"G", b"J", b"K", b"M", b"MP", b"PS", b"Q", b"RG", b"S", b"SC", b"SCN", b"T*",
    b"TD", b"TJ", b"TL", b"Tc", b"Td", b"Tf", b"Tj", b"Tm", b"Tr", b"Ts", b"Tw", b"Tz", b"W",
    b"W*", b"b", b"b*", b"c", b"cm", b"cs", b"d", b"d0", b"d1", b"f", b"f*", b"g", b"gs", b"h",
    b"i", b"j", b"k", b"l", b"m", b"n", b"q", b"re", b"rg", b"ri", b"s", b"sc", b"scn", b"sh",
    b"v", b"w", b"y",
];

fn is_operator(keyword: &[u8]) -> bool {
    OPERATORS.binary_search(&keyword).is_ok()
}

fn is_whitespace(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delimiter(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(c: u8) -> bool {
    !is_whitespace(c) && !is_delimiter(c)
}

fn hex_value(c: u8) -> Option<u8> {
    (c as char).to_digit(16).map(|v| v as u8)
}

/// `int.frac` (digits; `-` bytes in `frac` ignored) as an `f32` without
/// parsing text, as `str::parse` gives it, when its digits make an integer
/// below 2^53 and it has at most 22 fraction digits: both are then exact
/// `f64`s, one division rounds the value correctly to an `f64`, and
/// rounding that to an `f32` gives the `f32` nearest the value unless the
/// `f64` fell on a point halfway between two `f32`s (left to the parser).
fn exact_real(int: &[u8], frac: &[u8]) -> Option<f32> {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let mut mantissa: u64 = 0;
    let mut push = |d: u8| {
        mantissa = mantissa * 10 + u64::from(d - b'0');
        (mantissa < 1 << 53).then_some(())
    };
    for &d in int {
        push(d)?;
    }
    let mut scale = 0;
    for &d in frac.iter().filter(|&&c| c != b'-') {
        push(d)?;
        scale += 1;
    }
    let value = mantissa as f64 / *POW10.get(scale)?;
    // The 29 low bits of an f64's significand are those an f32 drops.
    let dropped = value.to_bits() & ((1 << 29) - 1);
    (dropped != 1 << 28).then_some(value as f32)
}

/// One lexical token.
enum Token<'a> {
    Object(Object),
    /// A run of regular characters that is not a number, `true`, `false`
    /// or `null`: an operator, known or not.
    Keyword(&'a [u8]),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    /// A byte that starts no token: `)`, a lone `>`, `{`, `}`.
    Stray,
    /// A string nested deeper than [`MAX_CONTENT_NESTING`].
    TooDeep,
    End,
}

/// The operations of a content stream, in order. Never fails: what cannot
/// be read is skipped and counted.
pub struct Operations<'a> {
    input: &'a [u8],
    pos: usize,
    skipped: usize,
    too_deep: bool,
    finished: bool,
    /// Open `BX` compatibility sections, where unknown operators are legal.
    compat: usize,
    /// Objects kept for the operation being read.
    objects: usize,
    /// No inline image's `EI` before this offset is followed by content
    /// (see [`Operations::end_of_image`]).
    no_content_ei_before: usize,
}

impl<'a> Operations<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        Operations {
            input,
            pos: 0,
            skipped: 0,
            too_deep: false,
            finished: false,
            compat: 0,
            objects: 0,
            no_content_ei_before: 0,
        }
    }

    /// Tokens skipped so far (see the module documentation).
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Whether the stream stopped at a string, array or dictionary nested
    /// deeper than [`MAX_CONTENT_NESTING`]; the rest of it was not read.
    pub fn too_deep(&self) -> bool {
        self.too_deep
    }

    fn peek(&self) -> Option<u8> {
        self.input.get(self.pos).copied()
    }

    /// Skips white space and comments.
    fn skip_space(&mut self) {
        while let Some(c) = self.peek() {
            if is_whitespace(c) {
                self.pos += 1;
            } else if c == b'%' {
                while self.peek().is_some_and(|c| c != b'\r' && c != b'\n') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The next token; `depth` is the nesting of the arrays and
    /// dictionaries it sits in (for the depth of a literal string).
    fn token(&mut self, depth: usize) -> Token<'a> {
        self.skip_space();
        let Some(c) = self.peek() else {
            return Token::End;
        };
        self.pos += 1;
        match c {
            b'(' => self.literal_string(depth),
            b'<' if self.peek() == Some(b'<') => {
                self.pos += 1;
                Token::DictStart
            }
            b'<' => self.hex_string(),
            b'>' if self.peek() == Some(b'>') => {
                self.pos += 1;
                Token::DictEnd
            }
            b'[' => Token::ArrayStart,
            b']' => Token::ArrayEnd,
            b'/' => Token::Object(Object::Name(self.name())),
            b'0'..=b'9' | b'+' | b'-' | b'.' => Token::Object(self.number(c)),
            b')' | b'>' | b'{' | b'}' => Token::Stray,
            _ => {
                let start = self.pos - 1;
                while self.peek().is_some_and(is_regular) {
                    self.pos += 1;
                }
                match &self.input[start..self.pos] {
                    b"true" => Token::Object(Object::Boolean(true)),
                    b"false" => Token::Object(Object::Boolean(false)),
                    b"null" => Token::Object(Object::Null),
                    keyword => Token::Keyword(keyword),
                }
            }
        }
    }

    /// A number whose first byte `first` was just read.
    fn number(&mut self, first: u8) -> Object {
        let negative = first == b'-';
        let mut int_digits: &[u8] = &[];
        let mut is_real = first == b'.';
        if !is_real {
            let int_start = if first.is_ascii_digit() {
                self.pos - 1
            } else {
                self.pos
            };
            while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                self.pos += 1;
            }
            int_digits = &self.input[int_start..self.pos];
            if self.peek() == Some(b'.') {
                self.pos += 1;
                is_real = true;
            }
        }
        if !is_real {
            if int_digits.is_empty() {
                return Object::Integer(0);
            }
            let value = int_digits.iter().try_fold(0i64, |v, &d| {
                let v = v.checked_mul(10)?;
                let d = i64::from(d - b'0');
                if negative {
                    v.checked_sub(d)
                } else {
                    v.checked_add(d)
                }
            });
            if let Some(v) = value {
                return Object::Integer(v);
            }
        }
        // A real, or an integer too big for i64: the fraction's digits
        // follow the `.`, any `-` among them ignored.
        let mut any_digit = !int_digits.is_empty();
        let frac_start = self.pos;
        if is_real {
            while let Some(c) = self.peek() {
                if c.is_ascii_digit() {
                    any_digit = true;
                } else if c != b'-' {
                    break;
                }
                self.pos += 1;
            }
        }
        if !any_digit {
            return Object::Real(0.0);
        }
        let frac = &self.input[frac_start..self.pos];
        if let Some(v) = exact_real(int_digits, frac) {
            return Object::Real(if negative { -v } else { v });
        }
        let mut text = String::with_capacity(int_digits.len() + frac.len() + 2);
        if negative {
            text.push('-');
        }
        text.extend(int_digits.iter().map(|&d| d as char));
        if is_real {
            text.push('.');
            text.extend(frac.iter().filter(|&&c| c != b'-').map(|&d| d as char));
        }
        Object::Real(text.parse().unwrap_or(0.0))
    }

    /// A name after its `/`: regular characters, `#xx` escapes decoded.
    fn name(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            if !is_regular(c) {
                break;
            }
            self.pos += 1;
            if c == b'#' {
                let hi = self.peek().and_then(hex_value);
                let lo = self.input.get(self.pos + 1).copied().and_then(hex_value);
                if let (Some(hi), Some(lo)) = (hi, lo) {
                    out.push(hi << 4 | lo);
                    self.pos += 2;
                    continue;
                }
            }
            out.push(c);
        }
        out
    }

    /// A literal string after its `(`: nested parentheses, escapes, and
    /// end-of-line markers read as `\n`. Unterminated, it runs to the end.
    fn literal_string(&mut self, depth: usize) -> Token<'a> {
        let mut out = Vec::new();
        let mut parens = 1usize;
        if depth + parens > MAX_CONTENT_NESTING {
            return Token::TooDeep;
        }
        loop {
            // Plain bytes are copied a run at a time.
            let rest = &self.input[self.pos..];
            let run = rest
                .iter()
                .position(|&c| matches!(c, b'(' | b')' | b'\\' | b'\r'))
                .unwrap_or(rest.len());
            out.extend_from_slice(&rest[..run]);
            self.pos += run;
            let Some(c) = self.peek() else { break };
            self.pos += 1;
            match c {
                b'(' => {
                    parens += 1;
                    if depth + parens > MAX_CONTENT_NESTING {
                        return Token::TooDeep;
                    }
                    out.push(c);
                }
                b')' => {
                    parens -= 1;
                    if parens == 0 {
                        break;
                    }
                    out.push(c);
                }
                b'\r' => {
                    if self.peek() == Some(b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(b'\x08'),
                        b'f' => out.push(b'\x0c'),
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        value = value * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            // An overflowing `\ddd` keeps its low byte.
                            out.push(value as u8);
                        }
                        // A backslash before an end of line continues the string.
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
        Token::Object(Object::String(out, StringFormat::Literal))
    }

    /// A hex string after its `<`: white space ignored, an odd last digit
    /// followed by 0, an illegal character read as 0 and counted.
    fn hex_string(&mut self) -> Token<'a> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if is_whitespace(c) {
                continue;
            }
            let digit = hex_value(c).unwrap_or_else(|| {
                self.skipped += 1;
                0
            });
            match high.take() {
                Some(h) => out.push(h << 4 | digit),
                None => high = Some(digit),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        Token::Object(Object::String(out, StringFormat::Hexadecimal))
    }

    /// Counts one more object for the operation being read: `false` (and
    /// one skipped token) beyond [`MAX_OPERATION_OBJECTS`].
    fn reserve(&mut self) -> bool {
        if self.objects < MAX_OPERATION_OBJECTS {
            self.objects += 1;
            true
        } else {
            self.skipped += 1;
            false
        }
    }

    /// The object a token starts, read to its end (arrays and dictionaries
    /// included): `Ok(None)` when dropped for [`MAX_OPERATION_OBJECTS`];
    /// `Err` with the token when it starts no object, and
    /// `Err(Token::TooDeep)` when the object nests too deep.
    fn object(&mut self, token: Token<'a>, depth: usize) -> Result<Option<Object>, Token<'a>> {
        match token {
            Token::Object(o) => Ok(self.reserve().then_some(o)),
            Token::ArrayStart | Token::DictStart => {
                let kept = self.reserve();
                let value = self.container(&token, depth).ok_or(Token::TooDeep)?;
                Ok(kept.then_some(value))
            }
            other => Err(other),
        }
    }

    /// The value an array or dictionary token starts, read to its end;
    /// `None` when it nests too deep.
    fn container(&mut self, start: &Token, depth: usize) -> Option<Object> {
        if depth + 1 > MAX_CONTENT_NESTING {
            return None;
        }
        match start {
            Token::ArrayStart => self.array(depth + 1).map(Object::Array),
            _ => self.dictionary(depth + 1).map(Object::Dictionary),
        }
    }

    /// The elements of an array after its `[`, at nesting `depth`.
    /// Unterminated, it runs to the end of the stream.
    fn array(&mut self, depth: usize) -> Option<Vec<Object>> {
        let mut items = Vec::new();
        loop {
            let token = self.token(depth);
            match self.object(token, depth) {
                Ok(kept) => items.extend(kept),
                Err(Token::ArrayEnd | Token::End) => return Some(items),
                Err(Token::TooDeep) => return None,
                Err(_) => self.skipped += 1,
            }
        }
    }

    /// The entries of a dictionary after its `<<`, at nesting `depth`. A
    /// key that is not a name, or a key without a value, is skipped.
    fn dictionary(&mut self, depth: usize) -> Option<Dictionary> {
        let mut dict = Dictionary::new();
        let mut key: Option<Vec<u8>> = None;
        loop {
            let token = self.token(depth);
            match self.object(token, depth) {
                Ok(value) => self.entry(&mut dict, &mut key, value),
                Err(Token::DictEnd | Token::End) => {
                    if key.is_some() {
                        self.skipped += 1;
                    }
                    return Some(dict);
                }
                Err(Token::TooDeep) => return None,
                Err(_) => self.skipped += 1,
            }
        }
    }

    /// Takes `value` as the pending key, or as the pending key's value.
    fn entry(&mut self, dict: &mut Dictionary, key: &mut Option<Vec<u8>>, value: Option<Object>) {
        match (key.take(), value) {
            (Some(k), Some(v)) => dict.set(k, v),
            // Dropped for the cap (already counted).
            (_, None) => {}
            (None, Some(Object::Name(n))) => *key = Some(n),
            (None, Some(_)) => self.skipped += 1,
        }
    }

    /// Skips an inline image after its `BI`: the dictionary up to `ID`, one
    /// white-space byte, then the data up to `EI`. The data's length is
    /// computed from the dictionary when it can be; otherwise `EI` is the
    /// first one after white space, followed by white space or the end, and
    /// followed by what looks like operators rather than binary data.
    fn inline_image(&mut self) {
        let mut dict = Dictionary::new();
        let mut key: Option<Vec<u8>> = None;
        loop {
            self.skip_space();
            if self.input[self.pos..].starts_with(b"ID") {
                self.pos += 2;
                break;
            }
            let token = self.token(0);
            match self.object(token, 0) {
                Ok(value) => self.entry(&mut dict, &mut key, value),
                Err(Token::End) => {
                    self.skipped += 1;
                    return;
                }
                Err(Token::TooDeep) => {
                    self.too_deep = true;
                    self.finished = true;
                    return;
                }
                // An operator before `ID`: no image after all. The `BI` is
                // skipped and reading goes on at the operator.
                Err(Token::Keyword(keyword)) => {
                    self.skipped += 1;
                    self.pos -= keyword.len();
                    return;
                }
                Err(_) => self.skipped += 1,
            }
        }
        // One white-space byte (CR LF counts as one) separates `ID` from the data.
        if self.input[self.pos..].starts_with(b"\r\n") {
            self.pos += 2;
        } else if self.peek().is_some_and(is_whitespace) {
            self.pos += 1;
        }
        let data = self.pos;
        if let Some(len) = inline_image_length(&dict) {
            if let Some(end) = data.checked_add(len).filter(|&e| e <= self.input.len()) {
                let mut after = end;
                while self.input.get(after).copied().is_some_and(is_whitespace) {
                    after += 1;
                }
                if self.input[after..].starts_with(b"EI")
                    && self.input.get(after + 2).is_none_or(|&c| !is_regular(c))
                {
                    self.pos = after + 2;
                    return;
                }
            }
        }
        match self.end_of_image(data) {
            Some(end) => self.pos = end,
            None => {
                // No `EI`: the image runs to the end of the stream.
                self.skipped += 1;
                self.pos = self.input.len();
            }
        }
    }

    /// Where the inline image whose data starts at `data` ends (just after
    /// its `EI`): the first `EI` with white space before it, white space or
    /// the end after it, and what looks like content after that; failing
    /// that, the first `EI` so delimited; `None` without one.
    ///
    /// Linear over the whole stream: the stretch found to hold no `EI`
    /// followed by content is remembered, so the next image's search does
    /// not go over it again.
    fn end_of_image(&mut self, data: usize) -> Option<usize> {
        let input = self.input;
        let delimited_at = |from: usize| {
            let mut at = from.max(data).max(1);
            while let Some(found) = input
                .get(at..)
                .and_then(|rest| rest.windows(2).position(|w| w == b"EI"))
            {
                let e = at + found;
                if is_whitespace(input[e - 1]) && input.get(e + 2).is_none_or(|&c| is_whitespace(c))
                {
                    return Some(e);
                }
                at = e + 1;
            }
            None
        };
        let first = delimited_at(data)?;
        let mut at = first.max(self.no_content_ei_before);
        while let Some(e) = delimited_at(at) {
            if looks_like_content(&input[e + 2..]) {
                return Some(e + 2);
            }
            at = e + 1;
        }
        self.no_content_ei_before = input.len();
        Some(first + 2)
    }

    fn stop(&mut self) -> Option<Operation> {
        self.finished = true;
        None
    }
}

/// The byte length of an unfiltered inline image's data, from its
/// dictionary (abbreviated or full keys); `None` when it cannot be known.
fn inline_image_length(dict: &Dictionary) -> Option<usize> {
    let get = |short: &[u8], long: &[u8]| dict.get(short).or_else(|_| dict.get(long)).ok();
    let size = |short: &[u8], long: &[u8]| match get(short, long)? {
        Object::Integer(n) => usize::try_from(*n).ok(),
        _ => None,
    };
    if get(b"F", b"Filter").is_some() {
        return None;
    }
    let width = size(b"W", b"Width")?;
    let height = size(b"H", b"Height")?;
    let mask = matches!(get(b"IM", b"ImageMask"), Some(Object::Boolean(true)));
    let bits = match size(b"BPC", b"BitsPerComponent") {
        Some(b) => b,
        None if mask => 1,
        None => return None,
    };
    let colors = if mask {
        1
    } else {
        match get(b"CS", b"ColorSpace")? {
            Object::Array(a) if matches!(a.first(), Some(Object::Name(n)) if n == b"Indexed" || n == b"I") => {
                1
            }
            Object::Name(n) => match n.as_slice() {
                b"DeviceGray" | b"G" | b"Gray" => 1,
                b"DeviceRGB" | b"RGB" => 3,
                b"DeviceCMYK" | b"CMYK" | b"DeviceRGBA" | b"RGBA" => 4,
                _ => return None,
            },
            _ => return None,
        }
    };
    bits.checked_mul(colors)
        .and_then(|b| b.checked_mul(width))
        .and_then(|row| row.div_ceil(8).checked_mul(height))
}

/// Whether the bytes after a candidate `EI` read like content (the next
/// token is printable ASCII up to white space or a string, array or hex
/// string start, whose contents may be anything) rather than image data.
fn looks_like_content(after: &[u8]) -> bool {
    // NUL is white space to PDF, but not after an image: it is binary.
    let blank = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let start = after.iter().position(|c| !blank(c)).unwrap_or(after.len());
    after[start..]
        .iter()
        .take(EI_LOOKAHEAD)
        .take_while(|&c| !blank(c) && !matches!(c, b'(' | b'<' | b'['))
        .all(|c| (b'!'..=b'~').contains(c))
}

impl Iterator for Operations<'_> {
    type Item = Operation;

    fn next(&mut self) -> Option<Operation> {
        if self.finished {
            return None;
        }
        let mut operands = Vec::new();
        self.objects = 0;
        loop {
            let token = self.token(0);
            let token = match self.object(token, 0) {
                Ok(kept) => {
                    operands.extend(kept);
                    continue;
                }
                Err(token) => token,
            };
            match token {
                Token::Keyword(b"BI") => {
                    // An inline image takes no operands: any before it are junk.
                    self.skipped += operands.len();
                    self.inline_image();
                    return Some(Operation::new("BI", Vec::new()));
                }
                Token::Keyword(keyword) if keyword.len() > MAX_OPERATOR_LEN => {
                    self.skipped += 1 + operands.len();
                    operands.clear();
                    self.objects = 0;
                }
                Token::Keyword(keyword) => {
                    match keyword {
                        b"BX" => self.compat = self.compat.saturating_add(1),
                        b"EX" => self.compat = self.compat.saturating_sub(1),
                        _ if self.compat == 0 && !is_operator(keyword) => self.skipped += 1,
                        _ => {}
                    }
                    let operator = String::from_utf8_lossy(keyword).into_owned();
                    return Some(Operation { operator, operands });
                }
                Token::TooDeep => {
                    self.too_deep = true;
                    return self.stop();
                }
                Token::End => {
                    // Operands with no operator after them do nothing.
                    self.skipped += operands.len();
                    return self.stop();
                }
                _ => self.skipped += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The operations of `content`, and how many tokens were skipped.
    fn parse(content: &[u8]) -> (Vec<Operation>, usize) {
        let mut ops = Operations::new(content);
        let out: Vec<Operation> = ops.by_ref().collect();
        assert!(!ops.too_deep(), "unexpectedly too deep");
        (out, ops.skipped())
    }

    fn ops(content: &[u8]) -> Vec<Operation> {
        let (out, skipped) = parse(content);
        assert_eq!(
            skipped,
            0,
            "tokens skipped in {:?}",
            String::from_utf8_lossy(content)
        );
        out
    }

    fn names(ops: &[Operation]) -> Vec<&str> {
        ops.iter().map(|o| o.operator.as_str()).collect()
    }

    fn lit(s: &[u8]) -> Object {
        Object::String(s.to_vec(), StringFormat::Literal)
    }

    fn hex(s: &[u8]) -> Object {
        Object::String(s.to_vec(), StringFormat::Hexadecimal)
    }

    fn only_operands(content: &[u8]) -> Vec<Object> {
        let mut all = ops(content);
        assert_eq!(all.len(), 1, "{:?}", names(&all));
        all.remove(0).operands
    }

    #[test]
    fn operator_table_is_sorted_for_binary_search() {
        assert!(OPERATORS.windows(2).all(|w| w[0] < w[1]));
        for op in ["Tj", "TJ", "'", "\"", "T*", "BDC", "d1", "y", "b"] {
            assert!(is_operator(op.as_bytes()), "{op}");
        }
        for not in ["BI", "ID", "EI", "tj", "Tjx", "", "R"] {
            assert!(!is_operator(not.as_bytes()), "{not}");
        }
    }

    #[test]
    fn whitespace_and_comments_anywhere() {
        let all = ops(b"\0\t\x0c q % a comment ( [ <\r\n1 0 0 % inside operands\n1 0 0 cm%end");
        assert_eq!(names(&all), ["q", "cm"]);
        assert_eq!(all[1].operands.len(), 6);
        assert_eq!(names(&ops(b"Q % no end of line")), ["Q"]);
        assert!(ops(b"").is_empty());
        assert!(ops(b"  % only a comment").is_empty());
    }

    #[test]
    fn reals_without_text_are_what_parsing_gives() {
        // Every mantissa length and scale around the limits, bit for bit.
        let mut cases = Vec::new();
        for int in [
            "", "0", "7", "612", "16777", "167772", "16777216", "16777217", "99999999",
        ] {
            for frac in [
                "",
                "5",
                "05",
                "333",
                "1234567",
                "0000000001",
                "12345678901",
                "99999999999",
            ] {
                cases.push((int.to_string(), frac.to_string()));
            }
        }
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let digits = format!("{x}{}", x >> 20);
            let cut = (x % 12) as usize % digits.len();
            let frac_len = ((x >> 8) % 24) as usize;
            let (int, rest) = digits.split_at(cut);
            cases.push((
                int.to_string(),
                rest[..frac_len.min(rest.len())].to_string(),
            ));
        }
        for (int, frac) in cases {
            let text = format!("{int}.{frac}");
            if int.is_empty() && frac.is_empty() {
                continue;
            }
            let want: f32 = text.parse().unwrap();
            if let Some(got) = exact_real(int.as_bytes(), frac.as_bytes()) {
                assert_eq!(got.to_bits(), want.to_bits(), "{text}");
            }
        }
        assert_eq!(exact_real(b"1", b"-5"), Some(1.5));
        assert_eq!(exact_real(b"16", b"3109131"), Some(16.310_913));
        // Halfway between two f32s: the parser decides.
        assert_eq!(exact_real(b"16777217", b""), None);
        assert_eq!(exact_real(b"1", b"12345678901234567890123"), None);
    }

    #[test]
    fn integers_and_reals() {
        let got = only_operands(b"12 -7 +3 0.5 -.25 +.5 4. 00012 -0 Td");
        assert_eq!(
            got,
            vec![
                Object::Integer(12),
                Object::Integer(-7),
                Object::Integer(3),
                Object::Real(0.5),
                Object::Real(-0.25),
                Object::Real(0.5),
                Object::Real(4.0),
                Object::Integer(12),
                Object::Integer(0),
            ]
        );
        // No exponents: `1.5e3` is 1.5 then the keyword `e3`.
        let (all, skipped) = parse(b"1.5e3 12 0 Td");
        assert_eq!(names(&all), ["e3", "Td"]);
        assert_eq!(all[0].operands, vec![Object::Real(1.5)]);
        assert_eq!(skipped, 1, "e3 is no operator");
    }

    #[test]
    fn malformed_numbers_read_as_poppler_does() {
        let got = only_operands(b"- . + --5 5.3.2 0.00-41 -1.5-3 Td");
        assert_eq!(
            got,
            vec![
                Object::Integer(0),
                Object::Real(0.0),
                Object::Integer(0),
                Object::Integer(0),
                Object::Integer(-5),
                Object::Real(5.3),
                Object::Real(0.2),
                Object::Real(0.0041),
                Object::Real(-1.53),
                // (Td is the operator.)
            ]
        );
        // An integer too big for i64 is a real.
        let got = only_operands(b"99999999999999999999 w");
        assert_eq!(got, vec![Object::Real(1e20)]);
        assert_eq!(
            only_operands(b"-9223372036854775808 w"),
            vec![Object::Integer(i64::MIN)]
        );
        // A sign glued to the next token ends the number.
        let all = ops(b"-(x) Tj");
        assert_eq!(all[0].operands, vec![Object::Integer(0), lit(b"x")]);
    }

    #[test]
    fn literal_strings_with_nesting_and_every_escape() {
        let got = only_operands(
            b"(a (nested (twice)) b) (\\n\\r\\t\\b\\f\\(\\)\\\\) (\\101\\7\\0537\\777) (con\\\ntin\\\r\nued\\\rhere) (line\rbreak\r\nhere) (\\q) Tj",
        );
        assert_eq!(
            got,
            vec![
                lit(b"a (nested (twice)) b"),
                lit(b"\n\r\t\x08\x0c()\\"),
                lit(b"A\x07+7\xff"),
                lit(b"continuedhere"),
                lit(b"line\nbreak\nhere"),
                lit(b"q"),
            ]
        );
    }

    #[test]
    fn hex_strings() {
        let got = only_operands(b"<48656c6C6f> <4 8 6\n5> <486> <> Tj");
        assert_eq!(
            got,
            vec![hex(b"Hello"), hex(b"He"), hex(b"H\x60"), hex(b"")]
        );
        // An illegal character is a zero digit, counted.
        let (all, skipped) = parse(b"<00G1> Tj");
        assert_eq!(all[0].operands, vec![hex(b"\x00\x01")]);
        assert_eq!(skipped, 1);
    }

    #[test]
    fn names_with_escapes() {
        let got = only_operands(b"/F1 /A#20B /Lime#47reen /Bad#4 /Bad#zz / /a/b Tf");
        let name = |s: &[u8]| Object::Name(s.to_vec());
        assert_eq!(
            got,
            vec![
                name(b"F1"),
                name(b"A B"),
                name(b"LimeGreen"),
                name(b"Bad#4"),
                name(b"Bad#zz"),
                name(b""),
                name(b"a"),
                name(b"b"),
            ]
        );
    }

    #[test]
    fn arrays_dictionaries_and_keywords() {
        let all = ops(b"[(Six) -280 (Sigma) [1 [2]]] TJ /Span <</MCID 3 /Alt (x) /D <</A [true false null]>>>> BDC true false null d");
        assert_eq!(names(&all), ["TJ", "BDC", "d"]);
        assert_eq!(
            all[0].operands,
            vec![Object::Array(vec![
                lit(b"Six"),
                Object::Integer(-280),
                lit(b"Sigma"),
                Object::Array(vec![
                    Object::Integer(1),
                    Object::Array(vec![Object::Integer(2)])
                ]),
            ])]
        );
        let Object::Dictionary(d) = &all[1].operands[1] else {
            panic!("{:?}", all[1].operands)
        };
        assert_eq!(d.get(b"MCID").unwrap(), &Object::Integer(3));
        let inner = d.get(b"D").unwrap().as_dict().unwrap();
        assert_eq!(
            inner.get(b"A").unwrap(),
            &Object::Array(vec![
                Object::Boolean(true),
                Object::Boolean(false),
                Object::Null
            ])
        );
        assert_eq!(
            all[2].operands,
            vec![Object::Boolean(true), Object::Boolean(false), Object::Null]
        );
    }

    #[test]
    fn operators_of_regular_characters() {
        let all = ops(b"T* f* (a) ' 1 2 (b) \" d0 d1 W* n BX weird_op!@ EX");
        assert_eq!(
            names(&all),
            [
                "T*",
                "f*",
                "'",
                "\"",
                "d0",
                "d1",
                "W*",
                "n",
                "BX",
                "weird_op!@",
                "EX"
            ]
        );
        // Operators glued to operands.
        let all = ops(b"1 0 0 1 72 700cm(x)Tj[(y)]TJ/F1 12Tf");
        assert_eq!(names(&all), ["cm", "Tj", "TJ", "Tf"]);
        assert_eq!(all[0].operands.len(), 6);
    }

    #[test]
    fn unknown_operator_outside_bx_ex_is_counted() {
        let (all, skipped) = parse(b"/Helvetica Bold 12 Tf BX foo EX bar");
        assert_eq!(names(&all), ["Bold", "Tf", "BX", "foo", "EX", "bar"]);
        assert_eq!(skipped, 2, "Bold and bar");
        // A keyword too long to be an operator is dropped with its operands.
        let long = [b"1 2 ".as_slice(), &[b'x'; 100], b" (a) Tj"].concat();
        let (all, skipped) = parse(&long);
        assert_eq!(names(&all), ["Tj"]);
        assert_eq!(skipped, 3);
    }

    #[test]
    fn operator_inside_a_tj_array_is_dropped_and_the_array_goes_on() {
        let (all, skipped) = parse(b"BT [(Six) Tj -280 (Sigma)] TJ ET");
        assert_eq!(names(&all), ["BT", "TJ", "ET"]);
        assert_eq!(
            all[1].operands,
            vec![Object::Array(vec![
                lit(b"Six"),
                Object::Integer(-280),
                lit(b"Sigma")
            ])]
        );
        assert_eq!(skipped, 1);
    }

    #[test]
    fn stray_bytes_are_skipped() {
        for (junk, count) in [
            (b")".as_slice(), 1),
            (b">", 1),
            (b"}", 1),
            (b"{", 1),
            (b"]", 1),
            (b">>", 1),
            (b")})", 3),
        ] {
            let content = [b"BT (Six) ".as_slice(), junk, b" Tj (Sigma) Tj ET"].concat();
            let (all, skipped) = parse(&content);
            assert_eq!(names(&all), ["BT", "Tj", "Tj", "ET"], "{junk:?}");
            assert_eq!(all[1].operands, vec![lit(b"Six")], "{junk:?}");
            assert_eq!(skipped, count, "{junk:?}");
        }
        // Inside an array and a dictionary too.
        let (all, skipped) = parse(b"[(a) ) } (b)] TJ <</A 1 ) /B 2>> BDC");
        assert_eq!(
            all[0].operands,
            vec![Object::Array(vec![lit(b"a"), lit(b"b")])]
        );
        assert_eq!(all[1].operands[0].as_dict().unwrap().len(), 2);
        assert_eq!(skipped, 3);
    }

    #[test]
    fn dictionary_keys_must_be_names() {
        let (all, skipped) = parse(b"<</A 1 2 /B (x) /C>> BDC");
        let d = all[0].operands[0].as_dict().unwrap();
        assert_eq!(d.len(), 2);
        assert_eq!(d.get(b"B").unwrap(), &lit(b"x"));
        assert_eq!(skipped, 2, "the key 2 and the key /C without a value");
    }

    #[test]
    fn unterminated_tokens_at_the_end() {
        for junk in [
            b"(never closed Tj ET".as_slice(),
            b"<48656c",
            b"[(a) (b)",
            b"<</A 1",
            b"(ends in a backslash\\",
            b"1 2 3",
        ] {
            let content = [b"BT (Six) Tj ".as_slice(), junk].concat();
            let (all, skipped) = parse(&content);
            assert_eq!(names(&all), ["BT", "Tj"], "{junk:?}");
            assert!(skipped >= 1, "{junk:?}");
        }
    }

    #[test]
    fn inline_image_with_ei_inside_its_data() {
        // 8 bytes of gray data holding " EI q Q" inside: the length decides.
        let content = b"q BI /W 8 /H 1 /BPC 8 /CS /G ID \x01 EI q Q EI Q (after) Tj";
        let all = ops(content);
        assert_eq!(names(&all), ["q", "BI", "Q", "Tj"]);
        assert_eq!(all[3].operands, vec![lit(b"after")]);
        // Without a length, binary bytes after an `EI` mean it is data.
        let content = b"BI /W 8 /H 1 /CS /Indexed0 ID \x01 EI \x02\xff\x00\x10 EI Q";
        assert_eq!(names(&ops(content)), ["BI", "Q"]);
        // A filtered image: the `EI` followed by binary bytes is data.
        let content = b"BI /W 9 /H 9 /F /DCT ID \xff\xd8 EI \x00\x9a\xc3\xff\x10 EI\nQ";
        assert_eq!(names(&ops(content)), ["BI", "Q"]);
        // Full key names, CR LF after ID, EI at the end of the stream.
        let content = b"BI /Width 2 /Height 2 /ImageMask true ID\r\n\x80\x40 EI";
        assert_eq!(names(&ops(content)), ["BI"]);
        // A wrong length: the scan finds the EI.
        let content = b"BI /W 4 /H 1 /BPC 8 /CS /G ID ((((( EI (x) Tj";
        assert_eq!(names(&ops(content)), ["BI", "Tj"]);
        // `EI` glued to data is not the end.
        let content = b"BI /W 1 /H 1 /F /AHx ID 00EI> EI Q";
        assert_eq!(names(&ops(content)), ["BI", "Q"]);
    }

    #[test]
    fn inline_image_end_is_checked_against_what_follows() {
        // A string of two-byte codes right after the real `EI` is content.
        let content = b"BI /W 2 /H 2 /F /DCT ID \xff\xd8 EI (\x00\x24) Tj";
        assert_eq!(names(&ops(content)), ["BI", "Tj"]);
        // NUL after an `EI` is image data, though PDF calls it white space.
        let content = b"BI /F /DCT ID \xff EI \x00\x00 EI Q";
        assert_eq!(names(&ops(content)), ["BI", "Q"]);
        // Only binary after every `EI`: the first one ends the image.
        let content = b"BI /F /DCT ID \xff EI \x01(x) Tj EI \x02";
        let (all, skipped) = parse(content);
        assert_eq!(names(&all), ["BI", "\x01", "Tj", "EI", "\x02"]);
        assert_eq!(skipped, 3, "\\x01, EI and \\x02 are no operators");
    }

    #[test]
    fn many_inline_images_followed_by_binary_take_linear_time() {
        // Each image's `EI` is followed by binary: a search that went to the
        // end of the stream for every image would be quadratic.
        let image = b"BI /F /DCT ID \xff\xd8 EI \x01\n".as_slice();
        let content = image.repeat(50_000);
        let start = std::time::Instant::now();
        let (all, _) = parse(&content);
        assert_eq!(all.iter().filter(|o| o.operator == "BI").count(), 50_000);
        assert!(start.elapsed().as_secs() < 10, "{:?}", start.elapsed());
    }

    #[test]
    fn inline_image_without_id_gives_the_operators_back() {
        let (all, skipped) = parse(b"BI /W 1 /H 1 BT (text) Tj ET");
        assert_eq!(names(&all), ["BI", "BT", "Tj", "ET"]);
        assert_eq!(skipped, 1);
    }

    #[test]
    fn inline_image_without_ei_ends_the_stream() {
        let (all, skipped) = parse(b"BI /W 100 /H 100 /F /DCT ID \xff\xd8\xffEIQ (x) Tj");
        assert_eq!(names(&all), ["BI"]);
        assert_eq!(skipped, 1);
        let (all, skipped) = parse(b"BI /W 1 /H 1");
        assert_eq!(names(&all), ["BI"]);
        assert_eq!(skipped, 1);
    }

    #[test]
    fn nesting_deeper_than_the_cap_stops_the_stream() {
        let ok = |open: &[u8], close: &[u8], depth: usize| {
            [
                b"(before) Tj ".as_slice(),
                &open.repeat(depth),
                &close.repeat(depth),
                b" Tj (after) Tj",
            ]
            .concat()
        };
        for (open, close) in [
            (b"(".as_slice(), b")".as_slice()),
            (b"[", b"]"),
            (b"<</A ", b">>"),
        ] {
            let content = ok(open, close, MAX_CONTENT_NESTING);
            let mut ops = Operations::new(&content);
            assert_eq!(ops.by_ref().count(), 3, "{open:?}");
            assert!(!ops.too_deep());
            let content = ok(open, close, MAX_CONTENT_NESTING + 1);
            let mut ops = Operations::new(&content);
            let got: Vec<_> = ops.by_ref().collect();
            assert_eq!(names(&got), ["Tj"], "{open:?}");
            assert!(ops.too_deep(), "{open:?}");
            assert!(ops.next().is_none());
        }
        // Strings and arrays nest together.
        let content = [
            b"[".repeat(60),
            b"(".repeat(41),
            b")".repeat(41),
            b"]".repeat(60),
        ]
        .concat();
        let mut ops = Operations::new(&content);
        assert_eq!(ops.by_ref().count(), 0);
        assert!(ops.too_deep());
        // 100,000 levels: no stack overflow, stops at once.
        let content = [b"[".repeat(100_000), b"]".repeat(100_000)].concat();
        let mut ops = Operations::new(&content);
        assert_eq!(ops.by_ref().count(), 0);
        assert!(ops.too_deep());
    }

    #[test]
    fn operands_per_operation_are_capped() {
        let content = [
            b"[".as_slice(),
            &b"0 ".repeat(MAX_OPERATION_OBJECTS + 10),
            b"] TJ",
        ]
        .concat();
        let (all, skipped) = parse(&content);
        let Object::Array(items) = &all[0].operands[0] else {
            panic!()
        };
        assert_eq!(items.len(), MAX_OPERATION_OBJECTS - 1);
        assert_eq!(skipped, 11);
    }

    /// Where lopdf's own parser reads a stream to its end, this one gives
    /// the same operations: every page and form of the producer fixtures.
    #[test]
    fn same_operations_as_lopdf_on_every_producer_fixture() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/pdf/producers");
        let mut streams = 0;
        let mut operations = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "pdf") {
                continue;
            }
            let doc = lopdf::Document::load(&path).unwrap();
            let mut contents: Vec<Vec<u8>> = doc
                .get_pages()
                .values()
                .map(|&id| doc.get_page_content(id))
                .collect();
            for object in doc.objects.values() {
                if let Object::Stream(stream) = object {
                    if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form") {
                        contents.push(
                            stream
                                .decompressed_content()
                                .unwrap_or_else(|_| stream.content.clone()),
                        );
                    }
                }
            }
            for content in contents {
                let theirs: Vec<Operation> =
                    lopdf::content::Content::<Vec<Operation>>::decode_iter(&content)
                        .collect::<Result<_, _>>()
                        .unwrap_or_else(|e| panic!("{}: lopdf: {e}", path.display()));
                let (ours, skipped) = parse(&content);
                assert_eq!(skipped, 0, "{}", path.display());
                assert_eq!(ours.len(), theirs.len(), "{}", path.display());
                for (a, b) in ours.iter().zip(&theirs) {
                    assert_eq!(a.operator, b.operator, "{}", path.display());
                    if a.operator != "BI" {
                        assert_eq!(a.operands, b.operands, "{}: {}", path.display(), a.operator);
                    }
                }
                streams += 1;
                operations += ours.len();
            }
        }
        assert!(
            streams >= 60 && operations > 10_000,
            "{streams} streams, {operations} operations"
        );
    }

    /// Random well-formed objects, written out in content-stream syntax.
    fn object_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let name = "[A-Za-z0-9_.*+-]{0,8}".prop_map(|n| format!("/{n}"));
        let leaf = prop_oneof![
            any::<i32>().prop_map(|i| i.to_string()),
            (any::<i16>(), "[0-9]{0,5}").prop_map(|(i, f)| format!("{i}.{f}")),
            "[0-9]{1,5}".prop_map(|f| format!("-.{f}")),
            name.clone(),
            prop::collection::vec(any::<u8>(), 0..24).prop_map(|bytes| {
                let mut s = String::from("(");
                for b in bytes {
                    match b {
                        b'(' | b')' | b'\\' => s.extend(['\\', b as char]),
                        b'\n' | b'\r' | b'\t' | b' '..=b'~' => s.push(b as char),
                        _ => s.push_str(&format!("\\{b:03o}")),
                    }
                }
                s + ")"
            }),
            prop::collection::vec(any::<u8>(), 0..12).prop_map(|bytes| {
                let hex: String = bytes.iter().map(|b| format!("{b:02X}")).collect();
                format!("<{hex}>")
            }),
            Just("true".to_string()),
            Just("false".to_string()),
            Just("null".to_string()),
        ];
        leaf.prop_recursive(3, 24, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6)
                    .prop_map(|items| format!("[{}]", items.join(" "))),
                prop::collection::vec(("[A-Za-z]{1,6}", inner), 0..4).prop_map(|entries| {
                    let body: Vec<String> =
                        entries.iter().map(|(k, v)| format!("/{k} {v}")).collect();
                    format!("<<{}>>", body.join(" "))
                }),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]

        /// On well-formed streams, the same operations as lopdf's parser.
        #[test]
        fn same_operations_as_lopdf_on_generated_streams(
            ops in proptest::collection::vec(
                (proptest::collection::vec(object_text(), 0..5),
                 proptest::sample::select(OPERATORS.to_vec()),
                 proptest::sample::select(vec![" ", "\n", "\r\n", "\t ", "\x0c"])),
                0..12,
            )
        ) {
            let mut content = Vec::new();
            for (operands, operator, space) in &ops {
                for operand in operands {
                    content.extend_from_slice(operand.as_bytes());
                    content.extend_from_slice(space.as_bytes());
                }
                content.extend_from_slice(operator);
                content.extend_from_slice(space.as_bytes());
            }
            let theirs: Vec<Operation> =
                lopdf::content::Content::<Vec<Operation>>::decode_iter(&content)
                    .collect::<Result<_, _>>()
                    .expect("lopdf reads it");
            let (ours, skipped) = parse(&content);
            proptest::prop_assert_eq!(skipped, 0);
            proptest::prop_assert_eq!(ours.len(), theirs.len());
            for (a, b) in ours.iter().zip(&theirs) {
                proptest::prop_assert_eq!(&a.operator, &b.operator);
                proptest::prop_assert_eq!(&a.operands, &b.operands);
            }
        }

        /// Any bytes, and any cut of a well-formed stream: no panic, and
        /// never more operations than bytes.
        #[test]
        fn any_input_terminates(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..512),
            object in object_text(),
            cut in 0usize..64,
        ) {
            proptest::prop_assert!(Operations::new(&bytes).count() <= bytes.len());
            let stream = format!("{object} {object} Tj");
            let cut = cut.min(stream.len());
            let _ = Operations::new(&stream.as_bytes()[..cut]).count();
        }
    }

    #[test]
    fn every_byte_sequence_terminates() {
        // Pseudo-random bytes, and every prefix of a busy stream: no panic,
        // and each call consumes input.
        let busy = b"BT /F#201 12 Tf [(a\\)) -3 <4142>] TJ BI /W 1 /H 1 /CS /G /BPC 8 ID x EI <</A [1 (b)]>> BDC ET";
        for end in 0..=busy.len() {
            let _ = Operations::new(&busy[..end]).count();
        }
        let noise: Vec<u8> = (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let mut ops = Operations::new(&noise);
        let n = ops.by_ref().count();
        assert!(n <= noise.len());
        assert!(ops.skipped() > 0);
    }
}
