import { expect, test } from 'vitest';

// Loading a pack generates no code: zod parses the files without building parsers (`jitless`,
// src/json/zod-parse.ts). By default zod builds one with `new Function` per object schema on its first
// parse. This file runs in its own module graph (vitest isolates test files), so no schema has parsed before.
test('loading the bundled packs and a calendar calls no Function constructor', async () => {
  const { loadPolicy, bundledCalendarIds, loadBundledCalendar } = await import('../../src/index.js');
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
    for (const id of ['ecommerce', 'manufacturer']) expect(loadPolicy(id).id).toBe(id);
    for (const id of bundledCalendarIds()) loadBundledCalendar(id);
  } finally {
    globalThis.Function = original;
  }
  expect(made).toEqual([]);
});
