//! The web-view query decoder: any query gives a list or an error, and a
//! decoded list survives the trip through a page URL unchanged.

use wxcard::json::Value;
use wxcard::webview::{add_card_page_url, read_add_card_query};

/// Input: a query string or page URL, or a query object as JSON.
pub fn webview_query(data: &[u8]) {
    let text = super::text(data);
    let mut queries = vec![Value::String(text.clone())];
    if let Ok(v) = Value::parse(&text) {
        queries.push(v);
    }
    for query in queries {
        let Ok(items) = read_add_card_query(&query) else {
            continue;
        };
        assert!(!items.is_empty(), "an empty list was read");
        if let Ok(url) = add_card_page_url("/pages/add-card/index?from=h5", &items) {
            let again = read_add_card_query(&Value::String(url.clone()))
                .unwrap_or_else(|e| panic!("a written URL does not read back: {e}: {url}"));
            assert_eq!(again, items, "round trip changed the list");
        }
    }
}
