import { describe, expect, test } from 'vitest';
import { safeLoadPolicy, loadPolicy } from '../../src/pack/loader.js';
import { transition } from '../../src/lifecycle/machine.js';
import { packFiles } from '../packs.js';
import { caseIn, ev, thrown, SUPERVISOR } from './helpers.js';

function issuesOf(mutate: (l: any, files: Record<string, any>) => unknown) {
  const files = packFiles('ecommerce');
  mutate(files['lifecycle.json'], files);
  const r = safeLoadPolicy({ files });
  return r.success ? [] : r.error.issues.map((i) => ({ code: i.code, file: i.file, path: i.path }));
}

const tr = (l: any, id: string): any => l.transitions.find((t: any) => t.id === id);
const T = (path: Array<string | number>, code: string) => ({ code, file: 'lifecycle.json', path });

describe('the bundled lifecycles load', () => {
  test.each(['ecommerce', 'manufacturer'])('%s', (id) => {
    const r = safeLoadPolicy(id);
    expect(r.success ? [] : r.error.issues).toEqual([]);
    expect(r.success && r.data.lifecycle?.id).toBe(`${id}-lifecycle`);
  });
});

type Mutation = (l: any, files: Record<string, any>) => unknown;
type Expected = Array<{ code: string; file: string; path: Array<string | number> }>;

describe('every problem of a lifecycle file is reported at load, with its path', () => {
  test.each<[string, Mutation, Expected]>([
    ['duplicate state id', (l: any) => l.states.push({ ...l.states[1] }), [T(['states', 10, 'id'], 'DUPLICATE_ID')]],
    ['duplicate transition id', (l: any) => (tr(l, 'review-result').id = 'start-verification'), [T(['transitions', 2, 'id'], 'DUPLICATE_ID')]],
    ['the reserved event id "intake"', (l: any) => l.events.push({ id: 'intake', description: 'x' }), [T(['events', 16, 'id'], 'DUPLICATE_ID')]],
    ['unknown source state', (l: any) => (tr(l, 'close').from = 'follow-upp'), [T(['transitions', 12, 'from'], 'UNKNOWN_REFERENCE')]],
    ['unknown target state', (l: any) => (tr(l, 'close').to = 'archived'), [T(['transitions', 12, 'to'], 'UNKNOWN_REFERENCE')]],
    ['unknown event', (l: any) => (tr(l, 'close').event = 'closing'), [T(['transitions', 12, 'event'], 'UNKNOWN_REFERENCE')]],
    ['closing without an outcome', (l: any) => delete tr(l, 'close').outcome, [T(['transitions', 12, 'outcome'], 'SCHEMA_VIOLATION')]],
    ['an outcome the terminal state does not have', (l: any) => (tr(l, 'close').outcome = 'refunded'), [T(['transitions', 12, 'outcome'], 'UNKNOWN_REFERENCE')]],
    ['an outcome on a non-closing transition', (l: any) => (tr(l, 'complete-execution').outcome = 'resolved'), [T(['transitions', 10, 'outcome'], 'SCHEMA_VIOLATION')]],
    ['leaving a terminal state', (l: any) => (tr(l, 'reopen').to = 'verifying'), [T(['transitions', 16, 'to'], 'SCHEMA_VIOLATION')]],
    ['both event and always', (l: any) => (tr(l, 'close').always = true), [T(['transitions', 12, 'event'], 'SCHEMA_VIOLATION')]],
    ['neither event nor always', (l: any) => delete tr(l, 'close').event, [T(['transitions', 12, 'event'], 'SCHEMA_VIOLATION')]],
    ['a terminal state without outcomes', (l: any) => delete l.states[9].outcomes, [T(['states', 9, 'outcomes'], 'SCHEMA_VIOLATION')]],
    ['outcomes on an open state', (l: any) => (l.states[0].outcomes = ['x']), [T(['states', 0, 'outcomes'], 'SCHEMA_VIOLATION')]],
    ['unknown initial state', (l: any) => (l.initial = 'new'), [T(['initial'], 'UNKNOWN_REFERENCE')]],
    [
      'an unreachable state',
      (l: any) => l.states.push({ id: 'limbo', description: 'never entered' }),
      [T(['states', 10, 'id'], 'UNREACHABLE_STATE'), T(['states', 10, 'id'], 'UNREACHABLE_STATE')],
    ],
    [
      'a dead end: no way to close from a state',
      (l: any) => (l.transitions = l.transitions.filter((t: any) => t.id !== 'complete-execution')),
      // follow-up can no longer be reached; from executing no terminal state can be reached
      [T(['states', 8, 'id'], 'UNREACHABLE_STATE'), T(['states', 7, 'id'], 'UNREACHABLE_STATE')],
    ],
    [
      'automatic transitions in a loop',
      (l: any) => l.transitions.push({ id: 'bounce', description: 'x', clause: 'x', from: 'awaiting-customer', always: true, to: 'proposed' }),
      [T(['transitions', 5, 'always'], 'TRANSITION_CYCLE')],
    ],
    ['an automatic transition from "*"', (l: any) => l.transitions.push({ id: 'auto', description: 'x', clause: 'x', from: '*', always: true }), [T(['transitions', 19, 'from'], 'SCHEMA_VIOLATION')]],
    ['option-accepted on an event without an option', (l: any) => tr(l, 'close').guards.push({ guard: 'option-accepted' }), [T(['transitions', 12, 'guards', 1, 'guard'], 'SCHEMA_VIOLATION')]],
    ['an unknown fact in a guard condition', (l: any) => (tr(l, 'close').guards[0].when.fact = 'happy'), [T(['transitions', 12, 'guards', 0, 'when', 'fact'], 'UNKNOWN_FACT')]],
    ['a filter path in a guard condition', (l: any) => (tr(l, 'close').guards[0].when = { fact: 'eventData', path: '$..[?(@.x)]', operator: 'equal', value: 1 }), [T(['transitions', 12, 'guards', 0, 'when', 'path'], 'UNSAFE_PATH')]],
    ['an enum typo in a clock condition', (l: any) => (l.clocks[1].when.value = 'complicated'), [T(['clocks', 1, 'when', 'value'], 'OPERAND_TYPE_MISMATCH')]],
    ['an unknown state in a guard condition value', (l: any) => (tr(l, 'close').guards[0].when = { fact: 'state', operator: 'equal', value: 'follow-upp' }), [T(['transitions', 12, 'guards', 0, 'when', 'value'], 'OPERAND_TYPE_MISMATCH')]],
    ['an unknown clock event', (l: any) => (l.clocks[0].stop.events = ['first-call']), [T(['clocks', 0, 'stop', 'events', 0], 'UNKNOWN_REFERENCE')]],
    ['an unknown clock state', (l: any) => (l.clocks[2].stop.states = ['answered']), [T(['clocks', 2, 'stop', 'states', 0], 'UNKNOWN_REFERENCE')]],
    ['pausing in a terminal state', (l: any) => (l.clocks[2].pauseIn = ['closed']), [T(['clocks', 2, 'pauseIn', 0], 'SCHEMA_VIOLATION')]],
    ['an event that starts and stops a clock', (l: any) => (l.clocks[0].stop.events = ['intake']), [T(['clocks', 0, 'stop', 'events'], 'SCHEMA_VIOLATION')]],
    ['a zero duration', (l: any) => (l.clocks[0].duration = { hours: 0 }), [T(['clocks', 0, 'duration'], 'SCHEMA_VIOLATION')]],
    ['an unknown calendar', (l: any) => (l.clocks[0].calendar = { type: 'business-days', data: 'mars' }), [T(['clocks', 0, 'calendar', 'data'], 'UNKNOWN_REFERENCE')]],
    ['hours on a business-days clock', (l: any) => (l.clocks[0].calendar = { type: 'business-days', data: 'cn-mainland' }), [T(['clocks', 0, 'duration'], 'SCHEMA_VIOLATION')]],
    ['overlapping working hours', (l: any) => (l.clocks[0].calendar = { type: 'business-hours', data: 'cn-mainland', hours: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '18:00' }] }), [T(['clocks', 0, 'calendar', 'hours', 1, 'start'], 'SCHEMA_VIOLATION')]],
    ['an authority for an approver role', (l: any) => l.authorities.push({ role: 'manager', upTo: '5.00' }), [T(['authorities', 2, 'role'], 'DUPLICATE_ID')]],
    ['money as a JSON number', (l: any) => (l.authorities[0].upTo = 1000), [T(['authorities', 0, 'upTo'], 'SCHEMA_VIOLATION')]],
    ['a bad numbering pattern', (l: any) => (l.numbering.format = 'MM'), [T(['numbering', 'format'], 'SCHEMA_VIOLATION')]],
    ['an unknown effect', (l: any) => tr(l, 'close').effects.push({ type: 'email' }), [T(['transitions', 12, 'effects', 1, 'type'], 'SCHEMA_VIOLATION')]],
    ['an unknown guard', (l: any) => tr(l, 'close').guards.push({ guard: 'is-vip' }), [T(['transitions', 12, 'guards', 1, 'guard'], 'SCHEMA_VIOLATION')]],
  ])('%s', (_n, mutate, expected) => {
    expect(issuesOf(mutate)).toEqual(expected);
  });

  test('a host operator can be used in a guard condition', () => {
    const files = packFiles('ecommerce');
    tr(files['lifecycle.json'], 'close').guards.push({ guard: 'condition', name: 'not-a-test-account', when: { fact: 'actorRole', operator: 'startsWith', value: 'agent' } });
    const p = loadPolicy({ files }, { operators: { startsWith: { factTypes: ['string'], valueShape: 'same', evaluate: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b as string), description: 'prefix' } } });
    const s = caseIn('follow-up', p).snapshot;
    const recorded = transition(p, s, ev('record-follow-up', '2026-11-24T10:00:00+08:00', { satisfaction: 4 })).snapshot;
    expect(transition(p, recorded, ev('close', '2026-11-24T10:01:00+08:00')).snapshot.state).toBe('closed');
    const e = thrown(() => transition(p, recorded, ev('close', '2026-11-24T10:01:00+08:00', {}, SUPERVISOR)));
    expect(e.issues[0]!.message).toContain('guard "not-a-test-account"');
  });

  test('authority guards need an ApprovalAuthority file: KIND_MISSING when used', () => {
    const files = packFiles('ecommerce');
    files['manifest.json'].files = files['manifest.json'].files.filter((f: string) => f !== 'approval.json');
    delete files['approval.json'];
    const p = loadPolicy({ files });
    const e = thrown(() => transition(p, caseIn('liability-determined', p).snapshot, ev('propose', '12:00', { options: [{ type: 'refund', amount: '1.00' }, { type: 'repair', amount: '1.00' }], resolveBy: '2026-11-30T00:00:00+08:00' })));
    expect(e.issues[0]).toMatchObject({ code: 'KIND_MISSING', file: 'manifest.json', path: ['files'] });
  });
});
