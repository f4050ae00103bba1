import { checkBands, compileBands, type CompiledBands } from '../bands/bands.js';
import { issue } from '../errors/errors.js';
import { dec } from '../money/money.js';
import type { KindDefinition } from '../pack/kind.js';
import {
  EconomicPenaltySchema,
  PenaltyBandsSchema,
  SANCTION_TYPES,
  type EconomicPenaltyFile,
  type FineRule,
  type PenaltyBand,
  type PenaltyBandsFile,
  type Sanction,
  type SanctionType,
} from './schema.js';

/**
 * Compiled penalty bands.
 *
 * @category Penalties
 */
export interface CompiledPenaltyBands {
  readonly file: string;
  readonly doc: PenaltyBandsFile;
  readonly bands: CompiledBands<PenaltyBand>;
  /** The fine rule of each sanction type. */
  readonly fines: ReadonlyMap<SanctionType, FineRule>;
}

/**
 * Compiled economic penalty rules.
 *
 * @category Penalties
 */
export interface CompiledEconomicPenalty {
  readonly file: string;
  readonly doc: EconomicPenaltyFile;
}

/**
 * Orders sanctions: by type (self-criticism < reprimand < minor demerit <
 * major demerit), then by count.
 *
 * @param a - a sanction
 * @param b - another sanction
 * @returns negative when `a` is lighter, 0 when equal, positive when heavier
 * @example
 * ```ts
 * compareSanctions({ type: 'reprimand', count: 2 }, { type: 'minor-demerit', count: 1 }) // → negative
 * ```
 * @category Penalties
 */
export function compareSanctions(a: Pick<Sanction, 'type' | 'count'>, b: Pick<Sanction, 'type' | 'count'>): number {
  return SANCTION_TYPES.indexOf(a.type) - SANCTION_TYPES.indexOf(b.type) || a.count - b.count;
}

/**
 * Writes a sanction for people: `reprimand ×2`, `major demerit ×2 or more`.
 *
 * @param s - the sanction
 * @returns the text
 * @example
 * ```ts
 * describeSanction({ type: 'minor-demerit', count: 1 }) // → 'minor demerit ×1'
 * ```
 * @category Penalties
 */
export function describeSanction(s: Pick<Sanction, 'type' | 'count'> & { readonly orMore?: boolean | undefined }): string {
  const name = s.type === 'self-criticism' ? 'written self-criticism' : s.type.replace('-', ' ');
  return s.type === 'self-criticism' && s.count === 1 ? name : `${name} ×${s.count}${s.orMore ? ' or more' : ''}`;
}

/**
 * The `PenaltyBands` rule-file kind (key `penalties`). Checks: bands with no
 * gap, overlap, unreachable band or repeated id (naming the bands); sanctions
 * never lighter in a higher band; a supervisor rule that can be applied; one
 * fine rule per sanction type used.
 *
 * @example
 * ```ts
 * loadPolicy('manufacturer').penalties!.bands.select(dec('10000.01'))!.id // → 'reprimand-1'
 * ```
 * @category Penalties
 */
export const PenaltyBandsKind: KindDefinition<PenaltyBandsFile, CompiledPenaltyBands> = {
  kind: 'PenaltyBands',
  key: 'penalties',
  schema: PenaltyBandsSchema,
  schemaFile: 'penalties.schema.json',
  compile(doc, ctx) {
    const f = ctx.file;
    ctx.issues.push(...checkBands(doc.bands, f, ['bands']));
    doc.bands.forEach((b, i) => {
      const prev = doc.bands[i - 1];
      if (prev && compareSanctions(b.sanction, prev.sanction) < 0) {
        ctx.issues.push(
          issue(
            'BAND_NOT_MONOTONIC',
            `band "${b.id}" (${describeSanction(b.sanction)}) is lighter than the band below it, "${prev.id}" (${describeSanction(prev.sanction)})`,
            ['bands', i, 'sanction'],
            f,
          ),
        );
      }
      const s = b.supervisor;
      if (s.jointPenalty && s.levelsLower === undefined) {
        ctx.issues.push(issue('SCHEMA_VIOLATION', `band "${b.id}": a joint penalty needs "levelsLower" (1 = one level lower)`, ['bands', i, 'supervisor', 'levelsLower'], f));
      } else if (!s.jointPenalty && s.levelsLower !== undefined) {
        ctx.issues.push(issue('SCHEMA_VIOLATION', `band "${b.id}": "levelsLower" only applies with "jointPenalty": true`, ['bands', i, 'supervisor', 'levelsLower'], f));
      } else if (s.jointPenalty && s.levelsLower! > i) {
        ctx.issues.push(
          issue('UNKNOWN_REFERENCE', `band "${b.id}": there is no band ${s.levelsLower} level(s) lower to take the supervisor's sanction from`, ['bands', i, 'supervisor', 'levelsLower'], f),
        );
      }
    });
    const fines = new Map<SanctionType, FineRule>();
    const fineIds = new Map<string, number>();
    doc.fines.forEach((r, i) => {
      const first = fineIds.get(r.id);
      if (first !== undefined) ctx.issues.push(issue('DUPLICATE_ID', `fine rule id "${r.id}" is already used by fine rule ${first}`, ['fines', i, 'id'], f));
      else fineIds.set(r.id, i);
      const other = fines.get(r.sanction);
      if (other) ctx.issues.push(issue('DUPLICATE_ID', `fine rules "${other.id}" and "${r.id}" both convert ${r.sanction}`, ['fines', i, 'sanction'], f));
      else fines.set(r.sanction, r);
    });
    const reported = new Set<string>();
    doc.bands.forEach((b, i) => {
      if (!fines.has(b.sanction.type) && !reported.has(b.sanction.type)) {
        reported.add(b.sanction.type);
        ctx.issues.push(issue('UNKNOWN_REFERENCE', `band "${b.id}": no fine rule converts ${b.sanction.type}`, ['bands', i, 'sanction', 'type'], f));
      }
    });
    return { file: f, doc, bands: compileBands(doc.bands), fines };
  },
};

/**
 * The `EconomicPenalty` rule-file kind (key `deductions`). Checks: unique rule
 * ids and departments, a cap rate above 0 and at most 1.
 *
 * @example
 * ```ts
 * loadPolicy('manufacturer').deductions!.doc.cap.rate // → '0.50'
 * ```
 * @category Penalties
 */
export const EconomicPenaltyKind: KindDefinition<EconomicPenaltyFile, CompiledEconomicPenalty> = {
  kind: 'EconomicPenalty',
  key: 'deductions',
  schema: EconomicPenaltySchema,
  schemaFile: 'deductions.schema.json',
  compile(doc, ctx) {
    const f = ctx.file;
    const ids = new Map<string, string>([[doc.attribution.default.id, 'the default']]);
    const departments = new Map<string, string>();
    doc.attribution.rules.forEach((r, i) => {
      const at = ['attribution', 'rules', i];
      if (ids.has(r.id)) ctx.issues.push(issue('DUPLICATE_ID', `attribution rule id "${r.id}" is already used by ${ids.get(r.id)}`, [...at, 'id'], f));
      else ids.set(r.id, `rule ${i}`);
      if (departments.has(r.department)) {
        ctx.issues.push(issue('DUPLICATE_ID', `department "${r.department}" already has the attribution rule "${departments.get(r.department)}"`, [...at, 'department'], f));
      } else departments.set(r.department, r.id);
      if (new Set(r.prefer).size !== r.prefer.length) ctx.issues.push(issue('SCHEMA_VIOLATION', `attribution rule "${r.id}" lists a level twice`, [...at, 'prefer'], f));
    });
    const rate = dec(doc.cap.rate);
    if (rate.lte(0) || rate.gt(1)) {
      ctx.issues.push(issue('SCHEMA_VIOLATION', `the monthly cap rate must be above 0 and at most 1, got ${doc.cap.rate}`, ['cap', 'rate'], f));
    }
    return { file: f, doc };
  },
};
