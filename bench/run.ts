/**
 * `npm run bench` — the benchmark suite (not part of `npm test`).
 *
 * In one process, over generated complaints with a fixed seed, it measures
 *   (a) json-rules-engine used the ordinary way: one engine with the pack's
 *       liability, remedy and approval rules, `await engine.run` per complaint;
 *   (b) `policy.decide` with the full trace;
 *   (c) `policy.decide` with `{ trace: false }`;
 *   (d) a hand-written function of the same policy (bench/handwritten.ts);
 * checks that all four agree on every complaint, and also measures loading +
 * compiling the pack, `deadlines` per complaint, a cost breakdown of one
 * decision, `simulate` of 1,000,000 complaints on worker threads (in a
 * child process, for its peak memory) and the pack with its liability file
 * filled to 1,000 and 10,000 rules against json-rules-engine
 * (bench/large-pack.ts; three child processes per size).
 * Writes bench/results.json and bench/RESULTS.md.
 *
 * Run with `npm run bench` (builds the package, compiles this file with tsup
 * to bench/.tmp/run.js and runs it with `node --expose-gc`).
 *
 * Environment: BENCH_COUNT (default 100000), BENCH_SIM_COUNT (default
 * 1000000), BENCH_SEED (default 20261125).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deadlines, formatInstant, generateCase, loadPolicy, parseComplaint, parseInstant, start, type Complaint, type GeneratedCase } from 'aftersales-policy';
import { scanComplaint } from '../src/complaint/fast-parse.js';
import { decisionIdOf, fingerprintSeed } from '../src/decision/fingerprint.js';
import { createJrePolicy, type DecisionSummary } from '../src/conditions/json-rules-engine.js';
import { handwrittenDecide, summaryOf, type Summary } from './handwritten.js';
import { combineLargePack, RULES_PER_FILE, type LargePackProcess, type LargePackResult } from './large-pack.js';
import { overBy, percentile } from './stats.js';

// npm run bench compiles this file to bench/.tmp/run.js (plain JS, no loader in the measured process).
const compiledDir = dirname(fileURLToPath(import.meta.url));
const here = compiledDir.endsWith('.tmp') ? dirname(compiledDir) : compiledDir;
const COUNT = Number(process.env.BENCH_COUNT ?? 100_000);
const SIM_COUNT = Number(process.env.BENCH_SIM_COUNT ?? 1_000_000);
const SEED = Number(process.env.BENCH_SEED ?? 20261125);
const PACK = 'ecommerce';
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const log = (...a: unknown[]) => console.error('[bench]', ...a);

// ── helpers ────────────────────────────────────────────────────────────────
interface Measured {
  /** Decisions per second over a full pass without per-call timers (median of three passes). */
  perSecond: number;
  /** Wall time of that pass, ms. */
  totalMs: number;
  /** Per-decision latency, µs (per call; batched where a call is too short for a timer). */
  p50us: number;
  p99us: number;
  latencyMethod: string;
  count: number;
}

/**
 * One full warm-up pass (JIT, and the per-zone offset cache for every hour
 * the data touches), then three timed passes without timers inside (the
 * median is reported), then a latency pass with a timer per call or per
 * batch of calls.
 */
function measureSync(cases: readonly GeneratedCase[], fn: (c: GeneratedCase, i: number) => unknown, batch = 1): Measured {
  const n = cases.length;
  gc();
  for (let i = 0; i < n; i++) fn(cases[i]!, i);
  const passes: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn(cases[i]!, i);
    passes.push(performance.now() - t);
  }
  const totalMs = passes.sort((a, b) => a - b)[1]!;
  const lat = new Float64Array(Math.floor(n / batch));
  for (let b = 0; b < lat.length; b++) {
    const t = performance.now();
    for (let i = b * batch; i < (b + 1) * batch; i++) fn(cases[i]!, i);
    lat[b] = ((performance.now() - t) * 1000) / batch;
  }
  lat.sort();
  return {
    perSecond: n / (totalMs / 1000),
    totalMs,
    p50us: percentile(lat, 0.5),
    p99us: percentile(lat, 0.99),
    latencyMethod: batch === 1 ? 'timer per call' : `timer per batch of ${batch} calls`,
    count: n,
  };
}

/** Outcomes are interned: each evaluator's answers are kept as small integers (exact, and light on the heap being measured). */
const outcomeIds = new Map<string, number>();
const outcomeTexts: string[] = [];
const key = (s: Summary | DecisionSummary): number => {
  const text = `${s.liabilityRuleId}|${s.party}|${s.costBearer}|${s.remedies.join(',')}|${s.approver}`;
  let id = outcomeIds.get(text);
  if (id === undefined) {
    outcomeIds.set(text, (id = outcomeTexts.length));
    outcomeTexts.push(text);
  }
  return id;
};
const keysOf = (answer: (i: number) => Summary | DecisionSummary) => Int32Array.from({ length: COUNT }, (_, i) => key(answer(i)));
const round = (x: number, digits = 0) => Number(x.toFixed(digits));

// ── machine ────────────────────────────────────────────────────────────────
const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model ?? 'unknown',
  cores: os.availableParallelism(),
  memoryGiB: round(os.totalmem() / 2 ** 30, 1),
  platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  node: process.version,
  v8: process.versions.v8,
  date: new Date().toISOString(),
};
log('machine', machine);

// ── (0) load + compile ───────────────────────────────────────────────────────
/** Fresh processes in which the first load is timed (an odd number: the median is one of them). */
const COLD_PROCESSES = 7;
let t0 = performance.now();
const policy = loadPolicy(PACK);
const coldLoadMs = performance.now() - t0;
const loads: number[] = [];
for (let i = 0; i < 30; i++) {
  t0 = performance.now();
  loadPolicy(PACK);
  loads.push(performance.now() - t0);
}
loads.sort((a, b) => a - b);
// What a host pays at start-up: the first load in a fresh process (library imported, nothing run yet), in processes of their own.
const freshProcessMs: number[] = [];
for (let i = 0; i < COLD_PROCESSES; i++) {
  const script = `import { loadPolicy } from 'aftersales-policy'; const t = performance.now(); loadPolicy(${JSON.stringify(PACK)}); process.stdout.write(String(performance.now() - t));`;
  freshProcessMs.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: join(here, '..') })));
}
const freshSorted = [...freshProcessMs].sort((a, b) => a - b);
const load = {
  firstInProcessMs: round(coldLoadMs, 2),
  freshProcessMedianMs: round(freshSorted[Math.floor(freshSorted.length / 2)]!, 2),
  freshProcessMs: freshProcessMs.map((ms) => round(ms, 2)),
  medianMs: round(loads[15]!, 2),
  minMs: round(loads[0]!, 2),
  runs: loads.length,
  files: policy.manifest.files,
};
log('load', load);

// ── generated complaints ──────────────────────────────────────────────────────
t0 = performance.now();
// As a backend holds a complaint after JSON.parse of the request body (flat strings, JSON objects): every evaluator gets these same objects.
const cases: GeneratedCase[] = Array.from({ length: COUNT }, (_, i) => {
  const c = generateCase(SEED, i);
  return { complaint: JSON.parse(JSON.stringify(c.complaint)) as Complaint, now: c.now };
});
const generateMs = performance.now() - t0;
log(`generated ${COUNT} complaints in ${round(generateMs)} ms`);

// ── (d) hand-written ──────────────────────────────────────────────────────────
const handwritten = measureSync(cases, (c) => handwrittenDecide(c.complaint, c.now), 100);
const handKeys = keysOf((i) => handwrittenDecide(cases[i]!.complaint, cases[i]!.now));
log('hand-written', handwritten);

// ── (c) decide, trace: false ──────────────────────────────────────────────────
const lean = measureSync(cases, (c) => policy.decide(c.complaint, { now: c.now, trace: false }));
const leanKeys = keysOf((i) => summaryOf(policy.decide(cases[i]!.complaint, { now: cases[i]!.now, trace: false })));
log('decide trace:false', lean);

// ── (c) against (d), paired ───────────────────────────────────────────────────
// The two are also timed in rounds of one pass each, back to back (which goes first alternates):
// the ratio of each round cancels the drift of this shared VM between the blocks above (the
// hand-written function's own rate moved from 3.8 to 4.6 M/s between runs while decide's did not).
// The 10× target is judged on the median of these paired ratios; the blocks' ratio is reported too.
const PAIRED_ROUNDS = 7;
/** The audit id's cost inside \`decide\`, measured by cutting it out (docs/performance.md, sixth round); not measurable from outside the library. */
const ID_IN_PLACE_NS = 400;

function passMs(fn: (c: GeneratedCase) => unknown): number {
  const t = performance.now();
  for (let i = 0; i < cases.length; i++) fn(cases[i]!);
  return performance.now() - t;
}
const leanPass = (c: GeneratedCase) => policy.decide(c.complaint, { now: c.now, trace: false });
const handPass = (c: GeneratedCase) => handwrittenDecide(c.complaint, c.now);
const pairedRatios: number[] = [];
for (let r = 0; r < PAIRED_ROUNDS; r++) {
  const leanFirst = r % 2 === 0;
  const a = passMs(leanFirst ? leanPass : handPass);
  const b = passMs(leanFirst ? handPass : leanPass);
  pairedRatios.push(leanFirst ? a / b : b / a);
}
const sortedPaired = [...pairedRatios].sort((x, y) => x - y);
const paired = {
  rounds: PAIRED_ROUNDS,
  medianRatio: round(sortedPaired[PAIRED_ROUNDS >> 1]!, 2),
  minRatio: round(sortedPaired[0]!, 2),
  maxRatio: round(sortedPaired[PAIRED_ROUNDS - 1]!, 2),
  ratios: pairedRatios.map((x) => round(x, 2)),
};
log('decide trace:false ÷ hand-written, paired rounds', paired);

// ── (b) decide with trace ─────────────────────────────────────────────────────
const full = measureSync(cases, (c) => policy.decide(c.complaint, { now: c.now }));
const fullKeys = keysOf((i) => summaryOf(policy.decide(cases[i]!.complaint, { now: cases[i]!.now })));
log('decide trace', full);

const nows = cases.map((c) => parseInstant(c.now)!);

// ── rules only (the evaluator itself, no validation / output / id) ────────────
const lia = policy.liability!.rules;
const rem = policy.remedies!.rules;
const rulesOnly = measureSync(
  cases,
  (_c, i) => {
    const complaint = cases[i]!.complaint; // generated complaints are valid: no validation here
    const now = nows[i]!;
    const fired = lia.evaluate(lia.facts({ complaint, now }), 'liability', null)[0];
    const o = (fired ?? policy.liability!.doc.default).outcome;
    const liability = { party: o.party, costBearer: o.costBearer, upheld: o.upheld, thirdPartyTesting: !!o.thirdPartyTesting };
    return rem.evaluate(rem.facts({ complaint, now, liability }), 'remedies', null);
  },
  100,
);
log('rules only', rulesOnly);

// ── where one decision's time goes (trace: false) ─────────────────────────────
function nsPer(fn: (i: number) => unknown, n = SAMPLE): number {
  for (let i = 0; i < n; i++) fn(i);
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    for (let i = 0; i < n; i++) fn(i);
    best = Math.min(best, performance.now() - t);
  }
  return round((best / n) * 1e6);
}
const SAMPLE = Math.min(COUNT, 20_000);
const scanned = cases.slice(0, SAMPLE).map((c) => scanComplaint(c.complaint)!);
const seed = fingerprintSeed(policy.hash);
const nowMs = nows.slice(0, SAMPLE).map((d) => d.getTime());
const dates = nows.slice(0, SAMPLE).map((d) => new Date(d.getTime() + 7 * 86_400_000));
const breakdown = {
  'validate the complaint (fast path)': nsPer((i) => parseComplaint(cases[i]!.complaint)),
  'read now (ISO text)': nsPer((i) => parseInstant(cases[i]!.now)),
  'facts + compiled rules (liability, remedies)': round((1e9 / rulesOnly.perSecond)),
  'format one instant in the pack zone': nsPer((i) => formatInstant(dates[i]!, 'Asia/Shanghai')),
  'decision id (128-bit fingerprint of pack, complaint, now)': nsPer((i) => decisionIdOf(seed, scanned[i]!.complaint, nowMs[i]!, scanned[i]!)),
  'whole decide (trace: false)': round(1e9 / lean.perSecond),
  'hand-written function': round(1e9 / handwritten.perSecond),
};
log('breakdown ns', breakdown);

// ── (a) json-rules-engine, the ordinary way ───────────────────────────────────
// The adapter is compiled from src/ (it is not part of the package); the policy comes from the built package.
const jre = createJrePolicy(policy as unknown as Parameters<typeof createJrePolicy>[0]);
const jreKeys = new Int32Array(COUNT);
gc();
// Warm-up on 2,000 complaints (json-rules-engine keeps no per-data cache; a full extra pass would take as long again).
for (let i = 0; i < Math.min(COUNT, 2_000); i++) await jre.decide(cases[i]!.complaint, nows[i]!);
const jreLat = new Float64Array(COUNT);
let tj = performance.now();
for (let i = 0; i < COUNT; i++) {
  const s = performance.now();
  const r = await jre.decide(cases[i]!.complaint, nows[i]!);
  jreLat[i] = (performance.now() - s) * 1000;
  jreKeys[i] = key(r);
}
const jreTotal = performance.now() - tj;
jreLat.sort();
const jreMeasured: Measured = {
  perSecond: COUNT / (jreTotal / 1000),
  totalMs: jreTotal,
  p50us: percentile(jreLat, 0.5),
  p99us: percentile(jreLat, 0.99),
  latencyMethod: 'timer per call (one pass; the timers cost < 0.1 %)',
  count: COUNT,
};
log('json-rules-engine', jreMeasured);

// ── agreement on every complaint ──────────────────────────────────────────────
const disagreements: Array<{ index: number; id: string; jre: string; decide: string; decideTrace: string; handwritten: string }> = [];
for (let i = 0; i < COUNT; i++) {
  if (jreKeys[i] !== leanKeys[i] || fullKeys[i] !== leanKeys[i] || handKeys[i] !== leanKeys[i]) {
    if (disagreements.length < 20) {
      const [jre, decide, decideTrace, handwritten] = [jreKeys[i]!, leanKeys[i]!, fullKeys[i]!, handKeys[i]!].map((k) => outcomeTexts[k]!) as [string, string, string, string];
      disagreements.push({ index: i, id: cases[i]!.complaint.id, jre, decide, decideTrace, handwritten });
    }
  }
}
let disagreeing = 0;
for (let i = 0; i < COUNT; i++) if (jreKeys[i] !== leanKeys[i] || fullKeys[i] !== leanKeys[i] || handKeys[i] !== leanKeys[i]) disagreeing++;
const agreement = { checked: COUNT, distinctOutcomes: outcomeTexts.length, disagreements: disagreeing, examples: disagreements };
log('agreement', { checked: COUNT, disagreements: disagreements.length });

// ── deadlines per complaint ───────────────────────────────────────────────────
let deadlinesResult: (Measured & { clocksPerComplaint: number }) | { error: string };
try {
  const actor = { id: 'bench.agent', role: 'agent' };
  const chunk = 10_000;
  const lat: number[] = [];
  let total = 0;
  let clocks = 0;
  for (let from = 0; from < COUNT; from += chunk) {
    gc();
    const slice = cases.slice(from, from + chunk);
    // as a host reads them from its database: parsed JSON, so each is checked and its history replayed
    const snaps = slice.map((c) => JSON.parse(JSON.stringify(start(policy, c.complaint, { actor }).snapshot)) as unknown);
    for (let i = 0; i < snaps.length; i++) deadlines(policy, snaps[i]!, { now: slice[i]!.now }); // warm-up
    const t = performance.now();
    for (let i = 0; i < snaps.length; i++) clocks += deadlines(policy, snaps[i]!, { now: slice[i]!.now }).length;
    total += performance.now() - t;
    for (let i = 0; i < snaps.length; i += 100) {
      const s = performance.now();
      for (let k = i; k < Math.min(i + 100, snaps.length); k++) deadlines(policy, snaps[k]!, { now: slice[k]!.now });
      lat.push(((performance.now() - s) * 1000) / Math.min(100, snaps.length - i));
    }
  }
  const sorted = Float64Array.from(lat).sort();
  deadlinesResult = {
    perSecond: COUNT / (total / 1000),
    totalMs: total,
    p50us: percentile(sorted, 0.5),
    p99us: percentile(sorted, 0.99),
    latencyMethod: 'timer per batch of 100 calls; snapshots from start() at intake stored as JSON and parsed (each read is checked and its history replayed), built outside the timed loops, in chunks of 10,000 each warmed up once',
    count: COUNT,
    clocksPerComplaint: round(clocks / COUNT, 2),
  };
} catch (e) {
  deadlinesResult = { error: (e as Error).message };
}
log('deadlines', deadlinesResult);

// ── simulate 1,000,000 on worker threads (own process: peak memory) ──────────
let simulateResult: Record<string, unknown>;
try {
  const out = execFileSync(process.execPath, [join(here, 'simulate.mjs'), '--pack', PACK, '--count', String(SIM_COUNT), '--seed', String(SEED), '--workers', String(machine.cores)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const r = JSON.parse(out) as { tally: unknown; elapsedMs: number; workers: number; peakRssBytes: number };
  simulateResult = { count: SIM_COUNT, workers: r.workers, elapsedMs: round(r.elapsedMs), perSecond: round(SIM_COUNT / (r.elapsedMs / 1000)), peakRssMiB: round(r.peakRssBytes / 2 ** 20, 1), tally: r.tally };
} catch (e) {
  simulateResult = { error: (e as Error).message };
}
log('simulate', { ...simulateResult, tally: undefined });

// ── large packs: 1,000 liability rules (the default limit) and 10,000 ──────────
type LargePackRun = LargePackResult | { rules: number; error: string };
/** Processes per pack size (bench/large-pack.ts says why more than one). */
const LARGE_PACK_PROCESSES = 3;
function largePackRun(rules: number, complaints: number, jreComplaints: number): LargePackRun {
  try {
    const runs: LargePackProcess[] = [];
    for (let i = 0; i < LARGE_PACK_PROCESSES; i++) {
      const args = ['--pack-dir', join(here, '..', 'rules', PACK), '--rules', String(rules), '--complaints', String(Math.min(COUNT, complaints))];
      args.push('--seed', String(SEED), '--jre', String(Math.min(COUNT, jreComplaints)));
      if (i === 0) args.push('--full');
      const out = execFileSync(process.execPath, ['--expose-gc', join(compiledDir, 'large-pack-process.js'), ...args], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      runs.push(JSON.parse(out) as LargePackProcess);
    }
    return combineLargePack(runs);
  } catch (e) {
    return { rules, error: (e as Error).message };
  }
}
const largePacks: LargePackRun[] = [largePackRun(RULES_PER_FILE, 20_000, 500), largePackRun(10 * RULES_PER_FILE, 2_000, 30)];
log('large packs', largePacks);

// ── trace size (for the explanation of the trace target) ─────────────────────
const traceShape = (() => {
  let rules = 0;
  let conditions = 0;
  const n = Math.min(COUNT, 1_000);
  for (let i = 0; i < n; i++) {
    const d = policy.decide(cases[i]!.complaint, { now: cases[i]!.now });
    rules += d.trace.length;
    for (const r of d.trace) conditions += r.conditions.length;
  }
  return { rules: round(rules / n, 1), conditions: round(conditions / n, 1) };
})();

// ── ratios, targets ───────────────────────────────────────────────────────────
const ratio = {
  decideTraceVsJre: full.perSecond / jreMeasured.perSecond,
  decideLeanVsJre: lean.perSecond / jreMeasured.perSecond,
  handwrittenVsDecideLean: handwritten.perSecond / lean.perSecond,
  handwrittenVsRulesOnly: handwritten.perSecond / rulesOnly.perSecond,
};
const sim = simulateResult as { elapsedMs?: number; peakRssMiB?: number; workers?: number };
const targets = [
  { target: 'decide with trace ≥ 50× json-rules-engine', value: `${round(ratio.decideTraceVsJre, 1)}×`, met: ratio.decideTraceVsJre >= 50, shortBy: ratio.decideTraceVsJre >= 50 ? null : `${round(50 / ratio.decideTraceVsJre, 2)}× short` },
  { target: 'decide { trace: false } ≥ 200× json-rules-engine', value: `${round(ratio.decideLeanVsJre, 1)}×`, met: ratio.decideLeanVsJre >= 200, shortBy: ratio.decideLeanVsJre >= 200 ? null : `${round(200 / ratio.decideLeanVsJre, 2)}× short` },
  {
    target: 'decide { trace: false } within 10× of the hand-written function',
    value: `${paired.medianRatio}× slower (median of ${paired.rounds} paired rounds, ${paired.minRatio}–${paired.maxRatio}; the blocks above: ${round(ratio.handwrittenVsDecideLean, 1)}×)`,
    met: paired.medianRatio <= 10,
    shortBy: paired.medianRatio <= 10 ? null : `${round(paired.medianRatio / 10, 2)}× short`,
  },
  {
    target: 'load + compile the bundled pack ≤ 20 ms (the first load in a fresh process, and again in a warm one)',
    value: `${load.freshProcessMedianMs} ms first in a fresh process (median of ${COLD_PROCESSES}: ${load.freshProcessMs.join(', ')}); ${load.medianMs} ms warm (median of ${load.runs})`,
    met: loadMet(),
    shortBy: loadMet() ? null : `${round(Math.max(load.freshProcessMedianMs, load.medianMs) / 20, 2)}× over`,
  },
  { target: 'simulate 1,000,000 complaints ≤ 20 s', value: sim.elapsedMs !== undefined ? `${round(sim.elapsedMs / 1000, 2)} s on ${sim.workers} workers` : 'not measured', met: sim.elapsedMs !== undefined && sim.elapsedMs <= 20_000, shortBy: overBy(sim.elapsedMs, 20_000, (ms) => ms <= 20_000) },
  // MiB → MB (the target is in MB)
  { target: 'simulate peak memory < 300 MB', value: sim.peakRssMiB !== undefined ? `${sim.peakRssMiB} MiB peak RSS` : 'not measured', met: sim.peakRssMiB !== undefined && sim.peakRssMiB * 1.048576 < 300, shortBy: overBy(sim.peakRssMiB === undefined ? undefined : sim.peakRssMiB * 1.048576, 300, (mb) => mb < 300) },
];

const results = {
  machine,
  pack: PACK,
  seed: SEED,
  count: COUNT,
  generateMs: round(generateMs),
  load,
  evaluators: {
    jsonRulesEngine: jreMeasured,
    decideTrace: full,
    decideNoTrace: lean,
    handwritten,
    rulesOnly,
  },
  pairedDecideNoTraceVsHandwritten: paired,
  ratios: Object.fromEntries(Object.entries(ratio).map(([k, v]) => [k, round(v, 1)])),
  agreement,
  breakdownNs: breakdown,
  traceEntriesPerDecision: traceShape,
  deadlines: deadlinesResult,
  simulate: simulateResult,
  largePacks,
  targets,
  peakRssMiB: round((process.resourceUsage().maxRSS * 1024) / 2 ** 20, 1),
};
writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

// ── RESULTS.md ──────────────────────────────────────────────────────────────
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const us = (n: number) => (n < 10 ? n.toFixed(2) : n < 1000 ? n.toFixed(1) : fmt(n));
const row = (name: string, m: Measured, vsJre: string) => `| ${name} | ${fmt(m.perSecond)} | ${us(m.p50us)} | ${us(m.p99us)} | ${vsJre} | ${m.latencyMethod} |`;
const md = `# Benchmark results

Generated by \`npm run bench\` (bench/run.ts) — do not edit by hand.

- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.platform}
- Node ${machine.node} (V8 ${machine.v8}), run ${machine.date}
- Pack \`${PACK}\` (${policy.liability!.doc.rules.length} liability, ${policy.remedies!.doc.rules.length} remedy rules, ${policy.approval!.doc.bands.length} approval bands); ${fmt(COUNT)} generated complaints (seed ${SEED}) as JSON-parsed objects, one process

## Decisions

| evaluator | decisions/s | p50 µs | p99 µs | × json-rules-engine | latency measured by |
|---|---:|---:|---:|---:|---|
${row('(a) json-rules-engine 7.3.1, one engine, `await engine.run` per complaint', jreMeasured, '1×')}
${row('(b) `policy.decide` with the full trace', full, `${round(ratio.decideTraceVsJre, 1)}×`)}
${row('(c) `policy.decide` with `{ trace: false }`', lean, `${round(ratio.decideLeanVsJre, 1)}×`)}
${row('(d) hand-written function of the same policy', handwritten, `${round(handwritten.perSecond / jreMeasured.perSecond, 1)}×`)}
${row('compiled rules only (facts + liability + remedy closures)', rulesOnly, `${round(rulesOnly.perSecond / jreMeasured.perSecond, 1)}×`)}

Agreement (liability rule id, party, cost bearer, offered remedy types in order, approver) checked on all ${fmt(COUNT)} complaints for (a)–(d): **${agreement.disagreements === 0 ? 'all agree' : `${agreement.disagreements} disagreements`}**.

Ratios: decide with trace = ${round(ratio.decideTraceVsJre, 1)}× json-rules-engine; \`{ trace: false }\` = ${round(ratio.decideLeanVsJre, 1)}×; the hand-written function is ${round(ratio.handwrittenVsDecideLean, 1)}× faster than \`{ trace: false }\` and ${round(ratio.handwrittenVsRulesOnly, 1)}× faster than the compiled rules alone. Timed in ${paired.rounds} rounds of one pass each, back to back (which goes first alternates, so drift of the machine between the blocks above cancels), \`{ trace: false }\` takes ${paired.medianRatio}× the hand-written function's time (median; rounds ${paired.ratios.join(', ')}): the 10× target is judged on that.

## Other measurements

- Load + compile the bundled \`${PACK}\` pack (${load.files.join(', ')}): median ${load.medianMs} ms, min ${load.minMs} ms over ${load.runs} loads; the first load in the process ${load.firstInProcessMs} ms (includes JIT warm-up of the loader and zod); the first load in a fresh process (the library imported, nothing else run), in ${COLD_PROCESSES} processes of their own: median ${load.freshProcessMedianMs} ms (${load.freshProcessMs.join(', ')} ms).
- \`deadlines(policy, snapshot, { now })\` per complaint: ${'error' in deadlinesResult ? `not measured (${deadlinesResult.error})` : `${fmt(deadlinesResult.perSecond)}/s, p50 ${us(deadlinesResult.p50us)} µs, p99 ${us(deadlinesResult.p99us)} µs over ${fmt(deadlinesResult.count)} complaints (${deadlinesResult.clocksPerComplaint} clocks each; ${deadlinesResult.latencyMethod})`}.
- \`simulate\` of ${fmt(SIM_COUNT)} complaints (bench/simulate.mjs, worker threads, its own process): ${'error' in simulateResult ? `failed (${String(simulateResult.error)})` : `${round((simulateResult.elapsedMs as number) / 1000, 2)} s on ${String(simulateResult.workers)} workers (${fmt(simulateResult.perSecond as number)}/s, complaint generation included), peak RSS ${String(simulateResult.peakRssMiB)} MiB`}.
- Peak RSS of this benchmark process: ${results.peakRssMiB} MiB.

${largePackSection()}

## Where one decision's time goes (\`{ trace: false }\`, ns, best of 3 passes)

| step | ns |
|---|---:|
${Object.entries(breakdown).map(([k, v]) => `| ${k} | ${fmt(v)} |`).join('\n')}

## Targets

| target | measured | met |
|---|---|---|
${targets.map((t) => `| ${t.target} | ${t.value} | ${t.met ? 'yes' : `**no** (${t.shortBy ?? 'see below'})`} |`).join('\n')}

${whyMissed()}
`;
writeFileSync(join(here, 'RESULTS.md'), md);

/** The large-pack table (no target: users report json-rules-engine slow on large rule sets, CacheControl/json-rules-engine#364). */
function largePackSection(): string {
  const own = policy.liability!.doc.rules.length;
  const rows: string[] = [];
  const notes: string[] = [];
  for (const l of largePacks) {
    if ('error' in l) {
      notes.push(`- ${fmt(l.rules)} rules: not measured (${l.error}).`);
      continue;
    }
    const n = fmt(l.liabilityRules);
    const f = l.full;
    const each = (v: number[]) => v.map((x) => us(x)).join(', ');
    rows.push(
      `| ${n} | json-rules-engine 7.3.1, one engine, \`await engine.run\` (${fmt(f.jsonRulesEngine.count)} complaints) | ${fmt(f.jsonRulesEngine.perSecond)} | ${fmt(f.jsonRulesEngine.usPerDecision)} | 1× | |`,
      `| ${n} | \`policy.decide\` with the full trace (${fmt(l.decideTrace.count)} complaints) | ${fmt(l.decideTrace.perSecond)} | ${us(l.decideTrace.usPerDecision)} | ${l.ratios.decideTraceVsJre}× | ${each(l.processes.decideTraceUs)} |`,
      `| ${n} | \`policy.decide\` with \`{ trace: false }\` (${fmt(l.decideNoTrace.count)} complaints) | ${fmt(l.decideNoTrace.perSecond)} | ${us(l.decideNoTrace.usPerDecision)} | ${l.ratios.decideNoTraceVsJre}× | ${each(l.processes.decideNoTraceUs)} |`,
    );
    notes.push(
      `- ${n} rules: load + compile (validation included) median ${f.load.medianMs} ms over ${f.load.runs} loads, first ${f.load.firstMs} ms; json-rules-engine builds its engine from the same rules in ${f.jreBuildMs} ms (no validation). ` +
        `Agreement (as above): ${f.agreement.disagreements === 0 ? 'all agree' : `**${f.agreement.disagreements} disagreements**`} — with and without the trace on ${fmt(f.agreement.checked)} complaints (${fmt(f.agreement.firedAddedRule)} decided by an added rule), with json-rules-engine on the first ${fmt(f.agreement.checkedWithJre)}. ` +
        `Peak RSS of its processes: ${l.processes.peakRssMiB.join(', ')} MiB.`,
    );
  }
  return `## Large packs (1,000 and 10,000 liability rules)

The \`${PACK}\` pack with its liability file filled with added rules, one per problem nature, claim threshold and days since delivery (bench/large-pack-files.ts), before the pack's own ${own}; ${policy.remedies!.doc.rules.length} remedy rules. 1,000 rules is the default \`limits.maxRules\`; the 10,000-rule pack is loaded with \`{ limits: { maxRules: 10000 } }\`. No target; users report json-rules-engine slow on large rule sets (CacheControl/json-rules-engine#364).

Each size is measured in ${LARGE_PACK_PROCESSES} processes of their own (bench/large-pack-process.ts): a large pack's speed can vary from one process to the next (docs/performance.md: "Eighth round" and "Tenth round", two causes found and fixed; what is left is a few tens of percent), so the table gives the median process and the last column every process; the first process also times loading and json-rules-engine and checks agreement.

| rules | evaluator | decisions/s | µs a decision | × json-rules-engine | µs a decision, each process |
|---:|---|---:|---:|---:|---|
${rows.join('\n')}

${notes.join('\n')}`;
}

/** The load target holds for the start-up load (median fresh process) and for a load in a warm process. */
function loadMet(): boolean {
  return load.freshProcessMedianMs <= 20 && load.medianMs <= 20;
}

/** The "why" of each missed target, from this run's numbers. */
function whyMissed(): string {
  const missed = targets.filter((t) => !t.met);
  if (!missed.length) return '';
  const b = breakdown;
  const jreUs = 1e6 / jreMeasured.perSecond;
  const leanNs = 1e9 / lean.perSecond;
  const fixed = b['validate the complaint (fast path)'] + b['decision id (128-bit fingerprint of pack, complaint, now)'] + b['read now (ISO text)'];
  const out: string[] = ['## Why the missed targets are missed', ''];
  for (const t of missed) {
    if (t.target.includes('trace: false } ≥ 200×')) {
      out.push(
        `- **${t.target}** — measured ${t.value}. json-rules-engine takes ${us(jreUs)} µs per complaint here, so 200× means ≤ ${fmt((jreUs * 1000) / 200)} ns per decision; \`decide\` takes ${fmt(leanNs)} ns. ` +
          `The compiled rules are not the problem (${fmt(b['facts + compiled rules (liability, remedies)'])} ns for both rule sets, ${round(rulesOnly.perSecond / jreMeasured.perSecond)}× json-rules-engine). ` +
          `The rest is the decision contract json-rules-engine does not fulfil: validating untrusted input (${fmt(b['validate the complaint (fast path)'])} ns), the deterministic audit id (${fmt(b['decision id (128-bit fingerprint of pack, complaint, now)'])} ns), reading \`now\` (${fmt(b['read now (ISO text)'])} ns), ` +
          `printing every due date in the pack's zone (${fmt(b['format one instant in the pack zone'])} ns each) and money, and allocating the decision. Those fixed steps alone cost ${fmt(fixed)} ns.`,
      );
    } else if (t.target.includes('hand-written')) {
      out.push(
        `- **${t.target}** — measured ${t.value}. The hand-written function (${fmt(b['hand-written function'])} ns) only branches on trusted fields and returns the five compared values: it neither checks nor copies its input, prints no money or instant and builds no decision. ` +
          `Against the compiled rules alone (same work: facts in, fired rules out) it is ${round(ratio.handwrittenVsRulesOnly, 1)}× faster. ` +
          `The whole \`decide\` adds validation, costs, due dates, the audit id and the output object (see the breakdown above), which a hand-written function would have to do as well to return the same decision. ` +
          `The largest of these is the audit id: measured in place (docs/performance.md, sixth round: a variant of \`decide\` whose id returns at once, both builds in one process) it costs ≈ ${fmt(ID_IN_PLACE_NS)} ns of \`decide\`; without it this run's paired ratio would be ≈ ${round(paired.medianRatio * (1 - ID_IN_PLACE_NS / leanNs), 1)}×.`,
      );
    } else if (t.target.includes('with trace')) {
      const traceNs = 1e9 / full.perSecond - leanNs;
      out.push(
        `- **${t.target}** — measured ${t.value}. 50× means ≤ ${fmt((jreUs * 1000) / 50)} ns per decision; \`decide\` with the trace takes ${fmt(1e9 / full.perSecond)} ns: the same fixed costs as \`{ trace: false }\` (next item) ` +
          `plus ${fmt(traceNs)} ns for the trace itself — on average ${traceShape.rules} rule entries and ${traceShape.conditions} comparison entries per decision, each with both sides' actual values.`,
      );
    } else if (t.target.includes('load + compile')) {
      out.push(
        `- **${t.target}** — measured ${t.value}. The first load in a process runs the loader, zod's schemas and the condition compiler for the first time (interpreted code, then compiled by V8); ` +
          `a load in a warm process takes ${load.medianMs} ms. zod parses the pack files without generating parsers (\`jitless\`, src/json/zod-parse.ts), which is cheaper for a parse done a few times.`,
      );
    } else if (t.target.startsWith('simulate')) {
      out.push(
        `- **${t.target}** — measured ${t.value} (${t.shortBy}). The simulation runs in a process of its own (bench/simulate.mjs) on one worker thread per core (${machine.cores}); ` +
          'its time includes starting the workers, each loading the pack, and generating every complaint, and its peak RSS is that whole process (main thread and every worker, each with its own copy of the library and the pack).',
      );
    } else out.push(`- **${t.target}** — measured ${t.value}.`);
  }
  out.push(
    '',
    'The steps above are timed alone over the same complaints; inside `decide` each costs somewhat more or less, so they do not add up to the whole exactly. docs/performance.md gives the cost of each step measured in place and what was tried. This shared 2-core VM varies by about ±10 % from run to run, json-rules-engine included.',
  );
  return out.join('\n');
}
console.log(md);
if (agreement.disagreements) {
  console.error(`[bench] ${agreement.disagreements} complaints where the evaluators disagree — see bench/results.json`);
  process.exitCode = 1;
}
for (const l of largePacks) {
  if ('error' in l || l.full.agreement.disagreements) {
    console.error(`[bench] the ${'error' in l ? l.rules : l.liabilityRules}-rule pack: ${'error' in l ? l.error : `${l.full.agreement.disagreements} disagreements`} — see bench/results.json`);
    process.exitCode = 1;
  }
}
