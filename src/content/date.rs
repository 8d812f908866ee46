//! Dates in front matter: `YYYY-MM-DD` or RFC 3339.

use std::fmt;

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A front matter date: the instant (for sorting and feeds), the calendar date as written
/// (for display) and the original text (written back unchanged).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateValue {
    pub timestamp: Timestamp,
    pub date: Date,
    pub text: String,
}

impl DateValue {
    pub fn parse(text: &str) -> Result<DateValue, String> {
        let text = text.trim();
        let bad = || {
            format!("invalid date `{text}`: expected YYYY-MM-DD or RFC 3339 (2022-01-09T14:30:00Z)")
        };
        if text.len() == 10 {
            let date: Date = text.parse().map_err(|_| bad())?;
            let timestamp = date
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .map_err(|_| bad())?
                .timestamp();
            return Ok(DateValue {
                timestamp,
                date,
                text: text.to_owned(),
            });
        }
        let timestamp: Timestamp = text.parse().map_err(|_| bad())?;
        // RFC 3339 starts with the calendar date in the writer's own offset: show that one.
        let date: Date = text
            .get(..10)
            .and_then(|d| d.parse().ok())
            .ok_or_else(bad)?;
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
}
