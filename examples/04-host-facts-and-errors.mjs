// 04 — Host-provided facts (names in JSON, code from the host) and typed input errors.
// Run: npm run build && node examples/04-host-facts-and-errors.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { loadPolicy, InputError, formatIssue } from 'aftersales-policy';

const dir = new URL('../rules/ecommerce/', import.meta.url);
const files = Object.fromEntries(readdirSync(dir).map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8'))]));
// A rule that reads a fact the host computes from its CRM.
files['liability.json'].rules.unshift({
  id: 'key-account-goodwill',
  description: 'Key accounts are presumed right.',
  clause: 'company practice',
  priority: 500,
  conditions: { all: [{ fact: 'keyAccount', operator: 'equal', value: true }, { fact: 'customerFault', operator: 'notEqual', value: 'intentional' }] },
  outcome: { party: 'seller', costBearer: 'company', upheld: true, principle: 'Key account: the store takes it on.' },
});
const keyAccounts = new Set(['C-26110001']);
const policy = loadPolicy({ files }, {
  facts: { keyAccount: { type: 'boolean', description: 'customer is a key account (CRM)', compute: ({ complaint }) => keyAccounts.has(complaint.id) } },
});

const complaint = JSON.parse(readFileSync(new URL('./complaints/01-rice-cooker-fault.json', import.meta.url), 'utf8'));
console.log(policy.decide(complaint, { now: complaint.receivedAt }).liability.ruleId);
// → key-account-goodwill

try {
  policy.decide(JSON.parse(readFileSync(new URL('./complaints/04-invalid.json', import.meta.url), 'utf8')), { now: complaint.receivedAt });
} catch (e) {
  if (!(e instanceof InputError)) throw e;
  console.log(e.issues.map(formatIssue).join('\n'));
}
// → <complaint> $.order.items[0].quantity: INVALID_INPUT quantity must be a positive whole number
// → <complaint> $.claimAmount: INVALID_INPUT money must be a decimal string such as "299.00", not the JSON number 299
