/**
 * The large-pack measurement of `npm run bench`: the bundled pack with its
 * liability file filled to 1,000 rules (the default `limits.maxRules`) and to
 * 10,000 (loaded with `limits.maxRules: 10000`) (bench/large-pack-files.ts),
 * measured against json-rules-engine the ordinary way (users report 10,000
 * rules taking 10–15 s there: CacheControl/json-rules-engine#364).
 */
import { loadPolicy, type Decision, type GeneratedCase, type Policy } from 'aftersales-policy';
import { createJrePolicy, type DecisionSummary } from '../src/conditions/json-rules-engine.js';
import { largePackFiles } from './large-pack-files.js';

export { RULES_PER_FILE } from './large-pack-files.js';

interface Rate {
  perSecond: number;
  usPerDecision: number;
  count: number;
}

export interface LargePackResult {
  liabilityRules: number;
  remedyRules: number;
  load: { firstMs: number; medianMs: number; runs: number };
  jreBuildMs: number;
  decideNoTrace: Rate;
  decideTrace: Rate;
  jsonRulesEngine: Rate;
  ratios: { decideNoTraceVsJre: number; decideTraceVsJre: number };
  /** Liability rule id, party, cost bearer, remedy types, approver: decide (with and without trace) against json-rules-engine on its complaints, and with against without trace on all. */
  agreement: { checked: number; checkedWithJre: number; disagreements: number; firedAddedRule: number };
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
 * Loads the pack filled to `rules` liability rules (timed), decides `cases` with and without the trace,
 * runs json-rules-engine on the first `jreCount` of them, and checks that
 * they agree.
 */
export async function measureLargePack(packDir: string, rules: number, cases: readonly GeneratedCase[], jreCount: number, gc: () => void): Promise<LargePackResult> {
  const files = largePackFiles(packDir, rules);
  const options = { limits: { maxRules: rules } };
  let t = performance.now();
  const policy = loadPolicy({ files }, options);
  const firstMs = performance.now() - t;
  const loads: number[] = [];
  for (let i = 0; i < (rules > 2_000 ? 5 : 9); i++) {
    t = performance.now();
    loadPolicy({ files }, options);
    loads.push(performance.now() - t);
  }
  loads.sort((a, b) => a - b);

  gc();
  const decideNoTrace = rate(policy, cases, false);
  gc();
  const decideTrace = rate(policy, cases, true);

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
    const full = decisionText(policy.decide(c.complaint, { now: c.now }));
    if (lean !== full || (i < jreTexts.length && jreTexts[i] !== lean)) disagreements++;
    if (lean.startsWith('bulk-')) firedAddedRule++;
  });

  const jsonRulesEngine = { perSecond: round(jreCases.length / (jreMs / 1000)), usPerDecision: round((jreMs * 1000) / jreCases.length, 1), count: jreCases.length };
  return {
    liabilityRules: policy.liability!.doc.rules.length,
    remedyRules: policy.remedies!.doc.rules.length,
    load: { firstMs: round(firstMs, 1), medianMs: round(loads[loads.length >> 1]!, 1), runs: loads.length },
    jreBuildMs: round(jreBuildMs, 1),
    decideNoTrace,
    decideTrace,
    jsonRulesEngine,
    ratios: {
      decideNoTraceVsJre: round(decideNoTrace.perSecond / jsonRulesEngine.perSecond, 1),
      decideTraceVsJre: round(decideTrace.perSecond / jsonRulesEngine.perSecond, 1),
    },
    agreement: { checked: cases.length, checkedWithJre: jreCases.length, disagreements, firedAddedRule },
  };
}
