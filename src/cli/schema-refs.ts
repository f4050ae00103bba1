import { existsSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { findPackageRoot } from '../pack/package-root.js';
import { KINDS } from '../pack/registry.js';
import type { Policy } from '../pack/policy.js';

/**
 * A rule file of a pack folder whose `$schema` an editor cannot follow to the
 * JSON Schema of its kind: the path names no file, or the schema of another
 * kind (`liability.schema.json` in `remedies.json`). A file of another name
 * is taken to be the host's own copy of the schema.
 * The loader never reads `$schema` (any text passes), so such a file loads,
 * and only autocompletion is lost — `aftersales validate` notes it.
 *
 * @category CLI
 */
export interface SchemaReferenceNote {
  readonly code: 'SCHEMA_REFERENCE';
  /** Pack-relative file name, e.g. `liability.json`. */
  readonly file: string;
  readonly path: readonly ['$schema'];
  /** The `$schema` as written. */
  readonly schema: string;
  /** The path to write instead, relative to the file (`/`-separated), when the package's schemas are found. */
  readonly suggested?: string;
  readonly message: string;
}

/** A `$schema` with a URL scheme (`https:`, `file:` …) is left to the editor; a Windows drive letter is a path. */
const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

const isFile = (p: string): boolean => {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
};

/**
 * Where the schema `name` of the installed package is, seen from `fromDir`:
 * the `node_modules/aftersales-policy/schemas/` found walking up from the
 * folder (as Node resolves the package, so the path does not depend on a
 * package manager's store layout), else the schemas beside this module's
 * package root, else `undefined`.
 */
function schemaPath(fromDir: string, name: string): string | undefined {
  for (let dir = fromDir; ; ) {
    const p = join(dir, 'node_modules', 'aftersales-policy', 'schemas', name);
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  const root = findPackageRoot();
  const p = root === undefined ? undefined : join(root, 'schemas', name);
  return p !== undefined && existsSync(p) ? p : undefined;
}

/** The JSON Schema file names of the rule-file kinds and the manifest. */
const PACK_SCHEMAS = (): ReadonlySet<string> => new Set(['manifest.schema.json', ...[...KINDS.values()].map((k) => k.schemaFile)]);

const posixRelative = (fromDir: string, to: string): string => {
  const r = relative(fromDir, to).split(sep).join('/');
  return r.startsWith('.') ? r : `./${r}`;
};

/**
 * The `$schema` of each file of a pack folder (the manifest too) that does not
 * lead to its kind's JSON Schema, with the relative path that would.
 *
 * @param policy - a pack loaded from `folder`
 * @param folder - the absolute path of the pack folder
 * @returns one note per such file, in manifest order
 * @category CLI
 */
export function schemaReferenceNotes(policy: Policy, folder: string): SchemaReferenceNote[] {
  const files: Array<{ file: string; schema: unknown; expected: string }> = [
    { file: 'manifest.json', schema: policy.manifest.$schema, expected: 'manifest.schema.json' },
    ...policy.documents.map((d) => ({ file: d.file, schema: (d.doc as { $schema?: unknown }).$schema, expected: KINDS.get(d.kind)?.schemaFile ?? '' })),
  ];
  const notes: SchemaReferenceNote[] = [];
  for (const { file, schema, expected } of files) {
    if (typeof schema !== 'string' || expected === '' || (URL_LIKE.test(schema) && !/^[a-z]:[\\/]/i.test(schema))) continue;
    const dir = dirname(join(folder, file));
    const target = isAbsolute(schema) ? schema : resolve(dir, schema);
    const found = isFile(target);
    const base = target.split(/[\\/]/).pop();
    // a file of another name may be the host's own copy of the schema: only another kind's schema is a mistake
    if (found && (base === expected || !PACK_SCHEMAS().has(base ?? ''))) continue;
    const want = schemaPath(dir, expected);
    const suggested = want === undefined ? undefined : posixRelative(dir, want);
    const problem = found ? `names ${base}, not the schema of this file's kind (${expected})` : `names no file (${target})`;
    notes.push({
      code: 'SCHEMA_REFERENCE',
      file,
      path: ['$schema'],
      schema,
      ...(suggested !== undefined ? { suggested } : {}),
      message: `${file}: $schema "${schema}" ${problem}, so an editor offers no autocompletion${suggested !== undefined ? `: write "${suggested}"` : ''}`,
    });
  }
  return notes;
}
