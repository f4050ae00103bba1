import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import type { Actor, LifecycleEvent } from '../../src/lifecycle/data.js';
import type { TransitionEffect } from '../../src/lifecycle/effects.js';
import { replay, safeTransition, start } from '../../src/lifecycle/machine.js';
import type { LifecycleSnapshot } from '../../src/lifecycle/snapshot.js';
import { deadlines } from '../../src/sla/deadlines.js';
import { AGENT, AGENT2, DEPUTY, GM, MANAGER, SUPERVISOR, ecommerce, lcComplaint } from './helpers.js';

const ACTORS: Actor[] = [AGENT, AGENT2, SUPERVISOR, MANAGER, DEPUTY, GM, { id: 'cust-1', role: 'customer' }];
const lc = ecommerce.lifecycle!;
const DETOURS = new Set(['hand-off', 'report-progress', 'reject-complaint', 'customer-reject', 'reopen', 'request-third-party-review']);

const stepArb = fc.record({
  pick: fc.nat(),
  minutes: fc.integer({ min: 0, max: 2 * 24 * 60 }),
  actor: fc.constantFrom(...ACTORS),
  cents: fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 20_000_000 })),
  cents2: fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 20_000_000 })),
  satisfaction: fc.integer({ min: 1, max: 5 }),
  badOption: fc.boolean(),
  result: fc.constantFrom('quality-problem', 'no-quality-problem', 'inconclusive'),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/** An event of the given type, with data built from the random step (it may still fail a guard). */
function eventOf(type: string, s: Step, snap: LifecycleSnapshot, at: string): LifecycleEvent {
  const base = { type, at, actor: s.actor };
  switch (type) {
    case 'propose':
      return { ...base, data: { options: [{ type: 'exchange', amount: money(s.cents) }, { type: 'refund', amount: money(s.cents2) }], resolveBy: '2026-12-31T18:00:00+08:00' } };
    case 'customer-accept':
      return { ...base, data: { option: s.badOption ? 'repair' : (snap.proposal?.options[s.pick % 2]?.id ?? 'exchange') } };
    case 'record-follow-up':
      return { ...base, data: { satisfaction: s.satisfaction } };
    case 'hand-off':
      return { ...base, data: { to: ACTORS[s.pick % ACTORS.length]! } };
    case 'review-result':
      return { ...base, data: { result: s.result } };
    default:
      return base;
  }
}

describe('replay equals applying the events step by step', () => {
  test('for any legal event sequence (random walks over the ecommerce lifecycle)', () => {
    const taken = new Set<string>();
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 60 }),
        fc.constantFrom('ordinary', 'complex'),
        fc.boolean(),
        (steps, severity, vulnerable) => {
          const complaint = lcComplaint({ severity, customer: { vulnerable } });
          const first = start(ecommerce, complaint, { actor: AGENT });
          let snap = first.snapshot;
          const effects: TransitionEffect[] = [...first.effects];
          const legal: LifecycleEvent[] = [];
          let t = Date.parse(complaint.receivedAt);
          for (const s of steps) {
            // Forward events weigh four times as much as detours, so walks reach the end of the machine.
            const allowed = lc.allowedEvents(snap.state).flatMap((e) => (DETOURS.has(e) ? [e] : [e, e, e, e]));
            t += s.minutes * 60_000;
            const at = new Date(t).toISOString(); // UTC instants: the zone of the input does not matter
            const event = eventOf(allowed[s.pick % allowed.length]!, s, snap, at);
            const r = safeTransition(ecommerce, snap, event);
            if (!r.success) {
              expect(['GUARD_FAILED']).toContain(r.error.code);
              continue;
            }
            // stored and restored at every step: the JSON form is the snapshot
            snap = JSON.parse(JSON.stringify(r.data.snapshot));
            effects.push(...r.data.effects);
            legal.push(event);
            expect(snap.owner).toEqual(AGENT);
            expect(snap.state).not.toBe('proposed');
          }
          const replayed = replay(ecommerce, complaint, legal, { intake: { actor: AGENT } });
          for (const h of snap.history) for (const id of h.transitions) taken.add(id);
          expect(replayed.snapshot).toEqual(snap);
          expect(replayed.effects).toEqual(effects);
          expect(snap.revision).toBe(legal.length);
          expect(snap.history.map((h) => h.type)).toEqual(['intake', ...legal.map((e) => e.type)]);
          if (snap.state === 'closed') expect(['resolved', 'not-upheld']).toContain(snap.outcome);
          else expect(snap.outcome).toBeNull();
          // deadlines are a function of the history: same for the live and the replayed snapshot
          const now = { now: new Date(t + 3_600_000) };
          expect(deadlines(ecommerce, replayed.snapshot, now)).toEqual(deadlines(ecommerce, snap, now));
        },
      ),
      { numRuns: 300, seed: 20261120 },
    );
    // the walks cover the whole machine
    expect([...taken].sort()).toEqual(lc.transitions.map((t) => t.id).sort());
  });
});
