import { expect } from 'vitest';
import { PolicyError } from '../../src/errors/errors.js';
import type { Actor, LifecycleEvent } from '../../src/lifecycle/data.js';
import { replay, start, type TransitionResult } from '../../src/lifecycle/machine.js';
import { loadPolicy } from '../../src/pack/loader.js';
import type { Policy } from '../../src/pack/policy.js';
import { complaint, type ComplaintOverrides } from '../helpers.js';

export const ecommerce: Policy = loadPolicy('ecommerce');

export const AGENT: Actor = { id: 'li.na', role: 'agent' };
export const AGENT2: Actor = { id: 'zhao.lei', role: 'agent' };
export const SUPERVISOR: Actor = { id: 'wang.fang', role: 'supervisor' };
export const MANAGER: Actor = { id: 'chen.jie', role: 'manager' };
export const DEPUTY: Actor = { id: 'sun.li', role: 'deputy-general-manager' };
export const GM: Actor = { id: 'zhou.min', role: 'general-manager' };

/** The complaint of the lifecycle tests: received 2026-11-20 10:00 Shanghai. */
export function lcComplaint(over: ComplaintOverrides = {}) {
  return complaint(over);
}

/** `2026-11-20T<hh:mm>+08:00`, or a full instant when given one. */
export function at(t: string): string {
  return t.includes('T') ? t : `2026-11-20T${t}:00+08:00`;
}

export function ev(type: string, when: string, data?: Record<string, unknown>, actor: Actor = AGENT): LifecycleEvent {
  return { type, at: at(when), actor, ...(data !== undefined ? { data } : {}) };
}

/** A proposal of two options (exchange, refund), both costing `amount`. */
export function proposal(amount = '299.00', resolveBy = '2026-11-27T18:00:00+08:00'): Record<string, unknown> {
  return { options: [{ type: 'exchange', amount }, { type: 'refund', amount }], resolveBy };
}

/** Event logs that bring a fresh case to each resting state of the ecommerce lifecycle. */
export const PATHS: Record<string, LifecycleEvent[]> = {
  received: [],
  verifying: [ev('start-verification', '10:30')],
  'third-party-review': [ev('start-verification', '10:30'), ev('request-third-party-review', '11:00')],
  'liability-determined': [ev('start-verification', '10:30'), ev('determine-liability', '11:00', { party: 'manufacturer', upheld: true })],
  'pending-approval': [ev('start-verification', '10:30'), ev('determine-liability', '11:00'), ev('propose', '12:00', proposal('2999.00'))],
  'awaiting-customer': [ev('start-verification', '10:30'), ev('determine-liability', '11:00'), ev('propose', '12:00', proposal())],
  executing: [ev('start-verification', '10:30'), ev('determine-liability', '11:00'), ev('propose', '12:00', proposal()), ev('customer-accept', '13:00', { option: 'exchange' })],
  'follow-up': [
    ev('start-verification', '10:30'),
    ev('determine-liability', '11:00'),
    ev('propose', '12:00', proposal()),
    ev('customer-accept', '13:00', { option: 'exchange' }),
    ev('complete-execution', '2026-11-23T10:00:00+08:00'),
  ],
  closed: [
    ev('start-verification', '10:30'),
    ev('determine-liability', '11:00'),
    ev('propose', '12:00', proposal()),
    ev('customer-accept', '13:00', { option: 'exchange' }),
    ev('complete-execution', '2026-11-23T10:00:00+08:00'),
    ev('record-follow-up', '2026-11-24T10:00:00+08:00', { satisfaction: 5 }),
    ev('close', '2026-11-24T10:05:00+08:00'),
  ],
};

/** The case after replaying the path to `state`. */
export function caseIn(state: string, policy: Policy = ecommerce, over: ComplaintOverrides = {}): TransitionResult {
  const events = PATHS[state]!;
  return events.length ? replay(policy, lcComplaint(over), events, { intake: { actor: AGENT } }) : start(policy, lcComplaint(over), { actor: AGENT });
}

/** The closed path with a bad `at` in events[1], `actor: {}` in events[4] and events[5] without `at` and `actor`. */
export function badShapes(): unknown[] {
  const events: unknown[] = PATHS.closed!.map((e) => ({ ...e }));
  events[1] = { ...(events[1] as object), at: 'yesterday' };
  events[4] = { ...(events[4] as object), actor: {} };
  events[5] = { type: 'record-follow-up', data: { satisfaction: 5 } };
  return events;
}

export { thrown } from '../helpers.js';
