import { describe, expect, test } from 'vitest';
import { replay, transition } from '../../src/lifecycle/machine.js';
import fc from 'fast-check';
import { start } from '../../src/lifecycle/machine.js';
import { LifecycleSnapshotSchema, snapshotVersionProblem, SNAPSHOT_FORMAT } from '../../src/lifecycle/snapshot.js';
import { versionBelow } from '../../src/lifecycle/version.js';
import { readSnapshot } from '../../src/lifecycle/machine.js';
import { arbComplaint } from '../arbitraries.js';
import { deadlines } from '../../src/sla/deadlines.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { packFiles } from '../packs.js';
import { AGENT, PATHS, SUPERVISOR, caseIn, ecommerce, ev, lcComplaint, thrown } from './helpers.js';
import { InputError } from '../../src/errors/errors.js';

/** The ecommerce pack with its lifecycle changed by `mutate`. */
function variant(mutate: (lifecycle: any) => void) {
  const files = packFiles('ecommerce');
  mutate(files['lifecycle.json']);
  return loadPolicy({ files });
}

const stored = () => JSON.parse(JSON.stringify(caseIn('follow-up').snapshot));

describe('snapshots are plain JSON a host can store', () => {
  test('a JSON round trip changes nothing: same next step, same deadlines', () => {
    const live = caseIn('follow-up').snapshot;
    const restored = JSON.parse(JSON.stringify(live));
    expect(restored).toEqual(live);
    const e = ev('record-follow-up', '2026-11-24T10:00:00+08:00', { satisfaction: 3 });
    expect(transition(ecommerce, restored, e)).toEqual(transition(ecommerce, live, e));
    const now = { now: '2026-11-24T12:00:00+08:00' };
    expect(deadlines(ecommerce, restored, now)).toEqual(deadlines(ecommerce, live, now));
  });

  test('format, lifecycle, pack and an integer revision are recorded', () => {
    const s = stored();
    expect([s.format, s.lifecycle, s.packId, s.packVersion, s.policyHash, s.revision]).toEqual([SNAPSHOT_FORMAT, { id: 'ecommerce-lifecycle', version: '1.3.0' }, 'ecommerce', '1.6.0', ecommerce.hash, 5]);
  });

  test('a failed event leaves the caller\'s snapshot as it was (no partial snapshot)', () => {
    const s = stored();
    const copy = JSON.parse(JSON.stringify(s));
    thrown(() => transition(ecommerce, s, ev('close', '2026-11-24T10:00:00+08:00')));
    expect(s).toEqual(copy);
  });
});

describe('the migration rule: read correctly or refuse', () => {
  test.each([
    ['1.0.0', '1.0.0', undefined],
    ['1.0.0', '1.4.2', undefined],
    ['1.2.0', '1.10.0', undefined],
    ['1.0.0-rc.1', '1.0.0', undefined],
    // pre-releases by SemVer §11: numeric identifiers as numbers (they compared as text: rc.9 "newer" than rc.10)
    ['1.0.0-rc.9', '1.0.0-rc.10', undefined],
    ['1.0.0-rc.10', '1.0.0-rc.9', 'newer than the loaded 1.0.0-rc.9'],
    ['1.0.0-alpha', '1.0.0-alpha.1', undefined],
    ['1.0.0-alpha.1', '1.0.0-alpha', 'newer than the loaded 1.0.0-alpha'],
    ['1.0.0-1', '1.0.0-alpha', undefined],
    ['1.0.0-beta', '1.0.0-1', 'newer than the loaded 1.0.0-1'],
    ['1.0.0-beta.2', '1.0.0-beta.11', undefined],
    ['1.3.0', '1.2.9', 'newer than the loaded 1.2.9'],
    ['1.0.0', '2.0.0', 'major version 2'],
    ['2.1.0', '1.9.0', 'major version 1'],
    ['0.3.0', '0.3.5', undefined],
    ['0.3.0', '0.4.0', 'in 0.x a new minor version'],
    ['x', '1.0.0', 'not a semantic version'],
  ])('written %s, loaded %s', (written, current, problem) => {
    const r = snapshotVersionProblem(written, current);
    if (problem === undefined) expect(r).toBeUndefined();
    else expect(r).toContain(problem);
  });

  test('earlierStops reads versions the same way: 1.1.0-rc.9 is below 1.1.0-rc.10 (as text it was not)', () => {
    expect([versionBelow('1.1.0-rc.9', '1.1.0-rc.10'), versionBelow('1.1.0-rc.10', '1.1.0-rc.9'), versionBelow('1.1.0-rc.2', '1.1.0')]).toEqual([true, false, true]);
  });

  test('a compatible newer lifecycle (same id, same major) reads the snapshot and continues the case', () => {
    const next = variant((l) => {
      l.version = '1.4.0';
      l.clocks[2].duration = { hours: 36 };
    });
    const s = readSnapshot(next, stored());
    expect(s.lifecycle.version).toBe('1.3.0');
    const r = transition(next, stored(), ev('record-follow-up', '2026-11-24T10:00:00+08:00', { satisfaction: 4 }));
    expect(r.snapshot.lifecycle.version).toBe('1.3.0'); // the case keeps the version it was opened under
    expect(r.snapshot.revision).toBe(6);
    // clocks come from the loaded policy
    expect(deadlines(next, stored(), { now: '2026-11-24T10:00:00+08:00' }).find((d) => d.clock === 'preliminary-solution')!.due).toBe('2026-11-21T22:00:00+08:00');
  });

  test.each([
    ['a new major version', (l: any) => (l.version = '2.0.0'), ['lifecycle', 'version']],
    ['an older lifecycle than the snapshot', (l: any) => (l.version = '0.9.0'), ['lifecycle', 'version']],
    ['another lifecycle id', (l: any) => (l.id = 'other-lifecycle'), ['lifecycle', 'id']],
    [
      'a removed state (same major: still refused, never misread)',
      (l: any) => {
        l.version = '1.4.0';
        l.states = l.states.filter((s: any) => s.id !== 'executing');
        l.transitions = l.transitions.filter((t: any) => t.id !== 'customer-accept' && t.id !== 'complete-execution');
        l.transitions.push({ id: 'x', description: 'x', clause: 'x', from: 'awaiting-customer', event: 'customer-accept', to: 'follow-up' });
      },
      ['history', 4, 'to'],
    ],
    [
      'an event whose data changed meaning',
      (l: any) => {
        l.version = '1.4.0';
        l.events.find((e: any) => e.id === 'customer-accept').data = 'satisfaction';
        l.transitions.find((t: any) => t.id === 'customer-accept').guards = [];
      },
      ['history', 4, 'data'],
    ],
  ])('refused: %s', (_n, mutate, path) => {
    const p = variant(mutate);
    const e = thrown(() => transition(p, stored(), ev('record-follow-up', '2026-11-24T10:00:00+08:00', { satisfaction: 4 })));
    expect(e.code).toBe('SNAPSHOT_MIGRATION_REQUIRED');
    expect(e.issues[0]).toMatchObject({ code: 'SNAPSHOT_MIGRATION_REQUIRED', file: '<snapshot>', path });
    expect(thrown(() => deadlines(p, stored(), { now: '2026-11-24T10:00:00+08:00' })).code).toBe('SNAPSHOT_MIGRATION_REQUIRED');
  });

  test('an unknown snapshot format is refused', () => {
    const e = thrown(() => readSnapshot(ecommerce, { ...stored(), format: 'aftersales-policy/lifecycle-snapshot/v2' }));
    expect(e.issues[0]).toMatchObject({ code: 'SNAPSHOT_MIGRATION_REQUIRED', path: ['format'] });
  });

  test('a manufacturer case stored under lifecycle 1.x (its report clock started at start-verification) is refused by 2.0.0, not read without that clock', () => {
    const files = packFiles('manufacturer');
    const lc = files['lifecycle.json'];
    lc.version = '1.0.0';
    lc.events = lc.events.filter((e: { id: string }) => e.id !== 'finish-investigation');
    lc.transitions = lc.transitions.filter((t: { id: string }) => t.id !== 'finish-investigation');
    lc.clocks[0].start = { events: ['start-verification'] };
    files['manifest.json'].version = '1.0.0';
    const old = loadPolicy({ files });
    const complaint = lcComplaint({ receivedAt: '2026-11-02T09:00:00+08:00' });
    const s = JSON.parse(JSON.stringify(replay(old, complaint, [ev('start-verification', '2026-11-02T10:00:00+08:00')], { intake: { actor: AGENT } }).snapshot));
    expect(deadlines(old, s, { now: '2026-11-10T10:00:00+08:00' })[0]).toMatchObject({ clock: 'investigation-report', state: 'breached' });
    const e = thrown(() => readSnapshot(loadPolicy('manufacturer'), s));
    expect(e.code).toBe('SNAPSHOT_MIGRATION_REQUIRED');
    expect(e.issues.map((i) => i.path)).toEqual([['lifecycle', 'version']]);
  });

  test('cases stored under the lifecycles before decline-approval (ecommerce 1.1.0, manufacturer 2.0.0) are read and continued by 1.3.0 / 2.1.0', () => {
    for (const [id, packVersion, version, newer] of [
      ['ecommerce', '1.4.0', '1.1.0', '1.3.0'],
      ['manufacturer', '2.1.0', '2.0.0', '2.1.0'],
    ] as const) {
      const files = packFiles(id);
      const lc = files['lifecycle.json'];
      lc.version = version;
      lc.events = lc.events.filter((e: { id: string }) => e.id !== 'decline-approval');
      lc.transitions = lc.transitions.filter((t: { id: string }) => t.id !== 'decline-approval');
      files['manifest.json'].version = packVersion;
      const old = loadPolicy({ files });
      const events = [ev('start-verification', '10:30'), ev('determine-liability', '11:00'), ev('propose', '12:00', { options: [{ type: 'refund', amount: '2999.00' }, { type: 'exchange', amount: '2999.00' }], resolveBy: '2026-11-27T18:00:00+08:00' })];
      if (id === 'manufacturer') events.push(ev('consolidate-opinion', '13:00'));
      const s = JSON.parse(JSON.stringify(replay(old, lcComplaint(), events, { intake: { actor: AGENT } }).snapshot));
      expect([s.state, s.lifecycle.version]).toEqual(['pending-approval', version]);
      const now = loadPolicy(id);
      expect(readSnapshot(now, s).lifecycle).toEqual({ id: `${id}-lifecycle`, version });
      const r = transition(now, s, ev('decline-approval', '14:00', {}, { id: 'chen.jie', role: 'manager' }));
      expect([r.snapshot.state, r.snapshot.lifecycle.version, now.lifecycle!.version]).toEqual(['liability-determined', version, newer]);
    }
  });

  test('a snapshot of the manufacturer lifecycle is not read by the ecommerce pack', () => {
    const m = loadPolicy('manufacturer');
    const s = replay(m, lcComplaint(), [ev('start-verification', '10:30')]).snapshot;
    expect(thrown(() => readSnapshot(ecommerce, s)).code).toBe('SNAPSHOT_MIGRATION_REQUIRED');
  });
});

describe('a stored snapshot is untrusted', () => {
  test.each([
    ['revision out of step', (s: any) => (s.revision = 9), ['revision']],
    ['state not where the history ends', (s: any) => (s.state = 'closed'), ['state']],
    ['history going back in time', (s: any) => (s.history[2].at = '2026-11-19T00:00:00+08:00'), ['history', 2, 'at']],
    ['a renumbered entry', (s: any) => (s.history[1].revision = 7), ['history', 1, 'revision']],
    ['an unknown key', (s: any) => (s.extra = 1), ['extra']],
    ['a malformed complaint', (s: any) => (s.complaint.claimAmount = 299), ['complaint', 'claimAmount']],
    ['another complaint id', (s: any) => (s.complaintId = 'C-X'), ['complaintId']],
    ['no intake', (s: any) => (s.history[0].type = 'start-verification'), ['history', 0, 'type']],
    // `deadlines` starts intake clocks at the intake: a moved intake would move every first-contact deadline
    ['an intake earlier than receivedAt', (s: any) => (s.history[0].at = '2026-11-20T08:00:00+08:00'), ['history', 0, 'at']],
    ['an owner who is not the first-contact person', (s: any) => (s.owner = { id: 'zhao.lei', role: 'agent' }), ['owner']],
    ['an owner with another role', (s: any) => (s.owner = { ...s.owner, role: 'supervisor' }), ['owner']],
  ])('%s → INVALID_INPUT', (_n, mutate, path) => {
    const s = stored();
    mutate(s);
    const e = thrown(() => readSnapshot(ecommerce, s));
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.issues.map((i) => i.path)).toContainEqual(path);
  });

  test('a stored snapshot linked to its own complaint (earlier releases let start write one) is still read, transitioned and timed; start and replay refuse to write one', () => {
    const s = stored();
    s.linkedTo = s.complaintId;
    expect(readSnapshot(ecommerce, s).linkedTo).toBe(s.complaintId);
    expect(transition(ecommerce, s, ev('record-follow-up', '2026-11-24T10:00:00+08:00', { satisfaction: 3 })).snapshot.linkedTo).toBe(s.complaintId);
    expect(deadlines(ecommerce, s, { now: '2026-11-24T10:00:00+08:00' }).length).toBeGreaterThan(0);
    // an empty id, which start() refuses, is refused stored too
    s.linkedTo = '';
    expect(thrown(() => readSnapshot(ecommerce, s)).issues.map((i) => [i.code, i.path])).toEqual([['INVALID_INPUT', ['linkedTo']]]);
    // linked to another complaint it reads
    const linked = replay(ecommerce, lcComplaint(), PATHS['follow-up']!, { intake: { actor: AGENT, linkedTo: 'C-2610-0007' } }).snapshot;
    expect(readSnapshot(ecommerce, JSON.parse(JSON.stringify(linked))).linkedTo).toBe('C-2610-0007');
  });

  test('a recorded field its history contradicts is refused, so no guard reads it: satisfaction without a follow-up, a lowered proposal amount', () => {
    const followUp = JSON.parse(JSON.stringify(caseIn('follow-up').snapshot));
    expect(followUp.satisfaction).toBeNull();
    followUp.satisfaction = 5; // would let `close` pass its follow-up-recorded guard
    const e1 = thrown(() => transition(ecommerce, followUp, ev('close', '2026-11-25T10:00:00+08:00')));
    expect(e1).toBeInstanceOf(InputError);
    expect(e1.issues).toEqual([{ code: 'INVALID_INPUT', file: '<snapshot>', path: ['satisfaction'], message: 'satisfaction 5 is not what its history gives (null)' }]);

    const pending = JSON.parse(JSON.stringify(caseIn('pending-approval').snapshot));
    expect(pending.proposal.amount).toBe('2999.00');
    pending.proposal.amount = '500.00'; // would let a supervisor approve 2,999.00
    const e2 = thrown(() => transition(ecommerce, pending, ev('approve', '13:00', undefined, SUPERVISOR)));
    expect(e2.issues).toEqual([{ code: 'INVALID_INPUT', file: '<snapshot>', path: ['proposal', 'amount'], message: 'proposal.amount "500.00" is not what its history gives ("2999.00")' }]);

    const handler = JSON.parse(JSON.stringify(caseIn('verifying').snapshot));
    handler.handler = { id: 'someone', role: 'manager' };
    expect(thrown(() => readSnapshot(ecommerce, handler)).issues.map((i) => i.path)).toEqual([['handler', 'id']]);
  });

  test('written under other pack content (a remedy default changed), a snapshot keeps its recorded fields and the case goes on', () => {
    const events = [ev('start-verification', '10:30'), ev('determine-liability', '11:00'), ev('propose', '12:00', { options: [{ type: 'exchange', amount: '299.00' }, { type: 'refund', amount: '299.00' }] })];
    const stored = JSON.parse(JSON.stringify(replay(ecommerce, lcComplaint(), events, { intake: { actor: AGENT } }).snapshot));
    const before = stored.proposal.options[0].resolveBy;
    const files = packFiles('ecommerce');
    files['manifest.json'].version = '1.2.0';
    const exchange = files['remedies.json'].rules.find((r: { id: string }) => r.id === 'exchange');
    exchange.offer.resolveWithin = { days: 10 };
    const updated = loadPolicy({ files });
    expect(updated.hash).not.toBe(ecommerce.hash);
    const read = readSnapshot(updated, stored);
    expect(read.proposal!.options[0]!.resolveBy).toBe(before); // as the customer was told
    expect(transition(updated, stored, ev('customer-accept', '13:00', { option: 'exchange' })).snapshot.state).toBe('executing');
    // under the same content the same edit is refused
    const edited = JSON.parse(JSON.stringify(stored));
    edited.proposal.options[0].resolveBy = '2026-11-30T12:00:00+08:00';
    expect(thrown(() => readSnapshot(ecommerce, edited)).issues.map((i) => i.path)).toEqual([['proposal', 'options', 0, 'resolveBy']]);
  });

  test('a history that does not replay is refused at the entry that fails', () => {
    const s = JSON.parse(JSON.stringify(caseIn('executing').snapshot));
    s.history[4].data = { option: 'repair' }; // an option never proposed
    const e = thrown(() => readSnapshot(ecommerce, s));
    expect(e.issues.map((i) => [i.code, i.path])).toEqual([['INVALID_INPUT', ['history', 4]]]);
    expect(e.issues[0]!.message).toMatch(/^its history does not replay: /);
  });

  test('a stored snapshot that agrees with its history is read as stored; one returned by this library for this policy is taken as it is', () => {
    const live = caseIn('follow-up').snapshot;
    expect(readSnapshot(ecommerce, live)).toBe(live);
    const stored = JSON.parse(JSON.stringify(live));
    const read = readSnapshot(ecommerce, stored);
    expect(read).not.toBe(stored);
    expect(read).toEqual(live);
    // under another loaded policy with the same lifecycle, the checks run again
    const other = loadPolicy('ecommerce');
    expect(readSnapshot(other, live)).toEqual(live);
  });

  test('an outcome the state cannot have is refused', () => {
    const s = JSON.parse(JSON.stringify(caseIn('closed').snapshot));
    s.outcome = 'refunded';
    expect(thrown(() => readSnapshot(ecommerce, s)).issues[0]).toMatchObject({ code: 'SNAPSHOT_MIGRATION_REQUIRED', path: ['outcome'] });
  });

  test('prototype-polluting keys are refused', () => {
    const text = JSON.stringify(stored()).replace('"owner":', '"__proto__":{"x":1},"owner":');
    expect(thrown(() => readSnapshot(ecommerce, JSON.parse(text))).issues[0]).toMatchObject({ code: 'FORBIDDEN_KEY', path: ['__proto__'] });
  });

  test('a pack without a Lifecycle file cannot read snapshots', () => {
    const files = packFiles('ecommerce');
    files['manifest.json'].files = files['manifest.json'].files.filter((f: string) => f !== 'lifecycle.json');
    delete files['lifecycle.json'];
    const e = thrown(() => readSnapshot(loadPolicy({ files }), stored()));
    expect(e.issues[0]).toMatchObject({ code: 'KIND_MISSING', file: 'manifest.json' });
  });

  test('replaying the history of a restored snapshot gives the same snapshot', () => {
    const s = stored();
    const again = replay(ecommerce, s.complaint, s.history.slice(1).map((h: any) => ({ type: h.type, at: h.at, actor: h.actor, ...(h.data ? { data: h.data } : {}) })), { intake: { actor: AGENT } });
    expect(again.snapshot).toEqual(s);
    expect(PATHS['follow-up']).toHaveLength(s.revision);
  });
});

describe('the embedded complaint is read by the fast complaint validator', () => {
  /** What readSnapshot returned before the fast path: the full zod schema's output, or its issues. */
  const byZod = (v: unknown) => {
    const r = LifecycleSnapshotSchema.safeParse(v);
    return r.success ? JSON.stringify(r.data) : r.error.issues.map((i) => JSON.stringify(i.path));
  };

  test('the snapshot read equals the full schema\'s output, key order included, for any complaint and every state', () => {
    fc.assert(
      fc.property(arbComplaint, fc.boolean(), fc.boolean(), (c, vulnerability, noSupplier) => {
        const complaint: any = JSON.parse(JSON.stringify(c));
        if (vulnerability) complaint.customer.vulnerability = 'elderly';
        if (noSupplier) delete complaint.findings.supplierInvolved;
        const stored = JSON.parse(JSON.stringify(start(ecommerce, complaint, { actor: AGENT }).snapshot));
        const read = readSnapshot(ecommerce, stored);
        expect(JSON.stringify(read)).toBe(byZod(stored));
        expect(read.complaint).not.toBe(stored.complaint); // a fresh copy
      }),
      { numRuns: 200, seed: 20261125 },
    );
    for (const state of Object.keys(PATHS)) {
      const s = JSON.parse(JSON.stringify(caseIn(state).snapshot));
      expect(JSON.stringify(readSnapshot(ecommerce, s))).toBe(byZod(s));
    }
  });

  test.each([
    ['the complaint alone is bad', (s: any) => (s.complaint.order.items[0].quantity = 0), [['complaint', 'order', 'items', 0, 'quantity']]],
    ['the rest alone is bad', (s: any) => (s.priority = 'urgent'), [['priority']]],
    ['both are bad', (s: any) => ((s.priority = 'urgent'), (s.complaint.claimAmount = '1.234'), (s.history[0].to = 7)), [['priority'], ['complaint', 'claimAmount'], ['history', 0, 'to']]],
    ['the complaint is missing', (s: any) => delete s.complaint, [['complaint']]],
  ])('%s: the same issues as the full schema, in its order', (_n, mutate, paths) => {
    const s = stored();
    mutate(s);
    const e = thrown(() => readSnapshot(ecommerce, s));
    expect(e.issues.map((i) => [i.code, i.file])).toEqual(paths.map(() => ['INVALID_INPUT', '<snapshot>']));
    expect(e.issues.map((i) => i.path)).toEqual(paths);
    expect(e.issues.map((i) => JSON.stringify(i.path))).toEqual(byZod(s));
  });
});
