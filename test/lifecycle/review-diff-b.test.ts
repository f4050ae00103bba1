import { describe, expect, test } from 'vitest';
import { readSnapshot, replay, transition } from '../../src/lifecycle/machine.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { safeLoadPolicy } from '../../src/index.js';
import { deadlines, overdueEffects } from '../../src/sla/deadlines.js';
import { packFiles } from '../packs.js';
import { AGENT, ecommerce, ev, lcComplaint } from './helpers.js';

/**
 * The bundled ecommerce pack as it was before report-progress and decline-approval: lifecycle 1.0.0
 * (pack 1.3.0), whose 24 h progress-feedback clock stopped at determine-liability.
 */
function ecommerce100() {
  const files = packFiles('ecommerce');
  const lc = files['lifecycle.json'];
  lc.version = '1.0.0';
  lc.events = lc.events.filter((e: { id: string }) => e.id !== 'report-progress' && e.id !== 'decline-approval');
  lc.transitions = lc.transitions.filter((t: { id: string }) => t.id !== 'report-progress' && t.id !== 'decline-approval');
  const clock = lc.clocks.find((c: { id: string }) => c.id === 'progress-feedback');
  clock.stop = { events: ['request-third-party-review', 'determine-liability', 'reject-complaint'] };
  delete clock.earlierStops;
  files['manifest.json'].version = '1.3.0';
  return loadPolicy({ files });
}

const COMPLEX = { severity: 'complex' } as const;
const NOW = { now: '2026-11-22T00:00:00+08:00' };
const progress = (policy: typeof ecommerce, s: Parameters<typeof deadlines>[1]) => deadlines(policy, s, NOW).find((d) => d.clock === 'progress-feedback')!;

describe('a case stored under ecommerce lifecycle 1.0.0 keeps the progress-feedback stop it had (earlierStops)', () => {
  const old = ecommerce100();
  const found = () =>
    JSON.parse(JSON.stringify(replay(old, lcComplaint(COMPLEX), [ev('start-verification', '10:30'), ev('determine-liability', '11:00')], { intake: { actor: AGENT } }).snapshot));

  test('its clock, met at the liability finding under 1.0.0, is still met under the bundled pack: no reminder', () => {
    const s = found();
    expect(progress(old, s)).toMatchObject({ state: 'met', stoppedAt: '2026-11-20T11:00:00+08:00' });
    expect(readSnapshot(ecommerce, s).lifecycle).toEqual({ id: 'ecommerce-lifecycle', version: '1.0.0' });
    expect(progress(ecommerce, s)).toMatchObject({ state: 'met', timeLeft: 'PT23H', stoppedAt: '2026-11-20T11:00:00+08:00' });
    expect(overdueEffects(ecommerce, s, NOW)).toEqual([]);
    // continued under the bundled pack, it stays met
    const told = transition(ecommerce, s, ev('report-progress', '2026-11-21T12:00:00+08:00')).snapshot;
    expect(progress(ecommerce, told)).toMatchObject({ state: 'met', stoppedAt: '2026-11-20T11:00:00+08:00' });
  });

  test('an old case still verifying when the pack changed is stopped by report-progress as a new one is', () => {
    const s = JSON.parse(JSON.stringify(replay(old, lcComplaint(COMPLEX), [ev('start-verification', '10:30')], { intake: { actor: AGENT } }).snapshot));
    const told = transition(ecommerce, s, ev('report-progress', '2026-11-21T09:30:00+08:00')).snapshot;
    expect(progress(ecommerce, told)).toMatchObject({ state: 'met', timeLeft: 'PT30M', stoppedAt: '2026-11-21T09:30:00+08:00' });
  });

  test('cases opened under 1.1.0 and later: a liability finding alone does not stop it (unchanged)', () => {
    const files = packFiles('ecommerce');
    files['lifecycle.json'].version = '1.1.0';
    files['lifecycle.json'].events = files['lifecycle.json'].events.filter((e: { id: string }) => e.id !== 'decline-approval');
    files['lifecycle.json'].transitions = files['lifecycle.json'].transitions.filter((t: { id: string }) => t.id !== 'decline-approval');
    delete files['lifecycle.json'].clocks.find((c: { id: string }) => c.id === 'progress-feedback').earlierStops;
    files['manifest.json'].version = '1.4.0';
    const v110 = loadPolicy({ files });
    for (const policy of [v110, ecommerce]) {
      const s = JSON.parse(JSON.stringify(replay(policy, lcComplaint(COMPLEX), [ev('start-verification', '10:30'), ev('determine-liability', '2026-11-21T09:00:00+08:00')], { intake: { actor: AGENT } }).snapshot));
      expect(progress(ecommerce, s)).toMatchObject({ state: 'breached', timeLeft: '-PT14H', stoppedAt: null });
    }
  });

  test('the loader checks earlierStops: declared events and states, at least one, a semantic version', () => {
    const withStops = (earlierStops: unknown) => {
      const files = packFiles('ecommerce');
      files['lifecycle.json'].clocks.find((c: { id: string }) => c.id === 'progress-feedback').earlierStops = earlierStops;
      const r = safeLoadPolicy({ files });
      return r.success ? [] : r.error.issues.map((i) => [i.code, i.path.join('.')]);
    };
    expect(withStops([{ before: '1.1.0', events: ['determine-liability'], states: ['liability-determined'] }])).toEqual([]);
    expect(withStops([{ before: '1.1.0', events: ['determine-liabilty'] }])).toEqual([['UNKNOWN_REFERENCE', 'clocks.1.earlierStops.0.events.0']]);
    expect(withStops([{ before: '1.1.0', states: ['nowhere'] }])).toEqual([['UNKNOWN_REFERENCE', 'clocks.1.earlierStops.0.states.0']]);
    expect(withStops([{ before: '1.1.0' }])).toEqual([['SCHEMA_VIOLATION', 'clocks.1.earlierStops.0']]);
    expect(withStops([{ before: 'soon', events: ['determine-liability'] }])).toEqual([['SCHEMA_VIOLATION', 'clocks.1.earlierStops.0.before']]);
    expect(withStops([{ before: '1.1.0', events: ['intake'] }])).toEqual([['SCHEMA_VIOLATION', 'clocks.1.earlierStops.0.events']]);
  });
});
