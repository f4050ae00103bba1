import type { Policy } from '../pack/policy.js';
import type { CompiledTransition } from './kind.js';
import { requireLifecycle } from './snapshot.js';

/**
 * Mermaid ids of the states: letters, digits and `_` only (labels keep the
 * real ids). State ids that differ only in `-`, `.` or `_` would map to one
 * node: the later ones get `_2`, `_3`, … so every state keeps a node of its own.
 */
function mermaidIds(stateIds: Iterable<string>): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of stateIds) {
    const base = id.replace(/[^A-Za-z0-9_]/g, '_');
    let m = base;
    for (let n = 2; used.has(m); n++) m = `${base}_${n}`;
    used.add(m);
    out.set(id, m);
  }
  return out;
}

function guardText(t: CompiledTransition): string {
  const names = t.guards.map((g) => (g.decl.guard === 'min-options' ? `min-options ${g.decl.min}` : g.name));
  return names.length ? `[${names.join(', ')}]` : '';
}

function edgeLabel(t: CompiledTransition): string {
  const parts = [t.event ?? '', guardText(t)];
  if (t.outcome) parts.push(`(${t.outcome})`);
  const effects = t.effects.filter((e) => e.type === 'open-linked-complaint' || e.type === 'request-approval').map((e) => e.type);
  if (effects.length) parts.push(`/ ${effects.join(', ')}`);
  return parts.filter(Boolean).join(' ').replace(/[;#]/g, ' ');
}

/**
 * Draws a policy's lifecycle as a Mermaid `stateDiagram-v2`: every state
 * (labelled with its id), `[*]` into the initial state at intake, every
 * transition labelled `event [guards] (outcome) / notable effects`, automatic
 * transitions labelled with their guards only, terminal states into `[*]`
 * with a note of their outcomes, and a note for transitions allowed in every
 * open state that keep the state (e.g. `hand-off`).
 *
 * @param policy - a loaded policy with a Lifecycle file
 * @returns Mermaid source text ending with a newline
 * @throws PolicyError `KIND_MISSING` without a Lifecycle file
 * @example
 * ```ts
 * lifecycleDiagram(loadPolicy('ecommerce')).split('\n')[0] // → 'stateDiagram-v2'
 * ```
 * @category Lifecycle
 */
export function lifecycleDiagram(policy: Policy): string {
  const lc = requireLifecycle(policy);
  const ids = mermaidIds(lc.states.keys());
  const mid = (id: string) => ids.get(id)!;
  const lines = ['stateDiagram-v2', `  %% ${lc.id} ${lc.version} (pack ${policy.id} ${policy.version})`];
  for (const s of lc.states.values()) lines.push(`  state "${s.id}" as ${mid(s.id)}`);
  lines.push(`  [*] --> ${mid(lc.initial)} : intake`);
  const open = [...lc.states.values()].filter((s) => !s.terminal).map((s) => s.id);
  const notes: string[] = [];
  for (const t of lc.transitions) {
    const d = t.decl;
    if (d.from === '*' && t.to === null) {
      notes.push(`${t.event} in every open state (the state stays)`);
      continue;
    }
    const froms = d.from === '*' ? open : typeof d.from === 'string' ? [d.from] : d.from;
    for (const f of froms) lines.push(`  ${mid(f)} --> ${mid(t.to ?? f)} : ${edgeLabel(t)}`);
  }
  for (const s of lc.states.values()) {
    if (!s.terminal) continue;
    lines.push(`  ${mid(s.id)} --> [*]`);
    lines.push(`  note right of ${mid(s.id)} : outcomes ${(s.outcomes ?? []).join(', ')}`);
  }
  for (const n of notes) lines.push(`  note left of ${mid(lc.initial)} : ${n.replace(/[;#]/g, ' ')}`);
  return `${lines.join('\n')}\n`;
}
