//! Who a resume is from: the candidate's name, e-mail address, phone number,
//! location and links, read from the first lines (before the first section
//! heading), a contact section, labelled lines ("Name: …") and the targets
//! of links (`mailto:`, `tel:`, web addresses). Also a fingerprint of the
//! text, to tell two files of one application apart from two applicants.
//!
//! The words that are never a name (headings, "Resume", job titles) and the
//! regions a town is followed by are data: `candidate.*` in
//! `rules/lexicon.toml`.

use rustc_hash::{FxHashSet, FxHasher};
use std::hash::{Hash, Hasher};

use super::flags::ContactSyntax;
use super::lexicon::{compile, whole_words, CompiledLexicon};
use super::View;
use crate::analyze::findings::{Candidate, Fingerprint, FINGERPRINT_SIZE};
use crate::extract::{LineHint, Link};
use crate::pattern::Pattern;
use crate::rules::{Lexicon, Section};

/// Lines read as the header when no section heading comes first.
const HEADER_LINES: usize = 12;
/// Most links reported.
const MAX_LINKS: usize = 5;
/// Longest name kept, in characters.
const MAX_NAME_CHARS: usize = 60;

/// The `candidate.*` lists, compiled.
pub struct CandidateWords {
    not_name: FxHashSet<String>,
    name_label: Pattern,
    location_label: Pattern,
    /// `Town, Region`: group 1 the town, 2 the region.
    town_region: Pattern,
    url: Pattern,
}

impl CandidateWords {
    pub fn new(lexicon: &Lexicon) -> CandidateWords {
        let label = |key: &str| {
            compile(&format!(
                r"^\s*{}\s*[:-]\s*",
                whole_words(lexicon.list(key))
            ))
        };
        let regions: Vec<String> = lexicon
            .list("candidate.regions")
            .iter()
            .map(|r| regex_syntax::escape(r))
            .collect();
        CandidateWords {
            not_name: lexicon
                .list("candidate.not_name_words")
                .iter()
                .cloned()
                .collect(),
            name_label: label("candidate.name_labels"),
            location_label: label("candidate.location_labels"),
            town_region: compile(&format!(
                r"\b([a-z][a-z.'\- ]{{1,30}}[a-z.]),\s*{}\b",
                whole_words(&regions)
            )),
            url: compile(
                r"\b(https?://[^\s|,;<>()]+|(www\.)?[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|org|net|io|dev|me|co|us|ca|uk|info)/[^\s|,;<>()]*)",
            ),
        }
    }
}

/// The candidate's identity.
pub(super) fn analyze(views: &[View<'_>], links: &[Link], lex: &CompiledLexicon) -> Candidate {
    let words = &lex.candidate;
    // The header: the lines above the first heading of a known section (at
    // most a dozen; a name in capitals may look like a heading), and any
    // contact section.
    let known_heading = |v: &View<'_>| v.heading && v.section.is_some_and(|s| s != Section::Other);
    let first_heading = views.iter().position(known_heading).unwrap_or(views.len());
    let header: Vec<&View<'_>> = views
        .iter()
        .take(first_heading.min(HEADER_LINES))
        .chain(
            views
                .iter()
                .filter(|v| !v.heading && v.in_section(Section::Contact)),
        )
        .collect();
    let located = |key: &str| {
        views
            .iter()
            .find(|v| v.line.locator.as_deref() == Some(key))
            .map(|v| v.line.norm.trim().to_string())
    };
    // A first line is taken for a name only next to contact details: a
    // resume without any (an anonymised one) starts with a title or a
    // heading more often than with a name.
    let header_contact = header.iter().any(|v| {
        lex.contact.email.is_match(&v.lower) || phone_in(&v.line.norm, &lex.contact).is_some()
    }) || targets(links, "mailto")
        .chain(targets(links, "tel"))
        .next()
        .is_some();
    let name = located("basics.name")
        .or_else(|| labelled(&header, &words.name_label).filter(|n| is_name(n, lex)))
        .or_else(|| {
            if !header_contact {
                return None;
            }
            // A name comes first on its line ("Jane Doe | Dayton, OH").
            header
                .iter()
                .filter_map(|v| segments(&v.line.norm).next())
                .map(|s| {
                    s.trim_start_matches(['#', '*', '_', ' '])
                        .trim_end_matches(['*', '_'])
                })
                .find(|s| is_name(s, lex) && town_region_in(s, words).is_none())
                .map(str::to_string)
        })
        .map(|n| tidy_name(&n));
    let location = located("basics.location")
        .or_else(|| labelled(&header, &words.location_label))
        .or_else(|| header.iter().find_map(|v| town_region(v, words)));
    Candidate {
        name,
        email: email(views, links, &lex.contact),
        phone: phone(views, links, &lex.contact),
        location,
        links: web_links(&header, links, words),
    }
}

/// The text after a label ("Name: Jane Doe") on a header line.
fn labelled(header: &[&View<'_>], label: &Pattern) -> Option<String> {
    header.iter().find_map(|v| {
        let found = label.find(&v.lower)?;
        let rest = v.line.norm[found.end()..].trim();
        let first = segments(rest).next()?.trim();
        (!first.is_empty()).then(|| first.to_string())
    })
}

/// The parts of a header line between separators ("Jane Doe | Dayton, OH").
fn segments(text: &str) -> impl Iterator<Item = &str> {
    text.split(['|', '•', '·', '–', '—', '\t'])
        .flat_map(|s| s.split(" - "))
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Whether a header segment looks like a person's name: two to five words,
/// each starting with a capital, letters only (with `'`, `-`, `.`), no word
/// that is never a name, no job title, no heading.
fn is_name(segment: &str, lex: &CompiledLexicon) -> bool {
    // "Jane Doe, CPT": a credential after a comma is not the name; a
    // nickname ("Rick", (William)) is not looked at.
    let segment = segment.split(',').next().unwrap_or("").trim();
    let words: Vec<&str> = segment
        .split_whitespace()
        .filter(|w| !w.starts_with(['"', '“', '(', '\'']))
        .collect();
    if !(2..=5).contains(&words.len()) || segment.chars().count() > MAX_NAME_CHARS {
        return false;
    }
    let shaped = words.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.'))
    });
    let lower = segment.to_lowercase();
    shaped
        && !lower
            .split_whitespace()
            .any(|w| lex.candidate.not_name.contains(w.trim_matches('.')))
        && !lex.titles.has_title_word(&lower)
        && !matches!(
            lex.sections.heading_of(segment, LineHint::None),
            Some(s) if s != Section::Other
        )
}

/// "JANE DOE" → "Jane Doe"; a name written otherwise is kept as written.
fn tidy_name(name: &str) -> String {
    let name = name.split(',').next().unwrap_or(name).trim();
    let letters = name.chars().filter(|c| c.is_alphabetic());
    if letters.clone().count() > 1 && letters.clone().all(char::is_uppercase) {
        name.split(' ')
            .map(|w| {
                let mut out = String::new();
                let mut start = true;
                for c in w.chars() {
                    if start {
                        out.extend(c.to_uppercase());
                    } else {
                        out.extend(c.to_lowercase());
                    }
                    start = matches!(c, '-' | '\'' | '’' | '.' | '"' | '“' | '(');
                }
                out
            })
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        name.to_string()
    }
}

/// "Dayton, OH" on a header line (a two-letter region only in capitals).
fn town_region(v: &View<'_>, words: &CandidateWords) -> Option<String> {
    town_region_in(&v.line.norm, words)
}

/// "Dayton, OH" in `norm`.
fn town_region_in(norm: &str, words: &CandidateWords) -> Option<String> {
    let lower = norm.to_ascii_lowercase();
    let found = words.town_region.captures(&lower).find_map(|c| {
        let whole = c.get(0)?;
        let region = c.get(2)?;
        let original_region = &norm[region.start()..region.end()];
        if original_region.len() == 2 && original_region != original_region.to_ascii_uppercase() {
            return None;
        }
        // The town is the last words before the comma after a separator or
        // a street number ("123 Main St, Dayton, OH").
        let town = &norm[whole.start()..c.get(1)?.end()];
        let town = town
            .rsplit([',', '|', '•'])
            .next()
            .unwrap_or(town)
            .trim()
            .trim_start_matches(|ch: char| ch.is_ascii_digit() || ch == ' ');
        if town.is_empty() || !town.chars().next().is_some_and(char::is_uppercase) {
            return None;
        }
        Some(format!("{town}, {original_region}"))
    });
    found
}

/// The first e-mail address of the text, else of a `mailto:` link.
fn email(views: &[View<'_>], links: &[Link], syntax: &ContactSyntax) -> Option<String> {
    views
        .iter()
        .find_map(|v| syntax.email.find(&v.lower).map(|m| m.as_str().to_string()))
        .or_else(|| {
            targets(links, "mailto").find_map(|t| {
                let t = t.to_ascii_lowercase();
                syntax.email.find(&t).map(|m| m.as_str().to_string())
            })
        })
}

/// The first phone number of the text (as written), else of a `tel:` link.
fn phone(views: &[View<'_>], links: &[Link], syntax: &ContactSyntax) -> Option<String> {
    views
        .iter()
        .find_map(|v| phone_in(&v.line.norm, syntax))
        .or_else(|| targets(links, "tel").find_map(|t| phone_in(t, syntax)))
}

/// The first phone number in `text` (ten digits or more: not a date range).
fn phone_in(text: &str, syntax: &ContactSyntax) -> Option<String> {
    syntax
        .phone
        .find_iter(text)
        .find(|m| m.as_str().chars().filter(|c| c.is_ascii_digit()).count() >= 10)
        .map(|m| m.as_str().trim().to_string())
}

/// Web addresses of the header and contact lines, then of link targets.
fn web_links(header: &[&View<'_>], links: &[Link], words: &CandidateWords) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |url: &str| {
        let url = url.trim_end_matches(['.', '/']);
        let bare = url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .trim_start_matches("www.");
        let known = out.iter().any(|u| {
            u.trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("www.")
                .eq_ignore_ascii_case(bare)
        });
        if !known && out.len() < MAX_LINKS && !bare.is_empty() {
            out.push(url.to_string());
        }
    };
    for v in header {
        for m in words.url.find_iter(&v.lower) {
            // Not the domain of an e-mail address.
            if v.lower[..m.start()].ends_with('@') {
                continue;
            }
            push(&v.line.norm[m.start()..m.end()]);
        }
    }
    for l in links {
        let scheme = l.uri.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
        if matches!(scheme.as_deref(), Some("http" | "https")) {
            push(&l.uri);
        }
    }
    out
}

/// The targets of links with `scheme` (`mailto`, `tel`), without it.
fn targets<'a>(links: &'a [Link], scheme: &'static str) -> impl Iterator<Item = &'a str> {
    links.iter().filter_map(move |l| {
        let (s, rest) = l.uri.split_once(':')?;
        s.eq_ignore_ascii_case(scheme).then_some(rest)
    })
}

/// A MinHash of the text's three-word shingles: two files whose
/// fingerprints agree in most places say nearly the same thing.
///
/// Each shingle is hashed once (FxHash, then [`splitmix`]); its
/// [`FINGERPRINT_SIZE`] hashes are that value through as many fixed
/// bijections of `u64` (an xor, then a multiplication by an odd number), a
/// multiplication each instead of a full mix.
pub(super) fn fingerprint(views: &[View<'_>]) -> Fingerprint {
    let words: Vec<&str> = views
        .iter()
        .flat_map(|v| v.lower.split(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    let mut mins = [u64::MAX; FINGERPRINT_SIZE];
    for shingle in words.windows(3.min(words.len().max(1))) {
        let mut h = FxHasher::default();
        shingle.hash(&mut h);
        let base = splitmix(h.finish());
        for (m, (xor, odd)) in mins.iter_mut().zip(PERMUTATIONS.iter()) {
            *m = (*m).min((base ^ xor).wrapping_mul(*odd));
        }
    }
    Fingerprint(mins)
}

/// The fingerprint's bijections: an xor mask and an odd multiplier each.
const PERMUTATIONS: [(u64, u64); FINGERPRINT_SIZE] = {
    let mut out = [(0, 0); FINGERPRINT_SIZE];
    let mut i = 0;
    while i < FINGERPRINT_SIZE {
        let seed = (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        out[i] = (splitmix(seed), splitmix(!seed) | 1);
        i += 1;
    }
    out
};

const fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyze::lexicon::tests::builtin;
    use crate::extract::{Document, RawLine};

    fn candidate(text: &str, links: &[&str]) -> Candidate {
        let lines = text.lines().map(RawLine::plain).collect();
        let mut doc = Document::new(crate::extract::Format::Text, lines, Vec::new());
        doc.links = links
            .iter()
            .map(|u| Link {
                page: Some(1),
                line: None,
                uri: u.to_string(),
            })
            .collect();
        let views = super::super::prepare(&doc, builtin());
        analyze(&views, &doc.links, builtin())
    }

    #[test]
    fn name_email_phone_location_and_links_from_the_header() {
        let c = candidate(
            "RESUME\nJANE O'NEIL-DOE, CPT\nProduction Technician\nDayton, OH 45402 | (937) 555-0142 | Jane.Doe@Example.com\nlinkedin.com/in/janedoe\n\nEXPERIENCE\nTechnician at Acme, Columbus, OH 2019 - Present",
            &[],
        );
        assert_eq!(c.name.as_deref(), Some("Jane O'Neil-Doe"));
        assert_eq!(c.email.as_deref(), Some("jane.doe@example.com"));
        assert_eq!(c.phone.as_deref(), Some("(937) 555-0142"));
        assert_eq!(c.location.as_deref(), Some("Dayton, OH"));
        assert_eq!(c.links, vec!["linkedin.com/in/janedoe"]);
    }

    #[test]
    fn labels_and_link_targets() {
        let c = candidate(
            "Curriculum Vitae\nName: Sam Lee\nLocation: Windsor, Ontario\n\nSKILLS\nPLC",
            &[
                "mailto:sam.lee@example.org",
                "tel:+1-519-555-0100",
                "https://github.com/samlee",
            ],
        );
        assert_eq!(c.name.as_deref(), Some("Sam Lee"));
        assert_eq!(c.location.as_deref(), Some("Windsor, Ontario"));
        assert_eq!(c.email.as_deref(), Some("sam.lee@example.org"));
        assert_eq!(c.phone.as_deref(), Some("+1-519-555-0100"));
        assert_eq!(c.links, vec!["https://github.com/samlee"]);
    }

    #[test]
    fn headings_titles_and_lowercase_words_are_no_names() {
        let c = candidate(
            "Professional Summary\nQuality Engineer\nContact Information\nworked in Dayton, oh well\n\nEXPERIENCE\nJane Doe",
            &[],
        );
        assert_eq!(c.name, None);
        assert_eq!(c.location, None);
        assert_eq!(c.email, None);
    }

    #[test]
    fn a_first_line_without_contact_details_is_no_name() {
        // An anonymised resume opens with a title or a heading.
        let c = candidate(
            "Key Holder\nPatient Advocate\n\nEXPERIENCE\nKey Holder, Company Name City 2015 - 2018",
            &[],
        );
        assert_eq!(c.name, None);
        let c = candidate(
            "Sam Lee\n\nEXPERIENCE\nTechnician 2015 - 2018",
            &["tel:+15195550100"],
        );
        assert_eq!(c.name.as_deref(), Some("Sam Lee"));
    }

    #[test]
    fn fingerprints_tell_copies_from_others() {
        let text = "Jane Doe\nProduction technician with eight years on CNC lines, PLC troubleshooting and lean projects that cut scrap by 20 percent";
        let lines = |t: &str| t.lines().map(RawLine::plain).collect::<Vec<_>>();
        let print = |t: &str| {
            let doc = Document::new(crate::extract::Format::Text, lines(t), Vec::new());
            fingerprint(&super::super::prepare(&doc, builtin()))
        };
        let a = print(text);
        let b = print(&text.replace("20 percent", "20 percent."));
        let c = print("Sam Lee\nQuality engineer who audits suppliers, writes control plans and leads PPAP submissions for new parts");
        assert!(a.similarity(&b) > 0.9, "{}", a.similarity(&b));
        assert!(a.similarity(&c) < 0.2, "{}", a.similarity(&c));
    }
}
