import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { CfrTrendPoint } from '../../web/src/lib/api-types.ts';
import { cfrTrendSpec } from '../../web/src/lib/charts/cfr-trend.ts';

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

  it('draws the Wilson interval as a band from ci_low to ci_high', () => {
    const band = layers.find((layer) => layer.mark.type === 'area');
    expect(band?.encoding.y.field).toBe('ci_low');
    expect(band?.encoding.y2.field).toBe('ci_high');
  });

  it('draws the rate as a line per cohort, with points carrying the tooltip', () => {
    const line = layers.find((layer) => layer.mark.type === 'line');
    expect(line?.encoding.y.field).toBe('rate');
    const dots = layers.find((layer) => layer.mark.type === 'point');
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
    for (const layer of layers) expect(layer.encoding.y.axis.format).toBe('.0%');
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
