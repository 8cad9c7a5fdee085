// What changed between two JSON values, as a list of leaf paths, for showing the
// effect of withMiniProgramLinks without the whole card.

/**
 * Leaf values of a JSON value by dotted path (`card.member_card.base_info.title`).
 * @param {unknown} value
 * @param {string} prefix
 * @param {Map<string, string>} out
 */
function leaves(value, prefix, out) {
  if (value && typeof value === 'object') {
    const entries = Array.isArray(value) ? value.map((v, i) => [`[${i}]`, v]) : Object.entries(value);
    if (entries.length === 0) out.set(prefix, JSON.stringify(value));
    for (const [key, child] of entries) {
      const path = key.startsWith('[') ? `${prefix}${key}` : prefix ? `${prefix}.${key}` : key;
      leaves(child, path, out);
    }
  } else {
    out.set(prefix, JSON.stringify(value));
  }
  return out;
}

/**
 * The leaf paths added, changed or removed from `before` to `after`.
 * @param {unknown} before
 * @param {unknown} after
 * @returns {Array<{ path: string, kind: 'added' | 'changed' | 'removed', value: string }>}
 */
export function diffJson(before, after) {
  const a = leaves(before, '', new Map());
  const b = leaves(after, '', new Map());
  /** @type {Array<{ path: string, kind: 'added' | 'changed' | 'removed', value: string }>} */
  const changes = [];
  for (const [path, value] of b) {
    if (!a.has(path)) changes.push({ path, kind: 'added', value });
    else if (a.get(path) !== value) changes.push({ path, kind: 'changed', value });
  }
  for (const [path, value] of a) if (!b.has(path)) changes.push({ path, kind: 'removed', value });
  return changes;
}
