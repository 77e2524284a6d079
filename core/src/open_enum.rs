//! Open enums: the server keeps adding values, so an unknown value is kept as `Unknown(text)`
//! and sent back unchanged, never an error. Across the FFI an open enum is a plain string, so
//! Python and Kotlin keep unknown values too.

/// Declares an open enum with its wire strings.
#[macro_export]
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
            /// A value this version of sinch-core does not know; kept as sent.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows, as on the wire.
            pub const KNOWN: &'static [&'static str] = &[$($wire),*];

            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Unknown(s) => s.as_str(),
                }
            }

            pub fn is_known(&self) -> bool {
                !matches!(self, Self::Unknown(_))
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s {
                    $($wire => Self::$variant,)*
                    other => Self::Unknown(other.to_string()),
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $($wire => Self::$variant,)*
                    _ => Self::Unknown(s),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        /// Reads the wire string in place: a known value allocates nothing.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct WireString;
                impl serde::de::Visitor<'_> for WireString {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$name, E> {
                        Ok($name::from(s))
                    }
                    fn visit_string<E: serde::de::Error>(self, s: String) -> Result<$name, E> {
                        Ok($name::from(s))
                    }
                }
                d.deserialize_str(WireString)
            }
        }

        #[cfg(feature = "uniffi")]
        uniffi::custom_type!($name, String, {
            lower: |v| v.as_str().to_string(),
            try_lift: |s| Ok($name::from(s)),
        });

        /// In Python an open enum is its wire string, as UniFFI's custom type lifts it.
        #[cfg(feature = "python")]
        impl $crate::pickle::ToPickle for $name {
            fn pickle(&self, w: &mut $crate::pickle::PickleWriter) {
                w.repeated_str(self.as_str());
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::provisioning::whatsapp::templates::WhatsappTemplateState as State;

    #[test]
    fn values_are_read_in_place_escaped_or_owned() {
        assert_eq!(
            serde_json::from_str::<State>(r#""PAUSED""#).unwrap(),
            State::Paused
        );
        // An escape makes serde_json hand over an owned string instead of a borrowed one.
        assert_eq!(
            serde_json::from_str::<State>(r#""P\u0041USED""#).unwrap(),
            State::Paused
        );
        let owned = serde_json::from_value::<State>(serde_json::json!("REJECTED")).unwrap();
        assert_eq!(owned, State::Rejected);
        let unknown = serde_json::from_str::<State>(r#""IN_APPEAL""#).unwrap();
        assert_eq!(unknown, State::Unknown("IN_APPEAL".into()));
        assert_eq!(unknown.as_str(), "IN_APPEAL");
        let not_text = serde_json::from_str::<State>("7").unwrap_err().to_string();
        assert!(not_text.contains("expected a string"), "{not_text}");
    }

    #[test]
    fn an_owned_unknown_value_is_kept_as_sent() {
        assert_eq!(
            State::from("IN_APPEAL".to_string()),
            State::Unknown("IN_APPEAL".into())
        );
        assert_eq!(State::from("APPROVED".to_string()), State::Approved);
    }
}
