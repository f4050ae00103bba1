/**
 * One process of the large-pack measurement (bench/large-pack.ts), started
 * by bench/run.ts:
 *
 *   node --expose-gc bench/.tmp/large-pack-process.js --pack-dir rules/ecommerce --rules 1000 \
 *     --complaints 20000 --jre 500 --seed 20261125 [--full]
 *
 * Generates the complaints as run.ts does (JSON-parsed copies of
 * `generateCase(seed, i)`), measures, and prints one JSON line
 * (`LargePackProcess`).
 */
import { parseArgs } from 'node:util';
import { generateCase, type Complaint, type GeneratedCase } from 'aftersales-policy';
import { measureLargePack } from './large-pack.js';

const { values } = parseArgs({
  options: {
    'pack-dir': { type: 'string' },
    rules: { type: 'string' },
    complaints: { type: 'string' },
    jre: { type: 'string', default: '0' },
    seed: { type: 'string' },
    full: { type: 'boolean', default: false },
  },
});
const number = (name: string, text: string | undefined): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} needs a whole number, got ${String(text)}`);
  return n;
};
const packDir = values['pack-dir'];
if (!packDir) throw new Error('--pack-dir is required');
const seed = number('seed', values.seed);
const cases: GeneratedCase[] = Array.from({ length: number('complaints', values.complaints) }, (_, i) => {
  const c = generateCase(seed, i);
  return { complaint: JSON.parse(JSON.stringify(c.complaint)) as Complaint, now: c.now };
});
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const result = await measureLargePack(packDir, number('rules', values.rules), cases, number('jre', values.jre), gc, values.full);
process.stdout.write(`${JSON.stringify(result)}\n`);
