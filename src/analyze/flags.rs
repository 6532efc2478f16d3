//! Flags about the resume itself: contact details, missing sections,
//! repeated words, and credentials that do not fit the experience.

use crate::pattern::Pattern as Regex;

use super::lexicon::compile;
use super::View;
use crate::analyze::findings::{CertFinding, CertStatus, Contact, Flag, LevelFinding};
use crate::extract::Link;
use crate::rules::{RuleSet, Section};

/// E-mail addresses and phone numbers: syntax, not vocabulary.
pub struct ContactSyntax {
    email: Regex,
    phone: Regex,
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

/// All flags.
pub(super) fn analyze(
    views: &[View<'_>],
    rules: &RuleSet,
    certifications: &[CertFinding],
    level: &LevelFinding,
    sections: &[Section],
    contact: &Contact,
    repeatable_words: &[String],
) -> Vec<Flag> {
    let mut flags = Vec::new();
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
        .filter(|v| has_repeated_word(&v.lower, repeatable_words))
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
