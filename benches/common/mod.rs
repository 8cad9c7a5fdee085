//! The inputs every benchmark shares, native and JavaScript alike.
//!
//! They are the official example of the JS-SDK documentation (Appendix 4): the
//! same ticket, card, code, timestamp and nonce the Node benchmarks in
//! `bench/js/` use, so the numbers compare like with like.

#![allow(dead_code)]

use std::time::Duration;

use criterion::Criterion;
use wxcard::Ticket;
use wxcard::json;
use wxcard::json::Value;
use wxcard::sign::card_signature;

/// The card `api_ticket` of the example.
pub const TICKET: &str = "ojZ8YtyVyr30HheH3CM73y7h4jJE";
/// The card id of the example.
pub const CARD_ID: &str = "pjZ8Yt1XGILfi-FUsewpnnolGgZk";
/// The custom code of the example.
pub const CODE: &str = "1434008071";
/// The timestamp of the example (Unix seconds).
pub const TIMESTAMP: u64 = 1_404_896_688;
/// The nonce of the example.
pub const NONCE: &str = "123";
/// "Now" for the freshness checks: twelve seconds after the timestamp.
pub const NOW: u64 = 1_404_896_700;
/// How many items the list benchmarks verify.
pub const LIST_LEN: usize = 64;

/// The example's cardExt, correctly signed.
pub const CARD_EXT: &str = r#"{"code":"1434008071","timestamp":"1404896688","nonce_str":"123","signature":"f137ab68b7f8112d20ee528ab6074564e2796250"}"#;

/// The example's ticket.
pub fn ticket() -> Ticket {
    Ticket::new(TICKET)
}

/// The example's cardExt signed with the values concatenated unsorted (a
/// mistake `diagnose_card_ext` names as `UNSORTED`, one of the last it tries).
pub fn unsorted_card_ext() -> String {
    let wrong =
        wxcard::sign::sha1_hex([format!("{TICKET}{TIMESTAMP}{CARD_ID}{CODE}{NONCE}").as_bytes()]);
    format!(
        r#"{{"code":"{CODE}","timestamp":"{TIMESTAMP}","nonce_str":"{NONCE}","signature":"{wrong}"}}"#
    )
}

/// A cardExt whose signature no known mistake reproduces: the whole search runs.
pub fn unexplained_card_ext() -> String {
    let wrong = card_signature(&["not", "what", "was", "signed"]);
    format!(
        r#"{{"code":"{CODE}","timestamp":"{TIMESTAMP}","nonce_str":"{NONCE}","signature":"{wrong}"}}"#
    )
}

/// `LIST_LEN` items of `{ cardId, cardExt }`, all the example.
pub fn card_list() -> Value {
    Value::Array(
        (0..LIST_LEN)
            .map(|_| json!({ "cardId": CARD_ID, "cardExt": CARD_EXT }))
            .collect(),
    )
}

/// The member card of the seed document (小程序&卡券打通 §3.1) with mini-program links.
pub fn card_definition() -> Value {
    json!({ "card": {
        "card_type": "MEMBER_CARD",
        "member_card": {
            "base_info": {
                "custom_url_name": "立即使用",
                "custom_url": "http://www.qq.com",
                "custom_app_brand_user_name": "gh_86a091e50ad4@app",
                "custom_app_brand_pass": "API/cardPage",
                "custom_url_sub_title": "6个汉字tips",
                "promotion_url_name": "更多优惠",
                "promotion_url": "http://www.qq.com",
                "promotion_app_brand_user_name": "gh_86a091e50ad4@app",
                "promotion_app_brand_pass": "API/cardPage"
            }
        }
    }})
}

/// The criterion settings of every benchmark: thread CPU time, one second of
/// warm-up, three of measurement. Groups use flat sampling (every sample the
/// same number of iterations), so the median is not skewed by a few long samples.
pub fn config() -> Criterion<ThreadCpuTime> {
    Criterion::default()
        .with_measurement(ThreadCpuTime)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(100)
}

/// Criterion's measurement of the CPU time of the benchmarking thread.
///
/// Wall-clock time counts whatever else the machine runs meanwhile (builds,
/// test suites, other benchmarks); the time the thread spends on a core does
/// not, so medians stay comparable on a shared machine.
pub struct ThreadCpuTime;

/// The wall-clock measurement, whose formatter (ns, µs, ms) is reused.
static WALL: criterion::measurement::WallTime = criterion::measurement::WallTime;

impl criterion::measurement::Measurement for ThreadCpuTime {
    type Intermediate = cpu_time::ThreadTime;
    type Value = Duration;

    fn start(&self) -> Self::Intermediate {
        cpu_time::ThreadTime::now()
    }

    fn end(&self, start: Self::Intermediate) -> Self::Value {
        start.elapsed()
    }

    fn add(&self, a: &Self::Value, b: &Self::Value) -> Self::Value {
        *a + *b
    }

    fn zero(&self) -> Self::Value {
        Duration::ZERO
    }

    fn to_f64(&self, value: &Self::Value) -> f64 {
        value.as_nanos() as f64
    }

    fn formatter(&self) -> &dyn criterion::measurement::ValueFormatter {
        WALL.formatter()
    }
}
