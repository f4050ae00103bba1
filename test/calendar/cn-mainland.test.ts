// The official mainland-China schedule, restated here independently of
// rules/calendars/cn-mainland.json so a typo in the data file fails a test.
// Sources: 国务院办公厅关于2025年/2026年部分节假日安排的通知.
import { describe, expect, test } from 'vitest';
import { addDuration, formatInstant, isWorkingDay, loadBundledCalendar, nextWorkingDay, type CalendarSpec } from '../../src/calendar/index.js';

const data = loadBundledCalendar('cn-mainland');
const days: CalendarSpec = Object.freeze({ type: 'business-days', data });
const at10 = (date: string): Date => new Date(`${date}T10:00:00+08:00`);
const sh = (d: Date): string => formatInstant(d, 'Asia/Shanghai');

function eachDate(first: string, last: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

interface Block {
  name: string;
  first: string;
  last: string;
  /** The day before `first`; `null` when outside the data (2024). */
  before: string | null;
  beforeWorking: boolean | null;
  after: string;
  afterWorking: boolean;
  /** The last working day before the block, and where +1 business day lands. */
  lastWorkingBefore: string | null;
  firstWorkingAfter: string;
}

const blocks: Block[] = [
  // 2025
  { name: "2025 New Year's Day", first: '2025-01-01', last: '2025-01-01', before: '2024-12-31', beforeWorking: null, after: '2025-01-02', afterWorking: true, lastWorkingBefore: null, firstWorkingAfter: '2025-01-02' },
  { name: '2025 Spring Festival', first: '2025-01-28', last: '2025-02-04', before: '2025-01-27', beforeWorking: true, after: '2025-02-05', afterWorking: true, lastWorkingBefore: '2025-01-27', firstWorkingAfter: '2025-02-05' },
  { name: '2025 Qingming', first: '2025-04-04', last: '2025-04-06', before: '2025-04-03', beforeWorking: true, after: '2025-04-07', afterWorking: true, lastWorkingBefore: '2025-04-03', firstWorkingAfter: '2025-04-07' },
  { name: '2025 Labour Day', first: '2025-05-01', last: '2025-05-05', before: '2025-04-30', beforeWorking: true, after: '2025-05-06', afterWorking: true, lastWorkingBefore: '2025-04-30', firstWorkingAfter: '2025-05-06' },
  { name: '2025 Dragon Boat', first: '2025-05-31', last: '2025-06-02', before: '2025-05-30', beforeWorking: true, after: '2025-06-03', afterWorking: true, lastWorkingBefore: '2025-05-30', firstWorkingAfter: '2025-06-03' },
  { name: '2025 National Day + Mid-Autumn', first: '2025-10-01', last: '2025-10-08', before: '2025-09-30', beforeWorking: true, after: '2025-10-09', afterWorking: true, lastWorkingBefore: '2025-09-30', firstWorkingAfter: '2025-10-09' },
  // 2026
  { name: "2026 New Year's Day", first: '2026-01-01', last: '2026-01-03', before: '2025-12-31', beforeWorking: true, after: '2026-01-04', afterWorking: true, lastWorkingBefore: '2025-12-31', firstWorkingAfter: '2026-01-04' },
  { name: '2026 Spring Festival', first: '2026-02-15', last: '2026-02-23', before: '2026-02-14', beforeWorking: true, after: '2026-02-24', afterWorking: true, lastWorkingBefore: '2026-02-14', firstWorkingAfter: '2026-02-24' },
  { name: '2026 Qingming', first: '2026-04-04', last: '2026-04-06', before: '2026-04-03', beforeWorking: true, after: '2026-04-07', afterWorking: true, lastWorkingBefore: '2026-04-03', firstWorkingAfter: '2026-04-07' },
  { name: '2026 Labour Day', first: '2026-05-01', last: '2026-05-05', before: '2026-04-30', beforeWorking: true, after: '2026-05-06', afterWorking: true, lastWorkingBefore: '2026-04-30', firstWorkingAfter: '2026-05-06' },
  { name: '2026 Dragon Boat', first: '2026-06-19', last: '2026-06-21', before: '2026-06-18', beforeWorking: true, after: '2026-06-22', afterWorking: true, lastWorkingBefore: '2026-06-18', firstWorkingAfter: '2026-06-22' },
  { name: '2026 Mid-Autumn', first: '2026-09-25', last: '2026-09-27', before: '2026-09-24', beforeWorking: true, after: '2026-09-28', afterWorking: true, lastWorkingBefore: '2026-09-24', firstWorkingAfter: '2026-09-28' },
  { name: '2026 National Day', first: '2026-10-01', last: '2026-10-07', before: '2026-09-30', beforeWorking: true, after: '2026-10-08', afterWorking: true, lastWorkingBefore: '2026-09-30', firstWorkingAfter: '2026-10-08' },
];

const makeUpDays: Array<[date: string, weekday: 'Sat' | 'Sun', block: string]> = [
  ['2025-01-26', 'Sun', 'Spring Festival'],
  ['2025-02-08', 'Sat', 'Spring Festival'],
  ['2025-04-27', 'Sun', 'Labour Day'],
  ['2025-09-28', 'Sun', 'National Day and Mid-Autumn Festival'],
  ['2025-10-11', 'Sat', 'National Day and Mid-Autumn Festival'],
  ['2026-01-04', 'Sun', "New Year's Day"],
  ['2026-02-14', 'Sat', 'Spring Festival'],
  ['2026-02-28', 'Sat', 'Spring Festival'],
  ['2026-05-09', 'Sat', 'Labour Day'],
  ['2026-09-20', 'Sun', 'National Day'],
  ['2026-10-10', 'Sat', 'National Day'],
];

describe('cn-mainland data', () => {
  test('covers exactly 2025 and 2026 in Asia/Shanghai with a Saturday/Sunday weekend', () => {
    expect(data.id).toBe('cn-mainland');
    expect(data.timeZone).toBe('Asia/Shanghai');
    expect(data.years).toEqual([2025, 2026]);
    expect([...data.weekend].sort()).toEqual([0, 6]);
  });

  test('the holidays are exactly the days of the blocks', () => {
    const expected = blocks.flatMap((b) => eachDate(b.first, b.last)).sort();
    expect(data.holidays.map((h) => h.date).sort()).toEqual(expected);
  });

  test('the make-up workdays are exactly the official ones', () => {
    expect(data.workdays.map((w) => w.date).sort()).toEqual(makeUpDays.map(([d]) => d));
    expect(data.workdays.filter((w) => w.date.startsWith('2026')).map((w) => w.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  test.each([2025, 2026])('%i has 248 working days', (year) => {
    const count = eachDate(`${year}-01-01`, `${year}-12-31`).filter((d) => isWorkingDay(days, d)).length;
    expect(count).toBe(248);
  });

  test('the data file is frozen and loaded once', () => {
    expect(Object.isFrozen(data.holidays[0])).toBe(true);
    expect(loadBundledCalendar('cn-mainland')).toBe(data);
  });
});

describe.each(blocks)('$name: $first to $last', (b) => {
  test('the day before is classified correctly', () => {
    if (b.beforeWorking === null) {
      expect(() => isWorkingDay(days, b.before!)).toThrow(/no holiday data for 2024/);
    } else {
      expect(isWorkingDay(days, b.before!)).toBe(b.beforeWorking);
    }
  });

  test('every day of the block, first and last included, is a day off', () => {
    expect(isWorkingDay(days, b.first)).toBe(false);
    expect(isWorkingDay(days, b.last)).toBe(false);
    for (const d of eachDate(b.first, b.last)) expect(isWorkingDay(days, at10(d)), d).toBe(false);
  });

  test('the day after is classified correctly', () => {
    expect(isWorkingDay(days, b.after)).toBe(b.afterWorking);
  });

  test('+1 business day from the last working day before lands on the first working day after', () => {
    if (b.lastWorkingBefore === null) {
      expect(() => addDuration(days, at10('2024-12-31'), { days: 1 })).toThrow(/no holiday data for 2024/);
      return;
    }
    expect(isWorkingDay(days, b.lastWorkingBefore)).toBe(true);
    expect(sh(addDuration(days, at10(b.lastWorkingBefore), { days: 1 }))).toBe(`${b.firstWorkingAfter}T10:00:00+08:00`);
    expect(nextWorkingDay(days, b.lastWorkingBefore)).toBe(b.firstWorkingAfter);
  });
});

describe('make-up workdays', () => {
  test.each(makeUpDays)('%s (%s) is a working day', (date, weekday, block) => {
    expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(weekday === 'Sat' ? 6 : 0);
    expect(isWorkingDay(days, date)).toBe(true);
    expect(isWorkingDay(days, new Date(`${date}T23:59:59+08:00`))).toBe(true);
    expect(data.workdays.find((w) => w.date === date)?.name).toBe(`make-up workday (${block})`);
  });

  test('an ordinary weekend is not a working day', () => {
    expect(isWorkingDay(days, '2026-03-07')).toBe(false); // Saturday
    expect(isWorkingDay(days, '2026-03-08')).toBe(false); // Sunday
    expect(isWorkingDay(days, '2026-03-09')).toBe(true); // Monday
  });
});
