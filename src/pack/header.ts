import { z } from 'zod';
import { zId } from '../bands/bands.js';

/**
 * The only `apiVersion` this release reads.
 *
 * @category Packs
 */
export const API_VERSION = 'aftersales-policy/v1';

/**
 * The header every rule file starts with (Cerbos-style): where its schema is,
 * which format version, which kind, its id, version and a description.
 *
 * @param kind - the literal `kind` of the file
 * @returns the zod shape of the header for that kind
 * @category Packs
 */
export function headerShape<K extends string>(kind: K) {
  return {
    $schema: z.string().max(500).meta({ description: 'Path or URL of the JSON Schema of this file (for editor autocompletion).' }),
    apiVersion: z.literal(API_VERSION).meta({ description: `Format version; must be "${API_VERSION}".` }),
    kind: z.literal(kind).meta({ description: 'Which kind of rule file this is.' }),
    id: zId,
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, { error: 'version must be semantic, e.g. "1.0.0"' })
      .meta({ description: 'Semantic version of this file.' }),
    description: z.string().min(1).max(4000).meta({ description: 'What this file is for, for a person.' }),
  };
}

/**
 * A citation of the policy text a rule implements, e.g. `seed 003 art.2 §7.10.6(2)`.
 *
 * @category Packs
 */
export const zClause = z.string().min(1).max(500).meta({ description: 'The policy clause this item implements (shown in the trace).' });
