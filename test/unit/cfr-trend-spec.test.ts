import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { CfrTrendPoint } from '../../web/src/lib/api/types.ts';
import { TINY_WEEK_SHARE, cfrTrendLayout, cfrTrendNotes, cfrTrendSpec, daysInPeriod } from '../../web/src/lib/charts/cfr-trend.ts';

function makePoint(overrides: Partial<CfrTrendPoint> = {}): CfrTrendPoint {
  return { week: '2026-03-02', cohort: 'ai', deployments: 120, failed: 9, rate: 0.075, ci_low: 0.04, ci_high: 0.135, ...overrides };
}

const points: CfrTrendPoint[] = [
  makePoint(),
  makePoint({ cohort: 'human', deployments: 80, failed: 2, rate: 0.025, ci_low: 0.007, ci_high: 0.087 }),
  makePoint({ week: '2026-03-09', cohort: 'unknown', deployments: 10, failed: 0, rate: 0, ci_low: 0, ci_high: 0.278 }),
];

// The spec is a plain object; read it loosely so the test does not mirror vega-lite's types.
type Loose = Record<string, any>;

describe('cfrTrendSpec', () => {
  const spec = cfrTrendSpec(points) as Loose;
  const layers: Loose[] = spec.layer;
  const layer = (name: string) => layers.find((l) => l.name === name)!;

  it('draws the Wilson interval as a band from ci_low to ci_high', () => {
    const band = layer('interval');
    expect(band?.encoding.y.field).toBe('ci_low');
    expect(band?.encoding.y2.field).toBe('ci_high');
  });

  it('draws the rate as a line per cohort, with points carrying the tooltip', () => {
    const line = layer('rate');
    expect(line?.mark.type).toBe('line');
    expect(line?.encoding.y.field).toBe('rate');
    const dots = layer('weeks');
    expect(dots?.mark.type).toBe('point');
    expect(dots?.encoding.tooltip.map((t: Loose) => t.field)).toEqual(
      expect.arrayContaining(['week', 'deployments', 'failed', 'rate', 'ci_low', 'ci_high']),
    );
  });

  it('colors by cohort with a fixed domain and range', () => {
    expect(spec.encoding.color.field).toBe('cohort');
    expect(spec.encoding.color.scale.domain).toEqual(['ai', 'human', 'unknown']);
    expect(spec.encoding.color.scale.range).toEqual(['#d6604d', '#4393c3', '#999999']);
  });

  it('plots weeks on a UTC time axis and rates as percent', () => {
    expect(spec.encoding.x).toMatchObject({ field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate' });
    const withRates = layers.filter((l) => l.encoding.y?.field);
    expect(withRates.length).toBeGreaterThanOrEqual(4);
    for (const l of withRates) expect(l.encoding.y.axis.format).toBe('.0%');
  });

  it('passes every data value through', () => {
    expect(spec.data.values).toHaveLength(3);
    expect(spec.data.values[1]).toMatchObject(points[1]!);
    expect(spec.data.values[1].cohort_label).toBe('Human');
  });

  it('fills the container width and takes a title option', () => {
    expect(spec.width).toBe('container');
    expect(spec.title.text).toMatch(/change failure rate/i);
    expect((cfrTrendSpec(points, { title: null }) as Loose).title).toBeUndefined();
  });

  it('compiles with vega-lite, also without data', () => {
    expect(() => compile(cfrTrendSpec(points))).not.toThrow();
    expect(() => compile(cfrTrendSpec([]))).not.toThrow();
    const { spec: vega } = compile(cfrTrendSpec(points, { width: 600 }));
    expect(vega.marks?.length).toBeGreaterThan(0);
  });
});

describe('cfrTrendSpec at the edges of the period', () => {
  // A year of steady weeks, then a last week with 2 days in the period and 5 deployments, 4 failed.
  const steady = ['2026-02-02', '2026-02-09', '2026-02-16'].map((week) => makePoint({ week, deployments: 100, failed: 5, rate: 0.05, ci_low: 0.02, ci_high: 0.11 }));
  const last = makePoint({ week: '2026-02-23', deployments: 5, failed: 4, rate: 0.8, ci_low: 0.38, ci_high: 0.96 });
  const period = { from: '2026-02-02T00:00:00.000Z', to: '2026-02-25T00:00:00.000Z' };

  it('counts the days of each week inside the period', () => {
    expect(daysInPeriod('2026-02-16', period)).toBe(7);
    expect(daysInPeriod('2026-02-23', period)).toBe(2);
    expect(daysInPeriod('2026-02-23')).toBe(7);
  });

  it('marks a partial week and a tiny week as edge points', () => {
    const layout = cfrTrendLayout([...steady, last], period);
    expect(layout.points.map((p) => p.edge)).toEqual([null, null, null, 'partial']);
    expect(layout.partialWeeks).toEqual([{ week: '2026-02-23', days: 2 }]);
    // 5 deployments against a median week of 100: tiny, even with all 7 days in the period.
    const tiny = cfrTrendLayout([...steady, { ...last, week: '2026-03-02' }]);
    expect(tiny.points.at(-1)?.edge).toBe('tiny');
    expect(5).toBeLessThan(TINY_WEEK_SHARE * 100);
    // A small team's every week is its usual size, not tiny.
    const small = cfrTrendLayout(['2026-02-02', '2026-02-09'].map((week) => makePoint({ week, deployments: 3 })));
    expect(small.points.map((p) => p.edge)).toEqual([null, null]);
  });

  it('sets the y scale from the full weeks only, and puts an edge point above it on its top edge', () => {
    const layout = cfrTrendLayout([...steady, last], period);
    expect(layout.scaleMax).toBeCloseTo(0.15); // 11 % rounded up to a 5 % step, not 96 %
    const edge = layout.points.at(-1)!;
    expect(edge).toMatchObject({ rate: 0.8, rate_shown: layout.scaleMax, off_scale: true });
    const spec = cfrTrendSpec([...steady, last], { period }) as Loose;
    for (const l of (spec.layer as Loose[]).filter((l) => l.encoding.y?.field)) expect(l.encoding.y.scale.domain).toEqual([0, layout.scaleMax]);
  });

  it('leaves edge points out of the line and the band, and says why in words', () => {
    const spec = cfrTrendSpec([...steady, last], { period }) as Loose;
    const layers: Loose[] = spec.layer;
    expect(layers.find((l) => l.name === 'interval')?.transform).toEqual([{ filter: 'datum.edge === null' }]);
    expect(layers.find((l) => l.name === 'rate')?.transform).toEqual([{ filter: 'datum.edge === null' }]);
    expect(layers.find((l) => l.name === 'edge_line')?.data.values).toHaveLength(2);
    const notes = cfrTrendNotes(cfrTrendLayout([...steady, last], period));
    expect(notes[0]).toMatch(/23 Feb 2026 is partial: only 2 of its 7 days/);
    expect(notes.join(' ')).toMatch(/above the scale/);
  });

  it('compiles with edge points', () => {
    expect(() => compile(cfrTrendSpec([...steady, last], { period, width: 600 }))).not.toThrow();
    expect(() => compile(cfrTrendSpec([last], { period, theme: 'dark' }))).not.toThrow();
  });
});
