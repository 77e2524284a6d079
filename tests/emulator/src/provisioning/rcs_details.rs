//! The rules of an RCS sender's `details` (spec v1.2.117, `RcsSenderDetailsInputDto` and
//! `RcsUpdateSenderDetailsInputDto`), shared by create and update: the brand's limits, test
//! numbers in E.164, launch countries from the spec's list, and how an update merges (`null`
//! deletes a list or field; a questionnaire section given replaces the stored one).

use super::store::{now_iso, Resource};
use serde_json::{json, Map, Value};

/// The countries a sender can be launched in (`RcsInputRcsCountryCodesEnum`).
const COUNTRIES: &[&str] = &[
    "AT", "BE", "BR", "CA", "CZ", "DK", "FI", "FR", "DE", "GR", "HU", "IT", "LT", "MX", "NL", "NO",
    "PE", "PL", "PT", "SG", "SK", "ES", "SE", "US", "GB",
];

/// The most test numbers a sender has.
pub const MAX_TEST_NUMBERS: usize = 200;

/// `+` and 7 to 15 digits, the first not 0.
pub fn is_e164(number: &str) -> bool {
    let Some(digits) = number.strip_prefix('+') else {
        return false;
    };
    (7..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

/// Checks `details` of a create (`patch` false) or an update (`patch` true: lists may be
/// `null`), adding one message per problem.
pub fn check(details: &Map<String, Value>, patch: bool, errors: &mut Vec<String>) {
    match details.get("brand") {
        None => {}
        Some(Value::Object(brand)) => check_brand(brand, patch, errors),
        Some(Value::Null) if patch => {}
        Some(_) => errors.push("details.brand must be an object".into()),
    }
    if let Some(numbers) = list(details, "testNumbers", patch, errors) {
        check_test_numbers(numbers, "details.testNumbers", errors);
    }
    if let Some(countries) = list(details, "countries", patch, errors) {
        if countries.is_empty() {
            errors.push("details.countries must contain at least 1 elements".into());
        }
        for c in countries {
            if !c.as_str().is_some_and(|c| COUNTRIES.contains(&c)) {
                errors.push(format!(
                    "details.countries has {c}; each value must be one of the following values: {}",
                    COUNTRIES.join(", ")
                ));
            }
        }
        unique(countries, "details.countries", errors);
    }
    match details.get("questionnaire") {
        None | Some(Value::Object(_)) => {}
        Some(Value::Null) if patch => {}
        Some(_) => errors.push("details.questionnaire must be an object".into()),
    }
}

/// Checks the numbers of a test-number request.
pub fn check_test_numbers(numbers: &[Value], field: &str, errors: &mut Vec<String>) {
    if numbers.len() > MAX_TEST_NUMBERS {
        errors.push(format!(
            "{field} must contain no more than {MAX_TEST_NUMBERS} elements"
        ));
    }
    for n in numbers {
        if !n.as_str().is_some_and(is_e164) {
            errors.push(format!(
                "{field} has {n}; each value must be an E.164 phone number (+ and 7 to 15 digits)"
            ));
        }
    }
    unique(numbers, field, errors);
}

/// The array at `key`, if it is one (`null` is allowed in an update and means "delete").
fn list<'a>(
    obj: &'a Map<String, Value>,
    key: &str,
    patch: bool,
    errors: &mut Vec<String>,
) -> Option<&'a Vec<Value>> {
    match obj.get(key) {
        None => None,
        Some(Value::Array(a)) => Some(a),
        Some(Value::Null) if patch => None,
        Some(_) => {
            errors.push(format!("details.{key} must be an array"));
            None
        }
    }
}

fn unique(items: &[Value], field: &str, errors: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    if !items.iter().all(|v| seen.insert(v.to_string())) {
        errors.push(format!("All {field}'s elements must be unique"));
    }
}

fn check_brand(brand: &Map<String, Value>, patch: bool, errors: &mut Vec<String>) {
    if let Some(name) = brand.get("name").and_then(Value::as_str) {
        if name.chars().count() > 40 {
            errors.push("details.brand.name must be shorter than or equal to 40 characters".into());
        }
    }
    if let Some(d) = brand.get("description").and_then(Value::as_str) {
        if d.chars().count() > 100 {
            errors.push(
                "details.brand.description must be shorter than or equal to 100 characters".into(),
            );
        }
    }
    if let Some(c) = brand.get("color").and_then(Value::as_str) {
        let hex = c.strip_prefix('#').unwrap_or("x");
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            errors.push("details.brand.color must be a hexadecimal color (#rrggbb)".into());
        }
    }
    for (key, value_key) in [
        ("emails", "address"),
        ("phones", "number"),
        ("websites", "url"),
    ] {
        let Some(items) = list(brand, key, patch, errors) else {
            continue;
        };
        if items.is_empty() || items.len() > 3 {
            errors.push(format!("details.brand.{key} must contain 1 to 3 elements"));
        }
        let mut values = Vec::new();
        for item in items {
            let label = item.get("label").and_then(Value::as_str);
            let value = item.get(value_key).and_then(Value::as_str);
            if label.is_none_or(|l| l.chars().count() > 25) {
                errors.push(format!(
                    "details.brand.{key}.label is required, at most 25 characters"
                ));
            }
            match value {
                Some(v) if key != "phones" || is_brand_phone(v) => values.push(json!(v)),
                _ => errors.push(format!(
                    "details.brand.{key}.{value_key} is required{}",
                    if key == "phones" {
                        " (6 to 15 digits, + and spaces allowed)"
                    } else {
                        ""
                    }
                )),
            }
        }
        unique(&values, &format!("details.brand.{key}.{value_key}"), errors);
    }
}

/// The spec's pattern for a brand phone: `^\+?[\d+\s]{6,15}$`.
fn is_brand_phone(number: &str) -> bool {
    let rest = number.strip_prefix('+').unwrap_or(number);
    (6..=15).contains(&rest.chars().count())
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == '+' || c.is_whitespace())
}

/// Applies an update's `details` to a stored sender.
pub fn merge(sender: &mut Resource, update: &Map<String, Value>) {
    let details = sender
        .entry("details")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .expect("details is an object");
    for (key, value) in update {
        match (key.as_str(), value) {
            (_, Value::Null) => {
                details.remove(key);
            }
            ("brand" | "questionnaire", Value::Object(changes)) => {
                let target = details
                    .entry(key.clone())
                    .or_insert_with(|| json!({}))
                    .as_object_mut()
                    .expect("an object");
                for (k, v) in changes {
                    if v.is_null() {
                        target.remove(k);
                    } else {
                        target.insert(k.clone(), v.clone());
                    }
                }
            }
            _ => {
                details.insert(key.clone(), value.clone());
            }
        }
    }
    sync_test_number_states(sender);
}

/// Keeps `testNumberStates` in step with `details.testNumbers`: a new number starts
/// `UNVERIFIED`, a number no longer listed loses its state.
pub fn sync_test_number_states(sender: &mut Resource) {
    let numbers: Vec<String> = sender
        .get("details")
        .and_then(|d| d.get("testNumbers"))
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let old: Vec<Value> = sender
        .get("testNumberStates")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let states: Vec<Value> = numbers
        .iter()
        .map(|n| {
            old.iter()
                .find(|s| s.get("number").and_then(Value::as_str) == Some(n.as_str()))
                .cloned()
                .unwrap_or_else(|| unverified(n))
        })
        .collect();
    sender.insert("testNumberStates".into(), Value::Array(states));
}

/// A number just invited.
pub fn unverified(number: &str) -> Value {
    json!({"number": number, "state": "UNVERIFIED", "submitted": now_iso()})
}
