import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from '../helpers.js';

/*
 * A policy owner copies a bundled pack into their own repository: its
 * `$schema` paths (`../../schemas/…`, right inside the package) then lead
 * nowhere, and the editor silently offers no autocompletion. The loader never
 * reads `$schema`, so `validate` notes each such file with the path to write,
 * found where Node finds the package: node_modules/aftersales-policy above the
 * pack folder.
 */

const ROOT = join(__dirname, '..', '..');
const FILES = ['manifest.json', 'liability.json', 'remedies.json', 'approval.json', 'lifecycle.json'];
const SCHEMA = (f: string) => f.replace('.json', '.schema.json');

/** A consumer project with the package installed and a copy of the ecommerce pack at policy/shop. */
function project(): { dir: string; pack: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aftersales-consumer-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'aftersales-policy'), 'dir');
  const pack = join(dir, 'policy', 'shop');
  cpSync(join(ROOT, 'rules', 'ecommerce'), pack, { recursive: true });
  return { dir, pack };
}

type Note = { code: string; file?: string; suggested?: string; message: string };
const schemaNotes = (j: { notes: Note[] }) => j.notes.filter((n) => n.code === 'SCHEMA_REFERENCE');

describe('validate notes a $schema an editor cannot follow', () => {
  test('a copied bundled pack: each file is noted with the path into node_modules/aftersales-policy/schemas; still valid, exit 0', async () => {
    const { pack } = project();
    const r = await cli(['validate', '--json', pack]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.valid).toBe(true);
    expect(schemaNotes(j)).toEqual(
      FILES.map((f) => ({
        code: 'SCHEMA_REFERENCE',
        file: f,
        path: ['$schema'],
        schema: `../../schemas/${SCHEMA(f)}`,
        suggested: `../../node_modules/aftersales-policy/schemas/${SCHEMA(f)}`,
        message: `${f}: $schema "../../schemas/${SCHEMA(f)}" names no file (${join(pack, '..', '..', 'schemas', SCHEMA(f))}), so an editor offers no autocompletion: write "../../node_modules/aftersales-policy/schemas/${SCHEMA(f)}"`,
      })),
    );
    const text = await cli(['validate', pack]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(`  note: liability.json: $schema "../../schemas/liability.schema.json" names no file`);
  });

  test('with the suggested paths there is no note; a schema of another kind, or a missing one, is noted; a URL or a file of another name is left to the editor', async () => {
    const { pack } = project();
    for (const f of readdirSync(pack)) {
      const p = join(pack, f);
      writeFileSync(p, readFileSync(p, 'utf8').replace('"../../schemas/', '"../../node_modules/aftersales-policy/schemas/'));
    }
    expect(schemaNotes(JSON.parse((await cli(['validate', '--json', pack])).stdout))).toEqual([]);

    const edit = (f: string, schema: string) => {
      const doc = JSON.parse(readFileSync(join(pack, f), 'utf8'));
      doc.$schema = schema;
      writeFileSync(join(pack, f), JSON.stringify(doc, null, 2));
    };
    edit('remedies.json', '../../node_modules/aftersales-policy/schemas/liability.schema.json');
    edit('approval.json', 'node_modules/aftersales-policy/schemas/approval.schema.json'); // relative to the file, not the project
    edit('lifecycle.json', 'https://example.org/schemas/lifecycle.schema.json');
    // the host's own copy of a schema, under a name of its own
    writeFileSync(join(pack, 'my-manifest-schema.json'), readFileSync(join(ROOT, 'schemas', 'manifest.schema.json')));
    edit('manifest.json', './my-manifest-schema.json');
    const notes = schemaNotes(JSON.parse((await cli(['validate', '--json', pack])).stdout));
    expect(notes.map((n) => [n.file, n.suggested])).toEqual([
      ['remedies.json', '../../node_modules/aftersales-policy/schemas/remedies.schema.json'],
      ['approval.json', '../../node_modules/aftersales-policy/schemas/approval.schema.json'],
    ]);
    expect(notes[0]!.message).toContain('names liability.schema.json, not the schema of this file\'s kind (remedies.schema.json)');
  });

  test('the bundled packs, by id or as the package folder, get no such note', async () => {
    for (const arg of ['ecommerce', 'manufacturer', join(ROOT, 'rules', 'ecommerce'), join(ROOT, 'rules', 'manufacturer')]) {
      expect(schemaNotes(JSON.parse((await cli(['validate', '--json', arg])).stdout)), arg).toEqual([]);
    }
  });
});
