import { inScript, replayScript } from '../../lifecycle/script.js';
import { SNAPSHOT_FORMAT, type LifecycleSnapshot } from '../../lifecycle/snapshot.js';
import { readSnapshot, start } from '../../lifecycle/machine.js';
import type { Policy } from '../../pack/policy.js';
import { slaReport } from '../../sla/deadlines.js';
import { toInstant } from '../../time/instant.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { checkNowFlag, INPUT_OPTIONS, INPUT_USAGE, LIMIT_USAGE, loadPolicyArg, parseCommandArgs, POLICY_OPTIONS, printJson, readJsonInput, checkedInput } from '../shared.js';
import { clockLine, nowOfCase, reportUnavailable } from './replay.js';

/** Owner recorded when the CLI takes in a bare complaint: nobody yet (deadlines do not depend on it). */
const CLI_INTAKE = Object.freeze({ id: 'unassigned', role: 'unassigned' });

/**
 * Reads what `aftersales deadlines` was given: a stored snapshot, a replay
 * script, or a bare complaint (the snapshot right after intake).
 *
 * @param policy - the policy
 * @param input - parsed JSON
 * @returns the snapshot
 * @example
 * ```ts
 * caseFromInput(policy, complaint).revision // → 0 (just received)
 * ```
 * @category CLI
 */
export function caseFromInput(policy: Policy, input: unknown): LifecycleSnapshot {
  switch (inputKind(input)) {
    case 'snapshot':
      return readSnapshot(policy, input);
    case 'script':
      return replayScript(policy, input).snapshot;
    default:
      return start(policy, input, { actor: CLI_INTAKE }).snapshot;
  }
}

/**
 * What kind of input a parsed JSON file is: a stored snapshot (it has the
 * snapshot `format`), a replay script (`complaint` and `events`), a stored
 * snapshot of another format or without one (a `format` or `history` key, which
 * no complaint has: read as a snapshot, so it is refused with
 * `SNAPSHOT_MIGRATION_REQUIRED` at `format` rather than as a complaint missing
 * every field), or else a bare complaint.
 *
 * @param input - parsed JSON
 * @returns `snapshot`, `script` or `complaint`
 * @example
 * ```ts
 * inputKind({ complaint: {}, events: [] }) // → 'script'
 * ```
 * @category CLI
 */
export function inputKind(input: unknown): 'snapshot' | 'script' | 'complaint' {
  const o = input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
  if (o && o.format === SNAPSHOT_FORMAT) return 'snapshot';
  if (o && 'events' in o && 'complaint' in o) return 'script';
  if (o && ('format' in o || 'history' in o)) return 'snapshot';
  return 'complaint';
}

/** `aftersales deadlines [--policy p] [--json] [--now ISO] <complaint|snapshot|script>.json`. @category CLI */
export const deadlinesCommand: CliCommand = {
  name: 'deadlines',
  summary: 'SLA clocks of a complaint: due instant, time left and state, plus overdue reminders and inquiries',
  usage:
    'aftersales deadlines [--policy <id|folder>] [--json] [--now <ISO 8601 with offset>] <complaint.json | snapshot.json | script.json | ->\n' +
    '  A bare complaint is taken as just received; a snapshot as stored; a replay script is replayed first.\n' +
    '  --now defaults to the last event\'s time (a bare complaint: its receivedAt). --json prints { deadlines, effects }.\n' +
    '  A clock whose calendar lacks data is printed as unavailable with what is known (state, due); when its coming\n' +
    '  due or its breach is unknown (a calendar-unavailable effect), its CALENDAR_NOT_AVAILABLE is written to stderr,\n' +
    '  the other clocks are printed as usual and the exit code is 1.' + '\n' + INPUT_USAGE + '\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS, ...INPUT_OPTIONS, json: { type: 'boolean' }, now: { type: 'string' } });
    if (!positionals.length) checkNowFlag(values.now, true);
    if (positionals.length !== 1) throw new UsageError('deadlines takes exactly one complaint, snapshot or script file (or - for stdin)');
    const file = positionals[0]!;
    checkNowFlag(values.now);
    const policy = loadPolicyArg(values);
    const input = readJsonInput(file, io, values);
    let out;
    let nowText: string;
    const complaintPath = inputKind(input.value) === 'complaint' ? [] : ['complaint'];
    const snapshot: LifecycleSnapshot = checkedInput(input, (value) => caseFromInput(policy, value), (e) => inScript(e, file, complaintPath));
    nowText = nowOfCase(values.now, snapshot);
    try {
      out = slaReport(policy, snapshot, toInstant(nowText, ['--now']));
    } catch (e) {
      throw inScript(e, file, complaintPath);
    }
    if (values.json) printJson(io, out);
    else {
      const lines = [`Deadlines at ${nowText}:`];
      if (!out.deadlines.length) lines.push('  none');
      for (const d of out.deadlines) lines.push(`  ${clockLine(d)}  (${d.clause})`);
      for (const e of out.effects) {
        // an unavailable clock is on its own line above, its problem on stderr
        if (e.type === 'calendar-unavailable') continue;
        const by = e.overdueBy === null ? 'overdue by an unknown time (CALENDAR_NOT_AVAILABLE)' : `overdue by ${e.overdueBy}`;
        lines.push(`${e.type === 'reminder' ? 'Reminder (催办)' : 'Inquiry (洽办)'}: ${e.clock} was due ${e.due}, ${by}`);
      }
      io.stdout(`${lines.join('\n')}\n`);
    }
    // every clock has been printed; one whose coming due or breach awaits calendar data fails the command
    return reportUnavailable('deadlines', out.effects, io);
  },
};
