// 02 — The same library from CommonJS, with the explanation trace of one rule.
// Run: npm run build && node examples/02-commonjs.cjs
const { loadPolicy } = require('aftersales-policy');
const complaint = require('./complaints/02-sofa-damaged-in-transit.json');

const decision = loadPolicy('ecommerce').decide(complaint, { now: '2026-11-20T12:00:00+08:00' });
const fired = decision.trace.find((t) => t.stage === 'liability' && t.fired);
console.log(`${fired.ruleId} (${fired.clause}): ${decision.liability.principle}`);
for (const c of fired.conditions) console.log(`  ${c.fact} = ${JSON.stringify(c.factValue)} ${c.operator} ${JSON.stringify(c.value)} → ${c.result}`);
console.log(`recover from: ${decision.liability.recoverFrom}`);
// → damaged-in-transit (seed 002 §(二)3; compensate first: pack's choice (seed 003 art.2 §7.10.7(1) provides for it in emergencies)): Logistics liability (seed 002 §(二)3). This pack compensates the customer first …
// →   nature = "transport-damage" in ["transport-damage","package-damage"] → true
// → recover from: logistics
