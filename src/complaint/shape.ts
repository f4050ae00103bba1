import type { z } from 'zod';
import type { FieldShape } from '../conditions/facts.js';
import { zMoney } from '../money/money.js';
import { zInstant } from '../time/instant.js';
import { ComplaintSchema } from './schema.js';

/** The parts of zod v4's public `def` this reads. */
interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly element?: z.ZodType;
  readonly entries?: Readonly<Record<string, string | number>>;
}

const defOf = (s: z.ZodType): Def => (s as unknown as { def: Def }).def;

/**
 * The {@link FieldShape} of a zod schema built from objects, arrays, enums,
 * strings, numbers, booleans, money and instants (`nullable` / `optional`
 * wrappers kept as flags). Money and instants are recognised as
 * `zMoney` / `zInstant` themselves (a `.meta()` copy shares their definition).
 *
 * @param schema - the zod schema
 * @returns its shape
 * @throws Error for a zod type this does not know (so a new kind of field in the complaint schema fails every test rather than going unchecked)
 * @category Complaints
 * @internal
 */
export function shapeOfZod(schema: z.ZodType): FieldShape {
  let s = schema;
  let nullable = false;
  let optional = false;
  for (;;) {
    const d = defOf(s);
    if (d.type === 'nullable') nullable = true;
    else if (d.type === 'optional') optional = true;
    else break;
    s = d.innerType!;
  }
  const flags = { ...(nullable ? { nullable: true } : {}), ...(optional ? { optional: true } : {}) };
  const d = defOf(s);
  if (d === defOf(zMoney)) return { type: 'money', ...flags };
  if (d === defOf(zInstant)) return { type: 'instant', ...flags };
  switch (d.type) {
    case 'object': {
      const fields: Record<string, FieldShape> = {};
      for (const [k, v] of Object.entries(d.shape!)) fields[k] = shapeOfZod(v);
      return { type: 'object', fields, ...flags };
    }
    case 'array':
      return { type: 'array', items: shapeOfZod(d.element!), ...flags };
    case 'enum':
      return { type: 'string', values: Object.values(d.entries!).map(String), ...flags };
    case 'string':
    case 'number':
    case 'boolean':
      return { type: d.type, ...flags };
    default:
      throw new Error(`no condition shape for a zod ${d.type} field`);
  }
}

function freeze(shape: FieldShape): FieldShape {
  if (shape.type === 'object') for (const f of Object.values(shape.fields)) freeze(f);
  if (shape.type === 'array') freeze(shape.items);
  if (shape.type === 'object') Object.freeze(shape.fields);
  return Object.freeze(shape);
}

/**
 * The shape of a complaint as condition paths read it (the built-in
 * `complaint` fact), derived from `ComplaintSchema`, so the two cannot drift.
 * Hosts reach it as `COMPLAINT_FACTS.complaint.shape`.
 *
 * @category Complaints
 * @internal
 */
export const COMPLAINT_SHAPE: FieldShape = freeze(shapeOfZod(ComplaintSchema));
