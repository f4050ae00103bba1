import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readBounded } from '../json/read-bounded.js';
import { formatIssue, PolicyError, PolicyLoadError } from '../errors/errors.js';
import { limitHint } from './shared.js';
import { UsageError, type CliCommand, type CliIO } from './command.js';
import { LIBRARY } from '../decision/decide.js';
import { evaluateCommand } from './commands/evaluate.js';
import { schemaCommand } from './commands/schema.js';
import { validateCommand } from './commands/validate.js';
import { lossCommand } from './commands/loss.js';
import { penaltyCommand } from './commands/penalty.js';
import { deductionCommand } from './commands/deduction.js';
import { allocateCommand } from './commands/allocate.js';
import { replayCommand } from './commands/replay.js';
import { deadlinesCommand } from './commands/deadlines.js';
import { diagramCommand } from './commands/diagram.js';

/**
 * Every sub-command, in `--help` order. Add a command: one file under
 * `src/cli/commands/` and one line here.
 *
 * @category CLI
 */
export const COMMANDS: readonly CliCommand[] = [
  evaluateCommand,
  validateCommand,
  schemaCommand,
  lossCommand,
  penaltyCommand,
  deductionCommand,
  allocateCommand,
  replayCommand,
  deadlinesCommand,
  diagramCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'aftersales — after-sales complaint policy packs',
    '',
    'Usage: aftersales <command> [options]',
    '',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'aftersales <command> --help (-h) shows a command\'s options; aftersales --version (-v) the library version.',
    'Packs: a bundled id (ecommerce, manufacturer) or a folder. An input file given as - is read from standard input.',
    'Exit codes: 0 done, 1 a problem with the pack or the input, 2 a usage error (CLI_USAGE), 70 an internal error,',
    '74 the output could not be written (e.g. a full disk; a reader that went away ends the command quietly instead).',
    '',
  ].join('\n');
}

/**
 * Runs the CLI in-process (used by the binary and by tests).
 *
 * @param argv - arguments after the program name
 * @param io - output streams and file reader
 * @returns the exit code: 0 success, 1 invalid pack or input, 2 usage error, 70 internal error (74, output that
 *   cannot be written, is set by the binary's stream guard, not here)
 * @category CLI
 */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v') {
    if (rest.length) {
      io.stderr(`aftersales: CLI_USAGE ${name} takes no arguments (got ${rest.join(' ')})\n`);
      return 2;
    }
    io.stdout(`${LIBRARY}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name) io.stdout(help());
    else io.stderr(`aftersales: CLI_USAGE no command given\n\n${help()}`);
    return name ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === name);
  if (!cmd) {
    io.stderr(`aftersales: CLI_USAGE unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  const end = rest.indexOf('--'); // after `--` every argument is a file name, even "--help"
  const flags = end < 0 ? rest : rest.slice(0, end);
  if (flags.includes('--help') || flags.includes('-h')) {
    io.stdout(`${cmd.usage}\n`);
    return 0;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`aftersales ${cmd.name}: CLI_USAGE ${e.message}\nUsage: ${cmd.usage}\n`);
      return 2;
    }
    if (e instanceof PolicyError) {
      io.stderr(`aftersales ${cmd.name}: ${e.code}\n${e.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n${e instanceof PolicyLoadError ? limitHint(e.issues) : ''}`);
      return 1;
    }
    io.stderr(`aftersales ${cmd.name}: internal error: ${(e as Error)?.message ?? String(e)}\n`);
    return 70;
  }
}

/**
 * Output that cannot be written ends the process without a stack trace: a reader that went away
 * (`aftersales schema | head -1`, EPIPE) quietly, with the exit code so far; anything else (a full
 * disk) with 74, the conventional code for an I/O error — there is nowhere left to say more.
 */
function guardOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? (typeof process.exitCode === 'number' ? process.exitCode : 0) : 74));
  }
}

/** Real process io. */
const processIO: CliIO = {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readFile: readBounded,
};

/**
 * Whether this module is the program node was started with, by whatever name: `dist/cli.js`, `dist/cli` (node
 * adds the extension), a symlink such as `node_modules/.bin/aftersales` or `bin/aftersales-policy`. Node's own
 * resolution of the main module (extensions, symlinks followed) is asked for `process.argv[1]`, and the result is
 * compared with this file's real path; a module that imports this one (tests, a host) is not the main module.
 */
const isMain = (() => {
  try {
    const main = process.argv[1];
    if (main === undefined) return false;
    const here = realpathSync(fileURLToPath(import.meta.url));
    return realpathSync(createRequire(import.meta.url).resolve(resolve(main))) === here;
  } catch {
    return false;
  }
})();

if (isMain) {
  guardOutput();
  runCli(process.argv.slice(2), processIO).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`aftersales: internal error: ${(e as Error)?.message ?? String(e)}\n`);
      process.exitCode = 70;
    },
  );
}
