import { checkRuleConditions, compileRuleSet, type CompiledRuleSet } from '../conditions/ruleset.js';
import { COMPLAINT_FACTS, readsInstantText } from '../decision/facts.js';
import { signatureMask } from '../decision/signature.js';
import type { FactRegistry } from '../conditions/facts.js';
import type { KindContext, KindDefinition } from '../pack/kind.js';
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
  /**
   * When the rules read only built-in complaint facts that take few values
   * (and the `memo` load option is on): the complaint-signature bits that
   * decide the outcome — `decide` then keeps the outcome per signature.
   */
  readonly signatureMask?: number;
  /** The rules can tell how the complaint's instants are written (`readsInstantText`): the decision id then hashes that text. */
  readonly readsInstantText: boolean;
}

/** The facts the rules may read: the built-in ones and the host's (a host fact may take a built-in name). */
const factsOf = (ctx: KindContext) => ({ ...COMPLAINT_FACTS, ...(ctx.options.facts ?? {}) }) as FactRegistry<never>;

/**
 * The `Liability` rule-file kind.
 *
 * @category Liability
 */
export const LiabilityKind: KindDefinition<LiabilityFile, CompiledLiability> = {
  kind: 'Liability',
  limitedRules: true,
  key: 'liability',
  schema: LiabilitySchema,
  schemaFile: 'liability.schema.json',
  compile(doc, ctx) {
    const facts = factsOf(ctx);
    const rules = compileRuleSet(doc.rules, doc.conditions, doc.hitPolicy, facts, ctx);
    const mask = ctx.options.memo === false ? undefined : signatureMask(rules.usedFacts, facts);
    const text = readsInstantText(rules.usedFacts, facts);
    return mask === undefined ? { file: ctx.file, doc, rules, readsInstantText: text } : { file: ctx.file, doc, rules, signatureMask: mask, readsInstantText: text };
  },
  checkInvalid(raw, ctx) {
    checkRuleConditions(raw, factsOf(ctx), ctx);
  },
};
