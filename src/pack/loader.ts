import { createHash } from 'node:crypto';
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { decodeUtf8, readBounded } from '../json/read-bounded.js';
import { decideWith } from '../decision/decide.js';
import { preparePolicy, type PreparedPolicy } from '../decision/prepared.js';
import { pushAll, PolicyLoadError, issue, quoted, type PolicyIssue, type SafeResult } from '../errors/errors.js';
import { fromZodIssues, PACK_PARSE } from '../errors/zod.js';
import { didYouMean } from '../errors/suggest.js';
import { canonicalJson, deepFreeze, DEFAULT_JSON_LIMITS, isForbiddenKey, parseUntrustedJson, screenUntrustedValue, type JsonLimits } from '../json/safe-json.js';
import { API_VERSION } from './header.js';
import { parsePlainPath } from '../conditions/path.js';
import { MAX_NAMED_CONDITIONS } from '../conditions/ruleset.js';
import type { KindContext, LoadOptions, PackDocument } from './kind.js';
import { ManifestSchema, PACK_FILE_NAME, type Manifest } from './manifest.js';
import type { DeepReadonly } from '../types/deep-readonly.js';
import { bundledPath, NO_PACKAGE_ROOT } from './package-root.js';
import type { Policy } from './policy.js';
import { KINDS } from './registry.js';

/**
 * Where a pack comes from: a bundled pack id (`"ecommerce"`), a folder or
 * manifest path, or in-memory files (e.g. from a database) keyed by file name,
 * each a parsed value, JSON text, or the file's bytes (a `Uint8Array` or
 * `Buffer`, which must be UTF-8: anything else is `FILE_NOT_UTF8`);
 * `manifest.json` is required.
 *
 * @category Packs
 */
export type PolicySource = string | { readonly files: Readonly<Record<string, unknown>> };

/**
 * A pack's raw files after the resolve step.
 *
 * @category Packs
 */
export interface RawPack {
  /** Where it was read from, for messages. */
  readonly origin: string;
  /** File name → parsed, safety-checked JSON (manifest first). */
  readonly files: ReadonlyMap<string, unknown>;
}

const MANIFEST = 'manifest.json';

/**
 * The most rules one liability or remedies file may hold unless the load
 * option `limits.maxRules` says otherwise.
 *
 * @example
 * ```ts
 * loadPolicy({ files }, { limits: { maxRules: 10 * DEFAULT_MAX_RULES } }) // a pack of up to 10,000 rules a file
 * ```
 * @category Loading
 */
export const DEFAULT_MAX_RULES = 1000;

/**
 * The most files a pack may have unless the load option `limits.maxFiles`
 * says otherwise.
 *
 * @category Loading
 */
export const DEFAULT_MAX_FILES = 64;

/**
 * The most bytes a pack's files may have together unless the load option
 * `limits.maxTotalBytes` says otherwise (8 MiB).
 *
 * @category Loading
 */
export const DEFAULT_MAX_TOTAL_BYTES = 8 * 1024 * 1024;
const BUNDLED_ID = /^[a-z0-9][a-z0-9._-]*$/;

/** Whether a real path is inside a real folder. */
const inside = (folder: string, path: string) => path.startsWith(folder.endsWith(sep) ? folder : folder + sep);

const LIMIT_KEYS = ['maxBytes', 'maxDepth', 'maxFiles', 'maxTotalBytes', 'maxConditionDepth', 'maxConditionNodes', 'maxRules'] as const;

/**
 * The highest `limits.maxDepth` and `limits.maxConditionDepth` a load takes.
 * The checks of a pack's files and the condition compiler walk nested JSON
 * and nested conditions on the call stack, which Node's default stack holds
 * for ≈ 1,000 levels of JSON (fewer for `all` inside `all`) and ≈ 4,000 of
 * named conditions: a higher limit would let a pack end the load with a
 * stack overflow instead of a problem with its code. 256 leaves room for a
 * host's own calls below the load.
 *
 * @category Packs
 */
export const MAX_NESTING_LIMIT = 256;

/**
 * A limit that is not a positive integer (0, negative, fractional, NaN, a
 * string) would switch its check off or refuse everything: it is the host's
 * programming error, thrown at once rather than reported as a pack problem.
 */
function checkLimits(limits: LoadOptions['limits']): void {
  if (limits === undefined) return;
  if (typeof limits !== 'object' || limits === null || Array.isArray(limits)) throw new TypeError(`limits must be an object of limits (${LIMIT_KEYS.join(', ')}), got ${limits === null ? 'null' : Array.isArray(limits) ? 'an array' : typeof limits}`);
  // A misspelt limit would otherwise be ignored silently: the load would run with the default.
  for (const key of Object.keys(limits)) {
    if (!(LIMIT_KEYS as readonly string[]).includes(key)) throw new RangeError(`limits.${key.length > 40 ? `${key.slice(0, 40)}…` : key} is not a load limit${didYouMean(key, LIMIT_KEYS)} (the limits: ${LIMIT_KEYS.join(', ')})`);
  }
  for (const key of LIMIT_KEYS) {
    const v = limits[key];
    if (v !== undefined && (!Number.isSafeInteger(v) || v < 1)) throw new RangeError(`limits.${key} must be a positive integer, got ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
    if ((key === 'maxDepth' || key === 'maxConditionDepth') && v !== undefined && v > MAX_NESTING_LIMIT) {
      throw new RangeError(`limits.${key} must be at most ${MAX_NESTING_LIMIT} (deeper nesting could overflow the call stack), got ${v}`);
    }
  }
}

function limitsOf(options: LoadOptions): JsonLimits & { maxFiles: number; maxTotalBytes: number } {
  if (typeof options !== 'object' || options === null) throw new TypeError(`load options must be an object (or left out), got ${options === null ? 'null' : typeof options}`);
  checkLimits(options.limits);
  return {
    maxBytes: options.limits?.maxBytes ?? DEFAULT_JSON_LIMITS.maxBytes,
    maxDepth: options.limits?.maxDepth ?? DEFAULT_JSON_LIMITS.maxDepth,
    // a problem over a file's size or depth names the load option to raise
    raise: { maxBytes: 'load option limits.maxBytes', maxDepth: 'load option limits.maxDepth' },
    maxFiles: options.limits?.maxFiles ?? DEFAULT_MAX_FILES,
    maxTotalBytes: options.limits?.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES,
  };
}

/**
 * Lists the packs bundled with the library.
 *
 * @returns bundled pack ids
 * @category Packs
 */
export function bundledPackIds(): string[] {
  return ['ecommerce', 'manufacturer'].filter((id) => bundledManifest(id) !== undefined);
}

/**
 * The manifest of a bundled pack when `source` is a bare id of one (`"ecommerce"`):
 * such an id names the bundled pack even when a folder of that name is in the
 * working directory (`./ecommerce` names the folder). `undefined` for anything
 * else, and for every id when the package's folders cannot be found (the
 * library bundled into an app).
 *
 * @param source - what the caller gave
 * @returns the manifest's absolute path, or `undefined`
 * @category Packs
 * @internal
 */
export function bundledManifest(source: string): string | undefined {
  if (!BUNDLED_ID.test(source)) return undefined;
  const path = bundledPath('rules', source, MANIFEST);
  return path !== undefined && existsSync(path) ? path : undefined;
}

/**
 * Step 1 of loading: finds and reads the pack's files as untrusted JSON
 * (size, depth and prototype-pollution checks, repeated keys, numbers a
 * binary float cannot hold exactly). Reports every problem. A file with a
 * forbidden (`FORBIDDEN_KEY`) or repeated (`DUPLICATE_KEY`) key or an
 * inexact number (`JSON_NUMBER_NOT_EXACT`) is still in the raw pack — without
 * its forbidden keys, as a copy — so the later steps report its other
 * problems too; the issues make the load fail all the same. A file that is
 * not JSON (`JSON_SYNTAX`, `FILE_NOT_UTF8`), too large or too deep
 * (`JSON_TOO_LARGE`, `JSON_TOO_DEEP`), or (given as an object) not JSON data
 * is left out of it.
 *
 * @param source - pack id, folder, manifest path or in-memory files
 * @param options - limits
 * @returns the raw pack, the issues found, and `skipped`: the files the
 *   manifest lists past `limits.maxFiles` (reported as one `JSON_TOO_LARGE`),
 *   which were not read — pass them to {@link validatePack} with the
 *   unreadable files, so they are not reported as missing too
 * @throws RangeError when a given limit is not a positive integer
 * @category Packs
 */
export function resolvePack(source: PolicySource, options: LoadOptions = {}): { pack: RawPack; issues: PolicyIssue[]; skipped?: string[] } {
  const limits = limitsOf(options);
  const issues: PolicyIssue[] = [];
  const skipped: string[] = [];
  const files = new Map<string, unknown>();
  if (typeof source !== 'string') {
    if (!source || typeof source !== 'object' || !source.files || typeof source.files !== 'object') {
      issues.push(issue('FILE_NOT_FOUND', 'an in-memory pack must be { files: { "manifest.json": …, … } }', [], '<pack>'));
      return { pack: { origin: '<memory>', files }, issues };
    }
    const names = Object.keys(source.files);
    if (names.length > limits.maxFiles) issues.push(issue('JSON_TOO_LARGE', `the pack has ${names.length} files, the limit is ${limits.maxFiles} (load option limits.maxFiles)`, [], '<pack>'));
    let total = 0;
    for (const name of [MANIFEST, ...names.filter((n) => n !== MANIFEST)]) {
      if (isForbiddenKey(name)) {
        issues.push(issue('FORBIDDEN_KEY', `a file may not be named "${name}" (prototype pollution)`, [name], '<pack>'));
        continue;
      }
      if (!Object.prototype.hasOwnProperty.call(source.files, name)) {
        issues.push(issue('FILE_NOT_FOUND', `the pack has no ${name}`, [], name));
        continue;
      }
      let v = source.files[name];
      if (v instanceof Uint8Array) {
        // the bytes of a file (a Buffer, e.g. read from a database): UTF-8 text, checked as such — once its size
        // is known to be within the limit (decoding and checking 300 MB took a second and their size again in memory)
        if (v.byteLength > limits.maxBytes) {
          total += v.byteLength;
          issues.push(issue('JSON_TOO_LARGE', `document is ${v.byteLength} bytes, the limit is ${limits.maxBytes} (load option limits.maxBytes)`, [], name));
          continue;
        }
        try {
          v = decodeUtf8(v);
        } catch (e) {
          issues.push(issue('FILE_NOT_UTF8', (e as Error).message, [], name));
          continue;
        }
      }
      if (typeof v === 'string') {
        total += Buffer.byteLength(v, 'utf8');
        const r = parseUntrustedJson(v, name, limits);
        if (!r.ok) pushAll(issues, r.issues);
        // a forbidden or repeated key, an inexact number (the problems that still give a value) do not stop the file's other checks
        if (r.value !== undefined) files.set(name, r.value);
      } else {
        // a forbidden key does not stop the file's other checks either: they run on a copy without it
        const r = screenUntrustedValue(v, name, limits);
        pushAll(issues, r.issues);
        if (r.value !== undefined) files.set(name, r.value);
      }
    }
    if (total > limits.maxTotalBytes) issues.push(issue('JSON_TOO_LARGE', `the pack is ${total} bytes, the limit is ${limits.maxTotalBytes} (load option limits.maxTotalBytes)`, [], '<pack>'));
    return { pack: { origin: '<memory>', files }, issues };
  }

  const bundled = bundledManifest(source);
  let manifestPath: string;
  // a folder given: its manifest.json is one of the pack's own files, held inside it like the others
  let folderGiven = false;
  if (bundled !== undefined) manifestPath = bundled;
  else {
    const p = resolve(source);
    folderGiven = existsSync(p) && statSync(p).isDirectory();
    manifestPath = folderGiven ? join(p, MANIFEST) : p;
  }
  const dir = dirname(manifestPath);
  const realDir = existsSync(dir) ? realpathSync(dir) : dir;
  const origin = bundled !== undefined ? source : dir;
  let total = 0;
  /** Why there is no pack at `source`. */
  const noPack = () =>
    bundledPath() === undefined
      ? // the library bundled into an app: no bundled packs, which matters only for a bare id
        `no pack at ${JSON.stringify(source)}: no folder with a manifest.json there${BUNDLED_ID.test(source) ? `, and ${NO_PACKAGE_ROOT}` : ''}`
      : `no pack at ${JSON.stringify(source)}: neither a bundled pack id (${bundledPackIds().join(', ')}) nor a folder with a manifest.json`;
  const read = (file: string, name: string): unknown => {
    let kind: string | undefined; // what is there when it is not a file that can be read
    try {
      const st = statSync(file);
      if (st.isDirectory()) kind = 'a folder';
      else if (!st.isFile()) kind = st.isFIFO() ? 'a named pipe (FIFO)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // a name that leads nowhere (no such file, a dangling link) does not exist; a link that loops exists and cannot be read
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        issues.push(issue('FILE_NOT_FOUND', name === MANIFEST ? noPack() : `file ${name} listed in the manifest does not exist${jsonFilesHere(dir, name)}`, [], name));
        return undefined;
      }
      kind = code === 'ELOOP' ? 'a link that leads to itself' : `unreadable (${code ?? (e as Error).message})`;
    }
    if (kind !== undefined) {
      // Not a file that can be read (a FIFO would block the load, a device never ends): refused unread, named for what it is.
      issues.push(issue('FILE_UNREADABLE', `${name === MANIFEST && !folderGiven ? JSON.stringify(file) : `file ${name}`} is ${kind}, not a file that can be read`, [], name));
      return undefined;
    }
    // A listed file is read only inside the pack folder: a link out of it (to /etc/passwd, /proc/…) is
    // refused, not read — its first characters would otherwise show in a syntax error. So is the manifest
    // of a folder given (a manifest.json named on its own is read where it leads: the caller chose that file).
    if ((name !== MANIFEST || folderGiven) && !inside(realDir, realpathSync(file))) {
      issues.push(issue('FILE_UNREADABLE', `file ${name} leads outside the pack folder (a link): only the pack's own files are read`, [], name));
      return undefined;
    }
    const size = statSync(file).size;
    if (size > limits.maxBytes) {
      issues.push(issue('JSON_TOO_LARGE', `file is ${size} bytes, the limit is ${limits.maxBytes} (load option limits.maxBytes)`, [], name));
      return undefined;
    }
    let text: string;
    try {
      // read at most maxBytes + 1 whatever the size says (0 for /proc files, and a file can grow)
      text = readBounded(file, limits.maxBytes);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      issues.push(
        code === 'ETOOBIG'
          ? issue('JSON_TOO_LARGE', `file is larger than the limit of ${limits.maxBytes} bytes (load option limits.maxBytes)`, [], name)
          : issue(code === 'ENOTUTF8' ? 'FILE_NOT_UTF8' : 'FILE_UNREADABLE', (e as Error).message, [], name),
      );
      return undefined;
    }
    total += Buffer.byteLength(text, 'utf8');
    const r = parseUntrustedJson(text, name, limits);
    if (!r.ok) pushAll(issues, r.issues);
    // a forbidden or repeated key, an inexact number (the problems that still give a value) do not stop the file's other checks
    if (r.value === undefined) return undefined;
    files.set(name, r.value);
    return r.value;
  };
  const manifest = read(manifestPath, MANIFEST);
  const given = basename(manifestPath);
  if (given !== MANIFEST && manifest !== undefined && (manifest as { kind?: unknown } | null)?.kind !== 'Manifest') {
    // a rule file given where the pack is expected: say so, rather than report it as a broken manifest
    issues.push(
      issue('FILE_NOT_FOUND', `${given} is not a pack manifest (its kind is ${JSON.stringify((manifest as { kind?: unknown } | null)?.kind)}): give the pack's folder or its manifest.json`, [], given),
    );
    return { pack: { origin: dir, files: new Map() }, issues };
  }
  const listed = (manifest as { files?: unknown } | undefined)?.files;
  if (Array.isArray(listed)) {
    if (listed.length > limits.maxFiles) issues.push(issue('JSON_TOO_LARGE', `the manifest lists ${listed.length} files, the limit is ${limits.maxFiles} (load option limits.maxFiles)`, ['files'], MANIFEST));
    listed.forEach((name, i) => {
      // Plain names only: the schema step reports bad names; never read outside the pack folder.
      if (typeof name !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]*\.json$/.test(name) || name === MANIFEST) return;
      // past the file limit (reported above): not read, and not missing either
      if (i >= limits.maxFiles) skipped.push(name);
      else read(join(dir, name), name);
    });
  }
  if (total > limits.maxTotalBytes) issues.push(issue('JSON_TOO_LARGE', `the pack is ${total} bytes, the limit is ${limits.maxTotalBytes} (load option limits.maxTotalBytes)`, [], '<pack>'));
  return { pack: { origin, files }, issues, skipped };
}

/**
 * The JSON files of a pack folder, for the message of a listed file that is not there: the one meant
 * when its name is a near miss (`remedy.json` for `remedies.json`), and the others.
 */
function jsonFilesHere(dir: string, missing: string): string {
  let names: string[];
  try {
    names = readdirSync(dir)
      // the missing name itself may be listed (a link to nothing): not offered as what is there
      .filter((n) => n.endsWith('.json') && n !== MANIFEST && n !== missing)
      .sort();
  } catch {
    return '';
  }
  if (!names.length) return '';
  const shown = names.length <= 30 ? names.join(', ') : `${names.slice(0, 30).join(', ')} and ${names.length - 30} more`;
  return `${didYouMean(missing, names)} (JSON files in the pack folder: ${shown})`;
}

/**
 * Step 2 of loading: merges overlays. Packs cannot extend others yet
 * (`extends` is reserved); this is the identity, kept as its own step so
 * versions and overlays slot in without touching the other steps.
 *
 * @param pack - the raw pack
 * @returns the effective raw pack
 * @category Packs
 */
export function mergePack(pack: RawPack): RawPack {
  return pack;
}

/**
 * Step 3 of loading: validates the manifest and every file against its kind's
 * schema. Returns the validated documents and every problem.
 *
 * @param pack - the effective raw pack
 * @param unreadable - files the resolve step already reported as unreadable, or did not read (`skipped`)
 * @param limits - `maxRules`: the most rules a liability or remedies file may
 *   hold ({@link DEFAULT_MAX_RULES} when not given); a file with more gets
 *   `JSON_TOO_LARGE` at `rules` and is not read further
 * @returns manifest, documents, issues, and the files that failed their schema (`invalid`: kind and raw content, for the checks still possible)
 * @throws RangeError when `maxRules` is not a positive integer
 * @category Packs
 */
export function validatePack(
  pack: RawPack,
  unreadable: ReadonlySet<string> = new Set(),
  limits: { readonly maxRules?: number | undefined } = {},
): { manifest?: Manifest; documents: PackDocument[]; issues: PolicyIssue[]; invalid: Array<{ file: string; kind: string; raw: unknown }> } {
  checkLimits(limits);
  const invalid: Array<{ file: string; kind: string; raw: unknown }> = [];
  const maxRules = limits.maxRules ?? DEFAULT_MAX_RULES;
  const issues: PolicyIssue[] = [];
  const documents: PackDocument[] = [];
  const rawManifest = pack.files.get(MANIFEST);
  let manifest: Manifest | undefined;
  if (rawManifest !== undefined) {
    const r = ManifestSchema.safeParse(rawManifest, PACK_PARSE);
    if (r.success) manifest = r.data;
    else pushAll(issues, fromZodIssues(r.error.issues, MANIFEST, 'SCHEMA_VIOLATION'));
  }
  // Without a valid manifest, every file of the pack is checked, and the files an invalid manifest still
  // lists as texts are looked for too (a missing one is reported with the manifest's own problems).
  const listed = (rawManifest as { files?: unknown } | undefined)?.files;
  const names = manifest
    ? manifest.files
    : [
        ...new Set([
          ...[...pack.files.keys()].filter((n) => n !== MANIFEST),
          ...(Array.isArray(listed) ? listed.filter((n): n is string => typeof n === 'string' && PACK_FILE_NAME.test(n)) : []),
        ]),
      ];
  // The list as the manifest has it (not `names`, which has no repeats without a valid manifest): a file
  // listed twice, or the manifest itself, is reported at its own index whether or not the manifest is valid.
  const seenNames = new Set<string>(names);
  const seenListed = new Set<string>();
  (manifest ? manifest.files : Array.isArray(listed) ? (listed as unknown[]) : []).forEach((name, i) => {
    if (typeof name !== 'string') return;
    if (seenListed.has(name)) issues.push(issue('DUPLICATE_ID', `${name} is listed twice`, ['files', i], MANIFEST));
    seenListed.add(name);
    if (name === MANIFEST) issues.push(issue('SCHEMA_VIOLATION', 'the manifest cannot list itself', ['files', i], MANIFEST));
  });
  const singles = new Map<string, string>();
  for (const name of seenNames) {
    if (name === MANIFEST) continue;
    const raw = pack.files.get(name);
    if (raw === undefined) {
      if (!unreadable.has(name)) issues.push(issue('FILE_NOT_FOUND', `file ${name} listed in the manifest is not in the pack`, [], name));
      continue;
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push(issue('SCHEMA_VIOLATION', 'a rule file must be a JSON object', [], name));
      continue;
    }
    const head = raw as Record<string, unknown>;
    const def = typeof head.kind === 'string' ? KINDS.get(head.kind) : undefined;
    const kinds = [...KINDS.keys()];
    if (head.apiVersion !== API_VERSION) {
      issues.push(
        issue(
          'UNSUPPORTED_API_VERSION',
          head.apiVersion === undefined
            ? `required: "apiVersion": "${API_VERSION}", the version of the rule-file format`
            : `apiVersion must be "${API_VERSION}", got ${quoted(head.apiVersion)}`,
          ['apiVersion'],
          name,
        ),
      );
      // a file of another format version is not read further; one without any is most likely missing the header: its kind is checked too
      if (head.apiVersion !== undefined) continue;
    }
    if (!def) {
      issues.push(
        issue(
          'UNKNOWN_KIND',
          head.kind === undefined
            ? `required: "kind" says what the file holds, one of ${kinds.join(', ')}`
            : `unknown kind ${quoted(head.kind)}${didYouMean(head.kind, kinds)} (known: ${kinds.join(', ')})`,
          ['kind'],
          name,
        ),
      );
      continue;
    }
    if (head.apiVersion !== API_VERSION) continue;
    if (!def.multiple) {
      const prev = singles.get(def.kind);
      if (prev) {
        issues.push(issue('DUPLICATE_KIND', `a pack has one ${def.kind} file; ${prev} is one already`, ['kind'], name));
        continue;
      }
      singles.set(def.kind, name);
    }
    // The rule count is a load limit (like the size of a file), checked before any rule is read.
    if (def.limitedRules && Array.isArray(head.rules) && head.rules.length > maxRules) {
      issues.push(issue('JSON_TOO_LARGE', `${head.rules.length} rules; the limit is ${maxRules} (load option limits.maxRules)`, ['rules'], name));
      continue;
    }
    // So is the number of named conditions: zod would read them all, and too many wrong ones overflow its stack.
    const named = head.conditions;
    if (named !== null && typeof named === 'object' && !Array.isArray(named) && Object.keys(named).length > MAX_NAMED_CONDITIONS) {
      issues.push(issue('SCHEMA_VIOLATION', `${Object.keys(named).length} named conditions; a file may declare at most ${MAX_NAMED_CONDITIONS}`, ['conditions'], name));
      continue;
    }
    const r = def.schema.safeParse(raw, PACK_PARSE);
    if (r.success) documents.push({ file: name, kind: def.kind, doc: r.data });
    else {
      pushAll(issues, fromZodIssues(r.error.issues, name, 'SCHEMA_VIOLATION'));
      // The file will not be compiled, so scan it for unsafe condition paths now:
      // a filter expression must be named as such even in a file with other errors.
      pushAll(issues, scanUnsafePaths(raw, name));
      invalid.push({ file: name, kind: def.kind, raw });
    }
  }
  return { manifest, documents, issues, invalid };
}

/** Finds every condition leaf (`fact` + `operator`) whose `path` is not a plain path. */
function scanUnsafePaths(value: unknown, file: string): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  // Each node keeps its parent and key, and a JSON path is built only for a node that is reported:
  // copying the path at every node cost nodes × depth (seconds and gigabytes on a deep, wide file).
  type Node = { v: unknown; parent: Node | null; key: string | number };
  const pathOf = (n: Node): Array<string | number> => {
    const keys: Array<string | number> = [];
    for (let at: Node | null = n; at && at.parent; at = at.parent) keys.push(at.key);
    return keys.reverse();
  };
  const stack: Node[] = [{ v: value, parent: null, key: '' }];
  while (stack.length) {
    const node = stack.pop()!;
    const v = node.v;
    if (!v || typeof v !== 'object') continue;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (v[i] && typeof v[i] === 'object') stack.push({ v: v[i], parent: node, key: i });
      continue;
    }
    const o = v as Record<string, unknown>;
    if (typeof o.fact === 'string' && typeof o.path === 'string' && parsePlainPath(o.path) === undefined) {
      out.push(issue('UNSAFE_PATH', `path ${JSON.stringify(o.path)} is not a plain dotted/indexed path such as "order.items[0].sku"; filter, wildcard, recursive and script expressions are refused`, [...pathOf(node), 'path'], file));
    }
    for (const k of Object.keys(o)) if (o[k] && typeof o[k] === 'object') stack.push({ v: o[k], parent: node, key: k });
  }
  return out.reverse();
}

/**
 * Content hash of the effective pack: SHA-256 of the canonical JSON of every
 * file, by name.
 *
 * @param pack - the effective raw pack
 * @returns hex digest
 * @category Packs
 */
export function packHash(pack: RawPack): string {
  const files: Record<string, unknown> = {};
  for (const [k, v] of pack.files) Object.defineProperty(files, k, { value: v, enumerable: true }); // own keys whatever the name
  return createHash('sha256').update(canonicalJson(files)).digest('hex');
}

/**
 * Step 4 of loading: compiles every validated document (semantic checks
 * included) into an immutable {@link Policy}.
 *
 * @param manifest - the validated manifest
 * @param documents - the validated documents
 * @param hash - the content hash
 * @param options - host facts, operators, limits
 * @returns the policy and the issues (the policy must be discarded if there are any)
 * @throws RangeError when a given limit is not a positive integer
 * @category Packs
 */
export function compilePack(manifest: DeepReadonly<Manifest>, documents: readonly PackDocument[], hash: string, options: LoadOptions = {}): { policy: Policy; issues: PolicyIssue[] } {
  checkLimits(options.limits);
  const issues: PolicyIssue[] = [];
  const parts: Record<string, unknown> = {};
  for (const name of Object.keys(options.operators ?? {})) {
    if (['equal', 'notEqual', 'in', 'notIn', 'contains', 'doesNotContain', 'lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'].includes(name)) {
      issues.push(issue('DUPLICATE_ID', `the host operator "${name}" would replace a built-in operator`, [], '<options>'));
    }
  }
  for (const d of documents) {
    const def = KINDS.get(d.kind)!;
    const ctx: KindContext = { file: d.file, issues, options, settings: manifest.settings, documents };
    const compiled = def.compile(d.doc, ctx);
    if (def.multiple) ((parts[def.key] ??= []) as unknown[]).push(compiled);
    else parts[def.key] = compiled;
  }
  deepFreeze(documents);
  deepFreeze(manifest); // settings included: a changed zone or rounding would half-apply (decide caches the rounding, not the zone)
  let prepared: PreparedPolicy | undefined;
  const policy: Policy = Object.freeze({
    ...parts,
    id: manifest.id,
    version: manifest.version,
    description: manifest.description,
    name: manifest.name ?? manifest.id,
    settings: manifest.settings,
    manifest,
    hash,
    documents: Object.freeze([...documents]),
    decide(complaint: unknown, opts: Parameters<Policy['decide']>[1]) {
      return decideWith(policy, (prepared ??= preparePolicy(policy)), complaint, opts);
    },
  }) as Policy;
  return { policy, issues };
}

/**
 * Loads a rule pack: resolve → merge → validate → compile. Returns an
 * immutable, validated, compiled policy, or reports every problem of the pack
 * at once. Nothing is half-loaded.
 *
 * @param source - bundled pack id, folder, manifest path, or in-memory files
 * @param options - host facts and operators, size/depth limits
 * @returns `{ success: true, data }` or `{ success: false, error }`
 * @throws RangeError when a given limit is not a positive integer (a programming error, not a pack problem)
 * @example
 * ```ts
 * const r = safeLoadPolicy('ecommerce');
 * if (r.success) console.log(r.data.id, r.data.version); // → ecommerce and the bundled pack's version (its manifest.json)
 * ```
 * @category Packs
 */
export function safeLoadPolicy(source: PolicySource, options: LoadOptions = {}): SafeResult<Policy, PolicyLoadError> {
  const resolved = resolvePack(source, options);
  const merged = mergePack(resolved.pack);
  const notRead = new Set([...resolved.issues.map((i) => i.file), ...(resolved.skipped ?? [])]);
  const validated = validatePack(merged, notRead, { maxRules: options.limits?.maxRules });
  const issues = [...resolved.issues, ...validated.issues];
  if (validated.documents.length) {
    // Compile whatever validated — even when the manifest did not — so semantic
    // problems are reported together with schema problems. A policy is only
    // returned when there is no problem at all.
    const manifest = validated.manifest ?? FALLBACK_MANIFEST;
    const compiled = compilePack(manifest, validated.documents, packHash(merged), options);
    pushAll(issues, compiled.issues);
    if (!issues.length && validated.manifest) return { success: true, data: compiled.policy };
  }
  // Files that failed their schema are not compiled; what of them can still be checked is.
  for (const f of validated.invalid) {
    const settings = (validated.manifest ?? FALLBACK_MANIFEST).settings;
    KINDS.get(f.kind)!.checkInvalid?.(f.raw, { file: f.file, issues, options, settings, documents: validated.documents });
  }
  if (!issues.length) issues.push(issue('FILE_NOT_FOUND', 'the pack has no rule files', ['files'], MANIFEST));
  return { success: false, error: new PolicyLoadError(dedupe(issues)) };
}

/**
 * Used only to keep checking a pack whose manifest is invalid; never returned.
 * Parsed at import with {@link PACK_PARSE} (`jitless`): zod would otherwise
 * build the manifest's parser with `new Function` as the library is imported.
 */
const FALLBACK_MANIFEST: Manifest = ManifestSchema.parse({
  $schema: 'manifest.schema.json',
  apiVersion: API_VERSION,
  kind: 'Manifest',
  id: 'invalid-manifest',
  version: '0.0.0',
  description: 'placeholder while the real manifest is invalid',
  files: ['none.json'],
}, PACK_PARSE);

function dedupe(issues: PolicyIssue[]): PolicyIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.file}|${i.path.join('.')}|${i.code}|${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * Loads a rule pack or throws a {@link PolicyLoadError} listing every problem.
 *
 * @param source - bundled pack id, folder, manifest path, or in-memory files
 * @param options - host facts and operators, size/depth limits
 * @returns the immutable compiled policy
 * @throws PolicyLoadError; RangeError when a given limit is not a positive integer (a programming error, not a pack problem)
 * @example
 * ```ts
 * const policy = loadPolicy('ecommerce');
 * policy.decide(complaint, { now: '2026-11-25T10:00:00+08:00' }).liability.party // → 'manufacturer'
 * ```
 * @category Packs
 */
export function loadPolicy(source: PolicySource, options: LoadOptions = {}): Policy {
  const r = safeLoadPolicy(source, options);
  if (!r.success) throw r.error;
  return r.data;
}
