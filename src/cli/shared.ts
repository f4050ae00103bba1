import { parseArgs, type ParseArgsConfig } from 'node:util';
import { InputError, PolicyError, issue } from '../errors/errors.js';
import { parseUntrustedJson } from '../json/safe-json.js';
import { loadPolicy } from '../pack/loader.js';
import type { Policy } from '../pack/policy.js';
import { UsageError, type CliIO } from './command.js';

/**
 * Parses a command's arguments strictly (unknown flags are usage errors).
 *
 * @param args - the arguments after the command name
 * @param options - `parseArgs` option spec
 * @returns values and positionals
 * @category CLI
 */
export function parseCommandArgs<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/**
 * Reads a JSON input file (or `-` for stdin) as untrusted JSON.
 *
 * @param path - file path
 * @param io - CLI io
 * @returns the parsed value
 * @throws InputError naming the file (syntax, size, depth, forbidden keys)
 * @category CLI
 */
export function readJsonInput(path: string, io: CliIO): unknown {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (e) {
    throw new InputError([issue('FILE_NOT_FOUND', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, [], path)]);
  }
  const r = parseUntrustedJson(text, path);
  if (!r.ok) throw new InputError(r.issues);
  return r.value;
}

/**
 * Loads the policy named by `--policy` (default `ecommerce`).
 *
 * @param policy - pack id or folder
 * @returns the policy
 * @throws PolicyLoadError
 * @category CLI
 */
export function loadPolicyArg(policy: string | undefined): Policy {
  return loadPolicy(policy ?? 'ecommerce');
}

/**
 * Re-tags input issues with the input file's name, for messages like
 * `complaint.json $.order.items[0].quantity: INVALID_INPUT …`.
 *
 * @param e - an error
 * @param file - the input file
 * @returns the same error, or a copy naming the file
 * @category CLI
 */
export function withInputFile(e: unknown, file: string): unknown {
  if (e instanceof InputError) return new InputError(e.issues.map((i) => (i.file.startsWith('<') ? { ...i, file } : i)));
  if (e instanceof PolicyError && e.code !== 'INVALID_INPUT' && e.issues.every((i) => i.file === '<input>')) {
    return new PolicyError(e.code, e.issues.map((i) => ({ ...i, file })));
  }
  return e;
}

/**
 * Prints a value as JSON with a trailing newline.
 *
 * @param io - CLI io
 * @param value - any JSON-serialisable value
 * @category CLI
 */
export function printJson(io: CliIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
