import { z } from 'zod';
import { pushAll, InputError, PolicyError, type JsonPath, type PolicyIssue } from '../errors/errors.js';
import { fromZodIssues } from '../errors/zod.js';
import type { Policy } from '../pack/policy.js';
import { checkReplay, replay, type ReplayOptions, type TransitionResult } from './machine.js';
import { zActor } from './data.js';

/**
 * A replay script: a complaint, an optional intake (actor, number,
 * linkedTo) and the event log, as `aftersales replay` reads it.
 *
 * @category Lifecycle
 */
export const ReplayScriptSchema = z
  .strictObject({
    complaint: z.unknown(),
    intake: z
      .strictObject({ actor: zActor.optional(), number: z.string().optional(), linkedTo: z.string().optional() })
      .optional()
      .meta({ description: 'Intake; the actor defaults to the first event\'s actor.' }),
    events: z.array(z.unknown()).max(10_000),
  })
  .meta({ id: 'ReplayScript' });

/**
 * Re-tags the issues of an error raised while replaying a script so that
 * they point into the script: complaint issues get the `complaint` path
 * prefix (or `complaintPath`); every issue gets the script's file name.
 *
 * @param e - an error
 * @param file - the script's file name
 * @param complaintPath - where the complaint is in the file (`[]` for a bare complaint)
 * @returns the error to throw
 * @example
 * ```ts
 * inScript(error, 'case.json') // complaint issues now read `case.json $.complaint.claimAmount: …`
 * ```
 * @category Lifecycle
 */
export function inScript(e: unknown, file: string, complaintPath: ReadonlyArray<string | number> = ['complaint']): unknown {
  if (!(e instanceof PolicyError)) return e;
  const issues: PolicyIssue[] = e.issues.map((i) =>
    i.file === '<complaint>' ? { ...i, file, path: [...complaintPath, ...i.path] } : i.file.startsWith('<') && i.file !== '<calendar>' ? { ...i, file } : i,
  );
  return e instanceof InputError ? new InputError(issues) : new PolicyError(e.code, issues);
}

/**
 * Replays a script (see {@link ReplayScriptSchema}). Every problem of the
 * script that does not depend on the replay is reported at once, before
 * anything is replayed: its own shape (unknown keys, `events` not a list, the
 * intake's fields), the complaint's (`<complaint>` issues, path from the
 * complaint), and of every event its shape, type, `data` and time order (see
 * `replay`). An event the replay refuses (`ILLEGAL_TRANSITION`,
 * `GUARD_FAILED`) stops it: the first is reported.
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param script - the parsed script
 * @returns the final snapshot and every effect
 * @throws InputError for a malformed script, with every problem; the errors of `replay` (paths into the script)
 * @example
 * ```ts
 * replayScript(policy, { complaint, events }).snapshot.state // → 'closed'
 * ```
 * @category Lifecycle
 */
export function replayScript(policy: Policy, script: unknown): TransitionResult {
  const r = ReplayScriptSchema.safeParse(script);
  if (r.success) {
    const { complaint, intake, events } = r.data;
    return replay(policy, complaint, events, intake ? { intake } : {});
  }
  const issues = fromZodIssues(r.error.issues, '<input>', 'INVALID_INPUT');
  // What the script's schema did not refuse is checked too, as `replay` would, so that every problem is
  // reported at once; a part it refused (events not a list, a bad intake actor) is left out.
  if (policy.lifecycle && script !== null && typeof script === 'object' && !Array.isArray(script) && !issues.some((i) => i.path.length === 0)) {
    const o = script as { complaint?: unknown; intake?: unknown; events?: unknown };
    const related = (a: JsonPath, b: JsonPath) => a.every((k, n) => n >= b.length || b[n] === k) || b.every((k, n) => n >= a.length || a[n] === k);
    const refused = (path: JsonPath) => issues.some((i) => related(i.path, path));
    const intake = o.intake !== null && typeof o.intake === 'object' && !Array.isArray(o.intake) ? (o.intake as ReplayOptions['intake']) : undefined;
    pushAll(issues, checkReplay(policy.lifecycle, { complaint: o.complaint, events: o.events, intake }, refused).issues);
  }
  // in the script's order: the complaint, the intake, the events, then keys a script does not have
  const rank = (i: PolicyIssue) => (i.file === '<complaint>' || i.path[0] === 'complaint' ? 0 : i.path[0] === 'intake' ? 1 : i.path[0] === 'events' ? 2 : 3);
  throw new InputError(issues.map((i, n) => [i, n] as const).sort(([a, m], [b, n]) => rank(a) - rank(b) || m - n).map(([i]) => i));
}
