import { z } from 'zod';
import { zId } from '../bands/bands.js';
import { parseInput, requirePart, type CalculationStep } from '../loss/input.js';
import type { Policy } from '../pack/policy.js';
import type { AttributionLevel } from './schema.js';

/**
 * Input of {@link attributeLiability}: the liable department and, when they
 * are known, the smallest team and the individual.
 *
 * @example
 * ```ts
 * AttributionInputSchema.parse({ department: 'manufacturing', team: 'smt-2' }) // → { department: 'manufacturing', team: 'smt-2' }
 * ```
 * @category Penalties
 */
export const AttributionInputSchema = z
  .strictObject({
    department: zId.meta({ description: 'Department id, e.g. "manufacturing", "sales", "service", "warehouse".' }),
    team: z.string().min(1).max(100).optional().meta({ description: 'The smallest team (组单元) the cause was traced to, if known.' }),
    individual: z.string().min(1).max(100).optional().meta({ description: 'The person the cause was traced to, if known.' }),
  })
  .meta({ id: 'AttributionInput', title: 'aftersales-policy attribution input' });

/** Input of {@link attributeLiability}. @category Penalties */
export type AttributionInput = z.input<typeof AttributionInputSchema>;

/**
 * Whom a complaint deduction is attributed to.
 *
 * @category Penalties
 */
export interface Attribution {
  /** The level attributed to: `team`, `individual`, or `department` when the input gives none of the rule's preferred levels (or no rule is for the department). */
  readonly level: AttributionLevel;
  /** The team id, the individual's id, or the department id. */
  readonly target: string;
  /** The department id, as given in the input, e.g. `manufacturing`. */
  readonly department: string;
  /** The attribution rule applied (or the default's id). */
  readonly ruleId: string;
  /** The policy clause of the rule applied (or of the default), e.g. `seed 003 art.3 经济处罚准则 (一); (四)`. */
  readonly clause: string;
  /** One `attribution` step naming the rule applied and, in words, whom the deduction is attributed to. */
  readonly trace: readonly CalculationStep[];
}

/**
 * Attributes a complaint deduction (seed 003 art.3 经济处罚准则 一, 二): in
 * manufacturing to the smallest team where the cause arose, else the whole
 * section; in sales and service to the individual, else the department; any
 * other department to the department. Which levels each department tries is
 * declared in the pack's `EconomicPenalty` file.
 *
 * @param policy - a loaded policy with an `EconomicPenalty` file
 * @param input - `{ department, team?, individual? }` (untrusted)
 * @returns the level, the target id and the rule applied
 * @throws InputError for invalid input
 * @example
 * ```ts
 * attributeLiability(loadPolicy('manufacturer'), { department: 'manufacturing', team: 'smt-2', individual: 'e1024' })
 * // → { level: 'team', target: 'smt-2', department: 'manufacturing', ruleId: 'manufacturing-smallest-team', … }
 * ```
 * @category Penalties
 */
export function attributeLiability(policy: Policy, input: unknown): Attribution {
  const part = requirePart(policy, 'deductions', 'EconomicPenalty', 'attributeLiability');
  const v = parseInput(AttributionInputSchema, input);
  const rule = part.doc.attribution.rules.find((r) => r.department === v.department);
  if (rule) {
    for (const level of rule.prefer) {
      const target = level === 'team' ? v.team : v.individual;
      if (target !== undefined) {
        return {
          level,
          target,
          department: v.department,
          ruleId: rule.id,
          clause: rule.clause,
          trace: [{ step: 'attribution', id: rule.id, clause: rule.clause, detail: `${v.department}: attributed to the ${level} "${target}"` }],
        };
      }
    }
    return {
      level: 'department',
      target: v.department,
      department: v.department,
      ruleId: rule.id,
      clause: rule.clause,
      trace: [{ step: 'attribution', id: rule.id, clause: rule.clause, detail: `${v.department}: no ${rule.prefer.join(' or ')} identified, attributed to the whole department` }],
    };
  }
  const d = part.doc.attribution.default;
  return {
    level: 'department',
    target: v.department,
    department: v.department,
    ruleId: d.id,
    clause: d.clause,
    trace: [{ step: 'attribution', id: d.id, clause: d.clause, detail: `${v.department}: attributed to the department` }],
  };
}
