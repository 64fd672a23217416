import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { CohortIncidentTrend, TrendPoint } from '../../web/src/lib/api/types.ts';
import { incidentTrendLayout, incidentTrendSpec } from '../../web/src/lib/charts/incident-trend.ts';
import { isPartialPoint, stackByWeek } from '../../web/src/lib/charts/week-edges.ts';
import { weeklyAiShare, weeklyDeploymentsSpec } from '../../web/src/lib/charts/weekly-deployments.ts';
import { weeklyIncidentRows, weeklyIncidentsSpec } from '../../web/src/lib/charts/weekly-incidents.ts';
import { COHORT_COLORS, INCIDENT_COHORT_COLORS } from '../../web/src/lib/cohorts.ts';

// The spec is a plain object; read it loosely so the test does not mirror vega-lite's types.
type Loose = Record<string, any>;

function incidents(count: number, ttd: number | null = null, services: number | null = null): CohortIncidentTrend {
  const none = { median: null, p90: null };
  return {
    count,
    ttd: { median: ttd, p90: ttd },
    ttrb: none,
    restore: none,
    blast_services: { median: services === null ? null : 1, p90: services, max: services },
    impact_minutes: { ...none, max: null },
    orders_lost: { sum: null, max: null },
  };
}

function cfr(deployments: number, failed = 0) {
  return { deployments, failed, rate: deployments ? failed / deployments : null, ci_low: null, ci_high: null };
}

function point(period: string, fields: { days?: number; ai?: number; human?: number; unknown?: number; aiIncidents?: CohortIncidentTrend; humanIncidents?: CohortIncidentTrend; unattributed?: number } = {}): TrendPoint {
  const ai = fields.aiIncidents ?? incidents(0);
  const human = fields.humanIncidents ?? incidents(0);
  const unattributed = fields.unattributed ?? 0;
  const deployments = (fields.ai ?? 0) + (fields.human ?? 0) + (fields.unknown ?? 0);
  return {
    period,
    days: fields.days ?? 7,
    deployments,
    deploys_per_week: deployments,
    coverage: null,
    rework_rate: null,
    cfr: { ai: cfr(fields.ai ?? 0), human: cfr(fields.human ?? 0), unknown: cfr(fields.unknown ?? 0), all: cfr(deployments) },
    incidents: { total: ai.count + human.count + unattributed, unattributed, ai, human, unknown: incidents(0) },
  } as TrendPoint;
}

describe('incidentTrendSpec', () => {
  const months = [
    point('2026-01-01', { days: 31, aiIncidents: incidents(5, 20), humanIncidents: incidents(4, 10) }),
    point('2026-02-01', { days: 28, aiIncidents: incidents(2, 400), humanIncidents: incidents(6, 12) }),
    point('2026-03-01', { days: 9, aiIncidents: incidents(8, 900), humanIncidents: incidents(3, 8) }),
  ];

  it('marks partial months and months with too few incidents as edges that do not set the scale', () => {
    const layout = incidentTrendLayout(months, 'ttd', 'month');
    const edge = (period: string, cohort: string) => layout.points.find((p) => p.period === period && p.cohort === cohort)!.edge;
    expect(edge('2026-01-01', 'ai')).toBeNull();
    expect(edge('2026-02-01', 'ai')).toBe('few'); // 2 incidents
    expect(edge('2026-03-01', 'ai')).toBe('partial'); // 9 of 31 days
    // Full points reach 20 minutes: the scale stops at a round number above it, and the 400 and
    // 900 minute edge points sit on its top edge.
    expect(layout.scaleMax).toBe(25);
    expect(layout.points.filter((p) => p.off_scale).map((p) => p.value)).toEqual([400, 900]);
  });

  it('joins only full points, draws cohorts in their colours, and describes itself', () => {
    const spec = incidentTrendSpec(months, 'ttd') as Loose;
    expect(spec.description).toContain('time from the start of impact to detection');
    const line = spec.layer.find((l: Loose) => l.name === 'trend_line');
    expect(line.transform).toEqual([{ filter: 'datum.edge === null' }]);
    expect(line.mark.aria).toBe(false);
    expect(spec.encoding.color.scale.range).toEqual([COHORT_COLORS.ai, COHORT_COLORS.human]);
    expect(spec.layer.find((l: Loose) => l.name === 'points').encoding.y.scale).toMatchObject({ domain: [0, 25], clamp: true });
    expect(() => compile(spec as never)).not.toThrow();
  });

  it('plots the 90th percentile of services hit for blast radius', () => {
    const layout = incidentTrendLayout([point('2026-01-01', { days: 31, aiIncidents: incidents(5, null, 4) })], 'blast_services', 'month');
    expect(layout.points).toMatchObject([{ cohort: 'ai', value: 4 }]);
  });
});

describe('weeklyIncidentsSpec', () => {
  const weeks = [point('2026-03-02', { aiIncidents: incidents(2), humanIncidents: incidents(1), unattributed: 3 }), point('2026-03-09', { days: 3, aiIncidents: incidents(1) })];

  it('stacks AI at the bottom, then human, untagged and not linked, each week spanning its own bar', () => {
    const rows = weeklyIncidentRows(weeks).filter((row) => row.week === '2026-03-02');
    expect(rows.map((row) => [row.cohort, row.y0, row.y1])).toEqual([['ai', 0, 2], ['human', 2, 3], ['unknown', 3, 3], ['unattributed', 3, 6]]);
    expect(rows[0]).toMatchObject({ bar_end: '2026-03-08' });
  });

  it('fades partial weeks and gives unattributed incidents their own colour', () => {
    const spec = weeklyIncidentsSpec(weeks) as Loose;
    const bars = spec.layer.find((l: Loose) => l.name === 'incidents');
    expect(bars.encoding.opacity.condition).toEqual({ test: 'datum.partial', value: 0.4 });
    expect(bars.data.values.find((row: Loose) => row.week === '2026-03-09').partial).toBe(true);
    expect(bars.encoding.color.scale.range).toEqual(['ai', 'human', 'unknown', 'unattributed'].map((c) => INCIDENT_COHORT_COLORS[c as 'ai']));
    expect(spec.description).toContain('Sev1 and Sev2 incidents per week');
    expect(() => compile(spec as never)).not.toThrow();
  });
});

describe('weeklyDeploymentsSpec', () => {
  const weeks = [point('2026-03-02', { ai: 6, human: 2, unknown: 4 }), point('2026-03-09', { days: 2, ai: 1, human: 0 }), point('2026-03-16', { unknown: 3 })];

  it('gives the AI share of tagged deployments, leaving untagged ones and weeks without tagged ones out', () => {
    expect(weeklyAiShare(weeks)).toEqual([
      { week: '2026-03-02', ai_share: 0.75, tagged: 8, partial: false },
      { week: '2026-03-09', ai_share: 1, tagged: 1, partial: true },
    ]);
  });

  it('does not join a partial week to the share line, and puts the share on its own 0–100 % axis', () => {
    const spec = weeklyDeploymentsSpec(weeks) as Loose;
    const shareLayers = spec.layer.find((l: Loose) => Array.isArray(l.layer)).layer;
    const line = shareLayers.find((l: Loose) => l.name === 'share_line');
    expect(line.data.values.map((v: Loose) => v.week)).toEqual(['2026-03-02']);
    expect(line.encoding.y.scale.domain).toEqual([0, 1]);
    expect(spec.resolve.scale.y).toBe('independent');
    expect(() => compile(spec as never)).not.toThrow();
  });
});

describe('edge helpers', () => {
  it('a month is partial when fewer of its days are in the period; a week when under 7', () => {
    expect(isPartialPoint('2026-02-01', 28, 'month')).toBe(false);
    expect(isPartialPoint('2026-03-01', 30, 'month')).toBe(true);
    expect(isPartialPoint('2026-03-02', 7, 'week')).toBe(false);
    expect(isPartialPoint('2026-03-02', 6.5, 'week')).toBe(true);
  });

  it('stacks per week in order', () => {
    const rows = stackByWeek([{ week: 'b', order: 1, n: 2 }, { week: 'a', order: 0, n: 1 }, { week: 'b', order: 0, n: 5 }], (row) => row.n);
    expect(rows.map((row) => [row.week, row.y0, row.y1])).toEqual([['a', 0, 1], ['b', 0, 5], ['b', 5, 7]]);
  });
});
