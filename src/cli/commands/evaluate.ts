import type { Decision } from '../../decision/types.js';
import { instantMs } from '../../time/instant.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { checkNowFlag, INPUT_OPTIONS, INPUT_USAGE, LIMIT_USAGE, loadPolicyArg, parseCommandArgs, POLICY_OPTIONS, printJson, readJsonInput, checkedInput } from '../shared.js';

/**
 * Renders a decision for people.
 *
 * @param d - the decision
 * @param traced - whether the decision was made with a trace (without one, no rule count is shown)
 * @returns multi-line text
 * @category CLI
 */
export function renderDecision(d: Decision, traced = true): string {
  const l = d.liability;
  const lines = [
    `Complaint ${d.complaintId} — ${l.upheld ? 'upheld' : 'not upheld'}`,
    ``,
    `Liability: ${l.party} is at fault; ${l.costBearer} bears the cost${l.recoverFrom ? ` (recover from ${l.recoverFrom})` : ''}.`,
    `  ${l.principle}`,
    `  rule ${l.ruleId} · ${l.clause}`,
  ];
  if (l.thirdPartyTesting) lines.push(`  Third-party testing required; the testing fee is borne by the party found liable.`);
  lines.push('', `Remedy options (${d.remedies.length}):`);
  d.remedies.forEach((r, i) =>
    lines.push(
      `  ${i + 1}. ${r.label} [${r.type}] — ${r.estimatedCost}, paid by ${r.costBearer}${r.returnShipping ? `, return shipping by ${r.returnShipping}` : ''}; resolve by ${r.resolveBy}`,
    ),
  );
  if (d.notOffered.length) {
    lines.push('', 'Not offered:');
    for (const n of d.notOffered) lines.push(`  - ${n.type}: ${n.reason} (${n.ruleId})`);
  }
  lines.push('', `Approval: ${d.approval.approver} (claim ${d.approval.amount}, band ${d.approval.bandId}: ${d.approval.range}) · ${d.approval.clause}`);
  for (const w of d.warnings) lines.push(`Warning: ${w}`);
  const fired = d.trace.filter((t) => t.fired).map((t) => `${t.stage}:${t.ruleId}`);
  lines.push('', traced ? `Rules evaluated: ${d.trace.length}; fired: ${fired.join(', ') || 'none'}` : 'Rules evaluated: not recorded (--no-trace)');
  lines.push(`Decision ${d.audit.decisionId} · pack ${d.audit.packId}@${d.audit.packVersion} · hash ${d.audit.policyHash.slice(0, 12)} · now ${d.audit.now}`);
  return lines.join('\n') + '\n';
}

/**
 * A `--now` before the complaint's `receivedAt` is a usage error naming the
 * flag (as `replay` and `deadlines` refuse one before the case's last event),
 * a typing mistake; `decide()` itself accepts one (a host's clocks may differ
 * by a little). An invalid `receivedAt` is left to `decide()`.
 *
 * @param flag - the `--now` value, already checked to be ISO 8601 with an offset
 * @param receivedAt - the complaint's `receivedAt`, when it is text
 * @throws UsageError when `--now` is before `receivedAt`
 */
function checkNowNotBefore(flag: string | undefined, receivedAt: string | undefined): void {
  if (flag === undefined || receivedAt === undefined) return;
  const received = instantMs(receivedAt);
  if (received !== undefined && instantMs(flag)! < received) throw new UsageError(`--now ${flag} is before the complaint's receivedAt (${receivedAt}): a decision is made at or after it`);
}

/** `aftersales evaluate [--policy p] [--json] [--now ISO] <complaint.json>`. @category CLI */
export const evaluateCommand: CliCommand = {
  name: 'evaluate',
  summary: 'decide liability, remedy options and approval for a complaint',
  usage:
    'aftersales evaluate [--policy <id|folder>] [--json] [--now <ISO 8601 with offset>] [--no-trace] <complaint.json | ->\n' +
    '  --now defaults to the complaint\'s receivedAt, so the output is reproducible; it may not be before receivedAt.' + '\n' + INPUT_USAGE + '\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      ...POLICY_OPTIONS, ...INPUT_OPTIONS,
      json: { type: 'boolean' },
      now: { type: 'string' },
      'no-trace': { type: 'boolean' },
    });
    if (!positionals.length) checkNowFlag(values.now, true);
    if (positionals.length !== 1) throw new UsageError('evaluate takes exactly one complaint file (or - for stdin)');
    const file = positionals[0]!;
    checkNowFlag(values.now);
    const policy = loadPolicyArg(values);
    const input = readJsonInput(file, io, values);
    const complaint = input.value;
    const receivedAt = complaint && typeof complaint === 'object' && typeof (complaint as { receivedAt?: unknown }).receivedAt === 'string' ? (complaint as { receivedAt: string }).receivedAt : undefined;
    const now = values.now ?? receivedAt;
    const decision: Decision = checkedInput(input, (c) => policy.decide(c, { now: now ?? '', trace: !values['no-trace'] }));
    // after the complaint's own checks (exit 1 with every problem of it), as replay and deadlines do
    checkNowNotBefore(values.now, receivedAt);
    if (values.json) printJson(io, decision);
    else io.stdout(renderDecision(decision, !values['no-trace']));
    return 0;
  },
};
