import { issue, type JsonPath, type PolicyIssue } from '../errors/errors.js';

/**
 * Limits applied to every untrusted JSON document.
 *
 * @category Loading
 */
export interface JsonLimits {
  /** Maximum size of the text in bytes (UTF-8). Default 1 MiB. */
  readonly maxBytes: number;
  /** Maximum nesting depth of objects and arrays. Default 64. */
  readonly maxDepth: number;
}

/** Default limits. @category Loading */
export const DEFAULT_JSON_LIMITS: JsonLimits = Object.freeze({ maxBytes: 1024 * 1024, maxDepth: 64 });

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses untrusted JSON text. Never throws: returns the value or the issues
 * (syntax, size, depth, prototype-polluting keys), all tagged with `file`.
 *
 * @param text - the JSON text
 * @param file - name used in issues
 * @param limits - size and depth limits
 * @returns `{ ok: true, value }` or `{ ok: false, issues }`
 * @category Loading
 */
export function parseUntrustedJson(
  text: string,
  file = '<input>',
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): { ok: true; value: unknown } | { ok: false; issues: PolicyIssue[] } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    return { ok: false, issues: [issue('JSON_TOO_LARGE', `document is ${bytes} bytes, the limit is ${limits.maxBytes}`, [], file)] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [issue('JSON_SYNTAX', `not valid JSON: ${(e as Error).message}`, [], file)] };
  }
  const issues = checkUntrustedValue(value, file, limits);
  return issues.length ? { ok: false, issues } : { ok: true, value };
}

/**
 * Checks an already-parsed value (for packs given as objects, e.g. from a
 * database): depth, forbidden keys, and that it is plain JSON data (no
 * functions, class instances, symbols, `undefined`, non-finite numbers or cycles).
 *
 * @param value - the value
 * @param file - name used in issues
 * @param limits - depth limit (size is not measured for objects)
 * @param options - `symbolKeys: 'ignore'` leaves symbol-keyed properties
 *   out of the check instead of refusing them (they are not data: JSON
 *   cannot hold them and `JSON.stringify` drops them); complaints use it
 * @returns the issues found (empty when the value is safe)
 * @example
 * ```ts
 * checkUntrustedValue(JSON.parse('{"__proto__":{"admin":true}}'))[0].code // → 'FORBIDDEN_KEY'
 * ```
 * @category Loading
 */
export function checkUntrustedValue(
  value: unknown,
  file = '<input>',
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
  options: { readonly symbolKeys?: 'refuse' | 'ignore' } = {},
): PolicyIssue[] {
  const refuseSymbols = options.symbolKeys !== 'ignore';
  const out: PolicyIssue[] = [];
  // Iterative walk: a hostile document cannot blow the stack. Each entry knows
  // its parent entry, hence its ancestors (≤ maxDepth of them), so a cycle is
  // told apart from the same object used twice (a DAG, which is fine), and its
  // JSON path, which is only built when an issue names it; `budget` bounds the work.
  type Node = { readonly v: unknown; readonly key: string | number; readonly parent: Node | null; readonly depth: number };
  const pathOf = (node: Node): JsonPath => {
    const path: Array<string | number> = [];
    for (let a: Node = node; a.parent; a = a.parent) path.push(a.key);
    return path.reverse();
  };
  const stack: Node[] = [{ v: value, key: '', parent: null, depth: 0 }];
  let budget = 2_000_000;
  let reportedDepth = false;
  while (stack.length) {
    const node = stack.pop()!;
    const { v, depth } = node;
    if (--budget < 0) {
      out.push(issue('JSON_TOO_LARGE', 'the value has more than 2,000,000 nodes', [], file));
      break;
    }
    if (v === null || typeof v === 'string' || typeof v === 'boolean') continue;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push(issue('SCHEMA_VIOLATION', 'numbers must be finite', pathOf(node), file));
      continue;
    }
    if (typeof v !== 'object') {
      out.push(issue('SCHEMA_VIOLATION', `a ${typeof v} is not JSON data`, pathOf(node), file));
      continue;
    }
    if (depth >= limits.maxDepth) {
      if (!reportedDepth) out.push(issue('JSON_TOO_DEEP', `nesting deeper than ${limits.maxDepth} levels`, pathOf(node), file));
      reportedDepth = true;
      continue;
    }
    let cyclic = false;
    for (let a = node.parent; a; a = a.parent) if (a.v === v) cyclic = true;
    if (cyclic) {
      out.push(issue('SCHEMA_VIOLATION', 'the value refers to itself (a cycle is not JSON data)', pathOf(node), file));
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], key: i, parent: node, depth: depth + 1 });
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      out.push(issue('SCHEMA_VIOLATION', 'only plain JSON objects are accepted', pathOf(node), file));
      continue;
    }
    const keys = Reflect.ownKeys(v);
    for (const k of keys) {
      if (typeof k === 'symbol') {
        if (refuseSymbols) out.push(issue('SCHEMA_VIOLATION', 'symbol keys are not JSON data', pathOf(node), file));
        continue;
      }
      if (FORBIDDEN.has(k)) out.push(issue('FORBIDDEN_KEY', `the key "${k}" is not allowed (prototype pollution)`, [...pathOf(node), k], file));
    }
    // Enumerable own string keys, in order (what `Object.entries` lists), forbidden ones left out.
    const names = Object.keys(v);
    for (let i = names.length - 1; i >= 0; i--) {
      const k = names[i]!;
      if (!FORBIDDEN.has(k)) stack.push({ v: (v as Record<string, unknown>)[k], key: k, parent: node, depth: depth + 1 });
    }
  }
  return out;
}

/**
 * Deep-freezes a plain JSON value in place and returns it.
 *
 * @param value - value to freeze
 * @returns the same value, frozen
 * @category Loading
 */
export function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (v && typeof v === 'object' && !Object.isFrozen(v)) {
      Object.freeze(v);
      for (const child of Object.values(v)) stack.push(child);
    }
  }
  return value;
}

/**
 * Serialises a JSON value with object keys sorted, so equal data gives equal
 * text (used for content hashes).
 *
 * @param value - plain JSON value
 * @returns canonical JSON text
 * @category Loading
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
    .join(',')}}`;
}
