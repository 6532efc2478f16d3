//! Project configuration: `rolefit.toml`.
//!
//! Like ruff and typos, `rolefit check` looks for `rolefit.toml` (or
//! `.rolefit.toml`) in the working folder and then in each parent folder, and
//! uses the first one found. Its keys set defaults for a project; a
//! command-line flag always wins:
//!
//! ```toml
//! role = "production-technician"    # or "auto"
//! rules = ["rules/"]                # rule files or folders, relative to this file
//! min-score = 70
//! format = "json"
//! ignore = ["archive/**", "*.draft.md"]   # globs of paths skipped when walking folders
//! as-of = "2026-11"
//! ```
//!
//! Unknown keys and bad values are errors naming the file, the line and the key.
//! `rolefit check --show-config` prints the effective settings and where each came from.

use std::fmt::{self, Write as _};
use std::path::{Component, Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use toml::Spanned;

use rolefit::month::YearMonth;
use rolefit::report::OutputFormat;
use rolefit::rules::RuleError;

/// File names looked for, in this order, in each folder.
pub const CONFIG_NAMES: &[&str] = &["rolefit.toml", ".rolefit.toml"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    role: Option<Spanned<String>>,
    rules: Option<Spanned<OneOrMany>>,
    min_score: Option<Spanned<i64>>,
    format: Option<Spanned<String>>,
    ignore: Option<Spanned<OneOrMany>>,
    as_of: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(s) => vec![s],
            OneOrMany::Many(v) => v,
        }
    }
}

/// A value read from the config file, with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Setting<T> {
    pub value: T,
    pub line: u32,
}

/// A loaded `rolefit.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The file it was read from.
    pub path: PathBuf,
    pub role: Option<Setting<String>>,
    /// Resolved against the config file's folder.
    pub rules: Option<Setting<Vec<PathBuf>>>,
    pub min_score: Option<Setting<u32>>,
    pub format: Option<Setting<OutputFormat>>,
    pub ignore: Option<Setting<Vec<String>>>,
    pub as_of: Option<Setting<YearMonth>>,
}

/// The keys of `rolefit.toml`.
const KEYS: [&str; 6] = ["role", "rules", "min-score", "format", "ignore", "as-of"];

/// What the value of `key` must look like, for errors.
fn expected(key: &str) -> &'static str {
    match key {
        "role" => "a role id in quotes, such as \"production-technician\", or \"auto\"",
        "rules" => "a path in quotes, or a list of them",
        "min-score" => "a whole number from 0 to 100, without quotes (min-score = 70)",
        "format" => "a format name in quotes, such as \"json\"",
        "ignore" => "a glob in quotes, or a list of them",
        _ => "a month in quotes, \"YYYY-MM\"",
    }
}

/// The nearest config file at or above `start`.
pub fn discover(start: &Path) -> Option<PathBuf> {
    let start = absolute(start);
    for dir in start.ancestors() {
        for name in CONFIG_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
    }
    None
}

/// The config to use: `explicit` if given (it must exist), none with
/// `no_config`, else the one discovered from the working folder.
pub fn find(explicit: Option<&Path>, no_config: bool) -> Result<Option<Config>, RuleError> {
    if no_config {
        return Ok(None);
    }
    let path = match explicit {
        Some(p) => Some(p.to_path_buf()),
        None => std::env::current_dir().ok().and_then(|cwd| discover(&cwd)),
    };
    path.map(|p| Config::load(&p)).transpose()
}

impl Config {
    /// Reads and validates a config file.
    pub fn load(path: &Path) -> Result<Config, RuleError> {
        let text = std::fs::read_to_string(path).map_err(|e| RuleError {
            file: path.display().to_string(),
            line: 0,
            key: String::new(),
            message: format!("cannot read config file: {e}"),
        })?;
        Config::parse(path, &text)
    }

    /// Parses config text; `path` names the file in errors and anchors relative paths.
    pub fn parse(path: &Path, text: &str) -> Result<Config, RuleError> {
        let file = path.display().to_string();
        let line_of = |offset: usize| -> u32 {
            let end = offset.min(text.len());
            text.as_bytes()[..end]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u32
                + 1
        };
        let error = |offset: usize, key: &str, message: String| RuleError {
            file: file.clone(),
            line: line_of(offset),
            key: key.to_string(),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let message = e.message().to_string();
            let at = e.span().map(|s| s.start).unwrap_or(0);
            // The key of the line the error points at (`min-score = "70"`).
            let line_key = text[..at.min(text.len())]
                .rsplit('\n')
                .next()
                .and_then(|l| l.split_once('='))
                .map(|(k, _)| k.trim().trim_matches('"').to_string())
                .filter(|k| !k.is_empty());
            let field = message
                .split('`')
                .nth(1)
                .filter(|_| message.contains("field"))
                .map(str::to_string);
            let (key, message) = if message.contains("unknown field") {
                let key = field.unwrap_or_default();
                let hint = rolefit::suggest::hint(&key, &KEYS);
                (key, format!("not a rolefit.toml key{hint}"))
            } else if let Some(key) = line_key.filter(|k| KEYS.contains(&k.as_str())) {
                let message = format!("{message}: {} is {}", key, expected(&key));
                (key, message)
            } else {
                (field.unwrap_or_default(), message)
            };
            RuleError {
                file: file.clone(),
                line: e.span().map(|s| line_of(s.start)).unwrap_or(0),
                key,
                message,
            }
        })?;
        let base = absolute(path)
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();

        let role = raw.role.map(|r| Setting {
            line: line_of(r.span().start),
            value: r.into_inner(),
        });
        let rules = raw.rules.map(|r| Setting {
            line: line_of(r.span().start),
            value: r
                .into_inner()
                .into_vec()
                .into_iter()
                .map(|p| base.join(p))
                .collect(),
        });
        let min_score = match raw.min_score {
            Some(m) if (0..=100).contains(m.get_ref()) => Some(Setting {
                line: line_of(m.span().start),
                value: *m.get_ref() as u32,
            }),
            Some(m) => {
                return Err(error(
                    m.span().start,
                    "min-score",
                    "must be between 0 and 100".into(),
                ))
            }
            None => None,
        };
        let format = match raw.format {
            Some(f) => match OutputFormat::from_name(f.get_ref()) {
                Some(v) => Some(Setting {
                    line: line_of(f.span().start),
                    value: v,
                }),
                None => {
                    let names: Vec<&str> = OutputFormat::ALL.iter().map(|f| f.name()).collect();
                    return Err(error(
                        f.span().start,
                        "format",
                        format!(
                            "unknown format `{}`{}",
                            f.get_ref(),
                            rolefit::suggest::hint(f.get_ref(), &names)
                        ),
                    ));
                }
            },
            None => None,
        };
        let ignore = match raw.ignore {
            Some(i) => {
                let at = i.span().start;
                let patterns = i.into_inner().into_vec();
                for p in &patterns {
                    if let Err(e) = Glob::new(p) {
                        return Err(error(
                            at,
                            "ignore",
                            format!("invalid glob `{p}`: {}", e.kind()),
                        ));
                    }
                }
                Some(Setting {
                    line: line_of(at),
                    value: patterns,
                })
            }
            None => None,
        };
        let as_of = match raw.as_of {
            Some(a) => match YearMonth::parse(a.get_ref()) {
                Some(v) => Some(Setting {
                    line: line_of(a.span().start),
                    value: v,
                }),
                None => {
                    return Err(error(
                        a.span().start,
                        "as-of",
                        format!("`{}` is not a month in YYYY-MM form", a.get_ref()),
                    ))
                }
            },
            None => None,
        };
        Ok(Config {
            path: path.to_path_buf(),
            role,
            rules,
            min_score,
            format,
            ignore,
            as_of,
        })
    }
}

/// Where an effective setting came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The built-in default.
    Default,
    /// A command-line flag (its name).
    Flag(&'static str),
    /// A line of the config file.
    Config { file: PathBuf, line: u32 },
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Default => write!(f, "default"),
            Origin::Flag(name) => write!(f, "{name} flag"),
            Origin::Config { file, line } => write!(f, "{}:{line}", file.display()),
        }
    }
}

/// A setting's value and origin.
#[derive(Debug, Clone, PartialEq)]
pub struct Value<T> {
    pub value: T,
    pub origin: Origin,
}

/// What the command line said (`None`/empty: not given).
#[derive(Debug, Clone, Default)]
pub struct Flags {
    pub role: Option<String>,
    pub rules: Vec<PathBuf>,
    pub min_score: Option<u32>,
    pub format: Option<OutputFormat>,
    pub as_of: Option<YearMonth>,
}

/// The settings a run uses: flag, else config, else default.
#[derive(Debug, Clone)]
pub struct Effective {
    pub config_file: Option<PathBuf>,
    pub role: Value<String>,
    pub rules: Value<Vec<PathBuf>>,
    pub min_score: Value<Option<u32>>,
    pub format: Value<OutputFormat>,
    pub ignore: Value<Vec<String>>,
    pub as_of: Value<YearMonth>,
}

fn pick<T>(
    flag: Option<T>,
    name: &'static str,
    config: Option<(&Config, &Setting<T>)>,
    default: T,
) -> Value<T>
where
    T: Clone,
{
    match (flag, config) {
        (Some(v), _) => Value {
            value: v,
            origin: Origin::Flag(name),
        },
        (None, Some((c, s))) => Value {
            value: s.value.clone(),
            origin: Origin::Config {
                file: c.path.clone(),
                line: s.line,
            },
        },
        (None, None) => Value {
            value: default,
            origin: Origin::Default,
        },
    }
}

impl Effective {
    /// Merges flags over the config over the defaults.
    pub fn resolve(flags: Flags, config: Option<&Config>) -> Effective {
        let role = pick(
            flags.role,
            "--role",
            config.and_then(|c| c.role.as_ref().map(|s| (c, s))),
            "auto".to_string(),
        );
        let rules = pick(
            (!flags.rules.is_empty()).then_some(flags.rules),
            "--rules",
            config.and_then(|c| c.rules.as_ref().map(|s| (c, s))),
            Vec::new(),
        );
        let min_score = match (
            flags.min_score,
            config.and_then(|c| c.min_score.as_ref().map(|s| (c, s))),
        ) {
            (Some(v), _) => Value {
                value: Some(v),
                origin: Origin::Flag("--min-score"),
            },
            (None, Some((c, s))) => Value {
                value: Some(s.value),
                origin: Origin::Config {
                    file: c.path.clone(),
                    line: s.line,
                },
            },
            (None, None) => Value {
                value: None,
                origin: Origin::Default,
            },
        };
        let format = pick(
            flags.format,
            "--format",
            config.and_then(|c| c.format.as_ref().map(|s| (c, s))),
            OutputFormat::Human,
        );
        let ignore = pick(
            None,
            "",
            config.and_then(|c| c.ignore.as_ref().map(|s| (c, s))),
            Vec::new(),
        );
        let as_of = pick(
            flags.as_of,
            "--as-of",
            config.and_then(|c| c.as_of.as_ref().map(|s| (c, s))),
            YearMonth::current(),
        );
        Effective {
            config_file: config.map(|c| c.path.clone()),
            role,
            rules,
            min_score,
            format,
            ignore,
            as_of,
        }
    }

    /// The folder ignore patterns are relative to (the config file's).
    pub fn ignore_set(&self) -> IgnoreSet {
        let base = match &self.ignore.origin {
            Origin::Config { file, .. } => absolute(file).parent().map(Path::to_path_buf),
            _ => None,
        };
        IgnoreSet::new(&self.ignore.value, base)
    }

    /// `--show-config`: one line per setting, with its origin.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "config file: {}",
            self.config_file
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|| "none (no rolefit.toml here or in a parent folder)".into())
        );
        let list = |v: &[String]| {
            if v.is_empty() {
                "[]".to_string()
            } else {
                format!(
                    "[{}]",
                    v.iter()
                        .map(|s| format!("\"{s}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        };
        let rows: Vec<(&str, String, &Origin)> = vec![
            ("role", self.role.value.clone(), &self.role.origin),
            (
                "rules",
                list(
                    &self
                        .rules
                        .value
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>(),
                ),
                &self.rules.origin,
            ),
            (
                "min-score",
                self.min_score
                    .value
                    .map(|m| m.to_string())
                    .unwrap_or_else(|| "none".into()),
                &self.min_score.origin,
            ),
            (
                "format",
                self.format.value.name().to_string(),
                &self.format.origin,
            ),
            ("ignore", list(&self.ignore.value), &self.ignore.origin),
            ("as-of", self.as_of.value.to_string(), &self.as_of.origin),
        ];
        for (key, value, origin) in rows {
            let origin = match origin {
                Origin::Default if key == "as-of" => "default (this month)".to_string(),
                o => o.to_string(),
            };
            let _ = writeln!(out, "{key:<10} = {value:<40} # {origin}");
        }
        out
    }
}

/// Glob patterns of paths to skip when walking folders.
#[derive(Debug, Clone)]
pub struct IgnoreSet {
    set: GlobSet,
    base: Option<PathBuf>,
    empty: bool,
}

impl IgnoreSet {
    /// Patterns are matched against a path relative to `base` (the config
    /// file's folder) and against the path as given. Invalid patterns are
    /// skipped (the config loader reports them).
    pub fn new(patterns: &[String], base: Option<PathBuf>) -> IgnoreSet {
        let mut b = GlobSetBuilder::new();
        for p in patterns {
            // As in .gitignore: "drafts" or "drafts/" also means everything
            // below it, and a pattern without a `/` matches at any depth.
            let p = p.trim_end_matches('/');
            let mut forms = vec![p.to_string(), format!("{p}/**")];
            if !p.contains('/') {
                forms.push(format!("**/{p}"));
                forms.push(format!("**/{p}/**"));
            }
            for form in forms {
                if let Ok(g) = Glob::new(&form) {
                    b.add(g);
                }
            }
        }
        IgnoreSet {
            set: b.build().unwrap_or_else(|_| GlobSet::empty()),
            base,
            empty: patterns.is_empty(),
        }
    }

    /// Whether `path` matches a pattern.
    pub fn is_ignored(&self, path: &Path) -> bool {
        if self.empty {
            return false;
        }
        let given = path.strip_prefix(".").unwrap_or(path);
        if self.set.is_match(given) {
            return true;
        }
        if let Some(base) = &self.base {
            if let Ok(rel) = absolute(path).strip_prefix(base) {
                return self.set.is_match(rel);
            }
        }
        false
    }
}

/// `path` made absolute against the working folder, with `.` and `..` removed lexically.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, RuleError> {
        Config::parse(Path::new("/p/rolefit.toml"), text)
    }

    #[test]
    fn keys_and_relative_rules() {
        let c = parse("role = \"production-engineer\"\nrules = [\"my-rules\", \"/abs.toml\"]\nmin-score = 70\nformat = \"json\"\nignore = \"old/**\"\nas-of = \"2026-11\"\n").unwrap();
        assert_eq!(
            c.role.unwrap(),
            Setting {
                value: "production-engineer".into(),
                line: 1
            }
        );
        assert_eq!(
            c.rules.unwrap().value,
            vec![PathBuf::from("/p/my-rules"), PathBuf::from("/abs.toml")]
        );
        assert_eq!(c.min_score.unwrap(), Setting { value: 70, line: 3 });
        assert_eq!(c.format.unwrap().value, OutputFormat::Json);
        assert_eq!(c.ignore.unwrap().value, vec!["old/**".to_string()]);
        assert_eq!(c.as_of.unwrap().value, YearMonth::parse("2026-11").unwrap());
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let e = parse("role = \"x\"\nmin_score = 70\n").unwrap_err();
        assert_eq!(
            (e.file.as_str(), e.line, e.key.as_str()),
            ("/p/rolefit.toml", 2, "min_score")
        );
        assert!(e.message.contains("min-score"), "{e}");
        let e = parse("\n\nmin-score = 170\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (3, "min-score"));
        let e = parse("format = \"pdf\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (1, "format"));
        assert!(e.message.contains("json"), "{e}");
        // A value of the wrong type names its key and what it should be.
        let e = parse("role = \"auto\"\nmin-score = \"70\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "min-score"));
        assert!(e.message.contains("without quotes (min-score = 70)"), "{e}");
        // A misspelt key or value: did you mean.
        let e = parse("min-scor = 70\n").unwrap_err();
        assert!(e.message.contains("did you mean `min-score`?"), "{e}");
        let e = parse("format = \"jsno\"\n").unwrap_err();
        assert!(e.message.contains("did you mean `json`?"), "{e}");
        let e = parse("\nas-of = \"November\"\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (2, "as-of"));
        let e = parse("ignore = [\"a/[b\"]\n").unwrap_err();
        assert_eq!((e.line, e.key.as_str()), (1, "ignore"));
    }

    #[test]
    fn flags_beat_config_beats_default() {
        let c = parse("role = \"production-engineer\"\nmin-score = 70\n").unwrap();
        let e = Effective::resolve(
            Flags {
                min_score: Some(50),
                ..Flags::default()
            },
            Some(&c),
        );
        assert_eq!(e.min_score.value, Some(50));
        assert_eq!(e.min_score.origin, Origin::Flag("--min-score"));
        assert_eq!(e.role.value, "production-engineer");
        assert_eq!(
            e.role.origin,
            Origin::Config {
                file: "/p/rolefit.toml".into(),
                line: 1
            }
        );
        assert_eq!(e.format.value, OutputFormat::Human);
        assert_eq!(e.format.origin, Origin::Default);
    }

    #[test]
    fn ignore_globs_relative_to_the_config_folder() {
        let set = IgnoreSet::new(
            &["archive".into(), "*.draft.md".into(), "in/old/".into()],
            Some(PathBuf::from("/p")),
        );
        assert!(set.is_ignored(Path::new("/p/archive/old.pdf")));
        assert!(set.is_ignored(Path::new("/p/x/archive/old.pdf")));
        assert!(set.is_ignored(Path::new("/p/in/old/a.pdf")));
        assert!(!set.is_ignored(Path::new("/p/x/in/old/a.pdf")));
        assert!(set.is_ignored(Path::new("/p/in/x.draft.md")));
        assert!(!set.is_ignored(Path::new("/p/in/x.md")));
        assert!(!set.is_ignored(Path::new("/q/archive-notes.pdf")));
    }
}
