import { z } from 'zod';
import { headerShape, zClause } from '../pack/header.js';
import { zBandRange } from '../bands/bands.js';

/** Approvers (seed 003 art.3 §十一). @category Approval */
export const APPROVERS = ['manager', 'deputy-general-manager', 'general-manager'] as const;
/** An approver role. @category Approval */
export type Approver = (typeof APPROVERS)[number];

/**
 * An approval-authority file (`kind: ApprovalAuthority`): amount bands → approver.
 *
 * @category Approval
 */
export const ApprovalSchema = z
  .strictObject({
    ...headerShape('ApprovalAuthority'),
    amount: z.enum(['claimAmount']).default('claimAmount').meta({ description: 'Which amount selects the band.' }),
    clause: zClause,
    bands: z
      .array(z.strictObject({ ...zBandRange, approver: z.enum(APPROVERS).meta({ description: 'Who approves an amount in this band.' }) }))
      .min(1)
      .max(100)
      .meta({ description: 'Ascending, contiguous bands: each covers over < amount ≤ upTo.' }),
  })
  .meta({ id: 'ApprovalAuthority', title: 'aftersales-policy approval authority' });

/** An approval-authority file. @category Approval */
export type ApprovalFile = z.output<typeof ApprovalSchema>;
/** One approval band. @category Approval */
export type ApprovalBand = ApprovalFile['bands'][number];
