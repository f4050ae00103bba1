import { bandSlots, checkBandSlots, compileBands, outOfOrder, zId, type BandSlot, type CompiledBands } from '../bands/bands.js';
import { pushAll, issue } from '../errors/errors.js';
import { dec } from '../money/money.js';
import type { KindContext, KindDefinition } from '../pack/kind.js';
import {
  EconomicPenaltySchema,
  PenaltyBandsSchema,
  SANCTION_TYPES,
  zSanction,
  zSupervisorRule,
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
  /** Pack-relative name of the `PenaltyBands` file, e.g. `penalties.json`. */
  readonly file: string;
  /** The file as validated by its schema (defaults applied; frozen once the pack is loaded). */
  readonly doc: PenaltyBandsFile;
  /** The file's bands compiled for lookups: `select(amount)` gives the band of a liability amount. */
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
  /** Pack-relative name of the `EconomicPenalty` file, e.g. `deductions.json`. */
  readonly file: string;
  /** The file as validated by its schema (defaults applied; frozen once the pack is loaded): attribution rules, share and cap. */
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
    checkPenaltyBands(
      doc.bands.map((b) => ({ id: b.id, band: b, sanction: b.sanction, type: b.sanction.type, supervisor: b.supervisor })),
      doc.fines.map((r) => ({ id: r.id, sanction: r.sanction })),
      ctx,
    );
    const fines = new Map<SanctionType, FineRule>();
    for (const r of doc.fines) if (!fines.has(r.sanction)) fines.set(r.sanction, r);
    return { file: ctx.file, doc, bands: compileBands(doc.bands), fines };
  },
  checkInvalid(raw, ctx) {
    const o = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    const part = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown): T | undefined => {
      const r = schema.safeParse(v);
      return r.success ? r.data : undefined;
    };
    const field = (item: unknown, key: string): unknown => (item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>)[key] : undefined);
    const rawBands = Array.isArray(o.bands) ? (o.bands as unknown[]) : [];
    const bands = bandSlots(o.bands).map((slot, i) => ({
      ...slot,
      sanction: part(zSanction, field(rawBands[i], 'sanction')),
      type: part(zSanction.shape.type, field(field(rawBands[i], 'sanction'), 'type')),
      supervisor: part(zSupervisorRule, field(rawBands[i], 'supervisor')),
    }));
    // a fine rule that is not an object gives nothing; its parts that are valid still count
    // an empty list fails its own schema: the fine rules that would convert the bands are missing, not absent by choice
    const fines = Array.isArray(o.fines) && o.fines.length > 0
      ? (o.fines as unknown[]).map((r) => ({ id: part(zId, field(r, 'id')), sanction: part(zSanction.shape.type, field(r, 'sanction')) }))
      : undefined;
    checkPenaltyBands(bands, fines, ctx);
  },
};

/** The parts of a penalty band the checks read; each is absent when invalid (a file that failed its schema). */
interface PenaltyBandPart extends BandSlot {
  readonly sanction?: Sanction | undefined;
  readonly type?: SanctionType | undefined;
  readonly supervisor?: PenaltyBand['supervisor'] | undefined;
}

/**
 * The semantic checks of a penalty band file, on its valid parts: every
 * check runs on the bands (and fine rules) whose parts it reads are valid.
 * "No fine rule converts X" runs only when every fine rule's sanction is
 * known (`fines` given, each with its `sanction`): a fine rule whose sanction
 * is broken may be the one meant for X, and a follow-on error is not reported.
 */
function checkPenaltyBands(bands: readonly PenaltyBandPart[], fines: ReadonlyArray<{ readonly id?: string | undefined; readonly sanction?: SanctionType | undefined }> | undefined, ctx: KindContext): void {
  const f = ctx.file;
  pushAll(ctx.issues, checkBandSlots(bands, f, ['bands']));
  // bands out of order (BAND_ORDER) are not compared sanction by sanction: "the band below it" is not below it
  const inOrder = outOfOrder(bands).length === 0;
  bands.forEach((b, i) => {
    const prev = bands[i - 1];
    if (inOrder && prev?.id !== undefined && prev.sanction && b.id !== undefined && b.sanction && compareSanctions(b.sanction, prev.sanction) < 0) {
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
    if (!s || b.id === undefined) return;
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
  const converts = new Map<SanctionType, string | undefined>();
  const fineIds = new Map<string, number>();
  (fines ?? []).forEach((r, i) => {
    if (r.id !== undefined) {
      const first = fineIds.get(r.id);
      if (first !== undefined) ctx.issues.push(issue('DUPLICATE_ID', `fine rule id "${r.id}" is already used by fine rule ${first}`, ['fines', i, 'id'], f));
      else fineIds.set(r.id, i);
    }
    if (r.sanction === undefined) return;
    if (converts.has(r.sanction)) {
      const other = converts.get(r.sanction);
      if (other !== undefined && r.id !== undefined) ctx.issues.push(issue('DUPLICATE_ID', `fine rules "${other}" and "${r.id}" both convert ${r.sanction}`, ['fines', i, 'sanction'], f));
    } else converts.set(r.sanction, r.id);
  });
  if (!fines || fines.some((r) => r.sanction === undefined)) return;
  const reported = new Set<string>();
  bands.forEach((b, i) => {
    if (b.type !== undefined && b.id !== undefined && !converts.has(b.type) && !reported.has(b.type)) {
      reported.add(b.type);
      ctx.issues.push(issue('UNKNOWN_REFERENCE', `band "${b.id}": no fine rule converts ${b.type}`, ['bands', i, 'sanction', 'type'], f));
    }
  });
}

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
    checkEconomicPenalty(
      doc.attribution.default.id,
      doc.attribution.rules.map((r) => ({ id: r.id, department: r.department, prefer: r.prefer })),
      doc.cap.rate,
      ctx,
    );
    return { file: ctx.file, doc };
  },
  checkInvalid(raw, ctx) {
    const field = (item: unknown, key: string): unknown => (item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as Record<string, unknown>)[key] : undefined);
    const valid = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, v: unknown): T | undefined => {
      const r = schema.safeParse(v);
      return r.success ? r.data : undefined;
    };
    const attribution = field(raw, 'attribution');
    const rules = field(attribution, 'rules');
    const rule = EconomicPenaltySchema.shape.attribution.shape.rules.element.shape;
    checkEconomicPenalty(
      valid(zId, field(field(attribution, 'default'), 'id')),
      Array.isArray(rules) ? rules.map((r: unknown) => ({ id: valid(rule.id, field(r, 'id')), department: valid(rule.department, field(r, 'department')), prefer: valid(rule.prefer, field(r, 'prefer')) })) : [],
      valid(EconomicPenaltySchema.shape.cap.shape.rate, field(field(raw, 'cap'), 'rate')),
      ctx,
    );
  },
};

/**
 * The semantic checks of an economic penalty file, on its valid parts (each
 * absent when invalid, in a file that failed its schema): unique attribution
 * rule ids (the default's included) and departments, no level listed twice,
 * a cap rate above 0 and at most 1.
 */
function checkEconomicPenalty(
  defaultId: string | undefined,
  rules: ReadonlyArray<{ readonly id?: string | undefined; readonly department?: string | undefined; readonly prefer?: readonly string[] | undefined }>,
  capRate: string | undefined,
  ctx: KindContext,
): void {
  const f = ctx.file;
  const ids = new Map<string, string>(defaultId !== undefined ? [[defaultId, 'the default']] : []);
  const departments = new Map<string, { id: string | undefined; at: number }>();
  rules.forEach((r, i) => {
    const at = ['attribution', 'rules', i];
    if (r.id !== undefined) {
      if (ids.has(r.id)) ctx.issues.push(issue('DUPLICATE_ID', `attribution rule id "${r.id}" is already used by ${ids.get(r.id)}`, [...at, 'id'], f));
      else ids.set(r.id, `rule ${i}`);
    }
    if (r.department !== undefined) {
      if (departments.has(r.department)) {
        const other = departments.get(r.department)!;
        ctx.issues.push(issue('DUPLICATE_ID', `department "${r.department}" already has the attribution rule ${other.id !== undefined ? `"${other.id}"` : other.at}`, [...at, 'department'], f));
      } else departments.set(r.department, { id: r.id, at: i });
    }
    if (r.prefer && new Set(r.prefer).size !== r.prefer.length) ctx.issues.push(issue('SCHEMA_VIOLATION', `attribution rule ${r.id !== undefined ? `"${r.id}"` : i} lists a level twice`, [...at, 'prefer'], f));
  });
  if (capRate === undefined) return;
  const rate = dec(capRate);
  if (rate.lte(0) || rate.gt(1)) {
    ctx.issues.push(issue('SCHEMA_VIOLATION', `the monthly cap rate must be above 0 and at most 1, got ${capRate}`, ['cap', 'rate'], f));
  }
}
