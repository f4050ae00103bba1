import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors/errors.js';
import { TransitionError, replay, safeTransition, start, transition } from '../../src/lifecycle/machine.js';
import type { TransitionEffect } from '../../src/lifecycle/effects.js';
import { deadlines } from '../../src/sla/deadlines.js';
import { AGENT, AGENT2, DEPUTY, GM, MANAGER, PATHS, SUPERVISOR, at, caseIn, ecommerce, ev, lcComplaint, proposal, thrown } from './helpers.js';

const lc = ecommerce.lifecycle!;

const effectSummary = (effects: readonly TransitionEffect[]) =>
  effects.map((e) => [e.type, e.transition, ...('to' in e ? [e.to] : []), ...('template' in e ? [e.template] : [])].join(' '));

describe('ecommerce lifecycle: the acceptance contract', () => {
  test('states, events and closed outcomes', () => {
    expect([...lc.states.keys()]).toEqual([
      'received',
      'verifying',
      'third-party-review',
      'liability-determined',
      'proposed',
      'pending-approval',
      'awaiting-customer',
      'executing',
      'follow-up',
      'closed',
    ]);
    expect([...lc.events.keys()]).toEqual([
      'start-verification',
      'request-third-party-review',
      'review-result',
      'determine-liability',
      'propose',
      'approve',
      'customer-accept',
      'customer-reject',
      'complete-execution',
      'record-follow-up',
      'close',
      'reject-complaint',
      'hand-off',
      'report-progress',
      'reopen',
      'decline-approval',
    ]);
    expect(lc.states.get('closed')).toMatchObject({ terminal: true, outcomes: ['resolved', 'not-upheld'] });
    expect(lc.clocks.map((c) => [c.id, c.duration])).toEqual([
      ['first-contact', { hours: 2 }],
      ['progress-feedback', { hours: 24 }],
      ['preliminary-solution', { hours: 48 }],
    ]);
  });
});

describe('intake', () => {
  test('the first-contact actor becomes owner and handler; revision 0; the customer is notified', () => {
    const { snapshot: s, effects } = start(ecommerce, lcComplaint(), { actor: AGENT, now: '2026-11-20T10:05:00+08:00' });
    expect(s).toMatchObject({ state: 'received', outcome: null, owner: AGENT, handler: AGENT, revision: 0, priority: 'normal', dedicatedHandler: false, complaintId: 'C-2611-0001' });
    expect(s.history).toEqual([{ revision: 0, type: 'intake', at: '2026-11-20T10:00:00+08:00', actor: AGENT, from: null, to: 'received', entered: ['received'], transitions: [] }]);
    expect(s.lifecycle).toEqual({ id: 'ecommerce-lifecycle', version: '1.3.0' });
    expect(s.packId).toBe('ecommerce');
    expect(s.policyHash).toBe(ecommerce.hash);
    expect(effects).toEqual([{ type: 'notify', to: 'customer', template: 'complaint-received', recipient: null, complaintId: 'C-2611-0001', revision: 0, at: '2026-11-20T10:00:00+08:00', transition: 'intake' }]);
    expect(Object.isFrozen(s)).toBe(true);
  });

  test('green channel: a vulnerable customer gets priority and a dedicated handler', () => {
    const { snapshot: s, effects } = start(ecommerce, lcComplaint({ customer: { vulnerable: true, vulnerability: 'pregnant' } }), { actor: AGENT });
    expect(s.priority).toBe('high');
    expect(s.dedicatedHandler).toBe(true);
    expect(effects.map((e) => e.type)).toEqual(['notify', 'assign-dedicated-handler']);
    expect(effects[1]).toMatchObject({ type: 'assign-dedicated-handler', vulnerability: 'pregnant', transition: 'green-channel', revision: 0 });
  });

  test('the number is checked against the pack pattern; linkedTo is kept', () => {
    const s = start(ecommerce, lcComplaint(), { actor: AGENT, number: '26110042', linkedTo: 'C-2610-0007' }).snapshot;
    expect([s.number, s.linkedTo]).toEqual(['26110042', 'C-2610-0007']);
    const e = thrown(() => start(ecommerce, lcComplaint(), { actor: AGENT, number: '2611-42' }));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues[0]!.path).toEqual(['number']);
  });

  test('a complaint cannot be linked to itself: linkedTo names the original, another complaint (seed 003 art.3 §九.9)', () => {
    const message = 'linkedTo "C-2611-0001" is this complaint\'s own id: a linked complaint is a new complaint attached to the original (seed 003 art.3 §九.9)';
    const e = thrown(() => start(ecommerce, lcComplaint(), { actor: AGENT, linkedTo: 'C-2611-0001' }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path: ['linkedTo'], message }]);
    const r = thrown(() => replay(ecommerce, lcComplaint(), [ev('start-verification', '10:30')], { intake: { linkedTo: 'C-2611-0001' } }));
    expect(r).toBeInstanceOf(InputError);
    expect(r.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path: ['intake', 'linkedTo'], message }]);
    // another complaint's id is kept
    expect(start(ecommerce, lcComplaint({ id: 'C-2611-0002' }), { actor: AGENT, linkedTo: 'C-2611-0001' }).snapshot.linkedTo).toBe('C-2611-0001');
  });

  test('bad intake input: actor, complaint, a complaint received after now', () => {
    expect(thrown(() => start(ecommerce, lcComplaint(), { actor: { id: '', role: 'Agent' } as never })).issues.map((i) => i.path)).toEqual([
      ['actor', 'id'],
      ['actor', 'role'],
    ]);
    expect(thrown(() => start(ecommerce, { ...lcComplaint(), claimAmount: 299 }, { actor: AGENT })).issues[0]).toMatchObject({ code: 'INVALID_INPUT', path: ['claimAmount'] });
    expect(thrown(() => start(ecommerce, lcComplaint(), { actor: AGENT, now: '2026-11-20T09:59:59+08:00' })).issues[0]).toMatchObject({ path: ['receivedAt'] });
  });
});

interface Fixture {
  from: string;
  event: ReturnType<typeof ev>;
  to: string;
  outcome?: string;
  transitions: string[];
  entered: string[];
  effects: string[];
}

const LATE = '2026-11-25T09:00:00+08:00';

// One fixture for every transition of the ecommerce lifecycle (automatic ones through `propose`).
const LEGAL: Record<string, Fixture> = {
  'start-verification': { from: 'received', event: ev('start-verification', '10:30'), to: 'verifying', transitions: ['start-verification'], entered: ['verifying'], effects: [] },
  'request-third-party-review': {
    from: 'verifying',
    event: ev('request-third-party-review', '11:30'),
    to: 'third-party-review',
    transitions: ['request-third-party-review'],
    entered: ['third-party-review'],
    effects: ['notify request-third-party-review customer third-party-review-requested'],
  },
  'review-result': { from: 'third-party-review', event: ev('review-result', '15:00', { result: 'quality-problem', report: 'lab 2026-881' }), to: 'verifying', transitions: ['review-result'], entered: ['verifying'], effects: [] },
  'determine-liability': { from: 'verifying', event: ev('determine-liability', '11:30', { party: 'manufacturer', upheld: true }), to: 'liability-determined', transitions: ['determine-liability'], entered: ['liability-determined'], effects: [] },
  'propose + offer-within-authority': {
    from: 'liability-determined',
    event: ev('propose', '12:00', proposal('1000.00')),
    to: 'awaiting-customer',
    transitions: ['propose', 'offer-within-authority'],
    entered: ['proposed', 'awaiting-customer'],
    effects: ['notify offer-within-authority customer proposal-offered'],
  },
  'propose + request-approval': {
    from: 'liability-determined',
    event: ev('propose', '12:00', proposal('1000.01')),
    to: 'pending-approval',
    transitions: ['propose', 'request-approval'],
    entered: ['proposed', 'pending-approval'],
    effects: ['request-approval request-approval'],
  },
  approve: { from: 'pending-approval', event: ev('approve', '14:00', {}, SUPERVISOR), to: 'awaiting-customer', transitions: ['approve'], entered: ['awaiting-customer'], effects: ['notify approve customer proposal-offered'] },
  'customer-accept': { from: 'awaiting-customer', event: ev('customer-accept', '14:00', { option: 'refund' }), to: 'executing', transitions: ['customer-accept'], entered: ['executing'], effects: ['notify customer-accept handler execute-remedy'] },
  renegotiate: { from: 'awaiting-customer', event: ev('customer-reject', '14:00', { reason: 'wants a bigger discount' }), to: 'liability-determined', transitions: ['renegotiate'], entered: ['liability-determined'], effects: [] },
  'complete-execution': { from: 'executing', event: ev('complete-execution', LATE), to: 'follow-up', transitions: ['complete-execution'], entered: ['follow-up'], effects: [] },
  'record-follow-up': { from: 'follow-up', event: ev('record-follow-up', LATE, { satisfaction: 4 }), to: 'follow-up', transitions: ['record-follow-up'], entered: [], effects: [] },
  'reject-final-outcome': {
    from: 'follow-up',
    event: ev('customer-reject', LATE),
    to: 'closed',
    outcome: 'resolved',
    transitions: ['reject-final-outcome'],
    entered: ['closed'],
    effects: ['archive reject-final-outcome', 'open-linked-complaint reject-final-outcome'],
  },
  'reject-complaint from verifying': {
    from: 'verifying',
    event: ev('reject-complaint', '15:00', { reason: 'no proof of purchase' }),
    to: 'closed',
    outcome: 'not-upheld',
    transitions: ['reject-complaint'],
    entered: ['closed'],
    effects: ['notify reject-complaint customer complaint-not-upheld', 'collect-receivables reject-complaint', 'archive reject-complaint'],
  },
  'reject-complaint from third-party-review': {
    from: 'third-party-review',
    event: ev('reject-complaint', '15:00'),
    to: 'closed',
    outcome: 'not-upheld',
    transitions: ['reject-complaint'],
    entered: ['closed'],
    effects: ['notify reject-complaint customer complaint-not-upheld', 'collect-receivables reject-complaint', 'archive reject-complaint'],
  },
  'reject-complaint from liability-determined': {
    from: 'liability-determined',
    event: ev('reject-complaint', '15:00'),
    to: 'closed',
    outcome: 'not-upheld',
    transitions: ['reject-complaint'],
    entered: ['closed'],
    effects: ['notify reject-complaint customer complaint-not-upheld', 'collect-receivables reject-complaint', 'archive reject-complaint'],
  },
  reopen: { from: 'closed', event: ev('reopen', LATE), to: 'closed', outcome: 'resolved', transitions: ['reopen'], entered: [], effects: ['open-linked-complaint reopen'] },
};

describe('every legal transition', () => {
  test.each(Object.entries(LEGAL))('%s', (_name, f) => {
    const before = caseIn(f.from).snapshot;
    const { snapshot: s, effects } = transition(ecommerce, before, f.event);
    expect(s.state).toBe(f.to);
    expect(s.outcome).toBe(f.outcome ?? null);
    expect(s.revision).toBe(before.revision + 1);
    expect(s.owner).toEqual(AGENT);
    expect(s.history.at(-1)).toMatchObject({ revision: s.revision, type: f.event.type, at: f.event.at, from: f.from, to: f.to, entered: f.entered, transitions: f.transitions });
    expect(effectSummary(effects)).toEqual(f.effects);
    for (const e of effects) expect(e).toMatchObject({ complaintId: 'C-2611-0001', revision: s.revision, at: f.event.at });
    expect(before.revision).toBe(s.revision - 1); // the input snapshot is untouched
  });

  test('close (after the follow-up is recorded) archives as resolved', () => {
    const r = replay(ecommerce, lcComplaint(), PATHS.closed!, { intake: { actor: AGENT } });
    expect(r.snapshot).toMatchObject({ state: 'closed', outcome: 'resolved', revision: 7, satisfaction: 5 });
    expect(r.snapshot.history.at(-1)).toMatchObject({ type: 'close', from: 'follow-up', to: 'closed', transitions: ['close'] });
    expect(r.effects.at(-1)).toMatchObject({ type: 'archive', outcome: 'resolved', transition: 'close', revision: 7 });
  });

  test.each(['received', 'verifying', 'third-party-review', 'liability-determined', 'pending-approval', 'awaiting-customer', 'executing', 'follow-up'])(
    'hand-off in %s: the handler moves, the owner stays',
    (state) => {
      const before = caseIn(state).snapshot;
      const { snapshot: s, effects } = transition(ecommerce, before, ev('hand-off', LATE, { to: AGENT2, reason: 'shift change' }));
      expect([s.state, s.owner, s.handler, s.revision]).toEqual([state, AGENT, AGENT2, before.revision + 1]);
      expect(s.history.at(-1)).toMatchObject({ entered: [], transitions: ['hand-off'] });
      expect(effects).toEqual([
        { type: 'notify', to: 'handler', template: 'case-handed-off', recipient: AGENT2, complaintId: 'C-2611-0001', revision: s.revision, at: LATE, transition: 'hand-off' },
        { type: 'notify', to: 'owner', template: 'case-handed-off', recipient: AGENT, complaintId: 'C-2611-0001', revision: s.revision, at: LATE, transition: 'hand-off' },
      ]);
    },
  );

  test('the snapshot records the event data', () => {
    const s = transition(ecommerce, caseIn('liability-determined').snapshot, ev('propose', '12:00', { options: [{ id: 'a', type: 'repair', amount: '80.00', resolveBy: '2026-11-22T18:00:00+08:00' }, { type: 'goodwill', amount: '20', label: 'gift' }], resolveBy: '2026-11-23T18:00:00+08:00' })).snapshot;
    expect(s.proposal).toEqual({
      options: [
        { id: 'a', type: 'repair', amount: '80.00', resolveBy: '2026-11-22T18:00:00+08:00' },
        { id: 'goodwill', type: 'goodwill', amount: '20', label: 'gift' },
      ],
      amount: '80.00',
      resolveBy: '2026-11-23T18:00:00+08:00',
      by: AGENT,
      at: '2026-11-20T12:00:00+08:00',
      revision: 3,
    });
    const accepted = transition(ecommerce, s, ev('customer-accept', '13:00', { option: 'a' }, { id: 'customer-9', role: 'customer' })).snapshot;
    expect(accepted.accepted).toEqual({ option: 'a', by: { id: 'customer-9', role: 'customer' }, at: '2026-11-20T13:00:00+08:00' });
    expect(caseIn('liability-determined').snapshot.liability).toEqual({ party: 'manufacturer', upheld: true, at: '2026-11-20T11:00:00+08:00' });
    const reviewed = transition(ecommerce, caseIn('third-party-review').snapshot, ev('review-result', '15:00', { result: 'no-quality-problem' })).snapshot;
    expect(reviewed.review).toEqual({ result: 'no-quality-problem', at: '2026-11-20T15:00:00+08:00' });
  });

  test('a renegotiated proposal replaces the previous one and clears the approval', () => {
    let s = caseIn('pending-approval').snapshot;
    s = transition(ecommerce, s, ev('approve', '13:00', {}, SUPERVISOR)).snapshot;
    expect(s.approval).toEqual({ by: SUPERVISOR, at: '2026-11-20T13:00:00+08:00' });
    s = transition(ecommerce, s, ev('customer-reject', '14:00')).snapshot;
    s = transition(ecommerce, s, ev('propose', '15:00', proposal('500.00'))).snapshot;
    expect([s.state, s.approval, s.proposal?.amount, s.proposal?.revision]).toEqual(['awaiting-customer', null, '500.00', 6]);
  });
});

describe('approval authority: pending-approval only beyond the proposer\'s authority', () => {
  test.each([
    ['agent at its limit', AGENT, '1000.00', 'awaiting-customer', null],
    ['agent one fen above', AGENT, '1000.01', 'pending-approval', 'manager'],
    ['supervisor at its limit', SUPERVISOR, '10000.00', 'awaiting-customer', null],
    ['supervisor above', SUPERVISOR, '10000.01', 'pending-approval', 'manager'],
    ['manager at its band limit', MANAGER, '100000.00', 'awaiting-customer', null],
    ['manager above', MANAGER, '100000.01', 'pending-approval', 'deputy-general-manager'],
    ['deputy above its band', DEPUTY, '150000.01', 'pending-approval', 'general-manager'],
    ['general manager, no limit', GM, '99999999.99', 'awaiting-customer', null],
    ['unknown role: no authority', { id: 'temp', role: 'intern' }, '0.01', 'pending-approval', 'manager'],
    ['unknown role, nothing to commit', { id: 'temp', role: 'intern' }, '0.00', 'awaiting-customer', null],
  ] as const)('%s: %s proposes %s → %s', (_n, actor, amount, state, approver) => {
    const r = transition(ecommerce, caseIn('liability-determined').snapshot, ev('propose', '12:00', proposal(amount), actor));
    expect(r.snapshot.state).toBe(state);
    expect(r.snapshot.proposal?.amount).toBe(amount);
    if (approver) expect(r.effects).toEqual([{ type: 'request-approval', amount, approver, proposedBy: actor, complaintId: 'C-2611-0001', revision: 3, at: at('12:00'), transition: 'request-approval' }]);
  });

  test.each([
    ['supervisor', SUPERVISOR, '10000.00', true],
    ['supervisor', SUPERVISOR, '10000.01', false],
    ['manager', MANAGER, '100000.00', true],
    ['manager', MANAGER, '100000.01', false],
    ['deputy-general-manager', DEPUTY, '150000.00', true],
    ['deputy-general-manager', DEPUTY, '150000.01', false],
    ['general-manager', GM, '150000.01', true],
    ['agent', AGENT, '1000.01', false],
  ] as const)('approve by %s of %s → %s', (_role, approver, amount, ok) => {
    const pending = transition(ecommerce, caseIn('liability-determined').snapshot, ev('propose', '12:00', proposal(amount))).snapshot;
    expect(pending.state).toBe('pending-approval');
    const go = () => transition(ecommerce, pending, ev('approve', '13:00', { note: 'ok' }, approver));
    if (ok) {
      expect(go().snapshot).toMatchObject({ state: 'awaiting-customer', approval: { by: approver } });
      return;
    }
    const e = thrown(go) as TransitionError;
    expect(e).toBeInstanceOf(TransitionError);
    expect(e.code).toBe('GUARD_FAILED');
    expect(e.failures).toEqual([
      {
        transition: 'approve',
        guard: 'within-authority',
        message: expect.stringContaining(`the amount ${amount} exceeds the approval authority of role "${approver.role}"`),
        values: { amount, role: approver.role, authority: { agent: '1000.00', supervisor: '10000.00', manager: '100000.00', 'deputy-general-manager': '150000.00' }[approver.role as string] },
      },
    ]);
    expect(e.issues[0]).toMatchObject({ code: 'GUARD_FAILED', path: ['event'] });
  });

  test('an approver may decline: the proposal goes back to be negotiated again, nothing reaches the customer (seed 002 §(三)2, seed 003 art.3 §十一)', () => {
    const pending = transition(ecommerce, caseIn('liability-determined').snapshot, ev('propose', '12:00', proposal('2999.00'))).snapshot;
    // only an approver whose authority covers the amount decides, as for approve
    const e = thrown(() => transition(ecommerce, pending, ev('decline-approval', '13:00', { reason: 'too generous' }, AGENT))) as TransitionError;
    expect(e.code).toBe('GUARD_FAILED');
    expect(e.failures).toEqual([{ transition: 'decline-approval', guard: 'within-authority', message: expect.stringContaining('exceeds the approval authority of role "agent"'), values: { amount: '2999.00', role: 'agent', authority: '1000.00' } }]);
    const r = transition(ecommerce, pending, ev('decline-approval', '13:00', { reason: 'too generous' }, SUPERVISOR));
    expect(r.snapshot).toMatchObject({ state: 'liability-determined', approval: null, owner: AGENT, handler: AGENT });
    expect(r.effects).toEqual([{ type: 'notify', to: 'handler', template: 'proposal-declined', recipient: AGENT, complaintId: 'C-2611-0001', revision: 4, at: at('13:00'), transition: 'decline-approval' }]);
    expect(r.snapshot.history.at(-1)).toMatchObject({ type: 'decline-approval', from: 'pending-approval', to: 'liability-determined', entered: ['liability-determined'], transitions: ['decline-approval'] });
    // the preliminary solution has not reached the customer: its 48 h clock runs on
    expect(deadlines(ecommerce, r.snapshot, { now: at('13:00') }).find((d) => d.clock === 'preliminary-solution')).toMatchObject({ state: 'running', stoppedAt: null, due: '2026-11-22T10:00:00+08:00' });
    // a new proposal within the proposer's authority goes to the customer
    const again = transition(ecommerce, r.snapshot, ev('propose', '14:00', proposal('999.00')));
    expect(again.snapshot).toMatchObject({ state: 'awaiting-customer', proposal: { amount: '999.00' }, approval: null });
    expect(deadlines(ecommerce, again.snapshot, { now: at('14:00') }).find((d) => d.clock === 'preliminary-solution')).toMatchObject({ state: 'met', stoppedAt: at('14:00') });
  });
});

describe('guards name themselves and the values that failed them', () => {
  const ld = () => caseIn('liability-determined').snapshot;
  test.each([
    ['one option', ld, ev('propose', '12:00', { options: [{ type: 'refund', amount: '299.00' }], resolveBy: '2026-11-27T18:00:00+08:00' }), 'min-options', { options: 1, min: 2 }],
    ['no resolution time (and none in the pack for goodwill)', ld, ev('propose', '12:00', { options: [{ type: 'goodwill', amount: '20.00' }, { type: 'repair', amount: '50.00', resolveBy: '2026-11-22T10:00:00+08:00' }] }), 'resolution-stated', { resolveBy: null, optionsWithoutResolveBy: ['goodwill'] }],
    ['a resolution time in the past', ld, ev('propose', '12:00', proposal('299.00', '2026-11-20T11:59:00+08:00')), 'resolution-stated', { resolveBy: '2026-11-20T11:59:00+08:00', proposedAt: at('12:00') }],
    ['an option that was not offered', () => caseIn('awaiting-customer').snapshot, ev('customer-accept', '13:00', { option: 'repair' }), 'option-accepted', { option: 'repair', offered: ['exchange', 'refund'] }],
    [
      'closing before the follow-up',
      () => caseIn('follow-up').snapshot,
      ev('close', LATE),
      'follow-up-recorded',
      { comparisons: [{ fact: 'followUpRecorded', operator: 'equal', factValue: false, value: true, result: false }] },
    ],
  ] as const)('%s', (_n, snap, event, guard, values) => {
    const before = snap();
    const e = thrown(() => transition(ecommerce, before, event)) as TransitionError;
    expect(e.code).toBe('GUARD_FAILED');
    expect(e.failures.map((f) => [f.guard, f.values])).toEqual([[guard, values]]);
    expect(e.issues[0]!.message).toContain(`guard "${guard}"`);
    expect(e.state).toBe(before.state);
  });

  test('options without a date get the pack\'s resolution time for their remedy type (Remedies resolveWithin)', () => {
    const r = transition(ecommerce, ld(), ev('propose', '12:00', { options: [{ type: 'refund', amount: '299.00' }, { type: 'technical-guidance', amount: '0.00' }, { type: 'repair', amount: '50.00', resolveBy: '2026-11-22T10:00:00+08:00' }] }));
    expect(r.snapshot.state).toBe('awaiting-customer');
    expect(r.snapshot.proposal!.resolveBy).toBeNull();
    expect(r.snapshot.proposal!.options.map((o) => [o.id, o.resolveBy])).toEqual([
      ['refund', '2026-11-27T12:00:00+08:00'],
      ['technical-guidance', '2026-11-21T12:00:00+08:00'],
      ['repair', '2026-11-22T10:00:00+08:00'],
    ]);
  });

  test('a one-option proposal without a date fails both guards, reported together', () => {
    const e = thrown(() => transition(ecommerce, ld(), ev('propose', '12:00', { options: [{ type: 'goodwill', amount: '20.00' }] }))) as TransitionError;
    expect(e.failures.map((f) => f.guard)).toEqual(['min-options', 'resolution-stated']);
    expect(e.issues).toHaveLength(2);
  });
});

describe('illegal transitions', () => {
  const resting = ['received', 'verifying', 'third-party-review', 'liability-determined', 'pending-approval', 'awaiting-customer', 'executing', 'follow-up', 'closed'];
  const cases = resting.flatMap((state) => [...lc.events.keys()].filter((e) => !lc.allowedEvents(state).includes(e)).map((e) => [state, e] as const));
  test('the matrix is what the lifecycle declares', () => {
    expect(Object.fromEntries(resting.map((s) => [s, lc.allowedEvents(s)]))).toEqual({
      received: ['start-verification', 'hand-off', 'report-progress'],
      verifying: ['request-third-party-review', 'determine-liability', 'reject-complaint', 'hand-off', 'report-progress'],
      'third-party-review': ['review-result', 'reject-complaint', 'hand-off', 'report-progress'],
      'liability-determined': ['propose', 'reject-complaint', 'hand-off', 'report-progress'],
      'pending-approval': ['approve', 'hand-off', 'report-progress', 'decline-approval'],
      'awaiting-customer': ['customer-accept', 'customer-reject', 'hand-off', 'report-progress'],
      executing: ['complete-execution', 'hand-off', 'report-progress'],
      'follow-up': ['record-follow-up', 'close', 'customer-reject', 'hand-off', 'report-progress'],
      closed: ['reopen'],
    });
    expect(cases).toHaveLength(9 * 16 - 33);
  });
  const snaps = Object.fromEntries(resting.map((s) => [s, caseIn(s).snapshot]));
  test.each(cases)('%s + %s → ILLEGAL_TRANSITION', (state, type) => {
    const e = thrown(() => transition(ecommerce, snaps[state], ev(type, LATE, {}, MANAGER))) as TransitionError;
    expect(e.code).toBe('ILLEGAL_TRANSITION');
    expect(e.issues).toEqual([
      {
        code: 'ILLEGAL_TRANSITION',
        file: '<input>',
        path: ['event', 'type'],
        message: expect.stringMatching(new RegExp(`^event "${type}" is not allowed in state "${state}"${state === 'closed' ? ' \\(the case is closed: resolved\\)' : ''}; allowed: `)),
      },
    ]);
    expect([e.state, e.event, e.eventIndex]).toEqual([state, type, null]);
  });

  test('a case never rests in the transient state "proposed"', () => {
    for (const s of Object.values(snaps)) expect(s.state).not.toBe('proposed');
  });
});

describe('event input is untrusted', () => {
  const fu = () => caseIn('follow-up').snapshot;
  test.each([
    ['satisfaction 6', fu, ev('record-follow-up', LATE, { satisfaction: 6 }), ['event', 'data', 'satisfaction']],
    ['satisfaction 3.5', fu, ev('record-follow-up', LATE, { satisfaction: 3.5 }), ['event', 'data', 'satisfaction']],
    ['satisfaction as text', fu, ev('record-follow-up', LATE, { satisfaction: '4' }), ['event', 'data', 'satisfaction']],
    ['no satisfaction', fu, ev('record-follow-up', LATE), ['event', 'data', 'satisfaction']],
    ['an unknown data key', fu, ev('record-follow-up', LATE, { satisfaction: 4, score: 4 }), ['event', 'data', 'score']],
    ['no options', () => caseIn('liability-determined').snapshot, ev('propose', '12:00', { options: [] }), ['event', 'data', 'options']],
    ['money as a JSON number', () => caseIn('liability-determined').snapshot, ev('propose', '12:00', { options: [{ type: 'refund', amount: 299 }, { type: 'repair', amount: '1.00' }] }), ['event', 'data', 'options', 0, 'amount']],
    ['three decimals', () => caseIn('liability-determined').snapshot, ev('propose', '12:00', { options: [{ type: 'refund', amount: '1.005' }, { type: 'repair', amount: '1.00' }] }), ['event', 'data', 'options', 0, 'amount']],
    ['an unknown remedy type', () => caseIn('liability-determined').snapshot, ev('propose', '12:00', { options: [{ type: 'cash', amount: '1.00' }, { type: 'repair', amount: '1.00' }] }), ['event', 'data', 'options', 0, 'type']],
    ['two options with one id', () => caseIn('liability-determined').snapshot, ev('propose', '12:00', { options: [{ type: 'refund', amount: '1.00' }, { type: 'refund', amount: '2.00' }] }), ['event', 'data', 'options', 1, 'type']],
    ['hand-off without a target', fu, ev('hand-off', LATE, {}), ['event', 'data', 'to']],
    ['no option', () => caseIn('awaiting-customer').snapshot, ev('customer-accept', '13:00', {}), ['event', 'data', 'option']],
    ['an unknown event type', fu, ev('escalate', LATE), ['event', 'type']],
    ['an instant without offset', fu, { type: 'close', at: '2026-11-25T09:00:00', actor: AGENT }, ['event', 'at']],
    ['an event before the previous one', fu, ev('record-follow-up', '2026-11-23T09:59:59+08:00', { satisfaction: 4 }), ['event', 'at']],
    ['no actor', fu, { type: 'close', at: LATE }, ['event', 'actor']],
    ['an unknown event key', fu, { ...ev('close', LATE), by: 'x' }, ['event', 'by']],
  ] as const)('%s → INVALID_INPUT', (_n, snap, event, path) => {
    const e = thrown(() => transition(ecommerce, snap(), event));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues[0]!.path).toEqual(path);
  });

  test('an unknown event type names a near miss, then the known types; none when nothing is close', () => {
    const known = [...lc.events.keys()].join(', ');
    expect(thrown(() => transition(ecommerce, caseIn('received').snapshot, ev('start-verfication', '10:30'))).issues).toEqual([
      { code: 'INVALID_INPUT', file: '<input>', path: ['event', 'type'], message: `event "start-verfication": unknown event type "start-verfication"; did you mean "start-verification"? (known: ${known})` },
    ]);
    expect(thrown(() => transition(ecommerce, caseIn('received').snapshot, ev('escalate', '10:30'))).issues[0]!.message).toBe(`event "escalate": unknown event type "escalate" (known: ${known})`);
  });

  test('prototype-polluting keys in event data are refused', () => {
    const event = JSON.parse(`{"type":"record-follow-up","at":"${LATE}","actor":{"id":"a","role":"agent"},"data":{"__proto__":{"x":1},"satisfaction":4}}`);
    const e = thrown(() => transition(ecommerce, fu(), event));
    expect(e.issues[0]).toMatchObject({ code: 'FORBIDDEN_KEY', path: ['event', 'data', '__proto__'] });
  });

  test('an event later than now is refused; events at the same instant are fine', () => {
    expect(thrown(() => transition(ecommerce, fu(), ev('record-follow-up', LATE, { satisfaction: 4 }), { now: '2026-11-25T08:59:59+08:00' })).issues[0]!.path).toEqual(['event', 'at']);
    const same = transition(ecommerce, fu(), ev('record-follow-up', '2026-11-23T10:00:00+08:00', { satisfaction: 4 }), { now: '2026-11-23T02:00:00Z' });
    expect(same.snapshot.satisfaction).toBe(4);
  });
});

describe('options that are not an object: INVALID_INPUT at options (or intake), nothing replayed', () => {
  test.each([
    ['null', null, 'null'],
    ['a number', 5, 'number'],
    ['a list', [], 'a list'],
  ] as const)('transition and safeTransition with options %s', (_n, options, got) => {
    const snapshot = caseIn('received').snapshot;
    const e = thrown(() => transition(ecommerce, snapshot, ev('start-verification', '10:30'), options as never));
    expect([e.code, e.issues]).toEqual([
      'INVALID_INPUT',
      [{ code: 'INVALID_INPUT', file: '<input>', path: ['options'], message: `transition() options are an object { now? } or left out, got ${got}` }],
    ]);
    const safe = safeTransition(ecommerce, snapshot, ev('start-verification', '10:30'), options as never);
    expect(safe.success ? null : safe.error.issues[0]!.path).toEqual(['options']);
    expect(snapshot.revision).toBe(0);
  });

  test('replay with options null, or an intake that is not an object (it was read as no intake: the actor, number and link silently dropped)', () => {
    const e = thrown(() => replay(ecommerce, lcComplaint(), PATHS.verifying!, null as never));
    expect(e.issues).toEqual([{ code: 'INVALID_INPUT', file: '<input>', path: ['options'], message: 'replay() options are an object { intake? } or left out, got null' }]);
    for (const [intake, got] of [[null, 'null'], ['li.na', 'string'], [[AGENT], 'a list']] as const) {
      const i = thrown(() => replay(ecommerce, lcComplaint(), [{ ...ev('start-verification', '10:30'), at: 'soon' }], { intake: intake as never }));
      expect(i.issues.map((x) => [x.path, x.message])).toEqual([
        [['intake'], `intake is an object { actor?, number?, linkedTo? } or left out, got ${got}`],
        [['events', 0, 'at'], 'event 0: an instant must be ISO 8601 with an explicit offset, e.g. "2026-11-25T09:30:00+08:00" (got "soon")'],
      ]);
    }
  });
});

describe('first-contact ownership and linked reopen', () => {
  test('the owner never moves through a whole case with hand-offs; the handler does', () => {
    const events = [
      ev('start-verification', '10:30'),
      ev('hand-off', '10:40', { to: AGENT2 }),
      ev('determine-liability', '11:00', {}, AGENT2),
      ev('hand-off', '11:10', { to: SUPERVISOR }, AGENT2),
      ev('propose', '12:00', proposal('5000.00'), SUPERVISOR),
      ev('customer-accept', '13:00', { option: 'refund' }),
      ev('complete-execution', '14:00', {}, SUPERVISOR),
      ev('record-follow-up', '15:00', { satisfaction: 2 }),
      ev('close', '15:01'),
    ];
    const r = replay(ecommerce, lcComplaint(), events, { intake: { actor: AGENT } });
    expect(r.snapshot).toMatchObject({ state: 'closed', outcome: 'resolved', owner: AGENT, handler: SUPERVISOR, revision: 9 });
    // the supervisor's own authority covers 5000.00: no approval step
    expect(r.snapshot.history.map((h) => h.to)).not.toContain('pending-approval');
  });

  test('rejecting the final outcome closes the case on record and asks for a linked complaint', () => {
    const r = transition(ecommerce, caseIn('follow-up').snapshot, ev('customer-reject', LATE, { reason: 'still broken' }));
    expect(r.snapshot).toMatchObject({ state: 'closed', outcome: 'resolved', links: [{ reason: 'customer-rejected-outcome', at: LATE, revision: 6 }] });
    const open = r.effects.find((e) => e.type === 'open-linked-complaint')!;
    expect(open).toEqual({ type: 'open-linked-complaint', linkedTo: 'C-2611-0001', number: null, reason: 'customer-rejected-outcome', complaintId: 'C-2611-0001', revision: 6, at: LATE, transition: 'reject-final-outcome' });
    // The host opens the new complaint from the effect; the original stays closed.
    const linked = start(ecommerce, lcComplaint({ id: 'C-2611-0002', receivedAt: LATE }), { actor: AGENT2, linkedTo: open.type === 'open-linked-complaint' ? open.linkedTo : '' }).snapshot;
    expect([linked.state, linked.linkedTo, linked.owner]).toEqual(['received', 'C-2611-0001', AGENT2]);
  });

  test('reopen keeps a closed case closed, with its outcome, and records the link', () => {
    const notUpheld = transition(ecommerce, caseIn('verifying').snapshot, ev('reject-complaint', '12:00')).snapshot;
    const r = transition(ecommerce, notUpheld, ev('reopen', '2026-11-21T09:00:00+08:00'));
    expect(r.snapshot).toMatchObject({ state: 'closed', outcome: 'not-upheld', revision: 3, links: [{ reason: 'reopened', at: '2026-11-21T09:00:00+08:00', revision: 3 }] });
    const again = transition(ecommerce, r.snapshot, ev('reopen', '2026-11-22T09:00:00+08:00'));
    expect(again.snapshot.links).toHaveLength(2);
  });
});

describe('replay', () => {
  test('the intake actor defaults to the first event\'s actor', () => {
    const r = replay(ecommerce, lcComplaint(), [ev('start-verification', '10:30', undefined, AGENT2)]);
    expect([r.snapshot.owner, r.snapshot.handler]).toEqual([AGENT2, AGENT2]);
    expect(thrown(() => replay(ecommerce, lcComplaint(), [])).issues[0]!.path).toEqual(['intake', 'actor']);
  });

  test('a failing event is named by its index in the path and the message', () => {
    const events = [...PATHS['awaiting-customer']!, ev('close', '14:00')];
    const e = thrown(() => replay(ecommerce, lcComplaint(), events)) as TransitionError;
    expect(e.code).toBe('ILLEGAL_TRANSITION');
    expect(e.eventIndex).toBe(3);
    expect(e.issues[0]!.path).toEqual(['events', 3, 'type']);
    expect(e.issues[0]!.message).toMatch(/^event 3 \(close\) is not allowed in state "awaiting-customer"/);
    const g = thrown(() => replay(ecommerce, lcComplaint(), [...PATHS['pending-approval']!, ev('approve', '13:00', {}, AGENT)])) as TransitionError;
    expect([g.code, g.eventIndex, g.issues[0]!.path]).toEqual(['GUARD_FAILED', 3, ['events', 3]]);
    expect(g.issues[0]!.message).toMatch(/^event 3 \(approve\) in state "pending-approval": guard "within-authority"/);
    const d = thrown(() => replay(ecommerce, lcComplaint(), [ev('start-verification', '10:30'), ev('hand-off', '10:40', { to: 'x' })]));
    expect(d.issues[0]).toMatchObject({ code: 'INVALID_INPUT', path: ['events', 1, 'data', 'to'], message: expect.stringMatching(/^event 1 \(hand-off\): /) });
    const t = thrown(() => replay(ecommerce, lcComplaint(), [ev('start-verification', '10:30'), { type: 'close', at: 'yesterday', actor: AGENT }]));
    expect(t.issues[0]).toMatchObject({ path: ['events', 1, 'at'], message: expect.stringMatching(/^event 1: /) });
    expect(thrown(() => replay(ecommerce, lcComplaint(), 'x')).issues[0]!.path).toEqual(['events']);
  });
});
