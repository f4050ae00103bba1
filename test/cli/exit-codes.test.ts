import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers.js';

const CLI = join(__dirname, '..', '..', 'dist', 'cli.js');

describe('exit codes', () => {
  test('--help lists every exit code the CLI gives, 74 included', async () => {
    const r = await cli(['--help']);
    expect(r.stdout).toContain(
      'Exit codes: 0 done, 1 a problem with the pack or the input, 2 a usage error (CLI_USAGE), 70 an internal error,\n' +
        '74 the output could not be written (e.g. a full disk; a reader that went away ends the command quietly instead).\n',
    );
  });

  test.runIf(existsSync('/dev/full') && existsSync('/bin/sh'))('output that cannot be written (schema > /dev/full) exits 74', () => {
    const r = spawnSync('/bin/sh', ['-c', `"${process.execPath}" "${CLI}" schema >/dev/full`], { encoding: 'utf8', timeout: 20_000 });
    expect(r.status).toBe(74);
    expect(r.stderr).toBe('');
  });
});

describe('a value flag given twice', () => {
  test('is a usage error naming both values (it silently took the last)', async () => {
    const r = await cli(['penalty', '--amount', '5.00', '--amount', '60000.00']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('aftersales penalty: CLI_USAGE --amount is given twice ("5.00", then "60000.00"): give it once');
  });

  test('the --flag=value form counts too; a repeated boolean flag is harmless and accepted', async () => {
    const r = await cli(['penalty', '--amount=5.00', '--policy', 'manufacturer', '--amount=5.00']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('aftersales penalty: CLI_USAGE --amount is given twice ("5.00", then "5.00"): give it once');
    const ok = await cli(['penalty', '--amount', '5.00', '--json', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).band).toBe('self-criticism');
  });
});
