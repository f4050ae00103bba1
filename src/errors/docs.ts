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
    'caller input) with a stable `code` and `issues[]`, each `{ code, file, path, message }`: `file` is the',
    'pack-relative file (or `<complaint>`, `<input>`, the CLI input file), `path` the JSON path inside it.',
    'All problems of a pack or an input are reported together. The CLI prints one line per issue —',
    '`file $.json.path: CODE message` — on stderr and exits 1; usage mistakes exit 2.',
    '',
    'Generated from `src/errors/codes.ts` by `npm run generate`; a test fails when this page drifts.',
    '',
    '| code | meaning |',
    '|---|---|',
    ...rows,
    '',
  ].join('\n');
}
