import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors/errors.js';
import { complaintNumberPattern, nextComplaintNumber } from '../../src/lifecycle/numbering.js';
import { loadPolicy } from '../../src/pack/loader.js';
import { packFiles } from '../packs.js';
import { ecommerce, thrown } from './helpers.js';

describe('complaint numbers from the pack', () => {
  test('the ecommerce pattern: YYMM + 4-digit serial, monthly, Asia/Shanghai', () => {
    expect(complaintNumberPattern(ecommerce)).toEqual({ format: 'YYMM', serialDigits: 4, resetEvery: 'month', timeZone: 'Asia/Shanghai' });
  });

  test.each([
    ['26110007', '2026-11-25T10:00:00+08:00', '26110008'],
    [null, '2026-11-25T10:00:00+08:00', '26110001'],
    ['26110007', '2026-12-01T00:00:00+08:00', '26120001'],
    ['26110007', '2026-11-30T16:00:00Z', '26120001'], // already December in Shanghai
    ['26110007', '2026-11-30T15:59:59Z', '26110008'],
    ['26129999', '2027-01-01T00:00:00+08:00', '27010001'],
  ])('last %s at %s → %s', (last, now, next) => {
    expect(nextComplaintNumber(ecommerce, last, now)).toBe(next);
    expect(nextComplaintNumber(ecommerce, last, new Date(now))).toBe(next);
  });

  test('a pack without numbering uses the default in the pack\'s zone', () => {
    const files = packFiles('ecommerce');
    delete files['lifecycle.json'].numbering;
    files['manifest.json'].settings.timeZone = 'America/Los_Angeles';
    const p = loadPolicy({ files });
    expect(complaintNumberPattern(p)).toEqual({ format: 'YYMM', serialDigits: 4, resetEvery: 'month', timeZone: 'America/Los_Angeles' });
    expect(nextComplaintNumber(p, '26110007', '2026-12-01T05:00:00Z')).toBe('26110008'); // still November in Los Angeles
  });

  test('a pack can choose its own pattern', () => {
    const files = packFiles('ecommerce');
    files['lifecycle.json'].numbering = { format: 'TS-YYYYMM-', serialDigits: 5, resetEvery: 'month', timeZone: 'Asia/Shanghai' };
    const p = loadPolicy({ files });
    expect(nextComplaintNumber(p, 'TS-202611-00041', '2026-11-25T10:00:00+08:00')).toBe('TS-202611-00042');
  });

  test('errors', () => {
    expect(thrown(() => nextComplaintNumber(ecommerce, '2611-7', '2026-11-25T10:00:00+08:00')).issues[0]).toMatchObject({ code: 'INVALID_INPUT', path: ['lastNumber'] });
    expect(thrown(() => nextComplaintNumber(ecommerce, '26120001', '2026-11-25T10:00:00+08:00')).issues[0]!.message).toContain('later period');
    expect(thrown(() => nextComplaintNumber(ecommerce, '26119999', '2026-11-25T10:00:00+08:00')).issues[0]!.message).toContain('serial overflow');
    const badNow = thrown(() => nextComplaintNumber(ecommerce, null, '2026-11-25 10:00'));
    expect(badNow).toBeInstanceOf(InputError);
    expect([badNow.code, badNow.issues.map((i) => [i.code, i.path])]).toEqual(['INVALID_INPUT', [['INVALID_INSTANT', ['now']]]]);
    expect(thrown(() => nextComplaintNumber(ecommerce, 26110007 as never, '2026-11-25T10:00:00+08:00')).issues[0]!.path).toEqual(['lastNumber']);
  });
});
