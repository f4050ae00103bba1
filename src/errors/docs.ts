import { ERROR_CODES } from './codes.js';

/**
 * Renders the error-code reference (`docs/errors.md`) from {@link ERROR_CODES}.
 *
 * @returns Markdown text
 * @category Errors
 */
export function renderErrorDocs(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning.replace(/\|/g, '\\|')} |`);
  return [
    '# Error codes',
    '',
    'Every error is a `PolicyError` (or its subclasses `PolicyLoadError` for packs and `InputError` for',
    'caller input) with a stable `code` and `issues[]`, each `{ code, file, path, message }`: `path` is the',
    'JSON path inside `file`, and `file` is one of the list below. An `InputError` — any mistake in what a',
    'caller passes: a complaint, an event, a bad `now`, a duration, a zone, a complaint number — always has',
    'the code `INVALID_INPUT`; its issues carry the precise codes (`INVALID_INSTANT` at `now`, …). Tell a',
    'caller\'s mistake from a pack\'s or a calendar\'s problem by the class (`instanceof InputError`), and',
    'read the issues for the detail. (Before 0.1.0\'s last changes a bad `now` or zone was a plain',
    '`PolicyError` with the code `INVALID_INSTANT`; see CHANGELOG.md.) `file` is one of',
    '',
    '- the pack-relative file (`manifest.json`, `liability.json`, …);',
    '- `<pack>`: the pack as a whole — its total size (`limits.maxTotalBytes`), or an in-memory pack\'s',
    '  number of files, a file name such as `constructor`, or a value that is not `{ files }`;',
    '- `<options>`: the load options — a host operator named like a built-in one;',
    '- `<complaint>`: the complaint given to `decide()`, `start()` or `replay()`;',
    '- `<snapshot>`: a stored lifecycle snapshot (`readSnapshot()`, `transition()`, `deadlines()`);',
    '- `<input>`: other caller input — a lifecycle event, the input of `calculateLoss()`, `penaltyFor()`,',
    '  `economicDeduction()`, `allocate()` and the like, a replay script;',
    '- `<numbering>`: a complaint-number pattern; `<calendar>`: a bundled calendar;',
    '- in the CLI, the input file as named on the command line, or `-` when it was read from standard input.',
    '',
    'All problems of a pack or an input are reported together, except that a file or input that is not',
    'JSON (a syntax error, not UTF-8, larger or deeper than its limit) reports that one problem. The CLI',
    'prints one line per issue — `file $.json.path: CODE message` — on stderr and exits 1; usage mistakes',
    'exit 2.',
    '',
    'Generated from `src/errors/codes.ts` by `npm run generate`; a test fails when this page drifts.',
    '',
    '| code | meaning |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}
