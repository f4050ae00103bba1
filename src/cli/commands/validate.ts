import { formatIssue } from '../../errors/errors.js';
import { safeLoadPolicy } from '../../pack/loader.js';
import { approvalSteps, type ApprovalStep } from '../../lifecycle/approval-uses.js';
import type { Policy, PolicyParts } from '../../pack/policy.js';
import type { CliCommand } from '../command.js';
import { LIMIT_OPTIONS, LIMIT_USAGE, limitHint, limitsArg, packSource, parseCommandArgs, printJson } from '../shared.js';
import { UsageError } from '../command.js';
import { schemaReferenceNotes } from '../schema-refs.js';
import { unlistedFileNotes } from '../unlisted.js';

/**
 * Each rule-file kind a pack may leave out, and what then refuses the pack
 * with `KIND_MISSING`: a pack may hold only some kinds, and is valid so.
 */
const NEEDED_BY: ReadonlyArray<{ readonly kind: string; readonly key: keyof PolicyParts; readonly apis: readonly string[]; readonly commands: readonly string[] }> = [
  { kind: 'Liability', key: 'liability', apis: ['decide()'], commands: ['evaluate'] },
  { kind: 'Remedies', key: 'remedies', apis: ['decide()'], commands: ['evaluate'] },
  { kind: 'ApprovalAuthority', key: 'approval', apis: ['decide()'], commands: ['evaluate'] },
  { kind: 'Lifecycle', key: 'lifecycle', apis: ['start()', 'transition()', 'replay()', 'deadlines()', 'slaReport()', 'lifecycleDiagram()'], commands: ['replay', 'deadlines', 'diagram'] },
  { kind: 'LossModel', key: 'lossModel', apis: ['calculateLoss()', 'resaleLoss()', 'reconcileReturn()'], commands: ['loss'] },
  { kind: 'PenaltyBands', key: 'penalties', apis: ['penaltyFor()'], commands: ['penalty'] },
  { kind: 'EconomicPenalty', key: 'deductions', apis: ['economicDeduction()', 'attributeLiability()'], commands: ['deduction'] },
];

/** A step as the note names it: `transition "approve" (guard within-authority)`. */
function stepText(s: ApprovalStep): string {
  return `${s.step === 'transition' ? `transition "${s.id}"` : s.step === 'intake' ? 'intake' : 'the green channel'} (${s.uses.join(', ')})`;
}

/** What a valid pack cannot do for want of a kind, one entry per missing kind. */
function missingKinds(policy: Policy) {
  return NEEDED_BY.filter((k) => policy[k.key] === undefined).map((k) => {
    const base = `no ${k.kind} file — ${k.apis.join(', ')} and aftersales ${k.commands.join(', ')} will refuse this pack`;
    const steps = k.key === 'approval' && policy.lifecycle ? approvalSteps(policy.lifecycle) : [];
    return {
      code: 'KIND_MISSING' as const,
      kind: k.kind,
      apis: k.apis,
      commands: k.commands,
      message: steps.length
        ? `${base}; lifecycle "${policy.lifecycle!.id}" refuses a case (KIND_MISSING) at the steps that use approval authority: ${steps.map(stepText).join(', ')}`
        : base,
      ...(steps.length ? { lifecycleSteps: steps } : {}),
    };
  });
}

/** `aftersales validate <pack>`. @category CLI */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a rule pack and list every problem with its file and JSON path',
  usage: 'aftersales validate [--json] <pack-id | pack-folder>\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, ...LIMIT_OPTIONS });
    if (positionals.length !== 1) throw new UsageError('validate takes exactly one pack id or folder');
    const arg = positionals[0]!;
    const limits = limitsArg(values);
    const source = packSource(arg);
    const r = safeLoadPolicy(arg, { limits });
    // A folder's files are the user's own: note a `$schema` an editor cannot follow (the bundled packs' are tested).
    const notes = r.success ? [...missingKinds(r.data), ...(source.type === 'folder' ? [...unlistedFileNotes(r.data, source.path), ...schemaReferenceNotes(r.data, source.path)] : [])] : [];
    if (values.json) {
      // Both reports have `valid` and `issues` (empty when valid), so `report.issues.length` is always safe.
      printJson(io, r.success ? { valid: true, pack: r.data.id, version: r.data.version, hash: r.data.hash, source, issues: [], notes } : { valid: false, issues: r.error.issues });
      return r.success ? 0 : 1;
    }
    if (r.success) {
      const from = source.type === 'bundled' ? 'bundled pack' : `folder ${source.path}`;
      io.stdout(`✓ ${r.data.id} ${r.data.version} is valid (${from}; ${r.data.documents.length} rule files, hash ${r.data.hash.slice(0, 12)})\n${notes.map((n) => `  note: ${n.message}\n`).join('')}`);
      return 0;
    }
    io.stderr(`✗ ${arg} has ${r.error.issues.length} problem(s):\n${r.error.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n${limitHint(r.error.issues)}`);
    return 1;
  },
};
