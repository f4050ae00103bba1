import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readBounded } from '../json/read-bounded.js';
import { KINDS } from '../pack/registry.js';
import type { Policy } from '../pack/policy.js';

/**
 * A rule file in a pack folder that the manifest does not list in `files`:
 * the loader reads only the listed files, so its rules are silently not part
 * of the pack — `aftersales validate` notes it.
 *
 * @category CLI
 */
export interface UnlistedFileNote {
  readonly code: 'FILE_NOT_LISTED';
  /** Pack-relative file name, e.g. `approval.json`. */
  readonly file: string;
  readonly path: readonly [];
  /** The kind the file declares. */
  readonly kind: string;
  readonly message: string;
}

/** Files of the folder looked at: more is not a pack folder a person keeps. */
const MAX_LOOKED_AT = 200;
/** Bytes read of an unlisted file: enough for its header. */
const MAX_BYTES = 1024 * 1024;

/**
 * The JSON files of a pack folder that declare a known rule-file `kind` but
 * are not in the manifest's `files` (a file of no known kind — a fixture, a
 * package.json — is not noted).
 *
 * @param policy - a pack loaded from `folder`
 * @param folder - the absolute path of the pack folder
 * @returns one note per such file, by name
 * @category CLI
 */
export function unlistedFileNotes(policy: Policy, folder: string): UnlistedFileNote[] {
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.json') && n !== 'manifest.json').sort().slice(0, MAX_LOOKED_AT);
  } catch {
    return [];
  }
  const listed = new Set(policy.manifest.files);
  const notes: UnlistedFileNote[] = [];
  for (const file of names) {
    if (listed.has(file)) continue;
    let kind: unknown;
    try {
      const path = join(folder, file);
      if (!statSync(path).isFile()) continue;
      kind = (JSON.parse(readBounded(path, MAX_BYTES)) as { kind?: unknown } | null)?.kind;
    } catch {
      continue; // unreadable, too large or not JSON: not a rule file of this pack
    }
    if (typeof kind !== 'string' || !KINDS.has(kind)) continue;
    notes.push({
      code: 'FILE_NOT_LISTED',
      file,
      path: [],
      kind,
      message: `${file} (kind ${kind}) is in the pack folder but not listed in manifest.json "files", so it is not read: add it to "files" if it is part of the pack`,
    });
  }
  return notes;
}
