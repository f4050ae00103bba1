import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

/*
 * An app that imports the package (ESM build, dist/index.js) and also has it
 * required (CJS build, dist/index.cjs — e.g. by a CommonJS dependency) loads
 * two copies of the library: two PolicyLoadError classes. `instanceof`
 * holds across the copies all the same (a `Symbol.for` brand), and a host's
 * own subclass keeps the ordinary `instanceof`.
 */

const ROOT = join(__dirname, '..', '..');

const SCRIPT = `
import * as esm from ${JSON.stringify(join(ROOT, 'dist', 'index.js'))};
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
const cjs = createRequire(import.meta.url)(${JSON.stringify(join(ROOT, 'dist', 'index.cjs'))});
const thrown = (f) => { try { f(); } catch (e) { return e; } throw new Error('did not throw'); };
const NOW = '2026-11-20T10:00:00+08:00';
const errors = (lib) => {
  const policy = lib.loadPolicy('ecommerce');
  const complaint = JSON.parse(readFileSync('examples/complaints/01-rice-cooker-fault.json', 'utf8'));
  const actor = { id: 'li.na', role: 'agent' };
  const { snapshot } = lib.start(policy, complaint, { actor, now: complaint.receivedAt });
  return {
    PolicyLoadError: thrown(() => lib.loadPolicy('./no-such-pack')),
    InputError: thrown(() => policy.decide({}, { now: NOW })),
    TransitionError: thrown(() => lib.transition(policy, snapshot, { type: 'close', at: complaint.receivedAt, actor })),
  };
};
const out = {};
for (const [from, lib] of [['esm', esm], ['cjs', cjs]]) {
  const e = errors(lib);
  for (const [name, err] of Object.entries(e)) {
    for (const [to, other] of [['esm', esm], ['cjs', cjs]]) {
      out[from + ' ' + name + ' instanceof ' + to] = [err instanceof other[name], err instanceof other.PolicyError, err instanceof Error];
    }
    // another class of either copy does not match
    out[from + ' ' + name + ' other classes'] = ['PolicyLoadError', 'InputError', 'TransitionError'].filter((n) => n !== name).some((n) => err instanceof esm[n] || err instanceof cjs[n]);
  }
}
class HostError extends esm.PolicyError {}
const own = new HostError('INVALID_INPUT', []);
out.host = [own instanceof HostError, own instanceof esm.PolicyError, own instanceof cjs.PolicyError, thrown(() => cjs.loadPolicy('./no-such-pack')) instanceof HostError];
out.plain = [{} instanceof esm.PolicyError, null instanceof cjs.PolicyError, new Error('x') instanceof esm.InputError];
console.log(JSON.stringify(out));
`;

describe('the ESM and CJS builds loaded side by side', () => {
  test('an error of one copy is instanceof its class (and PolicyError, Error) of the other; not of another class; a host subclass stays its own', () => {
    const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: ROOT, encoding: 'utf8' }));
    const expected: Record<string, unknown> = {};
    for (const from of ['esm', 'cjs']) {
      for (const name of ['PolicyLoadError', 'InputError', 'TransitionError']) {
        for (const to of ['esm', 'cjs']) expected[`${from} ${name} instanceof ${to}`] = [true, true, true];
        expected[`${from} ${name} other classes`] = false;
      }
    }
    expect(out).toEqual({ ...expected, host: [true, true, true, false], plain: [false, false, false] });
  });
});
