/**
 * The CLI as a process: what only the real standard streams and files show — an input that never
 * ends, a directory, a reader that goes away, usage errors with their code.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers.js';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');
const run = (args: string[], input?: string) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 20_000, ...(input !== undefined ? { input } : {}) });

describe('the CLI process', () => {
  test.runIf(existsSync('/dev/zero'))('an input that never ends (/dev/zero) is refused after the limit, not read whole', () => {
    const r = run(['evaluate', '--max-input-bytes', '1000', '/dev/zero']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('aftersales evaluate: INVALID_INPUT\n  /dev/zero $: JSON_TOO_LARGE document is larger than the limit of 1000 bytes (raise it with --max-input-bytes <n>)\n');
  });

  test('standard input past the limit is refused the same way', () => {
    const r = run(['evaluate', '--max-input-bytes', '100', '-'], ' '.repeat(200_000));
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('aftersales evaluate: INVALID_INPUT\n  - $: JSON_TOO_LARGE document is larger than the limit of 100 bytes (raise it with --max-input-bytes <n>)\n');
  });

  test('a file within the limit is read whole, from a file or from standard input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftersales-process-'));
    const complaint = JSON.stringify(JSON.parse(JSON.stringify(require('../../examples/complaints/01-rice-cooker-fault.json'))));
    writeFileSync(join(dir, 'c.json'), complaint);
    const fromFile = run(['evaluate', '--json', join(dir, 'c.json')]);
    const fromStdin = run(['evaluate', '--json', '-'], complaint);
    expect(fromFile.status).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    expect(JSON.parse(fromFile.stdout).liability.ruleId).toBe('nonconforming-product');
  });

  test('a directory is FILE_UNREADABLE, a missing file FILE_NOT_FOUND', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aftersales-process-'));
    const r = await cli(['evaluate', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`aftersales evaluate: INVALID_INPUT\n  ${dir} $: FILE_UNREADABLE cannot read ${dir}: EISDIR\n`);
    expect((await cli(['evaluate', join(dir, 'none.json')])).stderr).toContain('FILE_NOT_FOUND cannot read');
  });

  test.runIf(existsSync('/bin/sh'))('a reader that goes away (schema | head -c 10) ends it quietly: no stack trace', () => {
    const err = join(mkdtempSync(join(tmpdir(), 'aftersales-process-')), 'stderr.txt');
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${CLI}" schema 2>"${err}" | head -c 10 >/dev/null; cat "${err}"`], { encoding: 'utf8', timeout: 20_000 });
    expect(r.stdout).toBe(''); // what the CLI wrote to stderr
  });

  test('--version takes no arguments; after -- even "--help" is a file name', async () => {
    expect((await cli(['--version', 'x'])).stderr).toBe('aftersales: CLI_USAGE --version takes no arguments (got x)\n');
    const r = await cli(['evaluate', '--', '--help']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--help $: FILE_NOT_FOUND cannot read --help');
  });

  test('a byte-order mark before the JSON is left out (editors write one)', async () => {
    const complaint = JSON.stringify(require('../../examples/complaints/01-rice-cooker-fault.json'));
    const plain = await cli(['evaluate', '--json', 'c.json'], { 'c.json': complaint });
    const bom = await cli(['evaluate', '--json', 'c.json'], { 'c.json': `\uFEFF${complaint}` });
    expect(bom.code).toBe(0);
    expect(bom.stdout).toBe(plain.stdout);
  });

  test('evaluate --no-trace does not claim that no rule was evaluated', async () => {
    const r = await cli(['evaluate', '--no-trace', join(__dirname, '..', '..', 'examples', 'complaints', '01-rice-cooker-fault.json')]);
    expect(r.stdout).toContain('Rules evaluated: not recorded (--no-trace)');
    expect(r.stdout).not.toContain('Rules evaluated: 0');
  });

  test('a rule file given where the pack is expected is named as such', async () => {
    const r = await cli(['validate', join(__dirname, '..', '..', 'rules', 'ecommerce', 'liability.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`liability.json $: FILE_NOT_FOUND liability.json is not a pack manifest (its kind is "Liability"): give the pack's folder or its manifest.json`);
  });

  test('usage errors carry their code, CLI_USAGE', async () => {
    const missing = await cli(['evaluate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr.split('\n')[0]).toBe('aftersales evaluate: CLI_USAGE evaluate takes exactly one complaint file (or - for stdin)');
    const unknown = await cli(['nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe('aftersales: CLI_USAGE unknown command "nope"');
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.stderr.split('\n')[0]).toBe('aftersales: CLI_USAGE no command given');
  });
});

describe('the binary by any name', () => {
  const NO_PACK = (p: string) =>
    `✗ ${p} has 1 problem(s):\n  manifest.json $: FILE_NOT_FOUND no pack at "${p}": neither a bundled pack id (ecommerce, manufacturer) nor a folder with a manifest.json\n`;
  const missing = join(tmpdir(), 'aftersales-no-such-pack');
  const node = (args: string[]) => spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 20_000 });

  test('node dist/cli (no extension) runs the CLI: a broken pack exits 1 with its problem', () => {
    const r = node([CLI.replace(/\.js$/, ''), 'validate', missing]);
    expect([r.status, r.stdout, r.stderr]).toEqual([1, '', NO_PACK(missing)]);
  });

  test.runIf(process.platform !== 'win32')('a symlink of another name (bin/aftersales-policy) runs the CLI, directly and through node', () => {
    const bin = join(mkdtempSync(join(tmpdir(), 'aftersales-bin-')), 'bin');
    mkdirSync(bin);
    symlinkSync(CLI, join(bin, 'aftersales-policy'));
    const direct = spawnSync(join(bin, 'aftersales-policy'), ['validate', missing], { encoding: 'utf8', timeout: 20_000 });
    expect([direct.status, direct.stdout, direct.stderr]).toEqual([1, '', NO_PACK(missing)]);
    const viaNode = node([join(bin, 'aftersales-policy'), '--version']);
    expect([viaNode.status, viaNode.stdout]).toEqual([0, `aftersales-policy@${require('../../package.json').version}\n`]);
  });

  test('importing the built module runs nothing', () => {
    const r = node(['--input-type=module', '-e', `const m = await import(${JSON.stringify(CLI)}); console.log(Object.keys(m).sort().join(','));`]);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, 'COMMANDS,runCli\n', '']);
  });

  test('a host script named cli.js or aftersales that imports the built module runs nothing', () => {
    // The entry used to be recognised by its file name: a host's own cli.js importing the CLI module ran it.
    const dir = mkdtempSync(join(tmpdir(), 'aftersales-host-'));
    for (const name of ['cli.js', 'aftersales']) {
      const host = join(dir, name);
      writeFileSync(host, `import(${JSON.stringify(CLI)}).then((m) => console.log(Object.keys(m).sort().join(',')));\n`);
      const r = node([host, 'validate', missing]);
      expect([name, r.status, r.stdout, r.stderr]).toEqual([name, 0, 'COMMANDS,runCli\n', '']);
    }
  });
});
