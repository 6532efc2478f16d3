//! "Did you mean …?": the nearest known name to a misspelt one.

/// The known name nearest to `wanted`, when it is close enough to be a typo
/// (at most two edits, or one in five characters for long names).
pub fn closest<'a>(wanted: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(wanted, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 5))
        .min()
        .map(|(_, k)| k)
}

/// "; did you mean `x`?" for a near miss, else the list of known names.
pub fn hint(wanted: &str, known: &[&str]) -> String {
    match closest(wanted, known) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => format!(" (known: {})", known.join(", ")),
    }
}

/// Levenshtein distance over chars.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_suggested_and_strangers_are_not() {
        let roles = ["production-technician", "production-engineer"];
        assert_eq!(
            closest("productionengineer", &roles),
            Some("production-engineer")
        );
        assert_eq!(
            closest("experiance", &["experience", "education"]),
            Some("experience")
        );
        assert_eq!(closest("welder", &roles), None);
        assert!(hint("welder", &roles).contains("known: production-technician"));
    }
}
