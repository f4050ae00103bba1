import { didYouMean } from '../errors/suggest.js';
import type { FactType, FieldShape } from './facts.js';
import type { PathSegments } from './path.js';

/**
 * What a path into a shaped fact reads: the type the comparison gets, or
 * why the path cannot read anything.
 *
 * @category Conditions
 * @internal
 */
export type ShapedPath =
  | { readonly ok: true; readonly type: FactType; readonly values?: readonly string[]; readonly nullable?: boolean }
  | { readonly ok: false; readonly code: 'UNKNOWN_REFERENCE' | 'OPERAND_TYPE_MISMATCH'; readonly message: string };

/** Known fields as a message lists them: at most 30, then how many more. */
function knownFields(fields: Readonly<Record<string, FieldShape>>): string {
  const names = Object.keys(fields);
  return names.length <= 30 ? names.join(', ') : `${names.slice(0, 30).join(', ')} and ${names.length - 30} more`;
}

/** Segments written back as path text (`order.items[0]`). */
function pathText(segs: PathSegments): string {
  let out = '';
  for (const s of segs) out += typeof s === 'number' ? `[${s}]` : out === '' ? s : `.${s}`;
  return out;
}

const TEXT = new Set(['string', 'money', 'instant']);

function kindOf(shape: FieldShape): string {
  switch (shape.type) {
    case 'object':
      return 'an object';
    case 'array':
      return 'a list';
    case 'money':
      return 'money text';
    case 'instant':
      return 'instant text';
    default:
      return `a ${shape.type}`;
  }
}

/**
 * Resolves a parsed path against a declared shape, step by step as
 * `resolvePath` resolves it at run time: a field of an object, an item of a
 * list by index or its `length`, and of a text (a string, money or an
 * instant) its `length` or a character by index.
 *
 * @param fact - the fact's name (for messages)
 * @param shape - the fact's declared shape
 * @param segs - the parsed path
 * @returns the type the path reads, or the problem
 * @example
 * ```ts
 * resolveShape('complaint', COMPLAINT_SHAPE, ['findings', 'nature']) // → { ok: true, type: 'string', values: ['quality-defect', …] }
 * resolveShape('complaint', COMPLAINT_SHAPE, ['order', 'itemz'])     // → { ok: false, code: 'UNKNOWN_REFERENCE', … }
 * ```
 * @category Conditions
 * @internal
 */
export function resolveShape(fact: string, shape: FieldShape, segs: PathSegments): ShapedPath {
  let cur = shape;
  const where = (i: number) => (i === 0 ? `fact "${fact}"` : `"${pathText(segs.slice(0, i))}" of fact "${fact}"`);
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i]!;
    if (TEXT.has(cur.type)) {
      if (seg === 'length') cur = { type: 'number' };
      else if (typeof seg === 'number') cur = { type: 'string' };
      else return { ok: false, code: 'OPERAND_TYPE_MISMATCH', message: `${where(i)} is ${kindOf(cur)}: it has no field "${seg}" (a path may read its "length" or a character [n])` };
      continue;
    }
    if (cur.type === 'array') {
      if (typeof seg === 'number') cur = cur.items;
      else if (seg === 'length') cur = { type: 'number' };
      else return { ok: false, code: 'OPERAND_TYPE_MISMATCH', message: `${where(i)} is a list: it has no field "${seg}" (index an item, e.g. "${pathText(segs.slice(0, i))}[0]", or read its "length")` };
      continue;
    }
    if (cur.type === 'object') {
      if (typeof seg === 'number') return { ok: false, code: 'OPERAND_TYPE_MISMATCH', message: `${where(i)} is an object, not a list: it has no item [${seg}]` };
      if (!Object.prototype.hasOwnProperty.call(cur.fields, seg)) {
        return { ok: false, code: 'UNKNOWN_REFERENCE', message: `${where(i)} has no field "${seg}"${didYouMean(seg, Object.keys(cur.fields))} (known: ${knownFields(cur.fields) || 'none'})` };
      }
      cur = cur.fields[seg]!;
      continue;
    }
    return { ok: false, code: 'OPERAND_TYPE_MISMATCH', message: `${where(i)} is ${kindOf(cur)}: it has no ${typeof seg === 'number' ? `item [${seg}]` : `field "${seg}"`}` };
  }
  const end = segs.length === 0 ? `fact "${fact}"` : `"${pathText(segs)}" of fact "${fact}"`;
  if (cur.type === 'object') return { ok: false, code: 'OPERAND_TYPE_MISMATCH', message: `${end} is an object: the path must go on to one of its fields (known: ${knownFields(cur.fields) || 'none'})` };
  if (cur.type === 'array') {
    if (cur.items.type === 'string') return { ok: true, type: 'string[]', ...(cur.items.values ? { values: cur.items.values } : {}), ...(cur.nullable ? { nullable: true } : {}) };
    return { ok: false, code: 'OPERAND_TYPE_MISMATCH', message: `${end} is a list of ${cur.items.type === 'object' ? 'objects' : `${cur.items.type}s`}: the path must index an item (e.g. "${pathText(segs)}[0]") or read its "length"` };
  }
  return {
    ok: true,
    type: cur.type,
    ...(cur.type === 'string' && cur.values ? { values: cur.values } : {}),
    ...(cur.nullable ? { nullable: true } : {}),
  };
}
