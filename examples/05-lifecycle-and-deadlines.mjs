// 05 — The complaint lifecycle: intake, pure transitions, first-contact ownership, SLA deadlines.
// Run: npm run build && node examples/05-lifecycle-and-deadlines.mjs
import { readFileSync } from 'node:fs';
import { loadPolicy, start, transition, deadlines } from 'aftersales-policy';

const policy = loadPolicy('ecommerce');
const complaint = JSON.parse(readFileSync(new URL('./complaints/01-rice-cooker-fault.json', import.meta.url), 'utf8'));
const agent = { id: 'li.na', role: 'agent' };

// Intake: the receiver owns the case until it is closed.
let { snapshot } = start(policy, complaint, { actor: agent, now: complaint.receivedAt });
console.log(`state ${snapshot.state}, owner ${snapshot.owner.id}, revision ${snapshot.revision}`);
// → state received, owner li.na, revision 0

for (const d of deadlines(policy, snapshot, { now: '2026-11-20T11:00:00+08:00' })) console.log(`${d.clock}: due ${d.due} (${d.state})`);
// → first-contact: due 2026-11-20T12:00:00+08:00 (running)
// → preliminary-solution: due 2026-11-22T10:00:00+08:00 (running)

// Transitions are pure: they return the next snapshot and the effects to perform, and perform none.
const step = (type, at, data, actor = agent) => {
  const r = transition(policy, snapshot, { type, at, actor, ...(data ? { data } : {}) });
  snapshot = r.snapshot;
  return r.effects;
};
step('start-verification', '2026-11-20T10:40:00+08:00');
step('hand-off', '2026-11-20T11:00:00+08:00', { to: { id: 'wang.wei', role: 'agent' } });
step('determine-liability', '2026-11-20T15:00:00+08:00');
step('propose', '2026-11-20T16:00:00+08:00', { options: [{ type: 'exchange', amount: '299.00' }, { type: 'refund', amount: '299.00' }] });
console.log(`state ${snapshot.state}, owner ${snapshot.owner.id}, handler ${snapshot.handler.id}, revision ${snapshot.revision}`);
// → state awaiting-customer, owner li.na, handler wang.wei, revision 4

// An illegal event is a typed error; the snapshot you hold is untouched.
try {
  step('close', '2026-11-20T16:30:00+08:00');
} catch (e) {
  console.log(`${e.code}: ${e.issues[0].message}`);
}
// → ILLEGAL_TRANSITION: event "close" is not allowed in state "awaiting-customer"
