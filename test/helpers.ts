import { expect } from 'vitest';
import { PolicyError } from '../src/errors/errors.js';
import type { Complaint, Policy } from '../src/index.js';
import type { CliIO } from '../src/cli/command.js';
import { runCli } from '../src/cli/main.js';
import { readFileSync } from 'node:fs';

/** A valid ordinary domestic complaint: a rice cooker with a functional fault, bought online. */
export function baseComplaint(): Complaint {
  return {
    id: 'C-2611-0001',
    receivedAt: '2026-11-20T10:00:00+08:00',
    channel: 'domestic',
    type: 'product-quality',
    severity: 'ordinary',
    customer: { vulnerable: false },
    order: { soldOnline: true, deliveredAt: '2026-11-18T15:00:00+08:00', items: [{ sku: 'RC-100', quantity: 1, unitPrice: '299.00' }] },
    findings: { nature: 'functional-fault', customerFault: 'none', resaleable: false, proofOfPurchase: true },
    claimAmount: '299.00',
  };
}

/** Fields to replace in the base complaint: whole scalars, or some fields of a section. */
export type ComplaintOverrides = { [K in keyof Complaint]?: Complaint[K] extends unknown[] | string | boolean | null ? Complaint[K] : Partial<Complaint[K]> };

/** The base complaint with some fields replaced (one level deep per section). */
export function complaint(over: ComplaintOverrides = {}): Complaint {
  const b = baseComplaint();
  return {
    ...b,
    ...over,
    customer: { ...b.customer, ...(over.customer ?? {}) },
    order: { ...b.order, ...(over.order ?? {}) } as Complaint['order'],
    findings: { ...b.findings, ...(over.findings ?? {}) } as Complaint['findings'],
  } as Complaint;
}

/** Runs the CLI in-process; files are read from disk, or from `files` when named there. */
export async function cli(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readFile: (p) => (p in files ? files[p]! : readFileSync(p, 'utf8')),
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

export const NOW = '2026-11-20T10:00:00+08:00';

/**
 * Liability by quality nature (quality defect, functional fault, appearance change) × customer fault
 * (none, unknown, unintentional, intentional), each as `ruleId:costBearer:upheld`.
 */
export function faultTable(policy: Policy): string[][] {
  return (['quality-defect', 'functional-fault', 'appearance-change'] as const).map((nature) =>
    (['none', 'unknown', 'unintentional', 'intentional'] as const).map((customerFault) => {
      const l = policy.decide(complaint({ findings: { nature, customerFault } }), { now: NOW }).liability;
      return `${l.ruleId}:${l.costBearer}:${l.upheld}`;
    }),
  );
}

/** Runs `fn` and returns the PolicyError it throws (fails the test if it throws nothing or something else). */
export function thrown(fn: () => unknown): PolicyError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyError);
    return e as PolicyError;
  }
  throw new Error('expected a PolicyError');
}

/**
 * The regular-expression + `Date.parse` reading of instants that
 * `parseInstant` had before its hand-written scanner: the reference the
 * scanner (and `instantMs`) are property-tested against.
 */
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;
export function referenceInstantMs(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return undefined;
  if (day > new Date(Date.UTC(Number(y), month, 0)).getUTCDate()) return undefined;
  if (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}
