// Weekly charts label their axis at the weeks themselves: a period of a few weeks gets one label
// per Monday, not the hourly ticks that repeated each date ("Mar 2, Mar 2, Mar 3").
import { describe, expect, it } from 'vitest';
import { type WeeklyCoverage, coverageTrendSpec } from '../../web/src/lib/charts/coverage-trend.ts';
import { pointAxis } from '../../web/src/lib/charts/week-edges.ts';

const mondays = (n: number) => Array.from({ length: n }, (_, k) => new Date(Date.UTC(2026, 2, 2) + k * 7 * 86_400_000).toISOString().slice(0, 10));

describe('pointAxis', () => {
  it('labels each week of a short period once, at its Monday', () => {
    const axis = pointAxis([...mondays(3), ...mondays(3)]);
    expect(axis.values.map((at) => new Date(at).toISOString().slice(0, 10))).toEqual(['2026-03-02', '2026-03-09', '2026-03-16']);
  });

  it('thins a year of weeks to at most a dozen labels, evenly', () => {
    const axis = pointAxis(mondays(53));
    expect(axis.values.length).toBeLessThanOrEqual(12);
    expect(axis.values.length).toBeGreaterThanOrEqual(10);
    const gaps = new Set(axis.values.slice(1).map((at, k) => at - axis.values[k]!));
    expect(gaps.size).toBe(1);
  });

  it('takes instants as they are, and sorts them', () => {
    expect(pointAxis(['2026-03-09T00:00:00Z', '2026-03-02T00:00:00.000Z']).values).toEqual([Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 9)]);
  });

  it('is what the coverage chart labels its weeks with', () => {
    const weeks: WeeklyCoverage[] = mondays(2).map((week) => ({ week, deployments: 10, known: 8, by_evidence: { declared: 8 } }));
    const spec = coverageTrendSpec(weeks) as unknown as { encoding: { x: { axis: { values: number[] } } } };
    expect(spec.encoding.x.axis.values).toEqual([Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 9)]);
  });
});
