import { describe, expect, test } from 'vitest';
import { safeLoadPolicy } from '../../src/index.js';
import { packFiles } from '../packs.js';

/**
 * A file that fails its schema is not compiled, but every semantic check that can run on its parts
 * that are valid on their own still runs: all problems of a pack at once, none twice, and no false
 * follow-on error caused by a broken part.
 */
function issuesOf(files: Record<string, unknown>): Array<[string, string, ReadonlyArray<string | number>]> {
  const r = safeLoadPolicy({ files });
  if (r.success) return [];
  return r.error.issues.map((i) => [i.code, i.file, i.path]);
}

function messagesOf(files: Record<string, unknown>): string[] {
  const r = safeLoadPolicy({ files });
  return r.success ? [] : r.error.issues.map((i) => i.message);
}

describe('a file that fails its schema still reports its semantic problems', () => {
  test('liability: a null clause does not hide a fractional priority and a duplicate id', () => {
    const files = packFiles('ecommerce');
    const rules = files['liability.json'].rules;
    rules[1].clause = null;
    rules[2].priority = 1.5;
    rules[3].id = rules[2].id;
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', ['rules', 1, 'clause']],
      ['INVALID_PRIORITY', 'liability.json', ['rules', 2, 'priority']],
      ['DUPLICATE_ID', 'liability.json', ['rules', 3, 'id']],
    ]);
    expect(messagesOf(files).slice(1)).toEqual(['priority must be a positive integer, got 1.5', 'rule id "customer-misuse" is already used by rule 2']);
  });

  test('liability: a priority the schema refuses is reported once, as the schema problem', () => {
    const files = packFiles('ecommerce');
    files['liability.json'].rules[2].priority = '2';
    expect(issuesOf(files)).toEqual([['SCHEMA_VIOLATION', 'liability.json', ['rules', 2, 'priority']]]);
  });

  test('remedies: a null clause does not hide a fractional priority, a duplicate id or a rule with both offer and exclude', () => {
    const files = packFiles('ecommerce');
    const rules = files['remedies.json'].rules;
    rules[1].clause = null;
    rules[2].priority = 1.5;
    rules[3].id = rules[2].id;
    rules[4].exclude = { types: ['refund'], reason: 'x' };
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'remedies.json', ['rules', 1, 'clause']],
      ['SCHEMA_VIOLATION', 'remedies.json', ['rules', 4]],
      ['INVALID_PRIORITY', 'remedies.json', ['rules', 2, 'priority']],
      ['DUPLICATE_ID', 'remedies.json', ['rules', 3, 'id']],
    ]);
    expect(messagesOf(files)[1]).toBe('rule "repair" must have exactly one of "offer" or "exclude"');
  });

  test('approval: a wrong description and an approver typo do not hide a gap and a duplicate band id', () => {
    const files = packFiles('ecommerce');
    const bands = files['approval.json'].bands;
    bands[2].description = 5;
    bands[2].over = '150000.01';
    bands[0].approver = 'managr';
    bands[1].id = 'manager';
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'approval.json', ['bands', 0, 'approver']],
      ['SCHEMA_VIOLATION', 'approval.json', ['bands', 2, 'description']],
      ['DUPLICATE_ID', 'approval.json', ['bands', 1, 'id']],
      ['BAND_GAP', 'approval.json', ['bands', 2, 'over']],
    ]);
  });

  test('approval: a band whose range is broken is left out of the gap and overlap checks, with its neighbours', () => {
    const files = packFiles('ecommerce');
    // band 1's bound is a JSON number: were it left out and its neighbours compared, band 0 (up to 100000.00)
    // and band 2 (over 150000.00) would show a gap that band 1 fills
    files['approval.json'].bands[1].over = 100000;
    expect(issuesOf(files)).toEqual([['SCHEMA_VIOLATION', 'approval.json', ['bands', 1, 'over']]]);
  });

  test('lifecycle: a null clause does not hide unknown events and states or an unreachable state', () => {
    const files = packFiles('ecommerce');
    const lc = files['lifecycle.json'];
    lc.transitions[0].clause = null;
    lc.transitions[10].event = 'finish-execution';
    lc.transitions[8].to = 'follow-up'; // nothing leads to "executing" any more
    lc.clocks[1].stop.events[0] = 'ask-third-party';
    lc.clocks[2].stop.states = ['waiting'];
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'lifecycle.json', ['transitions', 0, 'clause']],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['transitions', 10, 'event']],
      ['UNREACHABLE_STATE', 'lifecycle.json', ['states', 7, 'id']],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['clocks', 1, 'stop', 'events', 0]],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['clocks', 2, 'stop', 'states', 0]],
    ]);
  });

  test('lifecycle: a transition broken in what the checks read is left out, the other items are still checked where they are', () => {
    const files = packFiles('ecommerce');
    const lc = files['lifecycle.json'];
    lc.transitions[2].to = 5;
    lc.transitions[3].event = 'nope';
    lc.transitions[4].id = lc.transitions[2].id;
    lc.clocks[0].start.states = ['nowhere'];
    // no UNREACHABLE_STATE: the broken transition may be the way to a state
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'lifecycle.json', ['transitions', 2, 'to']],
      ['DUPLICATE_ID', 'lifecycle.json', ['transitions', 4, 'id']],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['transitions', 3, 'event']],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['clocks', 0, 'start', 'states', 0]],
    ]);
    expect(messagesOf(files)[1]).toBe('transition id "review-result" is already used by transition 2');
  });

  test('lifecycle: with a broken state, duplicate ids and references to events are still checked, references to states only while every state id is known', () => {
    const files = packFiles('ecommerce');
    const lc = files['lifecycle.json'];
    lc.states[1].terminal = 'yes';
    lc.transitions[3].event = 'nope';
    lc.transitions[4].id = lc.transitions[3].id;
    lc.clocks[0].start.states = ['nowhere'];
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'lifecycle.json', ['states', 1, 'terminal']],
      ['DUPLICATE_ID', 'lifecycle.json', ['transitions', 4, 'id']],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['transitions', 3, 'event']],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['clocks', 0, 'start', 'states', 0]],
    ]);
    lc.states[2].id = 5;
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'lifecycle.json', ['states', 1, 'terminal']],
      ['SCHEMA_VIOLATION', 'lifecycle.json', ['states', 2, 'id']],
      ['DUPLICATE_ID', 'lifecycle.json', ['transitions', 4, 'id']],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['transitions', 3, 'event']],
    ]);
  });

  test('penalties: a fine amount written as a number does not hide a lighter sanction in a higher band', () => {
    const files = packFiles('manufacturer');
    const p = files['penalties.json'];
    p.fines[0].amount = 400;
    p.bands[2].sanction = { type: 'self-criticism', count: 1 };
    p.bands[3].supervisor.levelsLower = 9;
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'penalties.json', ['fines', 0, 'amount']],
      ['BAND_NOT_MONOTONIC', 'penalties.json', ['bands', 2, 'sanction']],
      ['UNKNOWN_REFERENCE', 'penalties.json', ['bands', 3, 'supervisor', 'levelsLower']],
    ]);
  });

  test('penalties: a fine rule whose sanction is broken does not make a band report "no fine rule converts"', () => {
    const files = packFiles('manufacturer');
    files['penalties.json'].fines[1].sanction = 'reprimnd';
    expect(issuesOf(files)).toEqual([['SCHEMA_VIOLATION', 'penalties.json', ['fines', 1, 'sanction']]]);
  });

  test('loss model: a label written as a number does not hide a duplicate type id', () => {
    const files = packFiles('manufacturer');
    const types = files['lossmodel.json'].types;
    types[0].label = 5;
    types[1].id = types[0].id;
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'lossmodel.json', ['types', 0, 'label']],
      ['DUPLICATE_ID', 'lossmodel.json', ['types', 1, 'id']],
    ]);
  });

  test('deductions: a wrong clause does not hide a cap rate above 1 and a department listed twice', () => {
    const files = packFiles('manufacturer');
    const d = files['deductions.json'];
    d.clause = 5;
    d.cap.rate = '1.5';
    d.attribution.rules[1].department = d.attribution.rules[0].department;
    expect(issuesOf(files)).toEqual([
      ['SCHEMA_VIOLATION', 'deductions.json', ['clause']],
      ['DUPLICATE_ID', 'deductions.json', ['attribution', 'rules', 1, 'department']],
      ['SCHEMA_VIOLATION', 'deductions.json', ['cap', 'rate']],
    ]);
  });
});

describe('a schema-valid file reports the same semantic problems as before', () => {
  test('liability and remedies: priorities and duplicate ids', () => {
    const files = packFiles('ecommerce');
    for (const name of ['liability.json', 'remedies.json']) {
      const rules = files[name].rules;
      rules[2].priority = 1.5;
      rules[3].id = rules[2].id;
    }
    expect(issuesOf(files)).toEqual([
      ['INVALID_PRIORITY', 'liability.json', ['rules', 2, 'priority']],
      ['DUPLICATE_ID', 'liability.json', ['rules', 3, 'id']],
      ['INVALID_PRIORITY', 'remedies.json', ['rules', 2, 'priority']],
      ['DUPLICATE_ID', 'remedies.json', ['rules', 3, 'id']],
    ]);
  });

  test('approval: a duplicate band id and a gap', () => {
    const files = packFiles('ecommerce');
    const bands = files['approval.json'].bands;
    bands[2].over = '150000.01';
    bands[1].id = 'manager';
    expect(issuesOf(files)).toEqual([
      ['DUPLICATE_ID', 'approval.json', ['bands', 1, 'id']],
      ['BAND_GAP', 'approval.json', ['bands', 2, 'over']],
    ]);
  });

  test('lifecycle: unknown events and states, an unreachable state', () => {
    const files = packFiles('ecommerce');
    const lc = files['lifecycle.json'];
    lc.transitions[10].event = 'finish-execution';
    lc.transitions[8].to = 'follow-up';
    lc.clocks[1].stop.events[0] = 'ask-third-party';
    lc.clocks[2].stop.states = ['waiting'];
    expect(issuesOf(files)).toEqual([
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['transitions', 10, 'event']],
      ['UNREACHABLE_STATE', 'lifecycle.json', ['states', 7, 'id']],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['clocks', 1, 'stop', 'events', 0]],
      ['UNKNOWN_REFERENCE', 'lifecycle.json', ['clocks', 2, 'stop', 'states', 0]],
    ]);
  });

  test('penalties, loss model and deductions', () => {
    const files = packFiles('manufacturer');
    files['penalties.json'].bands[2].sanction = { type: 'self-criticism', count: 1 };
    files['penalties.json'].bands[3].supervisor.levelsLower = 9;
    files['lossmodel.json'].types[1].id = files['lossmodel.json'].types[0].id;
    files['deductions.json'].cap.rate = '1.5';
    const found = issuesOf(files);
    expect(found.filter(([, file]) => file === 'penalties.json')).toEqual([
      ['BAND_NOT_MONOTONIC', 'penalties.json', ['bands', 2, 'sanction']],
      ['UNKNOWN_REFERENCE', 'penalties.json', ['bands', 3, 'supervisor', 'levelsLower']],
    ]);
    expect(found.filter(([, file]) => file !== 'penalties.json')).toEqual(
      expect.arrayContaining([
        ['DUPLICATE_ID', 'lossmodel.json', ['types', 1, 'id']],
        ['SCHEMA_VIOLATION', 'deductions.json', ['cap', 'rate']],
      ]),
    );
    expect(found).toHaveLength(4);
  });
});

describe('no follow-on errors from a list cut short, a broken key or a misplaced path (second review)', () => {
  test('lifecycle "events": [] is one schema problem, not one unknown event per transition', () => {
    const files = packFiles('ecommerce');
    files['lifecycle.json'].events = [];
    expect(issuesOf(files)).toEqual([['SCHEMA_VIOLATION', 'lifecycle.json', ['events']]]);
  });

  test('lifecycle with one state is one schema problem, not one unknown state per transition', () => {
    const files = packFiles('ecommerce');
    files['lifecycle.json'].states = files['lifecycle.json'].states.slice(0, 1);
    expect(issuesOf(files)).toEqual([['SCHEMA_VIOLATION', 'lifecycle.json', ['states']]]);
  });

  test('penalties "fines": [] is one schema problem, not "no fine rule converts" per sanction', () => {
    const files = packFiles('manufacturer');
    files['penalties.json'].fines = [];
    expect(issuesOf(files)).toEqual([['SCHEMA_VIOLATION', 'penalties.json', ['fines']]]);
  });

  test.each([null, false, 0, ''])('remedies "offer": %j is reported once, as what is wrong with it', (bad) => {
    const files = packFiles('ecommerce');
    files['remedies.json'].rules[2].offer = bad;
    expect(issuesOf(files)).toEqual([['SCHEMA_VIOLATION', 'remedies.json', ['rules', 2, 'offer']]]);
  });

  test('a duplicate authority role is reported at its "role"', () => {
    const files = packFiles('ecommerce');
    files['lifecycle.json'].authorities.push({ role: 'agent', upTo: '5.00' });
    const r = safeLoadPolicy({ files });
    expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.path, i.message])).toEqual([
      ['DUPLICATE_ID', ['authorities', files['lifecycle.json'].authorities.length - 1, 'role'], 'authority role "agent" is already used by authority role 0'],
    ]);
  });

  test('MIN_STATES and MIN_EVENTS are what the lifecycle JSON Schema asks', async () => {
    const { MIN_EVENTS, MIN_STATES } = await import('../../src/lifecycle/kind.js');
    const { readFileSync } = await import('node:fs');
    const schema = JSON.parse(readFileSync(new URL('../../schemas/lifecycle.schema.json', import.meta.url), 'utf8'));
    const top = schema.$defs[schema.$ref.split('/').pop()];
    expect([top.properties.states.minItems, top.properties.events.minItems]).toEqual([MIN_STATES, MIN_EVENTS]);
  });
});
