//! LEB128 numbers, as the embedded blobs (the prebuilt NFAs, the lexicon)
//! write them: seven bits a byte, low bits first, the top bit set on every
//! byte but the last.

/// Appends `v`.
pub(crate) fn put(out: &mut Vec<u8>, mut v: usize) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

/// The number at the start of `bytes`, which then skips it; `None` when
/// they end first or it is longer than 35 bits.
pub(crate) fn read(bytes: &mut &[u8]) -> Option<usize> {
    let mut v: usize = 0;
    for shift in (0..35).step_by(7) {
        let (&b, rest) = bytes.split_first()?;
        *bytes = rest;
        v |= usize::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_come_back() {
        let mut out = Vec::new();
        for v in [0, 1, 127, 128, 300, 1 << 20, (1 << 35) - 1] {
            super::put(&mut out, v);
        }
        let mut bytes = out.as_slice();
        for v in [0, 1, 127, 128, 300, 1 << 20, (1 << 35) - 1] {
            assert_eq!(super::read(&mut bytes), Some(v));
        }
        assert_eq!(super::read(&mut bytes), None);
        assert_eq!(super::read(&mut &[0x80u8, 0x80][..]), None);
    }
}
