import { z } from 'zod';
import { ComplaintSchema } from '../complaint/schema.js';
import { ManifestSchema } from './manifest.js';
import { KINDS } from './registry.js';

/**
 * Generates the JSON Schema (draft 2020-12) of every rule-file kind, the
 * manifest and the complaint input from their zod schemas — the single source
 * of truth. Keys are file names under `schemas/`.
 *
 * @returns file name → JSON Schema
 * @example
 * ```ts
 * Object.keys(generateJsonSchemas()) // → ['manifest.schema.json', 'liability.schema.json', …]
 * ```
 * @category Packs
 */
export function generateJsonSchemas(): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const one = (schema: z.ZodType, file: string) => {
    const js = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
    out[file] = js;
  };
  one(ManifestSchema, 'manifest.schema.json');
  for (const k of KINDS.values()) one(k.schema, k.schemaFile);
  one(ComplaintSchema, 'complaint.schema.json');
  return out;
}
