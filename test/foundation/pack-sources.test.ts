import { describe, expect, test } from 'vitest';
import { packFiles } from '../packs.js';

/** Every string in a JSON value, with its path. */
function strings(v: unknown, path: string, out: Array<[string, string]>): Array<[string, string]> {
  if (typeof v === 'string') out.push([path, v]);
  else if (Array.isArray(v)) v.forEach((x, i) => strings(x, `${path}[${i}]`, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) strings(x, `${path}.${k}`, out);
  return out;
}

/** The seed references in a text: `seed 003`, `seed 003 art.3`, `seed 003 art.3 §九.13`, … */
function citations(text: string): string[] {
  return [...text.matchAll(/seed \d{3}(?: art\.\d+)?(?: §[^\s;,)"]+)?/g)].map((m) => m[0].replace(/[.(]+$/, ''));
}

/** A source covers a citation that is it, or a part of it (`seed 003 art.3` covers `seed 003 art.3 §九.1`, not `seed 003 art.31`). */
const covers = (source: string, citation: string) => citation === source || citation.startsWith(`${source} `) || citation.startsWith(`${source}.`) || citation.startsWith(`${source}(`);

describe('a bundled pack\'s manifest lists every source its files cite', () => {
  test.each(['ecommerce', 'manufacturer'])('%s', (id) => {
    const files = packFiles(id);
    const sources: string[] = files['manifest.json'].sources;
    const uncovered: string[] = [];
    for (const [file, doc] of Object.entries(files)) {
      for (const [path, text] of strings(doc, file, [])) {
        if (path === 'manifest.json.sources' || path.startsWith('manifest.json.sources[')) continue;
        for (const c of citations(text)) if (!sources.some((s) => covers(s, c))) uncovered.push(`${path}: ${c}`);
      }
    }
    expect(uncovered).toEqual([]);
  });

  test('the lists themselves', () => {
    expect(packFiles('ecommerce')['manifest.json'].sources).toEqual([
      'seed 000',
      'seed 001',
      'seed 002',
      'seed 003 art.1',
      'seed 003 art.2',
      'seed 003 art.3 §九.9',
      'seed 003 art.3 §九.11',
      'seed 003 art.3 §九.13',
      'seed 003 art.3 §九.14',
      'seed 003 art.3 §十一',
      'seed 003 art.3 §十三',
      'seed 003 art.4 §三.5',
      'seed 003 art.4 §七',
    ]);
    expect(packFiles('manufacturer')['manifest.json'].sources).toEqual(['seed 003 art.1', 'seed 003 art.2 §2', 'seed 003 art.3']);
  });

  test('the check sees a citation that no source covers', () => {
    expect(citations('seed 003 art.3 §九.13; seed 003 art.2 §7.10.7(1) (emergencies)')).toEqual(['seed 003 art.3 §九.13', 'seed 003 art.2 §7.10.7(1']);
    expect(covers('seed 003 art.3 §九.1', 'seed 003 art.3 §九.13')).toBe(false);
    expect(covers('seed 003 art.3', 'seed 003 art.3 §九.13')).toBe(true);
    expect(covers('seed 003 art.2 §2', 'seed 003 art.2 §7.10.7(1')).toBe(false);
  });
});
