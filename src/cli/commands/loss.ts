import { calculateLoss, type LossResult } from '../../loss/calculate.js';
import { dec } from '../../money/money.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { INPUT_OPTIONS, INPUT_USAGE, LIMIT_USAGE, loadPolicyArg, parseCommandArgs, POLICY_OPTIONS, printJson, readJsonInput, checkedInput } from '../shared.js';

/**
 * Renders a loss calculation for people.
 *
 * @param r - the result of `calculateLoss`
 * @param packLabel - e.g. `manufacturer 1.0.0 (rounding half-up)`
 * @returns multi-line text
 * @example
 * ```ts
 * renderLoss(calculateLoss(policy, input), 'manufacturer 1.0.0 (rounding half-up)')
 * // → 'Loss — manufacturer 1.0.0 (rounding half-up)\n\n  claim  1200.00  compensation actually paid: 1200.00\n…'
 * ```
 * @category CLI
 */
export function renderLoss(r: LossResult, packLabel: string): string {
  const tw = Math.max(5, ...r.lines.map((l) => l.type.length));
  const aw = Math.max(r.total.length, ...r.lines.map((l) => l.amount.length));
  const out = [`Loss — ${packLabel}`, ''];
  for (const l of r.lines) {
    out.push(`  ${l.type.padEnd(tw)}  ${l.amount.padStart(aw)}  ${l.formula}`);
    if (l.reconciliation) out.push(`  ${''.padEnd(tw)}  ${''.padStart(aw)}  reconciliation: ${l.reconciliation.detail}`);
  }
  out.push(`  ${''.padEnd(tw, '─')}  ${''.padStart(aw, '─')}`);
  const exactNote = dec(r.exactTotal).eq(dec(r.total)) ? '' : `  (exact ${r.exactTotal}, rounded once)`;
  out.push(`  ${'total'.padEnd(tw)}  ${r.total.padStart(aw)}${exactNote}`);
  if (r.resale) out.push('', `Loss to allocate after the resale window: ${r.resale.loss} (${r.resale.formula}) · ${r.resale.clause}`);
  return out.join('\n') + '\n';
}

/** `aftersales loss [--policy p] [--json] <loss.json>`. @category CLI */
export const lossCommand: CliCommand = {
  name: 'loss',
  summary: 'calculate the loss of a complaint, itemised by loss type (claim, allowance, return, resend, rework)',
  usage:
    'aftersales loss [--policy <id|folder>] [--json] <loss.json | ->\n' +
    '  Input: { "items": [ { "type": "claim", "amount": "1200.00" }, { "type": "return", "quantity": 120, "unitPrice": "35.50" }, … ],\n' +
    '           "resale"?: { "decidedOn": "YYYY-MM-DD", "aGradeValue": "…", "resold"?: { "on": "YYYY-MM-DD", "amount": "…" } } }\n' +
    '  Money is a decimal string. --policy defaults to manufacturer.' + '\n' + INPUT_USAGE + '\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS, ...INPUT_OPTIONS, json: { type: 'boolean' } });
    if (positionals.length !== 1) throw new UsageError('loss takes exactly one input file (or - for stdin)');
    const file = positionals[0]!;
    const policy = loadPolicyArg(values, 'manufacturer');
    const r: LossResult = checkedInput(readJsonInput(file, io, values), (input) => calculateLoss(policy, input));
    for (const w of r.warnings) io.stderr(`Warning: ${w}\n`);
    if (values.json) printJson(io, r); // the library's result as is: exactTotal (and each line's exact) explains a total the rounded lines do not add up to
    else io.stdout(renderLoss(r, `${policy.id} ${policy.version} (rounding ${policy.settings.rounding})`));
    return 0;
  },
};
