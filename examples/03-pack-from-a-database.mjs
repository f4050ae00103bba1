// 03 — A company pack stored in a database: load it from memory, customise a band, see every problem at once.
// Run: npm run build && node examples/03-pack-from-a-database.mjs
import { readFileSync, readdirSync } from 'node:fs';
import { safeLoadPolicy, formatIssue } from 'aftersales-policy';

// Pretend these rows came from a table (file name → JSON text).
const dir = new URL('../rules/ecommerce/', import.meta.url);
const rows = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));

// A policy owner lowers the manager's authority to 50,000.00 but forgets to move the next band.
const approval = JSON.parse(rows['approval.json']);
approval.bands[0].upTo = '50000.00';
const broken = safeLoadPolicy({ files: { ...rows, 'approval.json': JSON.stringify(approval) } });
console.log(broken.success ? 'loaded' : broken.error.issues.map(formatIssue).join('\n'));
// → approval.json $.bands[1].over: BAND_GAP gap between band "manager" (up to 50000.00) and band "deputy-general-manager" (over 100000.00): …

approval.bands[1].over = '50000.00';
const fixed = safeLoadPolicy({ files: { ...rows, 'approval.json': JSON.stringify(approval) } });
if (!fixed.success) throw fixed.error;
const complaint = JSON.parse(readFileSync(new URL('./complaints/01-rice-cooker-fault.json', import.meta.url), 'utf8'));
console.log(fixed.data.decide({ ...complaint, claimAmount: '60000.00' }, { now: complaint.receivedAt }).approval.approver);
// → deputy-general-manager
