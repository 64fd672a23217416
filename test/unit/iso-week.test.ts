import { describe, expect, it } from 'vitest';
import { lastCompleteWeek, parseWeek, weekName, weekStart } from '../../server/analytics/iso-week.ts';

describe('ISO weeks', () => {
  it('names weeks by the year of their Thursday', () => {
    // Monday 29 December 2025 starts 2026-W01 (1 January 2026 is a Thursday).
    expect(weekName(new Date('2025-12-29T00:00:00Z'))).toBe('2026-W01');
    expect(weekName(new Date('2025-12-28T23:59:00Z'))).toBe('2025-W52');
    // 2026 has 53 weeks: 31 December 2026 is a Thursday.
    expect(weekName(new Date('2027-01-03T12:00:00Z'))).toBe('2026-W53');
    expect(weekName(new Date('2026-11-18T12:00:00Z'))).toBe('2026-W47');
  });

  it('parses a name back to its Monday and refuses weeks that do not exist', () => {
    expect(parseWeek('2026-W01').toISOString()).toBe('2025-12-29T00:00:00.000Z');
    expect(parseWeek('2026-W47').toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(parseWeek('2026-W53').toISOString()).toBe('2026-12-28T00:00:00.000Z');
    for (const bad of ['2025-W53', '2026-W00', '2026-W7', '2026-11-16', 'last week']) expect(() => parseWeek(bad)).toThrow(/^week: /);
  });

  it('finds the Monday of a week and the last complete week', () => {
    expect(weekStart(new Date('2026-12-06T23:00:00Z')).toISOString()).toBe('2026-11-30T00:00:00.000Z');
    // On Tuesday 1 December 2026 the last complete week is 23–29 November.
    expect(lastCompleteWeek(new Date('2026-12-01T09:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
    // On a Monday morning, the week that ended at midnight.
    expect(lastCompleteWeek(new Date('2026-11-30T00:00:00Z')).toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});
