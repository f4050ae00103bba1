// A replayed event log is checked whole before anything is replayed: every problem of the complaint,
// the intake and each event's shape, type, data and time order is reported at once (docs/errors.md);
// only what depends on the states the replay reaches (ILLEGAL_TRANSITION, GUARD_FAILED) stops at the first.
import { describe, expect, test } from 'vitest';
import { InputError, type PolicyError } from '../../src/errors/errors.js';
import { TransitionError, replay } from '../../src/lifecycle/machine.js';
import { replayScript } from '../../src/lifecycle/script.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { packFiles } from '../packs.js';
import { AGENT, PATHS, badShapes, ecommerce, ev, lcComplaint, thrown } from './helpers.js';

const heads = (e: PolicyError) => e.issues.map((i) => ({ code: i.code, file: i.file, path: i.path }));
const input = (path: Array<string | number>, file = '<input>') => ({ code: 'INVALID_INPUT', file, path });
/** The problems of the events of `badShapes()`, in order. */
const BAD_SHAPE_ISSUES = [input(['events', 1, 'at']), input(['events', 4, 'actor', 'id']), input(['events', 4, 'actor', 'role']), input(['events', 5, 'at']), input(['events', 5, 'actor'])];

describe('replay: every problem of the input at once, before anything is replayed', () => {
  test('the shape problems of every event, not only the first event\'s', () => {
    const e = thrown(() => replay(ecommerce, lcComplaint(), badShapes(), { intake: { actor: AGENT } }));
    expect(e).toBeInstanceOf(InputError);
    expect(heads(e)).toEqual([
      ...BAD_SHAPE_ISSUES,
    ]);
    // a single problem reads as before
    expect(e.issues[0]!.message).toBe('event 1: an instant must be ISO 8601 with an explicit offset, e.g. "2026-11-25T09:30:00+08:00" (got "yesterday")');
    expect(e.issues[1]!.message).toBe('event 4: required (string)');
  });

  test('a bad complaint hides no event problem; the intake\'s are reported too', () => {
    const e = thrown(() => replay(ecommerce, { ...lcComplaint(), channel: 'mars' }, badShapes(), { intake: { actor: { id: '', role: 'agent' }, number: 'x' } }));
    expect(heads(e)).toEqual([
      input(['channel'], '<complaint>'),
      input(['intake', 'actor', 'id']),
      input(['intake', 'number']),
      ...BAD_SHAPE_ISSUES,
    ]);
  });

  test('a link to the complaint itself is reported even when the complaint has another problem', () => {
    const c = lcComplaint();
    const e = thrown(() => replay(ecommerce, { ...c, channel: 'mars' }, [], { intake: { actor: AGENT, linkedTo: c.id } }));
    expect(heads(e)).toEqual([input(['channel'], '<complaint>'), input(['intake', 'linkedTo'])]);
  });

  test('unknown types, bad data and time going back are found in every event, with their messages', () => {
    const events = [
      ev('start-verification', '10:30'),
      ev('determine-liabilty', '11:00'),
      ev('hand-off', '11:30', { to: 'x' }),
      ev('propose', '11:20', { options: [] }),
      { type: 'no-such-event', actor: AGENT },
      { type: 'hand-off', at: 'later', actor: AGENT, data: { to: 'y' } },
    ];
    const e = thrown(() => replay(ecommerce, lcComplaint(), events));
    expect(heads(e)).toEqual([
      input(['events', 1, 'type']),
      input(['events', 2, 'data', 'to']),
      input(['events', 3, 'at']),
      input(['events', 3, 'data', 'options']),
      input(['events', 4, 'at']),
      input(['events', 4, 'type']),
      input(['events', 5, 'at']),
      input(['events', 5, 'data', 'to']),
    ]);
    // a near miss is named (the known types follow)
    expect(e.issues[0]!.message).toBe(
      'event 1 (determine-liabilty): unknown event type "determine-liabilty"; did you mean "determine-liability"? (known: start-verification, request-third-party-review, review-result, determine-liability, propose, approve, customer-accept, customer-reject, complete-execution, record-follow-up, close, reject-complaint, hand-off, report-progress, reopen, decline-approval)',
    );
    expect(e.issues[2]!.message).toBe(
      'event 3 (propose): at 2026-11-20T11:20:00+08:00 is before the previous event (2026-11-20T11:30:00+08:00); events must not go back in time',
    );
    expect(e.issues[1]!.message).toMatch(/^event 2 \(hand-off\): /);
  });

  test('the first event going back before the complaint was received; events not a list with a bad complaint', () => {
    const early = thrown(() => replay(ecommerce, lcComplaint(), [ev('start-verification', '09:00'), ev('close', 'x')]));
    expect(heads(early)).toEqual([input(['events', 0, 'at']), input(['events', 1, 'at'])]);
    expect(early.issues[0]!.message).toBe(
      'event 0 (start-verification): at 2026-11-20T09:00:00+08:00 is before the previous event (2026-11-20T10:00:00+08:00); events must not go back in time',
    );
    const notList = thrown(() => replay(ecommerce, { ...lcComplaint(), claimAmount: 1 }, 'x'));
    expect(heads(notList)).toEqual([input(['claimAmount'], '<complaint>'), input(['events'])]);
  });

  test('bad data is a shape problem: found before the replay, even after an event the replay would refuse', () => {
    // events[1] is not allowed in `verifying`, events[2] has bad data: the data problem is reported, nothing is replayed
    const events = [ev('start-verification', '10:30'), ev('customer-accept', '11:00', { option: 'exchange' }), ev('hand-off', '11:30', { to: 'x' })];
    const e = thrown(() => replay(ecommerce, lcComplaint(), events));
    expect(e).toBeInstanceOf(InputError);
    expect(heads(e)).toEqual([input(['events', 2, 'data', 'to'])]);
  });

  test('what depends on the states reached stops the replay at the first such event', () => {
    const events = [ev('start-verification', '10:30'), ev('customer-accept', '11:00', { option: 'exchange' }), ev('close', '11:30')];
    const e = thrown(() => replay(ecommerce, lcComplaint(), events)) as TransitionError;
    expect(e).toBeInstanceOf(TransitionError);
    expect([e.code, e.eventIndex, e.issues.map((i) => [i.code, i.path])]).toEqual(['ILLEGAL_TRANSITION', 1, [['ILLEGAL_TRANSITION', ['events', 1, 'type']]]]);
  });

  test('a valid log replays as before; the intake actor is still required without events', () => {
    expect(replay(ecommerce, lcComplaint(), PATHS.closed!).snapshot).toMatchObject({ state: 'closed', revision: 7, owner: AGENT });
    expect(heads(thrown(() => replay(ecommerce, lcComplaint(), [])))).toEqual([input(['intake', 'actor'])]);
  });
});

describe('replayScript: the script\'s own problems with the complaint\'s and the events\'', () => {
  test('unknown keys, a bad intake actor, a bad complaint and every bad event, in the script\'s order', () => {
    const script = { extra: 1, complaint: { ...lcComplaint(), claimAmount: 1 }, intake: { actor: { id: '' }, number: 'x', foo: 2 }, events: badShapes() };
    const e = thrown(() => replayScript(ecommerce, script));
    expect(e).toBeInstanceOf(InputError);
    expect(heads(e)).toEqual([
      input(['claimAmount'], '<complaint>'),
      input(['intake', 'actor', 'id']),
      input(['intake', 'actor', 'role']),
      input(['intake', 'foo']),
      input(['intake', 'number']),
      ...BAD_SHAPE_ISSUES,
      input(['extra']),
    ]);
  });

  test('a part the script\'s schema refused is not checked again; nothing is asked of it', () => {
    // events not a list: the complaint is still checked; no "needs an intake actor" for the missing events
    const e = thrown(() => replayScript(ecommerce, { complaint: { ...lcComplaint(), claimAmount: 1 }, events: 'x' }));
    expect(heads(e)).toEqual([input(['claimAmount'], '<complaint>'), input(['events'])]);
    // a script that is not an object: that one problem
    expect(heads(thrown(() => replayScript(ecommerce, [])))).toEqual([input([])]);
  });

  test('a pack without a Lifecycle file: a malformed script gets its schema problems, a valid one KIND_MISSING', () => {
    const files = packFiles('ecommerce');
    files['manifest.json'].files = files['manifest.json'].files.filter((f: string) => f !== 'lifecycle.json');
    delete files['lifecycle.json'];
    const noLifecycle = loadPolicy({ files });
    expect(heads(thrown(() => replayScript(noLifecycle, { complaint: lcComplaint(), events: [], x: 1 })))).toEqual([input(['x'])]);
    expect(thrown(() => replayScript(noLifecycle, { complaint: lcComplaint(), events: [] })).code).toBe('KIND_MISSING');
  });
});
