import { z } from 'zod';
import { zMoney } from '../money/money.js';
import { zInstant } from '../time/instant.js';
import { quoted } from '../errors/errors.js';
import { didYouMean } from '../errors/suggest.js';

/** Complaint types (POLICY-SPEC §2, seed 001 §一). @category Complaints */
export const COMPLAINT_TYPES = ['product-quality', 'promotion', 'service', 'logistics', 'price', 'refund'] as const;
/** Problem natures found by verification (seed 002 §(二)2, seed 003). @category Complaints */
export const NATURES = [
  'quality-defect',
  'functional-fault',
  'appearance-change',
  'size-mismatch',
  'package-damage',
  'transport-damage',
  'customer-misuse',
  'misunderstanding',
  'undetermined',
] as const;
/** Degree of customer fault. @category Complaints */
export const CUSTOMER_FAULTS = ['none', 'unintentional', 'intentional', 'unknown'] as const;
/** Severity tiers (seed 000 §2.2). @category Complaints */
export const SEVERITIES = ['ordinary', 'complex'] as const;
/** Vulnerable customers: elderly, pregnant or seriously ill (seed 000 §2.2, green channel). @category Complaints */
export const VULNERABILITIES = ['elderly', 'pregnant', 'seriously-ill'] as const;
/** Customer channel (seed 003 art.3 §十). @category Complaints */
export const CHANNELS = ['domestic', 'foreign'] as const;

/**
 * An enumeration of the complaint whose message says what is wrong: a missing value is `required`, another value
 * is quoted with the values allowed (zod's own, `Invalid option: expected one of …`, read the same for both).
 */
function zChoice<const T extends readonly [string, ...string[]]>(values: T) {
  const list = values.map((v) => JSON.stringify(v)).join(', ');
  return z.enum(values, {
    error: (iss) => (iss.input === undefined ? `required: one of ${list}` : `${quoted(iss.input)} is not allowed here: one of ${list}${typeof iss.input === 'string' && iss.input.length <= 40 ? didYouMean(iss.input, values) : ''}`),
  });
}

const zItem = z.strictObject({
  sku: z.string().min(1).max(100),
  quantity: z
    .number({ error: 'quantity must be a positive whole number' })
    .int({ error: 'quantity must be a positive whole number' })
    .positive({ error: 'quantity must be a positive whole number' })
    .max(1_000_000_000, { error: 'quantity must be at most 1000000000' }),
  unitPrice: zMoney,
});

/**
 * A complaint as a backend submits it. Money is a decimal string (a JSON
 * number is refused); instants carry their offset; unknown keys are refused
 * so typos surface.
 *
 * @category Complaints
 */
export const ComplaintSchema = z
  .strictObject({
    id: z.string().min(1).max(100).meta({ description: 'The host\'s complaint id.' }),
    receivedAt: zInstant.meta({ description: 'When the complaint was received (starts the SLA clocks).' }),
    channel: zChoice(CHANNELS),
    type: zChoice(COMPLAINT_TYPES),
    severity: zChoice(SEVERITIES),
    customer: z.strictObject({
      vulnerable: z.boolean().meta({ description: 'Elderly, pregnant or seriously ill: green channel (seed 000 §2.2).' }),
      vulnerability: zChoice(VULNERABILITIES).optional(),
    }),
    order: z.strictObject({
      soldOnline: z.boolean().meta({ description: 'Sold online (true) or at a physical counter (false).' }),
      deliveredAt: zInstant.nullable().meta({ description: 'Delivery instant, or null if not delivered.' }),
      items: z.array(zItem).min(1).max(1000),
    }),
    findings: z.strictObject({
      nature: zChoice(NATURES),
      customerFault: zChoice(CUSTOMER_FAULTS),
      resaleable: z.boolean().meta({ description: 'The goods can be resold as new (unwanted-purchase returns).' }),
      proofOfPurchase: z.boolean().meta({ description: 'Proof that the item was sold by us (seed 003 art.2 §7.10.6(1)).' }),
      supplierInvolved: z.boolean().optional().meta({ description: 'A supplier or another company shares the case (seed 003 art.3 §九.13).' }),
    }),
    claimAmount: zMoney.meta({ description: 'What the customer claims, in yuan.' }),
  })
  .meta({ id: 'Complaint', title: 'aftersales-policy complaint' });

/**
 * A validated complaint.
 *
 * @category Complaints
 */
export type Complaint = z.output<typeof ComplaintSchema>;
