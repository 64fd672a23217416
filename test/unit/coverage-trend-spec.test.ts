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
    expect(bars.map((b) => [b.week, b.evidence, b.deployments, b.share, b.partial])).toEqual([
      ['2026-02-23', 'Declared', 2, 0.2, true],
      ['2026-02-23', 'Inferred from changes', 4, 0.4, true],
      ['2026-02-23', 'Untagged', 4, 0.4, true],
      ['2026-03-02', 'Commit trailer', 4, 1, false],
    ]);
    expect(bars[0]!.coverage).toBe(0.6);
    expect(bars[0]!.week_end).toBe('2026-03-01');
  });

  it('has a description, a legend of the evidence present only, and untagged in grey', () => {
    const spec = coverageTrendSpec(weeks, { period }) as { description: string; encoding: { color: { scale: { domain: string[]; range: string[] } } } };
    expect(spec.description).toMatch(/stacked by how their AI status was known/);
    expect(spec.encoding.color.scale.domain).toEqual(['Declared', 'Commit trailer', 'Inferred from changes', 'Untagged']);
    expect(spec.encoding.color.scale.range.at(-1)).toBe('#999999');
  });
});
