//! Image files as the OCR engine takes them: their sizes read from the
//! headers alone (so an image bomb is refused before anything decodes it),
//! and a PDF's raw image samples written as a file the engine reads
//! (PGM for samples, a one-strip TIFF for CCITT fax data).

/// An image file kind rolefit reads with OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Tiff,
}

impl ImageKind {
    /// The kind of `bytes`, by magic number.
    pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
        if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(ImageKind::Png)
        } else if bytes.starts_with(b"\xFF\xD8\xFF") {
            Some(ImageKind::Jpeg)
        } else if bytes.starts_with(b"II*\x00") || bytes.starts_with(b"MM\x00*") {
            Some(ImageKind::Tiff)
        } else {
            None
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ImageKind::Png => "PNG",
            ImageKind::Jpeg => "JPEG",
            ImageKind::Tiff => "TIFF",
        }
    }
}

/// The pixel sizes of an image file's pages (a TIFF may hold several;
/// at most `max_pages + 1` are listed), or `None` when the header cannot
/// be read.
pub fn page_sizes(kind: ImageKind, bytes: &[u8], max_pages: usize) -> Option<Vec<(u32, u32)>> {
    match kind {
        ImageKind::Png => png_size(bytes).map(|s| vec![s]),
        ImageKind::Jpeg => jpeg_size(bytes).map(|s| vec![s]),
        ImageKind::Tiff => tiff_sizes(bytes, max_pages + 1),
    }
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn png_size(b: &[u8]) -> Option<(u32, u32)> {
    // The signature, then the IHDR chunk: length, "IHDR", width, height.
    (b.get(12..16)? == b"IHDR").then_some(())?;
    Some((be32(b, 16)?, be32(b, 20)?))
}

fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut at = 2;
    // Markers until a start-of-frame (SOF0–SOF15 but DHT, JPG and DAC).
    for _ in 0..10_000 {
        while *b.get(at)? != 0xFF {
            at += 1;
        }
        while *b.get(at)? == 0xFF {
            at += 1;
        }
        let marker = *b.get(at)?;
        at += 1;
        if matches!(marker, 0xD0..=0xD9 | 0x01) {
            continue;
        }
        let len = usize::from(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]));
        if matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC) {
            let h = u16::from_be_bytes([*b.get(at + 3)?, *b.get(at + 4)?]);
            let w = u16::from_be_bytes([*b.get(at + 5)?, *b.get(at + 6)?]);
            return Some((u32::from(w), u32::from(h)));
        }
        at += len.max(2);
    }
    None
}

fn tiff_sizes(b: &[u8], max: usize) -> Option<Vec<(u32, u32)>> {
    let le = b.starts_with(b"II");
    let u16_at = |at: usize| -> Option<u32> {
        let s: [u8; 2] = b.get(at..at + 2)?.try_into().ok()?;
        Some(u32::from(if le {
            u16::from_le_bytes(s)
        } else {
            u16::from_be_bytes(s)
        }))
    };
    let u32_at = |at: usize| -> Option<u32> {
        let s: [u8; 4] = b.get(at..at + 4)?.try_into().ok()?;
        Some(if le {
            u32::from_le_bytes(s)
        } else {
            u32::from_be_bytes(s)
        })
    };
    let mut sizes = Vec::new();
    let mut ifd = u32_at(4)? as usize;
    let mut seen = std::collections::HashSet::new();
    while ifd != 0 && sizes.len() < max && seen.insert(ifd) {
        let entries = u16_at(ifd)? as usize;
        let (mut w, mut h) = (None, None);
        for i in 0..entries.min(1024) {
            let e = ifd + 2 + i * 12;
            let (tag, kind) = (u16_at(e)?, u16_at(e + 2)?);
            let value = if kind == 3 {
                u16_at(e + 8)?
            } else {
                u32_at(e + 8)?
            };
            match tag {
                256 => w = Some(value),
                257 => h = Some(value),
                _ => {}
            }
        }
        sizes.push((w?, h?));
        ifd = u32_at(ifd + 2 + entries * 12)? as usize;
    }
    (!sizes.is_empty()).then_some(sizes)
}

/// 8-bit grey samples (`width` × `height`) as a binary Netpbm file: PBM
/// when every pixel is black or white (an eighth of the size, and the
/// engine skips thresholding it), else PGM.
pub fn netpbm(width: u32, height: u32, grey: &[u8]) -> Vec<u8> {
    if !grey.iter().all(|&v| v == 0 || v == 255) {
        let mut out = format!("P5\n{width} {height}\n255\n").into_bytes();
        out.extend_from_slice(grey);
        return out;
    }
    let mut out = format!("P4\n{width} {height}\n").into_bytes();
    let row = width as usize;
    if row == 0 {
        return out;
    }
    for line in grey.chunks(row) {
        for eight in line.chunks(8) {
            // PBM: 1 is black, the first pixel in the high bit.
            let byte = eight
                .iter()
                .enumerate()
                .fold(0u8, |b, (i, &v)| if v == 0 { b | 0x80 >> i } else { b });
            out.push(byte);
        }
    }
    out
}

/// CCITT fax data (a PDF's `CCITTFaxDecode` stream) as a one-strip TIFF:
/// `k` < 0 is Group 4, 0 Group 3 one-dimensional, > 0 Group 3
/// two-dimensional; `black_is_1` as the PDF's `/BlackIs1`.
pub fn ccitt_tiff(width: u32, height: u32, k: i64, black_is_1: bool, data: &[u8]) -> Vec<u8> {
    let compression: u16 = if k < 0 { 4 } else { 3 };
    let t4_options: u32 = if k > 0 { 1 } else { 0 };
    // Photometric: 0 (WhiteIsZero) is the fax convention; with /BlackIs1
    // the decoded ones are black, the same picture as 1 (BlackIsZero) for
    // data whose black runs decode to zero.
    let photometric: u16 = if black_is_1 { 1 } else { 0 };
    let data_len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    // Header (8 bytes), then the IFD, then the data.
    let mut entries: Vec<(u16, u16, u32)> = vec![
        (256, 4, width),
        (257, 4, height),
        (258, 3, 1),
        (259, 3, u32::from(compression)),
        (262, 3, u32::from(photometric)),
        (273, 4, 0), // strip offset, set below
        (277, 3, 1),
        (278, 4, height),
        (279, 4, data_len),
    ];
    if compression == 3 {
        entries.push((292, 4, t4_options));
    }
    let ifd_len = 2 + entries.len() * 12 + 4;
    let data_at = u32::try_from(8 + ifd_len).unwrap_or(u32::MAX);
    let mut out = Vec::with_capacity(8 + ifd_len + data.len());
    out.extend_from_slice(b"II*\x00");
    out.extend_from_slice(&8u32.to_le_bytes());
    out.extend_from_slice(&u16::try_from(entries.len()).unwrap_or(0).to_le_bytes());
    for (tag, kind, value) in entries {
        let value = if tag == 273 { data_at } else { value };
        out.extend_from_slice(&tag.to_le_bytes());
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        if kind == 3 {
            out.extend_from_slice(&u16::try_from(value).unwrap_or(0).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
        } else {
            out.extend_from_slice(&value.to_le_bytes());
        }
    }
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(data);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_and_jpeg_sizes_come_from_their_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
        png.extend_from_slice(&2550u32.to_be_bytes());
        png.extend_from_slice(&3300u32.to_be_bytes());
        assert_eq!(ImageKind::sniff(&png), Some(ImageKind::Png));
        assert_eq!(
            page_sizes(ImageKind::Png, &png, 1),
            Some(vec![(2550, 3300)])
        );

        // SOI, an APP0 of 16 bytes, then SOF0 with height 200, width 100.
        let mut jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        jpeg.extend_from_slice(&[0; 14]);
        jpeg.extend_from_slice(&[0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0xC8, 0x00, 0x64]);
        assert_eq!(
            page_sizes(ImageKind::Jpeg, &jpeg, 1),
            Some(vec![(100, 200)])
        );
        // Cut short: no size.
        assert_eq!(page_sizes(ImageKind::Jpeg, &jpeg[..22], 1), None);
    }

    #[test]
    fn the_ccitt_wrapper_is_a_tiff_whose_size_reads_back() {
        let tiff = ccitt_tiff(1728, 2200, -1, false, &[0u8; 10]);
        assert_eq!(ImageKind::sniff(&tiff), Some(ImageKind::Tiff));
        assert_eq!(
            page_sizes(ImageKind::Tiff, &tiff, 5),
            Some(vec![(1728, 2200)])
        );
        assert!(tiff.ends_with(&[0u8; 10]));
    }

    #[test]
    fn a_looping_tiff_ends() {
        // An IFD whose next-IFD offset points at itself.
        let mut tiff = b"II*\x00\x08\x00\x00\x00".to_vec();
        tiff.extend_from_slice(&2u16.to_le_bytes());
        for (tag, v) in [(256u16, 10u32), (257, 20)] {
            tiff.extend_from_slice(&tag.to_le_bytes());
            tiff.extend_from_slice(&4u16.to_le_bytes());
            tiff.extend_from_slice(&1u32.to_le_bytes());
            tiff.extend_from_slice(&v.to_le_bytes());
        }
        tiff.extend_from_slice(&8u32.to_le_bytes());
        assert_eq!(
            page_sizes(ImageKind::Tiff, &tiff, 100),
            Some(vec![(10, 20)])
        );
    }

    #[test]
    fn grey_is_pgm_and_black_and_white_is_pbm() {
        assert_eq!(netpbm(2, 1, &[0, 128]), b"P5\n2 1\n255\n\x00\x80");
        // Nine pixels a row: two bytes, the last padded.
        let row = [0, 255, 255, 255, 255, 255, 255, 255, 0];
        assert_eq!(netpbm(9, 1, &row), b"P4\n9 1\n\x80\x80");
    }
}
