import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { GovernanceWeek } from '../../web/src/lib/api/types.ts';
import { heatmapCells, heatmapNotes, heatmapScaleMax, violationsHeatmapSpec } from '../../web/src/lib/charts/violations-heatmap.ts';

const week = (overrides: Partial<GovernanceWeek>): GovernanceWeek => ({ week: '2026-03-02', control: 'two_person_review', evaluated: 100, violations: 10, rate: 0.1, ...overrides });

type Loose = Record<string, any>;
const layer = (spec: Loose, name: string) => (spec.layer as Loose[]).find((l) => l.name === name)!;

describe('violationsHeatmapSpec', () => {
  const weeks = [
    week({}),
    week({ week: '2026-03-09', violations: 22, rate: 0.22 }),
    week({ week: '2026-03-02', control: 'change_documentation', violations: 30, rate: 0.3 }),
    // One agent action, violated: 100 %, but tiny (fewer than 10 evaluated).
    week({ week: '2026-03-09', control: 'agent_destructive_approval', evaluated: 1, violations: 1, rate: 1 }),
    // The period ends on Wednesday 18 March: this week is partial.
    week({ week: '2026-03-16', violations: 30, rate: 0.6, evaluated: 50 }),
  ];
  const period = { from: '2026-03-02T00:00:00.000Z', to: '2026-03-18T00:00:00.000Z' };
  const spec = violationsHeatmapSpec(weeks, { period }) as Loose;

  it('compiles and describes itself for screen readers', () => {
    expect(() => compile(spec as never)).not.toThrow();
    expect(spec.description).toMatch(/^Heat map of governance control violations per week/);
  });

  it('puts weeks on a UTC time axis and controls on rows, coloured by the violation rate', () => {
    const cells = layer(spec, 'cells');
    expect(cells.encoding.x).toMatchObject({ field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate' });
    expect(cells.encoding.x2.field).toBe('week_end');
    expect(cells.encoding.y.field).toBe('control_label');
    expect(cells.encoding.y.sort).toEqual(['Two-person review', 'Change ticket', 'Agent action approval']);
    expect(cells.encoding.color.field).toBe('rate');
    expect(cells.encoding.tooltip.map((t: Loose) => t.field)).toEqual(expect.arrayContaining(['evaluated', 'violations', 'rate']));
  });

  it('marks partial and tiny weeks, and keeps them out of the colour scale', () => {
    const cells = heatmapCells(weeks, period);
    expect(cells.map((c) => c.edge)).toEqual([null, null, null, 'tiny', 'partial']);
    expect(cells[4]!.days).toBe(2);
    // The full cells' highest rate is 30 %: the 100 % and 60 % edge cells do not stretch it.
    expect(heatmapScaleMax(cells)).toBe(0.3);
    expect(layer(spec, 'cells').encoding.color.scale).toMatchObject({ domain: [0, 0.3], clamp: true });
    expect(layer(spec, 'edge_cells').transform[0].filter).toBe('datum.edge !== null');
    expect(heatmapNotes(cells)).toHaveLength(2);
  });

  it('follows the theme', () => {
    const dark = violationsHeatmapSpec(weeks, { period, theme: 'dark' }) as Loose;
    expect(dark.config.axisY.labelColor).not.toBe(spec.config.axisY.labelColor);
  });
});

describe('violationsHeatmapSpec axis', () => {
  it('spans whole weeks and labels week starts, at most about a dozen', () => {
    const weeks = Array.from({ length: 30 }, (_, k) => week({ week: new Date(Date.UTC(2026, 0, 5) + k * 7 * 86_400_000).toISOString().slice(0, 10) }));
    const x = (violationsHeatmapSpec(weeks) as Loose).layer[0].encoding.x;
    expect(x.scale.domain).toEqual([Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 5) + 30 * 7 * 86_400_000]);
    expect(x.axis.values.length).toBeLessThanOrEqual(12);
    expect(x.axis.values[0]).toBe(Date.UTC(2026, 0, 5));
  });
});
