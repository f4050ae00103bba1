import { formatPath, InputError } from '../../errors/errors.js';
import { describeSanction } from '../../penalties/kind.js';
import { penaltyFor, type PenaltyResult } from '../../penalties/penalty.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { LIMIT_USAGE, loadPolicyArg, parseCommandArgs, POLICY_OPTIONS, printJson } from '../shared.js';

/**
 * Renders a penalty decision for people.
 *
 * @param p - the result of `penaltyFor`
 * @returns multi-line text
 * @example
 * ```ts
 * renderPenalty(penaltyFor(policy, { amount: '10000.01' }))
 * // → 'Liability amount 10000.01: band reprimand-1 (over 10000.00 up to 50000.00)\nSanction: reprimand ×1\n…'
 * ```
 * @category CLI
 */
export function renderPenalty(p: PenaltyResult): string {
  const s = p.supervisor;
  const lines = [
    `Liability amount ${p.amount}: band ${p.band} (${p.range})`,
    `Sanction: ${describeSanction({ ...p.sanction, orMore: p.orMore })}`,
    `Supervisor: ${s.jointPenalty ? `joint penalty, normally ${s.levelsLower === 1 ? 'one level' : `${s.levelsLower} levels`} lower: ${describeSanction(s.sanction)} (band ${s.band})` : 'no joint penalty'}`,
    `Fine (${p.fine.id}): ${p.fine.rule}${p.fine.amount !== null ? ` → ${p.fine.amount}${p.fine.atLeast ? ' at least' : ''}` : ''}`,
    `Clause: ${p.clause}`,
  ];
  return lines.join('\n') + '\n';
}

/** `aftersales penalty --amount <decimal> [--base-points n] [--monthly-bonus m] [--policy p] [--json]`. @category CLI */
export const penaltyCommand: CliCommand = {
  name: 'penalty',
  summary: "the administrative penalty band, sanction, supervisor penalty and fine for a person's liability amount",
  usage:
    'aftersales penalty --amount <decimal> [--base-points <n>] [--monthly-bonus <decimal>] [--policy <id|folder>] [--json]\n' +
    "  --amount is the person's liability amount, e.g. 100000.01. --base-points and --monthly-bonus make fines that depend on them computable.\n" +
    '  --policy defaults to manufacturer.' + '\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      amount: { type: 'string' },
      'base-points': { type: 'string' },
      'monthly-bonus': { type: 'string' },
      ...POLICY_OPTIONS,
      json: { type: 'boolean' },
    });
    if (positionals.length) throw new UsageError(`penalty takes no positional arguments (got ${positionals.join(' ')})`);
    if (values.amount === undefined) throw new UsageError('penalty needs --amount <decimal>');
    const policy = loadPolicyArg(values, 'manufacturer');
    let p: ReturnType<typeof penaltyFor>;
    try {
      p = penaltyFor(policy, {
        amount: values.amount,
        ...(values['base-points'] !== undefined ? { basePoints: values['base-points'] } : {}),
        ...(values['monthly-bonus'] !== undefined ? { monthlyBonus: values['monthly-bonus'] } : {}),
      });
    } catch (e) {
      // the input is the flags: a problem at $.amount is one of --amount
      if (!(e instanceof InputError)) throw e;
      const flags: Record<string, string> = { amount: '--amount', basePoints: '--base-points', monthlyBonus: '--monthly-bonus' };
      throw new UsageError(e.issues.map((i) => `${flags[String(i.path[0])] ?? formatPath(i.path)}: ${i.message}`).join('; '));
    }
    if (values.json) printJson(io, p); // the library's result as is: everything the text shows (orMore, range, clause, amount) and the trace
    else io.stdout(renderPenalty(p));
    return 0;
  },
};
