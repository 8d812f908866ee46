//! Explicit dates written in text: `Jan. 9, 2022`, `December 12, 2021`, `2022-01-09`,
//! `9 January 2022`, and numeric `2/26/2015` (month first, as US text writes it with slashes)
//! and `26.02.2015` (day first, as European text writes it with dots). Only whole dates with a
//! year count; impossible ones (`Feb. 30, 2022`) do not.
//!
//! [`dateline`] finds the date an article gives for itself: one at the very start of one of its
//! first paragraphs (`Friday, August 15, 2008`, `WASHINGTON, Feb. 26, 2015 —`) or next to a
//! byline (`By Jane Doe | 26.02.2015`), rather than the dates of the events it tells.

use jiff::civil::Date;

const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether a lowercase word names a month or a day of the week.
pub fn is_calendar_word(word: &str) -> bool {
    MONTHS.iter().any(|(name, _)| *name == word) || WEEKDAYS.contains(&word)
}

/// Years a news date can plausibly have.
const YEARS: std::ops::RangeInclusive<i16> = 1800..=2200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Word,
    Number,
    Punct(char),
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    start: usize,
    end: usize,
}

/// Words, numbers and punctuation of `text`, without the whitespace between them.
fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_alphabetic() {
            Kind::Word
        } else if c.is_ascii_digit() {
            Kind::Number
        } else {
            tokens.push(Token {
                kind: Kind::Punct(c),
                text: &text[start..start + c.len_utf8()],
                start,
                end: start + c.len_utf8(),
            });
            continue;
        };
        let mut end = start + c.len_utf8();
        while let Some(&(at, next)) = chars.peek() {
            let same = match kind {
                Kind::Word => next.is_alphabetic(),
                _ => next.is_ascii_digit(),
            };
            if !same {
                break;
            }
            end = at + next.len_utf8();
            chars.next();
        }
        tokens.push(Token {
            kind,
            text: &text[start..end],
            start,
            end,
        });
    }
    tokens
}

fn month(token: &Token) -> Option<i8> {
    if token.kind != Kind::Word || !token.text.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let lower = token.text.to_lowercase();
    MONTHS
        .iter()
        .find(|(name, _)| *name == lower)
        .map(|&(_, number)| number)
}

fn day(token: &Token) -> Option<i8> {
    (token.kind == Kind::Number && token.text.len() <= 2)
        .then(|| token.text.parse().ok())
        .flatten()
}

fn year(token: &Token) -> Option<i16> {
    (token.kind == Kind::Number && token.text.len() == 4)
        .then(|| token.text.parse().ok())
        .flatten()
        .filter(|year| YEARS.contains(year))
}

fn is_ordinal_suffix(token: &Token) -> bool {
    token.kind == Kind::Word && matches!(token.text, "st" | "nd" | "rd" | "th")
}

/// Every date written in `text`, with the byte offset where it starts, in order.
pub fn find_dates(text: &str) -> Vec<(Date, usize)> {
    let tokens = tokens(text);
    let mut found = Vec::new();
    let mut index = 0;
    while index < tokens.len() {
        match date_at(&tokens, index) {
            Some((date, next)) => {
                found.push((date, tokens[index].start));
                index = next;
            }
            None => index += 1,
        }
    }
    found
}

/// The date starting at token `index`, and the index after it.
fn date_at(tokens: &[Token], index: usize) -> Option<(Date, usize)> {
    let at = |offset: usize| tokens.get(index + offset);
    let first = at(0)?;
    // Punctuation tokens that may follow a position: `.` after a month, `,` after a day.
    let skip = |mut position: usize, allowed: char| {
        if tokens
            .get(position)
            .is_some_and(|t| t.kind == Kind::Punct(allowed))
        {
            position += 1;
        }
        position
    };
    let skip_ordinal = |position: usize| {
        if tokens
            .get(position)
            .is_some_and(|t| is_ordinal_suffix(t) && t.start == tokens[position - 1].end)
        {
            position + 1
        } else {
            position
        }
    };
    // 2022-01-09
    if let Some(y) = year(first)
        && let [Some(dash1), Some(m), Some(dash2), Some(d)] = [at(1), at(2), at(3), at(4)]
        && dash1.kind == Kind::Punct('-')
        && dash2.kind == Kind::Punct('-')
        && m.text.len() == 2
        && d.text.len() == 2
        && [first, dash1, m, dash2]
            .iter()
            .zip([dash1, m, dash2, d])
            .all(|(a, b)| a.end == b.start)
        && let (Some(m), Some(d)) = (day(m), day(d))
    {
        return Date::new(y, m, d).ok().map(|date| (date, index + 5));
    }
    // 2/26/2015 (month first) and 26.02.2015 (day first)
    if let Some(date) = numeric_date(tokens, index) {
        return Some(date);
    }
    // Jan. 9, 2022 / January 9th 2022
    if let Some(m) = month(first) {
        let position = skip(index + 1, '.');
        let d = day(tokens.get(position)?)?;
        let position = skip(skip_ordinal(position + 1), ',');
        let y = year(tokens.get(position)?)?;
        return Date::new(y, m, d).ok().map(|date| (date, position + 1));
    }
    // 9 January 2022 / 9th Jan. 2022
    if let Some(d) = day(first) {
        let position = skip_ordinal(index + 1);
        let m = month(tokens.get(position)?)?;
        let position = skip(skip(position + 1, '.'), ',');
        let y = year(tokens.get(position)?)?;
        return Date::new(y, m, d).ok().map(|date| (date, position + 1));
    }
    None
}

/// `2/26/2015` or `26.02.2015` at token `index`: numbers joined by one kind of separator, with
/// no space between them.
fn numeric_date(tokens: &[Token], index: usize) -> Option<(Date, usize)> {
    let part = |offset: usize| tokens.get(index + offset);
    let [Some(a), Some(sep1), Some(b), Some(sep2), Some(c)] =
        [part(0), part(1), part(2), part(3), part(4)]
    else {
        return None;
    };
    let adjacent = [a, sep1, b, sep2]
        .iter()
        .zip([sep1, b, sep2, c])
        .all(|(x, y)| x.end == y.start);
    if !adjacent || sep1.kind != sep2.kind || a.text.len() > 2 || b.text.len() > 2 {
        return None;
    }
    let (a, b, y) = (day(a)?, day(b)?, year(c)?);
    let (m, d) = match sep1.kind {
        Kind::Punct('/') => (a, b),
        Kind::Punct('.') => (b, a),
        _ => return None,
    };
    // Not part of a longer run of numbers, such as a version `1.2.2015.3`.
    if tokens
        .get(index + 5)
        .is_some_and(|next| next.start == c.end && next.kind == sep1.kind)
    {
        return None;
    }
    Date::new(y, m, d).ok().map(|date| (date, index + 5))
}

/// The date an article gives for itself: a date starting within the first few characters of
/// one of its first `segments` (title and paragraphs, in order), or in a byline (`By …`).
pub fn dateline(segments: &[&str]) -> Option<Date> {
    segments.iter().take(DATELINE_SEGMENTS).find_map(|text| {
        let byline = text.starts_with("By ") && text.chars().count() <= 120;
        find_dates(text)
            .into_iter()
            .find(|&(_, at)| at <= DATELINE_OFFSET || byline)
            .map(|(date, _)| date)
    })
}

/// How many segments from the top may hold the dateline.
const DATELINE_SEGMENTS: usize = 4;
/// How far into a segment a dateline may start (`WASHINGTON, D.C., Friday, August 15, 2008`).
const DATELINE_OFFSET: usize = 40;

/// `text` read as one date and nothing else (a header field), in any of the forms above or RFC
/// 3339.
pub fn parse_whole(text: &str) -> Option<Date> {
    let text = text.trim();
    if text.parse::<jiff::Timestamp>().is_ok() {
        // RFC 3339 starts with the calendar date as written, in the writer's own offset.
        return text.get(..10).and_then(|date| date.parse().ok());
    }
    let tokens = tokens(text);
    // `Sunday, October 13, 2024`: a weekday may open the date.
    let mut start = 0;
    if tokens
        .first()
        .is_some_and(|t| t.kind == Kind::Word && WEEKDAYS.contains(&t.text.to_lowercase().as_str()))
    {
        start = 1 + usize::from(tokens.get(1).is_some_and(|t| t.kind == Kind::Punct(',')));
    }
    let (date, next) = date_at(&tokens, start)?;
    (next == tokens.len()).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn dates(text: &str) -> Vec<Date> {
        find_dates(text).into_iter().map(|(date, _)| date).collect()
    }

    #[test]
    fn the_written_forms() {
        assert_eq!(dates("Sunday, Jan. 9, 2022"), [date(2022, 1, 9)]);
        assert_eq!(
            dates("on December 12, 2021 in Zolote"),
            [date(2021, 12, 12)]
        );
        assert_eq!(dates("filed 2022-01-09."), [date(2022, 1, 9)]);
        assert_eq!(dates("on 9 January 2022,"), [date(2022, 1, 9)]);
        assert_eq!(dates("the 9th Jan. 2022"), [date(2022, 1, 9)]);
        assert_eq!(dates("Sept. 30th, 2021"), [date(2021, 9, 30)]);
        assert_eq!(
            dates("March 1 2020 and May 5, 2021"),
            [date(2020, 3, 1), date(2021, 5, 5)]
        );
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(
            dates("on 2/26/2015 and 26.02.2015"),
            [date(2015, 2, 26), date(2015, 2, 26)]
        );
        for text in [
            "2/30/2015",
            "26/02/2015",
            "1.2.2015.3",
            "2 / 26 / 2015",
            "2/26-2015",
        ] {
            assert_eq!(dates(text), [], "{text}");
        }
    }

    #[test]
    fn datelines_come_first() {
        let article = [
            "Quake anniversary",
            "Friday, March 11, 2016 Survivors of the March 11, 2011 earthquake gathered.",
            "On March 14, 2016 more events are planned.",
        ];
        assert_eq!(dateline(&article), Some(date(2016, 3, 11)));
        assert_eq!(
            dateline(&["T", "By Jane Doe | 26.02.2015", "Text."]),
            Some(date(2015, 2, 26))
        );
        assert_eq!(
            dateline(&[
                "T",
                "Officials said on Monday that the vote of Jan. 9, 2022 stands."
            ]),
            None
        );
    }

    #[test]
    fn not_dates() {
        for text in [
            "Feb. 30, 2022",
            "2022-13-01",
            "2022-1-9",
            "in May, officials said",
            "may 9, 2022",
            "January 2022",
            "9 January",
            "42 of 2022",
            "20220-01-09",
            "Jan. 9, 20222",
            "December 12, 0042",
        ] {
            assert_eq!(dates(text), [], "{text}");
        }
    }

    #[test]
    fn positions_are_byte_offsets() {
        assert_eq!(find_dates("“x” Jan. 9, 2022")[0].1, "“x” ".len());
    }

    #[test]
    fn whole_field() {
        assert_eq!(parse_whole(" 2022-01-09 "), Some(date(2022, 1, 9)));
        assert_eq!(parse_whole("Jan. 9, 2022"), Some(date(2022, 1, 9)));
        assert_eq!(
            parse_whole("2022-01-09T23:30:00-05:00"),
            Some(date(2022, 1, 9))
        );
        assert_eq!(
            parse_whole("Sunday, October 13, 2024"),
            Some(date(2024, 10, 13))
        );
        assert_eq!(parse_whole("Sunday"), None);
        assert_eq!(parse_whole("42"), None);
        assert_eq!(parse_whole("Jan. 9, 2022 and more"), None);
    }
}
