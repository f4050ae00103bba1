import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The bundled pack's files as plain objects, ready to be changed by a test and loaded in memory. */
export function packFiles(id = 'ecommerce'): Record<string, any> {
  const dir = join(import.meta.dirname, '..', 'rules', id);
  const out: Record<string, any> = {};
  for (const f of readdirSync(dir)) if (f.endsWith('.json')) out[f] = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  return out;
}

/**
 * The bundled `ecommerce` files with one liability rule added first (priority 1000: it is tried
 * before the pack's own), upheld against the seller.
 */
export function withFirstLiabilityRule(id: string, conditions: unknown): Record<string, any> {
  const files = packFiles('ecommerce');
  files['liability.json'].rules.unshift({ id, description: 'x', clause: 'x', priority: 1000, conditions, outcome: { party: 'seller', costBearer: 'company', upheld: true, principle: 'x' } });
  return files;
}
