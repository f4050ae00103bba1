import { z } from 'zod';
import { issue } from '../errors/errors.js';
import { zMoney, zRate } from '../money/money.js';
import type { KindDefinition } from '../pack/kind.js';
import { zGoodsQuantity } from './input.js';
import { LossModelSchema, PRICE_BASES, zLossType, type LossModelFile, type LossType } from './schema.js';
import { zId } from '../bands/bands.js';

/**
 * A loss type ready for use: its definition and the schema its input items
 * must match (fields depend on the method).
 *
 * @category Loss
 */
export interface CompiledLossType {
  /** The loss type as declared in the `LossModel` file: id, label, method, rate, clause, … */
  readonly type: LossType;
  /** Strict schema of an input item of this type. */
  readonly itemSchema: z.ZodType;
}

/**
 * A compiled loss model.
 *
 * @category Loss
 */
export interface CompiledLossModel {
  /** Pack-relative name of the `LossModel` file, e.g. `lossmodel.json`. */
  readonly file: string;
  /** The file as validated by its schema (defaults applied; frozen once the pack is loaded). */
  readonly doc: LossModelFile;
  /** Loss types by id, in file order. */
  readonly types: ReadonlyMap<string, CompiledLossType>;
}

/** What an over-delivery tolerance given without `approvedQuantity` is told. @internal */
export const TOLERANCE_NEEDS_APPROVED = 'an over-delivery tolerance needs approvedQuantity, the quantity to reconcile the returned quantity against';

/**
 * Whether an input item, as given (not yet validated), of a loss type that
 * reconciles returned quantities gives `overDeliveryTolerance` without
 * `approvedQuantity`, whatever else is wrong with it: the item schema's own
 * refinement runs only on an item that is otherwise valid.
 *
 * @param type - the loss type the item names
 * @param item - the item as given
 * @returns true when the tolerance has nothing to be applied to
 * @internal
 */
export function toleranceWithoutApproved(type: LossType, item: unknown): boolean {
  if (type.method !== 'quantity-price' || !type.reconcile) return false;
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
  const o = item as Record<string, unknown>;
  return o.overDeliveryTolerance !== undefined && o.approvedQuantity === undefined;
}

function itemSchemaOf(type: LossType): z.ZodType {
  const tag = { type: z.literal(type.id) };
  switch (type.method) {
    case 'actual-amount':
      return z.strictObject({ ...tag, amount: zMoney });
    case 'quantity-price': {
      const item = z.strictObject({
        ...tag,
        quantity: zGoodsQuantity,
        [PRICE_BASES[type.price]]: zMoney,
        ...(type.reconcile
          ? {
              approvedQuantity: zGoodsQuantity.optional().meta({ description: 'The quantity approved on the complaint form, to reconcile against.' }),
              overDeliveryTolerance: zRate.optional().meta({ description: 'The customer\'s stated over-delivery tolerance (needs approvedQuantity); default from the pack.' }),
            }
          : {}),
      });
      // A tolerance with no approved quantity would be silently ignored: nothing to reconcile against.
      // (This refinement runs only when the rest of the item is valid: calculateLoss checks the raw item
      // with toleranceWithoutApproved as well, so that another problem of the item does not hide it.)
      return type.reconcile
        ? item.superRefine((v, ctx) => {
            if (v.overDeliveryTolerance !== undefined && v.approvedQuantity === undefined) {
              ctx.addIssue({ code: 'custom', path: ['overDeliveryTolerance'], message: TOLERANCE_NEEDS_APPROVED });
            }
          })
        : item;
    }
    case 'labour-handling':
      return z.strictObject({ ...tag, labour: zMoney, handling: zMoney, wastage: zMoney.optional() });
  }
}

/**
 * The `LossModel` rule-file kind (key `lossModel`): loss types with unique
 * ids, rates and bases; a type that reconciles returned quantities needs the
 * file's `returnReconciliation` section.
 *
 * @example
 * ```ts
 * loadPolicy('manufacturer').lossModel!.types.get('return')!.type.rate // → '0.20'
 * ```
 * @category Loss
 */
export const LossModelKind: KindDefinition<LossModelFile, CompiledLossModel> = {
  kind: 'LossModel',
  key: 'lossModel',
  schema: LossModelSchema,
  schemaFile: 'lossmodel.schema.json',
  compile(doc, ctx) {
    const types = new Map<string, CompiledLossType>();
    const first = new Map<string, number>();
    doc.types.forEach((t, i) => {
      const prev = first.get(t.id);
      if (prev !== undefined) {
        ctx.issues.push(issue('DUPLICATE_ID', `loss type id "${t.id}" is already used by type ${prev}`, ['types', i, 'id'], ctx.file));
        return;
      }
      first.set(t.id, i);
      if (t.method === 'quantity-price' && t.reconcile && !doc.returnReconciliation) {
        ctx.issues.push(
          issue('SCHEMA_VIOLATION', `loss type "${t.id}" reconciles returned quantities but the file has no "returnReconciliation" section (default tolerance)`, ['types', i, 'reconcile'], ctx.file),
        );
      }
      types.set(t.id, { type: t, itemSchema: itemSchemaOf(t) });
    });
    return { file: ctx.file, doc, types };
  },
  checkInvalid(raw, ctx) {
    // A type whose id is valid takes part in the duplicate check; a type valid as a whole in the
    // reconcile check (a "returnReconciliation" given but broken is there: the schema names it).
    const o = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    if (!Array.isArray(o.types)) return;
    const first = new Map<string, number>();
    o.types.forEach((t: unknown, i) => {
      const id = zId.safeParse(t !== null && typeof t === 'object' ? (t as { id?: unknown }).id : undefined);
      if (!id.success) return;
      const prev = first.get(id.data);
      if (prev !== undefined) {
        ctx.issues.push(issue('DUPLICATE_ID', `loss type id "${id.data}" is already used by type ${prev}`, ['types', i, 'id'], ctx.file));
        return;
      }
      first.set(id.data, i);
      const whole = zLossType.safeParse(t);
      if (whole.success && whole.data.method === 'quantity-price' && whole.data.reconcile && o.returnReconciliation === undefined) {
        ctx.issues.push(
          issue('SCHEMA_VIOLATION', `loss type "${id.data}" reconciles returned quantities but the file has no "returnReconciliation" section (default tolerance)`, ['types', i, 'reconcile'], ctx.file),
        );
      }
    });
  },
};
