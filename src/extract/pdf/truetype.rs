//! Glyph id → Unicode from an embedded TrueType font's `cmap` table, for
//! fonts that come without a ToUnicode map (what pdftotext does too), and
//! code → glyph id for simple TrueType fonts.
//! Every read is bounds-checked; the number of mappings is capped.

use rustc_hash::FxHashMap as HashMap;

/// Mappings read from one font.
const MAX_MAPPINGS: usize = 100_000;

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([
        *b.get(at)?,
        *b.get(at.checked_add(1)?)?,
    ]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

/// The `cmap` table of a TrueType (or OpenType) font program.
fn cmap_table(font: &[u8]) -> Option<&[u8]> {
    let tables = u16_at(font, 4)? as usize;
    (0..tables.min(256)).find_map(|i| {
        let rec = 12 + 16 * i;
        if font.get(rec..rec + 4)? != b"cmap" {
            return None;
        }
        let off = u32_at(font, rec + 8)? as usize;
        let len = u32_at(font, rec + 12)? as usize;
        font.get(off..off.checked_add(len)?.min(font.len()))
    })
}

/// Glyph id → Unicode character, from the best Unicode subtable
/// ((3,10) or (0,4+) format 12, else (3,1) or (0,x) format 4).
pub fn gid_to_unicode(font: &[u8]) -> Option<HashMap<u16, char>> {
    let cmap = cmap_table(font)?;
    let n = u16_at(cmap, 2)? as usize;
    let mut best: Option<(u8, &[u8])> = None;
    for i in 0..n.min(64) {
        let rec = 4 + 8 * i;
        let (platform, encoding) = (u16_at(cmap, rec)?, u16_at(cmap, rec + 2)?);
        let sub = cmap.get(u32_at(cmap, rec + 4)? as usize..)?;
        let format = u16_at(sub, 0)?;
        let rank = match (platform, encoding, format) {
            (3, 10, 12) | (0, _, 12) => 3,
            (3, 1, 4) => 2,
            (0, _, 4) => 1,
            _ => 0,
        };
        if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, sub));
        }
    }
    let (_, sub) = best?;
    let mut map = HashMap::default();
    match u16_at(sub, 0)? {
        4 => read_format4(sub, &mut map),
        12 => read_format12(sub, &mut map),
        _ => None,
    }?;
    (!map.is_empty()).then_some(map)
}

/// Simple TrueType fonts: code → glyph id (0: none) for the 256 one-byte
/// codes, through the program's symbolic (3,0) subtable (codes at
/// 0xF000 + code, or the code itself) or its Macintosh (1,0) one.
pub fn simple_code_to_gid(font: &[u8]) -> Option<Vec<u16>> {
    let cmap = cmap_table(font)?;
    let n = u16_at(cmap, 2)? as usize;
    let mut best: Option<(u8, &[u8])> = None;
    for i in 0..n.min(64) {
        let rec = 4 + 8 * i;
        let (platform, encoding) = (u16_at(cmap, rec)?, u16_at(cmap, rec + 2)?);
        let Some(sub) = cmap.get(u32_at(cmap, rec + 4)? as usize..) else {
            continue;
        };
        let rank = match (platform, encoding) {
            (3, 0) => 2,
            (1, 0) => 1,
            _ => 0,
        };
        if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, sub));
        }
    }
    let (rank, sub) = best?;
    let lookup = |code: u32| -> Option<u16> {
        match u16_at(sub, 0)? {
            0 => sub.get(6 + code as usize).map(|&g| u16::from(g)),
            4 => format4_lookup(sub, code),
            6 => {
                let (first, count) = (u16_at(sub, 6)? as u32, u16_at(sub, 8)? as u32);
                let k = code.checked_sub(first).filter(|k| *k < count)?;
                u16_at(sub, 10 + 2 * k as usize)
            }
            _ => None,
        }
    };
    let gids: Vec<u16> = (0..256u32)
        .map(|code| {
            let symbolic = (rank == 2).then(|| lookup(0xF000 + code)).flatten();
            symbolic.or_else(|| lookup(code)).unwrap_or(0)
        })
        .collect();
    gids.iter().any(|&g| g != 0).then_some(gids)
}

/// The glyph id of one character in a format 4 subtable.
fn format4_lookup(sub: &[u8], c: u32) -> Option<u16> {
    let seg_count = (u16_at(sub, 6)? / 2) as usize;
    let ends = 14;
    let starts = ends + 2 * seg_count + 2;
    let deltas = starts + 2 * seg_count;
    let range_offsets = deltas + 2 * seg_count;
    for s in 0..seg_count {
        if c > u16_at(sub, ends + 2 * s)? as u32 {
            continue;
        }
        let start = u16_at(sub, starts + 2 * s)? as u32;
        if c < start {
            return None;
        }
        let delta = u16_at(sub, deltas + 2 * s)? as u32;
        let ro_at = range_offsets + 2 * s;
        let ro = u16_at(sub, ro_at)? as usize;
        let gid = if ro == 0 {
            (c + delta) & 0xFFFF
        } else {
            match u16_at(sub, ro_at + ro + 2 * (c - start) as usize)? {
                0 => return None,
                g => (g as u32 + delta) & 0xFFFF,
            }
        };
        return (gid != 0).then_some(gid as u16);
    }
    None
}

fn insert(map: &mut HashMap<u16, char>, gid: u32, cp: u32) {
    if gid == 0 || gid > u16::MAX as u32 || map.len() >= MAX_MAPPINGS {
        return;
    }
    if let Some(c) = char::from_u32(cp).filter(|c| !c.is_control()) {
        // The first (lowest) code point wins for glyphs mapped more than once.
        map.entry(gid as u16).or_insert(c);
    }
}

fn read_format4(sub: &[u8], map: &mut HashMap<u16, char>) -> Option<()> {
    let seg_count = (u16_at(sub, 6)? / 2) as usize;
    let ends = 14;
    let starts = ends + 2 * seg_count + 2;
    let deltas = starts + 2 * seg_count;
    let range_offsets = deltas + 2 * seg_count;
    for s in 0..seg_count {
        let end = u16_at(sub, ends + 2 * s)? as u32;
        let start = u16_at(sub, starts + 2 * s)? as u32;
        let delta = u16_at(sub, deltas + 2 * s)? as u32;
        let ro_at = range_offsets + 2 * s;
        let ro = u16_at(sub, ro_at)? as usize;
        if start > end || end == 0xFFFF && start == 0xFFFF {
            continue;
        }
        for c in start..=end.min(0xFFFE) {
            if map.len() >= MAX_MAPPINGS {
                return Some(());
            }
            let gid = if ro == 0 {
                (c + delta) & 0xFFFF
            } else {
                let at = ro_at + ro + 2 * (c - start) as usize;
                match u16_at(sub, at) {
                    Some(0) | None => continue,
                    Some(g) => (g as u32 + delta) & 0xFFFF,
                }
            };
            insert(map, gid, c);
        }
    }
    Some(())
}

fn read_format12(sub: &[u8], map: &mut HashMap<u16, char>) -> Option<()> {
    let groups = u32_at(sub, 12)? as usize;
    for g in 0..groups.min(MAX_MAPPINGS) {
        let at = 16 + 12 * g;
        let (start, end, first_gid) =
            (u32_at(sub, at)?, u32_at(sub, at + 4)?, u32_at(sub, at + 8)?);
        if end < start {
            continue;
        }
        for c in start..=end.min(start.saturating_add(MAX_MAPPINGS as u32)) {
            if map.len() >= MAX_MAPPINGS {
                return Some(());
            }
            insert(map, first_gid.saturating_add(c - start), c);
        }
    }
    Some(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A minimal font: a table directory with one `cmap` holding `sub`.
    fn font_with(platform: u16, encoding: u16, sub: &[u8]) -> Vec<u8> {
        let mut cmap = Vec::new();
        cmap.extend(0u16.to_be_bytes());
        cmap.extend(1u16.to_be_bytes());
        cmap.extend(platform.to_be_bytes());
        cmap.extend(encoding.to_be_bytes());
        cmap.extend(12u32.to_be_bytes());
        cmap.extend(sub);
        let mut font = vec![0, 1, 0, 0];
        font.extend(1u16.to_be_bytes());
        font.extend([0u8; 6]);
        font.extend(b"cmap");
        font.extend(0u32.to_be_bytes());
        font.extend(28u32.to_be_bytes());
        font.extend((cmap.len() as u32).to_be_bytes());
        font.extend(cmap);
        font
    }

    /// A font whose `cmap` holds several subtables.
    pub(crate) fn font_with_subtables(subs: &[(u16, u16, Vec<u8>)]) -> Vec<u8> {
        let mut cmap = Vec::new();
        cmap.extend(0u16.to_be_bytes());
        cmap.extend((subs.len() as u16).to_be_bytes());
        let mut at = 4 + 8 * subs.len() as u32;
        for (platform, encoding, sub) in subs {
            cmap.extend(platform.to_be_bytes());
            cmap.extend(encoding.to_be_bytes());
            cmap.extend(at.to_be_bytes());
            at += sub.len() as u32;
        }
        for (_, _, sub) in subs {
            cmap.extend(sub);
        }
        let mut font = vec![0, 1, 0, 0];
        font.extend(1u16.to_be_bytes());
        font.extend([0u8; 6]);
        font.extend(b"cmap");
        font.extend(0u32.to_be_bytes());
        font.extend(28u32.to_be_bytes());
        font.extend((cmap.len() as u32).to_be_bytes());
        font.extend(cmap);
        font
    }

    /// A format 4 subtable of one segment `first..=last` → gids from `gid`.
    pub(crate) fn format4(first: u16, last: u16, gid: u16) -> Vec<u8> {
        let mut sub = Vec::new();
        for v in [4u16, 0, 0, 4, 0, 0, 0, last, 0xFFFF, 0, first, 0xFFFF] {
            sub.extend(v.to_be_bytes());
        }
        for v in [gid.wrapping_sub(first), 1, 0, 0] {
            sub.extend(v.to_be_bytes());
        }
        sub
    }

    #[test]
    fn simple_font_codes_through_symbolic_or_mac_subtables() {
        // Symbolic (3,0) at 0xF000 + code: codes 1..3 → gids 10..12.
        let font = font_with_subtables(&[(3, 0, format4(0xF001, 0xF003, 10))]);
        let gids = simple_code_to_gid(&font).unwrap();
        assert_eq!((gids[1], gids[3], gids[4]), (10, 12, 0));
        // Macintosh (1,0) format 0: a byte per code.
        let mut mac = vec![0, 0, 1, 6, 0, 0];
        mac.extend((0..=255u8).map(|c| if c == 7 { 42 } else { 0 }));
        let gids = simple_code_to_gid(&font_with_subtables(&[(1, 0, mac)])).unwrap();
        assert_eq!((gids[7], gids[8]), (42, 0));
        assert!(simple_code_to_gid(b"junk").is_none());
    }

    #[test]
    fn format4_segments() {
        // Segment 1: 'A'..'C' → gids 10..12 by delta; segment 2: the 0xFFFF terminator.
        let mut sub = Vec::new();
        for v in [4u16, 0, 0, 4, 0, 0, 0] {
            sub.extend(v.to_be_bytes());
        }
        for v in [
            0x43u16,
            0xFFFF,
            0,
            0x41,
            0xFFFF,
            (10u16).wrapping_sub(0x41),
            1,
            0,
            0,
        ] {
            sub.extend(v.to_be_bytes());
        }
        let map = gid_to_unicode(&font_with(3, 1, &sub)).unwrap();
        assert_eq!(map.get(&10), Some(&'A'));
        assert_eq!(map.get(&12), Some(&'C'));
        assert_eq!(map.len(), 3);
    }

    #[test]
    fn format12_groups_and_garbage() {
        let mut sub = Vec::new();
        sub.extend(12u16.to_be_bytes());
        sub.extend([0u8; 6]);
        sub.extend(1u32.to_be_bytes());
        sub.extend(1u32.to_be_bytes());
        for v in [0x1F600u32, 0x1F601, 5] {
            sub.extend(v.to_be_bytes());
        }
        let map = gid_to_unicode(&font_with(3, 10, &sub)).unwrap();
        assert_eq!(map.get(&6), Some(&'\u{1F601}'));
        assert!(gid_to_unicode(b"not a font").is_none());
        assert!(gid_to_unicode(&[0, 1, 0, 0, 0xFF, 0xFF]).is_none());
    }
}
