//! The sandbox's fixed credentials.
//!
//! These are **sandbox-only demo values**, published on purpose so that the app, the tests and
//! a developer with `curl` can all authenticate against the local server. They grant nothing
//! anywhere else and must never be mistaken for real secrets.

use crate::seed;

/// The only `x-api-key` the sandbox accepts (a sandbox-only demo value).
pub const API_KEY: &str = "sandbox-demo-api-key";

/// A bearer token that once belonged to customer 123456789 and is now expired: it always
/// answers 401 `TOKEN_EXPIRED`, so the app's "session expired" path can be exercised.
pub const EXPIRED_TOKEN: &str = "sandbox-token-expired";

/// An agent (back-office) bearer token that may read and patch any customer, the only way to
/// reach a 404 for an id that has no token of its own (sandbox-only demo value).
pub const AGENT_TOKEN: &str = "sandbox-agent-token";

/// Customer tokens, one per seed customer plus one for the deleted customer.
const CUSTOMER_TOKENS: [(&str, &str); 6] = [
    (seed::EXAMPLE, "sandbox-token-123456789"),
    (seed::ALL_NULL, "sandbox-token-200000001"),
    (seed::EXTRAS, "sandbox-token-200000002"),
    (seed::NON_LATIN, "sandbox-token-200000003"),
    (seed::XSS, "sandbox-token-200000004"),
    (seed::DELETED, "sandbox-token-200000009"),
];

/// The bearer token scoped to `customer_id` (`sandbox-token-<customer_id>`), if that customer
/// has one: exists so tests and the demo config never spell tokens by hand.
pub fn token_for(customer_id: &str) -> Option<&'static str> {
    CUSTOMER_TOKENS
        .iter()
        .find(|(id, _)| *id == customer_id)
        .map(|(_, token)| *token)
}

/// What a bearer token grants, as the auth check needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// May act on this one customer only.
    Customer(&'static str),
    /// May act on any customer.
    Agent,
    /// Recognised, but expired.
    Expired,
}

/// Looks a bearer token up: exists so the auth check has one place to ask.
pub fn grant_for(token: &str) -> Option<Grant> {
    if token == AGENT_TOKEN {
        return Some(Grant::Agent);
    }
    if token == EXPIRED_TOKEN {
        return Some(Grant::Expired);
    }
    CUSTOMER_TOKENS
        .iter()
        .find(|(_, t)| *t == token)
        .map(|(id, _)| Grant::Customer(id))
}

/// A multi-line, human listing of every credential, printed by the binary at start so a
/// developer can copy them into `curl` (sandbox-only demo values).
pub fn describe() -> String {
    let mut out =
        String::from("Sandbox credentials (demo values, valid only against this sandbox):\n");
    out.push_str(&format!("  x-api-key: {API_KEY}\n"));
    out.push_str("  customer tokens (authorization: Bearer <token>):\n");
    for (id, token) in CUSTOMER_TOKENS {
        let note = match id {
            seed::EXAMPLE => "the scenario page's example customer",
            seed::ALL_NULL => "every optional field null",
            seed::EXTRAS => "unknown extra fields, SATELLITE phone",
            seed::NON_LATIN => "Chinese and Arabic names",
            seed::XSS => "HTML/script in names",
            seed::DELETED => "no profile: 404",
            _ => "",
        };
        out.push_str(&format!("    {id}  {token}  ({note})\n"));
    }
    out.push_str(&format!(
        "  agent token (any customer): {AGENT_TOKEN}\n  expired token (was {}): {EXPIRED_TOKEN}\n",
        seed::EXAMPLE
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_token_maps_back_to_its_customer() {
        for id in [
            seed::EXAMPLE,
            seed::ALL_NULL,
            seed::EXTRAS,
            seed::NON_LATIN,
            seed::XSS,
            seed::DELETED,
        ] {
            let token = token_for(id).expect("seed customer has a token");
            assert_eq!(token, format!("sandbox-token-{id}"));
            assert_eq!(grant_for(token), Some(Grant::Customer(id)));
        }
        assert_eq!(token_for("999"), None);
        assert_eq!(grant_for(AGENT_TOKEN), Some(Grant::Agent));
        assert_eq!(grant_for(EXPIRED_TOKEN), Some(Grant::Expired));
        assert_eq!(grant_for("nope"), None);
    }

    #[test]
    fn describe_lists_all_values() {
        let text = describe();
        for needle in [
            API_KEY,
            AGENT_TOKEN,
            EXPIRED_TOKEN,
            "sandbox-token-200000009",
        ] {
            assert!(text.contains(needle), "{needle} missing from {text}");
        }
    }
}
