import type { z } from 'zod';
import type { FactDefinition } from '../conditions/facts.js';
import type { OperatorDefinition } from '../conditions/operators.js';
import type { PolicyIssue } from '../errors/errors.js';
import type { PackSettings } from './manifest.js';

/**
 * Options of `loadPolicy`: host extensions and limits. An option (or limit)
 * set to `undefined` counts as not given.
 *
 * @category Packs
 */
export interface LoadOptions {
  /** Extra facts the host provides to decision conditions (XState-style: names in JSON, code from the host). */
  readonly facts?: Readonly<Record<string, FactDefinition<any>>> | undefined;
  /** Extra operators. Built-in names cannot be replaced. */
  readonly operators?: Readonly<Record<string, OperatorDefinition>> | undefined;
  /**
   * Load limits, each a positive integer (anything else, or a key that is
   * not one of these, is a `RangeError`):
   * `maxBytes` a file (default 1 MiB), `maxDepth` JSON nesting in a file
   * (64), `maxFiles` in the pack (64), `maxTotalBytes` of the whole pack
   * (8 MiB), `maxConditionDepth` of one rule's conditions (32),
   * `maxConditionNodes`, the comparisons and groups of one file's conditions
   * with named conditions counted wherever they are referred to (100,000), and
   * `maxRules` (1,000), the most rules one liability or remedies file may
   * hold; a file with more is refused with `JSON_TOO_LARGE` before its rules
   * are read. `maxDepth` and `maxConditionDepth` may be at most 256
   * (`MAX_NESTING_LIMIT`; deeper nesting could overflow the call stack).
   * A problem over a limit names the option to raise, e.g.
   * `(load option limits.maxBytes)`; the CLI's flags are the same names in
   * kebab-case (`--max-bytes`).
   */
  readonly limits?:
    | {
        readonly maxBytes?: number | undefined;
        readonly maxDepth?: number | undefined;
        readonly maxFiles?: number | undefined;
        readonly maxTotalBytes?: number | undefined;
        readonly maxConditionDepth?: number | undefined;
        readonly maxConditionNodes?: number | undefined;
        readonly maxRules?: number | undefined;
      }
    | undefined;
  /**
   * Remember what rules that read only finite facts (booleans, listed
   * strings) gave for values of those facts seen before, and reuse it
   * (default `true`): without a trace, the rules that fired; with a trace,
   * each such rule's entry (frozen and shared between decisions) — also the
   * entry of a rule that reads other facts when its finite comparisons
   * alone decided it; and, when
   * the liability rules read only built-in finite complaint facts, the
   * liability outcome per complaint signature. Turn it off when a host fact
   * or operator is not a pure function of its inputs.
   */
  readonly memo?: boolean | undefined;
}

/**
 * A validated rule file as the compiler sees it.
 *
 * @category Packs
 */
export interface PackDocument {
  /** Pack-relative file name, e.g. `liability.json`. */
  readonly file: string;
  /** The file's `kind` header, e.g. `Liability` or `PenaltyBands`. */
  readonly kind: string;
  /** The document as parsed by its kind's schema. */
  readonly doc: any;
}

/**
 * What a kind's compiler receives.
 *
 * @category Packs
 */
export interface KindContext {
  /** Pack-relative name of the file being compiled, e.g. `liability.json`: the `file` of every issue it reports. */
  readonly file: string;
  /** Push every problem here; the pack is refused if any is pushed. */
  readonly issues: PolicyIssue[];
  /** The options the pack is loaded with: host facts and operators, limits, `memo`. */
  readonly options: LoadOptions;
  /** The manifest's pack-wide settings (time zone, currency, rounding), defaults applied. */
  readonly settings: PackSettings;
  /** Every validated document of the pack (for cross-kind checks). */
  readonly documents: readonly PackDocument[];
}

/**
 * One kind of rule file: its schema (the single source of truth), its JSON
 * Schema file name, and its compiler. Adding a kind = adding one of these to
 * the registry.
 *
 * @category Packs
 */
export interface KindDefinition<Doc = any, Compiled = any> {
  /** The `kind` value in the file header, e.g. `Liability`. */
  readonly kind: string;
  /** Property of the compiled policy that holds this kind, e.g. `liability`. */
  readonly key: string;
  /** Full document schema including the header. */
  readonly schema: z.ZodType<Doc>;
  /** File name of the generated JSON Schema under `schemas/`. */
  readonly schemaFile: string;
  /** True when a pack may hold several files of this kind. */
  readonly multiple?: boolean;
  /** True when the file's `rules` count against the load option `limits.maxRules`. */
  readonly limitedRules?: boolean;
  /** Semantic checks and compilation; push problems to `ctx.issues`. */
  compile(doc: Doc, ctx: KindContext): Compiled;
  /**
   * The semantic checks that still make sense on a file that failed its
   * schema (it is not compiled), so a pack's problems are reported at once;
   * push problems to `ctx.issues`.
   */
  checkInvalid?(raw: unknown, ctx: KindContext): void;
}
