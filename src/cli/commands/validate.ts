import { formatIssue } from '../../errors/errors.js';
import { safeLoadPolicy } from '../../pack/loader.js';
import type { CliCommand } from '../command.js';
import { LIMIT_OPTIONS, LIMIT_USAGE, limitHint, limitsArg, parseCommandArgs, printJson } from '../shared.js';
import { UsageError } from '../command.js';

/** `aftersales validate <pack>`. @category CLI */
export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'check a rule pack and list every problem with its file and JSON path',
  usage: 'aftersales validate [--json] <pack-id | pack-folder>\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, ...LIMIT_OPTIONS });
    if (positionals.length !== 1) throw new UsageError('validate takes exactly one pack id or folder');
    const r = safeLoadPolicy(positionals[0]!, { limits: limitsArg(values) });
    if (values.json) {
      printJson(io, r.success ? { valid: true, pack: r.data.id, version: r.data.version, hash: r.data.hash } : { valid: false, issues: r.error.issues });
      return r.success ? 0 : 1;
    }
    if (r.success) {
      io.stdout(`✓ ${r.data.id} ${r.data.version} is valid (${r.data.documents.length} rule files, hash ${r.data.hash.slice(0, 12)})\n`);
      return 0;
    }
    io.stderr(`✗ ${positionals[0]} has ${r.error.issues.length} problem(s):\n${r.error.issues.map((i) => `  ${formatIssue(i)}`).join('\n')}\n${limitHint(r.error.issues)}`);
    return 1;
  },
};
