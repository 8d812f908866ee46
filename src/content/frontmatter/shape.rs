//! Limits on the shape of front matter that the YAML library and serde's derived types do not
//! enforce: a size, a nesting depth, and no key twice in one mapping at any depth (a duplicate
//! inside `extra` would otherwise silently keep the last value).
//!
//! The size and the depth of flow collections (`[[[…`) are checked on the text before parsing:
//! the YAML parser takes time quadratic in the nesting of flow collections (100 KB of `[` took
//! 12 s). The rest is checked by walking the parsed document once, so that each error carries
//! the position the YAML library gives the offending node.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// Front matter larger than this is refused unparsed.
pub const MAX_BYTES: usize = 256 * 1024;
/// How deeply mappings and sequences may nest.
pub const MAX_DEPTH: usize = 64;

/// A limit the text breaks: the byte offset where it does, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exceeded {
    pub offset: usize,
    pub message: String,
}

/// Check the size and the flow nesting of `text` without parsing it.
pub fn check_text(text: &str) -> Result<(), Exceeded> {
    if text.len() > MAX_BYTES {
        return Err(Exceeded {
            offset: text.floor_char_boundary(MAX_BYTES),
            message: format!(
                "the front matter is larger than {} KB: move long text into the body",
                MAX_BYTES / 1024
            ),
        });
    }
    match deepest_flow(text) {
        Some(offset) => Err(Exceeded {
            offset,
            message: too_deep(),
        }),
        None => Ok(()),
    }
}

fn too_deep() -> String {
    format!("the front matter nests deeper than {MAX_DEPTH} levels")
}

/// Where a `[` or `{` opens a flow collection deeper than [`MAX_DEPTH`], if one does. Quoted
/// scalars, block scalars, comments and brackets inside plain scalars (`a[1]`) do not count;
/// when unsure it counts less, never more, since the parse that follows checks depth exactly.
fn deepest_flow(text: &str) -> Option<usize> {
    // Every character that matters is ASCII, and no byte of a longer UTF-8 character is.
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    // At the start of a node: where `[`, `{` or a quote opens one rather than being text.
    let mut node_start = true;
    let mut line_start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let c = bytes[at];
        let spaced = |offset: usize| bytes.get(offset).is_none_or(u8::is_ascii_whitespace);
        match c {
            b'#' if at == 0 || spaced(at - 1) => at = end_of_line(bytes, at) - 1,
            b'\n' => {
                line_start = at + 1;
                node_start |= depth == 0;
            }
            c if c.is_ascii_whitespace() => {}
            b'\'' | b'"' if node_start => {
                at = end_of_quoted(bytes, at);
                node_start = false;
            }
            b'|' | b'>' if node_start && depth == 0 => {
                at = end_of_block_scalar(bytes, line_start, at) - 1;
            }
            b'[' | b'{' if node_start || depth > 0 => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(at);
                }
                node_start = true;
            }
            b']' | b'}' if depth > 0 => {
                depth -= 1;
                node_start = false;
            }
            b',' if depth > 0 => node_start = true,
            b':' if depth > 0 || spaced(at + 1) => node_start = true,
            b'-' | b'?' if depth == 0 && node_start && spaced(at + 1) => {}
            _ => node_start = false,
        }
        at += 1;
    }
    None
}

/// The offset of the newline ending the line that `at` is on (or the text's end).
fn end_of_line(bytes: &[u8], at: usize) -> usize {
    memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |found| at + found)
}

/// The offset of the quote closing the scalar that opens at `at` (or the text's end).
fn end_of_quoted(bytes: &[u8], at: usize) -> usize {
    let quote = bytes[at];
    let mut inside = at + 1;
    while inside < bytes.len() {
        match bytes[inside] {
            b'\\' if quote == b'"' => inside += 1,
            // `''` is a quote inside a single-quoted scalar.
            b'\'' if quote == b'\'' && bytes.get(inside + 1) == Some(&b'\'') => inside += 1,
            c if c == quote => return inside,
            _ => {}
        }
        inside += 1;
    }
    bytes.len()
}

/// The offset of the newline ending a block scalar (`key: |`) whose indicator is at `at` on
/// the line starting at `line_start`: its text is every following line indented deeper than
/// that line, and blank lines.
fn end_of_block_scalar(bytes: &[u8], line_start: usize, at: usize) -> usize {
    let indent = |start: usize| bytes[start..].iter().take_while(|&&c| c == b' ').count();
    let key_indent = indent(line_start);
    let mut end = end_of_line(bytes, at);
    while end < bytes.len() {
        let next = end + 1;
        let next_end = end_of_line(bytes, next);
        let blank = bytes[next..next_end].iter().all(u8::is_ascii_whitespace);
        if !blank && indent(next) <= key_indent {
            break;
        }
        end = next_end;
    }
    end
}

/// Walk a parsed document: no mapping holds a key twice, nothing nests deeper than
/// [`MAX_DEPTH`]. Errors are raised at the node that breaks a rule, so the YAML library
/// positions them there. A second parse: [`super::parse`] runs it only to place an error.
pub fn check_document<'de, D: Deserializer<'de>>(document: D) -> Result<(), D::Error> {
    Node { depth: 0 }.deserialize(document).map(drop)
}

/// Free data (`extra`) read under the same rules in the one parse of a file: keys once per
/// mapping at any depth, nesting at most [`MAX_DEPTH`] (the field sits at depth 2). serde's
/// own maps keep the last of two equal keys; YAML's `null` is no data.
pub fn free_map<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, Value>, D::Error> {
    let free = Node { depth: 1 }.deserialize(deserializer)?;
    match free {
        Value::Object(map) => Ok(map.into_iter().collect()),
        Value::Null => Ok(BTreeMap::new()),
        other => Err(de::Error::custom(format!(
            "expected a mapping, found {other}"
        ))),
    }
}

/// A mapping of texts (`source.fields`) whose keys appear once.
pub fn text_map<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    free_map(deserializer)?
        .into_iter()
        .map(|(key, value)| match value {
            Value::String(text) => Ok((key, text)),
            Value::Number(_) | Value::Bool(_) => Ok((key, value.to_string())),
            other => Err(de::Error::custom(format!(
                "`{key}` must be a text, found {other}"
            ))),
        })
        .collect()
}

/// A node at some depth (the top-level mapping is at depth 1), read into a JSON value.
#[derive(Clone, Copy)]
struct Node {
    depth: usize,
}

impl Node {
    fn child<E: de::Error>(self) -> Result<Node, E> {
        if self.depth >= MAX_DEPTH {
            return Err(E::custom(too_deep()));
        }
        Ok(Node {
            depth: self.depth + 1,
        })
    }
}

impl<'de> DeserializeSeed<'de> for Node {
    type Value = Value;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Value, E> {
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Value, E> {
        Ok(Value::from(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Value, E> {
        Ok(Value::String(value.to_owned()))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let child = self.child()?;
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(child)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let child = self.child()?;
        let mut entries = serde_json::Map::new();
        while let Some(key) = map.next_key_seed(Key {
            node: child,
            seen: &entries,
        })? {
            let value = map.next_value_seed(child)?;
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Value, A::Error> {
        // A tagged value (`!tag value`): its value is read like any other.
        let (_, variant) = data.variant::<de::IgnoredAny>()?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

/// A mapping's key as text, refused when the mapping already has it.
struct Key<'s> {
    node: Node,
    seen: &'s serde_json::Map<String, Value>,
}

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = String;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl Key<'_> {
    /// The key, unless the mapping has it: raised while the key's node is read, the error is
    /// placed at the key.
    fn once<E: de::Error>(self, key: Value) -> Result<String, E> {
        let key = match key {
            Value::String(text) => text,
            Value::Null => "~".to_owned(),
            other => other.to_string(),
        };
        if self.seen.contains_key(&key) {
            return Err(E::custom(format!(
                "duplicate key `{key}`: each key may appear once in a mapping"
            )));
        }
        Ok(key)
    }
}

macro_rules! scalar_keys {
    ($($method:ident: $type:ty),*) => {
        $(fn $method<E: de::Error>(self, key: $type) -> Result<String, E> {
            let value = self.node.$method(key)?;
            self.once(value)
        })*
    };
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = String;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a mapping key")
    }

    scalar_keys!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        self.once(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        self.once(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<String, A::Error> {
        let value = self.node.visit_seq(seq)?;
        self.once(value)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<String, A::Error> {
        let value = self.node.visit_map(map)?;
        self.once(value)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<String, A::Error> {
        let value = self.node.visit_enum(data)?;
        self.once(value)
    }
}
