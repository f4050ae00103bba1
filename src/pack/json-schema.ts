import { z } from 'zod';
import { AllocationInputSchema } from '../allocation/allocate.js';
import { ComplaintSchema } from '../complaint/schema.js';
import { LifecycleEventSchema } from '../lifecycle/data.js';
import { ReplayScriptSchema } from '../lifecycle/script.js';
import { LifecycleSnapshotSchema } from '../lifecycle/snapshot.js';
import { LossInputSchema } from '../loss/calculate.js';
import { DeductionInputSchema } from '../penalties/deduction.js';
import { ManifestSchema } from './manifest.js';
import { KINDS } from './registry.js';

/**
 * A replay script as its JSON Schema describes it: the complaint and the
 * events with their own schemas. `ReplayScriptSchema` itself leaves them to
 * `replay`, which checks them later so that its issues point at the event
 * that is wrong.
 */
const ReplayScriptFileSchema = ReplayScriptSchema.extend({
  complaint: ComplaintSchema,
  events: z.array(LifecycleEventSchema).max(10_000).meta({ description: 'The event log, oldest first; each event\'s data is checked against its type when replayed.' }),
}).meta({ title: 'aftersales-policy replay script' });

/**
 * Generates the JSON Schema (draft 2020-12) of every rule-file kind, the
 * manifest, and every input the library and the CLI read (complaint, lifecycle
 * event, replay script, lifecycle snapshot, loss, deduction and allocation
 * inputs) from their zod schemas — the single source of truth. Keys are file
 * names under `schemas/`. An editor binds an input file to its schema by its
 * settings (inputs take no `$schema` key: they are strict objects).
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
  one(LifecycleEventSchema, 'lifecycle-event.schema.json');
  one(ReplayScriptFileSchema, 'replay-script.schema.json');
  one(LifecycleSnapshotSchema, 'lifecycle-snapshot.schema.json');
  one(LossInputSchema, 'loss-input.schema.json');
  one(DeductionInputSchema, 'deduction-input.schema.json');
  one(AllocationInputSchema, 'allocation-input.schema.json');
  return out;
}
