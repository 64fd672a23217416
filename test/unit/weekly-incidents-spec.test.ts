import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { COHORT_COLORS } from '../../web/src/lib/cohorts.ts';
import { type TrendPoint, UNATTRIBUTED_LABEL, weeklyIncidentRows, weeklyIncidentsSpec } from '../../web/src/lib/charts/weekly-incidents.ts';

const counts = (count: number) => ({ count }) as TrendPoint['incidents']['ai'];
function week(period: string, days: number, ai: number, human: number, unknown: number, unattributed: number): TrendPoint {
  return { period, days, incidents: { total: ai + human + unknown + unattributed, unattributed, ai: counts(ai), human: counts(human), unknown: counts(unknown) } };
}

const points = [week('2026-02-23', 1, 1, 0, 0, 0), week('2026-03-02', 7, 2, 1, 0, 1), week('2026-03-09', 7, 0, 0, 0, 0)];
const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' };

// The spec is a plain object; read it loosely so the test does not mirror vega-lite's types.
type Loose = Record<string, any>;

describe('weeklyIncidentsSpec', () => {
  const spec = weeklyIncidentsSpec(points, { period }) as Loose;
  const layer = (name: string) => (spec.layer as Loose[]).find((l) => l.name === name)!;

  it('stacks each week by incident cohort, unattributed ones counted and never dropped', () => {
    expect(weeklyIncidentRows(points).map((r) => [r.week, r.cohort, r.count, r.partial])).toEqual([
      ['2026-02-23', 'ai', 1, true],
      ['2026-03-02', 'ai', 2, false],
      ['2026-03-02', 'human', 1, false],
      ['2026-03-02', 'unattributed', 1, false],
    ]);
    expect(() => compile(spec as never)).not.toThrow();
  });

  it('uses the cohort colours, a neutral one for incidents without a linked deployment', () => {
    const scale = layer('incidents').encoding.color.scale;
    expect(scale.domain).toEqual(['AI-assisted', 'Human', 'Unknown (untagged)', UNATTRIBUTED_LABEL]);
    expect(scale.range.slice(0, 3)).toEqual([COHORT_COLORS.ai, COHORT_COLORS.human, COHORT_COLORS.unknown]);
    expect(scale.range[3]).not.toBe(COHORT_COLORS.unknown);
  });

  it('gives every week of the period a place on the axis, quiet weeks included', () => {
    expect(layer('incidents').encoding.x.scale.domain).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
  });

  it('marks partial weeks: faint bars and a label', () => {
    expect(layer('incidents').encoding.opacity).toEqual({ condition: { test: 'datum.partial', value: 0.35 }, value: 1 });
    expect(layer('partial_label').data.values).toEqual([{ week: '2026-02-23' }]);
    expect(spec.description).toContain('5 incidents in all');
  });
});
