import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/*
 * The library bundled into an app (esbuild --bundle): the package's folders
 * (rules/, schemas/) are left behind, so there are no bundled packs — but a
 * pack folder or an in-memory pack loads as always, a bundled id gets a
 * PolicyLoadError that says to keep the library external, and
 * safeLoadPolicy never throws.
 */

const ROOT = join(__dirname, '..', '..');

const APP = (entry: string) => `
import { bundledCalendarIds, bundledPackIds, loadBundledCalendar, loadPolicy, safeLoadPolicy, PolicyLoadError } from ${JSON.stringify(entry)};
import { readFileSync } from 'node:fs';
const out = {};
const issues = (r) => (r.success ? 'loaded ' + r.data.id : r.error.issues);
try { out.missing = issues(safeLoadPolicy('./missing-pack')); } catch (e) { out.missing = 'threw ' + e; }
try { out.bundledId = issues(safeLoadPolicy('manufacturer')); } catch (e) { out.bundledId = 'threw ' + e; }
try { out.folder = 'loaded ' + loadPolicy('mypack').id; } catch (e) { out.folder = 'threw ' + e; }
try { loadPolicy('ecommerce'); out.thrown = 'loaded'; } catch (e) { out.thrown = e instanceof PolicyLoadError ? 'PolicyLoadError ' + e.issues[0].code : 'threw ' + e; }
const files = Object.fromEntries(['manifest.json', 'liability.json', 'remedies.json', 'approval.json', 'lifecycle.json'].map((f) => [f, readFileSync('mypack/' + f, 'utf8')]));
try { out.memory = issues(safeLoadPolicy({ files })); } catch (e) { out.memory = 'threw ' + e; }
out.ids = bundledPackIds();
out.calendarIds = bundledCalendarIds();
try { loadBundledCalendar('cn-mainland'); out.calendar = 'loaded'; } catch (e) { out.calendar = e.code + ' ' + e.issues?.[0]?.message; }
try { out.mfr = issues(safeLoadPolicy('./mfr')); } catch (e) { out.mfr = 'threw ' + e; }
console.log(JSON.stringify(out));
`;

describe('bundled into an app with esbuild', () => {
  test.each(['esm', 'cjs'])('folder and in-memory packs load; a bundled id or calendar is FILE_NOT_FOUND with the hint; nothing throws a plain Error (%s)', (format) => {
    const dir = mkdtempSync(join(tmpdir(), 'aftersales-bundle-'));
    cpSync(join(ROOT, 'rules', 'ecommerce'), join(dir, 'mypack'), { recursive: true });
    cpSync(join(ROOT, 'rules', 'manufacturer'), join(dir, 'mfr'), { recursive: true });
    writeFileSync(join(dir, 'app.mjs'), APP(join(ROOT, 'src', 'index.ts')));
    const outfile = `out/app.${format === 'esm' ? 'mjs' : 'cjs'}`;
    execFileSync(join(ROOT, 'node_modules', '.bin', 'esbuild'), ['app.mjs', '--bundle', '--platform=node', `--format=${format}`, `--outfile=${outfile}`, '--log-level=error'], { cwd: dir });
    const out = JSON.parse(execFileSync(process.execPath, [outfile], { cwd: dir, encoding: 'utf8' }));
    const hint =
      'the bundled packs cannot be found: the aftersales-policy package folder (with rules/ and schemas/) is not above this module, as happens when the library is bundled into an app — keep aftersales-policy external in the bundle (esbuild --external:aftersales-policy) or give a pack folder';
    expect(out).toEqual({
      missing: [{ code: 'FILE_NOT_FOUND', file: 'manifest.json', path: [], message: 'no pack at "./missing-pack": no folder with a manifest.json there' }],
      bundledId: [{ code: 'FILE_NOT_FOUND', file: 'manifest.json', path: [], message: `no pack at "manufacturer": no folder with a manifest.json there, and ${hint}` }],
      folder: 'loaded ecommerce',
      thrown: 'PolicyLoadError FILE_NOT_FOUND',
      memory: 'loaded ecommerce',
      ids: [],
      calendarIds: [],
      calendar: `FILE_NOT_FOUND no bundled calendar "cn-mainland": ${hint}`,
      // the manufacturer pack's working-day clocks read the bundled calendar data
      mfr: [0, 1].map((i) => ({ code: 'UNKNOWN_REFERENCE', file: 'lifecycle.json', path: ['clocks', i, 'calendar', 'data'], message: `calendar data "cn-mainland" cannot be used: no bundled calendar "cn-mainland": ${hint}` })),
    });
  });
});
