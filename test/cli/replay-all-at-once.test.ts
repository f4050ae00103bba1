// `aftersales replay` and `aftersales deadlines` (given a script) report every problem of a replay
// script at once — the complaint's, the intake's and every event's — before anything is replayed.
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers.js';
import { AGENT, badShapes, ev, lcComplaint } from '../lifecycle/helpers.js';

/** The `file $.path: CODE` heads of the problem lines of stderr. */
const heads = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(' ').slice(0, 3).join(' '));


const EVENT_HEADS = [
  's.json $.events[1].at: INVALID_INPUT',
  's.json $.events[4].actor.id: INVALID_INPUT',
  's.json $.events[4].actor.role: INVALID_INPUT',
  's.json $.events[5].at: INVALID_INPUT',
  's.json $.events[5].actor: INVALID_INPUT',
];

describe.each(['replay', 'deadlines'])('aftersales %s <script>: every problem at once', (command) => {
  test('every bad event, not only the first; exit 1, nothing on stdout', async () => {
    const r = await cli([command, 's.json'], { 's.json': JSON.stringify({ complaint: lcComplaint(), intake: { actor: AGENT }, events: badShapes() }) });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr.split('\n')[0]).toBe(`aftersales ${command}: INVALID_INPUT`);
    expect(heads(r.stderr)).toEqual(EVENT_HEADS);
    expect(r.stderr).toContain('  s.json $.events[1].at: INVALID_INPUT event 1: an instant must be ISO 8601 with an explicit offset, e.g. "2026-11-25T09:30:00+08:00" (got "yesterday")\n');
  });

  test('a bad complaint hides no event problem; the script\'s own and the intake\'s are reported with them', async () => {
    const script = { complaint: { ...lcComplaint(), channel: 'mars' }, intake: { actor: { id: '', role: 'agent' }, linkedTo: '' }, events: [...badShapes(), ev('nope', '2026-11-26T10:00:00+08:00')], extra: 1 };
    const r = await cli([command, 's.json'], { 's.json': JSON.stringify(script) });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(heads(r.stderr)).toEqual([
      's.json $.complaint.channel: INVALID_INPUT',
      's.json $.intake.actor.id: INVALID_INPUT',
      's.json $.intake.linkedTo: INVALID_INPUT',
      ...EVENT_HEADS,
      's.json $.events[7].type: INVALID_INPUT',
      's.json $.extra: INVALID_INPUT',
    ]);
  });

  test('an event not allowed in the state reached: only the first, as documented', async () => {
    const events = [ev('start-verification', '10:30'), ev('customer-accept', '11:00', { option: 'exchange' }), ev('close', '11:30')];
    const r = await cli([command, 's.json'], { 's.json': JSON.stringify({ complaint: lcComplaint(), events }) });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(heads(r.stderr)).toEqual(['s.json $.events[1].type: ILLEGAL_TRANSITION']);
  });
});

describe('aftersales replay <a script without its complaint>', () => {
  // It reported the missing complaint three times: "undefined is not JSON data" (the complaint checked again
  // after the script's schema had refused it), zod's "required (nonoptional)", and after the events' problems.
  test('the missing complaint once, first, as "required"', async () => {
    const r = await cli(['replay', 's.json'], { 's.json': JSON.stringify({ events: [ev('start-verification', '10:30')] }) });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe('aftersales replay: INVALID_INPUT\n  s.json $.complaint: INVALID_INPUT required\n');
  });

  test('a bare complaint given to replay: the script\'s missing keys first, then each complaint key as unknown', async () => {
    const r = await cli(['replay', 's.json'], { 's.json': JSON.stringify(lcComplaint()) });
    expect([r.code, r.stdout]).toEqual([1, '']);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('  '));
    expect(lines.slice(0, 3)).toEqual(['  s.json $.complaint: INVALID_INPUT required', '  s.json $.events: INVALID_INPUT required (array)', '  s.json $.id: INVALID_INPUT unknown key "id"']);
    expect(r.stderr).not.toContain('not JSON data');
    expect(r.stderr).not.toContain('nonoptional');
  });
});
