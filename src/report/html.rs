//! `--format html`: one self-contained page for a recruiter — no network, no
//! external script, style, font or image.
//!
//! - a ranked table, one compact row per candidate (name first), sortable by
//!   clicking a column heading, narrowed by a search box and filters (role,
//!   score range, certification held, level) — a small inline script allowed
//!   by the page's CSP hash; the filters also start from the address
//!   (`report.html?cert=cpt&min=70`); each row has an anchor
//!   (`#c-jane-doe`) that opens its details (evidence for certifications,
//!   education, experience, skills and achievements, flags, the gaps with
//!   advice, the other files of the same application), by the script or,
//!   without it, by CSS `:target`;
//! - for a pool of resumes, inline-SVG charts: the score distribution, the most
//!   frequent gaps, and which certifications the pool holds.
//!
//! Every piece of text that comes from a resume (and from rules, paths and
//! error messages) goes through [`escape`]; it only ever lands in element
//! content or in double-quoted attribute values, never in a script, a style
//! or a URL. A Content-Security-Policy `<meta>` allows only the page's own
//! script and style block, by hash, as a second line of defence.
//!
//! Memory: per file the reporter keeps the rendered rows (a few kilobytes)
//! and pool counters, never the results themselves.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, Write};

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::row::{strip_controls, Row};
use super::{Reporter, RunInfo};
use crate::analyze::{CertStatus, Evidence, SkillStatus};
use crate::check::{Checked, FileResult};
use crate::rules::SkillKind;
use crate::run::Summary;

const STYLE: &str = include_str!("html_report.css");
const SCRIPT: &str = include_str!("html_report.js");

/// Evidence lines shown per finding in the details.
const EVIDENCE_PER_ITEM: usize = 2;
/// Evidence lines behind a finding's "and N more".
const MAX_EVIDENCE: usize = 20;
/// Bars in the frequent-gaps chart.
const TOP_GAP_BARS: usize = 10;
/// Columns of the ranking table and how each sorts: the name, the sort
/// type, and whether it shows only with a minimum score (`Result`).
const COLUMNS: &[(&str, &str, bool)] = &[
    ("#", "num", false),
    ("Candidate", "text", false),
    ("Score", "num", false),
    ("Best-fit role", "text", false),
    ("Result", "text", true),
    ("Level", "num", false),
    ("Years", "num", false),
    ("Education", "num", false),
    ("Certifications", "text", false),
    ("Top gaps", "num", false),
    ("ATS high risks", "num", false),
    ("File", "text", false),
];

/// The columns shown: `Result` only with a minimum score.
fn columns(min_score: Option<u32>) -> impl Iterator<Item = (&'static str, &'static str)> {
    COLUMNS
        .iter()
        .filter(move |(_, _, needs_min)| !needs_min || min_score.is_some())
        .map(|(name, kind, _)| (*name, *kind))
}

/// Escapes text for HTML element content and double-quoted attribute
/// values; control characters are replaced.
pub fn escape(text: &str) -> String {
    let text = strip_controls(text);
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// The Content-Security-Policy of the page: nothing but its own inline
/// script and style (by SHA-256 hash) and `data:` images.
pub fn content_security_policy() -> String {
    format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
        sha256_base64(SCRIPT),
        sha256_base64(STYLE)
    )
}

fn sha256_base64(text: &str) -> String {
    BASE64.encode(Sha256::digest(text.as_bytes()))
}

struct Entry {
    row: Row,
    /// The row's anchor, unique in the page (`c-jane-doe`).
    anchor: String,
    /// The `data-*` attributes the filters read.
    filter: String,
    /// The `<td>`s of the main row after the rank cell.
    cells: String,
    /// The content of the details row.
    details: String,
}

#[derive(Default)]
struct GapCount {
    count: usize,
    severity: Option<crate::rules::Severity>,
    /// The shortest message seen: the profile's text without a per-resume note.
    label: String,
}

/// One bar of a horizontal bar chart: its label, tooltip and stacked parts
/// (count, CSS class).
struct BarRow {
    label: String,
    tip: String,
    parts: Vec<(usize, &'static str)>,
}

#[derive(Default)]
struct CertCount {
    name: String,
    held: usize,
    in_progress: usize,
}

/// Collects rendered rows and pool statistics; writes the page at the end.
pub struct HtmlReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
    entries: Vec<Entry>,
    histogram: [usize; 10],
    gaps: HashMap<String, GapCount>,
    certs: BTreeMap<String, CertCount>,
    /// First-seen order of certification ids, for stable ties.
    cert_order: Vec<String>,
    /// How many rows use each anchor base, to make anchors unique.
    anchors: HashMap<String, usize>,
    /// The best-fit roles and levels of the rows, for the filters.
    roles: BTreeMap<String, String>,
    levels: BTreeMap<u32, String>,
}

impl<'a> HtmlReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo) -> Self {
        HtmlReporter {
            out,
            run,
            entries: Vec::new(),
            histogram: [0; 10],
            gaps: HashMap::new(),
            certs: BTreeMap::new(),
            cert_order: Vec::new(),
            anchors: HashMap::new(),
            roles: BTreeMap::new(),
            levels: BTreeMap::new(),
        }
    }

    fn count(&mut self, c: &Checked) {
        self.histogram[(c.score.min(100) as usize / 10).min(9)] += 1;
        for g in &c.gaps {
            let entry = self.gaps.entry(g.requirement.clone()).or_default();
            entry.count += 1;
            entry.severity = Some(entry.severity.map_or(g.severity, |s| s.min(g.severity)));
            if entry.label.is_empty() || g.message.chars().count() < entry.label.chars().count() {
                entry.label = g.message.clone();
            }
        }
        for cert in &c.findings.certifications {
            if !self.certs.contains_key(&cert.id) {
                self.cert_order.push(cert.id.clone());
            }
            let entry = self.certs.entry(cert.id.clone()).or_default();
            entry.name = cert.name.clone();
            match cert.status {
                CertStatus::Held => entry.held += 1,
                CertStatus::InProgress => entry.in_progress += 1,
                CertStatus::Absent => {}
            }
        }
    }
}

fn score_class(score: u32) -> &'static str {
    match score {
        70.. => "hi",
        40..=69 => "mid",
        _ => "lo",
    }
}

/// The ranking's ATS cell: the count of high risks (what the column sorts
/// by) and their ids.
fn ats_cell(row: &Row) -> String {
    let high = row.ats_high();
    let ids: Vec<String> = high
        .iter()
        .map(|id| format!("<span class=\"tag sev-high\">{}</span>", escape(id)))
        .collect();
    format!(
        "<td data-v=\"{}\">{}</td>",
        high.len(),
        if ids.is_empty() {
            "0".to_string()
        } else {
            format!("{} {}", high.len(), ids.join(" "))
        }
    )
}

/// The "ATS readability" part of a resume's details, when it has risks.
fn ats_details(risks: &[crate::ats::Finding]) -> String {
    if risks.is_empty() {
        return String::new();
    }
    let mut s = String::from("<h4>ATS readability</h4><ol class=\"gaplist ats\">");
    for f in risks {
        let evidence: Vec<String> = f
            .evidence
            .iter()
            .take(EVIDENCE_PER_ITEM)
            .map(|e| {
                format!(
                    "<li><span class=\"loc\">{}</span> <q>{}</q></li>",
                    escape(&e.location()),
                    escape(e.text.trim())
                )
            })
            .collect();
        let _ = write!(
            s,
            "<li class=\"sev-{sev}\"><span class=\"badge sev-{sev}\">{sev}</span> <strong>{}</strong> \
             <span class=\"req\">{}</span><ul class=\"ev\">{}</ul><p>{}</p></li>",
            escape(&f.message),
            escape(f.id),
            evidence.concat(),
            escape(&f.advice),
            sev = f.severity.as_str(),
        );
    }
    s.push_str("</ol>");
    s
}

/// The anchor of a row: `c-` and the candidate's name (or file name) in
/// lower-case ASCII letters and digits joined by `-`.
fn anchor_base(row: &Row) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::from("c-");
    let mut dash = false;
    // "Tomás" → "tomas": accents dropped, other marks part words.
    let name: String = row
        .display_name()
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .collect();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && out.len() > 2 {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
        if out.len() >= 48 {
            break;
        }
    }
    if out.len() == 2 {
        out.push_str("file");
    }
    out
}

/// The `data-*` attributes of a row's `<tbody>` that the filters read.
fn filter_data(row: &Row) -> String {
    let who = &row.candidate;
    let mut search: Vec<String> = vec![row.display_name()];
    search.extend(who.email.iter().cloned());
    search.extend(who.phone.iter().cloned());
    search.extend(who.location.iter().cloned());
    search.extend(row.files().map(str::to_string));
    match &row.checked {
        Some(c) => {
            search.extend(c.latest_title.iter().cloned());
            search.extend(c.certs_held.iter().map(|x| x.long()));
            search.push(c.role_name.clone());
            let certs: Vec<&str> = c.certs_held.iter().map(|x| x.id.as_str()).collect();
            format!(
                " data-role=\"{}\" data-score=\"{}\" data-level=\"{}\" data-certs=\" {} \" data-search=\"{}\"",
                escape(&c.role_id),
                c.score,
                c.level,
                escape(&certs.join(" ")),
                escape(&search.join(" ").to_lowercase())
            )
        }
        None => format!(
            " data-role=\"\" data-score=\"-1\" data-level=\"\" data-certs=\"\" data-search=\"{}\"",
            escape(&search.join(" ").to_lowercase())
        ),
    }
}

/// The candidate cell: the name as a link to the row's anchor, the e-mail
/// address and place under it.
fn candidate_cell(row: &Row, anchor: &str) -> String {
    let name = escape(&row.display_name());
    let who = &row.candidate;
    let contact: Vec<String> = who
        .email
        .iter()
        .chain(who.location.iter())
        .map(|x| escape(x))
        .collect();
    format!(
        "<td class=\"who\" data-v=\"{sort}\"><a class=\"name\" href=\"#{anchor}\" title=\"Details (link to this candidate)\">{name}</a>{contact}</td>",
        sort = escape(&row.display_name().to_lowercase()),
        contact = if contact.is_empty() {
            String::new()
        } else {
            format!("<span class=\"contact\">{}</span>", contact.join(" · "))
        }
    )
}

/// The file cell: the file, and the other files of the same application.
fn file_cell(row: &Row) -> String {
    let path = escape(&row.path);
    let others: Vec<String> = row.duplicates.iter().map(|p| escape(p)).collect();
    format!(
        "<td class=\"file\" data-v=\"{path}\">{path}{}</td>",
        if others.is_empty() {
            String::new()
        } else {
            format!(
                "<span class=\"dup\" title=\"{}\">+{} more file{}</span>",
                others.join("&#10;"),
                others.len(),
                if others.len() == 1 { "" } else { "s" }
            )
        }
    )
}

fn main_cells(row: &Row, anchor: &str, min_score: Option<u32>) -> String {
    let mut s = candidate_cell(row, anchor);
    match &row.checked {
        None => {
            let kind = row.error_kind.unwrap_or("error");
            let _ = write!(
                s,
                "<td data-v=\"-1\">—</td><td data-v=\"error {kind}\"><span class=\"badge err\">{kind}</span></td>"
            );
            if min_score.is_some() {
                s.push_str("<td data-v=\"\"></td>");
            }
            let _ = write!(
                s,
                "<td data-v=\"-1\"></td><td data-v=\"-1\"></td><td data-v=\"-1\"></td><td data-v=\"\"></td>\
                 <td data-v=\"-1\" class=\"msg\">{}</td>",
                escape(row.error_message.as_deref().unwrap_or(""))
            );
            s.push_str(&ats_cell(row));
        }
        Some(c) => {
            let role = escape(&c.role_name);
            let _ = write!(
                s,
                "<td data-v=\"{score}\" class=\"score {cls}\"><span class=\"num\">{score}</span>\
                 <svg class=\"meter\" width=\"64\" height=\"8\" aria-hidden=\"true\"><rect class=\"track\" width=\"64\" height=\"8\" rx=\"2\"/>\
                 <rect class=\"fill\" width=\"{w:.1}\" height=\"8\" rx=\"2\"/></svg></td>\
                 <td data-v=\"{role}\">{role}</td>",
                score = c.score,
                cls = score_class(c.score),
                w = c.score.min(100) as f64 * 0.64,
            );
            if min_score.is_some() {
                let (result, badge) = if c.passed {
                    ("passed", "ok")
                } else {
                    ("below minimum", "warn")
                };
                let _ = write!(
                    s,
                    "<td data-v=\"{result}\"><span class=\"badge {badge}\">{result}</span></td>"
                );
            }
            let _ = write!(
                s,
                "<td data-v=\"{lr}\">{level}</td><td data-v=\"{years:.1}\">{years:.1}</td>\
                 <td data-v=\"{er}\">{edu}{eng}</td>",
                lr = c.level as u32 + 1,
                level = c.level,
                years = c.years,
                er = c.education as u32 * 2 + u32::from(c.engineering_degree),
                edu = c.education.as_str().replace('_', " "),
                eng = if c.engineering_degree {
                    " <span class=\"tag\">engineering</span>"
                } else {
                    ""
                },
            );
            let mut names: Vec<String> = c.certs_held.iter().map(|x| x.long()).collect();
            // Short labels (`cpt`, `six-sigma (green)`), the name on hover.
            let certs: Vec<String> = c
                .certs_held
                .iter()
                .map(|x| {
                    format!(
                        "<span class=\"tag\" title=\"{}\">{}</span>",
                        escape(&x.long()),
                        escape(&x.short())
                    )
                })
                .collect();
            // Sorted by the names, A to Z (those without any last).
            names.sort();
            let _ = write!(
                s,
                "<td data-v=\"{}\">{}</td>",
                if names.is_empty() {
                    "\u{10ffff}".to_string()
                } else {
                    escape(&names.join(", ").to_lowercase())
                },
                if certs.is_empty() {
                    "—".to_string()
                } else {
                    certs.join(" ")
                }
            );
            // The most important gap on one line; the others in the details.
            let gap = match c.top_gaps.first() {
                None => "none".to_string(),
                Some(g) => format!(
                    "<span class=\"gap sev-{}\" title=\"{msg}\">{msg}</span>{}",
                    g.severity.as_str(),
                    if c.gaps > 1 {
                        format!(" <span class=\"more\">+{}</span>", c.gaps - 1)
                    } else {
                        String::new()
                    },
                    msg = escape(&g.message),
                ),
            };
            let _ = write!(s, "<td data-v=\"{}\" class=\"gaps\">{gap}</td>", c.gaps);
            s.push_str(&ats_cell(row));
        }
    }
    s.push_str(&file_cell(row));
    s
}

fn evidence_item(e: &Evidence) -> String {
    format!(
        "<li><span class=\"loc\">{}</span> <q>{}</q></li>",
        escape(&e.location()),
        escape(e.text.trim())
    )
}

/// Evidence lines as a list: the first [`EVIDENCE_PER_ITEM`], the rest (at
/// most [`MAX_EVIDENCE`]) behind "and N more".
fn evidence_list(evidence: &[Evidence]) -> String {
    if evidence.is_empty() {
        return String::new();
    }
    let items: Vec<String> = evidence
        .iter()
        .take(EVIDENCE_PER_ITEM)
        .map(evidence_item)
        .collect();
    let more = evidence.len().saturating_sub(EVIDENCE_PER_ITEM);
    let more = if more > 0 {
        let rest: Vec<String> = evidence
            .iter()
            .skip(EVIDENCE_PER_ITEM)
            .take(MAX_EVIDENCE)
            .map(evidence_item)
            .collect();
        format!(
            "<li class=\"more\"><details><summary>and {more} more</summary><ul class=\"ev\">{}</ul></details></li>",
            rest.concat()
        )
    } else {
        String::new()
    };
    format!("<ul class=\"ev\">{}{more}</ul>", items.concat())
}

/// The candidate's contact details and the files of the application.
fn contact_details(row: &Row, result: &FileResult) -> String {
    let who = &row.candidate;
    let mut s = String::from("<h4>Candidate</h4><dl class=\"contact\">");
    for (label, value) in [
        ("Name", who.name.as_deref()),
        ("E-mail", who.email.as_deref()),
        ("Phone", who.phone.as_deref()),
        ("Location", who.location.as_deref()),
    ] {
        let _ = write!(
            s,
            "<dt>{label}</dt><dd>{}</dd>",
            value.map(escape).unwrap_or_else(|| "not found".into())
        );
    }
    if !who.links.is_empty() {
        let links: Vec<String> = who.links.iter().map(|l| escape(l)).collect();
        let _ = write!(s, "<dt>Links</dt><dd>{}</dd>", links.join("<br>"));
    }
    let mut files = vec![format!("{} (this row)", escape(&result.path))];
    files.extend(result.duplicates.iter().map(|d| {
        format!(
            "{}{}",
            escape(&d.path),
            d.score
                .map(|s| format!(" (score {s})"))
                .unwrap_or_else(|| " (not checked)".into())
        )
    }));
    let _ = write!(s, "<dt>Files</dt><dd>{}</dd></dl>", files.join("<br>"));
    s
}

fn details(result: &FileResult, row: &Row) -> String {
    let mut s = String::new();
    let Some(c) = result.checked.as_deref() else {
        let _ = write!(
            s,
            "<p class=\"error\"><strong>Could not be checked ({}).</strong> {}</p>",
            escape(row.error_kind.unwrap_or("error")),
            escape(row.error_message.as_deref().unwrap_or(""))
        );
        s.push_str(&ats_details(&result.ats));
        return s;
    };
    s.push_str(&contact_details(row, result));
    s.push_str(&ats_details(&c.ats));
    // Overview.
    let roles: Vec<String> = c
        .role_scores
        .iter()
        .map(|r| format!("{} {}", escape(&r.id), r.score))
        .collect();
    let _ = write!(
        s,
        "<div class=\"cols\"><div><h4>Overview</h4><dl>\
         <dt>Role scores</dt><dd>{}</dd>\
         <dt>Document</dt><dd>{} · {} page{} · {} characters</dd>",
        roles.join(", "),
        c.document.format.as_str(),
        c.document.pages,
        if c.document.pages == 1 { "" } else { "s" },
        c.document.chars
    );
    if let Some(t) = &c.findings.level.latest_title {
        let _ = write!(s, "<dt>Latest title</dt><dd>{}</dd>", escape(t));
    }
    let _ = write!(
        s,
        "<dt>Level</dt><dd>{} ({:.1} years)</dd><dt>Education</dt><dd>{}{}</dd></dl>{}",
        c.findings.level.id.as_str(),
        c.findings.level.years_experience,
        c.findings.education.highest.as_str().replace('_', " "),
        if c.findings.education.engineering_degree {
            ", engineering degree"
        } else {
            ""
        },
        evidence_list(&c.findings.education.evidence)
    );
    for w in &c.document.warnings {
        let _ = write!(s, "<p class=\"warn\">Warning: {}</p>", escape(w));
    }
    if !c.breakdown.is_empty() {
        s.push_str("<h4>Score by category</h4><table class=\"mini\"><tbody>");
        for b in &c.breakdown {
            let _ = write!(
                s,
                "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{} of {}</td></tr>",
                escape(&b.category.replace('_', " ")),
                b.score,
                b.earned,
                b.possible
            );
        }
        s.push_str("</tbody></table>");
    }
    if !c.findings.level.jobs.is_empty() {
        s.push_str("<h4>Dated jobs</h4><ul class=\"jobs\">");
        for j in &c.findings.level.jobs {
            let _ = write!(
                s,
                "<li>{} – {} ({} months){}</li>",
                escape(&j.start),
                escape(&j.end),
                j.months,
                j.title
                    .as_deref()
                    .map(|t| format!(": {}", escape(t)))
                    .unwrap_or_default()
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</div><div>");
    // Gaps.
    s.push_str("<h4>Gaps, most important first</h4>");
    if c.gaps.is_empty() {
        s.push_str("<p>None: every requirement of this role is met.</p>");
    } else {
        s.push_str("<ol class=\"gaplist\">");
        for g in &c.gaps {
            let _ = write!(
                s,
                "<li class=\"sev-{sev}\"><span class=\"badge sev-{sev}\">{sev}</span> <strong>{}</strong> \
                 <span class=\"req\">{} · weight {}</span><p>{}</p></li>",
                escape(&g.message),
                escape(&g.requirement),
                g.weight,
                escape(&g.advice),
                sev = g.severity.as_str(),
            );
        }
        s.push_str("</ol>");
    }
    if !c.findings.flags.is_empty() {
        s.push_str("<h4>Flags</h4><ul>");
        for f in &c.findings.flags {
            let _ = write!(
                s,
                "<li>{} <span class=\"req\">{}</span>{}</li>",
                escape(&f.message),
                escape(&f.id),
                evidence_list(&f.evidence)
            );
        }
        s.push_str("</ul>");
    }
    s.push_str("</div></div>");
    // Certifications.
    if !c.findings.certifications.is_empty() {
        s.push_str("<h4>Certifications</h4><ul class=\"findings\">");
        for cert in &c.findings.certifications {
            let (cls, label) = match cert.status {
                CertStatus::Held => ("yes", "held"),
                CertStatus::InProgress => ("part", "in progress"),
                CertStatus::Absent => ("no", "absent"),
            };
            let _ = write!(
                s,
                "<li class=\"{cls}\"><span class=\"badge {cls}\">{label}</span> {}{}{}</li>",
                escape(&cert.name),
                cert.detail
                    .as_deref()
                    .map(|d| format!(" ({})", escape(d)))
                    .unwrap_or_default(),
                evidence_list(&cert.evidence)
            );
        }
        s.push_str("</ul>");
    }
    // Skills.
    for (kind, title) in [
        (SkillKind::Hard, "Technical skills"),
        (SkillKind::Soft, "Soft skills"),
    ] {
        let skills: Vec<_> = c
            .findings
            .skills
            .iter()
            .filter(|x| x.kind == kind)
            .collect();
        if skills.is_empty() {
            continue;
        }
        let _ = write!(s, "<h4>{title}</h4><ul class=\"findings\">");
        for skill in skills.iter().filter(|x| x.status == SkillStatus::Present) {
            let _ = write!(
                s,
                "<li class=\"yes\"><span class=\"badge yes\">shown</span> {}{}</li>",
                escape(&skill.name),
                evidence_list(&skill.evidence)
            );
        }
        let absent: Vec<String> = skills
            .iter()
            .filter(|x| x.status == SkillStatus::Absent)
            .map(|x| escape(&x.name))
            .collect();
        if !absent.is_empty() {
            let _ = write!(
                s,
                "<li class=\"no\"><span class=\"badge no\">not shown</span> {}</li>",
                absent.join(", ")
            );
        }
        s.push_str("</ul>");
    }
    // Achievements.
    let a = &c.findings.achievements;
    let _ = write!(
        s,
        "<h4>Achievements</h4><p>{} of {} bullet{} state a measurable result.</p>",
        a.quantified,
        a.bullets,
        if a.bullets == 1 { "" } else { "s" }
    );
    if !a.examples.is_empty() {
        let _ = write!(
            s,
            "<p class=\"sub\">Quantified:</p>{}",
            evidence_list(&a.examples)
        );
    }
    if !a.to_quantify.is_empty() {
        let _ = write!(
            s,
            "<p class=\"sub\">Could be quantified:</p>{}",
            evidence_list(&a.to_quantify)
        );
    }
    s
}

impl Reporter for HtmlReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        let row = Row::from_result(result);
        if let Some(c) = result.checked.as_deref() {
            self.count(c);
        }
        let base = anchor_base(&row);
        let n = self.anchors.entry(base.clone()).or_insert(0);
        *n += 1;
        let anchor = if *n == 1 { base } else { format!("{base}-{n}") };
        let cells = main_cells(&row, &anchor, self.run.min_score);
        let details = details(result, &row);
        let filter = filter_data(&row);
        if let Some(c) = &row.checked {
            self.roles.insert(c.role_id.clone(), c.role_name.clone());
            self.levels.insert(c.level as u32, c.level.to_string());
        }
        self.entries.push(Entry {
            row,
            anchor,
            filter,
            cells,
            details,
        });
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        // In the view's order (by rank unless --sort said otherwise).
        let head = self.head(summary);
        self.out.write_all(head.as_bytes())?;
        let cols = columns(self.run.min_score).count();
        for (i, e) in self.entries.iter().enumerate() {
            let order = i + 1;
            let rank = e.row.rank.map_or("—".to_string(), |r| r.to_string());
            write!(
                self.out,
                "<tbody class=\"r\" id=\"{anchor}\" data-rank=\"{order}\"{filter}><tr class=\"main {status}\"><td class=\"n\" data-v=\"{order}\">\
                 <a class=\"open\" href=\"#{anchor}\" aria-label=\"Details\">{rank}</a></td>{cells}</tr>\n\
                 <tr class=\"detail\"><td colspan=\"{cols}\"><div class=\"more\">{details}</div></td></tr></tbody>\n",
                anchor = e.anchor,
                filter = e.filter,
                status = e.row.status,
                cells = e.cells,
                details = e.details,
            )?;
        }
        write!(
            self.out,
            "</table></div>\n</section>\n</main>\n<footer>Made offline by rolefit; no resume left this computer. \
             Resume text is shown as plain text.</footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n"
        )?;
        self.out.flush()
    }
}

impl HtmlReporter<'_> {
    /// Everything up to the ranking table's rows.
    fn head(&self, summary: &Summary) -> String {
        let mut s = String::with_capacity(64 * 1024);
        let title = format!(
            "rolefit report — {} resume{}",
            summary.files,
            if summary.files == 1 { "" } else { "s" }
        );
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
             <meta name=\"referrer\" content=\"no-referrer\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta name=\"generator\" content=\"rolefit {version}\">\n\
             <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>{title}</h1>\n",
            csp = content_security_policy(),
            version = escape(self.run.tool.version),
            title = escape(&title),
        );
        let min = self.run.min_score;
        let _ = write!(
            s,
            "<p class=\"meta\">As of {} · rolefit {}{}</p>\n</header>\n<main>\n<section class=\"cards\" aria-label=\"Counts\">",
            escape(&self.run.as_of),
            escape(self.run.tool.version),
            min.map(|m| format!(" · minimum score {m}")).unwrap_or_default()
        );
        let mut cards = vec![
            ("files", summary.files, "Files"),
            ("ok", summary.ok, "Checked"),
        ];
        if min.is_some() {
            cards.push(("passed", summary.passed, "Passed"));
            cards.push(("failed", summary.failed, "Below minimum"));
        }
        cards.push(("errors", summary.errors, "Could not be checked"));
        if summary.duplicates > 0 {
            cards.push((
                "duplicates",
                summary.duplicates,
                "Files grouped with another of the same candidate",
            ));
        }
        if summary.not_shown > 0 {
            cards.push((
                "not-shown",
                summary.not_shown,
                "Not shown (--require, --top)",
            ));
        }
        for (id, n, label) in cards {
            let _ = write!(
                s,
                "<div class=\"card\" id=\"count-{id}\"><span class=\"n\">{n}</span> {label}</div>"
            );
        }
        s.push_str("</section>\n");
        if summary.ok >= 2 {
            s.push_str("<section class=\"charts\" aria-label=\"The pool at a glance\">\n");
            s.push_str(&self.histogram_chart(summary.ok));
            s.push_str(&self.gaps_chart(summary.ok));
            s.push_str(&self.certs_chart(summary.ok));
            s.push_str("</section>\n");
        }
        s.push_str(
            "<section>\n<h2>Ranking</h2>\n<p class=\"hint\">Best fit first. Click a column heading to sort \
             (again to reverse); click a name or a rank for the evidence and the gaps (the address then links to that candidate).</p>\n",
        );
        s.push_str(&self.filters(summary));
        s.push_str("<div class=\"scroll\"><table id=\"ranking\">\n<thead><tr>");
        for (name, kind) in columns(self.run.min_score) {
            let _ = write!(s, "<th data-type=\"{kind}\" aria-sort=\"none\"><button type=\"button\">{name}</button></th>");
        }
        s.push_str("</tr></thead>\n");
        s
    }

    /// The search box and filters above the table (the script applies
    /// them; without it they do nothing and every row shows).
    fn filters(&self, summary: &Summary) -> String {
        let mut s = String::from(
            "<form id=\"filters\" class=\"filters\" role=\"search\" aria-label=\"Filter candidates\">\
             <label>Search <input type=\"search\" name=\"q\" id=\"f-q\" placeholder=\"name, e-mail, file, title…\"></label>",
        );
        let select = |s: &mut String, name: &str, label: &str, options: Vec<(String, String)>| {
            let _ = write!(
                s,
                "<label>{label} <select name=\"{name}\" id=\"f-{name}\"><option value=\"\">any</option>"
            );
            for (value, text) in options {
                let _ = write!(
                    s,
                    "<option value=\"{}\">{}</option>",
                    escape(&value),
                    escape(&text)
                );
            }
            s.push_str("</select></label>");
        };
        select(
            &mut s,
            "role",
            "Role",
            self.roles
                .iter()
                .map(|(id, name)| (id.clone(), name.clone()))
                .collect(),
        );
        let _ = write!(
            s,
            "<label>Score <input type=\"number\" name=\"min\" id=\"f-min\" min=\"0\" max=\"100\" placeholder=\"0\"></label>\
             <label>to <input type=\"number\" name=\"max\" id=\"f-max\" min=\"0\" max=\"100\" placeholder=\"100\"></label>"
        );
        let mut certs: Vec<(String, String)> = self
            .cert_order
            .iter()
            .filter_map(|id| {
                let c = self.certs.get(id)?;
                (c.held > 0).then(|| (id.clone(), format!("{} ({})", c.name, c.held)))
            })
            .collect();
        certs.sort_by(|a, b| a.1.cmp(&b.1));
        select(&mut s, "cert", "Holds", certs);
        select(
            &mut s,
            "level",
            "Level",
            self.levels
                .values()
                .map(|l| (l.clone(), l.clone()))
                .collect(),
        );
        let _ = writeln!(
            s,
            "<button type=\"reset\">Clear</button> <output id=\"f-count\" for=\"f-q\">{} shown</output></form>",
            self.entries.len().min(summary.files)
        );
        s
    }

    fn histogram_chart(&self, pool: usize) -> String {
        let (w, h, top, bottom, left) = (440.0, 200.0, 18.0, 34.0, 28.0);
        let max = *self.histogram.iter().max().unwrap_or(&1).max(&1) as f64;
        let bar_w = (w - left - 8.0) / 10.0;
        let plot_h = h - top - bottom;
        let mut s = format!(
            "<figure class=\"chart\"><figcaption>Score distribution ({pool} resumes)</figcaption>\
             <svg id=\"chart-scores\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"Number of resumes per score band\">"
        );
        let _ = write!(
            s,
            "<line class=\"axis\" x1=\"{left}\" y1=\"{y}\" x2=\"{x2}\" y2=\"{y}\"/>",
            y = top + plot_h,
            x2 = w - 8.0
        );
        for (i, &n) in self.histogram.iter().enumerate() {
            let bh = plot_h * n as f64 / max;
            let x = left + i as f64 * bar_w;
            let y = top + plot_h - bh;
            let lo = i * 10;
            let hi = if i == 9 { 100 } else { lo + 9 };
            let cls = score_class(lo as u32);
            let _ = write!(
                s,
                "<g><title>{lo}–{hi}: {n} resume{}</title><rect class=\"bar {cls}\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bh:.1}\"/>",
                if n == 1 { "" } else { "s" },
                x + 2.0,
                bar_w - 4.0
            );
            if n > 0 {
                let _ = write!(
                    s,
                    "<text class=\"val\" x=\"{:.1}\" y=\"{:.1}\">{n}</text>",
                    x + bar_w / 2.0,
                    y - 4.0
                );
            }
            let _ = write!(
                s,
                "<text class=\"lbl\" x=\"{:.1}\" y=\"{:.1}\">{lo}</text></g>",
                x + bar_w / 2.0,
                top + plot_h + 14.0
            );
        }
        if let Some(m) = self.run.min_score {
            let x = left + (m.min(100) as f64 / 10.0) * bar_w;
            let _ = write!(
                s,
                "<line class=\"min\" x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{:.1}\"/><text class=\"minlbl\" x=\"{x:.1}\" y=\"{:.1}\">min {m}</text>",
                top + plot_h,
                top - 5.0
            );
        }
        let _ = write!(
            s,
            "<text class=\"lbl\" x=\"{:.1}\" y=\"{:.1}\">score</text>",
            w / 2.0,
            h - 4.0
        );
        s.push_str("</svg></figure>\n");
        s
    }

    fn hbar_chart(id: &str, caption: &str, rows: &[BarRow], pool: usize) -> String {
        let (w, row_h, label_w) = (520.0, 22.0, 230.0);
        let h = 8.0 + row_h * rows.len().max(1) as f64;
        let plot_w = w - label_w - 70.0;
        let mut s = format!(
            "<figure class=\"chart wide\"><figcaption>{}</figcaption><svg id=\"{id}\" viewBox=\"0 0 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{}\">",
            escape(caption),
            escape(caption)
        );
        if rows.is_empty() {
            let _ = write!(
                s,
                "<text class=\"note\" x=\"8\" y=\"18\">nothing to show yet</text>"
            );
        }
        for (i, BarRow { label, tip, parts }) in rows.iter().enumerate() {
            let y = 4.0 + row_h * i as f64;
            let total: usize = parts.iter().map(|(n, _)| n).sum();
            let _ = write!(
                s,
                "<g><title>{}</title><text class=\"name\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                escape(tip),
                label_w - 6.0,
                y + 14.0,
                escape(&shorten(label, 34))
            );
            let mut x = label_w;
            for (n, cls) in parts {
                let bw = plot_w * *n as f64 / pool.max(1) as f64;
                let _ = write!(s, "<rect class=\"bar {cls}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{bw:.1}\" height=\"{:.1}\"/>", y + 3.0, row_h - 6.0);
                x += bw;
            }
            let _ = write!(
                s,
                "<text class=\"cnt\" x=\"{:.1}\" y=\"{:.1}\">{total} ({:.0}%)</text></g>",
                x + 4.0,
                y + 14.0,
                100.0 * total as f64 / pool.max(1) as f64
            );
        }
        s.push_str("</svg></figure>\n");
        s
    }

    fn gaps_chart(&self, pool: usize) -> String {
        let mut gaps: Vec<(&String, &GapCount)> = self.gaps.iter().collect();
        gaps.sort_by(|a, b| {
            b.1.count
                .cmp(&a.1.count)
                .then(a.1.severity.cmp(&b.1.severity))
                .then(a.0.cmp(b.0))
        });
        let rows: Vec<BarRow> = gaps
            .iter()
            .take(TOP_GAP_BARS)
            .map(|(id, g)| {
                let sev = g.severity.map_or("nice", |s| s.as_str());
                BarRow {
                    label: g.label.clone(),
                    tip: format!(
                        "{} ({id}, {sev}): missing in {} of {pool} resumes",
                        g.label, g.count
                    ),
                    parts: vec![(
                        g.count,
                        match sev {
                            "required" => "sev-required",
                            "recommended" => "sev-recommended",
                            _ => "sev-nice",
                        },
                    )],
                }
            })
            .collect();
        Self::hbar_chart(
            "chart-gaps",
            "Most frequent gaps across the pool",
            &rows,
            pool,
        )
    }

    fn certs_chart(&self, pool: usize) -> String {
        let mut certs: Vec<(usize, &String, &CertCount)> = self
            .cert_order
            .iter()
            .enumerate()
            .filter_map(|(i, id)| self.certs.get(id).map(|c| (i, id, c)))
            .collect();
        certs.sort_by(|a, b| {
            (b.2.held + b.2.in_progress)
                .cmp(&(a.2.held + a.2.in_progress))
                .then(a.0.cmp(&b.0))
        });
        let rows: Vec<BarRow> = certs
            .iter()
            .map(|(_, id, c)| BarRow {
                label: c.name.clone(),
                tip: format!(
                    "{} ({id}): held by {}, in progress for {} of {pool} resumes",
                    c.name, c.held, c.in_progress
                ),
                parts: vec![(c.held, "held"), (c.in_progress, "inprog")],
            })
            .collect();
        Self::hbar_chart(
            "chart-certs",
            "Certifications in the pool (held, then in progress)",
            &rows,
            pool,
        )
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_neutralises_markup() {
        assert_eq!(
            escape("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(
            escape("<script>alert('1')</script>&"),
            "&lt;script&gt;alert(&#39;1&#39;)&lt;/script&gt;&amp;"
        );
    }

    #[test]
    fn csp_hashes_are_padded_standard_base64() {
        // sha256("") in base64, as browsers compute it for CSP.
        assert_eq!(
            sha256_base64(""),
            "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
        );
    }

    #[test]
    fn csp_names_the_page_script() {
        let csp = content_security_policy();
        assert!(csp.starts_with("default-src 'none'"));
        assert!(csp.contains(&format!("'sha256-{}'", sha256_base64(SCRIPT))));
        assert!(!csp.contains("unsafe-inline"));
    }
}
