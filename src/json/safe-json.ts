import BigImpl from 'big.js';
import type { ErrorCode } from '../errors/codes.js';
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
  /**
   * How the reader of a problem can raise each limit, added to its message in
   * parentheses, e.g. `{ maxBytes: 'load option limits.maxBytes' }` gives
   * `document is 2000000 bytes, the limit is 1048576 (load option limits.maxBytes)`.
   */
  readonly raise?: { readonly maxBytes?: string; readonly maxDepth?: string };
}

/** ` (how to raise it)`, or nothing. */
const raising = (how: string | undefined): string => (how === undefined ? '' : ` (${how})`);

/** Default limits. @category Loading */
export const DEFAULT_JSON_LIMITS: JsonLimits = Object.freeze({ maxBytes: 1024 * 1024, maxDepth: 64 });

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Whether a key is one untrusted data may not use (`__proto__`,
 * `constructor`, `prototype`: prototype pollution).
 *
 * @param key - an object key
 * @returns true for a forbidden key
 * @example
 * ```ts
 * isForbiddenKey('__proto__') // → true
 * ```
 * @category Loading
 * @internal
 */
export const isForbiddenKey = (key: string): boolean => FORBIDDEN.has(key);

/**
 * Parses untrusted JSON text. Never throws: returns the value or the issues
 * (syntax, size, depth, prototype-polluting keys, duplicate keys, numbers a
 * binary float cannot hold exactly), all tagged with `file`. A syntax error
 * names its line and column (1-based) and, for the usual slips (a trailing
 * comma, a comment, single quotes), what to change.
 *
 * `JSON_SYNTAX`, `JSON_TOO_LARGE` and `JSON_TOO_DEEP` (and a number too
 * large to be finite) stop there: no value is returned. The other problems
 * do not stop a caller's checks of the document: `FORBIDDEN_KEY` (the value
 * then comes without those keys: a fresh copy of the objects that had them,
 * built without ever assigning through such a key), `DUPLICATE_KEY` (the
 * value keeps the last of each repeated key, as `JSON.parse` does) and
 * `JSON_NUMBER_NOT_EXACT` (a number literal whose decimal value differs from
 * the shortest decimal that reads back as the binary float `JSON.parse`
 * makes of it, e.g. `123456789012.000001` or `12345678901234567890`, or one
 * too small for a float, `1e-400`; the value holds the float). `0.1` passes
 * (the float nearest 0.1 reads back as `0.1`); a literal longer than that
 * shortest form is refused even when it spells the float's exact binary
 * value. Every such number of the value is reported at its JSON path (up to
 * 1,000; then one more issue says how many more) — not the numbers of a
 * repeated key's earlier values or of a forbidden key's value, which the
 * value does not hold (their keys are reported).
 *
 * @param text - the JSON text
 * @param file - name used in issues
 * @param limits - size and depth limits (the depth also of what `JSON.parse`
 *   drops: a repeated key's earlier values, a forbidden key's value)
 * @param options - `code`: the code of a number too large to be finite
 *   (`SCHEMA_VIOLATION` for rule files, the default; `INVALID_INPUT` for
 *   caller input files)
 * @returns `{ ok: true, value }` or `{ ok: false, issues }`; when the only
 *   problems are `FORBIDDEN_KEY`s, `DUPLICATE_KEY`s and
 *   `JSON_NUMBER_NOT_EXACT`s, `{ ok: false, issues, value }` with the value
 *   described above, so a caller can go on checking it and report the
 *   document's other problems too (the document as a whole stays refused)
 * @example
 * ```ts
 * parseUntrustedJson('{"a": 1,}', 'x.json') // → { ok: false, issues: [{ code: 'JSON_SYNTAX', message: 'not valid JSON: line 1, column 8: a comma before } …', … }] }
 * parseUntrustedJson('{"ratio": 123456789012.000001}') // → { ok: false, issues: [{ code: 'JSON_NUMBER_NOT_EXACT', path: ['ratio'], … }], value: { ratio: 123456789012 } }
 * ```
 * @category Loading
 */
export function parseUntrustedJson(
  text: string,
  file = '<input>',
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
  options: Pick<UntrustedValueOptions, 'code'> = {},
): { ok: true; value: unknown } | { ok: false; issues: PolicyIssue[]; value?: unknown } {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    return { ok: false, issues: [issue('JSON_TOO_LARGE', `document is ${bytes} bytes, the limit is ${limits.maxBytes}${raising(limits.raise?.maxBytes)}`, [], file)] };
  }
  // A byte-order mark some editors write first is not JSON, and not content: left out.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return { ok: false, issues: [issue('JSON_SYNTAX', `not valid JSON: ${describeSyntaxError(body, (e as Error).message)}`, [], file)] };
  }
  const screened = screenUntrustedValue(value, file, limits, options);
  if (screened.value === undefined) return { ok: false, issues: screened.issues };
  // The text also holds what JSON.parse dropped (a repeated key's earlier values, a forbidden key's
  // value), which the walk above never saw: the scan checks their depth itself.
  const scan = scanText(body, file, limits);
  if (scan.tooDeep) return { ok: false, issues: [...screened.issues, scan.tooDeep] };
  const found = scan.issues;
  // A forbidden or repeated key, an inexact number: problems, not reasons to stop; the value is still safe to check.
  const issues = screened.issues.length ? [...screened.issues, ...found] : found;
  return issues.length ? { ok: false, issues, value: screened.value } : { ok: true, value };
}

/** `line L, column C` (1-based; a column counts characters, a CR LF or a lone CR ends a line as LF does). */
function lineColumn(text: string, at: number): string {
  let line = 1;
  let column = 1;
  for (let i = 0; i < at && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      line++;
      column = 1;
    } else if (c === 0x0d) continue; // the LF after it ends the line
    else if (c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff) continue; // second half of one character
    else column++;
  }
  return `line ${line}, column ${column}`;
}

/** How a character is shown in a message. */
const shown = (text: string, at: number): string => {
  const cp = text.codePointAt(at)!;
  if (cp < 0x20 || cp === 0x7f) return `the control character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return cp === 0x22 ? `'"'` : `"${String.fromCodePoint(cp)}"`;
};

/** Whether a JSON value starts at `i` (`"`, `{`, `[`, a number, `true`, `false`, `null`): not `-` or `n` alone, which are a mistake of their own. */
function startsValue(text: string, i: number): boolean {
  const c = text[i]!;
  if (c === '"' || c === '{' || c === '[' || (c >= '0' && c <= '9')) return true;
  if (c === '-') return text[i + 1] !== undefined && text[i + 1]! >= '0' && text[i + 1]! <= '9';
  return text.startsWith('true', i) || text.startsWith('false', i) || text.startsWith('null', i);
}

/**
 * Where and why a text that `JSON.parse` refused is not JSON: the first place
 * the JSON grammar fails, as `line L, column C: what (how to fix it)`. The
 * engine's own message gives a character offset, and on some inputs none at
 * all; one pass over the text, with an explicit stack, finds it for any input
 * (the engine's message is the answer only if the pass finds nothing).
 */
function describeSyntaxError(text: string, engine: string): string {
  const n = text.length;
  let i = 0;
  const at = (pos: number, what: string) => `${lineColumn(text, pos)}: ${what}`;
  const ws = () => {
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) i++;
      else break;
    }
  };
  /** What is wrong at `i`, where `expected` was wanted. */
  const unexpected = (expected: string): string => {
    if (i >= n) return at(i, `the text ends where ${expected} was expected (a closing } or ] or " missing?)`);
    const c = text[i]!;
    if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*')) return at(i, 'JSON has no comments (// or /* */): remove them');
    if (c === "'") return at(i, `JSON strings and keys take double quotes ("), not single quotes (')`);
    return at(i, `${shown(text, i)} where ${expected} was expected`);
  };
  /** Scans a string at `i` (a `"`); returns an error or undefined. */
  const string = (): string | undefined => {
    const start = i;
    i++;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return at(i, `${shown(text, i)} inside a string: write it as an escape such as \\n or \\t`);
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return at(i, 'a \\u escape takes four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else return at(i, `the escape \\${e ?? ''} does not exist in JSON (a \\ in a string is written \\\\)`);
      } else i++;
    }
    return at(start, 'a string that never ends (its closing " is missing)');
  };
  const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
  /** Scans a value that is not an object or array; returns an error or undefined. */
  const scalar = (): string | undefined => {
    const c = text[i];
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return undefined;
      }
    }
    NUMBER.lastIndex = i;
    if (c !== undefined && /[-0-9]/.test(c) && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return undefined;
    }
    return unexpected('a value');
  };
  // Each open object or array, and whether a value (or key) must come next.
  const stack: Array<'{' | '['> = [];
  let lastComma = -1; // where the comma before the current position is, for a trailing comma
  ws();
  if (i >= n) return at(i, 'the text is empty: a JSON value was expected');
  for (;;) {
    // a value is expected at i
    ws();
    if (text[i] === '{' || text[i] === '[') {
      const open = text[i] as '{' | '[';
      i++;
      ws();
      const close = open === '{' ? '}' : ']';
      if (text[i] === close) {
        i++;
      } else {
        stack.push(open);
        if (open === '{') {
          const problem = key();
          if (problem) return problem;
        }
        lastComma = -1;
        continue;
      }
    } else {
      if (lastComma >= 0 && (text[i] === '}' || text[i] === ']')) {
        // only a comma before the closer of the open list is a trailing comma; `[1, 2,}` misses its `]`
        const closer = stack[stack.length - 1] === '[' ? ']' : '}';
        if (text[i] === closer) return at(lastComma, `a comma before ${text[i]} (a trailing comma) is not allowed in JSON: remove it`);
        return at(i, `${text[i]} where a value was expected: the open ${stack[stack.length - 1]} is not closed (a ${closer} missing?)`);
      }
      const problem = scalar();
      if (problem) return problem;
    }
    // after a value: a comma, the close of the container, or the end
    for (;;) {
      ws();
      const top = stack[stack.length - 1];
      if (top === undefined) return i < n ? at(i, `${shown(text, i)} after the end of the JSON value (one value per file)`) : engine;
      const close = top === '{' ? '}' : ']';
      if (text[i] === close) {
        i++;
        stack.pop();
        continue;
      }
      if (text[i] !== ',') {
        // a value (or key) after white space where a comma was wanted: most likely the comma was left out
        let j = i;
        while (j > 0 && /\s/.test(text[j - 1]!)) j--;
        if (j < i && startsValue(text, i)) {
          const where = text.slice(j, i).includes('\n') ? 'at the end of the line before' : 'before it';
          return at(i, `${shown(text, i)} where "," or "${close}" was expected: a comma missing ${where}?`);
        }
        return unexpected(`"," or "${close}"`);
      }
      lastComma = i;
      i++;
      if (top === '{') {
        ws();
        if (text[i] === '}') return at(lastComma, 'a comma before } (a trailing comma) is not allowed in JSON: remove it');
        const problem = key();
        if (problem) return problem;
        lastComma = -1;
      }
      break;
    }
  }

  /** A key, its colon and the spaces up to its value; returns an error or undefined. */
  function key(): string | undefined {
    ws();
    if (text[i] !== '"') return unexpected('a key in double quotes');
    const problem = string();
    if (problem) return problem;
    ws();
    if (text[i] !== ':') return unexpected('":" after the key');
    i++;
    return undefined;
  }
}

/** Decimals as big.js reads them, to compare a number literal with the float it became. */
const Exact = BigImpl();

/** A literal as a message shows it: whole up to 40 characters, else its start and end. */
const shownLiteral = (literal: string): string => (literal.length <= 40 ? literal : `${literal.slice(0, 24)}…${literal.slice(-12)} (${literal.length} characters)`);

/**
 * The problem with a number literal of a JSON text, or undefined when its
 * decimal value is that of the shortest decimal that reads back as the binary
 * float `JSON.parse` makes of it. Only called on literals that can differ:
 * more than 15 significant digits (any decimal of at most 15 survives a
 * float), an exponent, or more than 300 characters (a tiny value written out
 * in full).
 */
function inexactNumber(literal: string, path: JsonPath, file: string): PolicyIssue | undefined {
  const float = Number(literal); // what JSON.parse made of it: the same correctly rounded conversion
  const shown = shownLiteral(literal);
  const quote = literal.length <= 40 ? `; write it as a decimal string ("${literal}")` : '; write it as a decimal string';
  if (!Number.isFinite(float)) return issue('JSON_NUMBER_NOT_EXACT', `the number ${shown} is too large for a binary float: it would be read as ${float}${quote}`, path, file);
  const read = String(float);
  const exact = new Exact(literal);
  if (exact.eq(new Exact(read))) return undefined;
  if (float === 0) return issue('JSON_NUMBER_NOT_EXACT', `the number ${shown} is too small for a binary float: it would be read as 0${quote}`, path, file);
  return issue('JSON_NUMBER_NOT_EXACT', `the number ${shown} has more significant digits than a binary float keeps: it would be read as ${read}${quote}`, path, file);
}

/** At most this many inexact numbers of one text are reported (then one issue says how many more). */
const MAX_NUMBER_ISSUES = 1_000;
/** At most this many number literals of one text are checked closely (any of them refuses the text). */
const MAX_NUMBER_CANDIDATES = 10_000;

/**
 * What a pass over the characters of a JSON text finds that the parsed value
 * no longer shows: every key that appears twice in one object (`JSON.parse`
 * keeps the last silently, so a named condition or a rule field written twice
 * would vanish without a word), every number literal of the value whose
 * decimal value the binary float `JSON.parse` gives it does not hold (digits
 * lost before any check could see them), and nesting deeper than the limit in
 * what `JSON.parse` dropped (a repeated key's earlier values, a forbidden
 * key's value: the value's own depth is checked by the walk). The text is
 * known to be valid JSON, so one pass tracks objects, arrays, strings and
 * numbers. In document order; `tooDeep` stops the document.
 */
function scanText(text: string, file: string, limits: JsonLimits): { issues: PolicyIssue[]; tooDeep?: PolicyIssue } {
  type ObjectFrame = { object: true; keys: Map<string, number>; reported?: Set<string>; expectKey: boolean; key: string };
  type Frame = ObjectFrame | { object: false; index: number };
  /** An inexact number, and the key occurrences it sits under: it is in the value only if each is its key's last. */
  type Candidate = { problem: PolicyIssue; under: Array<readonly [ObjectFrame, string, number]> };
  const out: PolicyIssue[] = [];
  const candidates: Candidate[] = [];
  let unchecked = 0;
  const stack: Frame[] = [];
  const pathHere = (upTo = stack.length) => stack.slice(0, upTo).map((f) => (f.object ? f.key : f.index));
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      let escaped = false;
      for (;;) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          escaped = true;
          j += 2;
        } else if (d === 0x22) break;
        else j++;
      }
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = escaped ? (JSON.parse(text.slice(i, j + 1)) as string) : text.slice(i + 1, j);
        const seen = top.keys.get(key) ?? 0;
        top.keys.set(key, seen + 1);
        if (seen > 0 && !top.reported?.has(key)) {
          // once per key and object, however often it repeats
          (top.reported ??= new Set()).add(key);
          out.push(issue('DUPLICATE_KEY', `the key ${JSON.stringify(key)} appears more than once in this object: JSON keeps only the last`, [...pathHere(stack.length - 1), key], file));
        }
        top.key = key;
        top.expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (stack.length >= limits.maxDepth) {
        return { issues: out, tooDeep: issue('JSON_TOO_DEEP', `nesting deeper than ${limits.maxDepth} levels${raising(limits.raise?.maxDepth)}`, pathHere(), file) };
      }
      stack.push(c === 0x7b ? { object: true, keys: new Map(), expectKey: true, key: '' } : { object: false, index: 0 });
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) stack.pop();
    else if (c === 0x2c /* , */) {
      const top = stack[stack.length - 1]!;
      if (top.object) top.expectKey = true;
      else top.index++;
    } else if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      // A number (outside strings only digits and "-" start one: true, false and null have neither).
      let j = c === 0x2d ? i + 1 : i;
      let significant = 0; // digits of the mantissa from its first non-zero one
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d >= 0x30 && d <= 0x39) {
          if (significant > 0 || d !== 0x30) significant++;
        } else if (d !== 0x2e /* . */) break;
      }
      const exponent = j < n && (text.charCodeAt(j) | 0x20) === 0x65; /* e or E */
      if (exponent) {
        j++;
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          if (!((d >= 0x30 && d <= 0x39) || d === 0x2b || d === 0x2d)) break;
        }
      }
      if (significant > 15 || exponent || j - i > 300) {
        if (candidates.length >= MAX_NUMBER_CANDIDATES) unchecked++;
        else {
          const problem = inexactNumber(text.slice(i, j), pathHere(), file);
          if (problem) {
            const under: Array<readonly [ObjectFrame, string, number]> = [];
            for (const f of stack) if (f.object) under.push([f, f.key, f.keys.get(f.key)!]);
            candidates.push({ problem, under });
          }
        }
      }
      i = j - 1;
    }
  }
  // Only the numbers the value holds: under the last of each repeated key, under no forbidden key.
  const kept = candidates.filter((k) => k.under.every(([f, key, occurrence]) => f.keys.get(key) === occurrence && !isForbiddenKey(key)));
  for (const k of kept.slice(0, MAX_NUMBER_ISSUES)) out.push(k.problem);
  if (kept.length > MAX_NUMBER_ISSUES) {
    out.push(issue('JSON_NUMBER_NOT_EXACT', `${kept.length - MAX_NUMBER_ISSUES} more numbers like these (only the first ${MAX_NUMBER_ISSUES} are listed)`, [], file));
  }
  if (unchecked) {
    out.push(issue('JSON_NUMBER_NOT_EXACT', `more than ${MAX_NUMBER_CANDIDATES} numbers a binary float may not hold; ${unchecked} more were not checked: write such values as decimal strings`, [], file));
  }
  return { issues: out };
}

/**
 * Options of {@link checkUntrustedValue} and {@link screenUntrustedValue}.
 *
 * @category Loading
 */
export interface UntrustedValueOptions {
  /**
   * `'ignore'` leaves symbol-keyed properties out of the check instead of
   * refusing them (they are not data: JSON cannot hold them and
   * `JSON.stringify` drops them); caller inputs such as complaints use it.
   * Default `'refuse'`.
   */
  readonly symbolKeys?: 'refuse' | 'ignore';
  /**
   * `'absent'` treats an object property whose value is `undefined` as
   * absent — what `JSON.stringify` makes of it — instead of refusing it
   * (TypeScript hosts write `{ basePoints: undefined }` for an optional field
   * they leave out); {@link screenUntrustedValue} then gives a copy without
   * such keys. An `undefined` array element is still refused (`JSON.stringify`
   * would change it to `null`). Default `'refuse'` (rule files).
   */
  readonly undefinedProperties?: 'refuse' | 'absent';
  /**
   * The code of a value that is not JSON data (a function, a class
   * instance, a symbol, `undefined`, a non-finite number, a cycle):
   * `SCHEMA_VIOLATION` (the default, for rule files) or `INVALID_INPUT` (for
   * caller inputs). `FORBIDDEN_KEY`, `JSON_TOO_DEEP` and `JSON_TOO_LARGE`
   * keep their own codes.
   */
  readonly code?: Extract<ErrorCode, 'SCHEMA_VIOLATION' | 'INVALID_INPUT'>;
}

/**
 * The {@link UntrustedValueOptions} of caller inputs (loss items, penalty
 * and deduction inputs, events, snapshots): an `undefined`-valued property is
 * absent (as `JSON.stringify` has it, and as the published
 * `field?: T | undefined` types allow), and a value that is not JSON data is
 * `INVALID_INPUT`, as every other input problem.
 *
 * @category Loading
 * @internal
 */
export const CALLER_INPUT_SCREENING: UntrustedValueOptions = Object.freeze({ undefinedProperties: 'absent', code: 'INVALID_INPUT' });

/** The number of nodes (objects, arrays, and values in them) a checked value may have. */
const MAX_NODES = 2_000_000;

/** A value that needs no check of its own: `null`, a string, a boolean or a finite number. */
const isPlainLeaf = (x: unknown): boolean => x === null || typeof x === 'string' || typeof x === 'boolean' || (typeof x === 'number' && Number.isFinite(x));

/** An object or array met by the walk: its parent entry (so its ancestors and its JSON path) and its key there. */
type WalkNode = { readonly v: unknown; readonly key: string | number; readonly parent: WalkNode | null; readonly depth: number };

/** The JSON path of a node (built only for one that is reported or pruned). */
const pathOf = (node: WalkNode): JsonPath => {
  const path: Array<string | number> = [];
  for (let a: WalkNode = node; a.parent; a = a.parent) path.push(a.key);
  return path.reverse();
};

/**
 * The walk behind {@link checkUntrustedValue}: the issues, and the objects
 * (`pruned`) that hold a forbidden key or (with `undefinedProperties:
 * 'absent'`) an `undefined`-valued property, each once.
 */
function walkUntrusted(value: unknown, file: string, limits: JsonLimits, options: UntrustedValueOptions): { issues: PolicyIssue[]; pruned: WalkNode[] } {
  const refuseSymbols = options.symbolKeys !== 'ignore';
  const absent = options.undefinedProperties === 'absent';
  const code = options.code ?? 'SCHEMA_VIOLATION';
  const out: PolicyIssue[] = [];
  const pruned: WalkNode[] = [];
  // Iterative walk: a hostile document cannot blow the stack. Each entry knows
  // its parent entry, hence its ancestors (≤ maxDepth of them), so a cycle is
  // told apart from the same object used twice (a DAG, which is fine), and its
  // JSON path, which is only built when an issue names it; `budget` bounds the work.
  // A child that needs no check (null, a string, a boolean, a finite number) is
  // counted but gets no entry: most of a document's nodes, and no issue lost.
  const stack: WalkNode[] = [{ v: value, key: '', parent: null, depth: 0 }];
  let budget = MAX_NODES;
  let reportedDepth = false;
  const tooLarge = () => out.push(issue('JSON_TOO_LARGE', 'the value has more than 2,000,000 nodes', [], file));
  walk: while (stack.length) {
    const node = stack.pop()!;
    const { v, depth } = node;
    if (--budget < 0) {
      tooLarge();
      break;
    }
    if (isPlainLeaf(v)) continue;
    if (typeof v === 'number') {
      out.push(issue(code, 'numbers must be finite', pathOf(node), file));
      continue;
    }
    if (typeof v !== 'object') {
      out.push(issue(code, v === undefined ? 'undefined is not JSON data' : `a ${typeof v} is not JSON data`, pathOf(node), file));
      continue;
    }
    if (depth >= limits.maxDepth) {
      if (!reportedDepth) out.push(issue('JSON_TOO_DEEP', `nesting deeper than ${limits.maxDepth} levels${raising(limits.raise?.maxDepth)}`, pathOf(node), file));
      reportedDepth = true;
      continue;
    }
    let cyclic = false;
    for (let a = node.parent; a; a = a.parent) if (a.v === v) cyclic = true;
    if (cyclic) {
      out.push(issue(code, 'the value refers to itself (a cycle is not JSON data)', pathOf(node), file));
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) {
        const x: unknown = v[i];
        if (!isPlainLeaf(x)) stack.push({ v: x, key: i, parent: node, depth: depth + 1 });
        else if (--budget < 0) {
          tooLarge();
          break walk;
        }
      }
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) {
      out.push(issue(code, 'only plain JSON objects are accepted', pathOf(node), file));
      continue;
    }
    let prune = false;
    // All own string keys, enumerable or not, then the symbol keys: the order of
    // `Reflect.ownKeys`, which is several times slower than these two on V8 11.
    const all = Object.getOwnPropertyNames(v as object);
    for (let i = 0; i < all.length; i++) {
      const k = all[i]!;
      if (FORBIDDEN.has(k)) {
        out.push(issue('FORBIDDEN_KEY', `the key "${k}" is not allowed (prototype pollution)`, [...pathOf(node), k], file));
        prune = true;
      }
    }
    if (refuseSymbols) {
      const symbols = Object.getOwnPropertySymbols(v as object).length;
      for (let i = 0; i < symbols; i++) out.push(issue(code, 'symbol keys are not JSON data', pathOf(node), file));
    }
    // Enumerable own string keys, in order (what `Object.entries` lists), forbidden ones left out.
    const names = Object.keys(v as object);
    for (let i = names.length - 1; i >= 0; i--) {
      const k = names[i]!;
      if (FORBIDDEN.has(k)) continue;
      const x: unknown = (v as Record<string, unknown>)[k];
      if (!isPlainLeaf(x)) {
        if (x !== undefined || !absent) {
          stack.push({ v: x, key: k, parent: node, depth: depth + 1 });
          continue;
        }
        prune = true; // taken as absent, as JSON.stringify has it: counted like a leaf, left out of the copy
      }
      if (--budget < 0) {
        tooLarge();
        break walk;
      }
    }
    if (prune) pruned.push(node);
  }
  return { issues: out, pruned };
}

/**
 * A copy of the walked value without the keys of the `pruned` objects that
 * must go: forbidden keys always, `undefined`-valued properties when
 * `dropUndefined`. Only the pruned objects and their ancestors are copied
 * (each once, so the work is bounded by the value's size); the rest is
 * shared. A copy is built key by key with plain keys only (a forbidden key is
 * never assigned, so nothing is written through `__proto__`), and an array
 * element by element (no species constructor or iterator of the input runs).
 */
function prunedCopy(pruned: readonly WalkNode[], dropUndefined: boolean): unknown {
  const copies = new Map<WalkNode, Record<string | number, unknown>>();
  const copy = (v: object): Record<string | number, unknown> => {
    if (Array.isArray(v)) {
      const a = new Array<unknown>(v.length);
      for (let i = 0; i < v.length; i++) a[i] = v[i];
      return a as unknown as Record<number, unknown>;
    }
    const o: Record<string, unknown> = {};
    const names = Object.keys(v);
    for (let i = 0; i < names.length; i++) {
      const k = names[i]!;
      if (FORBIDDEN.has(k)) continue;
      const x: unknown = (v as Record<string, unknown>)[k];
      if (x === undefined && dropUndefined) continue;
      o[k] = x;
    }
    return o;
  };
  let root: WalkNode | undefined;
  const chain: WalkNode[] = [];
  for (const node of pruned) {
    for (let n: WalkNode | null = node; n && !copies.has(n); n = n.parent) chain.push(n);
    while (chain.length) {
      const n = chain.pop()!;
      const c = copy(n.v as object);
      copies.set(n, c);
      if (n.parent) copies.get(n.parent)![n.key] = c; // the parent's copy holds n.v under n.key: a plain key or an index
      else root = n;
    }
  }
  return copies.get(root!);
}

/**
 * Checks an already-parsed value (for packs given as objects, e.g. from a
 * database, and for caller inputs): depth, forbidden keys, and that it is
 * plain JSON data (no functions, class instances, symbols, `undefined`,
 * non-finite numbers or cycles). Every problem is reported, in document
 * order. A value of more than 2,000,000 nodes gets `JSON_TOO_LARGE` and the
 * walk stops there.
 *
 * @param value - the value
 * @param file - name used in issues
 * @param limits - depth limit (size is not measured for objects)
 * @param options - `symbolKeys: 'ignore'` leaves symbol-keyed properties out
 *   of the check; `undefinedProperties: 'absent'` lets an `undefined`-valued
 *   property pass as absent; `code: 'INVALID_INPUT'` for the problems of a
 *   caller input that is not JSON data (see {@link UntrustedValueOptions})
 * @returns the issues found (empty when the value is safe)
 * @example
 * ```ts
 * checkUntrustedValue(JSON.parse('{"__proto__":{"admin":true}}'))[0].code // → 'FORBIDDEN_KEY'
 * checkUntrustedValue({ f: () => 1 }, '<input>', undefined, { code: 'INVALID_INPUT' })[0].code // → 'INVALID_INPUT'
 * ```
 * @category Loading
 */
export function checkUntrustedValue(
  value: unknown,
  file = '<input>',
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
  options: UntrustedValueOptions = {},
): PolicyIssue[] {
  return walkUntrusted(value, file, limits, options).issues;
}

/**
 * {@link checkUntrustedValue}, and the value to go on checking (with a
 * schema) when that is safe:
 *
 * - no issue: the value itself, or — when it has `undefined`-valued
 *   properties and `undefinedProperties: 'absent'` is given — a copy without
 *   those keys (what `JSON.stringify` would keep), so a schema sees them
 *   absent and its output has no `undefined`-valued key;
 * - only `FORBIDDEN_KEY`s: a copy without the forbidden keys, so a rule
 *   file's other problems can be reported with them (the file is still
 *   refused: the issues are returned);
 * - any other issue (not JSON data, `JSON_TOO_DEEP`, `JSON_TOO_LARGE`):
 *   no value.
 *
 * A copy shares every object that needed no change with the input, and is
 * built without assigning through a forbidden key. No copy is made when
 * nothing needs removing (no cost for a clean value).
 *
 * @param value - the value
 * @param file - name used in issues
 * @param limits - depth limit
 * @param options - as for {@link checkUntrustedValue}
 * @returns the issues and, as above, the value to check further
 * @example
 * ```ts
 * screenUntrustedValue({ amount: '1.00', basePoints: undefined }, '<input>', undefined, { undefinedProperties: 'absent' }) // → { issues: [], value: { amount: '1.00' } }
 * ```
 * @category Loading
 * @internal
 */
export function screenUntrustedValue(
  value: unknown,
  file = '<input>',
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
  options: UntrustedValueOptions = {},
): { issues: PolicyIssue[]; value?: unknown } {
  const { issues, pruned } = walkUntrusted(value, file, limits, options);
  for (let i = 0; i < issues.length; i++) if (issues[i]!.code !== 'FORBIDDEN_KEY') return { issues };
  if (!pruned.length) return { issues, value };
  return { issues, value: prunedCopy(pruned, options.undefinedProperties === 'absent') };
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
 * @throws TypeError when the value holds a cycle (a value shared by two branches is fine)
 * @example
 * ```ts
 * canonicalJson({ b: 1, a: [true, null] }) // → '{"a":[true,null],"b":1}'
 * ```
 * @category Loading
 */
export function canonicalJson(value: unknown): string {
  // Written into one string as the value is walked: no array of parts per object or array
  // (≈ 30 % faster on a 1,000-rule pack, with less garbage). The text is the same as
  // `JSON.stringify` with sorted keys gives for plain JSON: an `undefined` property is left
  // out, an `undefined` element is `null`, a hole in an array is empty (as `join` has it).
  // The walk keeps its own stack of open arrays and objects, not the call stack: a pack raised
  // to a deep nesting limit (thousands of levels) cannot overflow it.
  let out = '';
  const stack: CanonicalFrame[] = [];
  // The arrays and objects open now: one met again inside itself is a cycle, which JSON cannot hold (a
  // recursive walk ended on the call stack's limit; this one would grow until memory runs out).
  const opened = new Set<object>();
  const open = (v: unknown): void => {
    if (v === null || typeof v !== 'object') {
      out += JSON.stringify(v) ?? 'null';
      return;
    }
    if (opened.has(v)) throw new TypeError('canonicalJson: the value holds a cycle (an array or object inside itself), which JSON cannot represent');
    opened.add(v);
    if (Array.isArray(v)) {
      out += '[';
      stack.push({ array: v, keys: null, next: 0 });
    } else {
      out += '{';
      stack.push({ array: null, keys: Object.keys(v).sort(), object: v as Record<string, unknown>, next: 0, first: true });
    }
  };
  open(value);
  while (stack.length) {
    const f = stack[stack.length - 1]!;
    if (f.array) {
      const i = f.next;
      if (i >= f.array.length) {
        out += ']';
        opened.delete(stack.pop()!.array!);
        continue;
      }
      f.next = i + 1;
      if (i > 0) out += ',';
      if (i in f.array) open(f.array[i]);
      continue;
    }
    let k: string | undefined;
    let x: unknown;
    while (f.next < f.keys.length) {
      k = f.keys[f.next++]!;
      x = f.object[k];
      if (x !== undefined) break;
      k = undefined;
    }
    if (k === undefined) {
      out += '}';
      opened.delete(f.object);
      stack.pop();
      continue;
    }
    out += f.first ? JSON.stringify(k) : `,${JSON.stringify(k)}`;
    out += ':';
    f.first = false;
    open(x);
  }
  return out;
}

/** An open array or object of {@link canonicalJson}'s walk, and where it is in it. */
type CanonicalFrame =
  | { readonly array: readonly unknown[]; readonly keys: null; next: number }
  | { readonly array: null; readonly keys: readonly string[]; readonly object: Record<string, unknown>; next: number; first: boolean };
