import { compileRuleSet, type CompiledRuleSet } from '../conditions/ruleset.js';
import { COMPLAINT_FACTS } from '../decision/facts.js';
import type { FactRegistry } from '../conditions/facts.js';
import type { KindDefinition } from '../pack/kind.js';
import { LiabilitySchema, type LiabilityFile, type LiabilityRule } from './schema.js';

/**
 * Compiled liability rules.
 *
 * @category Liability
 */
export interface CompiledLiability {
  readonly file: string;
  readonly doc: LiabilityFile;
  readonly rules: CompiledRuleSet<LiabilityRule>;
}

/**
 * The `Liability` rule-file kind.
 *
 * @category Liability
 */
export const LiabilityKind: KindDefinition<LiabilityFile, CompiledLiability> = {
  kind: 'Liability',
  key: 'liability',
  schema: LiabilitySchema,
  schemaFile: 'liability.schema.json',
  compile(doc, ctx) {
    const facts = { ...COMPLAINT_FACTS, ...(ctx.options.facts ?? {}) } as FactRegistry<never>;
    return { file: ctx.file, doc, rules: compileRuleSet(doc.rules, doc.conditions, doc.hitPolicy, facts, ctx) };
  },
};
