//! The word lists of `src/import/data/`: one entry a line, `#` comments, blank lines ignored.
//! Each file says at its top where its entries come from.

use ahash::AHashSet;

/// The entries of a list file, in order.
pub(super) fn entries(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// The entries of a list file as a set.
pub(super) fn set(file: &'static str) -> AHashSet<&'static str> {
    entries(file).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blank_lines_are_not_entries() {
        let list: Vec<&str> = entries("# origin\n\nalpha\n  beta  \n# more\n").collect();
        assert_eq!(list, ["alpha", "beta"]);
    }
}
