import { compileRuleSet, type CompiledRuleSet } from '../conditions/ruleset.js';
import { REMEDY_FACTS } from '../decision/facts.js';
import type { FactRegistry } from '../conditions/facts.js';
import { issue } from '../errors/errors.js';
import type { KindDefinition } from '../pack/kind.js';
import { RemediesSchema, type RemediesFile, type RemedyRule } from './schema.js';

/**
 * Compiled remedy rules.
 *
 * @category Remedies
 */
export interface CompiledRemedies {
  readonly file: string;
  readonly doc: RemediesFile;
  readonly rules: CompiledRuleSet<RemedyRule>;
}

/**
 * The `Remedies` rule-file kind. Each rule must either `offer` an option or
 * `exclude` a type (not both, not neither).
 *
 * @category Remedies
 */
export const RemediesKind: KindDefinition<RemediesFile, CompiledRemedies> = {
  kind: 'Remedies',
  key: 'remedies',
  schema: RemediesSchema,
  schemaFile: 'remedies.schema.json',
  compile(doc, ctx) {
    doc.rules.forEach((r, i) => {
      if (!!r.offer === !!r.exclude) {
        ctx.issues.push(issue('SCHEMA_VIOLATION', `rule "${r.id}" must have exactly one of "offer" or "exclude"`, ['rules', i], ctx.file));
      }
    });
    const facts = { ...REMEDY_FACTS, ...(ctx.options.facts ?? {}) } as FactRegistry<never>;
    return { file: ctx.file, doc, rules: compileRuleSet(doc.rules, doc.conditions, doc.hitPolicy, facts, ctx) };
  },
};
