/**
 * A parsed plain path: object keys and array indices.
 *
 * @category Conditions
 */
export type PathSegments = ReadonlyArray<string | number>;

const KEY = '[A-Za-z_][A-Za-z0-9_-]*';
const PLAIN_PATH = new RegExp(`^(\\$\\.)?${KEY}(\\.${KEY}|\\[[0-9]{1,6}\\])*$`);
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses a plain dotted/indexed path such as `order.items[0].sku` (an optional
 * leading `$.` is accepted). Anything else — JSONPath filters `[?(...)]`,
 * wildcards, recursive descent `..`, script `(...)`, quotes, or a segment
 * named `__proto__`/`constructor`/`prototype` — is refused.
 *
 * @param path - the path text
 * @returns the segments, or `undefined` when the path is not plain
 * @example
 * ```ts
 * parsePlainPath('$.order.items[0].sku') // → ['order', 'items', 0, 'sku']
 * parsePlainPath('$..[?(@.x)]')          // → undefined
 * ```
 * @category Conditions
 */
export function parsePlainPath(path: string): PathSegments | undefined {
  if (path.length > 500 || !PLAIN_PATH.test(path)) return undefined;
  const body = path.startsWith('$.') ? path.slice(2) : path;
  const out: Array<string | number> = [];
  for (const m of body.matchAll(/([A-Za-z_][A-Za-z0-9_-]*)|\[([0-9]+)\]/g)) {
    if (m[1] !== undefined) {
      if (FORBIDDEN.has(m[1])) return undefined;
      out.push(m[1]);
    } else out.push(Number(m[2]));
  }
  return out;
}

/**
 * Resolves parsed segments over own properties only (never the prototype
 * chain). A missing step yields `undefined`. The `length` of a list or a
 * text (own data of both) and a character of a text by index resolve too,
 * as in json-rules-engine.
 *
 * @param value - the root value
 * @param segments - from {@link parsePlainPath}
 * @returns the value found, or `undefined`
 * @category Conditions
 */
export function resolvePath(value: unknown, segments: PathSegments): unknown {
  let cur: unknown = value;
  for (const seg of segments) {
    if (typeof cur === 'string') {
      if (seg === 'length') cur = cur.length;
      else if (typeof seg === 'number' && seg < cur.length) cur = cur[seg];
      else return undefined;
      continue;
    }
    if (cur === null || typeof cur !== 'object') return undefined;
    if (typeof seg === 'number') {
      if (!Array.isArray(cur) || seg >= cur.length) return undefined;
      cur = cur[seg];
    } else if (Array.isArray(cur)) {
      if (seg !== 'length') return undefined;
      cur = cur.length;
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, seg)) return undefined;
      cur = (cur as Record<string, unknown>)[seg];
    }
  }
  return cur;
}
