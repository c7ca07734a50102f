//! PATCH semantics over HTTP: every validation code, the contract's worked examples applied to
//! the example customer, `""` → null, clearing, address verification, limits, concurrency.

mod common;

use axum::http::StatusCode;
use common::*;
use sandbox::{credentials, seed};
use serde_json::{json, Value};

/// A PATCH body and the edit it should make to the stored example profile.
type WorkedExample = (Value, Box<dyn Fn(&mut Value)>);
/// A refused body and its expected `(field, code)` errors.
type RefusedCase<'a> = (&'a str, Vec<(Option<String>, &'a str)>);

async fn patch_ok(app: &axum::Router, body: Value) -> Value {
    let res = patch_profile(app, seed::EXAMPLE, example_token(), &body.to_string()).await;
    assert_eq!(
        res.status,
        StatusCode::NO_CONTENT,
        "{body}: {:?}",
        String::from_utf8_lossy(&res.body)
    );
    assert!(res.body.is_empty());
    get_profile(app, seed::EXAMPLE, example_token())
        .await
        .json()
}

async fn refused(app: &axum::Router, body: &str) -> Vec<(Option<String>, String)> {
    let res = patch_profile(app, seed::EXAMPLE, example_token(), body).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{body}");
    res.codes()
}

fn example() -> Value {
    Value::Object(seed::profiles())[seed::EXAMPLE].clone()
}

#[tokio::test]
async fn get_returns_the_stored_profile_as_is() {
    let dir = TempDir::new("get");
    let app = app(&dir);
    let res = get_profile(&app, seed::EXAMPLE, example_token()).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.header("content-type"), Some("application/json"));
    assert_eq!(res.json(), example());
    // Key order is kept too.
    let text = String::from_utf8(res.body).expect("utf8");
    assert!(text.find("\"email\"") < text.find("\"gm_number\""));
}

#[tokio::test]
async fn worked_examples_of_the_contract() {
    let cases: Vec<WorkedExample> = vec![
        (
            json!({"email": "tom.smith@example.com"}),
            Box::new(|p| p["email"] = json!("tom.smith@example.com")),
        ),
        (
            json!({"third_name": null}),
            Box::new(|p| p["third_name"] = Value::Null),
        ),
        (
            json!({"address": {"city": "Paris"}}),
            Box::new(|p| p["address"]["city"] = json!("Paris")),
        ),
        (
            json!({"phones": [{"number": "0623456789", "type": "MOBILE"}, {"number": "0145678900", "type": "WORK"}]}),
            Box::new(
                |p| p["phones"] = json!([{"number": "0623456789", "type": "MOBILE"}, {"number": "0145678900", "type": "WORK"}]),
            ),
        ),
        (
            json!({"phones": null}),
            Box::new(|p| p["phones"] = Value::Null),
        ),
        (
            json!({"last_name": "Smyth", "locale": "en-GB"}),
            Box::new(|p| {
                p["last_name"] = json!("Smyth");
                p["locale"] = json!("en-GB");
            }),
        ),
    ];
    for (body, edit) in cases {
        let dir = TempDir::new("worked");
        let app = app(&dir);
        let mut expected = example();
        edit(&mut expected);
        assert_eq!(patch_ok(&app, body.clone()).await, expected, "{body}");
    }
}

#[tokio::test]
async fn empty_strings_are_stored_as_null_and_others_verbatim() {
    let dir = TempDir::new("empty");
    let app = app(&dir);
    let after = patch_ok(
        &app,
        json!({"first_name": "", "second_name": "  J  ", "email": "", "locale": "", "address": {"zip_code": "", "city": "", "country_code": ""}}),
    )
    .await;
    assert_eq!(after["first_name"], Value::Null);
    assert_eq!(after["second_name"], "  J  ");
    assert_eq!(after["email"], Value::Null);
    assert_eq!(after["locale"], Value::Null);
    assert_eq!(
        after["address"],
        json!({"city": null, "zip_code": null, "country_code": null})
    );
}

#[tokio::test]
async fn address_null_clears_and_members_merge() {
    let dir = TempDir::new("address");
    let app = app(&dir);
    let after = patch_ok(&app, json!({"address": null})).await;
    assert_eq!(after["address"], Value::Null);
    // From a null address, members build a new one (verified).
    let after = patch_ok(&app, json!({"address": {"city": "Lyon", "zip_code": "69003", "country_code": "FR", "street": "1 rue X"}})).await;
    assert_eq!(
        after["address"],
        json!({"city": "Lyon", "zip_code": "69003", "country_code": "FR", "street": "1 rue X"})
    );
    let after = patch_ok(&app, json!({"address": {"zip_code": "69001"}})).await;
    assert_eq!(after["address"]["zip_code"], "69001");
    assert_eq!(after["address"]["street"], "1 rue X");
}

#[tokio::test]
async fn same_value_is_a_no_op() {
    let dir = TempDir::new("noop");
    let app = app(&dir);
    let after = patch_ok(&app, json!({"email": "tom@example.com", "address": {"city": "Aix-en-Provence"}, "phones": [{"number": "0623456789", "type": "MOBILE"}]})).await;
    assert_eq!(after, example());
    assert_eq!(patch_ok(&app, json!({})).await, example());
}

#[tokio::test]
async fn every_validation_code() {
    let dir = TempDir::new("codes");
    let app = app(&dir);
    let f = |s: &str| Some(s.to_owned());
    let cases: Vec<RefusedCase> = vec![
        ("not json", vec![(None, "INVALID_JSON")]),
        ("[1,2]", vec![(None, "INVALID_JSON")]),
        ("", vec![(None, "INVALID_JSON")]),
        (
            r#"{"gm_number":"1","loyalty_program":{},"optins":[],"_links":{},"gender":"M","civility":"MR","birthdate":"1","identity":{},"customer_status":"X"}"#,
            [
                "gm_number",
                "loyalty_program",
                "optins",
                "_links",
                "gender",
                "civility",
                "birthdate",
                "identity",
                "customer_status",
            ]
            .iter()
            .map(|k| (f(k), "READ_ONLY_FIELD"))
            .collect(),
        ),
        (
            r#"{"address":{"town":"a","country":"b","additional_information_2":"c"}}"#,
            vec![
                (f("address.town"), "READ_ONLY_FIELD"),
                (f("address.country"), "READ_ONLY_FIELD"),
                (f("address.additional_information_2"), "READ_ONLY_FIELD"),
            ],
        ),
        (
            r#"{"nickname":"x","address":{"floor":1}}"#,
            vec![
                (f("nickname"), "UNKNOWN_FIELD"),
                (f("address.floor"), "UNKNOWN_FIELD"),
            ],
        ),
        (
            r#"{"email":1,"phones":"x","address":[],"locale":true}"#,
            vec![
                (f("email"), "INVALID_TYPE"),
                (f("phones"), "INVALID_TYPE"),
                (f("address"), "INVALID_TYPE"),
                (f("locale"), "INVALID_TYPE"),
            ],
        ),
        (r#"{"email":"tom@"}"#, vec![(f("email"), "INVALID_EMAIL")]),
        (
            r#"{"phones":[{"number":"06-23-4","type":"MOBILE"},{"number":"06 23 45 67 89 #2","type":"HOME"}]}"#,
            vec![
                (f("phones.0.number"), "INVALID_PHONE"),
                (f("phones.1.number"), "INVALID_PHONE"),
            ],
        ),
        (
            r#"{"phones":[{"number":"0623456789","type":"mobile"}]}"#,
            vec![(f("phones.0.type"), "INVALID_PHONE_TYPE")],
        ),
        (
            r#"{"address":{"country_code":"UK"}}"#,
            vec![(f("address.country_code"), "INVALID_COUNTRY")],
        ),
        (
            r#"{"locale":"fr_FR"}"#,
            vec![(f("locale"), "INVALID_LOCALE")],
        ),
    ];
    for (body, expected) in cases {
        let got = refused(&app, body).await;
        let expected: Vec<(Option<String>, String)> = expected
            .into_iter()
            .map(|(f, c)| (f, c.to_owned()))
            .collect();
        assert_eq!(got, expected, "{body}");
    }
    let long =
        json!({"first_name": "a".repeat(256), "address": {"city": "b".repeat(300)}}).to_string();
    assert_eq!(
        refused(&app, &long).await,
        vec![
            (f("first_name"), "TOO_LONG".to_owned()),
            (f("address.city"), "TOO_LONG".to_owned())
        ]
    );
    // Nothing was stored by any refused PATCH.
    assert_eq!(
        get_profile(&app, seed::EXAMPLE, example_token())
            .await
            .json(),
        example()
    );
}

#[tokio::test]
async fn address_verification_and_force_address() {
    let dir = TempDir::new("force");
    let app = app(&dir);
    let body = r#"{"address":{"street":"1 cours Mirabeau"}}"#;
    assert_eq!(
        refused(&app, body).await,
        vec![(Some("address".into()), "ADDRESS_UNKNOWN".into())]
    );
    let uri = "/v1/customers/123456789/profile?force_address=false";
    let res = call(
        &app,
        "PATCH",
        uri,
        &good_headers(example_token()),
        Some(body),
    )
    .await;
    assert_eq!(res.code(), "ADDRESS_UNKNOWN");
    let uri = "/v1/customers/123456789/profile?force_address=true";
    let res = call(
        &app,
        "PATCH",
        uri,
        &good_headers(example_token()),
        Some(body),
    )
    .await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let after = get_profile(&app, seed::EXAMPLE, example_token())
        .await
        .json();
    assert_eq!(after["address"]["street"], "1 cours Mirabeau");
    // A known place needs no force; an unknown zip for it does.
    assert_eq!(
        patch_ok(&app, json!({"address": {"zip_code": "13100"}})).await["address"]["zip_code"],
        "13100"
    );
    assert_eq!(
        refused(&app, r#"{"address":{"zip_code":"99999"}}"#).await,
        vec![(Some("address".into()), "ADDRESS_UNKNOWN".into())]
    );
    for bad in ["maybe", "1", "", "TRUE"] {
        let uri = format!("/v1/customers/123456789/profile?force_address={bad}");
        let res = call(
            &app,
            "PATCH",
            &uri,
            &good_headers(example_token()),
            Some("{}"),
        )
        .await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(
            res.codes(),
            vec![(
                Some("force_address".into()),
                "INVALID_QUERY_PARAMETER".into()
            )]
        );
    }
}

#[tokio::test]
async fn body_limit_and_content_type() {
    let dir = TempDir::new("limit");
    let app = app(&dir);
    let big = format!("{{\"first_name\":\"{}\"}}", "a".repeat(64 * 1024));
    let res = patch_profile(&app, seed::EXAMPLE, example_token(), &big).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(res.code(), "PAYLOAD_TOO_LARGE");
    // Auth still comes first.
    let res = patch_profile(&app, seed::EXAMPLE, "nope", &big).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    // Just under the limit is read (and then refused for its length).
    let fits = format!("{{\"first_name\":\"{}\"}}", "a".repeat(64 * 1024 - 20));
    let res = patch_profile(&app, seed::EXAMPLE, example_token(), &fits).await;
    assert_eq!(res.code(), "TOO_LONG");

    let mut headers = good_headers(example_token());
    headers.push(("content-type".into(), "text/plain".into()));
    let res = call(
        &app,
        "PATCH",
        "/v1/customers/123456789/profile",
        &headers,
        Some("{}"),
    )
    .await;
    assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(res.code(), "UNSUPPORTED_MEDIA_TYPE");
    // No content type at all is read as JSON.
    let req = axum::http::Request::builder()
        .method("PATCH")
        .uri("/v1/customers/123456789/profile")
        .header("x-api-key", credentials::API_KEY)
        .header("authorization", format!("Bearer {}", example_token()))
        .header("accept-language", "en")
        .body(axum::body::Body::from("{\"first_name\":\"Thomas\"}"))
        .expect("request");
    let res = tower::ServiceExt::oneshot(app.clone(), req)
        .await
        .expect("call");
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn unknown_phone_types_may_be_sent_back() {
    let dir = TempDir::new("satellite");
    let app = app(&dir);
    let token = credentials::token_for(seed::EXTRAS).expect("token");
    let body = json!({"phones": [{"number": "+870 773 123 456", "type": "SATELLITE"}, {"number": "0145678900", "type": "WORK"}]});
    let res = patch_profile(&app, seed::EXTRAS, token, &body.to_string()).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    let after = get_profile(&app, seed::EXTRAS, token).await.json();
    assert_eq!(after["phones"], body["phones"]);
    // Extras are kept untouched by an edit.
    assert_eq!(
        after["optins"],
        Value::Object(seed::profiles())[seed::EXTRAS]["optins"]
    );
}

#[tokio::test]
async fn failed_write_answers_500_and_changes_nothing() {
    let dir = TempDir::new("readonly");
    let app = app(&dir);
    std::fs::remove_dir_all(dir.path()).expect("remove data dir");
    let res = patch_profile(
        &app,
        seed::EXAMPLE,
        example_token(),
        r#"{"email":"new@example.com"}"#,
    )
    .await;
    assert_eq!(res.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(res.code(), "STORAGE_FAILED");
    let after = get_profile(&app, seed::EXAMPLE, example_token())
        .await
        .json();
    assert_eq!(after["email"], "tom@example.com");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_patches_on_different_fields_both_survive() {
    let dir = TempDir::new("concurrent");
    let app = app(&dir);
    for round in 0..40 {
        let first = format!("First{round}");
        let last = format!("Last{round}");
        let a = {
            let app = app.clone();
            let body = json!({ "first_name": first }).to_string();
            tokio::spawn(
                async move { patch_profile(&app, seed::EXAMPLE, example_token(), &body).await },
            )
        };
        let b = {
            let app = app.clone();
            let body = json!({ "last_name": last }).to_string();
            tokio::spawn(
                async move { patch_profile(&app, seed::EXAMPLE, example_token(), &body).await },
            )
        };
        assert_eq!(a.await.expect("a").status, StatusCode::NO_CONTENT);
        assert_eq!(b.await.expect("b").status, StatusCode::NO_CONTENT);
        let after = get_profile(&app, seed::EXAMPLE, example_token())
            .await
            .json();
        assert_eq!(
            (after["first_name"].as_str(), after["last_name"].as_str()),
            (Some(first.as_str()), Some(last.as_str()))
        );
    }
    // And the file agrees with memory.
    let file: Value =
        serde_json::from_slice(&std::fs::read(dir.data()).expect("data")).expect("json");
    assert_eq!(file["customers"][seed::EXAMPLE]["first_name"], "First39");
    assert_eq!(file["customers"][seed::EXAMPLE]["last_name"], "Last39");
}
