/**
 * The large-pack measurement of `npm run bench`: the bundled pack with its
 * liability file filled to 1,000 rules (the default `limits.maxRules`) and to
 * 10,000 (loaded with `limits.maxRules: 10000`) (bench/large-pack-files.ts),
 * measured against json-rules-engine the ordinary way (users report 10,000
 * rules taking 10–15 s there: CacheControl/json-rules-engine#364).
 *
 * Each measurement runs in a process of its own (bench/large-pack-process.ts,
 * started by bench/run.ts), three per pack size: a large pack's speed varies
 * from one process to the next (docs/performance.md, "Eighth round"), so one
 * process is one sample; and packs of thousands of rules do not then weigh
 * on the other measurements' memory. The first process of a size also times loading, json-rules-engine
 * and the agreement check; {@link combineLargePack} reports the median
 * process's decision rates and every process's.
 */
import { loadPolicy, type Decision, type GeneratedCase, type Policy } from 'aftersales-policy';
import { createJrePolicy, type DecisionSummary } from '../src/conditions/json-rules-engine.js';
import { largePackFiles } from './large-pack-files.js';

export { RULES_PER_FILE } from './large-pack-files.js';

export interface Rate {
  perSecond: number;
  usPerDecision: number;
  count: number;
}

/** What one process measured. */
export interface LargePackProcess {
  liabilityRules: number;
  remedyRules: number;
  decideNoTrace: Rate;
  decideTrace: Rate;
  /** The process's peak resident set, MiB. */
  peakRssMiB: number;
  /** Measured by the first process of a pack size only. */
  full?: {
    load: { firstMs: number; medianMs: number; runs: number };
    jreBuildMs: number;
    jsonRulesEngine: Rate;
    /** Liability rule id, party, cost bearer, remedy types, approver: decide (with and without trace) against json-rules-engine on its complaints, and with against without trace on all. */
    agreement: { checked: number; checkedWithJre: number; disagreements: number; firedAddedRule: number };
  };
}

/** A pack size's result: the median process's decision rates, every process's, and the first process's other measurements. */
export interface LargePackResult extends Required<Pick<LargePackProcess, 'full'>> {
  liabilityRules: number;
  remedyRules: number;
  decideNoTrace: Rate;
  decideTrace: Rate;
  /** Per process, in the order run: µs a decision without and with the trace, peak RSS. */
  processes: { decideNoTraceUs: number[]; decideTraceUs: number[]; peakRssMiB: number[] };
  ratios: { decideNoTraceVsJre: number; decideTraceVsJre: number };
}

const round = (x: number, digits = 0) => Number(x.toFixed(digits));
const summaryText = (s: DecisionSummary) => `${s.liabilityRuleId}|${s.party}|${s.costBearer}|${s.remedies.join(',')}|${s.approver}`;
const decisionText = (d: Decision) => `${d.liability.ruleId}|${d.liability.party}|${d.liability.costBearer}|${d.remedies.map((r) => r.type).join(',')}|${d.approval.approver}`;

/** Decisions per second: a warm-up pass, then the median of three timed passes. */
function rate(policy: Policy, cases: readonly GeneratedCase[], trace: boolean): Rate {
  const pass = () => {
    const t = performance.now();
    for (const c of cases) policy.decide(c.complaint, { now: c.now, trace });
    return performance.now() - t;
  };
  pass();
  const ms = [pass(), pass(), pass()].sort((a, b) => a - b)[1]!;
  return { perSecond: round(cases.length / (ms / 1000)), usPerDecision: round((ms * 1000) / cases.length, 2), count: cases.length };
}

/**
 * Loads the pack filled to `rules` liability rules and decides `cases` with
 * and without the trace. With `full`, also times loading, runs
 * json-rules-engine on the first `jreCount` complaints and checks that they
 * agree.
 */
export async function measureLargePack(
  packDir: string,
  rules: number,
  cases: readonly GeneratedCase[],
  jreCount: number,
  gc: () => void,
  full: boolean,
): Promise<LargePackProcess> {
  const files = largePackFiles(packDir, rules);
  const options = { limits: { maxRules: rules } };
  let t = performance.now();
  const policy = loadPolicy({ files }, options);
  const firstMs = performance.now() - t;
  const liabilityRules = policy.liability!.doc.rules.length;
  const remedyRules = policy.remedies!.doc.rules.length;

  gc();
  const decideNoTrace = rate(policy, cases, false);
  gc();
  const decideTrace = rate(policy, cases, true);
  const peakRssMiB = () => round(process.resourceUsage().maxRSS / 1024, 1);
  if (!full) return { liabilityRules, remedyRules, decideNoTrace, decideTrace, peakRssMiB: peakRssMiB() };

  const loads: number[] = [];
  for (let i = 0; i < (rules > 2_000 ? 5 : 9); i++) {
    t = performance.now();
    loadPolicy({ files }, options);
    loads.push(performance.now() - t);
  }
  loads.sort((a, b) => a - b);

  t = performance.now();
  const jre = createJrePolicy(policy as unknown as Parameters<typeof createJrePolicy>[0]);
  const jreBuildMs = performance.now() - t;
  const jreCases = cases.slice(0, jreCount);
  gc();
  for (let i = 0; i < Math.min(50, jreCases.length); i++) await jre.decide(jreCases[i]!.complaint, new Date(jreCases[i]!.now));
  const jreTexts: string[] = [];
  t = performance.now();
  for (const c of jreCases) jreTexts.push(summaryText(await jre.decide(c.complaint, new Date(c.now))));
  const jreMs = performance.now() - t;

  let disagreements = 0;
  let firedAddedRule = 0;
  cases.forEach((c, i) => {
    const lean = decisionText(policy.decide(c.complaint, { now: c.now, trace: false }));
    const traced = decisionText(policy.decide(c.complaint, { now: c.now }));
    if (lean !== traced || (i < jreTexts.length && jreTexts[i] !== lean)) disagreements++;
    if (lean.startsWith('bulk-')) firedAddedRule++;
  });

  return {
    liabilityRules,
    remedyRules,
    decideNoTrace,
    decideTrace,
    peakRssMiB: peakRssMiB(),
    full: {
      load: { firstMs: round(firstMs, 1), medianMs: round(loads[loads.length >> 1]!, 1), runs: loads.length },
      jreBuildMs: round(jreBuildMs, 1),
      jsonRulesEngine: { perSecond: round(jreCases.length / (jreMs / 1000)), usPerDecision: round((jreMs * 1000) / jreCases.length, 1), count: jreCases.length },
      agreement: { checked: cases.length, checkedWithJre: jreCases.length, disagreements, firedAddedRule },
    },
  };
}

/** The processes of one pack size (the first with `full`) as one result: decision rates of the median process. */
export function combineLargePack(runs: readonly LargePackProcess[]): LargePackResult {
  const first = runs[0]!;
  if (!first.full) throw new Error('the first process of a pack size measures load, json-rules-engine and agreement');
  const median = (pick: (r: LargePackProcess) => Rate) => runs.map(pick).sort((a, b) => a.usPerDecision - b.usPerDecision)[runs.length >> 1]!;
  const decideNoTrace = median((r) => r.decideNoTrace);
  const decideTrace = median((r) => r.decideTrace);
  const jre = first.full.jsonRulesEngine;
  return {
    liabilityRules: first.liabilityRules,
    remedyRules: first.remedyRules,
    full: first.full,
    decideNoTrace,
    decideTrace,
    processes: {
      decideNoTraceUs: runs.map((r) => r.decideNoTrace.usPerDecision),
      decideTraceUs: runs.map((r) => r.decideTrace.usPerDecision),
      peakRssMiB: runs.map((r) => r.peakRssMiB),
    },
    ratios: { decideNoTraceVsJre: round(decideNoTrace.perSecond / jre.perSecond, 1), decideTraceVsJre: round(decideTrace.perSecond / jre.perSecond, 1) },
  };
}
