import { z } from 'zod';
import { issue, type JsonPath, type PolicyIssue } from '../errors/errors.js';
import { dec, zMoney, type Decimal } from '../money/money.js';

/**
 * Stable identifier of an item in a pack: lower-case words joined by `-`,
 * `.` or `_`, e.g. `quality-defect-company`.
 *
 * @category Packs
 */
export const zId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, { error: 'ids are 1–100 characters of a-z, 0-9, ".", "_" or "-", starting with a letter or digit' })
  .meta({ description: 'Stable id, unique within its kind.' });

/**
 * The amount range of one band: `over` < amount ≤ `upTo`. A missing `over`
 * means "from zero, inclusive"; a missing `upTo` means "and above".
 *
 * @category Bands
 */
export const zBandRange = {
  id: zId,
  over: zMoney.optional().meta({ description: 'Exclusive lower bound; omit on the first band (starts at 0.00 inclusive).' }),
  upTo: zMoney.optional().meta({ description: 'Inclusive upper bound; omit on the last band (no upper limit).' }),
  description: z.string().max(2000).optional(),
};

/**
 * A band as the validator and selector see it.
 *
 * @category Bands
 */
export interface BandLike {
  /** The band's id from the pack, unique in its table, e.g. `reprimand-1`. */
  readonly id: string;
  /** Exclusive lower bound, a decimal string in major units, e.g. `"10000.00"`; absent on the first band (it starts at 0.00 inclusive). */
  readonly over?: string | undefined;
  /** Inclusive upper bound, a decimal string in major units, e.g. `"50000.00"`; absent on the last band (no upper limit). */
  readonly upTo?: string | undefined;
}

/**
 * Checks that an ordered band table covers every non-negative amount exactly
 * once: no gap, no overlap, no unreachable band, no duplicate band id; the
 * first starts at zero and the last is unbounded. Each issue names the bands
 * involved.
 *
 * @param bands - the bands, in ascending order
 * @param file - file name for issues
 * @param basePath - JSON path of the band array
 * @returns every problem found
 * @category Bands
 */
export function checkBands(bands: readonly BandLike[], file: string, basePath: JsonPath): PolicyIssue[] {
  return checkBandSlots(
    bands.map((b) => ({ id: b.id, band: b })),
    file,
    basePath,
  );
}

/**
 * One entry of a band table that may have failed its schema: `id` when the
 * band's id is valid on its own, `band` when its id and range (`over`,
 * `upTo`) are.
 *
 * @category Bands
 * @internal
 */
export interface BandSlot {
  readonly id?: string | undefined;
  readonly band?: BandLike | undefined;
}

/**
 * The parts of each band of a raw (schema-failed) band array that are valid
 * on their own, for {@link checkBandSlots}.
 *
 * @param raw - the `bands` value as read (untrusted)
 * @returns one slot per band, or `[]` when `raw` is not an array
 * @category Bands
 * @internal
 */
export function bandSlots(raw: unknown): BandSlot[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((b: unknown) => {
    if (b === null || typeof b !== 'object' || Array.isArray(b)) return {};
    const o = b as Record<string, unknown>;
    const id = zBandRange.id.safeParse(o.id);
    const over = zBandRange.over.safeParse(o.over);
    const upTo = zBandRange.upTo.safeParse(o.upTo);
    if (!id.success) return {};
    return over.success && upTo.success ? { id: id.data, band: { id: id.data, over: over.data, upTo: upTo.data } } : { id: id.data };
  });
}

/**
 * {@link checkBands} on a table some of whose bands may be broken (a file
 * that failed its schema): every band whose id is valid takes part in the
 * duplicate-id check, every band whose range is valid in the range checks.
 * A band that is itself broken (no valid id or range) is left out of the
 * range checks, and so are the comparisons with its neighbours: the band
 * after it is not reported as a gap (or an overlap) that the broken band
 * may well fill — the schema problem names the broken band, and a gap or
 * overlap between two valid neighbours is still reported. The first-band
 * and last-band checks run only when that band is valid.
 *
 * @param slots - the bands, in ascending order
 * @param file - file name for issues
 * @param basePath - JSON path of the band array
 * @returns every problem found
 * @category Bands
 * @internal
 */
export function checkBandSlots(slots: readonly BandSlot[], file: string, basePath: JsonPath): PolicyIssue[] {
  const out: PolicyIssue[] = [];
  const at = (i: number, key?: string): JsonPath => (key ? [...basePath, i, key] : [...basePath, i]);
  // Bands listed out of order (a band below the one before it): said as such, once per band out of
  // place; the gaps and overlaps between them would only restate it, band by band, and are not reported.
  const order = outOfOrder(slots);
  const seenIds = new Map<string, number>();
  slots.forEach((slot, i) => {
    if (slot.id !== undefined) {
      const first = seenIds.get(slot.id);
      if (first !== undefined) out.push(issue('DUPLICATE_ID', `band id "${slot.id}" is already used by band ${first}`, at(i, 'id'), file));
      else seenIds.set(slot.id, i);
    }
    const band = slot.band;
    if (!band) return;
    const over = band.over !== undefined ? dec(band.over) : undefined;
    const upTo = band.upTo !== undefined ? dec(band.upTo) : undefined;
    if (over && upTo && upTo.lte(over)) {
      out.push(issue('BAND_UNREACHABLE', `band "${band.id}" is empty: upTo ${band.upTo} is not above over ${band.over}`, at(i), file));
    }
    if (order.length) {
      const prev = order.find((o) => o.index === i)?.before;
      if (prev) {
        out.push(
          issue(
            'BAND_ORDER',
            `band "${band.id}" (${describeBand(band)}) is listed after band "${prev.id}" (${describeBand(prev)}): list the bands from the lowest amounts up (gaps and overlaps are checked once they are in order)`,
            at(i),
            file,
          ),
        );
      }
      return;
    }
    if (i === 0) {
      if (over && !over.eq(0) ) {
        out.push(issue('BAND_GAP', `band "${band.id}" starts over ${band.over}: amounts from 0.00 to ${band.over} fall in no band`, at(i, 'over'), file));
      } else if (over) {
        out.push(issue('BAND_GAP', `band "${band.id}" starts over 0.00: the amount 0.00 falls in no band; omit "over" on the first band`, at(i, 'over'), file));
      }
      return;
    }
    const prev = slots[i - 1]!.band;
    if (!prev) return; // the band below is broken: what lies between them cannot be told
    if (prev.upTo === undefined) {
      out.push(issue('BAND_UNREACHABLE', `band "${band.id}" follows the unbounded band "${prev.id}" and can never be selected`, at(i), file));
      return;
    }
    const prevUp = dec(prev.upTo);
    if (!over) {
      out.push(issue('BAND_OVERLAP', `band "${band.id}" has no "over" and so starts at 0.00, overlapping band "${prev.id}" (up to ${prev.upTo})`, at(i), file));
    } else if (over.gt(prevUp)) {
      out.push(issue('BAND_GAP', `gap between band "${prev.id}" (up to ${prev.upTo}) and band "${band.id}" (over ${band.over}): amounts above ${prev.upTo} up to ${band.over} fall in no band`, at(i, 'over'), file));
    } else if (over.lt(prevUp)) {
      out.push(issue('BAND_OVERLAP', `band "${prev.id}" (up to ${prev.upTo}) overlaps band "${band.id}" (over ${band.over})`, at(i, 'over'), file));
    }
  });
  const last = slots[slots.length - 1]?.band;
  if (last && last.upTo !== undefined && !order.length) {
    out.push(issue('BAND_NOT_EXHAUSTIVE', `the last band "${last.id}" ends at ${last.upTo}: amounts above it fall in no band; omit "upTo" on the last band`, at(slots.length - 1, 'upTo'), file));
  }
  return out;
}

/**
 * The bands listed below a band before them: each valid band whose lower
 * bound (`over`, or 0.00 inclusive without one) is below that of the nearest
 * valid band listed before it, with that band.
 *
 * @param slots - the bands as listed
 * @returns the bands out of place (empty when the table is in order)
 * @category Bands
 * @internal
 */
export function outOfOrder(slots: readonly BandSlot[]): Array<{ index: number; before: BandLike }> {
  const lower = (b: BandLike): Decimal | undefined => (b.over !== undefined ? dec(b.over) : undefined);
  const out: Array<{ index: number; before: BandLike }> = [];
  let prev: BandLike | undefined;
  slots.forEach((slot, index) => {
    const band = slot.band;
    if (!band) return;
    if (prev) {
      const a = lower(prev);
      const b = lower(band);
      if (a !== undefined && (b === undefined || b.lt(a))) {
        out.push({ index, before: prev });
        return; // the band out of place is not the measure of the next
      }
    }
    prev = band;
  });
  return out;
}

/**
 * A band table compiled for lookups.
 *
 * @category Bands
 */
export interface CompiledBands<B extends BandLike> {
  /** Returns the band covering `amount`, or `undefined` (never for a valid table and amount ≥ 0). */
  select(amount: Decimal): B | undefined;
  /** The bands compiled, as given: in ascending order, the same objects. */
  readonly bands: readonly B[];
}

/**
 * Compiles a validated band table.
 *
 * @param bands - bands that passed {@link checkBands}
 * @returns a selector
 * @category Bands
 */
export function compileBands<B extends BandLike>(bands: readonly B[]): CompiledBands<B> {
  const bounds = bands.map((b) => ({ band: b, over: b.over !== undefined ? dec(b.over) : undefined, upTo: b.upTo !== undefined ? dec(b.upTo) : undefined }));
  return {
    bands,
    select(amount: Decimal): B | undefined {
      for (const b of bounds) {
        if (b.over && !amount.gt(b.over)) continue;
        if (!b.over && amount.lt(0)) continue;
        if (b.upTo && amount.gt(b.upTo)) continue;
        return b.band;
      }
      return undefined;
    },
  };
}

/**
 * Describes a band's range in words, e.g. `over 10000.00 up to 50000.00`.
 *
 * @param band - the band
 * @returns a phrase
 * @category Bands
 */
export function describeBand(band: BandLike): string {
  const lo = band.over !== undefined ? `over ${cents(band.over)}` : 'from 0.00';
  const hi = band.upTo !== undefined ? ` up to ${cents(band.upTo)}` : ' and above';
  return lo + hi;
}

/** A money text (at most two decimals) written with exactly two, as amounts are printed: `100000` → `100000.00`, `150000.5` → `150000.50`. */
function cents(money: string): string {
  const dot = money.indexOf('.');
  return dot < 0 ? `${money}.00` : money.length - dot === 2 ? `${money}0` : money;
}
