// 01 — Load the bundled default pack and decide a complaint (ESM).
// Run: npm run build && node examples/01-evaluate-a-complaint.mjs
import { readFileSync } from 'node:fs';
import { loadPolicy } from 'aftersales-policy';

const policy = loadPolicy('ecommerce');
const complaint = JSON.parse(readFileSync(new URL('./complaints/01-rice-cooker-fault.json', import.meta.url), 'utf8'));

// The clock is a parameter: decisions never read the system clock.
const decision = policy.decide(complaint, { now: '2026-11-20T10:00:00+08:00' });

console.log(`liability: ${decision.liability.party} at fault, ${decision.liability.costBearer} pays (${decision.liability.clause})`);
for (const option of decision.remedies) {
  console.log(`option: ${option.type} ${option.estimatedCost} paid by ${option.costBearer}, resolve by ${option.resolveBy}`);
}
console.log(`approver: ${decision.approval.approver}`);
console.log(`rules evaluated: ${decision.trace.length}, decision ${decision.audit.decisionId}`);
// → liability: manufacturer at fault, company pays (seed 003 art.1 §二.1)
// → option: exchange 299.00 paid by company, resolve by 2026-11-27T10:00:00+08:00
// → …
// → approver: manager
