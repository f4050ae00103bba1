import type { core } from 'zod';

/**
 * zod's parse options for the files of a pack and calendar data: no
 * generated parser. By default zod builds a parser per object schema with
 * `new Function` on its first parse; a pack load parses each of its schemas a
 * few times, so generating them costs more than it saves (the first load in a
 * process took ≈ 15 ms more CPU, bench "load + compile"), and no code is
 * generated at load time at all.
 *
 * @internal
 */
export const LOAD_PARSE: core.ParseContext<core.$ZodIssue> = Object.freeze({ jitless: true });
