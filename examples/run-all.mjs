// Runs every numbered example against the built package; exits non-zero if one fails.
import { readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const dir = new URL('.', import.meta.url);
const examples = readdirSync(dir).filter((f) => /^\d\d-.*\.(mjs|cjs)$/.test(f)).sort();
for (const f of examples) {
  console.log(`\n── ${f}`);
  process.stdout.write(execFileSync(process.execPath, [new URL(f, dir).pathname], { encoding: 'utf8' }));
}
