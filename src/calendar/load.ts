import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { issue, PolicyError, PolicyLoadError } from '../errors/errors.js';
import { readBounded } from '../json/read-bounded.js';
import { parseUntrustedJson } from '../json/safe-json.js';
import { compileCalendar } from './calendar.js';
import type { CalendarData } from './schema.js';

const PACKAGE_NAME = 'aftersales-policy';
const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

let root: string | undefined;
const loaded = new Map<string, CalendarData>();

/**
 * The package root: the nearest ancestor directory of this module whose
 * `package.json` is named `aftersales-policy`. Works from `src/calendar/`
 * (tests) and from `dist/` (ESM, and CJS where tsup shims `import.meta.url`).
 */
function packageRoot(): string {
  if (root !== undefined) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === PACKAGE_NAME) return (root = dir);
      } catch {
        // An unreadable or foreign package.json: keep walking up.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new PolicyError('FILE_NOT_FOUND', [
        issue('FILE_NOT_FOUND', `cannot find the ${PACKAGE_NAME} package root above ${fileURLToPath(import.meta.url)}`, [], '<calendar>'),
      ]);
    }
    dir = parent;
  }
}

/**
 * Ids of the calendars bundled with the library (`rules/calendars/*.json`).
 *
 * @returns the ids, sorted
 * @example
 * ```ts
 * bundledCalendarIds() // → ['cn-mainland']
 * ```
 * @category Calendars
 */
export function bundledCalendarIds(): string[] {
  const dir = join(packageRoot(), 'rules', 'calendars');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * Loads a calendar bundled with the library from `rules/calendars/<id>.json`,
 * validated ({@link CalendarDataSchema}, {@link checkCalendarData}) and frozen.
 * Each id is read from disk once per process.
 *
 * @param id - calendar id, e.g. `cn-mainland`
 * @returns the calendar data, ready for a {@link CalendarSpec}
 * @throws PolicyError `FILE_NOT_FOUND` for an unknown id; {@link PolicyLoadError} if the file is invalid (`FILE_NOT_UTF8` when it is not UTF-8 text)
 * @example
 * ```ts
 * const data = loadBundledCalendar('cn-mainland');
 * data.years // → [2025, 2026]
 * ```
 * @category Calendars
 */
export function loadBundledCalendar(id: string): CalendarData {
  const cached = loaded.get(id);
  if (cached) return cached;
  const file = `calendars/${id}.json`;
  const path = ID.test(id) ? join(packageRoot(), 'rules', 'calendars', `${id}.json`) : undefined;
  if (path === undefined || !existsSync(path)) {
    throw new PolicyError('FILE_NOT_FOUND', [
      issue('FILE_NOT_FOUND', `no bundled calendar ${JSON.stringify(id)} (available: ${bundledCalendarIds().join(', ') || 'none'})`, [], '<calendar>'),
    ]);
  }
  let text: string;
  try {
    text = readBounded(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTUTF8') throw new PolicyLoadError([issue('FILE_NOT_UTF8', (e as Error).message, [], file)]);
    throw new PolicyError('FILE_UNREADABLE', [issue('FILE_UNREADABLE', `cannot read ${path}: ${(e as Error).message}`, [], file)]);
  }
  const parsed = parseUntrustedJson(text, file);
  if (!parsed.ok) throw new PolicyLoadError(parsed.issues);
  const data = compileCalendar(parsed.value, file);
  if (data.id !== id) {
    throw new PolicyLoadError([issue('SCHEMA_VIOLATION', `the file is named "${id}" but declares id "${data.id}"`, ['id'], file)]);
  }
  loaded.set(id, data);
  return data;
}
