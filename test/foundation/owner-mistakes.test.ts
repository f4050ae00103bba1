// The mistakes a policy owner most likely makes when editing a pack's JSON, and the message each gets:
// the exact code, file, JSON path and message, so a message that misleads cannot come back unnoticed.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { closest } from '../../src/errors/suggest.js';
import { safeLoadPolicy } from '../../src/pack/loader.js';
import { cli } from '../helpers.js';
import { packFiles } from '../packs.js';

type Row = [code: string, file: string, path: ReadonlyArray<string | number>, message: string];

function issuesOf(files: Record<string, unknown>): Row[] {
  const r = safeLoadPolicy({ files });
  if (r.success) throw new Error('the pack loaded');
  return r.error.issues.map((i) => [i.code, i.file, i.path, i.message]);
}

function changed(pack: string, change: (f: Record<string, any>) => void): Row[] {
  const files = packFiles(pack);
  change(files);
  return issuesOf(files);
}

const SHAPES = 'a condition has exactly one of all / any / not / condition / fact (a fact with operator and value)';
const LEAF_KEYS = '(keys here: fact, operator, value, path, params, priority, name)';
const RULE = ['rules', 0, 'conditions'];

describe('a condition mixing shapes is said to mix them, whichever shapes they are', () => {
  test.each<[string, unknown, string]>([
    ['not and fact', { not: { fact: 'soldOnline', operator: 'equal', value: true }, fact: 'x' }, 'both "not" and "fact"'],
    ['condition and fact', { condition: 'quality-problem', fact: 'x' }, 'both "condition" and "fact"'],
    ['all and any', { all: [{ fact: 'soldOnline', operator: 'equal', value: true }], any: [] }, 'both "all" and "any"'],
    ['a whole comparison and all', { all: [{ fact: 'soldOnline', operator: 'equal', value: true }], fact: 'soldOnline', operator: 'equal', value: true }, 'both "all" and "fact"'],
    ['not, condition and fact', { not: { condition: 'quality-problem' }, condition: 'quality-problem', fact: 'x' }, '"not", "condition" and "fact"'],
  ])('%s', (_name, conditions, has) => {
    expect(changed('ecommerce', (f) => (f['liability.json'].rules[0].conditions = conditions))).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', RULE, `${SHAPES}; this one has ${has}: split it, e.g. { "all": [ … ] } holding one condition of each`],
    ]);
  });

  test('an empty condition says so, and that a rule without conditions always applies', () => {
    expect(changed('ecommerce', (f) => (f['liability.json'].rules[0].conditions = {}))).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', RULE, `${SHAPES}; this one is empty (a rule without "conditions" always applies)`],
    ]);
  });

  test('a key no shape knows is still an unknown key, with the one meant and the keys the shape takes', () => {
    expect(changed('ecommerce', (f) => (f['liability.json'].rules[0].conditions = { fact: 'soldOnline', operator: 'equal', vlaue: true }))).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', [...RULE, 'value'], 'required'],
      ['SCHEMA_VIOLATION', 'liability.json', [...RULE, 'vlaue'], `unknown key "vlaue"; did you mean "value"? ${LEAF_KEYS}`],
    ]);
  });

  test('a condition that is not an object says what a condition is', () => {
    expect(changed('ecommerce', (f) => (f['liability.json'].rules[0].conditions = { not: 'soldOnline' }))).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', [...RULE, 'not'], 'a condition is an object { … } with one of all / any / not / condition / fact, not "soldOnline"'],
    ]);
  });
});

describe('a name that is a near miss gets the name meant, and the list of known ones', () => {
  test('fact, operator (wrong case), named condition, enumerated value, complaint field', () => {
    const issues = changed('ecommerce', (f) => {
      const l = f['liability.json'];
      l.rules[0].conditions.all[0].fact = 'proofOfPurchse';
      l.rules[1].conditions.all[0].operator = 'Equal';
      l.rules[2].conditions.all[0].value = 'customer-misuses';
      l.rules[4].conditions.all[0].condition = 'quality-problems';
      l.rules[5].conditions = { fact: 'complaint', path: 'order.itemz[0].sku', operator: 'equal', value: 'RC-100' };
    });
    expect(issues).toEqual([
      ['UNKNOWN_FACT', 'liability.json', ['rules', 0, 'conditions', 'all', 0, 'fact'], expect.stringMatching(/^unknown fact "proofOfPurchse"; did you mean "proofOfPurchase"\? \(known: channel, claimAmount, .*\)$/)],
      ['UNKNOWN_OPERATOR', 'liability.json', ['rules', 1, 'conditions', 'all', 0, 'operator'], 'unknown operator "Equal"; did you mean "equal"? (known: equal, notEqual, in, notIn, contains, doesNotContain, lessThan, lessThanInclusive, greaterThan, greaterThanInclusive)'],
      ['OPERAND_TYPE_MISMATCH', 'liability.json', ['rules', 2, 'conditions', 'all', 0, 'value'], expect.stringMatching(/^fact "nature" is of type string: the value "customer-misuses" must be one of "quality-defect", .*; did you mean "customer-misuse"\?$/)],
      ['UNKNOWN_REFERENCE', 'liability.json', ['rules', 4, 'conditions', 'all', 0, 'condition'], 'no named condition "quality-problems" in this file\'s "conditions" (each file has its own); did you mean "quality-problem"? (known: quality-problem, goods-damaged-in-transit)'],
      ['UNKNOWN_REFERENCE', 'liability.json', ['rules', 5, 'conditions', 'path'], 'path "order.itemz[0].sku": "order" of fact "complaint" has no field "itemz"; did you mean "items"? (known: soldOnline, deliveredAt, items)'],
    ]);
  });

  test('a fact of another kind of file, and a named condition of another file, say so', () => {
    const issues = changed('ecommerce', (f) => {
      f['liability.json'].rules[0].conditions.all[0] = { fact: 'upheld', operator: 'equal', value: true };
      f['liability.json'].rules[1].conditions.all[0] = { fact: 'state', operator: 'equal', value: 'closed' };
      f['remedies.json'].rules[2].conditions.all[0] = { condition: 'quality-problem' };
    });
    expect(issues.map((i) => [i[0], i[1], i[3].replace(/ \(known: .*\)$/, '')])).toEqual([
      ['UNKNOWN_FACT', 'liability.json', 'unknown fact "upheld": it is the liability outcome, which only remedies rules read'],
      ['UNKNOWN_FACT', 'liability.json', 'unknown fact "state": it is a lifecycle fact, which only lifecycle conditions read'],
      ['UNKNOWN_REFERENCE', 'remedies.json', 'no named condition "quality-problem" in this file\'s "conditions" (each file has its own)'],
    ]);
  });

  test('an enumerated value of a rule file names the value written, the values and the one meant', () => {
    expect(
      changed('ecommerce', (f) => {
        f['liability.json'].rules[0].outcome.party = 'manufactor';
        f['remedies.json'].rules[0].exclude.types[1] = 'exhange';
        f['manifest.json'].settings.rounding = 'round-half-up';
      }),
    ).toEqual([
      ['SCHEMA_VIOLATION', 'manifest.json', ['settings', 'rounding'], 'the text "round-half-up" is not allowed here: one of "half-up", "half-even"'],
      ['SCHEMA_VIOLATION', 'liability.json', ['rules', 0, 'outcome', 'party'], 'the text "manufactor" is not allowed here: one of "seller", "manufacturer", "logistics", "customer", "supplier", "counter", "undetermined"; did you mean "manufacturer"?'],
      ['SCHEMA_VIOLATION', 'remedies.json', ['rules', 0, 'exclude', 'types', 1], 'the text "exhange" is not allowed here: one of "refund", "exchange", "repair", "resend-parts", "price-compensation", "technical-guidance", "allowance", "claim", "rework", "goodwill"; did you mean "exchange"?'],
    ]);
  });

  test('a missing enumerated value is required, with its values', () => {
    expect(changed('ecommerce', (f) => delete f['liability.json'].rules[0].outcome.party)).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', ['rules', 0, 'outcome', 'party'], 'required: one of "seller", "manufacturer", "logistics", "customer", "supplier", "counter", "undetermined"'],
    ]);
  });

  test('an unknown key of a rule names the one meant and the keys a rule takes', () => {
    expect(
      changed('ecommerce', (f) => {
        const r = f['liability.json'].rules[0];
        r.priorty = r.priority;
        delete r.priority;
      }),
    ).toEqual([['SCHEMA_VIOLATION', 'liability.json', ['rules', 0, 'priorty'], 'unknown key "priorty"; did you mean "priority"? (keys here: id, description, clause, priority, enabled, conditions, outcome)']]);
  });

  test('lifecycle: a transition to a misspelt state is that one problem, not every state after it unreachable', () => {
    expect(changed('ecommerce', (f) => (f['lifecycle.json'].transitions[0].to = 'verifyng'))).toEqual([
      [
        'UNKNOWN_REFERENCE',
        'lifecycle.json',
        ['transitions', 0, 'to'],
        'target state "verifyng" is not declared; did you mean "verifying"? (known: received, verifying, third-party-review, liability-determined, proposed, pending-approval, awaiting-customer, executing, follow-up, closed)',
      ],
    ]);
  });

  test('lifecycle: a misspelt initial state and clock event', () => {
    const issues = changed('ecommerce', (f) => {
      f['lifecycle.json'].initial = 'recieved';
      f['lifecycle.json'].clocks[0].stop.events = ['start-verifcation'];
    });
    expect(issues.map((i) => [i[0], i[2], i[3].replace(/ \(known: .*\)$/, '')])).toEqual([
      ['UNKNOWN_REFERENCE', ['initial'], 'initial state "recieved" is not a state; did you mean "received"?'],
      ['UNKNOWN_REFERENCE', ['clocks', 0, 'stop', 'events', 0], 'event "start-verifcation" is not declared; did you mean "start-verification"?'],
    ]);
  });

  test('closest: case, a letter or two, the start of a longer name; nothing when nothing is close or two are as close', () => {
    expect(closest('Equal', ['equal', 'notEqual'])).toBe('equal');
    expect(closest('Approval', ['Liability', 'ApprovalAuthority'])).toBe('ApprovalAuthority');
    expect(closest('exhange', ['exchange', 'repair'])).toBe('exchange');
    expect(closest('refundd', ['refund', 'repair'])).toBe('refund');
    expect(closest('xyz', ['equal', 'in'])).toBeUndefined();
    expect(closest('ab', ['aa', 'bb'])).toBeUndefined();
  });
});

describe('manufacturer pack: a discriminating key and a rate', () => {
  test('a loss method misspelt or missing, a guard misspelt, a rate written as a percentage', () => {
    expect(
      changed('manufacturer', (f) => {
        f['lossmodel.json'].types[0].method = 'actual';
        delete f['lossmodel.json'].types[1].method;
        f['lossmodel.json'].types[2].rate = '20%';
      }),
    ).toEqual([
      ['SCHEMA_VIOLATION', 'lossmodel.json', ['types', 0, 'method'], 'the text "actual" is not allowed here: one of "actual-amount", "quantity-price", "labour-handling"; did you mean "actual-amount"?'],
      ['SCHEMA_VIOLATION', 'lossmodel.json', ['types', 1, 'method'], 'required: one of "actual-amount", "quantity-price", "labour-handling"'],
      ['SCHEMA_VIOLATION', 'lossmodel.json', ['types', 2, 'rate'], 'a rate is a decimal string, not a percentage: 20% is "0.2"'],
    ]);
    const issues = changed('ecommerce', (f) => (f['lifecycle.json'].transitions.find((t: { guards?: unknown }) => t.guards).guards[0].guard = 'min-option'));
    expect(issues.map((i) => i[3])).toEqual([
      'the text "min-option" is not allowed here: one of "min-options", "resolution-stated", "within-authority", "beyond-authority", "option-accepted", "condition"; did you mean "min-options"?',
    ]);
  });
});

describe('the header of a rule file', () => {
  test('a missing apiVersion and kind are both said to be required, with what to write', () => {
    expect(
      changed('ecommerce', (f) => {
        delete f['approval.json'].apiVersion;
        delete f['approval.json'].kind;
      }),
    ).toEqual([
      ['UNSUPPORTED_API_VERSION', 'approval.json', ['apiVersion'], 'required: "apiVersion": "aftersales-policy/v1", the version of the rule-file format'],
      ['UNKNOWN_KIND', 'approval.json', ['kind'], 'required: "kind" says what the file holds, one of Liability, Remedies, ApprovalAuthority, LossModel, PenaltyBands, EconomicPenalty, Lifecycle'],
    ]);
  });

  test('the manifest\'s kind in lower case', () => {
    expect(changed('ecommerce', (f) => (f['manifest.json'].kind = 'manifest'))).toEqual([['SCHEMA_VIOLATION', 'manifest.json', ['kind'], 'must be "Manifest", not the text "manifest"']]);
  });

  test('a kind written short gets the kind meant', () => {
    expect(changed('ecommerce', (f) => (f['approval.json'].kind = 'Approval'))).toEqual([
      ['UNKNOWN_KIND', 'approval.json', ['kind'], 'unknown kind "Approval"; did you mean "ApprovalAuthority"? (known: Liability, Remedies, ApprovalAuthority, LossModel, PenaltyBands, EconomicPenalty, Lifecycle)'],
    ]);
  });
});

describe('money written the way amounts are printed', () => {
  test.each<[string, unknown, string]>([
    ['a thousands separator', '100,000.00', 'money must be a decimal string such as "299.00", with no thousands separators (100000.00, not 100,000.00) (got "100,000.00")'],
    ['a currency sign', '¥100000.00', 'money must be a decimal string such as "299.00", with no currency sign or code (settings.currency in manifest.json names the currency) (got "¥100000.00")'],
    ['a currency code', '100000.00 CNY', 'money must be a decimal string such as "299.00", with no currency sign or code (settings.currency in manifest.json names the currency) (got "100000.00 CNY")'],
    ['a decimal comma', '100000,50', 'money must be a decimal string such as "299.00", with a decimal point, not a comma (got "100000,50")'],
    ['three decimals', '100000.001', 'money must be a decimal string with at most two decimals, such as "299.00" (got "100000.001")'],
    ['a JSON number', 100000, 'money must be a decimal string such as "299.00", not the JSON number 100000'],
  ])('in a band: %s', (_name, upTo, message) => {
    expect(changed('ecommerce', (f) => (f['approval.json'].bands[0].upTo = upTo))).toEqual([['SCHEMA_VIOLATION', 'approval.json', ['bands', 0, 'upTo'], message]]);
  });

  test('in a condition: a JSON number and a thousands separator', () => {
    expect(
      changed('ecommerce', (f) =>
        f['remedies.json'].rules[0].conditions.all.push(
          { fact: 'claimAmount', operator: 'greaterThan', value: 100 },
          { fact: 'claimAmount', operator: 'greaterThan', value: '1,000.00' },
        ),
      ),
    ).toEqual([
      ['OPERAND_TYPE_MISMATCH', 'remedies.json', ['rules', 0, 'conditions', 'all', 1, 'value'], 'fact "claimAmount" is of type money: the value 100 must be a money string such as "100000.00", in quotes (a JSON number is not exact money)'],
      ['OPERAND_TYPE_MISMATCH', 'remedies.json', ['rules', 0, 'conditions', 'all', 2, 'value'], 'fact "claimAmount" is of type money: the value "1,000.00" must be a money string such as "100000.00", with no thousands separators (100000.00, not 100,000.00)'],
    ]);
  });
});

describe('a value of the wrong type names what is expected and what was written', () => {
  test('a list written as an object, a duration as a number, a rate as a number', () => {
    expect(
      changed('ecommerce', (f) => {
        f['lifecycle.json'].clocks[0].duration = 2;
        f['remedies.json'].rules[2].offer.cost.rate = 1;
      }),
    ).toEqual([
      ['SCHEMA_VIOLATION', 'remedies.json', ['rules', 2, 'offer', 'cost', 'rate'], 'expected a text in double quotes, not the number 1'],
      ['SCHEMA_VIOLATION', 'lifecycle.json', ['clocks', 0, 'duration'], 'expected an object { … } with the keys "days", "hours", "minutes", not the number 2'],
    ]);
    expect(changed('ecommerce', (f) => (f['liability.json'].rules = { a: f['liability.json'].rules[0] }))).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', ['rules'], 'expected a list [ … ], not an object { … }'],
    ]);
  });
});

describe('a right value in quotes, a scalar for a list, a missing comma', () => {
  test('"false" for a boolean, "3" for a number, in a rule and in a condition; "in" with one value', () => {
    expect(
      changed('ecommerce', (f) => {
        const l = f['liability.json'];
        l.rules[0].enabled = 'false';
        l.rules[1].priority = '3';
        l.rules[0].conditions.all[0].value = 'false';
        l.rules[4].conditions.all[1] = { fact: 'nature', operator: 'in', value: 'quality-defect' };
      }),
    ).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', ['rules', 0, 'enabled'], 'expected true or false, not the text "false" (write false without quotes)'],
      ['SCHEMA_VIOLATION', 'liability.json', ['rules', 1, 'priority'], 'expected a number, not the text "3" (write 3 without quotes)'],
      ['OPERAND_TYPE_MISMATCH', 'liability.json', ['rules', 0, 'conditions', 'all', 0, 'value'], 'fact "proofOfPurchase" is of type boolean: the value "false" must be true or false, without quotes'],
      ['OPERAND_TYPE_MISMATCH', 'liability.json', ['rules', 4, 'conditions', 'all', 1, 'value'], 'fact "nature" is of type string: "in" needs a list of values (for one value write ["quality-defect"])'],
    ]);
  });

  test('a comma left out between two keys: line and column of the second, and the comma named', () => {
    const text = JSON.stringify(packFiles()['approval.json'], null, 2).replace('"kind": "ApprovalAuthority",', '"kind": "ApprovalAuthority"');
    expect(issuesOf({ ...packFiles(), 'approval.json': text })).toEqual([
      ['JSON_SYNTAX', 'approval.json', [], `not valid JSON: line 5, column 3: '"' where "," or "}" was expected: a comma missing at the end of the line before?`],
    ]);
  });
});

describe('bands listed out of order', () => {
  test('approval: one BAND_ORDER at the band out of place, not the gaps and overlaps it makes', () => {
    expect(
      changed('ecommerce', (f) => {
        const b = f['approval.json'].bands;
        [b[0], b[1]] = [b[1], b[0]];
      }),
    ).toEqual([
      [
        'BAND_ORDER',
        'approval.json',
        ['bands', 1],
        'band "manager" (from 0.00 up to 100000.00) is listed after band "deputy-general-manager" (over 100000.00 up to 150000.00): list the bands from the lowest amounts up (gaps and overlaps are checked once they are in order)',
      ],
    ]);
  });

  test('penalties: nor a lighter sanction "in a higher band"; a gap between bands in order is still a gap', () => {
    expect(
      changed('manufacturer', (f) => {
        const b = f['penalties.json'].bands;
        [b[2], b[3]] = [b[3], b[2]];
      }),
    ).toEqual([
      [
        'BAND_ORDER',
        'penalties.json',
        ['bands', 3],
        'band "reprimand-2" (over 50000.00 up to 100000.00) is listed after band "minor-demerit-1" (over 100000.00 up to 200000.00): list the bands from the lowest amounts up (gaps and overlaps are checked once they are in order)',
      ],
    ]);
    expect(changed('ecommerce', (f) => (f['approval.json'].bands[1].over = '100000.01')).map((i) => i[0])).toEqual(['BAND_GAP']);
  });
});

describe('the manifest and the files of a pack folder', () => {
  function folder(change: (dir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'owner-mistakes-'));
    cpSync(join(import.meta.dirname, '..', '..', 'rules', 'ecommerce'), dir, { recursive: true });
    change(dir);
    return dir;
  }
  const manifestWith = (files: string[]) => JSON.stringify({ ...packFiles()['manifest.json'], files });

  test('a listed file that is not there: the one meant, and the JSON files there are', () => {
    const dir = folder((d) => writeFileSync(join(d, 'manifest.json'), manifestWith(['liability.json', 'remedy.json', 'approval.json', 'lifecycle.json'])));
    try {
      const r = safeLoadPolicy(dir);
      expect(r.success ? [] : r.error.issues.map((i) => [i.code, i.file, i.path, i.message])).toEqual([
        ['FILE_NOT_FOUND', 'remedy.json', [], 'file remedy.json listed in the manifest does not exist; did you mean "remedies.json"? (JSON files in the pack folder: approval.json, liability.json, lifecycle.json, remedies.json)'],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a rule file in the folder that the manifest does not list is noted by validate (it is not read); a JSON file of no kind is not', async () => {
    const dir = folder((d) => {
      writeFileSync(join(d, 'manifest.json'), manifestWith(['liability.json', 'remedies.json', 'lifecycle.json']));
      writeFileSync(join(d, 'package.json'), '{"name":"x"}');
    });
    try {
      const r = await cli(['validate', '--json', dir]);
      expect(r.code).toBe(0);
      const notes = JSON.parse(r.stdout).notes.filter((n: { code: string }) => n.code === 'FILE_NOT_LISTED');
      expect(notes).toEqual([
        {
          code: 'FILE_NOT_LISTED',
          file: 'approval.json',
          path: [],
          kind: 'ApprovalAuthority',
          message: 'approval.json (kind ApprovalAuthority) is in the pack folder but not listed in manifest.json "files", so it is not read: add it to "files" if it is part of the pack',
        },
      ]);
      expect((await cli(['validate', dir])).stdout).toContain('  note: approval.json (kind ApprovalAuthority) is in the pack folder but not listed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('all problems at once', () => {
  test('lifecycle: a clock left out for a broken duration, or a broken comparison in its when, still has its unknown facts reported', () => {
    const issues = changed('ecommerce', (f) => {
      const l = f['lifecycle.json'];
      l.clocks[0].when = { all: [{ fact: 'severty', operator: 'equal', value: 'complex' }, { fact: 'x' }] };
      l.clocks[1].duration = 2;
      l.clocks[1].when = { fact: 'vulnerabel', operator: 'equal', value: true };
    });
    expect(issues.map((i) => [i[0], i[2].join('.'), i[3].replace(/ \(known: .*\)$/, '')])).toEqual([
      ['SCHEMA_VIOLATION', 'clocks.0.when.all.1.operator', 'required (string)'],
      ['SCHEMA_VIOLATION', 'clocks.0.when.all.1.value', 'required'],
      ['SCHEMA_VIOLATION', 'clocks.1.duration', 'expected an object { … } with the keys "days", "hours", "minutes", not the number 2'],
      ['UNKNOWN_FACT', 'clocks.0.when.all.0.fact', 'unknown fact "severty"; did you mean "severity"?'],
      ['UNKNOWN_FACT', 'clocks.1.when.fact', 'unknown fact "vulnerabel"; did you mean "vulnerable"?'],
    ]);
  });

  test('a broken comparison does not hide an unknown fact in the comparison beside it, in a rule or a named condition', () => {
    const issues = changed('ecommerce', (f) => {
      const l = f['liability.json'];
      delete l.rules[0].clause;
      l.rules[0].conditions.all[0].fact = 'proofOfPurchse';
      l.rules[0].conditions.all.push({ all: [], fact: 'x' });
      l.conditions['quality-problem'] = { any: [{ fact: 'natur', operator: 'equal', value: 'quality-defect' }, { fact: 'nature' }] };
    });
    expect(issues.map((i) => [i[0], i[2].join('.')])).toEqual([
      ['SCHEMA_VIOLATION', 'conditions.quality-problem.any.1.operator'],
      ['SCHEMA_VIOLATION', 'conditions.quality-problem.any.1.value'],
      ['SCHEMA_VIOLATION', 'rules.0.clause'],
      ['SCHEMA_VIOLATION', 'rules.0.conditions.all.1'],
      ['UNKNOWN_FACT', 'rules.0.conditions.all.0.fact'],
      ['UNKNOWN_FACT', 'conditions.quality-problem.any.0.fact'],
    ]);
  });

  test('a typo of a fact, a missing key, an enum typo, a band gap, a remedy typo and a duplicate id, in three files', () => {
    const issues = changed('ecommerce', (f) => {
      const l = f['liability.json'];
      l.rules[0].conditions.all[0].fact = 'proofOfPurchse';
      delete l.rules[1].clause;
      l.rules[2].outcome.party = 'manufactor';
      f['approval.json'].bands[1].over = '100000.01';
      f['remedies.json'].rules[2].offer.type = 'exhange';
      f['remedies.json'].rules[3].id = f['remedies.json'].rules[2].id;
    });
    expect(issues.map((i) => [i[0], i[1], i[2].join('.')])).toEqual([
      ['SCHEMA_VIOLATION', 'liability.json', 'rules.1.clause'],
      ['SCHEMA_VIOLATION', 'liability.json', 'rules.2.outcome.party'],
      ['SCHEMA_VIOLATION', 'remedies.json', 'rules.2.offer.type'],
      ['BAND_GAP', 'approval.json', 'bands.1.over'],
      ['UNKNOWN_FACT', 'liability.json', 'rules.0.conditions.all.0.fact'],
      ['DUPLICATE_ID', 'remedies.json', 'rules.3.id'],
    ]);
  });
});
