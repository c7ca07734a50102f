//! serde helpers for the API's JSON: objects read as objects only, and values the app only
//! shows read tolerantly, so that a broken figure never keeps the customer from editing.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::MapAccessDeserializer;
use serde::de::{DeserializeOwned, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;

/// `T` read from a JSON object, and from nothing else. A derived struct decoder also takes
/// an array (members by position): `["Tom", "Smith"]` is no profile, address or phone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Object<T>(pub T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// Accepts a map only, and hands it to `T`'s own decoder.
        struct MapOnly<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for MapOnly<T> {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }

        deserializer
            .deserialize_map(MapOnly(PhantomData))
            .map(Object)
    }
}

/// For `#[serde(deserialize_with)]`: an optional member that must be an object.
pub fn object<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Object<T>>::deserialize(deserializer)?.map(|o| o.0))
}

/// For `#[serde(deserialize_with)]`: an optional list of objects.
pub fn objects<'de, D, T>(deserializer: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let list = Option::<Vec<Object<T>>>::deserialize(deserializer)?;
    Ok(list.map(|items| items.into_iter().map(|o| o.0).collect()))
}

/// A value the app only shows: missing (absent or null), read, or of the wrong type. A
/// wrong type is a state of the value, not an error of the document, so the rest is read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ReadOnly<T> {
    #[default]
    Missing,
    Value(T),
    /// Present, but not a `T` (a number where text belongs, `1.5` or `1e400` for a count).
    Unreadable,
}

impl<T> ReadOnly<T> {
    /// The value, when there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            ReadOnly::Value(value) => Some(value),
            ReadOnly::Missing | ReadOnly::Unreadable => None,
        }
    }

    /// The value, when there is one, taken.
    pub fn into_value(self) -> Option<T> {
        match self {
            ReadOnly::Value(value) => Some(value),
            ReadOnly::Missing | ReadOnly::Unreadable => None,
        }
    }

    /// Whether the member was present with the wrong type.
    pub fn is_unreadable(&self) -> bool {
        matches!(self, ReadOnly::Unreadable)
    }
}

impl<T> From<Option<T>> for ReadOnly<T> {
    fn from(value: Option<T>) -> Self {
        value.map_or(ReadOnly::Missing, ReadOnly::Value)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for ReadOnly<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Through the member's raw text: a value that fails to decode as `T` then leaves the
        // document's reader past it, and the raw text takes any number (`1e400`) and any
        // depth, which `serde_json::Value` refuses.
        let raw = <&RawValue>::deserialize(deserializer)?;
        Ok(match serde_json::from_str::<Option<T>>(raw.get()) {
            Ok(value) => value.into(),
            Err(_) => ReadOnly::Unreadable,
        })
    }
}

/// For `#[serde(deserialize_with)]`: a [`ReadOnly`] object (see [`Object`]).
pub fn read_only_object<'de, D, T>(deserializer: D) -> Result<ReadOnly<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match ReadOnly::<Object<T>>::deserialize(deserializer)? {
        ReadOnly::Value(Object(value)) => ReadOnly::Value(value),
        ReadOnly::Missing => ReadOnly::Missing,
        ReadOnly::Unreadable => ReadOnly::Unreadable,
    })
}

/// For `#[serde(deserialize_with)]`: a member that is only a hint (of problem details): of
/// the wrong type, it reads as missing.
pub fn hint<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(ReadOnly::<T>::deserialize(deserializer)?.into_value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Card {
        name: Option<String>,
        #[serde(deserialize_with = "object")]
        inner: Option<Inner>,
        count: ReadOnly<i64>,
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Inner {
        a: Option<String>,
    }

    fn card(text: &str) -> Result<Card, String> {
        serde_json::from_str::<Object<Card>>(text)
            .map(|o| o.0)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn objects_are_read_from_objects_only() {
        // What the derived decoder alone would do: members by position.
        let derived: Card = serde_json::from_str(r#"["Tom"]"#).expect("derive takes arrays");
        assert_eq!(derived.name.as_deref(), Some("Tom"));
        assert!(card(r#"["Tom"]"#).is_err(), "an array is not an object");
        assert!(card(r#"{"inner": ["x"]}"#).is_err(), "nor inside one");
        let read = card(r#"{"name": "Tom", "inner": {"a": "x"}}"#).expect("objects");
        assert_eq!(
            read.inner,
            Some(Inner {
                a: Some("x".into())
            })
        );
        assert_eq!(card(r#"{"inner": null}"#).map(|c| c.inner), Ok(None));
    }

    #[test]
    fn read_only_values_of_the_wrong_type_are_unreadable() {
        for (text, expected) in [
            (r#"{}"#, ReadOnly::Missing),
            (r#"{"count": null}"#, ReadOnly::Missing),
            (r#"{"count": 12}"#, ReadOnly::Value(12)),
            (r#"{"count": "12"}"#, ReadOnly::Unreadable),
            (r#"{"count": 1.5}"#, ReadOnly::Unreadable),
            (r#"{"count": 1e400}"#, ReadOnly::Unreadable),
            (r#"{"count": [[[{"deep": true}]]]}"#, ReadOnly::Unreadable),
        ] {
            assert_eq!(card(text).map(|c| c.count), Ok(expected), "{text}");
        }
        // What `serde_json::Value` does with the same number: refuses the document.
        assert!(serde_json::from_str::<serde_json::Value>("1e400").is_err());
    }

    #[test]
    fn the_document_around_an_unreadable_value_is_read_on() {
        let read = card(r#"{"count": {"x": [1, 2]}, "name": "Ann"}"#).expect("read");
        assert_eq!(
            (read.count, read.name.as_deref()),
            (ReadOnly::Unreadable, Some("Ann"))
        );
    }
}
