import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lifecycleDiagram } from '../../src/lifecycle/diagram.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { packFiles } from '../packs.js';
import { cli } from '../helpers.js';
import { AGENT, PATHS, caseIn, ecommerce, ev, lcComplaint } from './helpers.js';

const root = join(import.meta.dirname, '..', '..');
const example = (name: string) => join(root, 'examples', 'scripts', name);
const script = (events: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ complaint: lcComplaint(), events, ...extra });

describe('aftersales replay', () => {
  test('--json prints { snapshot, deadlines, effects }', async () => {
    const r = await cli(['replay', '--json', '--policy', 'ecommerce', example('01-ordinary-resolved.json')]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['snapshot', 'deadlines', 'effects']);
    expect(out.snapshot).toMatchObject({ state: 'closed', outcome: 'resolved', owner: { id: 'li.na', role: 'agent' }, handler: { id: 'li.na', role: 'agent' }, revision: 7, number: '26110001' });
    expect(Object.keys(out.snapshot).slice(0, 5)).toEqual(['state', 'outcome', 'owner', 'handler', 'revision']);
    expect(out.deadlines.map((d: any) => [d.clock, d.due, d.state])).toEqual([
      ['first-contact', '2026-11-20T12:00:00+08:00', 'met'],
      ['preliminary-solution', '2026-11-22T10:00:00+08:00', 'met'],
    ]);
    expect(out.effects.map((e: any) => [e.revision, e.type])).toEqual([
      [0, 'notify'],
      [3, 'notify'],
      [4, 'notify'],
      [7, 'archive'],
    ]);
  });

  test('the JSON snapshot is the library\'s snapshot', async () => {
    const r = await cli(['replay', '--json', 's.json'], { 's.json': script(PATHS['follow-up']!, { intake: { actor: AGENT } }) });
    expect(JSON.parse(r.stdout).snapshot).toEqual(JSON.parse(JSON.stringify(caseIn('follow-up').snapshot)));
  });

  test('--now sets the clock of the deadlines and adds reminders', async () => {
    const r = await cli(['replay', '--json', '--now', '2026-11-20T12:30:00+08:00', 's.json'], { 's.json': script([ev('hand-off', '10:10', { to: { id: 'x', role: 'agent' } })]) });
    const out = JSON.parse(r.stdout);
    expect(out.snapshot).toMatchObject({ state: 'received', owner: AGENT, handler: { id: 'x', role: 'agent' }, revision: 1 });
    expect(out.deadlines[0]).toMatchObject({ clock: 'first-contact', state: 'breached', timeLeft: '-PT30M' });
    expect(out.effects.at(-1)).toMatchObject({ type: 'reminder', clock: 'first-contact', overdueBy: 'PT30M' });
  });

  test('an illegal event: exit 1, its code and index on stderr, nothing on stdout', async () => {
    const r = await cli(['replay', '--json', example('04-illegal-event.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('ILLEGAL_TRANSITION');
    expect(r.stderr).toContain('04-illegal-event.json $.events[1].type: ILLEGAL_TRANSITION event 1 (customer-accept) is not allowed in state "verifying"');
  });

  test('a guard-failing event: exit 1, GUARD_FAILED with the guard, values and index', async () => {
    const events = [...PATHS['pending-approval']!, ev('approve', '13:00', {}, AGENT)];
    const r = await cli(['replay', '--json', 's.json'], { 's.json': script(events) });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toContain('s.json $.events[3]: GUARD_FAILED event 3 (approve) in state "pending-approval": guard "within-authority" of transition "approve" failed');
    expect(r.stderr).toContain('{"amount":"2999.00","role":"agent","authority":"1000.00"}');
  });

  test('bad input points into the script', async () => {
    const bad = await cli(['replay', 's.json'], { 's.json': JSON.stringify({ complaint: { ...lcComplaint(), claimAmount: 1 }, events: [] }) });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('s.json $.complaint.claimAmount: INVALID_INPUT');
    const data = await cli(['replay', 's.json'], { 's.json': script([ev('start-verification', '10:30'), ev('hand-off', '11:00', {})]) });
    expect(data.stderr).toContain('s.json $.events[1].data.to: INVALID_INPUT event 1 (hand-off)');
    const shape = await cli(['replay', 's.json'], { 's.json': JSON.stringify({ complaint: lcComplaint(), events: [], extra: 1 }) });
    expect(shape.stderr).toContain('s.json $.extra: INVALID_INPUT');
    const usage = await cli(['replay', '--now', 'tomorrow', 's.json'], { 's.json': script([]) });
    expect(usage.code).toBe(2);
  });

  test('a script whose intake links the complaint to itself: exit 1, INVALID_INPUT at $.intake.linkedTo', async () => {
    const r = await cli(['replay', '--json', 's.json'], { 's.json': script([ev('start-verification', '10:30')], { intake: { actor: AGENT, linkedTo: 'C-2611-0001' } }) });
    expect([r.code, r.stdout]).toEqual([1, '']);
    expect(r.stderr).toBe(
      'aftersales replay: INVALID_INPUT\n  s.json $.intake.linkedTo: INVALID_INPUT linkedTo "C-2611-0001" is this complaint\'s own id: a linked complaint is a new complaint attached to the original (seed 003 art.3 §九.9)\n',
    );
  });

  test('the default output is a readable summary', async () => {
    const r = await cli(['replay', example('02-approval-hand-off-green-channel.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Complaint C-2611-0002 — executing, revision 6');
    expect(r.stdout).toContain('Owner li.na (agent) · handler zhao.lei (agent) · priority high, dedicated handler');
    expect(r.stdout).toContain('propose by zhao.lei (agent): liability-determined → pending-approval [propose, request-approval]');
  });

  test('every example script replays as its name says', async () => {
    const states = { '01-ordinary-resolved.json': 'closed', '02-approval-hand-off-green-channel.json': 'executing', '03-not-upheld-then-reopened.json': 'closed' };
    for (const [file, state] of Object.entries(states)) {
      const r = await cli(['replay', '--json', example(file)]);
      expect(JSON.parse(r.stdout).snapshot.state, file).toBe(state);
    }
    const reopened = JSON.parse((await cli(['replay', '--json', example('03-not-upheld-then-reopened.json')])).stdout);
    expect(reopened.snapshot).toMatchObject({ outcome: 'not-upheld', links: [{ reason: 'reopened', at: '2026-11-26T09:00:00+08:00', revision: 5 }] });
    expect(reopened.effects.filter((e: any) => e.type === 'inquiry').map((e: any) => e.clock)).toEqual(['first-contact', 'preliminary-solution']);
  });
});

describe('aftersales deadlines', () => {
  test('a bare complaint: the snapshot right after intake', async () => {
    const r = await cli(['deadlines', '--json', '--policy', 'ecommerce', '--now', '2026-11-20T11:00:00+08:00', 'c.json'], { 'c.json': JSON.stringify(lcComplaint()) });
    expect([r.code, r.stderr]).toEqual([0, '']);
    const out = JSON.parse(r.stdout);
    expect(out.deadlines.map((d: any) => ({ clock: d.clock, due: d.due, state: d.state }))).toEqual([
      { clock: 'first-contact', due: '2026-11-20T12:00:00+08:00', state: 'running' },
      { clock: 'preliminary-solution', due: '2026-11-22T10:00:00+08:00', state: 'running' },
    ]);
    expect(out.effects).toEqual([]);
  });

  test('a complex complaint has the 24 h progress-feedback clock, due with the pack offset', async () => {
    const r = await cli(['deadlines', '--json', '--now', '2026-11-20T03:00:00Z', 'c.json'], { 'c.json': JSON.stringify(lcComplaint({ severity: 'complex', receivedAt: '2026-11-20T02:00:00Z' })) });
    expect(JSON.parse(r.stdout).deadlines.map((d: any) => [d.clock, d.due, d.state])).toEqual([
      ['progress-feedback', '2026-11-21T10:00:00+08:00', 'running'],
      ['preliminary-solution', '2026-11-22T10:00:00+08:00', 'running'],
    ]);
  });

  test('a stored snapshot and a replay script are accepted too', async () => {
    const snap = JSON.stringify(caseIn('verifying').snapshot);
    const a = JSON.parse((await cli(['deadlines', '--json', '--now', '2026-11-20T13:00:00+08:00', 's.json'], { 's.json': snap })).stdout);
    const b = JSON.parse((await cli(['deadlines', '--json', '--now', '2026-11-20T13:00:00+08:00', 'x.json'], { 'x.json': script(PATHS.verifying!) })).stdout);
    expect(a).toEqual(b);
    expect(a.deadlines[0]).toMatchObject({ clock: 'first-contact', state: 'met', stoppedAt: '2026-11-20T10:30:00+08:00' });
  });

  test('a stored snapshot of another format, or without one, is refused as a snapshot (SNAPSHOT_MIGRATION_REQUIRED at $.format), not read as a complaint missing every field', async () => {
    const stored = JSON.parse(JSON.stringify(caseIn('verifying').snapshot));
    const v2 = await cli(['deadlines', '--json', 's.json'], { 's.json': JSON.stringify({ ...stored, format: 'aftersales-policy/lifecycle-snapshot/v2' }) });
    expect([v2.code, v2.stdout, v2.stderr]).toEqual([
      1,
      '',
      'aftersales deadlines: SNAPSHOT_MIGRATION_REQUIRED\n  s.json $.format: SNAPSHOT_MIGRATION_REQUIRED snapshot format "aftersales-policy/lifecycle-snapshot/v2" is not "aftersales-policy/lifecycle-snapshot/v1", which this release reads\n',
    ]);
    const { format: _f, ...unformatted } = stored;
    const none = await cli(['deadlines', '--json', 's.json'], { 's.json': JSON.stringify(unformatted) });
    expect([none.code, none.stdout, none.stderr]).toEqual([
      1,
      '',
      'aftersales deadlines: SNAPSHOT_MIGRATION_REQUIRED\n  s.json $.format: SNAPSHOT_MIGRATION_REQUIRED snapshot format undefined is not "aftersales-policy/lifecycle-snapshot/v1", which this release reads\n',
    ]);
  });

  test('overdue: a reminder line in the text output', async () => {
    const r = await cli(['deadlines', '--now', '2026-11-20T13:00:00+08:00', 'c.json'], { 'c.json': JSON.stringify(lcComplaint()) });
    expect(r.stdout).toContain('first-contact          breached due 2026-11-20T12:00:00+08:00  time left -PT1H');
    expect(r.stdout).toContain('Reminder (催办): first-contact was due 2026-11-20T12:00:00+08:00, overdue by PT1H');
  });

  test('a clock whose state needs missing calendar data: every clock printed, the unavailable one with its code and message, exit 1', async () => {
    // manufacturer case received 2026-12-28: the investigation report (3 working days from 12-29) is due on a 2027
    // working day; read in 2027, whether it ran out is unknown
    const files = {
      's.json': JSON.stringify({
        complaint: lcComplaint({ receivedAt: '2026-12-28T10:00:00+08:00' }),
        intake: { actor: AGENT },
        events: [ev('start-verification', '2026-12-28T11:00:00+08:00'), ev('finish-investigation', '2026-12-29T10:00:00+08:00')],
      }),
    };
    const message = 'clock "investigation-report": no holiday data for 2027 in calendar "cn-mainland" (it covers 2025–2026)';
    const problem = { code: 'CALENDAR_NOT_AVAILABLE', file: 'lifecycle.json', path: ['clocks', 0, 'calendar'], message };
    const stderr = `aftersales deadlines: CALENDAR_NOT_AVAILABLE\n  lifecycle.json $.clocks[0].calendar: CALENDAR_NOT_AVAILABLE ${message}\n`;
    const json = await cli(['deadlines', '--json', '--policy', 'manufacturer', '--now', '2027-01-11T10:00:00+08:00', 's.json'], files);
    expect([json.code, json.stderr]).toEqual([1, stderr]);
    const out = JSON.parse(json.stdout);
    expect(out.deadlines.map((d: any) => [d.clock, d.state, d.knownState, d.due, d.timeLeft, d.problem ?? null])).toEqual([
      ['investigation-report', 'unavailable', null, null, null, problem],
      ['case-closure-domestic', 'breached', undefined, '2027-01-10T10:00:00+08:00', '-PT24H', null],
    ]);
    expect(out.effects.map((e: any) => [e.type, e.clock, e.problem ?? e.overdueBy])).toEqual([
      ['calendar-unavailable', 'investigation-report', problem],
      ['reminder', 'case-closure-domestic', 'PT24H'],
    ]);
    const text = await cli(['deadlines', '--policy', 'manufacturer', '--now', '2027-01-11T10:00:00+08:00', 's.json'], files);
    expect([text.code, text.stderr]).toEqual([1, stderr]);
    expect(text.stdout).toBe(
      [
        'Deadlines at 2027-01-11T10:00:00+08:00:',
        `  investigation-report   unavailable (state unknown) CALENDAR_NOT_AVAILABLE ${message}  (seed 003 art.3 §九.3)`,
        '  case-closure-domestic  breached due 2027-01-10T10:00:00+08:00  time left -PT24H  (seed 003 art.3 §十.1)',
        'Reminder (催办): case-closure-domestic was due 2027-01-10T10:00:00+08:00, overdue by PT24H',
        '',
      ].join('\n'),
    );
    // replay prints the case the same way and fails the same way
    const r = await cli(['replay', '--policy', 'manufacturer', '--now', '2027-01-11T10:00:00+08:00', 's.json'], files);
    expect([r.code, r.stderr]).toEqual([1, stderr.replace('aftersales deadlines', 'aftersales replay')]);
    expect(r.stdout).toContain(`\n  investigation-report   unavailable (state unknown) CALENDAR_NOT_AVAILABLE ${message}\n  case-closure-domestic  breached due 2027-01-10T10:00:00+08:00  time left -PT24H\n`);
    expect(r.stdout).toContain('\n  r2 calendar-unavailable investigation-report (CALENDAR_NOT_AVAILABLE)\n  r2 reminder case-closure-domestic (due 2027-01-10T10:00:00+08:00)\n');
    const rj = await cli(['replay', '--json', '--policy', 'manufacturer', '--now', '2027-01-11T10:00:00+08:00', 's.json'], files);
    expect(rj.code).toBe(1);
    expect(JSON.parse(rj.stdout).deadlines).toEqual(out.deadlines);
    // with data for every day it needs, the same case exits 0
    const before = await cli(['deadlines', '--json', '--policy', 'manufacturer', '--now', '2026-12-28T12:00:00+08:00', 'c.json'], { 'c.json': JSON.stringify(lcComplaint({ receivedAt: '2026-12-28T10:00:00+08:00' })) });
    expect([before.code, before.stderr]).toEqual([0, '']);
  });

  test('a breach known without the missing data: printed with its due, its reminder given, exit 0', async () => {
    // the investigation report was due Thu 2026-12-24 10:00 and never given; read in 2027, only the overdue time needs 2027 data
    const complaint = JSON.parse(readFileSync(example('01-ordinary-resolved.json'), 'utf8')).complaint;
    const A = { id: 'a', role: 'agent' };
    const events = [ev('start-verification', '2026-12-18T10:00:00+08:00', undefined, A), ev('finish-investigation', '2026-12-21T10:00:00+08:00', undefined, A)];
    const files = { 's.json': JSON.stringify({ complaint: { ...complaint, receivedAt: '2026-12-18T09:00:00+08:00' }, intake: { actor: A }, events }) };
    const message = 'clock "investigation-report": no holiday data for 2027 in calendar "cn-mainland" (it covers 2025–2026)';
    const args = ['--policy', 'manufacturer', '--now', '2027-01-05T10:00:00+08:00', 's.json'];
    const text = await cli(['deadlines', ...args], files);
    expect([text.code, text.stderr]).toEqual([0, '']);
    expect(text.stdout).toBe(
      [
        'Deadlines at 2027-01-05T10:00:00+08:00:',
        `  investigation-report   unavailable (known: breached, due 2026-12-24T10:00:00+08:00) CALENDAR_NOT_AVAILABLE ${message}  (seed 003 art.3 §九.3)`,
        '  case-closure-domestic  breached due 2026-12-31T09:00:00+08:00  time left -PT121H  (seed 003 art.3 §十.1)',
        'Reminder (催办): investigation-report was due 2026-12-24T10:00:00+08:00, overdue by an unknown time (CALENDAR_NOT_AVAILABLE)',
        'Reminder (催办): case-closure-domestic was due 2026-12-31T09:00:00+08:00, overdue by PT121H',
        '',
      ].join('\n'),
    );
    const json = await cli(['deadlines', '--json', ...args], files);
    expect([json.code, json.stderr]).toEqual([0, '']);
    const out = JSON.parse(json.stdout);
    expect(Object.keys(out)).toEqual(['deadlines', 'effects']);
    expect(out.deadlines[0]).toMatchObject({ clock: 'investigation-report', due: '2026-12-24T10:00:00+08:00', state: 'unavailable', knownState: 'breached', timeLeft: null, timeLeftMs: null, problem: { code: 'CALENDAR_NOT_AVAILABLE', message } });
    expect(out.effects.map((e: any) => [e.type, e.clock, e.due, e.overdueBy])).toEqual([
      ['reminder', 'investigation-report', '2026-12-24T10:00:00+08:00', null],
      ['reminder', 'case-closure-domestic', '2026-12-31T09:00:00+08:00', 'PT121H'],
    ]);
    const r = await cli(['replay', ...args], files);
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toContain(`\n  investigation-report   unavailable (known: breached, due 2026-12-24T10:00:00+08:00) CALENDAR_NOT_AVAILABLE ${message}\n`);
    expect(r.stdout).toContain('\n  r2 reminder investigation-report (due 2026-12-24T10:00:00+08:00)\n  r2 reminder case-closure-domestic (due 2026-12-31T09:00:00+08:00)\n');
  });

  test('a clock met whatever the missing data say: printed as known met, no effect, exit 0', async () => {
    // the report clock starts Tue 2026-12-29 10:00 (due on a 2027 working day); the complaint is rejected Wed 12-30 12:00
    const events = [ev('start-verification', '2026-12-28T11:00:00+08:00'), ev('finish-investigation', '2026-12-29T10:00:00+08:00'), ev('reject-complaint', '2026-12-30T12:00:00+08:00')];
    const files = { 's.json': JSON.stringify({ complaint: lcComplaint({ receivedAt: '2026-12-28T10:00:00+08:00' }), intake: { actor: AGENT }, events }) };
    const message = 'clock "investigation-report": no holiday data for 2027 in calendar "cn-mainland" (it covers 2025–2026)';
    for (const command of ['deadlines', 'replay']) {
      const r = await cli([command, '--json', '--policy', 'manufacturer', '--now', '2027-02-01T10:00:00+08:00', 's.json'], files);
      expect([r.code, r.stderr]).toEqual([0, '']);
      const out = JSON.parse(r.stdout);
      expect(out.deadlines.map((d: any) => [d.clock, d.state, d.knownState, d.due])).toEqual([
        ['investigation-report', 'unavailable', 'met', null],
        ['case-closure-domestic', 'met', undefined, '2027-01-10T10:00:00+08:00'],
      ]);
      expect(out.effects.filter((e: any) => 'clock' in e)).toEqual([]);
    }
    const text = await cli(['deadlines', '--policy', 'manufacturer', '--now', '2027-02-01T10:00:00+08:00', 's.json'], files);
    expect(text.stdout).toContain(`  investigation-report   unavailable (known: met) CALENDAR_NOT_AVAILABLE ${message}  (seed 003 art.3 §九.3)\n`);
  });

  test('errors: now before intake, invalid complaint, calendar without data', async () => {
    const early = await cli(['deadlines', '--json', '--now', '2026-11-20T09:00:00+08:00', 'c.json'], { 'c.json': JSON.stringify(lcComplaint()) });
    // the flag is named, not a $.now of the input file (there is none)
    expect([early.code, early.stdout]).toEqual([2, '']);
    expect(early.stderr.split('\n')[0]).toBe("aftersales deadlines: CLI_USAGE --now 2026-11-20T09:00:00+08:00 is before the case's last event (2026-11-20T10:00:00+08:00): deadlines are read at or after it");
    const replayEarly = await cli(['replay', '--now', '2026-11-20T09:00:00+08:00', 's.json'], { 's.json': JSON.stringify({ complaint: lcComplaint(), events: [ev('start-verification', '2026-11-20T11:00:00+08:00')] }) });
    expect(replayEarly.code).toBe(2);
    expect(replayEarly.stderr.split('\n')[0]).toMatch(/^aftersales replay: CLI_USAGE --now 2026-11-20T09:00:00\+08:00 is before the case's last event/);
    const bad = await cli(['deadlines', '--json', 'c.json'], { 'c.json': JSON.stringify({ ...lcComplaint(), severity: 'urgent' }) });
    expect(bad.stderr).toContain('c.json $.severity: INVALID_INPUT');
    const m = await cli(['deadlines', '--json', '--policy', 'manufacturer', 's.json'], {
      's.json': JSON.stringify({ complaint: lcComplaint({ receivedAt: '2027-01-04T10:00:00+08:00', order: { deliveredAt: null } }), events: [ev('start-verification', '2027-01-04T11:00:00+08:00'), ev('finish-investigation', '2027-01-05T11:00:00+08:00')] }),
    });
    expect(m.code).toBe(1);
    expect(m.stderr).toContain('CALENDAR_NOT_AVAILABLE');
    expect(m.stderr).toContain('lifecycle.json $.clocks[0].calendar: CALENDAR_NOT_AVAILABLE clock "investigation-report": no holiday data for 2027');
    // the report clock has just started (running), its due in 2027 unknown; the 24×7 closure clock is computed and printed
    expect(JSON.parse(m.stdout).deadlines.map((d: any) => [d.clock, d.state, d.knownState])).toEqual([
      ['investigation-report', 'unavailable', 'running'],
      ['case-closure-domestic', 'running', undefined],
    ]);
  });
});

describe('aftersales diagram', () => {
  test('prints the lifecycle as a Mermaid stateDiagram-v2', async () => {
    const r = await cli(['diagram', '--policy', 'ecommerce']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(lifecycleDiagram(ecommerce));
    expect(r.stdout.split('\n').slice(0, 1)).toEqual(['stateDiagram-v2']);
    expect(r.stdout).toContain('  liability_determined --> proposed : propose [min-options 2, resolution-stated]\n');
    expect(r.stdout).toContain('  proposed --> pending_approval : [beyond-authority] / request-approval\n');
    expect(r.stdout).toContain('  closed --> [*]\n');
    expect((await cli(['diagram', 'x.json'])).code).toBe(2);
  });

  test('states whose ids differ only in "-", "." or "_" keep a node each (later ones get _2, _3, …)', () => {
    const files = packFiles('ecommerce');
    const lc = files['lifecycle.json'];
    lc.states.push({ id: 'follow.up', description: 'x' }, { id: 'follow_up', description: 'y' });
    lc.events.push({ id: 'alt', description: 'x' }, { id: 'alt2', description: 'y' });
    const about = { description: 'x', clause: 'test' };
    lc.transitions.push(
      { id: 'alt', ...about, from: 'executing', event: 'alt', to: 'follow.up' },
      { id: 'alt2', ...about, from: 'executing', event: 'alt2', to: 'follow_up' },
      { id: 'close-alt', ...about, from: ['follow.up', 'follow_up'], event: 'close', to: 'closed', outcome: 'resolved' },
    );
    const text = lifecycleDiagram(loadPolicy({ files }));
    expect(text).toContain('  state "follow-up" as follow_up\n');
    expect(text).toContain('  state "follow.up" as follow_up_2\n');
    expect(text).toContain('  state "follow_up" as follow_up_3\n');
    expect(text).toContain('  executing --> follow_up : complete-execution\n');
    expect(text).toContain('  executing --> follow_up_2 : alt\n');
    expect(text).toContain('  executing --> follow_up_3 : alt2\n');
    expect(text).toContain('  follow_up_2 --> closed : close (resolved)\n');
    expect(text).toContain('  follow_up_3 --> closed : close (resolved)\n');
  });

  test.each(['ecommerce', 'manufacturer'])('docs/lifecycle.md embeds the current %s diagram (regenerate with `aftersales diagram --policy <id>`)', (id) => {
    const doc = readFileSync(join(root, 'docs', 'lifecycle.md'), 'utf8');
    expect(doc).toContain('```mermaid\n' + lifecycleDiagram(loadPolicy(id)) + '```');
  });
});

describe('the CLI lists the lifecycle commands', () => {
  test('--help', async () => {
    const r = await cli(['--help']);
    for (const name of ['replay', 'deadlines', 'diagram']) expect(r.stdout).toMatch(new RegExp(`\\n  ${name} +\\S`));
  });
  test('the intake actor is required when a script has no events', async () => {
    const r = await cli(['replay', 's.json'], { 's.json': script([]) });
    expect(r.stderr).toContain('s.json $.intake.actor: INVALID_INPUT');
    const ok = await cli(['replay', '--json', 's.json'], { 's.json': script([], { intake: { actor: AGENT } }) });
    expect(JSON.parse(ok.stdout).snapshot).toMatchObject({ state: 'received', owner: AGENT, revision: 0 });
  });
});
