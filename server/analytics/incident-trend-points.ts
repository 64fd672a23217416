// Weekly and monthly incident trend points for the scopes incident_rollups keeps, stored exactly
// by the refresh (analytics/derived/) for the severity sets below, so a year of trends reads a few
// hundred rows instead of every incident. Partial periods at a period's edges, one service and
// combined attributes are computed from the facts, with the same aggregate.
import { sql } from 'kysely';
import { SEVERITIES, type Severity } from '../../ingest/model.ts';
import type { CohortIncidentTrend } from '../api/metrics/schema.ts';
import { percentiles, spread } from './incident-facts.ts';

export type { CohortIncidentTrend };

/** The CohortIncidentTrend of the fact rows `f` of a group, as one JSON value, in SQL. */
export const TREND_STATS = sql<CohortIncidentTrend>`json_build_object(
  'count', count(*)::int,
  'ttd', ${percentiles(sql.ref('f.ttd'))},
  'ttrb', ${percentiles(sql.ref('f.ttrb'))},
  'restore', ${percentiles(sql.ref('f.restore'))},
  'blast_services', ${spread(sql.ref('f.blast_services'))},
  'impact_minutes', ${spread(sql.ref('f.impact_minutes'))},
  'orders_lost', json_build_object('sum', sum(f.orders_lost), 'max', max(f.orders_lost)))`;

/** The stored key of a severity filter: its severities in SEVERITIES order, comma-joined. */
export const severitySetKey = (severities: readonly Severity[]) => SEVERITIES.filter((s) => severities.includes(s)).join(',');

/**
 * The severity sets trend points are stored for: Sev1 alone, then each next severity added
 * (Sev1–2, the default; Sev1–3; all four). Storing every one of the 15 non-empty sets put each
 * incident in 8 of them, and the month's points were the refresh's largest step (14.5 s of a
 * one-day refresh at 10 M deployments); these 4 hold an incident 1–4 times. Any other set (say
 * Sev1 and Sev3) is computed from the facts when asked, as one service's trends are.
 */
export const STORED_SEVERITY_SETS: readonly (readonly Severity[])[] = SEVERITIES.map((_s, k) => SEVERITIES.slice(0, k + 1));

/** Whether trend points are stored for this severity filter. */
export const storedSeveritySet = (severities: readonly Severity[]) =>
  STORED_SEVERITY_SETS.some((set) => severitySetKey(set) === severitySetKey(severities));

/** The fact fields TREND_STATS aggregates, as the refresh reads them. */
export interface TrendFact {
  ttd: number | null;
  ttrb: number | null;
  restore: number | null;
  blast_services: number;
  impact_minutes: number | null;
  orders_lost: number | null;
}

/**
 * percentile_cont's value over ascending `sorted` values, computed as PostgreSQL computes it
 * (orderedsetaggs.c: the rank q·(n − 1), lo + (rank − floor) · (hi − lo)), so that a point the
 * refresh stores equals the same point read through TREND_STATS to the last bit.
 */
export function percentileCont(sorted: Float64Array, q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = q * (sorted.length - 1);
  const [lo, hi] = [Math.floor(rank), Math.ceil(rank)];
  return lo === hi ? sorted[lo]! : sorted[lo]! + (rank - lo) * (sorted[hi]! - sorted[lo]!);
}

/**
 * TREND_STATS over a group of facts, in JavaScript: the refresh's form. PostgreSQL's ordered-set
 * aggregates start a sort per group and aggregate, and a month's 90 000 small groups (every
 * scope × level × severity set × cohort) cost 3.7 s at 10 M deployments; sorting each group's
 * values here takes a few milliseconds. test/db/rollup-equivalence.test.ts holds the two equal.
 */
export function trendStats(facts: readonly TrendFact[]): CohortIncidentTrend {
  const [ttd, ttrb, restore, blast, impact, orders]: [number[], number[], number[], number[], number[], number[]] = [[], [], [], [], [], []];
  for (const f of facts) {
    if (f.ttd !== null) ttd.push(f.ttd);
    if (f.ttrb !== null) ttrb.push(f.ttrb);
    if (f.restore !== null) restore.push(f.restore);
    blast.push(f.blast_services);
    if (f.impact_minutes !== null) impact.push(f.impact_minutes);
    if (f.orders_lost !== null) orders.push(f.orders_lost);
  }
  const ends = (values: number[]) => {
    const sorted = Float64Array.from(values).sort();
    return { median: percentileCont(sorted, 0.5), p90: percentileCont(sorted, 0.9), max: sorted.length === 0 ? null : sorted[sorted.length - 1]! };
  };
  const median = (values: number[]) => {
    const { median, p90 } = ends(values);
    return { median, p90 };
  };
  return {
    count: facts.length,
    ttd: median(ttd),
    ttrb: median(ttrb),
    restore: median(restore),
    blast_services: ends(blast),
    impact_minutes: ends(impact),
    // In input order, as sum() adds them (whole numbers, so the order does not change the sum).
    orders_lost: { sum: orders.length === 0 ? null : orders.reduce((a, b) => a + b, 0), max: orders.length === 0 ? null : orders.reduce((a, b) => Math.max(a, b)) },
  };
}
