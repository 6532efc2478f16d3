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
/// The matched words of a piece of evidence.
const MATCH: Style = Style::new().bold().underline();

/// Gaps shown in full without `--verbose`; the rest are listed on one line.
const GAPS_SHOWN: usize = 5;

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

    /// `line 7: text` in the space left on a line, with the matched words
    /// kept in view and highlighted (bold and underlined in colour, in
    /// [brackets] without).
    fn evidence(&self, e: &Evidence, room: usize) -> String {
        let at = format!("{}: ", e.location());
        let text = strip_controls(e.text.trim()).into_owned();
        let room = room.saturating_sub(at.chars().count()).max(20);
        let span = e.matched.as_deref().and_then(|m| find_words(&text, m));
        let Some((start, end)) = span else {
            return self.paint(DIM, &format!("{at}{}", shorten(&text, room)));
        };
        // Brackets take two columns when there is no colour.
        let room = if self.options.color { room } else { room - 2 };
        let (before, matched, after) = window(&text, start, end, room);
        let highlighted = if self.options.color {
            format!("{MATCH}{matched}{MATCH:#}{DIM}")
        } else {
            format!("[{matched}]")
        };
        self.paint(DIM, &format!("{at}{before}{highlighted}{after}"))
    }

    /// The width to lay lines out in.
    fn width(&self) -> usize {
        self.options.width.clamp(40, super::MAX_WIDTH)
    }

    /// `text` wrapped to the report width after `indent` columns; following
    /// lines are indented as much.
    fn wrapped(&self, text: &str, indent: usize) -> String {
        let width = self.width().saturating_sub(indent).max(20);
        wrap(text, width, &" ".repeat(indent))
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
        let verdict = match (&c.baseline, c.passed) {
            (_, true) => "",
            (Some(b), false) if b.worse => " (worse than --baseline)",
            _ if c.source.as_ref().is_some_and(|t| !t.kept()) => " (lost source facts)",
            _ => " (below --min-score)",
        };
        let score = format!("{}/100", c.score);
        let level = format!(
            "level {} ({:.1} years)",
            c.findings.level.id.as_str(),
            c.findings.level.years_experience
        );
        let rest = format!(
            "{}  {}{}{}{}  {level}",
            c.role.name,
            self.paint(score_style, &score),
            self.paint(YELLOW, &doubt),
            verdict,
            posting_match,
        );
        let plain = [
            path,
            &c.role.name,
            &score,
            &doubt,
            verdict,
            &posting_match,
            &level,
        ]
        .iter()
        .map(|p| p.chars().count() + 2)
        .sum::<usize>();
        // A long path goes on a line of its own.
        if plain > self.width() {
            writeln!(self.out, "{}\n  {rest}", self.paint(BOLD, path))?;
        } else {
            writeln!(self.out, "{}  {rest}", self.paint(BOLD, path))?;
        }
        if self.options.quiet {
            return Ok(());
        }
        // Why this score: each category's share of its weight.
        if !c.breakdown.is_empty() {
            let parts: Vec<String> = c
                .breakdown
                .iter()
                .map(|b| format!("{} {}%", b.category.replace('_', " "), b.score))
                .collect();
            let line = format!("why {}: {}", c.score, parts.join(" · "));
            writeln!(self.out, "  {}", self.wrapped(&line, 4))?;
        }
        if let Some(reason) = &c.fit_reason {
            let line = format!("why {}: {reason}", c.role.id);
            writeln!(self.out, "  {}", self.paint(DIM, &self.wrapped(&line, 4)))?;
        }
        let others: Vec<String> = c
            .role_scores
            .iter()
            .filter(|r| r.id != c.role.id)
            .map(|r| format!("{} {}", r.id, r.score))
            .collect();
        if !others.is_empty() {
            let line = format!("other roles: {}", others.join(", "));
            writeln!(self.out, "  {}", self.paint(DIM, &self.wrapped(&line, 4)))?;
        }
        if let Some(title) = &c.findings.level.latest_title {
            writeln!(self.out, "  latest title: {}", strip_controls(title))?;
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
            writeln!(self.out, "  {}", self.paint(style, &self.wrapped(&line, 4)))?;
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
            let w = self.wrapped(&strip_controls(w), 11);
            writeln!(self.out, "  {} {w}", self.paint(YELLOW, "warning:"))?;
        }
        self.write_ats(&c.ats)?;

        self.section("Experience")?;
        if c.findings.level.jobs.is_empty() {
            writeln!(self.out, "  no dated jobs found")?;
        }
        for job in &c.findings.level.jobs {
            let title = strip_controls(job.title.as_deref().unwrap_or("(no title found)"));
            let at = job.evidence.location();
            // 2 + 7 + 3 + 7 + 2 + 10 + 2 + 2 columns around the title.
            let room = self.width().saturating_sub(35 + at.len()).max(12);
            writeln!(
                self.out,
                "  {} – {}  {:>3} months  {}  {}",
                job.start,
                job.end,
                job.months,
                shorten(&title, room),
                self.paint(DIM, &at)
            )?;
        }

        self.write_certifications(c)?;

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
            writeln!(self.out, "      {}", self.evidence(e, self.width() - 6))?;
        }

        for (kind, title) in [
            (SkillKind::Hard, "Technical skills"),
            (SkillKind::Soft, "Soft skills"),
        ] {
            self.write_skills(c, kind, title)?;
        }

        self.section("Achievements")?;
        let a = &c.findings.achievements;
        match (a.bullets, a.inferred) {
            (0, _) => {
                let line = "no bullets found: no list items, and no experience line starts with an action verb";
                writeln!(self.out, "  {}", self.wrapped(line, 2))?
            }
            (n, true) => {
                let line = format!("{} of {n} experience lines state a measurable result (no list markers found; bullets inferred from lines that start with an action verb)", a.quantified);
                writeln!(self.out, "  {}", self.wrapped(&line, 2))?
            }
            (n, false) => writeln!(
                self.out,
                "  {} of {n} bullets state a measurable result",
                a.quantified
            )?,
        }
        for e in a.examples.iter().take(3) {
            let room = self.width() - 4;
            writeln!(self.out, "  {} {}", self.mark(true), self.evidence(e, room))?;
        }
        if !a.to_quantify.is_empty() {
            writeln!(self.out, "  could be quantified:")?;
            for e in a.to_quantify.iter().take(3) {
                writeln!(self.out, "    {}", self.evidence(e, self.width() - 4))?;
            }
        }

        if !c.findings.flags.is_empty() {
            self.section("Flags")?;
            for f in &c.findings.flags {
                let text = format!("{} [{}]", strip_controls(&f.message), f.id);
                writeln!(
                    self.out,
                    "  {} {}",
                    self.paint(YELLOW, "!"),
                    self.wrapped(&text, 4)
                )?;
            }
        }

        if let Some(p) = &c.posting {
            self.write_posting(p)?;
        }

        self.write_gaps(c)?;
        // The score again, where the report ends, with the biggest gains.
        let mut gains: Vec<&crate::score::Gap> = c.gaps.iter().filter(|g| g.points > 0).collect();
        gains.sort_by_key(|g| std::cmp::Reverse(g.points));
        let best: Vec<String> = gains
            .iter()
            .take(3)
            .map(|g| format!("{} +{}", g.requirement, g.points))
            .collect();
        let line = match best.is_empty() {
            true => format!("{}/100 as {}", c.score, c.role.name),
            false => format!(
                "{}/100 as {}; the biggest gains: {}",
                c.score,
                c.role.name,
                best.join(", ")
            ),
        };
        writeln!(self.out, "\n{}", self.paint(BOLD, &self.wrapped(&line, 2)))?;
        writeln!(self.out)?;
        Ok(())
    }

    /// Whether the chosen role asks for requirement `id` (met or not); all
    /// requirements count with `--verbose`.
    fn asks(&self, c: &Checked, id: &str) -> bool {
        self.options.verbose
            || c.met.iter().any(|m| m == id)
            || c.gaps.iter().any(|g| g.requirement == id)
    }

    /// The certifications the role asks for, each with its evidence; those
    /// held but not asked for on one line.
    fn write_certifications(&mut self, c: &Checked) -> io::Result<()> {
        let (asked, other): (Vec<_>, Vec<_>) = c
            .findings
            .certifications
            .iter()
            .partition(|cert| self.asks(c, &format!("cert.{}", cert.id)));
        let also: Vec<String> = other
            .iter()
            .filter(|cert| cert.status != CertStatus::Absent)
            .map(|cert| match cert.status {
                CertStatus::InProgress => format!("{} (in progress)", cert.name),
                _ => cert.name.clone(),
            })
            .collect();
        if asked.is_empty() && also.is_empty() {
            return Ok(());
        }
        self.section("Certifications")?;
        let room = self.width() - 6;
        for cert in asked {
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
                writeln!(self.out, "      {}", self.evidence(e, room))?;
            }
        }
        if !also.is_empty() {
            let line = format!("also held, not asked for by this role: {}", also.join(", "));
            writeln!(self.out, "  {}", self.wrapped(&line, 4))?;
        }
        Ok(())
    }

    /// The skills of one kind the role asks for, each with its evidence;
    /// those shown but not asked for on one line.
    fn write_skills(&mut self, c: &Checked, kind: SkillKind, title: &str) -> io::Result<()> {
        let (asked, other): (Vec<_>, Vec<_>) = c
            .findings
            .skills
            .iter()
            .filter(|s| s.kind == kind)
            .partition(|s| self.asks(c, &format!("skill.{}", s.id)));
        let also: Vec<&str> = other
            .iter()
            .filter(|s| s.status == SkillStatus::Present)
            .map(|s| s.name.as_str())
            .collect();
        if asked.is_empty() && also.is_empty() {
            return Ok(());
        }
        self.section(title)?;
        let name_width = asked
            .iter()
            .map(|s| s.name.chars().count())
            .max()
            .unwrap_or(0)
            .min(30);
        let room = self.width().saturating_sub(name_width + 5);
        for s in asked {
            let present = s.status == SkillStatus::Present;
            match s.evidence.first().filter(|_| present) {
                Some(e) => writeln!(
                    self.out,
                    "  {} {:<name_width$} {}",
                    self.mark(true),
                    shorten(&s.name, name_width),
                    self.evidence(e, room)
                )?,
                None => writeln!(self.out, "  {} {}", self.mark(present), s.name)?,
            }
        }
        if !also.is_empty() {
            let line = format!(
                "also shown, not asked for by this role: {}",
                also.join(", ")
            );
            writeln!(self.out, "  {}", self.wrapped(&line, 4))?;
        }
        Ok(())
    }

    /// The gaps, most important first: what each is worth in points, its id
    /// and where it comes from, the advice, the command that says more.
    /// Without `--verbose`, the first few in full and the rest on one line.
    fn write_gaps(&mut self, c: &Checked) -> io::Result<()> {
        self.section("Gaps, most important first")?;
        if c.gaps.is_empty() {
            writeln!(self.out, "  none: every requirement of this role is met")?;
        }
        let shown = if self.options.verbose || c.gaps.len() <= GAPS_SHOWN + 1 {
            c.gaps.len()
        } else {
            GAPS_SHOWN
        };
        for (i, g) in c.gaps.iter().take(shown).enumerate() {
            let (style, label) = match g.severity {
                crate::rules::Severity::Required => (RED, "required"),
                crate::rules::Severity::Recommended => (YELLOW, "recommended"),
                crate::rules::Severity::Nice => (DIM, "nice to have"),
            };
            let sev = self.paint(style, label);
            let number = format!("{}. ", i + 1);
            let indent = 2 + number.len();
            let title = format!("{} —", strip_controls(&g.message));
            let tail = format!("{label}, {}", gain(g));
            let fits = indent + title.chars().count() + 1 + tail.chars().count() <= self.width();
            writeln!(
                self.out,
                "  {number}{}{}{sev}, {}",
                self.wrapped(&title, indent),
                if fits {
                    " ".to_string()
                } else {
                    format!("\n{}", " ".repeat(indent))
                },
                self.paint(BOLD, &gain(g))
            )?;
            writeln!(
                self.out,
                "{}{}",
                " ".repeat(indent),
                self.wrapped(&g.advice, indent)
            )?;
            let from = match g.source.kind.as_str() {
                "profile" => String::new(),
                kind => format!("{kind} "),
            };
            let more = format!(
                "more: rolefit explain {} · from {from}{}:{}",
                g.requirement, g.source.file, g.source.line
            );
            writeln!(
                self.out,
                "{}{}",
                " ".repeat(indent),
                self.paint(DIM, &self.wrapped(&more, indent))
            )?;
        }
        if shown < c.gaps.len() {
            let rest: Vec<String> = c.gaps[shown..]
                .iter()
                .map(|g| format!("{} +{}", g.requirement, g.points))
                .collect();
            let line = format!(
                "and {} more (id +points): {}; --verbose for their advice",
                rest.len(),
                rest.join(", ")
            );
            writeln!(self.out, "  {}", self.wrapped(&line, 4))?;
        }
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
            let w = self.wrapped(&strip_controls(w), 11);
            writeln!(self.out, "  {} {w}", self.paint(YELLOW, "warning:"))?;
        }
        // Each requirement, then the posting's line and the resume's under it.
        let room = self.width() - 6;
        for r in &p.requirements {
            let posting = format!(
                "posting {}",
                self.evidence(&r.evidence, room.saturating_sub(8))
            );
            let resume = match (&r.resume_evidence, r.met) {
                (Some(e), _) => format!("resume {}", self.evidence(e, room.saturating_sub(7))),
                (None, true) => self.paint(DIM, "met"),
                (None, false) => self.paint(DIM, "not shown in the resume"),
            };
            let name = shorten(&r.name, room);
            writeln!(
                self.out,
                "  {} {name} — {}",
                self.mark(r.met),
                part_name(r.part)
            )?;
            writeln!(self.out, "      {posting}\n      {resume}")?;
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
                writeln!(
                    self.out,
                    "  {} {} — {}",
                    self.mark(t.mentioned),
                    shorten(&t.term, room),
                    part_name(t.part)
                )?;
                writeln!(
                    self.out,
                    "      {}",
                    self.paint(DIM, &format!("{line} · {found}"))
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
            let message = format!("{} [{}]", strip_controls(&f.message), f.id);
            writeln!(self.out, "  {sev} {}", self.wrapped(&message, 9))?;
            for e in f.evidence.iter().take(4) {
                let at = format!("{}: {}", e.location(), e.text.trim());
                let at = shorten(&strip_controls(&at), self.width() - 9);
                writeln!(self.out, "         {}", self.paint(DIM, &at))?;
            }
            if f.evidence.len() > 4 {
                let more = format!("and {} more", f.evidence.len() - 4);
                writeln!(self.out, "         {}", self.paint(DIM, &more))?;
            }
            let fix = format!("{} (rolefit explain {})", f.advice, f.id);
            writeln!(self.out, "         fix: {}", self.wrapped(&fix, 14))?;
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
                let path = strip_controls(&result.path);
                let indent = if path.chars().count() + 9 > self.width() / 2 {
                    writeln!(self.out, "{}", self.paint(BOLD, &path))?;
                    write!(self.out, "  ")?;
                    9
                } else {
                    write!(self.out, "{}  ", self.paint(BOLD, &path))?;
                    path.chars().count() + 9
                };
                writeln!(
                    self.out,
                    "{} {}",
                    self.paint(RED, "error:"),
                    self.wrapped(&message, indent)
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
pub fn skipped_line(skipped: &[String]) -> String {
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
        let width = self
            .options
            .table_width
            .unwrap_or(super::ranking::DEFAULT_WIDTH);
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

/// How a posting asks for a requirement.
fn part_name(part: crate::posting::Part) -> &'static str {
    match part {
        crate::posting::Part::Required => "required",
        crate::posting::Part::Preferred => "preferred",
        _ => "duty",
    }
}

/// "+7 if shown": the points meeting a gap adds to the score.
fn gain(g: &crate::score::Gap) -> String {
    let when = if g.requirement.starts_with("skill.") {
        "if shown"
    } else if g.requirement.starts_with("cert.") {
        "if held"
    } else {
        "if met"
    };
    match g.points {
        0 => format!("+<1 {when}"),
        n => format!("+{n} {when}"),
    }
}

/// The byte span of `words` (lower-cased) in `text`, ignoring ASCII case and
/// runs of spaces.
fn find_words(text: &str, words: &str) -> Option<(usize, usize)> {
    let lower = text.to_ascii_lowercase();
    if let Some(at) = lower.find(words) {
        return Some((at, at + words.len()));
    }
    // A match across a line end or a normalised character: its first word.
    let first = words.split(|c: char| !c.is_alphanumeric()).next()?;
    if first.len() < 3 {
        return None;
    }
    let at = lower.find(first)?;
    Some((at, at + first.len()))
}

/// `text` cut to `room` characters around the span `start..end`: the text
/// before it, the matched words and the text after, with `…` where cut.
fn window(text: &str, start: usize, end: usize, room: usize) -> (String, String, String) {
    let before = &text[..start];
    let matched = &text[start..end];
    let after = &text[end..];
    let m = matched.chars().count();
    if before.chars().count() + m + after.chars().count() <= room {
        return (before.into(), matched.into(), after.into());
    }
    let matched = if m + 2 > room {
        shorten(matched, room.saturating_sub(2).max(4))
    } else {
        matched.to_string()
    };
    let left = room.saturating_sub(matched.chars().count());
    // Some whole words before the match, the rest after it.
    let budget = left.saturating_sub(after.chars().count().min(left * 2 / 3));
    let mut keep = before.len();
    for (at, _) in before.match_indices(' ') {
        if before[at..].chars().count() <= budget {
            keep = at + 1;
            break;
        }
    }
    let before = match keep {
        _ if before.chars().count() <= budget => before.to_string(),
        0 => before.to_string(),
        k if k >= before.len() => String::new(),
        k => format!("…{}", &before[k..]),
    };
    let after = shorten(after, left.saturating_sub(before.chars().count()).max(1));
    (before, matched, after)
}

fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut len = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if len > 0 && len + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            len = 0;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += n;
    }
    out
}
