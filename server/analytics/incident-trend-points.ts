// Weekly and monthly incident trend points for the scopes incident_rollups keeps, stored exactly
// by the refresh (analytics/derived/) for the severity sets below, so a year of trends reads a few
// hundred rows instead of every incident. Partial periods at a period's edges, one service and
// combined attributes are computed from the facts, with the same aggregate.
import { type RawBuilder, sql } from 'kysely';
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

/** STORED_SEVERITY_SETS as (key, members), in SQL, for the refresh to group by. */
export const SEVERITY_SETS: RawBuilder<unknown> =
  sql`(VALUES ${sql.join(STORED_SEVERITY_SETS.map((set) => sql`(${severitySetKey(set)}, ${set}::text[])`))})`;
