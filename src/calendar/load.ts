import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { issue, PolicyError, PolicyLoadError } from '../errors/errors.js';
import { readBounded } from '../json/read-bounded.js';
import { parseUntrustedJson } from '../json/safe-json.js';
import { findPackageRoot, NO_PACKAGE_ROOT } from '../pack/package-root.js';
import { compileCalendar } from './calendar.js';
import type { CalendarData } from './schema.js';

const ID = /^[a-z0-9][a-z0-9._-]{0,99}$/;

const loaded = new Map<string, CalendarData>();

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
  const root = findPackageRoot();
  if (root === undefined) return []; // bundled into an app: no package folder, no bundled calendars
  const dir = join(root, 'rules', 'calendars');
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
  const root = findPackageRoot();
  if (root === undefined) {
    throw new PolicyError('FILE_NOT_FOUND', [issue('FILE_NOT_FOUND', `no bundled calendar ${JSON.stringify(id)}: ${NO_PACKAGE_ROOT}`, [], '<calendar>')]);
  }
  const path = ID.test(id) ? join(root, 'rules', 'calendars', `${id}.json`) : undefined;
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
