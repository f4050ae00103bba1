import { allocate, type AllocationResult } from '../../allocation/allocate.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { INPUT_OPTIONS, INPUT_USAGE, LIMIT_USAGE, limitsArg, loadPolicyArg, parseCommandArgs, POLICY_OPTIONS, printJson, readJsonInput, withInputFile } from '../shared.js';

/**
 * Renders an allocation for people.
 *
 * @param r - the result of `allocate`
 * @returns multi-line text
 * @example
 * ```ts
 * renderAllocation(allocate({ amount: '100.00', shares: [{ id: 'a', ratio: 1 }, { id: 'b', ratio: 2 }] }))
 * // → 'Allocation of 100.00\n  a  33.33  ratio 1\n  b  66.67  ratio 2\n'
 * ```
 * @category CLI
 */
export function renderAllocation(r: AllocationResult): string {
  const iw = Math.max(...r.allocations.map((a) => a.id.length));
  const aw = Math.max(...r.allocations.map((a) => a.amount.length));
  const out = [`Allocation of ${r.amount}`];
  for (const a of r.allocations) out.push(`  ${a.id.padEnd(iw)}  ${a.amount.padStart(aw)}  ratio ${a.ratio}`);
  return out.join('\n') + '\n';
}

/** `aftersales allocate [--policy p] [--json] <allocation.json>`. @category CLI */
export const allocateCommand: CliCommand = {
  name: 'allocate',
  summary: 'split an amount among liable units or people by liability ratio, exact to the fen',
  usage:
    'aftersales allocate [--policy <id|folder>] [--json] <allocation.json | ->\n' +
    '  Input: { "amount": "1000.00", "shares": [ { "id": "smt-2", "ratio": "0.6" }, { "id": "qa", "ratio": "0.4" } ] }\n' +
    '  Ratios are relative weights. --policy only supplies the rounding mode (default half-up).' + '\n' + INPUT_USAGE + '\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS, ...INPUT_OPTIONS, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('allocate takes exactly one input file (or - for stdin)');
    const file = positionals[0]!;
    if (values.policy === undefined && Object.keys(limitsArg(values)).length) throw new UsageError('the load-limit flags apply to the pack named by --policy, and allocate loads no pack without it');
    const rounding = values.policy !== undefined ? loadPolicyArg(values).settings.rounding : 'half-up';
    const input = readJsonInput(file, io, values);
    let r: AllocationResult;
    try {
      r = allocate(input, { rounding });
    } catch (e) {
      throw withInputFile(e, file);
    }
    if (values.json) printJson(io, r); // the library's result as is: the amount split, each share's ratio, and the trace
    else io.stdout(renderAllocation(r));
    return 0;
  },
};
