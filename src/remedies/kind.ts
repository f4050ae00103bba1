import { checkRuleConditions, compileRuleSet, type CompiledRuleSet } from '../conditions/ruleset.js';
import { LIABILITY_OUTCOME_FACTS, readsInstantText, REMEDY_FACTS } from '../decision/facts.js';
import { signatureMask } from '../decision/signature.js';
import type { FactRegistry } from '../conditions/facts.js';
import { issue } from '../errors/errors.js';
import type { KindContext, KindDefinition } from '../pack/kind.js';
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
  /**
   * When the facts that key the rules' remembered plans are built-in
   * complaint facts that take few values or the liability outcome's facts
   * (and the `memo` load option is on): the complaint-signature bits of that
   * key — `decide` then keeps the plan per liability outcome and signature.
   */
  readonly signatureMask?: number;
  /** The rules can tell how the complaint's instants are written (`readsInstantText`): the decision id then hashes that text. */
  readonly readsInstantText: boolean;
}

/** The facts the rules may read: the built-in ones and the host's (a host fact may take a built-in name). */
const factsOf = (ctx: KindContext) => ({ ...REMEDY_FACTS, ...(ctx.options.facts ?? {}) }) as FactRegistry<never>;

/**
 * The `Remedies` rule-file kind. Each rule must either `offer` an option or
 * `exclude` a type (not both, not neither).
 *
 * @category Remedies
 */
export const RemediesKind: KindDefinition<RemediesFile, CompiledRemedies> = {
  kind: 'Remedies',
  limitedRules: true,
  key: 'remedies',
  schema: RemediesSchema,
  schemaFile: 'remedies.schema.json',
  compile(doc, ctx) {
    doc.rules.forEach((r, i) => {
      if (!!r.offer === !!r.exclude) {
        ctx.issues.push(issue('SCHEMA_VIOLATION', `rule "${r.id}" must have exactly one of "offer" or "exclude"`, ['rules', i], ctx.file));
      }
    });
    const facts = factsOf(ctx);
    const rules = compileRuleSet(doc.rules, doc.conditions, doc.hitPolicy, facts, ctx);
    const mask = ctx.options.memo === false || !rules.outcome ? undefined : signatureMask(rules.outcome.facts, facts, LIABILITY_OUTCOME_FACTS);
    const text = readsInstantText(rules.usedFacts, facts);
    return mask === undefined ? { file: ctx.file, doc, rules, readsInstantText: text } : { file: ctx.file, doc, rules, signatureMask: mask, readsInstantText: text };
  },
  checkInvalid(raw, ctx) {
    // "exactly one of offer or exclude" reads only whether each is given, so it holds for any rule object
    const rules = raw !== null && typeof raw === 'object' ? (raw as { rules?: unknown }).rules : undefined;
    if (Array.isArray(rules)) {
      rules.forEach((r: unknown, i) => {
        if (r === null || typeof r !== 'object' || Array.isArray(r)) return;
        const { id } = r as { id?: unknown };
        // a key that is given but broken (`"offer": null`) counts as given: its own schema issue says what is wrong with it
        const given = (k: 'offer' | 'exclude') => Object.hasOwn(r as object, k) && (r as Record<string, unknown>)[k] !== undefined;
        if (given('offer') === given('exclude')) {
          const name = typeof id === 'string' ? `rule "${id}"` : `rule ${i}`;
          ctx.issues.push(issue('SCHEMA_VIOLATION', `${name} must have exactly one of "offer" or "exclude"`, ['rules', i], ctx.file));
        }
      });
    }
    checkRuleConditions(raw, factsOf(ctx), ctx);
  },
};
