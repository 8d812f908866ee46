//! Lists split into pages of `paginate_by` items: the pager every list page shows.

use serde_json::json;
use tera::Value;

use crate::util::href::Href;

/// Page `number` of a list at `base` (`/topics/nato/`): page 1 is the list's own URL.
pub fn page_url(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_owned()
    } else {
        format!("{base}page/{number}/")
    }
}

/// How many pages a list of `items` needs (at least one, so an empty list still has a page).
pub fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The items of page `number` (1-based).
pub(super) fn page_slice<T>(items: &[T], number: usize, per_page: usize) -> &[T] {
    let start = ((number - 1) * per_page).min(items.len());
    &items[start..(start + per_page).min(items.len())]
}

/// Where a page is in its list.
#[derive(Hash)]
pub(super) struct Paginator<'a> {
    /// The list's first page.
    pub base: Href<'a>,
    pub number: usize,
    pub total_items: usize,
    pub per_page: usize,
}

impl Paginator<'_> {
    pub(super) fn value(&self) -> Value {
        let (base, number) = (self.base, self.number);
        let total_pages = page_count(self.total_items, self.per_page);
        let link = |number| base.to(&page_url(base.path(), number));
        Value::from_serializable(&json!({
            "number": number,
            "total_pages": total_pages,
            "total_items": self.total_items,
            "first_url": base,
            "last_url": link(total_pages),
            "previous_url": (number > 1).then(|| link(number - 1)),
            "next_url": (number < total_pages).then(|| link(number + 1)),
            "window": pager_window(&link, number, total_pages),
        }))
    }
}

/// The page links a pager shows: the first and the last page, the current one and its
/// neighbours, and a gap (`{"gap": true}`) where pages are left out. Made here so that a template
/// does not loop over every page number on every page, which is quadratic in the number of pages
/// (2,500 pages of `/articles/` at 50,000 articles).
fn pager_window(
    link: &dyn Fn(usize) -> String,
    number: usize,
    total_pages: usize,
) -> Vec<serde_json::Value> {
    let mut shown: Vec<usize> = [1, total_pages]
        .into_iter()
        .chain(number.saturating_sub(2)..=number + 2)
        .filter(|&n| (1..=total_pages).contains(&n))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    shown
        .into_iter()
        .filter_map(|n| {
            if n == 1 || n == total_pages || n.abs_diff(number) <= 1 {
                Some(json!({"number": n, "url": link(n), "current": n == number}))
            } else if n.abs_diff(number) == 2 {
                Some(json!({"gap": true}))
            } else {
                None
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The window as page numbers, 0 for a gap.
    fn window(number: usize, total_pages: usize) -> Vec<usize> {
        pager_window(&|n| page_url("/articles/", n), number, total_pages)
            .iter()
            .map(|link| link["number"].as_u64().unwrap_or(0) as usize)
            .collect()
    }

    #[test]
    fn urls_and_counts() {
        assert_eq!(page_url("/topics/nato/", 1), "/topics/nato/");
        assert_eq!(page_url("/topics/nato/", 3), "/topics/nato/page/3/");
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_slice(&[1, 2, 3, 4, 5], 2, 2), [3, 4]);
        assert_eq!(page_slice(&[1, 2, 3, 4, 5], 3, 2), [5]);
    }

    #[test]
    fn pager_window_shows_ends_current_and_neighbours() {
        assert_eq!(window(1, 1), [1]);
        assert_eq!(window(2, 3), [1, 2, 3]);
        assert_eq!(window(1, 10), [1, 2, 0, 10]);
        assert_eq!(window(5, 50), [1, 0, 4, 5, 6, 0, 50]);
        assert_eq!(window(50, 50), [1, 0, 49, 50]);
    }

    #[test]
    fn pager_links_carry_the_base_path() {
        let paginator = Paginator {
            base: Href::new("/desk", "/articles/"),
            number: 5,
            total_items: 1000,
            per_page: 20,
        };
        let value = serde_json::to_value(paginator.value()).unwrap();
        assert_eq!(value["first_url"], "/desk/articles/");
        assert_eq!(value["previous_url"], "/desk/articles/page/4/");
        assert_eq!(value["next_url"], "/desk/articles/page/6/");
        assert_eq!(value["last_url"], "/desk/articles/page/50/");
        let current = &value["window"][3];
        assert_eq!(current["url"], "/desk/articles/page/5/");
        assert_eq!(current["current"], true);
        assert_eq!(value["window"][0]["url"], "/desk/articles/");
    }
}
