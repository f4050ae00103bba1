// simulate(policyId, { count, seed, workers }): decides `count` generated
// complaints on worker threads and tallies the outcomes (liability rule ids,
// approvers, remedy types). Each worker loads the pack itself and generates
// its own index range of the stream, so nothing but the final tallies crosses
// threads and the result does not depend on the number of workers.
//
// As a script (used by `npm run bench`, in its own process so peak memory is
// the simulation's alone):
//   node bench/simulate.mjs --pack ecommerce --count 1000000 --seed 20261125 --workers 2
// prints one JSON line: { tally, elapsedMs, workers, peakRssBytes, ... }.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { loadPolicy, mergeTallies, simulateRange } from '../dist/index.js';

/**
 * @param {string} policyId bundled pack id or pack folder
 * @param {{ count: number, seed: number, workers?: number }} options
 * @returns {Promise<{ tally: import('../dist/index.js').SimulationTally, elapsedMs: number, workers: number }>}
 */
export async function simulate(policyId, { count, seed, workers = availableParallelism() }) {
  const started = performance.now();
  const n = Math.max(1, Math.min(workers, count));
  const share = Math.ceil(count / n);
  const jobs = [];
  for (let w = 0; w < n; w++) {
    const from = w * share;
    const size = Math.min(share, count - from);
    if (size <= 0) break;
    jobs.push(
      new Promise((resolve, reject) => {
        // A smaller young generation per worker keeps peak memory down (~185–210 MiB instead of ~225 MiB for 1M on 2 workers) at no measurable cost in time.
        const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { policyId, seed, from, count: size }, resourceLimits: { maxYoungGenerationSizeMb: 8 } });
        worker.once('message', resolve);
        worker.once('error', reject);
        worker.once('exit', (code) => code !== 0 && reject(new Error(`simulate worker exited with code ${code}`)));
      }),
    );
  }
  const tallies = await Promise.all(jobs);
  return { tally: mergeTallies(tallies), elapsedMs: performance.now() - started, workers: jobs.length };
}

if (!isMainThread) {
  const { policyId, seed, from, count } = workerData;
  parentPort.postMessage(simulateRange(loadPolicy(policyId), { seed, from, count }));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      pack: { type: 'string', default: 'ecommerce' },
      count: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '20261125' },
      workers: { type: 'string', default: String(availableParallelism()) },
    },
  });
  const result = await simulate(values.pack, { count: Number(values.count), seed: Number(values.seed), workers: Number(values.workers) });
  // maxRSS is the process's peak resident set size (main thread and workers), in KiB.
  console.log(JSON.stringify({ ...result, count: Number(values.count), seed: Number(values.seed), peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
}
