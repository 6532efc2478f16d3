//! Flags about the resume itself: contact details, missing sections,
//! repeated words, and credentials that do not fit the experience.

use crate::pattern::Pattern as Regex;

use super::lexicon::{compile, CompiledLexicon};
use super::View;
use crate::analyze::findings::{
    CertFinding, CertStatus, Contact, Flag, LevelFinding, NOT_A_RESUME, NOT_ENGLISH,
};
use crate::extract::Link;
use crate::rules::{RuleSet, Section};

/// E-mail addresses and phone numbers: syntax, not vocabulary.
pub struct ContactSyntax {
    pub(super) email: Regex,
    pub(super) phone: Regex,
}

impl ContactSyntax {
    pub fn new() -> ContactSyntax {
        ContactSyntax {
            email: compile(r"[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}"),
            phone: compile(
                r"(\+?\d{1,3}[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b|\+\d{1,3}[\s\d().-]{8,}\d",
            ),
        }
    }
}

/// Sections every resume should have.
const EXPECTED_SECTIONS: &[Section] = &[Section::Experience, Section::Education, Section::Skills];

/// Whether the resume gives an email address and a phone number, in its
/// text or as the target of a link (`mailto:`, `tel:`) drawn over icons.
pub(super) fn contact(views: &[View<'_>], links: &[Link], syntax: &ContactSyntax) -> Contact {
    let target = |scheme: &'static str| {
        links.iter().filter_map(move |l| {
            let (s, rest) = l.uri.split_once(':')?;
            s.eq_ignore_ascii_case(scheme)
                .then(|| rest.to_ascii_lowercase())
        })
    };
    let phone_number = |text: &str| {
        syntax.phone.find_iter(text).any(|m| {
            // A date range such as "2015-2019" is not a phone number.
            m.as_str().chars().filter(|c| c.is_ascii_digit()).count() >= 10
        })
    };
    Contact {
        email: views.iter().any(|v| syntax.email.is_match(&v.lower))
            || target("mailto").any(|t| syntax.email.is_match(&t)),
        phone: views.iter().any(|v| phone_number(&v.lower))
            || target("tel").any(|t| phone_number(&t)),
    }
}

/// Words read to judge the language (the rest of a long text is not needed).
const LANGUAGE_SAMPLE_WORDS: usize = 600;
/// Below this many words a text says too little to judge its language.
const LANGUAGE_MIN_WORDS: usize = 40;
/// The share of `flags.english_words` below which a text is not English.
const ENGLISH_MIN_SHARE: f64 = 0.03;
/// The share of letters outside ASCII above which a text is not English
/// (Cyrillic, Greek, Chinese, Japanese…).
const NON_LATIN_MAX_SHARE: f64 = 0.5;
/// A text of fewer words than this says little about a career.
const RESUME_MIN_WORDS: usize = 60;

/// Whether the text is in another language than English: mostly letters
/// outside ASCII, or (40 words or more) few English function words.
fn not_english(views: &[View<'_>], english_words: &rustc_hash::FxHashSet<String>) -> bool {
    let (mut letters, mut non_ascii) = (0usize, 0usize);
    let (mut words, mut english) = (0usize, 0usize);
    for v in views {
        // The first few hundred words tell the language.
        if words >= LANGUAGE_SAMPLE_WORDS {
            break;
        }
        for c in v.line.norm.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            non_ascii += usize::from(!c.is_ascii());
        }
        for w in v
            .lower
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            words += 1;
            english += usize::from(english_words.contains(w));
        }
    }
    if letters > 0 && non_ascii as f64 / letters as f64 > NON_LATIN_MAX_SHARE {
        return true;
    }
    words >= LANGUAGE_MIN_WORDS && (english as f64 / words as f64) < ENGLISH_MIN_SHARE
}

/// Whether the document shows at most one of what a resume has: a section
/// heading a resume uses, a dated job, and enough words.
fn not_a_resume(views: &[View<'_>], sections: &[Section], level: &LevelFinding) -> bool {
    let words: usize = views
        .iter()
        .map(|v| v.lower.split_whitespace().count())
        .sum();
    let signs = [
        !sections.is_empty(),
        !level.jobs.is_empty(),
        words >= RESUME_MIN_WORDS,
    ];
    signs.iter().filter(|&&s| s).count() <= 1
}

/// All flags.
pub(super) fn analyze(
    views: &[View<'_>],
    rules: &RuleSet,
    certifications: &[CertFinding],
    level: &LevelFinding,
    sections: &[Section],
    contact: &Contact,
    lex: &CompiledLexicon,
) -> Vec<Flag> {
    let mut flags = Vec::new();
    // What the input is comes first: the score of a text that is no
    // resume, or not in English, is given but means little.
    if not_a_resume(views, sections, level) {
        flags.push(Flag {
            id: NOT_A_RESUME.into(),
            message: "this does not look like a resume (no resume section headings, no dated jobs or very few words): its score means little".into(),
            evidence: vec![],
        });
    }
    if not_english(views, &lex.english_words) {
        flags.push(Flag {
            id: NOT_ENGLISH.into(),
            message: "this does not look like English: rolefit reads English resumes, so its score means little".into(),
            evidence: vec![],
        });
    }
    for cert in certifications
        .iter()
        .filter(|c| c.status == CertStatus::Held)
    {
        let Some(min) = rules.certification(&cert.id).and_then(|d| d.min_years) else {
            continue;
        };
        if level.years_experience < min {
            flags.push(Flag {
                id: format!("{}-experience-inconsistent", cert.id),
                message: format!(
                    "{} is held, but it requires about {min} years of experience and the resume shows {:.1}: check the dates or the claim",
                    cert.name, level.years_experience
                ),
                evidence: cert.evidence.clone(),
            });
        }
    }
    if !contact.email {
        flags.push(Flag {
            id: "no-contact-email".into(),
            message: "no email address found: put one in the header so employers can reply".into(),
            evidence: vec![],
        });
    }
    if !contact.phone {
        flags.push(Flag {
            id: "no-contact-phone".into(),
            message: "no phone number found: add one to the header".into(),
            evidence: vec![],
        });
    }
    for &expected in EXPECTED_SECTIONS {
        let present = sections.contains(&expected)
            || (expected == Section::Experience && sections.contains(&Section::Military));
        let name = expected.as_str();
        if !present {
            flags.push(Flag {
                id: format!("missing-section:{name}"),
                message: format!(
                    "no {name} section heading found: applicant tracking systems look for one"
                ),
                evidence: vec![],
            });
        }
    }
    let repeated: Vec<_> = views
        .iter()
        .filter(|v| has_repeated_word(&v.lower, &lex.repeatable_words))
        .take(3)
        .map(|v| v.evidence())
        .collect();
    if !repeated.is_empty() {
        flags.push(Flag {
            id: "repeated-word".into(),
            message: "a word is repeated twice in a row (\"the the\")".into(),
            evidence: repeated,
        });
    }
    if level.jobs.is_empty() {
        flags.push(Flag {
            id: "no-dated-jobs".into(),
            message:
                "no dated jobs found: give each job a date range such as \"Jan 2019 – Present\""
                    .into(),
            evidence: vec![],
        });
    }
    flags
}

/// "the the": the same word (of two letters or more, not one of
/// `flags.repeatable_words`) twice in a row.
fn has_repeated_word(lower: &str, repeatable_words: &[String]) -> bool {
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .collect();
    let separated_by_space = |a: &str, b: &str| {
        // Only words separated by whitespace, not "pass/pass" or "go, go".
        let pattern = format!("{a} {b}");
        lower.contains(&pattern)
    };
    words.windows(2).any(|w| {
        w[0] == w[1]
            && w[0].len() >= 2
            && !repeatable_words.iter().any(|r| r == w[0])
            && separated_by_space(w[0], w[1])
    })
}
