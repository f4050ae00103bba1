import { dec } from '../../money/money.js';
import { economicDeduction, type DeductionResult } from '../../penalties/deduction.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { INPUT_OPTIONS, INPUT_USAGE, LIMIT_USAGE, loadPolicyArg, parseCommandArgs, POLICY_OPTIONS, printJson, readJsonInput, checkedInput } from '../shared.js';

/**
 * Renders an economic deduction and its schedule for people.
 *
 * @param r - the result of `economicDeduction`
 * @returns multi-line text
 * @example
 * ```ts
 * renderDeduction(economicDeduction(policy, input))
 * // → 'Deduction 6000.00, at most 2000.00 a month (3 instalments)\n  2026-11  2000.00\n…'
 * ```
 * @category CLI
 */
export function renderDeduction(r: DeductionResult): string {
  const exact = dec(r.exact).eq(dec(r.total)) ? '' : ` (exact ${r.exact}, rounded once)`;
  const out = [`Deduction ${r.total}${exact}, at most ${r.monthlyCap} a month (${r.schedule.length} instalment${r.schedule.length === 1 ? '' : 's'})`];
  const w = Math.max(0, ...r.schedule.map((i) => i.amount.length));
  for (const i of r.schedule) out.push(`  ${i.month}  ${i.amount.padStart(w)}`);
  for (const t of r.trace) out.push(`· ${t.detail} (${t.clause})`);
  return out.join('\n') + '\n';
}

/** `aftersales deduction [--policy p] [--json] <deduction.json>`. @category CLI */
export const deductionCommand: CliCommand = {
  name: 'deduction',
  summary: "a person's economic deduction for a case and its month-by-month schedule under the monthly cap",
  usage:
    'aftersales deduction [--policy <id|folder>] [--json] <deduction.json | ->\n' +
    '  Input: { "unitLoss": "30000.00", "unitBasePoints": "10", "personBasePoints": "2", "monthlyBonus": "4000.00", "startMonth": "2026-11" }\n' +
    '  Optional "alreadyScheduled": { "2026-11": "2000.00" }: what other cases already deduct from the person per month;\n' +
    '  the cap is per month for all cases together, so this case fills only what is left of each month\'s cap.\n' +
    '  --policy defaults to manufacturer.' + '\n' + INPUT_USAGE + '\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS, ...INPUT_OPTIONS, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('deduction takes exactly one input file (or - for stdin)');
    const file = positionals[0]!;
    const policy = loadPolicyArg(values, 'manufacturer');
    const r: DeductionResult = checkedInput(readJsonInput(file, io, values), (input) => economicDeduction(policy, input));
    if (values.json) printJson(io, r); // the library's result as is: exact and monthlyCap, as the text shows them, and the trace
    else io.stdout(renderDeduction(r));
    return 0;
  },
};
