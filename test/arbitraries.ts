import fc from 'fast-check';
import { CHANNELS, COMPLAINT_TYPES, CUSTOMER_FAULTS, NATURES, SEVERITIES, type Complaint } from '../src/index.js';

const money = fc
  .tuple(fc.integer({ min: 0, max: 2_000_000 }), fc.integer({ min: 0, max: 99 }))
  .map(([y, f]) => `${y}.${String(f).padStart(2, '0')}`);

/** Any valid complaint (fast-check arbitrary). */
export const arbComplaint: fc.Arbitrary<Complaint> = fc.record({
  id: fc.string({ minLength: 1, maxLength: 12 }),
  receivedAt: fc.constantFrom('2026-11-20T10:00:00+08:00', '2025-02-01T23:59:00Z', '2026-06-30T08:00:00-07:00'),
  channel: fc.constantFrom(...CHANNELS),
  type: fc.constantFrom(...COMPLAINT_TYPES),
  severity: fc.constantFrom(...SEVERITIES),
  customer: fc.record({ vulnerable: fc.boolean() }),
  order: fc.record({
    soldOnline: fc.boolean(),
    deliveredAt: fc.constantFrom(null, '2026-11-18T15:00:00+08:00', '2026-11-01T09:00:00+08:00'),
    items: fc.array(fc.record({ sku: fc.constantFrom('RC-100', 'TV-55'), quantity: fc.integer({ min: 1, max: 20 }), unitPrice: money }), { minLength: 1, maxLength: 3 }),
  }),
  findings: fc.record({
    nature: fc.constantFrom(...NATURES),
    customerFault: fc.constantFrom(...CUSTOMER_FAULTS),
    resaleable: fc.boolean(),
    proofOfPurchase: fc.boolean(),
    supplierInvolved: fc.boolean(),
  }),
  claimAmount: money,
});
