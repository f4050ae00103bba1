import { lifecycleDiagram } from '../../lifecycle/diagram.js';
import type { CliCommand } from '../command.js';
import { UsageError } from '../command.js';
import { LIMIT_USAGE, loadPolicyArg, parseCommandArgs, POLICY_OPTIONS } from '../shared.js';

/** `aftersales diagram [--policy p]`: the lifecycle as a Mermaid stateDiagram-v2. @category CLI */
export const diagramCommand: CliCommand = {
  name: 'diagram',
  summary: 'print a pack\'s complaint lifecycle as a Mermaid stateDiagram-v2',
  usage: 'aftersales diagram [--policy <id|folder>]' + '\n' + LIMIT_USAGE,
  run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { ...POLICY_OPTIONS });
    if (positionals.length) throw new UsageError('diagram takes no file; name the pack with --policy');
    io.stdout(lifecycleDiagram(loadPolicyArg(values)));
    return 0;
  },
};
