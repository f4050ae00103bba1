import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { generateJsonSchemas } from '../src/pack/json-schema.js';

const root = join(import.meta.dirname, '..');

describe('JSON Schemas', () => {
  const generated = generateJsonSchemas();
  test.each(Object.keys(generated))('committed schemas/%s matches the zod schema (run `npm run schemas` after changing a schema)', (file) => {
    const committed = JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8'));
    expect(committed).toEqual(generated[file]);
  });

  test('no stale schema files', () => {
    expect(readdirSync(join(root, 'schemas')).sort()).toEqual(Object.keys(generated).sort());
  });

  test('every bundled rule file points $schema at the schema of its kind', () => {
    const kindToFile: Record<string, string> = {};
    for (const [file, schema] of Object.entries(generated)) {
      const s = schema as { $ref?: string; $defs?: Record<string, { properties?: { kind?: { const?: string } } }> };
      const def = s.$ref ? s.$defs![s.$ref.split('/').pop()!] : (s as never);
      const kind = (def as { properties?: { kind?: { const?: string } } }).properties?.kind?.const;
      if (kind) kindToFile[kind] = file;
    }
    for (const pack of readdirSync(join(root, 'rules'))) {
      if (!existsSync(join(root, 'rules', pack, 'manifest.json'))) continue;
      for (const f of readdirSync(join(root, 'rules', pack)).filter((x) => x.endsWith('.json'))) {
        const doc = JSON.parse(readFileSync(join(root, 'rules', pack, f), 'utf8'));
        expect(doc.$schema, `${pack}/${f}`).toBe(`../../schemas/${kindToFile[doc.kind]}`);
      }
    }
  });
});

describe('generated docs', () => {
  test('docs/errors.md lists every error code (run `npm run generate`)', async () => {
    const { renderErrorDocs } = await import('../src/errors/docs.js');
    expect(readFileSync(join(root, 'docs', 'errors.md'), 'utf8')).toBe(renderErrorDocs());
  });
});
