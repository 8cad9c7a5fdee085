//! [`Map`]: a JSON object's members, sorted by key, one value per key.

use super::Value;

/// The members of a JSON object, kept sorted by key (byte order) with one
/// value per key.
///
/// Sorted keys give every object one canonical form: the writer emits keys in
/// this order, and lookups are binary searches. When parsed text repeats a
/// key, the last value wins (as `JSON.parse` does).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Map {
    entries: Vec<(String, Value)>,
}

impl Map {
    /// An empty map.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn new() -> Self {
        Map::default()
    }

    /// A map of `entries` in any order; of repeated keys the last one wins.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(crate) fn from_entries(mut entries: Vec<(String, Value)>) -> Self {
        let mut out: Vec<(String, Value)> = Vec::with_capacity(entries.len());
        for i in stable_order(&entries) {
            let Some((key, value)) = entries.get_mut(i).map(std::mem::take) else {
                continue;
            };
            // Equal keys come in input order: the last value wins.
            match out.last_mut() {
                Some(last) if last.0 == key => last.1 = value,
                _ => out.push((key, value)),
            }
        }
        Map { entries: out }
    }

    // Not inlined: one binary search serves every lookup and change.
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Puts `entry` at position `at`, moving the members after it along one
    /// by one: objects are small, and unlike `Vec::insert` this needs no
    /// `memmove` in the `.wasm` (MVP WebAssembly has no `memory.copy`).
    #[inline(never)]
    #[cfg_attr(wxcard_size, optimize(size))]
    fn insert_at(&mut self, at: usize, entry: (String, Value)) {
        self.entries.push(entry);
        for i in (at + 1..self.entries.len()).rev() {
            self.entries.swap(i - 1, i);
        }
    }

    /// The position of `key` among the members.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(super) fn position(&self, key: &str) -> Option<usize> {
        self.find(key).ok()
    }

    /// The value at position `at`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(super) fn value_at(&self, at: usize) -> Option<&Value> {
        self.entries.get(at).map(|(_, v)| v)
    }

    /// The value at position `at`, to change in place.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub(super) fn value_at_mut(&mut self, at: usize) -> Option<&mut Value> {
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    /// The number of members.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no members.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `key`.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn get(&self, key: &str) -> Option<&Value> {
        let at = self.find(key).ok()?;
        self.entries.get(at).map(|(_, v)| v)
    }

    /// The value of `key`, to change in place.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn get_mut(&mut self, key: &str) -> Option<&mut Value> {
        let at = self.find(key).ok()?;
        self.entries.get_mut(at).map(|(_, v)| v)
    }

    /// Whether `key` is a member.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaces.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn insert(&mut self, key: String, value: Value) -> Option<Value> {
        match self.find(&key) {
            Ok(at) => self
                .entries
                .get_mut(at)
                .map(|(_, v)| std::mem::replace(v, value)),
            Err(at) => {
                self.insert_at(at, (key, value));
                None
            }
        }
    }

    /// The value of `key`, first set to `default()` when `key` is not a member.
    // `at` is the index just found or just inserted, so it is in bounds.
    #[allow(clippy::indexing_slicing)]
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn get_or_insert_with(&mut self, key: &str, default: impl FnOnce() -> Value) -> &mut Value {
        let at = match self.find(key) {
            Ok(at) => at,
            Err(at) => {
                self.insert_at(at, (key.to_owned(), default()));
                at
            }
        };
        &mut self.entries[at].1
    }

    /// Removes `key`, returning its value.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn remove(&mut self, key: &str) -> Option<Value> {
        let at = self.find(key).ok()?;
        Some(self.entries.remove(at).1)
    }

    /// The members in key order.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            inner: self.entries.iter(),
        }
    }

    /// The keys in order.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &String> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    #[cfg_attr(wxcard_size, optimize(size))]
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Value> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }
}

/// The positions of `entries` in key order, equal keys in input order: a
/// heap sort of positions by (key, position), much smaller in the `.wasm`
/// than the standard library's sorts and O(n log n) for any input.
#[inline(never)]
#[cfg_attr(wxcard_size, optimize(size))]
fn stable_order(entries: &[(String, Value)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    for root in (0..order.len() / 2).rev() {
        sift_down(entries, &mut order, root);
    }
    for end in (1..order.len()).rev() {
        order.swap(0, end);
        if let Some(heap) = order.get_mut(..end) {
            sift_down(entries, heap, 0);
        }
    }
    order
}

/// Whether the entry at position `a` sorts before the one at `b`: by key,
/// then by position.
#[cfg_attr(wxcard_size, optimize(size))]
fn less(entries: &[(String, Value)], a: usize, b: usize) -> bool {
    let key = |i: usize| entries.get(i).map_or("", |(k, _)| k.as_str());
    (key(a), a) < (key(b), b)
}

/// Moves `heap[root]` down until no child is greater: the max-heap step of [`stable_order`].
#[cfg_attr(wxcard_size, optimize(size))]
fn sift_down(entries: &[(String, Value)], heap: &mut [usize], mut root: usize) {
    loop {
        let left = root.saturating_mul(2).saturating_add(1);
        let Some(&l) = heap.get(left) else {
            return;
        };
        let (mut child, mut big) = (left, l);
        if let Some(&r) = heap.get(left + 1) {
            if less(entries, big, r) {
                (child, big) = (left + 1, r);
            }
        }
        match heap.get(root) {
            Some(&top) if less(entries, top, big) => heap.swap(root, child),
            _ => return,
        }
        root = child;
    }
}

/// An iterator over a [`Map`]'s members in key order.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    inner: std::slice::Iter<'a, (String, Value)>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = (&'a String, &'a Value);

    #[cfg_attr(wxcard_size, optimize(size))]
    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(k, v)| (k, v))
    }

    #[cfg_attr(wxcard_size, optimize(size))]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl DoubleEndedIterator for Iter<'_> {
    #[cfg_attr(wxcard_size, optimize(size))]
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|(k, v)| (k, v))
    }
}

impl ExactSizeIterator for Iter<'_> {}

impl<'a> IntoIterator for &'a Map {
    type Item = (&'a String, &'a Value);
    type IntoIter = Iter<'a>;

    #[cfg_attr(wxcard_size, optimize(size))]
    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

impl IntoIterator for Map {
    type Item = (String, Value);
    type IntoIter = std::vec::IntoIter<(String, Value)>;

    #[cfg_attr(wxcard_size, optimize(size))]
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl FromIterator<(String, Value)> for Map {
    /// Collects members in any order; of repeated keys the last one wins.
    #[cfg_attr(wxcard_size, optimize(size))]
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Self {
        Map::from_entries(iter.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value {
        Value::String(x.to_owned())
    }

    #[test]
    fn sorted_with_last_value_of_a_repeated_key() {
        let map: Map = [("b", "1"), ("a", "2"), ("b", "3"), ("c", "4"), ("a", "5")]
            .into_iter()
            .map(|(k, v)| (k.to_owned(), s(v)))
            .collect();
        let pairs: Vec<_> = map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            pairs,
            [("a", Some("5")), ("b", Some("3")), ("c", Some("4"))]
        );
    }

    #[test]
    fn small_objects_sort_in_place() {
        for n in 0..=16 {
            let map: Map = (0..n)
                .rev()
                .chain([0, n / 2])
                .enumerate()
                .map(|(i, k)| (format!("k{k:02}"), Value::from(i)))
                .collect();
            assert_eq!(map.len(), n.max(1), "{n}");
            assert!(
                map.keys()
                    .collect::<Vec<_>>()
                    .windows(2)
                    .all(|w| w[0] < w[1])
            );
            if n > 1 {
                // `k00` and the middle key came again at the end: the later values won.
                assert_eq!(map.get("k00"), Some(&Value::from(n)), "{n}");
                let middle = format!("k{:02}", n / 2);
                assert_eq!(map.get(&middle), Some(&Value::from(n + 1)), "{n}");
            }
        }
    }

    #[test]
    fn many_keys_in_any_order() {
        let keys: Vec<String> = (0..1000u32)
            .map(|i| format!("k{}", (i * 7919) % 1000))
            .collect();
        let map: Map = keys
            .iter()
            .chain(keys.iter().take(10))
            .enumerate()
            .map(|(i, k)| (k.clone(), Value::from(i)))
            .collect();
        assert_eq!(map.len(), 1000);
        let sorted: Vec<&String> = map.keys().collect();
        assert!(sorted.windows(2).all(|w| w[0] < w[1]));
        // The first ten keys were repeated at the end: their later values won.
        assert_eq!(map.get(&keys[3]), Some(&Value::from(1003usize)));
        assert_eq!(map.get(&keys[10]), Some(&Value::from(10usize)));
    }

    #[test]
    fn insert_get_remove() {
        let mut map = Map::new();
        assert_eq!(map.insert("y".into(), s("1")), None);
        assert_eq!(map.insert("x".into(), s("2")), None);
        assert_eq!(map.insert("y".into(), s("3")), Some(s("1")));
        assert_eq!(map.keys().collect::<Vec<_>>(), ["x", "y"]);
        assert_eq!(map.get("y"), Some(&s("3")));
        assert!(map.contains_key("x") && !map.contains_key("z"));
        *map.get_or_insert_with("z", || s("new")) = s("changed");
        assert_eq!(map.get_or_insert_with("z", || s("unused")), &s("changed"));
        assert_eq!(map.remove("x"), Some(s("2")));
        assert_eq!(map.remove("x"), None);
        assert_eq!(map.len(), 2);
    }
}
