import { formatIssue } from '../../errors/errors.js';
import type { LifecycleEffect } from '../../lifecycle/effects.js';
import { inScript, replayScript } from '../../lifecycle/script.js';
import type { LifecycleSnapshot } from '../../lifecycle/snapshot.js';
import { slaReport, type ClockStatus } from '../../sla/deadlines.js';
import { parseInstant, toInstant } from '../../time/instant.js';
import type { CliCommand, CliIO } from '../command.js';
import { UsageError } from '../command.js';
import { checkNowFlag, INPUT_OPTIONS, INPUT_USAGE, LIMIT_USAGE, loadPolicyArg, parseCommandArgs, POLICY_OPTIONS, printJson, readJsonInput, checkedInput } from '../shared.js';

/**
 * Renders a case for people: state, owner and handler, history, deadlines and effects.
 *
 * @param snapshot - the snapshot
 * @param deadlines - its clock statuses
 * @param effects - effects to list
 * @param now - the clock the deadlines were computed at
 * @returns multi-line text
 * @example
 * ```ts
 * renderCase(snapshot, deadlines, effects, now).split('\n')[0] // → 'Complaint C-2611-0001 — closed (resolved), revision 7'
 * ```
 * @category CLI
 */
export function renderCase(snapshot: LifecycleSnapshot, deadlines: readonly ClockStatus[], effects: readonly LifecycleEffect[], now: string): string {
  const s = snapshot;
  const who = (a: { id: string; role: string }) => `${a.id} (${a.role})`;
  const lines = [
    `Complaint ${s.complaintId}${s.number ? ` · no. ${s.number}` : ''}${s.linkedTo ? ` · linked to ${s.linkedTo}` : ''} — ${s.state}${s.outcome ? ` (${s.outcome})` : ''}, revision ${s.revision}`,
    `Owner ${who(s.owner)} · handler ${who(s.handler)} · priority ${s.priority}${s.dedicatedHandler ? ', dedicated handler' : ''}`,
    '',
    'History:',
    ...s.history.map((h) => `  ${String(h.revision).padStart(2)}  ${h.at}  ${h.type} by ${who(h.actor)}: ${h.from ?? '—'} → ${h.to}${h.transitions.length ? ` [${h.transitions.join(', ')}]` : ''}`),
    '',
    `Deadlines at ${now}:`,
    ...(deadlines.length ? deadlines.map((d) => `  ${clockLine(d)}`) : ['  none']),
    '',
    `Effects (${effects.length}):`,
    ...effects.map(
      (e) =>
        `  r${e.revision} ${e.type}${'to' in e ? ` → ${e.to}` : ''}${'template' in e ? ` "${e.template}"` : ''}${'clock' in e ? ` ${e.clock} (${'due' in e ? `due ${e.due}` : e.problem.code})` : ''}${'transition' in e ? ` · ${e.transition}` : ''}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * One clock as a line of text: state, due instant and time left, or — for a
 * clock whose calendar has no data — `unavailable`, what is known all the same
 * (`known: <state>` and the due instant when known, else `state unknown`), and
 * the issue's code and message.
 *
 * @param d - a clock status
 * @returns the line, without indentation
 * @example
 * ```ts
 * clockLine(deadlines(policy, snapshot, { now })[0])
 * // → 'first-contact          running  due 2026-11-20T12:00:00+08:00  time left PT1H'
 * // → 'investigation-report   unavailable (known: breached, due 2026-12-24T10:00:00+08:00) CALENDAR_NOT_AVAILABLE clock "investigation-report": no holiday data for 2027 …'
 * ```
 * @category CLI
 */
export function clockLine(d: ClockStatus): string {
  if (d.state === 'unavailable') {
    const known = d.knownState === null ? 'state unknown' : `known: ${d.knownState}${d.due === null ? '' : `, due ${d.due}`}`;
    return `${d.clock.padEnd(22)} unavailable (${known}) ${d.problem.code} ${d.problem.message}`;
  }
  return `${d.clock.padEnd(22)} ${d.state.padEnd(8)} due ${d.due}  time left ${d.timeLeft}`;
}

/**
 * Writes the problem of every `calendar-unavailable` effect to stderr, as a
 * thrown `CALENDAR_NOT_AVAILABLE` error would have been written, and gives the
 * exit code: 1 when there is one (a clock's coming due instant, or whether it
 * was breached, is unknown), else 0. An `unavailable` clock known to be met,
 * or known breached with its due instant (its reminder or inquiry given), does
 * not fail the command. Every clock has been printed by then.
 *
 * @param command - the command name, for the stderr header
 * @param effects - the effects of the case (those of other types are ignored)
 * @param io - the CLI streams
 * @returns the exit code, 0 or 1
 * @example
 * ```ts
 * reportUnavailable('deadlines', slaReport(policy, snapshot, now).effects, io) // → 0 when nothing awaits calendar data
 * ```
 * @category CLI
 */
export function reportUnavailable(command: string, effects: readonly LifecycleEffect[], io: Pick<CliIO, 'stderr'>): 0 | 1 {
  const problems = effects.flatMap((e) => (e.type === 'calendar-unavailable' ? [e.problem] : []));
  if (!problems.length) return 0;
  io.stderr(`aftersales ${command}: CALENDAR_NOT_AVAILABLE\n${problems.map((i) => `  ${formatIssue(i)}`).join('\n')}\n`);
  return 1;
}

/**
 * The instant of the last history entry, as written (the default `--now`).
 *
 * @param snapshot - a snapshot
 * @returns ISO 8601 text with offset
 * @example
 * ```ts
 * lastEventAt(start(policy, complaint, { actor }).snapshot) // → complaint.receivedAt
 * ```
 * @category CLI
 */
export function lastEventAt(snapshot: LifecycleSnapshot): string {
  return snapshot.history[snapshot.history.length - 1]!.at;
}

/**
 * The `now` of a case's deadlines: `--now` when given — a usage error naming
 * the flag when it is before the case's last event — else that event's time.
 *
 * @param flag - the `--now` value, already checked to be ISO 8601 with an offset
 * @param snapshot - the case
 * @returns the instant as text
 * @throws UsageError when `--now` is before the last event
 * @example
 * ```ts
 * nowOfCase(undefined, snapshot) === lastEventAt(snapshot) // → true
 * ```
 * @category CLI
 */
export function nowOfCase(flag: string | undefined, snapshot: LifecycleSnapshot): string {
  const last = lastEventAt(snapshot);
  if (flag === undefined) return last;
  if (parseInstant(flag)!.getTime() < parseInstant(last)!.getTime()) throw new UsageError(`--now ${flag} is before the case's last event (${last}): deadlines are read at or after it`);
  return flag;
}

/** `aftersales replay [--policy p] [--json] [--now ISO] <script.json>`. @category CLI */
export const replayCommand: CliCommand = {
  name: 'replay',
  summary: 'rebuild a complaint\'s lifecycle snapshot from its event log, with deadlines and effects',
  usage:
    'aftersales replay [--policy <id|folder>] [--json] [--now <ISO 8601 with offset>] <script.json | ->\n' +
    '  script: { "complaint": {…}, "intake"?: { "actor", "number", "linkedTo" }, "events": [ { "type", "at", "actor": { "id", "role" }, "data" } ] }\n' +
    '  --json prints { snapshot, deadlines, effects }; --now (default: the last event\'s time) is the clock for the deadlines.\n' +
    '  A malformed script exits 1 with every problem of it (complaint, intake, each event) on stderr, nothing replayed;\n' +
    '  an illegal or guard-failing event exits 1 with its code and index on stderr (the first one). A clock whose\n' +
    '  calendar lacks data is printed as unavailable with what is known (state, due); when its coming due or its breach\n' +
    '  is unknown (a calendar-unavailable effect), its CALENDAR_NOT_AVAILABLE is written to stderr, the output printed,\n' +
    '  and the exit code is 1.' + '\n' + INPUT_USAGE + '\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS, ...INPUT_OPTIONS, json: { type: 'boolean' }, now: { type: 'string' } });
    if (!positionals.length) checkNowFlag(values.now, true);
    if (positionals.length !== 1) throw new UsageError('replay takes exactly one script file (or - for stdin)');
    const file = positionals[0]!;
    checkNowFlag(values.now);
    const policy = loadPolicyArg(values);
    const script = readJsonInput(file, io, values);
    let out: { snapshot: LifecycleSnapshot; deadlines: ClockStatus[]; effects: LifecycleEffect[] };
    let nowText: string;
    const r: ReturnType<typeof replayScript> = checkedInput(script, (value) => replayScript(policy, value), (e) => inScript(e, file));
    nowText = nowOfCase(values.now, r.snapshot);
    try {
      const sla = slaReport(policy, r.snapshot, toInstant(nowText, ['--now']));
      out = { snapshot: r.snapshot, deadlines: sla.deadlines, effects: [...r.effects, ...sla.effects] };
    } catch (e) {
      throw inScript(e, file);
    }
    if (values.json) printJson(io, out);
    else io.stdout(renderCase(out.snapshot, out.deadlines, out.effects, nowText));
    return reportUnavailable('replay', out.effects, io);
  },
};
