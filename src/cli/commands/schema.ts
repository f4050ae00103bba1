import { generateJsonSchemas } from '../../pack/json-schema.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { parseCommandArgs, printJson } from '../shared.js';

/** `aftersales schema [name]`: prints the JSON Schemas. @category CLI */
export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: 'print the JSON Schemas of the rule-file kinds and inputs',
  usage: 'aftersales schema [<file name, e.g. liability.schema.json>]\n  Without a name: one JSON object, file name → schema.',
  run(args, io) {
    const { positionals } = parseCommandArgs(args, {});
    const all = generateJsonSchemas();
    if (positionals.length === 0) {
      printJson(io, all);
      return 0;
    }
    if (positionals.length > 1) throw new UsageError(`schema takes at most one name (got ${positionals.length}: ${positionals.join(' ')})`);
    const name = positionals[0]!;
    const key = Object.keys(all).find((k) => k === name || k === `${name}.schema.json`);
    if (!key) throw new UsageError(`unknown schema ${JSON.stringify(name)}; known: ${Object.keys(all).join(', ')}`);
    printJson(io, all[key]);
    return 0;
  },
};
