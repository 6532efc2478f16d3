//! Thompson NFAs written to bytes and read back, so a built-in pattern whose
//! DFA is too large to embed still loads without parsing or compiling: its
//! NFAs are embedded (in `prebuilt.bin`) and rebuilt state by state through
//! regex-automata's NFA builder, a fraction of the cost of compiling.
//!
//! Layout: a flags byte (1 = UTF-8 mode, 2 = reverse), then LEB128 numbers:
//! the anchored, unanchored and pattern start states, the state count, and
//! per state a tag byte and its fields (see [`Tag`]). Only one-pattern NFAs
//! with the default look-around matcher are written.

use std::sync::Arc;

use regex_automata::nfa::thompson::{Builder, State, Transition, NFA};
use regex_automata::util::look::{Look, LookMatcher};
use regex_automata::util::primitives::StateID;
use regex_automata::PatternID;

use crate::varint;

/// The kind of a state, first byte of its encoding.
#[repr(u8)]
enum Tag {
    /// start, end, next
    ByteRange = 0,
    /// count, then count × (start, end, next)
    Sparse = 1,
    /// look (as its u32 representation), next
    Look = 2,
    /// count, then count alternates
    Union = 3,
    /// group, next, name (length + 1, 0 for none), name bytes
    CaptureStart = 4,
    /// group, next
    CaptureEnd = 5,
    Fail = 6,
    Match = 7,
}

fn put_transition(out: &mut Vec<u8>, t: &Transition) {
    out.push(t.start);
    out.push(t.end);
    varint::put(out, t.next.as_usize());
}

/// `nfa` as bytes, or `None` for an NFA this format does not hold (several
/// patterns, a line terminator other than `\n`, dense states).
pub fn encode(nfa: &NFA) -> Option<Vec<u8>> {
    if nfa.pattern_len() != 1 || nfa.look_matcher().get_line_terminator() != b'\n' {
        return None;
    }
    let info = nfa.group_info();
    let pid = PatternID::ZERO;
    let mut out = vec![u8::from(nfa.is_utf8()) | (u8::from(nfa.is_reverse()) << 1)];
    varint::put(&mut out, nfa.start_anchored().as_usize());
    varint::put(&mut out, nfa.start_unanchored().as_usize());
    varint::put(&mut out, nfa.start_pattern(pid)?.as_usize());
    varint::put(&mut out, nfa.states().len());
    for state in nfa.states() {
        match state {
            State::ByteRange { trans } => {
                out.push(Tag::ByteRange as u8);
                put_transition(&mut out, trans);
            }
            State::Sparse(sparse) => {
                out.push(Tag::Sparse as u8);
                varint::put(&mut out, sparse.transitions.len());
                for t in sparse.transitions.iter() {
                    put_transition(&mut out, t);
                }
            }
            State::Dense(_) => return None,
            State::Look { look, next } => {
                out.push(Tag::Look as u8);
                varint::put(&mut out, look.as_repr() as usize);
                varint::put(&mut out, next.as_usize());
            }
            State::Union { alternates } => {
                out.push(Tag::Union as u8);
                varint::put(&mut out, alternates.len());
                for alt in alternates.iter() {
                    varint::put(&mut out, alt.as_usize());
                }
            }
            State::BinaryUnion { alt1, alt2 } => {
                out.push(Tag::Union as u8);
                varint::put(&mut out, 2);
                varint::put(&mut out, alt1.as_usize());
                varint::put(&mut out, alt2.as_usize());
            }
            State::Capture {
                next,
                pattern_id,
                group_index,
                slot,
            } => {
                let group = group_index.as_usize();
                let start_slot = info.slot(*pattern_id, group)?;
                if slot.as_usize() == start_slot {
                    out.push(Tag::CaptureStart as u8);
                    varint::put(&mut out, group);
                    varint::put(&mut out, next.as_usize());
                    match info.to_name(*pattern_id, group) {
                        Some(name) => {
                            varint::put(&mut out, name.len() + 1);
                            out.extend_from_slice(name.as_bytes());
                        }
                        None => varint::put(&mut out, 0),
                    }
                } else {
                    out.push(Tag::CaptureEnd as u8);
                    varint::put(&mut out, group);
                    varint::put(&mut out, next.as_usize());
                }
            }
            State::Fail => out.push(Tag::Fail as u8),
            State::Match { .. } => out.push(Tag::Match as u8),
        }
    }
    Some(out)
}

/// Reads what [`encode`] wrote.
struct Reader<'a> {
    bytes: &'a [u8],
    /// The state count, once read: every state id must be below it.
    states: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    fn number(&mut self) -> Option<usize> {
        varint::read(&mut self.bytes)
    }

    fn id(&mut self) -> Option<StateID> {
        let id = self.number()?;
        (id < self.states).then(|| StateID::new(id).ok())?
    }

    fn transition(&mut self) -> Option<Transition> {
        let (start, end) = (self.byte()?, self.byte()?);
        if start > end {
            return None;
        }
        Some(Transition {
            start,
            end,
            next: self.id()?,
        })
    }
}

/// The NFA [`encode`] wrote into `bytes`; `None` if they are not such an NFA.
pub fn decode(bytes: &[u8]) -> Option<NFA> {
    let mut r = Reader {
        bytes,
        states: usize::MAX,
    };
    let flags = r.byte()?;
    let (anchored, unanchored, pattern) = (r.number()?, r.number()?, r.number()?);
    r.states = r.number()?;
    let id = |v: usize| (v < r.states).then(|| StateID::new(v).ok())?;
    let (anchored, unanchored, pattern) = (id(anchored)?, id(unanchored)?, id(pattern)?);
    let mut b = Builder::new();
    b.set_utf8(flags & 1 != 0);
    b.set_reverse(flags & 2 != 0);
    b.set_look_matcher(LookMatcher::new());
    b.start_pattern().ok()?;
    // Groups seen starting: an end before its start would make the builder panic.
    let mut groups = 0;
    for _ in 0..r.states {
        let added = match r.byte()? {
            t if t == Tag::ByteRange as u8 => b.add_range(r.transition()?),
            t if t == Tag::Sparse as u8 => {
                let n = r.number()?;
                let transitions = (0..n).map(|_| r.transition()).collect::<Option<Vec<_>>>()?;
                // Sorted and disjoint, as the builder requires.
                if transitions.windows(2).any(|w| w[0].end >= w[1].start) {
                    return None;
                }
                b.add_sparse(transitions)
            }
            t if t == Tag::Look as u8 => {
                let look = Look::from_repr(u32::try_from(r.number()?).ok()?)?;
                b.add_look(r.id()?, look)
            }
            t if t == Tag::Union as u8 => {
                let n = r.number()?;
                let alternates = (0..n).map(|_| r.id()).collect::<Option<Vec<_>>>()?;
                b.add_union(alternates)
            }
            t if t == Tag::CaptureStart as u8 => {
                // Groups start in order (a repeated group starts again).
                let group = r.number()?;
                if group > groups {
                    return None;
                }
                groups = groups.max(group + 1);
                let group = u32::try_from(group).ok()?;
                let next = r.id()?;
                let name = match r.number()? {
                    0 => None,
                    len => {
                        let raw = r.bytes.get(..len - 1)?;
                        r.bytes = &r.bytes[len - 1..];
                        Some(Arc::from(std::str::from_utf8(raw).ok()?))
                    }
                };
                b.add_capture_start(next, group, name)
            }
            t if t == Tag::CaptureEnd as u8 => {
                let group = u32::try_from(r.number()?).ok()?;
                if group as usize >= groups {
                    return None;
                }
                b.add_capture_end(r.id()?, group)
            }
            t if t == Tag::Fail as u8 => b.add_fail(),
            t if t == Tag::Match as u8 => b.add_match(),
            _ => return None,
        };
        added.ok()?;
    }
    if !r.bytes.is_empty() {
        return None;
    }
    b.finish_pattern(pattern).ok()?;
    b.build(anchored, unanchored).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex_automata::nfa::thompson::{Compiler, Config, WhichCaptures};

    fn round_trip(pattern: &str, config: Config) {
        let nfa = Compiler::new()
            .syntax(crate::pattern::syntax())
            .configure(config)
            .build(pattern)
            .unwrap();
        let bytes = encode(&nfa).expect("encodable");
        let back = decode(&bytes).expect("decodable");
        assert_eq!(format!("{nfa:?}"), format!("{back:?}"), "{pattern}");
        assert_eq!(
            nfa.group_info().all_names().count(),
            back.group_info().all_names().count()
        );
    }

    #[test]
    fn nfas_come_back_state_for_state() {
        for pattern in [
            r"\b(improv\w*|enhanc\w*)\b (the |our )?(\w+ ){0,3}process(es)?\b",
            r"(?P<year>\d{4})\s?[-/]\s?(?P<end>\d{4}|present)",
            r"^\s*$|a+b*[^;|]{0,20}\z",
            r"cpim[^;|]{0,20}\b(part|module|exam) ?(1|i|one)\b",
        ] {
            round_trip(pattern, Config::new());
            round_trip(
                pattern,
                Config::new()
                    .reverse(true)
                    .which_captures(WhichCaptures::None),
            );
        }
    }

    #[test]
    fn damaged_bytes_are_refused_not_trusted() {
        let nfa = Compiler::new()
            .syntax(crate::pattern::syntax())
            .build(r"\b(ab|cd)+e{2,5}\b")
            .unwrap();
        let bytes = encode(&nfa).unwrap();
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer).is_none());
        // Every single-byte corruption either decodes to some NFA or is
        // refused; none panics.
        for i in 0..bytes.len() {
            for v in [0u8, 0x7f, 0x80, 0xff] {
                let mut bad = bytes.clone();
                bad[i] = v;
                let _ = decode(&bad);
            }
        }
    }
}
