import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { generateCase, loadPolicy, replayScript, start } from '../src/index.js';
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

/*
 * The JSON Schemas of the inputs are read back with zod's own JSON Schema
 * reader, so these tests check what the files say (not only that they match
 * the generator): what the library accepts, they accept; a few things it
 * refuses, they refuse too.
 */
describe('JSON Schemas of the inputs', () => {
  const generated = generateJsonSchemas() as Record<string, Record<string, unknown>>;
  const reader = (file: string) => z.fromJSONSchema(generated[file] as never);
  const policy = loadPolicy('ecommerce');
  const scripts = readdirSync(join(root, 'examples', 'scripts')).map((f) => JSON.parse(readFileSync(join(root, 'examples', 'scripts', f), 'utf8')));
  const failures = (file: string, value: unknown) => {
    const r = reader(file).safeParse(value);
    return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
  };

  test('every input has its schema file, listed by `aftersales schema`', () => {
    expect(Object.keys(generated).filter((f) => !/^(manifest|liability|remedies|approval|lossmodel|penalties|deductions|lifecycle)\.schema\.json$/.test(f)).sort()).toEqual([
      'allocation-input.schema.json',
      'complaint.schema.json',
      'deduction-input.schema.json',
      'lifecycle-event.schema.json',
      'lifecycle-snapshot.schema.json',
      'loss-input.schema.json',
      'replay-script.schema.json',
    ]);
  });

  test('complaints: the examples and 300 generated complaints pass; the invalid example fails where the library says', () => {
    for (const f of ['01-rice-cooker-fault', '02-sofa-damaged-in-transit', '03-bulk-price-difference']) {
      expect(failures('complaint.schema.json', JSON.parse(readFileSync(join(root, 'examples', 'complaints', `${f}.json`), 'utf8'))), f).toEqual([]);
    }
    for (let i = 0; i < 300; i++) expect(failures('complaint.schema.json', generateCase(3, i).complaint), `case ${i}`).toEqual([]);
    expect(failures('complaint.schema.json', JSON.parse(readFileSync(join(root, 'examples', 'complaints', '04-invalid.json'), 'utf8')))).toEqual(['order.items.0.quantity', 'claimAmount']);
  });

  test('replay scripts and their events: every example passes (an illegal event is legal JSON); a typo fails', () => {
    expect(scripts).toHaveLength(4);
    for (const script of scripts) {
      expect(failures('replay-script.schema.json', script)).toEqual([]);
      for (const e of script.events) expect(failures('lifecycle-event.schema.json', e)).toEqual([]);
    }
    const { events, ...withoutEvents } = scripts[0];
    expect(failures('replay-script.schema.json', { ...withoutEvents, event: events })).toEqual(['events', '']);
    expect(failures('lifecycle-event.schema.json', { ...scripts[0].events[0], at: 1 })).toEqual(['at']);
    expect(failures('lifecycle-event.schema.json', { ...scripts[0].events[0], actor: { id: 'a', role: 'Agent!' } })).toEqual(['actor.role']);
  });

  test('snapshots: every snapshot replaying the examples makes passes, and one at intake; a negative revision or a lost field fails', () => {
    for (const script of scripts.slice(0, 3)) {
      const { snapshot } = replayScript(policy, script);
      expect(failures('lifecycle-snapshot.schema.json', JSON.parse(JSON.stringify(snapshot)))).toEqual([]);
    }
    const { snapshot } = start(policy, generateCase(3, 0).complaint, { now: generateCase(3, 0).now, actor: { id: 'a-1', role: 'agent' } });
    const plain = JSON.parse(JSON.stringify(snapshot));
    expect(failures('lifecycle-snapshot.schema.json', plain)).toEqual([]);
    expect(failures('lifecycle-snapshot.schema.json', { ...plain, revision: -1 })).toEqual(['revision']);
    const { owner: _owner, ...noOwner } = plain;
    expect(failures('lifecycle-snapshot.schema.json', noOwner)).toEqual(['owner']);
  });

  test('loss, deduction and allocation inputs: the documented examples pass; money as a JSON number fails', () => {
    // a loss item's fields depend on its loss type in the pack: the schema checks its type and the resale facts
    expect(failures('loss-input.schema.json', { items: [{ type: 'claim', amount: '1200.00' }] })).toEqual([]);
    expect(failures('loss-input.schema.json', { items: [{ amount: '1200.00' }] })).toEqual(['items.0.type']);
    expect(failures('loss-input.schema.json', { items: [{ type: 'claim', amount: '1200.00' }], resale: { decidedOn: '2026-11-02', aGradeValue: 500 } })).toEqual(['resale.aGradeValue']);
    const deduction = { unitLoss: '30000.00', unitBasePoints: '10', personBasePoints: 2, monthlyBonus: '4000.00', startMonth: '2026-11' };
    expect(failures('deduction-input.schema.json', deduction)).toEqual([]);
    expect(failures('deduction-input.schema.json', { ...deduction, monthlyBonus: 4000 })).toEqual(['monthlyBonus']);
    expect(failures('deduction-input.schema.json', { ...deduction, alreadyScheduled: { '2026-11': '2000.00' } })).toEqual([]);
    expect(failures('deduction-input.schema.json', { ...deduction, alreadyScheduled: { '2026-11': 2000 } })).toEqual(['alreadyScheduled.2026-11']);
    const allocation = { amount: '1000.00', shares: [{ id: 'smt-2', ratio: '0.6' }, { id: 'qa', ratio: '0.4' }] };
    expect(failures('allocation-input.schema.json', allocation)).toEqual([]);
    expect(failures('allocation-input.schema.json', { ...allocation, amount: 1000 })).toEqual(['amount']);
  });
});

describe('generated docs', () => {
  test('docs/errors.md lists every error code (run `npm run generate`)', async () => {
    const { renderErrorDocs } = await import('../src/errors/docs.js');
    expect(readFileSync(join(root, 'docs', 'errors.md'), 'utf8')).toBe(renderErrorDocs());
  });
});
