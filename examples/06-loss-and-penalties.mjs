// 06 — Loss calculation, allocation and penalty bands with the manufacturer pack (exact money).
// Run: npm run build && node examples/06-loss-and-penalties.mjs
import { loadPolicy, calculateLoss, allocate, penaltyFor, economicDeduction } from 'aftersales-policy';

const policy = loadPolicy('manufacturer');

const loss = calculateLoss(policy, {
  items: [
    { type: 'claim', amount: '1000.00' },
    { type: 'return', quantity: 3, unitPrice: '99.99' },
    { type: 'rework', labour: '80.00', handling: '20.50' },
  ],
});
for (const line of loss.lines) console.log(`${line.type}: ${line.amount} — ${line.formula}`);
console.log(`total ${loss.total}`);
// → return: 59.99 — returned goods: quantity 3 × actual selling price 99.99 × 20% = 59.994 (59.99 rounded half-up)
// → total 1160.49

const shares = allocate({ amount: '100.00', shares: [{ id: 'team-a', ratio: 1 }, { id: 'team-b', ratio: 1 }, { id: 'team-c', ratio: 1 }] });
console.log(shares.allocations.map((a) => `${a.id} ${a.amount}`).join(', '));
// → team-a 33.34, team-b 33.33, team-c 33.33

for (const amount of ['10000.00', '10000.01']) {
  const p = penaltyFor(policy, { amount });
  console.log(`${amount}: ${p.band} → ${p.sanction.type} ×${p.sanction.count}`);
}
// → 10000.00: self-criticism → self-criticism ×1
// → 10000.01: reprimand-1 → reprimand ×1

const d = economicDeduction(policy, { unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: '4', monthlyBonus: '5000.00', startMonth: '2026-11' });
console.log(`deduct ${d.total}: ${d.schedule.map((m) => `${m.month} ${m.amount}`).join(', ')}`);
// → deduct 12000.00: 2026-11 2500.00, 2026-12 2500.00, 2027-01 2500.00, 2027-02 2500.00, 2027-03 2000.00
