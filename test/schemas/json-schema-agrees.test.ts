import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { BUILTIN_OPERATORS, safeLoadPolicy } from '../../src/index.js';
import { LIFECYCLE_ONLY_FACTS } from '../../src/conditions/schema.js';
import { COMPLAINT_FACTS, LIABILITY_OUTCOME_FACTS } from '../../src/decision/facts.js';
import { lifecycleFacts } from '../../src/lifecycle/facts.js';
import { generateJsonSchemas } from '../../src/pack/json-schema.js';
import { packFiles } from '../packs.js';

/*
 * A rule file's JSON Schema is what a policy owner's editor checks while they
 * type. Each document below was accepted by the JSON Schema and refused only
 * when the pack was loaded: now the JSON Schema (read back with zod's JSON
 * Schema reader) refuses it too, and the loader still names the problem with
 * its own code, path and message.
 */

const generated = generateJsonSchemas() as Record<string, Record<string, unknown>>;
const SCHEMA_OF: Record<string, string> = {
  'manifest.json': 'manifest.schema.json',
  'liability.json': 'liability.schema.json',
  'remedies.json': 'remedies.schema.json',
  'approval.json': 'approval.schema.json',
  'lifecycle.json': 'lifecycle.schema.json',
  'deductions.json': 'deductions.schema.json',
  'penalties.json': 'penalties.schema.json',
  'lossmodel.json': 'lossmodel.schema.json',
};
const readers = new Map<string, z.ZodType>();
const reader = (file: string) => {
  const name = SCHEMA_OF[file]!;
  if (!readers.has(name)) readers.set(name, z.fromJSONSchema(generated[name] as never));
  return readers.get(name)!;
};

/** Where the JSON Schema refuses the document (dotted paths; [] when it accepts it). */
const schemaFailures = (file: string, doc: unknown) => {
  const r = reader(file).safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
};

const dedupe = (paths: string[]) => [...new Set(paths)];

/** The bundled pack with one file changed: the changed document, and what the loader says about the pack. */
function changed(pack: 'ecommerce' | 'manufacturer', file: string, change: (doc: any) => void) {
  const files = packFiles(pack);
  change(files[file]);
  const r = safeLoadPolicy({ files });
  return { doc: files[file], issues: r.success ? [] : r.error.issues.map((i) => ({ code: i.code, file: i.file, path: i.path, message: i.message })) };
}

describe('bundled packs', () => {
  test.each(['ecommerce', 'manufacturer'] as const)('%s: every rule file passes its JSON Schema, and the pack loads', (pack) => {
    const files = packFiles(pack);
    for (const [file, doc] of Object.entries(files)) expect(schemaFailures(file, doc), `${pack}/${file}`).toEqual([]);
    expect(safeLoadPolicy({ files }).success).toBe(true);
  });
});

describe('documents the JSON Schema used to accept and the loader refuses: both refuse them now', () => {
  type Case = [name: string, pack: 'ecommerce' | 'manufacturer', file: string, change: (doc: any) => void, schemaPaths: string[], loader: { code: string; path: (string | number)[]; message: string }];
  const offer = { type: 'refund', label: 'Refund', costBearer: 'liability', cost: { of: 'claimAmount' }, resolveWithin: { days: 3 } };
  const cases: Case[] = [
    [
      'remedy rule with both offer and exclude',
      'ecommerce',
      'remedies.json',
      (d) => (d.rules[1].offer = offer),
      ['rules.1'],
      { code: 'SCHEMA_VIOLATION', path: ['rules', 1], message: 'rule "no-return-of-unresaleable-goods" must have exactly one of "offer" or "exclude"' },
    ],
    [
      'remedy rule with neither offer nor exclude',
      'ecommerce',
      'remedies.json',
      (d) => delete d.rules[1].exclude,
      ['rules.1'],
      { code: 'SCHEMA_VIOLATION', path: ['rules', 1], message: 'rule "no-return-of-unresaleable-goods" must have exactly one of "offer" or "exclude"' },
    ],
    [
      'resolveWithin: {}',
      'ecommerce',
      'remedies.json',
      (d) => (d.rules[2].offer.resolveWithin = {}),
      ['rules.2.offer.resolveWithin'],
      { code: 'SCHEMA_VIOLATION', path: ['rules', 2, 'offer', 'resolveWithin'], message: 'give "hours" or "days"' },
    ],
    [
      'rule priority 0',
      'ecommerce',
      'liability.json',
      (d) => (d.rules[0].priority = 0),
      ['rules.0.priority'],
      { code: 'INVALID_PRIORITY', path: ['rules', 0, 'priority'], message: 'priority must be a positive integer, got 0' },
    ],
    [
      'rule priority 90.5',
      'ecommerce',
      'remedies.json',
      (d) => (d.rules[0].priority = 90.5),
      ['rules.0.priority'],
      { code: 'INVALID_PRIORITY', path: ['rules', 0, 'priority'], message: 'priority must be a positive integer, got 90.5' },
    ],
    [
      'condition priority 0',
      'ecommerce',
      'liability.json',
      (d) => (d.rules[0].conditions = { priority: 0, ...d.rules[0].conditions }),
      ['rules.0.conditions.priority'],
      { code: 'INVALID_PRIORITY', path: ['rules', 0, 'conditions', 'priority'], message: 'priority must be a positive integer, got 0' },
    ],
    [
      '"all": []',
      'ecommerce',
      'liability.json',
      (d) => (d.rules[0].conditions = { all: [] }),
      ['rules.0.conditions.all'],
      { code: 'EMPTY_CONDITION', path: ['rules', 0, 'conditions', 'all'], message: '"all" must list at least one condition' },
    ],
    [
      '"any": [] in a named condition',
      'ecommerce',
      'remedies.json',
      (d) => (d.conditions = { ...d.conditions, nothing: { any: [] } }),
      ['conditions.nothing.any'],
      { code: 'EMPTY_CONDITION', path: ['conditions', 'nothing', 'any'], message: '"any" must list at least one condition' },
    ],
    [
      'clock duration { hours: 0 }',
      'ecommerce',
      'lifecycle.json',
      (d) => (d.clocks[0].duration = { hours: 0 }),
      ['clocks.0.duration.hours'],
      { code: 'SCHEMA_VIOLATION', path: ['clocks', 0, 'duration'], message: 'clock "first-contact" needs a duration above zero' },
    ],
    [
      'clock start: {}',
      'ecommerce',
      'lifecycle.json',
      (d) => (d.clocks[0].start = {}),
      ['clocks.0.start'],
      { code: 'SCHEMA_VIOLATION', path: ['clocks', 0, 'start'], message: 'clock "first-contact" needs at least one start event or state' },
    ],
    [
      'clock start: { events: [] }',
      'ecommerce',
      'lifecycle.json',
      (d) => (d.clocks[0].start = { events: [] }),
      ['clocks.0.start.events'],
      { code: 'SCHEMA_VIOLATION', path: ['clocks', 0, 'start'], message: 'clock "first-contact" needs at least one start event or state' },
    ],
    [
      'transition without event or always',
      'ecommerce',
      'lifecycle.json',
      (d) => delete d.transitions[0].event,
      ['transitions.0'],
      {
        code: 'SCHEMA_VIOLATION',
        path: ['transitions', 0, 'event'],
        message: 'transition "start-verification" needs exactly one of "event" (triggered by an event) or "always": true (automatic)',
      },
    ],
    [
      'transition with both event and always',
      'ecommerce',
      'lifecycle.json',
      (d) => (d.transitions[0].always = true),
      ['transitions.0'],
      {
        code: 'SCHEMA_VIOLATION',
        path: ['transitions', 0, 'event'],
        message: 'transition "start-verification" needs exactly one of "event" (triggered by an event) or "always": true (automatic)',
      },
    ],
    [
      'terminal state without outcomes',
      'ecommerce',
      'lifecycle.json',
      (d) => delete d.states[9].outcomes,
      ['states.9'],
      { code: 'SCHEMA_VIOLATION', path: ['states', 9, 'outcomes'], message: 'terminal state "closed" must list the outcomes it closes with' },
    ],
    [
      'outcomes on a state that is not terminal',
      'ecommerce',
      'lifecycle.json',
      (d) => (d.states[1].outcomes = ['resolved']),
      ['states.1'],
      { code: 'SCHEMA_VIOLATION', path: ['states', 1, 'outcomes'], message: 'state "verifying" is not terminal, so it has no outcomes; set "terminal": true or remove "outcomes"' },
    ],
    [
      'deductions cap.rate "0"',
      'manufacturer',
      'deductions.json',
      (d) => (d.cap.rate = '0'),
      ['cap.rate'],
      { code: 'SCHEMA_VIOLATION', path: ['cap', 'rate'], message: 'the monthly cap rate must be above 0 and at most 1, got 0' },
    ],
    [
      'deductions cap.rate "50"',
      'manufacturer',
      'deductions.json',
      (d) => (d.cap.rate = '50'),
      ['cap.rate'],
      { code: 'SCHEMA_VIOLATION', path: ['cap', 'rate'], message: 'the monthly cap rate must be above 0 and at most 1, got 50' },
    ],
    [
      'deductions cap.rate "1.5"',
      'manufacturer',
      'deductions.json',
      (d) => (d.cap.rate = '1.5'),
      ['cap.rate'],
      { code: 'SCHEMA_VIOLATION', path: ['cap', 'rate'], message: 'the monthly cap rate must be above 0 and at most 1, got 1.5' },
    ],
    [
      'liability hitPolicy "collect" (decide takes the first firing liability rule)',
      'ecommerce',
      'liability.json',
      (d) => (d.hitPolicy = 'collect'),
      ['hitPolicy'],
      {
        code: 'SCHEMA_VIOLATION',
        path: ['hitPolicy'],
        message: 'a liability file decides one liability: "hitPolicy" can only be "first" (the first firing rule by priority, then id); "collect" is for remedies',
      },
    ],
    [
      'a condition with both all and any',
      'ecommerce',
      'liability.json',
      (d) => (d.rules[0].conditions = { all: [{ fact: 'vulnerable', operator: 'equal', value: true }], any: [{ fact: 'delivered', operator: 'equal', value: true }] }),
      ['rules.0.conditions'],
      {
        code: 'SCHEMA_VIOLATION',
        path: ['rules', 0, 'conditions'],
        message: 'a condition has exactly one of all / any / not / condition / fact (a fact with operator and value); this one has both "all" and "any": split it, e.g. { "all": [ … ] } holding one condition of each',
      },
    ],
    [
      'a negative amount',
      'ecommerce',
      'lifecycle.json',
      (d) => (d.authorities[0].upTo = '-5.00'),
      ['authorities.0.upTo'],
      { code: 'SCHEMA_VIOLATION', path: ['authorities', 0, 'upTo'], message: 'money cannot be negative: amounts are written without a sign, such as "299.00" (got "-5.00")' },
    ],
    [
      'an amount with a leading zero',
      'ecommerce',
      'lifecycle.json',
      (d) => (d.authorities[0].upTo = '05.00'),
      ['authorities.0.upTo'],
      { code: 'SCHEMA_VIOLATION', path: ['authorities', 0, 'upTo'], message: 'money has no leading zeros, such as "5.00" (got "05.00")' },
    ],
  ];

  test.each(cases)('%s', (_name, pack, file, change, schemaPaths, loader) => {
    const { doc, issues } = changed(pack, file, change);
    expect(schemaFailures(file, doc)).toEqual(schemaPaths);
    expect(issues).toEqual([{ ...loader, file }]);
  });

  test('the cap rate\'s pattern takes every rate in (0, 1] and nothing else', () => {
    const rate = (r: string) => dedupe(schemaFailures('deductions.json', { ...packFiles('manufacturer')['deductions.json'], cap: { ...packFiles('manufacturer')['deductions.json'].cap, rate: r } }));
    for (const ok of ['1', '1.0', '1.0000000000', '0.5', '0.50', '0.0000000001', '0.9999999999']) expect(rate(ok), ok).toEqual([]);
    for (const bad of ['0', '0.0', '0.00', '1.01', '2', '50', '10', '-0.5', '.5', '0.00000000001']) expect(rate(bad), bad).toEqual(['cap.rate']);
  });
});

describe('what the JSON Schema cannot say', () => {
  test('settings.timeZone "Asia/Shangai": only the loader knows the zones; the schema describes the field and suggests zones', () => {
    const { doc, issues } = changed('ecommerce', 'manifest.json', (d) => (d.settings = { ...d.settings, timeZone: 'Asia/Shangai' }));
    expect(schemaFailures('manifest.json', doc)).toEqual([]);
    expect(issues).toEqual([{ code: 'SCHEMA_VIOLATION', file: 'manifest.json', path: ['settings', 'timeZone'], message: 'not a known IANA time zone: "Asia/Shangai"; did you mean "Asia/Shanghai"?' }]);
    const manifest = generated['manifest.schema.json'] as any;
    const tz = manifest.$defs.Manifest.properties.settings.properties.timeZone;
    expect(tz.description).toMatch(/IANA/);
    expect(tz.examples).toContain('Asia/Shanghai');
    for (const zone of tz.examples) expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone })).not.toThrow();
  });
});

describe('condition fields in the JSON Schema', () => {
  const condition = (generated['liability.schema.json'] as any).$defs.Condition;
  const leaf = condition.anyOf.find((b: any) => b.properties?.fact && b.properties?.operator);

  test('fact, operator, value and path have descriptions; fact and operator suggest the built-in names and allow others', () => {
    for (const key of ['fact', 'operator', 'value', 'path']) expect(leaf.properties[key].description, key).toMatch(/\w/);
    expect(leaf.properties.operator.examples).toEqual(Object.keys(BUILTIN_OPERATORS));
    // only facts every kind of file may read are suggested (a liability rule refuses the liability outcome and the lifecycle facts); the others are named in the description
    expect(leaf.properties.fact.examples).toEqual(Object.keys(COMPLAINT_FACTS));
    for (const name of [...Object.keys(LIABILITY_OUTCOME_FACTS), ...LIFECYCLE_ONLY_FACTS]) expect(leaf.properties.fact.description).toContain(name);
    expect(leaf.properties.fact.type).toBe('string');
    expect(leaf.properties.fact.enum).toBeUndefined();
    expect(leaf.properties.operator.enum).toBeUndefined();
  });

  test('the lifecycle-only facts suggested are the lifecycle facts that are not complaint facts', () => {
    const lifecycleOnly = Object.keys(lifecycleFacts([], [])).filter((f) => !(f in COMPLAINT_FACTS));
    expect([...LIFECYCLE_ONLY_FACTS].sort()).toEqual(lifecycleOnly.sort());
  });

  test('remedy offer, exclude, resolveWithin and the approver have descriptions', () => {
    const rule = (generated['remedies.schema.json'] as any).$defs.Remedies.properties.rules.items;
    for (const key of ['offer', 'exclude']) expect(rule.properties[key].description, key).toMatch(/exactly one of "offer" or "exclude"/);
    expect(rule.properties.offer.properties.resolveWithin.description).toMatch(/\w/);
    const band = (generated['approval.schema.json'] as any).$defs.ApprovalAuthority.properties.bands.items;
    expect(band.properties.approver.description).toMatch(/\w/);
  });
});

describe('messages of mixed-up conditions', () => {
  const liability = (conditions: unknown) => changed('ecommerce', 'liability.json', (d) => (d.rules[0].conditions = conditions)).issues;

  test('a key no condition shape knows is still reported as an unknown key', () => {
    expect(liability({ fact: 'vulnerable', operator: 'equal', value: true, operater: 'x' })).toEqual([
      { code: 'SCHEMA_VIOLATION', file: 'liability.json', path: ['rules', 0, 'conditions', 'operater'], message: 'unknown key "operater"; "operator" is already given here (keys here: fact, operator, value, path, params, priority, name)' },
    ]);
  });

  test('a leaf missing its value still says so', () => {
    expect(liability({ fact: 'vulnerable', operator: 'equal' }).map((i) => i.path)).toEqual([['rules', 0, 'conditions', 'value']]);
  });

  test('a nested condition mixing fact and not is named at its own place', () => {
    expect(liability({ all: [{ fact: 'vulnerable', operator: 'equal', value: true, not: { condition: 'x' } }] })).toEqual([
      {
        code: 'SCHEMA_VIOLATION',
        file: 'liability.json',
        path: ['rules', 0, 'conditions', 'all', 0],
        message:
          'a condition has exactly one of all / any / not / condition / fact (a fact with operator and value); this one has both "not" and "fact": split it, e.g. { "all": [ … ] } holding one condition of each',
      },
      // the valid condition under its "not" is still checked: "x" names no condition
      {
        code: 'UNKNOWN_REFERENCE',
        file: 'liability.json',
        path: ['rules', 0, 'conditions', 'all', 0, 'not', 'condition'],
        message: 'no named condition "x" in this file\'s "conditions" (each file has its own) (known: quality-problem, goods-damaged-in-transit)',
      },
    ]);
  });
});
