import { allocate, type AllocationResult } from '../../allocation/allocate.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { INPUT_OPTIONS, INPUT_USAGE, limitsArg, parseCommandArgs, POLICY_OPTIONS, printJson, readJsonInput, checkedInput } from '../shared.js';

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

/**
 * `aftersales allocate [--json] <allocation.json>`. Loads no pack: amounts
 * have at most two decimals and the shares are whole fen, so no rounding mode
 * ever applies. `--policy` (which once claimed to supply one and changed
 * nothing) and the load-limit flags are refused with a message saying so,
 * rather than accepted and ignored.
 *
 * @category CLI
 */
export const allocateCommand: CliCommand = {
  name: 'allocate',
  summary: 'split an amount among liable units or people by liability ratio, exact to the fen',
  usage:
    'aftersales allocate [--json] <allocation.json | ->\n' +
    '  Input: { "amount": "1000.00", "shares": [ { "id": "smt-2", "ratio": "0.6" }, { "id": "qa", "ratio": "0.4" } ] }\n' +
    '  Ratios are relative weights. Uses no pack: the amount has at most two decimals and the shares are whole fen,\n' +
    '  so nothing is rounded (--policy and the load-limit flags are refused).' + '\n' + INPUT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS, ...INPUT_OPTIONS, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('allocate takes exactly one input file (or - for stdin)');
    const file = positionals[0]!;
    // Still parsed, so that they get this message rather than "unknown option".
    if (values.policy !== undefined) throw new UsageError('allocate uses no pack and takes no --policy: amounts have at most two decimals and shares are whole fen, so no rounding mode applies (--policy never changed the result)');
    if (Object.keys(limitsArg(values)).length) throw new UsageError('allocate loads no pack, so the load-limit flags are not taken');
    const r: AllocationResult = checkedInput(readJsonInput(file, io, values), (input) => allocate(input));
    if (values.json) printJson(io, r); // the library's result as is: the amount split, each share's ratio, and the trace
    else io.stdout(renderAllocation(r));
    return 0;
  },
};
