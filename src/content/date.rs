//! Dates in front matter: `YYYY-MM-DD` or RFC 3339.

use std::fmt;

use jiff::civil::{Date, DateTime};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A front matter date: the instant (for sorting and feeds), the calendar date as written
/// (for display) and the original text (written back unchanged).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateValue {
    /// The instant, as the date and time in UTC: a civil time, since jiff's `Timestamp` stops
    /// short of 9999-12-31.
    pub timestamp: DateTime,
    pub date: Date,
    pub text: String,
}

impl DateValue {
    /// `YYYY-MM-DD`, or RFC 3339 (`2022-01-09T14:30:00Z`, `…+01:00`), in the years 0001–9999.
    pub fn parse(text: &str) -> Result<DateValue, String> {
        let text = text.trim();
        let bad = || {
            format!("invalid date `{text}`: expected YYYY-MM-DD or RFC 3339 (2022-01-09T14:30:00Z)")
        };
        let written = text
            .get(..10)
            .filter(|written| written.len() == 10 && written.as_bytes()[4] == b'-')
            .ok_or_else(bad)?;
        let date: Date = written.parse().map_err(|_| match impossible_day(written) {
            Some(why) => format!("invalid date `{text}`: {why}"),
            None => bad(),
        })?;
        if date.year() < 1 {
            return Err(format!(
                "invalid date `{text}`: the year must be 0001 to 9999"
            ));
        }
        let timestamp = if text.len() == 10 {
            date.to_datetime(jiff::civil::Time::midnight())
        } else {
            let (local, offset) = split_offset(text).ok_or_else(bad)?;
            let local: DateTime = local.parse().map_err(|_| bad())?;
            local
                .checked_sub(offset)
                .map_err(|_| format!("invalid date `{text}`: in UTC it is past the year 9999"))?
        };
        Ok(DateValue {
            timestamp,
            date,
            text: text.to_owned(),
        })
    }

    /// `9 January 2022`
    pub fn display(&self) -> String {
        self.date.strftime("%-d %B %Y").to_string()
    }

    /// `2022-01-09`
    pub fn iso_date(&self) -> String {
        self.date.to_string()
    }

    /// RFC 3339 in UTC, for feeds and sitemaps.
    pub fn rfc3339(&self) -> String {
        self.timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// Why a date written in the right shape (`2024-04-31`) is not one: its month or day does not
/// exist. `None` when the shape is not `YYYY-MM-DD` after all.
fn impossible_day(written: &str) -> Option<String> {
    let mut parts = written.split('-');
    let number = |part: Option<&str>| -> Option<i16> {
        let part = part.filter(|p| p.bytes().all(|b| b.is_ascii_digit()))?;
        part.parse().ok()
    };
    let (year, month, day) = (
        number(parts.next())?,
        number(parts.next())?,
        number(parts.next())?,
    );
    if !(1..=12).contains(&month) {
        return Some(format!("there is no month {month}; months are 01 to 12"));
    }
    let first = Date::new(year, i8::try_from(month).ok()?, 1).ok()?;
    let days = first.days_in_month();
    (day < 1 || day > i16::from(days)).then(|| {
        let name = first.strftime("%B %Y");
        format!("{name} has {days} days")
    })
}

/// The date and time of an RFC 3339 timestamp, and its offset from UTC: `Z` or `±HH:MM` with
/// at most 23 hours and 59 minutes (jiff also takes `+25:00` and seconds, RFC 3339 does not).
fn split_offset(text: &str) -> Option<(&str, jiff::SignedDuration)> {
    if !matches!(text.as_bytes().get(10), Some(b'T' | b't')) {
        return None;
    }
    if let Some(local) = text.strip_suffix(['Z', 'z']) {
        return Some((local, jiff::SignedDuration::ZERO));
    }
    let (local, offset) = text.split_at_checked(text.len().checked_sub(6)?)?;
    let (sign, hours, minutes) = match offset.as_bytes() {
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let number = |a: u8, b: u8| {
                (a.is_ascii_digit() && b.is_ascii_digit())
                    .then(|| i64::from((a - b'0') * 10 + b - b'0'))
            };
            (*sign, number(*h1, *h2)?, number(*m1, *m2)?)
        }
        _ => return None,
    };
    if hours > 23 || minutes > 59 {
        return None;
    }
    let seconds = (hours * 60 + minutes) * 60;
    let signed = if sign == b'-' { -seconds } else { seconds };
    Some((local, jiff::SignedDuration::from_secs(signed)))
}

impl fmt::Display for DateValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateValue::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for DateValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_dates_and_rfc3339() {
        let d = DateValue::parse("2022-01-09").unwrap();
        assert_eq!(d.display(), "9 January 2022");
        assert_eq!(d.rfc3339(), "2022-01-09T00:00:00Z");
        let t = DateValue::parse("2022-01-09T23:30:00-05:00").unwrap();
        assert_eq!(t.iso_date(), "2022-01-09");
        assert_eq!(t.rfc3339(), "2022-01-10T04:30:00Z");
        assert!(t > d);
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in ["2022-13-01", "yesterday", "2022-02-30", "9 Jan 2022", ""] {
            assert!(DateValue::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_date_of_the_right_shape_says_why_it_is_none() {
        let why = |text: &str| DateValue::parse(text).unwrap_err();
        assert_eq!(
            why("2024-04-31"),
            "invalid date `2024-04-31`: April 2024 has 30 days"
        );
        assert_eq!(
            why("2023-02-29"),
            "invalid date `2023-02-29`: February 2023 has 28 days"
        );
        assert_eq!(
            why("2024-13-01T10:00:00Z"),
            "invalid date `2024-13-01T10:00:00Z`: there is no month 13; months are 01 to 12"
        );
        assert_eq!(
            why("2024-04-00"),
            "invalid date `2024-04-00`: April 2024 has 30 days"
        );
        assert!(why("2024-4-1").contains("expected YYYY-MM-DD"));
    }

    #[test]
    fn the_years_0001_to_9999_with_rfc_3339_offsets_only() {
        for good in [
            "0001-01-01",
            "9999-12-31",
            "9999-12-31T23:59:59Z",
            "9999-12-31T12:00:00+05:00",
            "2022-01-09T14:30:00.250+23:59",
            "2022-01-09t14:30:00z",
        ] {
            assert!(DateValue::parse(good).is_ok(), "{good}");
        }
        assert_eq!(
            DateValue::parse("9999-12-31").unwrap().rfc3339(),
            "9999-12-31T00:00:00Z"
        );
        for bad in [
            "0000-01-01",
            "2022-01-09T14:30:00+25:00",
            "2022-01-09T14:30:00+24:00",
            "2022-01-09T14:30:00+05:60",
            "2022-01-09T14:30:00+05:30:15",
            "2022-01-09T14:30:00+0530",
            "2022-01-09T14:30:00",
            "2022-01-09 14:30:00Z",
            "-002022-01-09",
            "+2022-01-09",
        ] {
            assert!(DateValue::parse(bad).is_err(), "{bad}");
        }
        let late = DateValue::parse("9999-12-31T23:00:00-05:00").unwrap_err();
        assert!(late.contains("past the year 9999"), "{late}");
        assert!(
            DateValue::parse("0000-01-01")
                .unwrap_err()
                .contains("0001 to 9999")
        );
    }
}
