import { describe, expect, test } from 'vitest';
import { cli, complaint } from '../helpers.js';

const AGENT = { id: 'li.na', role: 'agent' };
const received = complaint({ receivedAt: '2026-11-20T10:00:00.500+08:00' });

describe('instants with milliseconds are printed with them', () => {
  test('deadlines and replay: a clock breached by 200 ms shows due and stoppedAt to the millisecond', async () => {
    const script = JSON.stringify({ complaint: received, events: [{ type: 'start-verification', at: '2026-11-20T12:00:00.700+08:00', actor: AGENT }] });
    for (const command of ['deadlines', 'replay']) {
      const r = await cli([command, '--json', 's.json'], { 's.json': script });
      expect([r.code, r.stderr]).toEqual([0, '']);
      const out = JSON.parse(r.stdout);
      expect(out.deadlines[0]).toMatchObject({
        clock: 'first-contact',
        state: 'breached',
        due: '2026-11-20T12:00:00.500+08:00',
        startedAt: '2026-11-20T10:00:00.500+08:00',
        stoppedAt: '2026-11-20T12:00:00.700+08:00',
        timeLeft: '-PT0.2S',
      });
    }
    const text = await cli(['deadlines', 's.json'], { 's.json': script });
    expect(text.stdout.split('\n')[0]).toBe('Deadlines at 2026-11-20T12:00:00.700+08:00:');
  });

  test('evaluate: audit.now and the due dates keep the milliseconds, and the printed now reproduces the decision id', async () => {
    const first = await cli(['evaluate', '--json', 'c.json'], { 'c.json': JSON.stringify(received) });
    expect([first.code, first.stderr]).toEqual([0, '']);
    const d = JSON.parse(first.stdout);
    expect(d.audit.now).toBe('2026-11-20T10:00:00.500+08:00');
    expect(d.remedies.map((r: { type: string; resolveBy: string }) => [r.type, r.resolveBy])).toEqual([
      ['exchange', '2026-11-27T10:00:00.500+08:00'],
      ['refund', '2026-11-27T10:00:00.500+08:00'],
      ['repair', '2026-12-05T10:00:00.500+08:00'],
      ['technical-guidance', '2026-11-21T10:00:00.500+08:00'],
    ]);
    const again = await cli(['evaluate', '--json', '--now', d.audit.now, 'c.json'], { 'c.json': JSON.stringify(received) });
    expect(JSON.parse(again.stdout).audit).toEqual(d.audit);
    const whole = await cli(['evaluate', '--json', '--now', '2026-11-20T10:00:01+08:00', 'c.json'], { 'c.json': JSON.stringify(received) });
    expect(JSON.parse(whole.stdout).audit.now).toBe('2026-11-20T10:00:01+08:00');
    expect(JSON.parse(whole.stdout).audit.decisionId).not.toBe(d.audit.decisionId);
  });
});
