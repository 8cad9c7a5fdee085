//! The JSON parser and writer: what is accepted and rejected, every escape,
//! surrogates, numbers, the depth limit, error positions, and round trips.

use proptest::prelude::*;
use wxcard::json;
use wxcard::json::{MAX_DEPTH, Map, Number, ToJson, Value};

fn parse(text: &str) -> Value {
    Value::parse(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn reject(text: &str) -> String {
    match Value::parse(text) {
        Ok(v) => panic!("{text:?} parsed as {v}"),
        Err(e) => e.message().to_owned(),
    }
}

#[test]
fn literals_and_whitespace() {
    assert_eq!(parse("null"), Value::Null);
    assert_eq!(parse(" \t\r\ntrue\n"), json!(true));
    assert_eq!(parse("false"), json!(false));
    assert_eq!(parse(r#""""#), json!(""));
    assert_eq!(parse("[]"), json!([]));
    assert_eq!(parse("{}"), json!({}));
    assert_eq!(parse(" [ 1 , { \"a\" : [ ] } ] "), json!([1, {"a": []}]));
    for bad in [
        "",
        " ",
        "nul",
        "tru",
        "fals",
        "True",
        "NULL",
        "NaN",
        "Infinity",
        "undefined",
        "'x'",
    ] {
        reject(bad);
    }
    // Only space, tab, line feed and carriage return are whitespace.
    for bad in ["\u{feff}{}", "\u{a0}1", "\u{c}1", "1\u{b}", "\u{2028}1"] {
        reject(bad);
    }
}

#[test]
fn trailing_characters() {
    assert_eq!(reject("{} x"), "trailing characters");
    assert_eq!(reject("1 2"), "trailing characters");
    assert_eq!(reject("[1]]"), "trailing characters");
    assert_eq!(reject("\"a\"\"b\""), "trailing characters");
    assert_eq!(reject("{}\u{0}"), "trailing characters");
}

#[test]
fn arrays_and_objects() {
    for bad in [
        "[1,]",
        "[,1]",
        "[1 2]",
        "[",
        "[1",
        "{,}",
        r#"{"a"}"#,
        r#"{"a":1,}"#,
        "{1:2}",
        r#"{"a" 1}"#,
        "{'a':1}",
        r#"{"a":1"#,
    ] {
        reject(bad);
    }
    assert_eq!(reject("{1:2}"), "key must be a string");
    assert_eq!(reject("[1 2]"), "expected `,` or `]`");
    assert_eq!(reject(r#"{"a" 1}"#), "expected `:`");
}

#[test]
fn repeated_keys_keep_the_last_value_and_keys_are_sorted() {
    let v = parse(r#"{"b":1,"a":2,"b":3,"c":{"y":1,"x":2}}"#);
    assert_eq!(v["b"], 3u64);
    assert_eq!(v.as_object().map(Map::len), Some(3));
    assert_eq!(v.to_json(), r#"{"a":2,"b":3,"c":{"x":2,"y":1}}"#);
}

#[test]
fn every_escape_reads() {
    let v = parse(r#""\"\\\/\b\f\n\r\t\u0041\u00e9\u4e2d\uD83D\uDE00\u0000""#);
    assert_eq!(v, json!("\"\\/\u{8}\u{c}\n\r\tAé中😀\u{0}"));
    // Hex digits in either case.
    assert_eq!(parse(r#""\u00E9\u00e9""#), json!("éé"));
    for bad in [
        r#""\x""#,
        r#""\u12""#,
        r#""\u12g4""#,
        r#""\'""#,
        r#""\U0041""#,
        "\"\\",
        r#""\u"#,
    ] {
        reject(bad);
    }
}

#[test]
fn raw_control_characters_are_rejected_and_others_kept() {
    for c in 0u8..0x20 {
        let text = format!("\"a{}b\"", char::from(c));
        assert_eq!(
            reject(&text),
            "control character (\\u0000-\\u001F) found while parsing a string"
        );
    }
    assert_eq!(
        parse("\"\u{7f}é卡\u{10ffff}\""),
        json!("\u{7f}é卡\u{10ffff}")
    );
    assert_eq!(reject("\"abc"), "EOF while parsing a string");
}

#[test]
fn surrogate_escapes() {
    assert_eq!(parse(r#""\ud83d\ude00""#), json!("😀"));
    assert_eq!(parse(r#""\uDBFF\uDFFF""#), json!("\u{10ffff}"));
    assert_eq!(
        reject(r#""\ud800""#),
        "lone leading surrogate in hex escape"
    );
    assert_eq!(
        reject(r#""\ud800x""#),
        "lone leading surrogate in hex escape"
    );
    assert_eq!(
        reject(r#""\ud800\u0041""#),
        "lone leading surrogate in hex escape"
    );
    assert_eq!(
        reject(r#""\ud800\ud800""#),
        "lone leading surrogate in hex escape"
    );
    assert_eq!(
        reject(r#""\udc00""#),
        "lone trailing surrogate in hex escape"
    );
    assert_eq!(
        reject(r#""\ude00\ud83d""#),
        "lone trailing surrogate in hex escape"
    );
}

#[test]
fn numbers() {
    let n = |text: &str| match parse(text) {
        Value::Number(n) => n,
        other => panic!("{text}: {other:?}"),
    };
    assert_eq!(n("0").as_u64(), Some(0));
    assert_eq!(n("-0").as_i64(), None, "-0 is not an integer");
    assert_eq!(n("-0").to_string(), "-0");
    assert_eq!(n("1404896688").as_u64(), Some(1_404_896_688));
    assert_eq!(n("-42").as_i64(), Some(-42));
    assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
    // Beyond 64 bits: a number, kept digit for digit.
    let big = n("123456789012345678901234567890");
    assert_eq!((big.as_u64(), big.as_i64()), (None, None));
    assert_eq!(
        parse("[123456789012345678901234567890]").to_json(),
        "[123456789012345678901234567890]"
    );
    assert_eq!(n("1.50").to_string(), "1.50");
    assert_eq!(n("1E+2").to_string(), "1E+2");
    assert!(n("1e308").is_f64());
    assert!(n("1e-400").is_f64());
    assert!(n("0e99999999999999999999").is_f64());
    assert_eq!(reject("1e400"), "number out of range");
    assert_eq!(reject("-1e400"), "number out of range");
    assert_eq!(reject("[1.8e308]"), "number out of range");
    for bad in [
        "01", "-01", "00", "1.", ".5", "+1", "1e", "1e+", "-", "--1", "0x10", "1.e5", "-.5",
        "1_000",
    ] {
        reject(bad);
    }
    assert_eq!(reject("01"), "invalid number");
    assert_eq!(Number::from_text("12"), Some(n("12")));
    assert_eq!(Number::from_text("12 "), None);
}

#[test]
fn depth_limit() {
    let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(Value::parse(&nested(MAX_DEPTH)).is_ok());
    assert_eq!(reject(&nested(MAX_DEPTH + 1)), "recursion limit exceeded");
    let objects = format!(
        "{}1{}",
        r#"{"a":"#.repeat(MAX_DEPTH + 1),
        "}".repeat(MAX_DEPTH + 1)
    );
    assert_eq!(reject(&objects), "recursion limit exceeded");
    // Hostile depth is an error, not a stack overflow.
    assert_eq!(reject(&nested(1_000_000)), "recursion limit exceeded");
    assert_eq!(reject(&"[".repeat(1_000_000)), "recursion limit exceeded");
}

#[test]
fn error_positions() {
    let e = Value::parse("{\n  \"a\": x}").unwrap_err();
    assert_eq!((e.line(), e.column(), e.is_eof()), (2, 8, false));
    assert_eq!(e.to_string(), "expected value at line 2 column 8");
    let e = Value::parse("[1,").unwrap_err();
    assert!(e.is_eof());
    assert_eq!(
        e.to_string(),
        "EOF while parsing a value at line 1 column 3"
    );
    let e = Value::parse("").unwrap_err();
    assert_eq!((e.line(), e.column()), (1, 0));
    // Messages never quote the text.
    let e = Value::parse("{\"secret-ticket\": tru}").unwrap_err();
    assert!(!e.to_string().contains("secret") && !e.to_string().contains("tru"));
}

#[test]
fn writer_escapes_as_serde_json_and_json_stringify_do() {
    assert_eq!(json!("\"\\/").to_json(), r#""\"\\/""#);
    assert_eq!(json!("\u{8}\u{c}\n\r\t").to_json(), r#""\b\f\n\r\t""#);
    let controls: String = (0u8..0x20).map(char::from).collect();
    let expected = r#""\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f""#;
    assert_eq!(json!(controls).to_json(), expected);
    assert_eq!(
        json!("\u{7f}é卡😀\u{2028}").to_json(),
        "\"\u{7f}é卡😀\u{2028}\""
    );
    assert_eq!(
        json!({"k\"ey": [null, true, false, 1, -2, "s"], "a": {}}).to_json(),
        r#"{"a":{},"k\"ey":[null,true,false,1,-2,"s"]}"#
    );
    assert_eq!(json!({"x": 1}).to_string(), r#"{"x":1}"#);
}

#[test]
fn texts_round_trip() {
    for text in [
        r#"{"card_id":"p1","code":"1434008071","n":[1,2.5,-3e-2,{"z":null}],"t":true}"#,
        r#""\u0000\"\\\n卡券😀""#,
        "[123456789012345678901234567890,-0,0.000]",
    ] {
        assert_eq!(parse(text).to_json(), text);
    }
}

/// Any JSON value (numbers in every form the grammar allows).
fn values() -> impl Strategy<Value = Value> {
    let number = "-?(0|[1-9][0-9]{0,25})(\\.[0-9]{1,5})?([eE][+-]?[0-9]{1,3})?"
        .prop_filter_map("finite", |t| Number::from_text(&t).map(Value::Number));
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number,
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            prop::collection::vec((any::<String>(), inner), 0..8)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn written_text_parses_back_to_the_same_value(value in values()) {
        let text = value.to_json();
        let back = Value::parse(&text).map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert_eq!(&back, &value);
        prop_assert_eq!(back.to_json(), text);
    }

    #[test]
    fn any_text_parses_or_fails_without_panicking(text in "[\\[\\]{}\":,0-9eE.+\\-a-z\\\\ \\t\\n\u{0}é😀]{0,40}") {
        if let Ok(value) = Value::parse(&text) {
            prop_assert_eq!(Value::parse(&value.to_json()), Ok(value));
        }
    }
}
