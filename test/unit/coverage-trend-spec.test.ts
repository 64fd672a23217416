import { View, parse } from 'vega';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { type WeeklyCoverage, coverageBars, coverageTrendSpec } from '../../web/src/lib/charts/coverage-trend.ts';

const weeks: WeeklyCoverage[] = [
  { week: '2026-02-23', deployments: 10, known: 6, by_evidence: { declared: 2, inferred: 4 } },
  { week: '2026-03-02', deployments: 4, known: 4, by_evidence: { trailer: 4 } },
];
const period = { from: '2026-02-25T00:00:00.000Z', to: '2026-03-09T00:00:00.000Z' };

describe('coverageTrendSpec', () => {
  it('stacks each week by evidence with untagged last, shares of the week, and fades a partial week', () => {
    const bars = coverageBars(weeks, period);
    expect(bars.map((b) => [b.week, b.evidence, b.deployments, b.share, b.partial, b.y0, b.y1])).toEqual([
      ['2026-02-23', 'Declared', 2, 0.2, true, 0, 2],
      ['2026-02-23', 'Inferred from changes', 4, 0.4, true, 2, 6],
      ['2026-02-23', 'Untagged', 4, 0.4, true, 6, 10],
      ['2026-03-02', 'Commit trailer', 4, 1, false, 0, 4],
    ]);
    expect(bars[0]!.coverage).toBe(0.6);
    expect(bars[0]!.week_end).toBe('2026-03-01');
  });

  it('draws each segment from its bottom to its top, so each bar of a week reaches its total', async () => {
    const view = new View(parse(compile(coverageTrendSpec(weeks, { period, height: 100 })).spec), { renderer: 'none' });
    await view.runAsync();
    type Node = { marktype?: string; role?: string; items?: Node[]; height?: number; datum?: { y1: number } };
    const rects: Node[] = [];
    const walk = (node: Node) => {
      if (node.marktype === 'rect' && node.role === 'mark') rects.push(...(node.items ?? []));
      else for (const child of node.items ?? []) walk(child);
    };
    walk((view.scenegraph() as unknown as { root: Node }).root);
    view.finalize();
    expect(rects).toHaveLength(4);
    // Heights in proportion to the counts (2, 4, 4 and 4 deployments on a scale to 10): no segment is a line.
    const unit = rects[0]!.height! / 2;
    expect(unit).toBeGreaterThan(2);
    expect(rects.map((rect) => Math.round(rect.height! / unit))).toEqual([2, 4, 4, 4]);
  });

  it('has a description, a legend of the evidence present only, and untagged in grey', () => {
    const spec = coverageTrendSpec(weeks, { period }) as { description: string; encoding: { color: { scale: { domain: string[]; range: string[] } } } };
    expect(spec.description).toMatch(/stacked by how their AI status was known/);
    expect(spec.encoding.color.scale.domain).toEqual(['Declared', 'Commit trailer', 'Inferred from changes', 'Untagged']);
    expect(spec.encoding.color.scale.range.at(-1)).toBe('#999999');
  });
});
