//! The [`json!`](crate::json!) macro: JSON values written as JSON in Rust code.

/// A [`Value`](crate::json::Value) written as JSON, with Rust expressions
/// where values go.
///
/// Keys are expressions of a type `String` converts `From` (string literals,
/// `&str`, `&String`, …); values are `null`, nested
/// arrays and objects, or any expression whose type implements
/// [`ToValue`](crate::json::ToValue) (strings, booleans, integers, `Option`,
/// slices, other values), taken by reference.
///
/// ```
/// use wxcard::json;
///
/// let card_id = String::from("pjZ8Yt1XGILfi-FUsewpnnolGgZk");
/// let v = json!({ "cardId": card_id, "n": [1, -2, null], "flag": true, &"k".repeat(2): {} });
/// assert_eq!(v["cardId"], card_id.as_str());
/// assert_eq!(v.to_string(), r#"{"cardId":"pjZ8Yt1XGILfi-FUsewpnnolGgZk","flag":true,"kk":{},"n":[1,-2,null]}"#);
/// ```
#[macro_export]
macro_rules! json {
    (null) => {
        $crate::json::Value::Null
    };
    ([]) => {
        $crate::json::Value::Array(::std::vec::Vec::new())
    };
    ([ $($items:tt)+ ]) => {
        $crate::json::Value::Array($crate::__json_array!([] $($items)+))
    };
    ({}) => {
        $crate::json::Value::Object($crate::json::Map::new())
    };
    ({ $($members:tt)+ }) => {
        $crate::json::Value::Object(
            $crate::__json_object!([] $($members)+).into_iter().collect::<$crate::json::Map>()
        )
    };
    ($other:expr) => {
        $crate::json::ToValue::to_value(&$other)
    };
}

/// The items of a [`json!`](crate::json!) array, one at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! __json_array {
    ([ $($done:expr,)* ]) => {
        ::std::vec![$($done),*]
    };
    ([ $($done:expr,)* ] null $(, $($rest:tt)*)?) => {
        $crate::__json_array!([ $($done,)* $crate::json!(null), ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] [ $($item:tt)* ] $(, $($rest:tt)*)?) => {
        $crate::__json_array!([ $($done,)* $crate::json!([ $($item)* ]), ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] { $($item:tt)* } $(, $($rest:tt)*)?) => {
        $crate::__json_array!([ $($done,)* $crate::json!({ $($item)* }), ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] $item:expr $(, $($rest:tt)*)?) => {
        $crate::__json_array!([ $($done,)* $crate::json!($item), ] $($($rest)*)?)
    };
}

/// The members of a [`json!`](crate::json!) object, one at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! __json_object {
    ([ $($done:expr,)* ]) => {
        ::std::vec![$($done),*]
    };
    ([ $($done:expr,)* ] $($rest:tt)+) => {
        $crate::__json_key!([ $($done,)* ] () $($rest)+)
    };
}

/// The key of one [`json!`](crate::json!) object member: the tokens before `:`.
#[doc(hidden)]
#[macro_export]
macro_rules! __json_key {
    ([ $($done:expr,)* ] ($($key:tt)+) : $($rest:tt)+) => {
        $crate::__json_member!([ $($done,)* ] (::std::string::String::from($($key)+)) $($rest)+)
    };
    ([ $($done:expr,)* ] ($($key:tt)*) $next:tt $($rest:tt)*) => {
        $crate::__json_key!([ $($done,)* ] ($($key)* $next) $($rest)*)
    };
}

/// The value of one [`json!`](crate::json!) object member.
#[doc(hidden)]
#[macro_export]
macro_rules! __json_member {
    ([ $($done:expr,)* ] ($key:expr) null $(, $($rest:tt)*)?) => {
        $crate::__json_object!([ $($done,)* ($key, $crate::json!(null)), ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] ($key:expr) [ $($value:tt)* ] $(, $($rest:tt)*)?) => {
        $crate::__json_object!([ $($done,)* ($key, $crate::json!([ $($value)* ])), ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] ($key:expr) { $($value:tt)* } $(, $($rest:tt)*)?) => {
        $crate::__json_object!([ $($done,)* ($key, $crate::json!({ $($value)* })), ] $($($rest)*)?)
    };
    ([ $($done:expr,)* ] ($key:expr) $value:expr $(, $($rest:tt)*)?) => {
        $crate::__json_object!([ $($done,)* ($key, $crate::json!($value)), ] $($($rest)*)?)
    };
}
