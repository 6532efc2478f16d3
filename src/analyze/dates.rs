//! Date ranges in resumes: "Jan 2019 – Present", "03/2015 - 08/2018",
//! "2012–2016", "June 2020 to current", "Summer 2021", "2019-01 – 2020-06",
//! "'19 – '22", "Fall 2018 – Spring 2020".
//!
//! Month ranges are inclusive ("Jan 2019 – Dec 2019" is 12 months); a
//! year-only range "2012–2016" is 4 years (Jan 2012 up to Jan 2016); a
//! season is three months ("Summer 2021" = June–August); "Present",
//! "current", "now", "to date" and "today" end at the as-of month.

use std::sync::LazyLock;

use super::lexicon::{alternation, compile};
use crate::month::YearMonth;
use crate::pattern::{Captures, Pattern};
use crate::rules::{Lexicon, MONTHS};

/// A range of months found in text, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateRange {
    pub start: YearMonth,
    pub end: YearMonth,
    /// The range ends at "Present" (or a synonym).
    pub ongoing: bool,
    /// Byte span of the range in the text it was found in.
    pub span: (usize, usize),
}

impl DateRange {
    /// Number of months covered (inclusive).
    pub fn months(&self) -> u32 {
        (self.end.index() - self.start.index() + 1).max(0) as u32
    }
}

/// Seasons, range separators and the shapes of dates are syntax, fixed here;
/// month names and the words for "present" are vocabulary, in the lexicon.
const SEASON: &str = r"(?:spring|summer|fall|autumn|winter)";

/// One end of a range: "Jan 2019", "January, 2019", "05 Sep, 2022",
/// "Sep 5, 2022", "01/2019", "1/2019", "2019-01", "2019/01", "Summer 2021",
/// "'19", "2019". `month` is the
/// pattern of a month name.
fn point_pattern(month: &str) -> String {
    format!(
        r"(?:(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?P<{p}mon>{month})[\s,]*(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?(?P<{p}mony>\d{{4}}|'\d{{2}})|(?P<{p}sea>{SEASON})[\s,]*(?P<{p}seay>\d{{4}}|'\d{{2}})|(?P<{p}nm>\d{{1,2}})[/.](?:\d{{1,2}}[/.])?(?P<{p}nmy>\d{{4}})|(?P<{p}iy>\d{{4}})[-/.](?P<{p}im>\d{{1,2}})(?:[-/.]\d{{1,2}})?|(?P<{p}y>(?:19|20)\d{{2}})|(?P<{p}ay>'\d{{2}}))",
        p = "{P}"
    )
}

/// The month names of the lexicon (`dates.months.*`): a pattern of any
/// month, and which month a name is.
#[derive(Debug, Clone)]
pub struct Months {
    alternation: String,
    /// `^(?:(?P<m1>…)|(?P<m2>…)|…)`: the group that takes part names the month.
    index: Pattern,
}

/// The group of each month in [`Months::index`].
const MONTH_GROUPS: [&str; 12] = [
    "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10", "m11", "m12",
];

impl Months {
    pub fn new(lexicon: &Lexicon) -> Months {
        let lists: Vec<&[String]> = MONTHS
            .iter()
            .map(|m| lexicon.list(&format!("dates.months.{m}")))
            .collect();
        let every: Vec<String> = lists.iter().flat_map(|l| l.iter().cloned()).collect();
        let groups: Vec<String> = lists
            .iter()
            .zip(MONTH_GROUPS)
            .map(|(l, g)| format!("(?P<{g}>{})", alternation(l)))
            .collect();
        Months {
            alternation: alternation(&every),
            index: compile(&format!("^(?:{})", groups.join("|"))),
        }
    }

    /// `jan(?:uary)?|feb(?:ruary)?|…`: any month name.
    pub fn alternation(&self) -> &str {
        &self.alternation
    }

    /// The month (1–12) a name starts with ("Sept." → 9), in any case.
    pub fn number(&self, name: &str) -> Option<u32> {
        let lower = name.to_ascii_lowercase();
        let caps = self.index.captures(&lower).next()?;
        (1..=12u32).find(|&i| caps.name(MONTH_GROUPS[i as usize - 1]).is_some())
    }
}

/// Date ranges read with the lexicon's month names and "present" words.
pub struct DateReader {
    range: Pattern,
    months: Months,
    /// A line starting with a month name or a "present" word.
    date_word_start: Pattern,
    /// A line that is one date and nothing else ("01/2002").
    lone_point: Pattern,
}

impl DateReader {
    pub fn new(lexicon: &Lexicon) -> DateReader {
        let months = Months::new(lexicon);
        let month = format!(r"(?:{})\.?", months.alternation());
        let present = format!("(?:{})", alternation(lexicon.list("dates.present")));
        let start = point_pattern(&month).replace("{P}", "s");
        let end = point_pattern(&month).replace("{P}", "e");
        // "ï¼" is a fullwidth hyphen (U+FF0D) read as Windows-1252 whose
        // last byte was lost on the way, so no repair can restore it; real
        // resumes carry it between their dates ("10/2011 ï¼ Current"), and
        // NFKC makes its "¼" "1⁄4".
        let sep = r"\s*(?:(?:-|–|—){1,2}|ï(?:¼|1⁄4)|to|until|till|through|thru|→|>)\s*";
        // Unicode off: ASCII classes build much faster; the dashes are literals.
        let range = compile(&format!(
            r"(?i)(?:(?P<since>from|since)\s+)?(?:{start}|(?P<bare>{month}))(?:{sep}(?:{end}|(?P<present>{present})|(?P<open>$))|(?P<single_season>))(?:\b|$)"
        ));
        let date_word_start = compile(&format!("^(?:{present}|{})", months.alternation()));
        let lone_point = compile(&format!(r"(?i)^\s*{start}\s*$"));
        DateReader {
            range,
            months,
            date_word_start,
            lone_point,
        }
    }

    pub fn months(&self) -> &Months {
        &self.months
    }

    /// The month of a line that is a single date with its month and nothing
    /// else ("01/2002", "May 2015"): a job's start written without its end.
    pub fn lone_month(&self, text: &str) -> Option<YearMonth> {
        let caps = self.lone_point.captures(text).next()?;
        point(&caps, "s", End::Start, &self.months)
            .filter(|p| !p.year_only)
            .map(|p| p.ym)
    }

    /// Whether a lower-cased line is only a range separator ("to", "–"):
    /// a range written over three lines ("August 2013" / "to" / "Current").
    pub fn is_separator(&self, lower: &str) -> bool {
        matches!(
            lower.trim(),
            "to" | "-" | "–" | "—" | "until" | "till" | "through" | "thru"
        )
    }

    /// Whether a lower-cased line starts like the second half of a date
    /// range cut by a line break: a digit, a month, "present", `'`, `-`, "to".
    pub fn starts_like_a_date(&self, lower: &str) -> bool {
        lower.starts_with(|c: char| c.is_ascii_digit())
            || ["'", "-", "to "].iter().any(|w| lower.starts_with(w))
            || self.date_word_start.is_match(lower)
    }
}

/// Which end of a range a point is, for resolving months that are not given.
#[derive(Clone, Copy, PartialEq)]
enum End {
    Start,
    End,
}

fn two_digit_year(s: &str) -> Option<i32> {
    let y: i32 = s.trim_start_matches('\'').parse().ok()?;
    Some(if y <= 50 { 2000 + y } else { 1900 + y })
}

fn year_of(s: &str) -> Option<i32> {
    if s.starts_with('\'') {
        two_digit_year(s)
    } else {
        s.parse().ok()
    }
}

/// Season → (first month, last month).
fn season_months(s: &str) -> (u32, u32) {
    match s.to_ascii_lowercase().as_str() {
        "spring" => (3, 5),
        "summer" => (6, 8),
        "fall" | "autumn" => (9, 11),
        _ => (12, 2),
    }
}

/// A parsed point; `year_only` points resolve differently at each end.
struct Point {
    ym: YearMonth,
    year_only: bool,
}

fn point(caps: &Captures<'_>, p: &str, end: End, months: &Months) -> Option<Point> {
    let g = |name: &str| caps.name(&format!("{p}{name}")).map(|m| m.as_str());
    if let (Some(m), Some(y)) = (g("mon"), g("mony")) {
        return Some(Point {
            ym: YearMonth::new(year_of(y)?, months.number(m)?)?,
            year_only: false,
        });
    }
    if let (Some(s), Some(y)) = (g("sea"), g("seay")) {
        let (first, last) = season_months(s);
        let year = year_of(y)?;
        let ym = match (end, s.eq_ignore_ascii_case("winter")) {
            (End::Start, true) => YearMonth::new(year, 12)?,
            (End::End, true) => YearMonth::new(year + 1, 2)?,
            (End::Start, false) => YearMonth::new(year, first)?,
            (End::End, false) => YearMonth::new(year, last)?,
        };
        return Some(Point {
            ym,
            year_only: false,
        });
    }
    if let (Some(m), Some(y)) = (g("nm"), g("nmy")) {
        return Some(Point {
            ym: YearMonth::new(y.parse().ok()?, m.parse().ok()?)?,
            year_only: false,
        });
    }
    if let (Some(y), Some(m)) = (g("iy"), g("im")) {
        return Some(Point {
            ym: YearMonth::new(y.parse().ok()?, m.parse().ok()?)?,
            year_only: false,
        });
    }
    let year = g("y")
        .and_then(|y| y.parse().ok())
        .or_else(|| g("ay").and_then(two_digit_year))?;
    Some(Point {
        ym: YearMonth::new(year, 1)?,
        year_only: true,
    })
}

/// Finds every date range in `text` with the built-in lexicon's month names
/// (see [`DateReader::find_ranges`]), for callers without an analyzer:
/// benchmarks, fuzzing, property tests.
pub fn find_ranges(text: &str, as_of: YearMonth) -> Vec<DateRange> {
    static BUILTIN: LazyLock<DateReader> = LazyLock::new(|| DateReader::new(&Lexicon::builtin()));
    BUILTIN.find_ranges(text, as_of)
}

impl DateReader {
    /// Finds every date range in `text`. Single seasons ("Summer 2021") count as
    /// a range of their three months; single dates and years do not, unless
    /// "from" or "since" opens the text with them (a job still held).
    pub fn find_ranges(&self, text: &str, as_of: YearMonth) -> Vec<DateRange> {
        let months = &self.months;
        let mut out = Vec::new();
        for caps in self.range.captures(text) {
            let whole = caps.get(0).expect("match");
            // A range starts a word ("'19" may start with an apostrophe).
            if text[..whole.start()]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric())
            {
                continue;
            }
            // "Jul–Nov 2020": a start month without its year takes the end's.
            let bare = caps.name("bare").and_then(|m| months.number(m.as_str()));
            let start = match bare {
                Some(month) => {
                    let Some(end) = point(&caps, "e", End::End, months).filter(|e| !e.year_only)
                    else {
                        continue;
                    };
                    let year = end.ym.year - i32::from(month > end.ym.month);
                    let Some(ym) = YearMonth::new(year, month) else {
                        continue;
                    };
                    Point {
                        ym,
                        year_only: false,
                    }
                }
                None => match point(&caps, "s", End::Start, months) {
                    Some(p) => p,
                    None => continue,
                },
            };
            // "2019-03 —" ending the text: a range still open.
            let open =
                caps.name("open").is_some() && whole.as_str().trim_end().ends_with(['-', '–', '—']);
            let (start, end, ongoing) = if caps.name("present").is_some() || open {
                (start.ym, as_of, true)
            } else if caps.name("single_season").is_some() {
                // "From July 2018" or "Since 2019" opening a line: a job
                // still held.
                if caps.name("since").is_some() && text[..whole.start()].trim().is_empty() {
                    (start.ym, as_of, true)
                } else if caps.name("ssea").is_none() {
                    continue; // a lone date or year is not a range
                } else {
                    match point(&caps, "s", End::End, months) {
                        Some(p) => (start.ym, p.ym, false),
                        None => continue,
                    }
                }
            } else {
                let Some(end) = point(&caps, "e", End::End, months) else {
                    continue;
                };
                // A range written latest first ("04/2017 to 01/2015"), both
                // ends with their month, covers the same months.
                let (start, end) = if end.ym < start.ym && !end.year_only && !start.year_only {
                    (end, start)
                } else {
                    (start, end)
                };
                // "2012–2016" = 4 years: a year-only end is exclusive
                // when the start was year-only too; "Jan 2015 – 2016" runs to Dec 2016.
                let ym = if end.year_only && start.year_only {
                    if end.ym.year == start.ym.year {
                        YearMonth::new(end.ym.year, 12).unwrap_or(end.ym)
                    } else {
                        YearMonth::new(end.ym.year - 1, 12).unwrap_or(end.ym)
                    }
                } else if end.year_only {
                    YearMonth::new(end.ym.year, 12).unwrap_or(end.ym)
                } else {
                    end.ym
                };
                (start.ym, ym, false)
            };
            if end < start || end.index() - start.index() > 12 * 60 {
                continue;
            }
            out.push(DateRange {
                start,
                end: end.min(as_of.max(start)),
                ongoing,
                span: (whole.start(), whole.end()),
            });
        }
        out
    }
}

/// Total months covered by the union of `ranges`.
pub fn union_months(ranges: &[(YearMonth, YearMonth)]) -> u32 {
    let mut sorted: Vec<(i64, i64)> = ranges.iter().map(|(s, e)| (s.index(), e.index())).collect();
    sorted.sort_unstable();
    let mut total = 0i64;
    let mut current: Option<(i64, i64)> = None;
    for (s, e) in sorted {
        match current {
            Some((cs, ce)) if s <= ce + 1 => current = Some((cs, ce.max(e))),
            Some((cs, ce)) => {
                total += ce - cs + 1;
                current = Some((s, e));
            }
            None => current = Some((s, e)),
        }
    }
    if let Some((cs, ce)) = current {
        total += ce - cs + 1;
    }
    total as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const AS_OF: YearMonth = YearMonth {
        year: 2026,
        month: 11,
    };

    fn months(text: &str) -> Vec<u32> {
        find_ranges(text, AS_OF)
            .iter()
            .map(|r| r.months())
            .collect()
    }

    fn one(text: &str) -> (String, String) {
        let r = find_ranges(text, AS_OF);
        assert_eq!(r.len(), 1, "{text}: {r:?}");
        (r[0].start.to_string(), r[0].end.to_string())
    }

    #[test]
    fn month_name_ranges_are_inclusive() {
        assert_eq!(months("Jan 2019 – Dec 2019"), [12]);
        assert_eq!(
            one("January 2019 - March 2021"),
            ("2019-01".into(), "2021-03".into())
        );
        assert_eq!(
            one("Sept. 2017 – Feb. 2018"),
            ("2017-09".into(), "2018-02".into())
        );
        assert_eq!(
            one("Jun, 2020 to Aug, 2020"),
            ("2020-06".into(), "2020-08".into())
        );
        // With the day, before or after the month.
        assert_eq!(
            one("05 Sep, 2022 - 26 Oct, 2022"),
            ("2022-09".into(), "2022-10".into())
        );
        assert_eq!(
            one("Sep 5, 2022 - Oct 26th, 2022"),
            ("2022-09".into(), "2022-10".into())
        );
        // A dash ending the text leaves the range open.
        assert_eq!(one("2019-03 —"), ("2019-03".into(), "2026-11".into()));
        assert_eq!(one("Mar 2019 -"), ("2019-03".into(), "2026-11".into()));
        assert!(find_ranges("2019 to", AS_OF).is_empty());
        assert!(find_ranges("2019-03 to", AS_OF).is_empty());
        // A start month that shares the end's year.
        assert_eq!(
            one("Jul–Nov 2020 Research Intern"),
            ("2020-07".into(), "2020-11".into())
        );
        assert_eq!(one("Nov - Feb 2021"), ("2020-11".into(), "2021-02".into()));
        assert!(find_ranges("May - present", AS_OF).is_empty());
        assert!(find_ranges("March 2020 and May - June", AS_OF).is_empty());
        // "From"/"since" a date, opening a line: to the as-of month.
        assert_eq!(
            one("From July 2018 Manager Data Scientist @ Capgemini"),
            ("2018-07".into(), "2026-11".into())
        );
        assert_eq!(
            one("Since 2019 Maintenance Lead"),
            ("2019-01".into(), "2026-11".into())
        );
        assert!(find_ranges("Safety committee member since 2019", AS_OF).is_empty());
        // Digits ending a name are no day: the range starts at the month.
        let text = "COMPPEC19 FEB 2019 - APR 2019";
        let r = find_ranges(text, AS_OF);
        assert_eq!(&text[r[0].span.0..r[0].span.1], "FEB 2019 - APR 2019");
    }

    #[test]
    fn present_and_synonyms_end_at_as_of() {
        for text in [
            "Jan 2019 – Present",
            "Jan 2019 - current",
            "January 2019 to Now",
            "Jan 2019 – to date",
            "01/2019 - Today",
        ] {
            assert_eq!(one(text), ("2019-01".into(), "2026-11".into()), "{text}");
        }
        assert_eq!(
            one("June 2020 to current"),
            ("2020-06".into(), "2026-11".into())
        );
    }

    #[test]
    fn numeric_forms() {
        assert_eq!(
            one("03/2015 - 08/2018"),
            ("2015-03".into(), "2018-08".into())
        );
        assert_eq!(one("3/2015 – 8/2018"), ("2015-03".into(), "2018-08".into()));
        assert_eq!(
            one("2019-01 – 2020-06"),
            ("2019-01".into(), "2020-06".into())
        );
        assert_eq!(
            one("2019-01-15 to 2020-06-30"),
            ("2019-01".into(), "2020-06".into())
        );
    }

    #[test]
    fn year_only_ranges_count_whole_years_between() {
        assert_eq!(months("2012–2016"), [48]);
        assert_eq!(months("2012 - 2013"), [12]);
        assert_eq!(months("2016 – 2016"), [12]);
        assert_eq!(one("2018 - Present"), ("2018-01".into(), "2026-11".into()));
        assert_eq!(months("'19 – '22"), [36]);
    }

    #[test]
    fn mixed_precision() {
        assert_eq!(one("Mar 2015 – 2016"), ("2015-03".into(), "2016-12".into()));
    }

    #[test]
    fn seasons() {
        assert_eq!(one("Summer 2021"), ("2021-06".into(), "2021-08".into()));
        assert_eq!(
            one("Fall 2018 – Spring 2020"),
            ("2018-09".into(), "2020-05".into())
        );
        assert_eq!(months("Intern, Summer 2021"), [3]);
    }

    #[test]
    fn lone_dates_are_not_ranges() {
        assert!(find_ranges("Graduated May 2015", AS_OF).is_empty());
        assert!(find_ranges("ISO 9001:2015 certified", AS_OF).is_empty());
        assert!(find_ranges("Reduced scrap 12% in 2020", AS_OF).is_empty());
    }

    #[test]
    fn backwards_or_absurd_ranges_are_ignored() {
        assert!(find_ranges("2020 - 2012", AS_OF).is_empty());
        assert!(find_ranges("1890 - 2020", AS_OF).is_empty());
    }

    #[test]
    fn lone_months() {
        let reader = DateReader::new(&Lexicon::builtin());
        assert_eq!(
            reader.lone_month(" 01/2002 ").map(|m| m.to_string()),
            Some("2002-01".into())
        );
        assert_eq!(
            reader.lone_month("May 2015").map(|m| m.to_string()),
            Some("2015-05".into())
        );
        assert_eq!(reader.lone_month("2015"), None);
        assert_eq!(reader.lone_month("Graduated May 2015"), None);
    }

    #[test]
    fn a_range_written_latest_first_is_read_in_order() {
        assert_eq!(
            one("04/2017 to 01/2015"),
            ("2015-01".into(), "2017-04".into())
        );
    }

    #[test]
    fn a_fullwidth_hyphen_read_as_windows_1252_separates_dates() {
        assert_eq!(
            one("10/2011 ï¼ Current"),
            ("2011-10".into(), "2026-11".into())
        );
        assert_eq!(
            one("08/2009 ï¼ 05/2011"),
            ("2009-08".into(), "2011-05".into())
        );
    }

    #[test]
    fn union_merges_overlaps() {
        let ym = |y, m| YearMonth::new(y, m).unwrap();
        assert_eq!(
            union_months(&[(ym(2019, 1), ym(2019, 12)), (ym(2019, 6), ym(2020, 5))]),
            17
        );
        assert_eq!(
            union_months(&[(ym(2019, 1), ym(2019, 12)), (ym(2020, 1), ym(2020, 12))]),
            24
        );
        assert_eq!(
            union_months(&[(ym(2019, 1), ym(2019, 3)), (ym(2019, 6), ym(2019, 8))]),
            6
        );
        assert_eq!(union_months(&[]), 0);
    }

    #[test]
    fn current_month_is_plausible() {
        let now = YearMonth::current();
        assert!(now.year >= 2024 && (1..=12).contains(&now.month));
    }
}
