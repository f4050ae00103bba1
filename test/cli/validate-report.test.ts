import { describe, expect, test } from 'vitest';
import { safeLoadPolicy } from '../../src/index.js';
import { cli } from '../helpers.js';

/*
 * What `validate` says besides the problems: files skipped for the file
 * limit are not reported missing.
 */

describe('validate with --max-files', () => {
  test('the files past the limit are not read, and not reported as missing', async () => {
    const r = await cli(['validate', '--max-files', '1', 'ecommerce']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      '✗ ecommerce has 1 problem(s):\n' +
        '  manifest.json $.files: JSON_TOO_LARGE the manifest lists 4 files, the limit is 1 (load option limits.maxFiles)\n' +
        '  hint: a higher limit can be given with --max-files <n>\n',
    );
    const api = safeLoadPolicy('manufacturer', { limits: { maxFiles: 2 } });
    expect(api.success).toBe(false);
    if (!api.success) expect(api.error.issues).toEqual([{ code: 'JSON_TOO_LARGE', file: 'manifest.json', path: ['files'], message: 'the manifest lists 7 files, the limit is 2 (load option limits.maxFiles)' }]);
  });
});
