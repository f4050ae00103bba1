import { expect, test } from 'vitest';

// Importing the library and loading a pack generate no code: zod parses the files without building
// parsers (`jitless`, src/json/zod-parse.ts). By default zod builds one with `new Function` per object
// schema on its first parse. This file runs in its own module graph (vitest isolates test files), so
// the library's schemas are new instances here, none has parsed before — and `Function` is replaced
// before the library is imported, so a parse at import time (a module-level `Schema.parse(...)`) is
// seen too.
//
// The one call allowed is zod's capability probe, `new Function("")` (an empty body: no code from any
// data), which zod runs once per process when its first object schema is built, to find out whether
// code generation is allowed at all; zod's modules are shared by the test files of a worker, so it may
// or may not happen here.
test('importing the library, loading the bundled packs and a calendar, and deciding (valid and invalid complaints) call no Function constructor', async () => {
  const original = globalThis.Function;
  const made: string[] = [];
  globalThis.Function = new Proxy(original, {
    construct(target, args: string[]) {
      made.push(String(args.at(-1)).slice(0, 80));
      return Reflect.construct(target, args);
    },
    apply(target, self, args: string[]) {
      made.push(String(args.at(-1)).slice(0, 80));
      return Reflect.apply(target, self, args);
    },
  });
  try {
    const { loadPolicy, bundledCalendarIds, loadBundledCalendar, generateCase, InputError } = await import('../../src/index.js');
    for (const id of ['ecommerce', 'manufacturer']) expect(loadPolicy(id).id).toBe(id);
    for (const id of bundledCalendarIds()) loadBundledCalendar(id);
    // decide: valid complaints (the fast check), and complaints the fast check leaves to zod (an
    // `undefined` field, which counts as absent; an invalid amount, refused)
    const policy = loadPolicy('ecommerce');
    for (let i = 0; i < 50; i++) {
      const { complaint, now } = generateCase(1, i);
      policy.decide(complaint, { now });
      policy.decide(complaint, { now, trace: false });
      expect(policy.decide({ ...complaint, unused: undefined }, { now }).liability.ruleId).toBe(policy.decide(complaint, { now }).liability.ruleId);
      expect(() => policy.decide({ ...complaint, claimAmount: 'x' }, { now })).toThrow(InputError);
    }
  } finally {
    globalThis.Function = original;
  }
  expect(made.filter((body) => body !== '')).toEqual([]);
});
