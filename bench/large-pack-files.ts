/**
 * The large packs of `npm run bench` (bench/large-pack.ts), also used by the
 * tests (test/conditions/large-pack.test.ts): the bundled pack with its
 * liability file filled to 1,000 rules (the default `limits.maxRules`) or
 * more (10,000 in the benchmark, loaded with a higher limit).
 *
 * The added rules are what a policy owner with many product lines writes:
 * one per (problem nature, claim threshold, days since delivery), e.g.
 * "a functional fault claimed above 24,000.00 more than 14 days after
 * delivery". Each takes the outcome of one of the pack's own liability rules
 * (in turn) and comes before them (priority 200–299), so every decision goes
 * past the added rules of its nature first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NATURES } from '../src/complaint/schema.js';

/** The default limit of rules in one liability file (`limits.maxRules`). */
export const RULES_PER_FILE = 1_000;

/** The pack's files with the liability file filled to `rules` rules (default {@link RULES_PER_FILE}). */
export function largePackFiles(packDir: string, rules = RULES_PER_FILE): Record<string, unknown> {
  const manifest = JSON.parse(readFileSync(join(packDir, 'manifest.json'), 'utf8')) as { files: string[] };
  const files: Record<string, unknown> = { 'manifest.json': manifest };
  for (const f of manifest.files) files[f] = JSON.parse(readFileSync(join(packDir, f), 'utf8'));
  const liability = files['liability.json'] as { rules: Array<{ id: string; outcome: unknown }> };
  const own = liability.rules.slice();
  for (let i = 0; liability.rules.length < rules; i++) {
    const nature = NATURES[i % NATURES.length]!;
    const over = (1 + ((i * 7) % 50)) * 2_000;
    const days = 3 + (i % 30);
    liability.rules.push({
      id: `bulk-${String(i).padStart(4, '0')}`,
      description: `${nature} claimed above ${over}.00 more than ${days} days after delivery`,
      clause: 'bench: generated rule',
      priority: 200 + (i % 100),
      conditions: {
        all: [
          { fact: 'nature', operator: 'equal', value: nature },
          { fact: 'claimAmount', operator: 'greaterThan', value: `${over}.00` },
          { fact: 'daysSinceDelivery', operator: 'greaterThan', value: days },
        ],
      },
      outcome: own[i % own.length]!.outcome,
    } as (typeof liability.rules)[number]);
  }
  return files;
}
