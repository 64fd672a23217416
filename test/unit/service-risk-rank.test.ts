import { describe, expect, it } from 'vitest';
import { rankByRisk } from '../../server/analytics/service-list.ts';
import { wilsonInterval } from '../../server/analytics/wilson-interval.ts';

type Rankable = Parameters<typeof rankByRisk>[0][number];

function service(id: string, fields: { sev1?: number; sev2?: number; failed?: number; deployments?: number; violations?: number }): Rankable {
  const interval = wilsonInterval(fields.failed ?? 0, fields.deployments ?? 0);
  return { id, sev1_incidents: fields.sev1 ?? 0, sev2_incidents: fields.sev2 ?? 0, cfr_low: interval?.low ?? null, violations: fields.violations ?? 0 } as Rankable;
}

describe('rankByRisk (docs/metrics.md "Services")', () => {
  it('orders by Sev1, then Sev2 incidents, then the CFR interval low end, then violations, then id', () => {
    const ranked = rankByRisk([
      service('quiet', {}),
      service('one-of-one', { failed: 1, deployments: 1 }), // CFR 100 %, but low end ≈ 0.21
      service('steady-failer', { failed: 30, deployments: 100 }), // CFR 30 %, low end ≈ 0.22
      service('sev2', { sev2: 3 }),
      service('sev1', { sev1: 1 }),
      service('governance', { violations: 4 }),
      service('another-quiet', {}),
    ]);
    expect(ranked.map((row) => [row.risk_rank, row.id])).toEqual([
      [1, 'sev1'],
      [2, 'sev2'],
      [3, 'steady-failer'],
      [4, 'one-of-one'],
      [5, 'governance'],
      [6, 'another-quiet'],
      [7, 'quiet'],
    ]);
  });
});
