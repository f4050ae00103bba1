import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { CliIO } from '../../src/cli/command.js';
import { runCli } from '../../src/cli/main.js';
import { readBounded } from '../../src/json/read-bounded.js';
import { safeLoadPolicy } from '../../src/pack/loader.js';
import { baseComplaint } from '../helpers.js';
import { packFiles } from '../packs.js';

/*
 * Files that are not UTF-8 (a pack file saved as GBK or UTF-16 by a Windows
 * editor, a CLI input file) are refused with FILE_NOT_UTF8 naming what they
 * look like, instead of being read as garbage (a valid pack with a garbled
 * customer-facing label) or as an unreadable JSON_SYNTAX.
 */

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};
/** 退货 ("return goods") in GBK. */
const GBK_TUIHUO = Buffer.from([0xcd, 0xcb, 0xbb, 0xf5]);

/** The bundled ecommerce pack written to a new folder, each file as JSON text or the bytes given. */
function packDir(over: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-enc-'));
  for (const [name, value] of Object.entries(packFiles('ecommerce'))) writeFileSync(join(dir, name), over[name] ?? JSON.stringify(value, null, 2));
  return dir;
}

/** approval.json with only ASCII text but for one label saved in GBK; and the line that label is on. */
function gbkApproval(): { bytes: Buffer; line: number } {
  const approval = packFiles('ecommerce')['approval.json'];
  approval.clause = 'seed 003 art.3';
  approval.description = 'approval bands';
  approval.bands[0].description = '@@';
  const text = JSON.stringify(approval, null, 2);
  expect(/[^\x00-\x7f]/.test(text)).toBe(false);
  const [before, after] = text.split('@@') as [string, string];
  return { bytes: Buffer.concat([Buffer.from(before), GBK_TUIHUO, Buffer.from(after)]), line: before.split('\n').length };
}

const UTF16LE_MESSAGE = 'the file is not UTF-8 text (it looks like UTF-16 LE: it starts with the byte-order mark FF FE): save it as UTF-8';

describe('files that are not UTF-8', () => {
  test('a pack file saved as GBK is FILE_NOT_UTF8 naming the encoding and the line, not a valid pack with a garbled label', () => {
    const { bytes, line } = gbkApproval();
    const r = safeLoadPolicy(packDir({ 'approval.json': bytes }));
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.error.issues).toEqual([
        {
          code: 'FILE_NOT_UTF8',
          file: 'approval.json',
          path: [],
          message: `the file is not UTF-8 text (it looks like GBK / GB18030, the Chinese Windows encoding; the first byte that is not UTF-8 is on line ${line}): save it as UTF-8`,
        },
      ]);
  });

  test('UTF-16 with either byte-order mark is FILE_NOT_UTF8, not an unreadable JSON_SYNTAX', () => {
    const text = JSON.stringify(packFiles('ecommerce')['remedies.json'], null, 2);
    for (const [bytes, message] of [
      [utf16le(text), UTF16LE_MESSAGE],
      [utf16be(text), 'the file is not UTF-8 text (it looks like UTF-16 BE: it starts with the byte-order mark FE FF): save it as UTF-8'],
    ] as const) {
      const r = safeLoadPolicy(packDir({ 'remedies.json': bytes }));
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues).toEqual([{ code: 'FILE_NOT_UTF8', file: 'remedies.json', path: [], message }]);
    }
  });

  test('a manifest in UTF-16 without a byte-order mark is named too', () => {
    const text = JSON.stringify(packFiles('ecommerce')['manifest.json']);
    const r = safeLoadPolicy(packDir({ 'manifest.json': Buffer.from(text, 'utf16le') }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues).toEqual([{ code: 'FILE_NOT_UTF8', file: 'manifest.json', path: [], message: 'the file is not UTF-8 text (it looks like UTF-16 LE): save it as UTF-8' }]);
  });

  test('a UTF-8 byte-order mark is still read, and UTF-8 Chinese text is kept as it is', () => {
    const files = packFiles('ecommerce');
    const dir = packDir({ 'approval.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(files['approval.json']))]) });
    const r = safeLoadPolicy(dir);
    expect(r.success).toBe(true);
    if (r.success) expect(r.data.documents.find((d) => d.file === 'approval.json')!.doc.clause).toBe('seed 003 art.3 §十一 核决权限');
  });

  test('in-memory files given as bytes are decoded as UTF-8, strictly', () => {
    const files = packFiles('ecommerce');
    const ok = safeLoadPolicy({ files: { ...files, 'approval.json': Buffer.from(JSON.stringify(files['approval.json'])) } });
    expect(ok.success).toBe(true);
    const bad = safeLoadPolicy({ files: { ...files, 'approval.json': new Uint8Array(utf16le(JSON.stringify(files['approval.json']))) } });
    expect(bad.success).toBe(false);
    if (!bad.success) expect(bad.error.issues).toEqual([{ code: 'FILE_NOT_UTF8', file: 'approval.json', path: [], message: UTF16LE_MESSAGE }]);
  });

  test('ASCII-only text in UTF-16 without a byte-order mark (valid UTF-8, a NUL after every character) is named too', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aftersales-enc-')), 'x.json');
    writeFileSync(file, Buffer.from('{"a": 1}', 'utf16le'));
    expect(() => readBounded(file)).toThrow(expect.objectContaining({ code: 'ENOTUTF8', message: 'the file is not UTF-8 text (it looks like UTF-16 LE): save it as UTF-8' }));
    const be = Buffer.from('{"a": 1}', 'utf16le');
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];
    writeFileSync(file, be);
    expect(() => readBounded(file)).toThrow(expect.objectContaining({ code: 'ENOTUTF8', message: 'the file is not UTF-8 text (it looks like UTF-16 BE): save it as UTF-8' }));
  });

  test('the line of the first byte that is not UTF-8 counts lone CR line ends as JSON_SYNTAX does', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aftersales-enc-')), 'x.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{\r"a":\r\n"'), GBK_TUIHUO, Buffer.from('"}')]));
    expect(() => readBounded(file)).toThrow(expect.objectContaining({ message: expect.stringContaining('the first byte that is not UTF-8 is on line 3)') }));
  });

  test('readBounded refuses bytes that are not UTF-8 with code ENOTUTF8', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aftersales-enc-')), 'x.json');
    writeFileSync(file, Buffer.concat([Buffer.from('{"a": "'), GBK_TUIHUO, Buffer.from('"}')]));
    expect(() => readBounded(file)).toThrow(
      expect.objectContaining({ code: 'ENOTUTF8', message: 'the file is not UTF-8 text (it looks like GBK / GB18030, the Chinese Windows encoding; the first byte that is not UTF-8 is on line 1): save it as UTF-8' }),
    );
    writeFileSync(file, '{"a": "退货"}');
    expect(readBounded(file)).toBe('{"a": "退货"}');
  });

  test('a CLI input file in UTF-16 is FILE_NOT_UTF8 naming the file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'aftersales-enc-')), 'c.json');
    writeFileSync(file, utf16le(JSON.stringify(baseComplaint())));
    let stdout = '';
    let stderr = '';
    const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readFile: readBounded };
    const code = await runCli(['evaluate', '--now', '2026-11-20T10:00:00+08:00', file], io);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`\n  ${file} $: FILE_NOT_UTF8 ${UTF16LE_MESSAGE}\n`);
  });
});
