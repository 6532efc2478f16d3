//! `--format human`: a readable terminal report per resume, and a ranked
//! table when several files were checked.

use std::io::{self, Write};

use super::ranking::Kind;
use super::row::{strip_controls, Row};
use super::{RenderOptions, Reporter, RunInfo};
use crate::analyze::{CertStatus, Evidence, SkillStatus, NOT_A_RESUME, NOT_ENGLISH};
use crate::ats;
use crate::check::{Checked, FileResult};
use crate::roundtrip::Outcome;
use crate::rules::SkillKind;
use crate::run::Summary;

/// Writes each result as it arrives; ranks them at the end.
pub struct HumanReporter<'a> {
    out: Box<dyn Write + 'a>,
    run: RunInfo,
    options: RenderOptions,
    /// One small row per file, for the ranked table.
    rows: Vec<Row>,
}

use anstyle::{AnsiColor, Style};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = AnsiColor::Red.on_default();
const GREEN: Style = AnsiColor::Green.on_default();
const YELLOW: Style = AnsiColor::Yellow.on_default();
const CYAN: Style = AnsiColor::Cyan.on_default();

impl<'a> HumanReporter<'a> {
    pub fn new(out: Box<dyn Write + 'a>, run: RunInfo, options: RenderOptions) -> Self {
        HumanReporter {
            out,
            run,
            options,
            rows: Vec::new(),
        }
    }

    fn paint(&self, style: Style, text: &str) -> String {
        if self.options.color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    }

    fn mark(&self, ok: bool) -> String {
        if ok {
            self.paint(GREEN, "✓")
        } else {
            self.paint(RED, "✗")
        }
    }

    fn evidence(&self, e: &Evidence) -> String {
        let text = shorten(e.text.trim(), 100);
        self.paint(DIM, &format!("{}: {text}", e.location()))
    }

    fn write_checked(&mut self, path: &str, c: &Checked) -> io::Result<()> {
        let score_style = match c.score {
            70.. => GREEN,
            40..=69 => YELLOW,
            _ => RED,
        };
        // A score of a text that may be no resume, or not English, is marked.
        let doubts: Vec<&str> = c.findings.input_doubts().map(|f| f.id.as_str()).collect();
        let doubt = if doubts.is_empty() {
            String::new()
        } else {
            format!(" ({}?)", doubts.join(", "))
        };
        // With --job: how much of what the posting asks the resume meets.
        let posting_match = c
            .posting
            .as_ref()
            .and_then(|p| p.match_percent)
            .map(|m| format!("  posting match {m}%"))
            .unwrap_or_default();
        let header = format!(
            "{}  {}  {}{}{}{}  level {} ({:.1} years)",
            self.paint(BOLD, path),
            c.role.name,
            self.paint(score_style, &format!("{}/100", c.score)),
            self.paint(YELLOW, &doubt),
            match (&c.baseline, c.passed) {
                (_, true) => "",
                (Some(b), false) if b.worse => " (worse than --baseline)",
                _ if c.source.as_ref().is_some_and(|t| !t.kept()) => " (lost source facts)",
                _ => " (below --min-score)",
            },
            posting_match,
            c.findings.level.id.as_str(),
            c.findings.level.years_experience
        );
        writeln!(self.out, "{}", header)?;
        if self.options.quiet {
            return Ok(());
        }
        let others: Vec<String> = c
            .role_scores
            .iter()
            .filter(|r| r.id != c.role.id)
            .map(|r| format!("{} {}", r.id, r.score))
            .collect();
        if !others.is_empty() {
            writeln!(
                self.out,
                "  {}",
                self.paint(DIM, &format!("other roles: {}", others.join(", ")))
            )?;
        }
        if let Some(title) = &c.findings.level.latest_title {
            writeln!(self.out, "  latest title: {title}")?;
        }
        if let Some(b) = &c.baseline {
            let mut line = format!(
                "against the baseline: score {} → {} ({:+})",
                b.score_before, c.score, b.score_delta
            );
            if !b.new_gaps.is_empty() {
                line.push_str(&format!(", newly missing: {}", b.new_gaps.join(", ")));
            }
            if !b.fixed_gaps.is_empty() {
                line.push_str(&format!(", now met: {}", b.fixed_gaps.join(", ")));
            }
            let style = if b.worse { YELLOW } else { DIM };
            writeln!(self.out, "  {}", self.paint(style, &line))?;
        }
        if let Some(t) = &c.source {
            let line = format!(
                "against its source {}: {} of {} facts kept, {} garbled, {} lost{}",
                t.source,
                t.found,
                t.fields.len(),
                t.garbled,
                t.lost,
                if t.reordered.is_empty() {
                    String::new()
                } else {
                    format!(", out of order: {}", t.reordered.join(", "))
                }
            );
            let style = if t.kept() { DIM } else { YELLOW };
            writeln!(self.out, "  {}", self.paint(style, &line))?;
            for f in t.fields.iter().filter(|f| f.outcome != Outcome::Found) {
                let at = match (f.page, f.line) {
                    (Some(p), Some(l)) => format!(" (page {p}, line {l})"),
                    (None, Some(l)) => format!(" (line {l})"),
                    _ => String::new(),
                };
                let what = if f.outcome == Outcome::Lost {
                    "lost"
                } else {
                    "garbled"
                };
                let text = strip_controls(&f.text);
                writeln!(self.out, "    {what}: {} \"{text}\"{at}", f.locator)?;
            }
        }
        for w in &c.document.warnings {
            writeln!(self.out, "  {} {w}", self.paint(YELLOW, "warning:"))?;
        }
        self.write_ats(&c.ats)?;

        self.section("Experience")?;
        if c.findings.level.jobs.is_empty() {
            writeln!(self.out, "  no dated jobs found")?;
        }
        for job in &c.findings.level.jobs {
            let title = job.title.as_deref().unwrap_or("(no title found)");
            writeln!(
                self.out,
                "  {} – {}  {:>3} months  {title}  {}",
                job.start,
                job.end,
                job.months,
                self.paint(DIM, &job.evidence.location())
            )?;
        }

        self.section("Certifications")?;
        for cert in &c.findings.certifications {
            let status = match cert.status {
                CertStatus::Held => self.mark(true),
                CertStatus::InProgress => self.paint(YELLOW, "…"),
                CertStatus::Absent => self.mark(false),
            };
            let detail = cert
                .detail
                .as_deref()
                .map(|d| format!(" [{d}]"))
                .unwrap_or_default();
            let label = match cert.status {
                CertStatus::InProgress => " (in progress)",
                _ => "",
            };
            writeln!(self.out, "  {status} {}{detail}{label}", cert.name)?;
            if let Some(e) = cert.evidence.first() {
                writeln!(self.out, "      {}", self.evidence(e))?;
            }
        }

        self.section("Education")?;
        writeln!(
            self.out,
            "  highest: {}{}",
            c.findings.education.highest.as_str().replace('_', " "),
            if c.findings.education.engineering_degree {
                ", engineering degree"
            } else {
                ""
            }
        )?;
        for e in c.findings.education.evidence.iter().take(2) {
            writeln!(self.out, "      {}", self.evidence(e))?;
        }

        for (kind, title) in [
            (SkillKind::Hard, "Technical skills"),
            (SkillKind::Soft, "Soft skills"),
        ] {
            self.section(title)?;
            for s in c.findings.skills.iter().filter(|s| s.kind == kind) {
                let present = s.status == SkillStatus::Present;
                match s.evidence.first().filter(|_| present) {
                    Some(e) => writeln!(
                        self.out,
                        "  {} {:<34} {}",
                        self.mark(true),
                        s.name,
                        self.evidence(e)
                    )?,
                    None => writeln!(self.out, "  {} {}", self.mark(present), s.name)?,
                }
            }
        }

        self.section("Achievements")?;
        let a = &c.findings.achievements;
        match (a.bullets, a.inferred) {
            (0, _) => writeln!(
                self.out,
                "  no bullets found: no list items, and no experience line starts with an action verb"
            )?,
            (n, true) => writeln!(
                self.out,
                "  {} of {n} experience lines state a measurable result (no list markers found; bullets inferred from lines that start with an action verb)",
                a.quantified
            )?,
            (n, false) => writeln!(
                self.out,
                "  {} of {n} bullets state a measurable result",
                a.quantified
            )?,
        }
        for e in a.examples.iter().take(3) {
            writeln!(self.out, "  {} {}", self.mark(true), self.evidence(e))?;
        }
        if !a.to_quantify.is_empty() {
            writeln!(self.out, "  could be quantified:")?;
            for e in a.to_quantify.iter().take(3) {
                writeln!(self.out, "    {}", self.evidence(e))?;
            }
        }

        if !c.findings.flags.is_empty() {
            self.section("Flags")?;
            for f in &c.findings.flags {
                writeln!(
                    self.out,
                    "  {} {} {}",
                    self.paint(YELLOW, "!"),
                    f.message,
                    self.paint(DIM, &format!("[{}]", f.id))
                )?;
            }
        }

        if let Some(p) = &c.posting {
            self.write_posting(p)?;
        }

        self.section("Gaps, most important first")?;
        if c.gaps.is_empty() {
            writeln!(self.out, "  none: every requirement of this role is met")?;
        }
        for (i, g) in c.gaps.iter().enumerate() {
            let sev = match g.severity {
                crate::rules::Severity::Required => self.paint(RED, "required"),
                crate::rules::Severity::Recommended => self.paint(YELLOW, "recommended"),
                crate::rules::Severity::Nice => self.paint(DIM, "nice to have"),
            };
            writeln!(
                self.out,
                "  {}. {} — {sev}, weight {}",
                i + 1,
                g.message,
                g.weight
            )?;
            writeln!(self.out, "     {}", wrap(&g.advice, 90, "     "))?;
        }
        writeln!(self.out)?;
        Ok(())
    }

    /// `--job`: a table of the posting's requirements (what is asked, how
    /// strongly, met or not, the posting line, the resume line), warnings,
    /// then the terms outside the taxonomy.
    fn write_posting(&mut self, p: &crate::posting::PostingReport) -> io::Result<()> {
        let title = match p.match_percent {
            Some(m) => format!(
                "Job posting ({}): the resume meets {m}% of what it asks",
                p.file
            ),
            None => format!("Job posting ({})", p.file),
        };
        self.section(&title)?;
        for w in &p.warnings {
            writeln!(self.out, "  {} {w}", self.paint(YELLOW, "warning:"))?;
        }
        if !p.requirements.is_empty() {
            writeln!(
                self.out,
                "  {}",
                self.paint(
                    DIM,
                    &format!(
                        "  {:<44} {:<10} {}",
                        "requirement", "asked", "posting line / resume line"
                    )
                )
            )?;
        }
        for r in &p.requirements {
            let asked = match r.part {
                crate::posting::Part::Required => "required",
                crate::posting::Part::Preferred => "preferred",
                _ => "duty",
            };
            let posting = format!(
                "posting {}: {}",
                r.evidence.location(),
                shorten(r.evidence.text.trim(), 70)
            );
            writeln!(
                self.out,
                "  {} {:<44} {:<10} {}",
                self.mark(r.met),
                shorten(&r.name, 44),
                asked,
                self.paint(DIM, &posting)
            )?;
            let resume = match (&r.resume_evidence, r.met) {
                (Some(e), _) => format!("resume {}: {}", e.location(), shorten(e.text.trim(), 70)),
                (None, true) => "met".to_string(),
                (None, false) => "not shown in the resume".to_string(),
            };
            writeln!(
                self.out,
                "    {:<44} {:<10} {}",
                "",
                "",
                self.paint(DIM, &resume)
            )?;
        }
        if !p.also_asked_for.is_empty() {
            writeln!(
                self.out,
                "  also asked for (terms rolefit has no rule for):"
            )?;
            for t in &p.also_asked_for {
                let found = match &t.resume_evidence {
                    Some(e) => format!("resume {}", e.location()),
                    None => "not in the resume".to_string(),
                };
                let line = format!("posting {}", t.posting_evidence.location());
                let asked = match t.part {
                    crate::posting::Part::Required => "required",
                    crate::posting::Part::Preferred => "preferred",
                    _ => "duty",
                };
                writeln!(
                    self.out,
                    "  {} {:<44} {:<10} {}  {}",
                    self.mark(t.mentioned),
                    shorten(&t.term, 44),
                    asked,
                    self.paint(DIM, &line),
                    self.paint(DIM, &found)
                )?;
            }
        }
        Ok(())
    }

    /// The "ATS readability" block: each risk, highest severity first, with
    /// its evidence and advice. Nothing when there is no risk.
    fn write_ats(&mut self, risks: &[ats::Finding]) -> io::Result<()> {
        if risks.is_empty() {
            return Ok(());
        }
        self.section("ATS readability")?;
        for f in risks {
            let style = match f.severity {
                ats::Severity::High => RED,
                ats::Severity::Medium => YELLOW,
                ats::Severity::Low => DIM,
            };
            let sev = self.paint(style, &format!("{:<6}", f.severity.as_str()));
            writeln!(
                self.out,
                "  {sev} {} {}",
                wrap(&strip_controls(&f.message), 90, "         "),
                self.paint(DIM, &format!("[{}]", f.id))
            )?;
            for e in f.evidence.iter().take(4) {
                let text = shorten(strip_controls(e.text.trim()).as_ref(), 80);
                let at = format!("{}: {text}", e.location());
                writeln!(
                    self.out,
                    "         {}",
                    self.paint(DIM, &strip_controls(&at))
                )?;
            }
            if f.evidence.len() > 4 {
                let more = format!("and {} more", f.evidence.len() - 4);
                writeln!(self.out, "         {}", self.paint(DIM, &more))?;
            }
            writeln!(
                self.out,
                "         fix: {} (rolefit explain {})",
                wrap(&f.advice, 80, "              "),
                f.id
            )?;
        }
        Ok(())
    }

    fn section(&mut self, title: &str) -> io::Result<()> {
        let t = self.paint(CYAN, title);
        writeln!(self.out, "\n{t}")
    }
}

impl Reporter for HumanReporter<'_> {
    fn file(&mut self, result: &FileResult) -> io::Result<()> {
        if self.options.quiet {
            // The summary only.
            return Ok(());
        }
        match (&result.checked, &result.error) {
            (Some(c), _) => self.write_checked(&result.path, c)?,
            (None, error) => {
                let message = error.as_ref().map(|e| e.to_string()).unwrap_or_default();
                writeln!(
                    self.out,
                    "{}  {} {message}",
                    self.paint(BOLD, &result.path),
                    self.paint(RED, "error:")
                )?;
                self.write_ats(&result.ats)?;
                writeln!(self.out)?;
            }
        }
        self.rows.push(Row::from_result(result));
        Ok(())
    }

    fn finish(&mut self, summary: &Summary) -> io::Result<()> {
        if self.rows.len() > 1 && !self.options.quiet {
            self.ranking()?;
        }
        let min = self
            .run
            .min_score
            .map(|m| {
                format!(
                    ", {} passed and {} below --min-score {m}",
                    summary.passed, summary.failed
                )
            })
            .unwrap_or_default();
        let unreadable = format!("{} unreadable", summary.errors);
        writeln!(
            self.out,
            "{} file{} checked: {} ok, {}{min}",
            summary.files,
            if summary.files == 1 { "" } else { "s" },
            summary.ok,
            if summary.errors > 0 {
                self.paint(RED, &unreadable)
            } else {
                unreadable
            }
        )?;
        if !summary.skipped.is_empty() {
            writeln!(
                self.out,
                "{}",
                self.paint(DIM, &skipped_line(&summary.skipped))
            )?;
        }
        let mut view = Vec::new();
        if summary.duplicates > 0 {
            view.push(format!(
                "{} file{} shown with another file of the same candidate",
                summary.duplicates,
                if summary.duplicates == 1 { "" } else { "s" }
            ));
        }
        if summary.not_shown > 0 {
            view.push(format!(
                "{} not shown (--require, --top)",
                summary.not_shown
            ));
        }
        if !view.is_empty() {
            writeln!(self.out, "{}", self.paint(DIM, &view.join("; ")))?;
        }
        self.out.flush()
    }
}

/// "2 files skipped as not resumes by name: README.md, package.json" (the
/// first few names).
pub(crate) fn skipped_line(skipped: &[String]) -> String {
    const SHOWN: usize = 5;
    let names: Vec<String> = skipped
        .iter()
        .take(SHOWN)
        .map(|p| strip_controls(p).into_owned())
        .collect();
    let more = if skipped.len() > SHOWN {
        format!(" and {} more", skipped.len() - SHOWN)
    } else {
        String::new()
    };
    format!(
        "{} file{} skipped as not resumes by name (name one to check it): {}{more}",
        skipped.len(),
        if skipped.len() == 1 { "" } else { "s" },
        names.join(", ")
    )
}

impl HumanReporter<'_> {
    /// The ranked table ([`super::ranking`]), in the order given.
    fn ranking(&mut self) -> io::Result<()> {
        let rows = std::mem::take(&mut self.rows);
        let width = self.options.width.unwrap_or(super::ranking::DEFAULT_WIDTH);
        writeln!(self.out, "{}", self.paint(BOLD, "Ranking"))?;
        for (kind, text) in super::ranking::lines(&rows, width) {
            let text = match kind {
                Kind::Head => self.paint(DIM, &text),
                Kind::Error => self.paint(RED, &text),
                Kind::Below => self.paint(YELLOW, &text),
                Kind::Passed => text,
            };
            writeln!(self.out, "{text}")?;
        }
        if rows
            .iter()
            .any(|r| r.checked.as_ref().is_some_and(|c| !c.passed))
        {
            let worse = rows
                .iter()
                .any(|r| r.checked.as_ref().is_some_and(|c| c.worse_than_baseline));
            let note = if worse {
                "! below --min-score or worse than --baseline"
            } else {
                "! below --min-score"
            };
            writeln!(self.out, "  {}", self.paint(DIM, note))?;
        }
        if rows.iter().any(|r| {
            r.checked.as_ref().is_some_and(|c| {
                c.flags
                    .iter()
                    .any(|f| f == NOT_A_RESUME || f == NOT_ENGLISH)
            })
        }) {
            writeln!(
                self.out,
                "  {}",
                self.paint(
                    DIM,
                    "? not a resume, or not English: the score means little"
                )
            )?;
        }
        writeln!(self.out)?;
        self.rows = rows;
        Ok(())
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{cut}…")
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        if len > 0 && len + 1 + word.len() > width {
            out.push('\n');
            out.push_str(indent);
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += word.len();
    }
    out
}
