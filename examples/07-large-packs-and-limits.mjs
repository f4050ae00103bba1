// 07 — A large company pack: 2,000 liability rules are past the default load limit; raise it knowingly.
// Run: npm run build && node examples/07-large-packs-and-limits.mjs
// The CLI takes the same limits as flags: aftersales validate --max-rules 2100 ./my-pack
import { readFileSync, readdirSync } from 'node:fs';
import { DEFAULT_MAX_RULES, formatIssue, loadPolicy, safeLoadPolicy } from 'aftersales-policy';

const dir = new URL('../rules/ecommerce/', import.meta.url);
const files = Object.fromEntries(readdirSync(dir).map((f) => [f, JSON.parse(readFileSync(new URL(f, dir), 'utf8'))]));

// One rule per product line: a functional fault claimed above that line's threshold goes to the
// manufacturer. Each starts with an `equal` on an enumerated fact (`nature`), so a decision
// without a trace only tries the rules of its complaint's nature (docs/evaluation.md).
const liability = files['liability.json'];
const manufacturer = liability.rules.find((r) => r.outcome.party === 'manufacturer').outcome;
for (let i = 0; i < 2000; i++) {
  liability.rules.push({
    id: `line-${String(i).padStart(4, '0')}`,
    description: `product line ${i}: a functional fault claimed above ${10_000 + i * 10}.00`,
    clause: 'company policy, product lines',
    priority: 200,
    conditions: {
      all: [
        { fact: 'nature', operator: 'equal', value: 'functional-fault' },
        { fact: 'claimAmount', operator: 'greaterThan', value: `${10_000 + i * 10}.00` },
      ],
    },
    outcome: manufacturer,
  });
}

// A pack is untrusted input: by default a rules file holds at most 1,000 rules.
const refused = safeLoadPolicy({ files });
console.log(refused.success ? 'loaded' : refused.error.issues.map(formatIssue).join('\n'));
// → liability.json $.rules: JSON_TOO_LARGE 2017 rules; the limit is 1000 (load option limits.maxRules)

// The host raises the limit it means to allow (every limit must be a positive integer).
const policy = loadPolicy({ files }, { limits: { maxRules: 2 * DEFAULT_MAX_RULES + 100 } });
const complaint = JSON.parse(readFileSync(new URL('./complaints/01-rice-cooker-fault.json', import.meta.url), 'utf8'));
const decision = policy.decide({ ...complaint, claimAmount: '10025.00' }, { now: complaint.receivedAt, trace: false });
console.log(decision.liability.ruleId, decision.liability.party);
// → line-0000 manufacturer

// A limit that would switch a check off is a programming error, not a pack problem.
try {
  loadPolicy('ecommerce', { limits: { maxBytes: Number.NaN } });
} catch (e) {
  console.log(`${e.name}: ${e.message}`);
}
// → RangeError: limits.maxBytes must be a positive integer, got NaN
