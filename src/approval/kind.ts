import { pushAll } from '../errors/errors.js';
import { bandSlots, checkBands, checkBandSlots, compileBands, type CompiledBands } from '../bands/bands.js';
import type { KindDefinition } from '../pack/kind.js';
import { ApprovalSchema, type ApprovalBand, type ApprovalFile } from './schema.js';

/**
 * Compiled approval authority.
 *
 * @category Approval
 */
export interface CompiledApproval {
  readonly file: string;
  readonly doc: ApprovalFile;
  readonly bands: CompiledBands<ApprovalBand>;
}

/**
 * The `ApprovalAuthority` rule-file kind; its bands are checked for gaps,
 * overlaps and unreachable bands.
 *
 * @category Approval
 */
export const ApprovalKind: KindDefinition<ApprovalFile, CompiledApproval> = {
  kind: 'ApprovalAuthority',
  key: 'approval',
  schema: ApprovalSchema,
  schemaFile: 'approval.schema.json',
  compile(doc, ctx) {
    pushAll(ctx.issues, checkBands(doc.bands, ctx.file, ['bands']));
    return { file: ctx.file, doc, bands: compileBands(doc.bands) };
  },
  checkInvalid(raw, ctx) {
    // the band checks on the bands whose id and range are valid on their own (see checkBandSlots)
    const bands = raw !== null && typeof raw === 'object' ? (raw as { bands?: unknown }).bands : undefined;
    pushAll(ctx.issues, checkBandSlots(bandSlots(bands), ctx.file, ['bands']));
  },
};
