// simulate(policyId, { count, seed, workers }): decides `count` generated
// complaints on worker threads and tallies the outcomes (liability rule ids,
// approvers, remedy types). Each worker loads the pack itself and generates
// its own index range of the stream, so nothing but the final tallies crosses
// threads and the result does not depend on the number of workers. When one
// worker fails, the others are stopped and the error is the library's own
// (a `PolicyLoadError` stays one across the thread boundary).
//
// As a script (used by `npm run bench`, in its own process so peak memory is
// the simulation's alone):
//   node bench/simulate.mjs --pack ecommerce --count 1000000 --seed 20261125 --workers 2
// prints one JSON line: { tally, elapsedMs, workers, peakRssBytes, ... }; a bad
// flag value is a usage error (exit 2).
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { InputError, loadPolicy, mergeTallies, PolicyError, PolicyLoadError, simulateRange, STREAM_LENGTH } from '../dist/index.js';

/** An error as it crosses threads: the library's errors keep their class, code and issues. */
const serialise = (e) => ({ name: e?.name ?? 'Error', message: e?.message ?? String(e), code: e?.code, issues: e?.issues });
function revive(e) {
  if (e.name === 'PolicyLoadError') return new PolicyLoadError(e.issues);
  if (e.name === 'InputError') return new InputError(e.issues);
  if (e.name === 'PolicyError') return new PolicyError(e.code, e.issues, e.message);
  return Object.assign(new Error(e.message), { name: e.name });
}

/**
 * @param {string} policyId bundled pack id or pack folder
 * @param {{ count: number, seed: number, workers?: number }} options
 * @returns {Promise<{ tally: import('../dist/index.js').SimulationTally, elapsedMs: number, workers: number }>}
 */
export async function simulate(policyId, { count, seed, workers = availableParallelism() }) {
  if (!Number.isSafeInteger(count) || count < 0 || count > STREAM_LENGTH) throw new RangeError(`count must be a whole number from 0 to ${STREAM_LENGTH}, got ${count}`);
  if (!Number.isInteger(seed) || seed < -(2 ** 31) || seed > 2 ** 32 - 1) throw new RangeError(`seed must be a 32-bit integer, got ${seed}`);
  if (!Number.isSafeInteger(workers) || workers < 1) throw new RangeError(`workers must be a whole number ≥ 1, got ${workers}`);
  const started = performance.now();
  const n = Math.max(1, Math.min(workers, count));
  const share = Math.ceil(count / n);
  const threads = [];
  const jobs = [];
  for (let w = 0; w < n; w++) {
    const from = w * share;
    const size = Math.min(share, count - from);
    if (size <= 0) break;
    // A smaller young generation per worker keeps peak memory down (~185–210 MiB instead of ~225 MiB for 1M on 2 workers) at no measurable cost in time.
    const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { simulateJob: true, policyId, seed, from, count: size }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    threads.push(worker);
    jobs.push(
      new Promise((resolve, reject) => {
        let settled = false;
        worker.once('message', (m) => {
          settled = true;
          if (m.error) reject(revive(m.error));
          else resolve(m.tally);
        });
        worker.once('error', (e) => {
          settled = true;
          reject(e);
        });
        // an exit with no result, even with code 0, is a failure: nothing would ever settle this job
        worker.once('exit', (code) => settled || reject(new Error(`simulate worker exited with code ${code} before its result`)));
      }),
    );
  }
  try {
    const tallies = await Promise.all(jobs);
    return { tally: mergeTallies(tallies), elapsedMs: performance.now() - started, workers: jobs.length };
  } catch (e) {
    await Promise.all(threads.map((t) => t.terminate())); // no thread keeps running after a failure
    throw e;
  }
}

// A worker started by `simulate` (not any thread that imports this file: test runners use threads too).
if (!isMainThread && workerData?.simulateJob === true) {
  const { policyId, seed, from, count } = workerData;
  try {
    parentPort.postMessage({ tally: simulateRange(loadPolicy(policyId), { seed, from, count }) });
  } catch (e) {
    parentPort.postMessage({ error: serialise(e) });
  }
} else if (isMainThread && process.argv[1] === fileURLToPath(import.meta.url)) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        pack: { type: 'string', default: 'ecommerce' },
        count: { type: 'string', default: '1000000' },
        seed: { type: 'string', default: '20261125' },
        workers: { type: 'string', default: String(availableParallelism()) },
      },
    }));
    for (const flag of ['count', 'seed', 'workers']) if (!/^-?\d+$/.test(values[flag])) throw new Error(`--${flag} must be a whole number, got ${JSON.stringify(values[flag])}`);
  } catch (e) {
    process.stderr.write(`simulate: CLI_USAGE ${e.message}\n`);
    process.exit(2);
  }
  // No top-level await: this module is also imported (by tests, by hosts), and a module with one is
  // evaluated asynchronously, which Node 20 has been seen to crash on inside worker threads.
  simulate(values.pack, { count: Number(values.count), seed: Number(values.seed), workers: Number(values.workers) }).then(
    (result) => {
      // maxRSS is the process's peak resident set size (main thread and workers), in KiB.
      console.log(JSON.stringify({ ...result, count: Number(values.count), seed: Number(values.seed), peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
    },
    (e) => {
      process.stderr.write(`simulate: ${e instanceof PolicyError ? `${e.code}\n${e.issues.map((i) => `  ${i.file} ${i.path.join('.')}: ${i.code} ${i.message}`).join('\n')}` : `${e instanceof RangeError ? 'CLI_USAGE ' : ''}${e.message}`}\n`);
      process.exitCode = e instanceof RangeError ? 2 : 1;
    },
  );
}
