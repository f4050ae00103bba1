import { z } from 'zod';
import { InputError, PolicyError, type PolicyIssue } from '../errors/errors.js';
import { fromZodIssues } from '../errors/zod.js';
import type { Policy } from '../pack/policy.js';
import { replay, type TransitionResult } from './machine.js';
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
 * Replays a script (see {@link ReplayScriptSchema}).
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @param script - the parsed script
 * @returns the final snapshot and every effect
 * @throws InputError for a malformed script; the errors of `replay` (paths into the script)
 * @example
 * ```ts
 * replayScript(policy, { complaint, events }).snapshot.state // → 'closed'
 * ```
 * @category Lifecycle
 */
export function replayScript(policy: Policy, script: unknown): TransitionResult {
  const r = ReplayScriptSchema.safeParse(script);
  if (!r.success) throw new InputError(fromZodIssues(r.error.issues, '<input>', 'INVALID_INPUT'));
  const { complaint, intake, events } = r.data;
  return replay(policy, complaint, events, intake ? { intake } : {});
}
