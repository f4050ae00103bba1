import type { Policy } from '../pack/policy.js';

/**
 * Streams and environment a CLI command writes to (injected so commands are testable in-process).
 *
 * @category CLI
 */
export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Reads a file (`-`: standard input) as UTF-8. With `maxBytes`, stops reading past it and
   * throws an error whose `code` is `ETOOBIG` (so a huge or endless input is never read whole).
   */
  readFile(path: string, maxBytes?: number): string;
}

/**
 * One `aftersales` sub-command. Parses its own arguments with `node:util`'s
 * `parseArgs`; returns the process exit code. Throwing a `PolicyError` makes
 * the runner print its issues to stderr (never a stack trace) and exit 1;
 * throwing a `UsageError` prints the usage and exits 2.
 *
 * @category CLI
 */
export interface CliCommand {
  readonly name: string;
  /** One line for `aftersales --help`. */
  readonly summary: string;
  /** Full usage text. */
  readonly usage: string;
  run(args: string[], io: CliIO): number | Promise<number>;
}

/**
 * A command-line usage mistake (unknown flag, missing argument).
 *
 * @category CLI
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export type { Policy };
