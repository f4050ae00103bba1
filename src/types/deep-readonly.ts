/**
 * `T` with every property, array and nested object read-only, all the way
 * down: the type of the values the library hands out deep-frozen (snapshots,
 * validated calendar data, a policy's settings and manifest). Writing to one
 * is then a compile error instead of a `TypeError` at run time; a writable
 * value of the same shape is still accepted wherever a `DeepReadonly` value is
 * expected. Functions are kept as they are.
 *
 * @typeParam T - the writable type
 * @example
 * ```ts
 * const { snapshot } = start(policy, complaint, { actor });
 * snapshot.history.push(entry); // compile error: 'push' does not exist on a readonly array
 * const next = { ...snapshot, revision: snapshot.revision + 1 }; // copies are fine
 * ```
 * @category Types
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown ? T : T extends object ? { readonly [K in keyof T]: DeepReadonly<T[K]> } : T;
