// incident_trend_points: every weekly and monthly trend point, exactly, for the fleet, each
// team, domain and tier, link level, stored severity set (STORED_SEVERITY_SETS) and cohort of a
// dirty week or month (analytics/incident-trend-points.ts reads them). The facts are read a few
// periods at a time and aggregated here (trendStats), not by PostgreSQL's ordered-set
// aggregates, whose sort per small group made this the refresh's largest step.
import { sql } from 'kysely';
import { SEVERITIES, type Severity } from '../../../ingest/model.ts';
import { serviceScopeIn } from '../rollup-scope.ts';
import { STORED_SEVERITY_SETS, type TrendFact, severitySetKey, trendStats } from '../incident-trend-points.ts';
import type { DerivedTable, RefreshContext } from './derived-table.ts';

type Grain = 'week' | 'month';

/** Periods read at once: a month at 10 M deployments is 70 000 facts at four link levels. */
const PERIODS_READ: Record<Grain, number> = { week: 4, month: 1 };

interface FactRow extends TrendFact {
  level: number;
  severity: Severity;
  cohort: string;
  period: string;
  /** The incident's teams, domains and tiers (the fleet is every incident's). */
  scopes: string[];
}

async function refreshGrain({ tx, run }: RefreshContext, grain: Grain): Promise<void> {
  const table = grain === 'week' ? 'dirty_weeks' : 'dirty_months';
  await run(sql`DELETE FROM incident_trend_points t USING ${sql.table(table)} p WHERE t.grain = ${grain} AND t.period = ${sql.ref(`p.${grain}`)}`);
  const { rows: periods } = await sql<{ period: string }>`SELECT to_char(${sql.ref(grain)}, 'YYYY-MM-DD') AS period FROM ${sql.table(table)} ORDER BY 1`.execute(tx);
  const periodOf = sql`date_trunc(${grain}, f.impact_started_at AT TIME ZONE 'UTC')::date`;
  for (let k = 0; k < periods.length; k += PERIODS_READ[grain]) {
    const chunk = periods.slice(k, k + PERIODS_READ[grain]).map((p) => p.period);
    const from = sql`${chunk[0]}::date::timestamp AT TIME ZONE 'UTC'`;
    const to = sql`(${chunk.at(-1)}::date + ${sql.raw(grain === 'week' ? "interval '7 days'" : "interval '1 month'")})::timestamp AT TIME ZONE 'UTC'`;
    // The incidents' scopes read by time, once each (a probe per fact, at four levels, took
    // 0.7 s for a month at 10 M deployments; this 0.2 s).
    const { rows } = await sql<FactRow>`
      SELECT f.level, f.severity, f.cohort, to_char(${periodOf}, 'YYYY-MM-DD') AS period,
             f.ttd, f.ttrb, f.restore, f.blast_services, f.impact_minutes, f.orders_lost, coalesce(s.scopes, '{}') AS scopes
      FROM incident_facts f
      LEFT JOIN (
        SELECT sc.incident_id, array_agg(sc.scope) AS scopes FROM incident_scopes sc
        WHERE sc.impact_started_at >= ${from} AND sc.impact_started_at < ${to} AND NOT ${serviceScopeIn(sql.ref('sc.scope'))}
        GROUP BY 1) s ON s.incident_id = f.incident_id
      WHERE f.impact_started_at >= ${from} AND f.impact_started_at < ${to} AND ${periodOf} = ANY(${chunk}::date[])`.execute(tx);
    // Grouped by severity first; each stored set (Sev1, Sev1–2, …) is then its severities' facts together.
    const groups = new Map<string, { scope: string; level: number; period: string; cohort: string; bySeverity: FactRow[][] }>();
    for (const fact of rows) {
      for (const scope of ['fleet', ...fact.scopes]) {
        const key = `${scope}\t${fact.level}\t${fact.period}\t${fact.cohort}`;
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { scope, level: fact.level, period: fact.period, cohort: fact.cohort, bySeverity: SEVERITIES.map(() => []) }));
        group.bySeverity[SEVERITIES.indexOf(fact.severity)]!.push(fact);
      }
    }
    const points = [...groups.values()].flatMap(({ bySeverity, ...key }) =>
      STORED_SEVERITY_SETS.map((set) => ({ set, facts: set.flatMap((severity) => bySeverity[SEVERITIES.indexOf(severity)]!) }))
        .filter(({ facts }) => facts.length > 0)
        .map(({ set, facts }) => ({ grain, ...key, severities: severitySetKey(set), stats: trendStats(facts) })));
    if (points.length === 0) continue;
    await run(sql`
      INSERT INTO incident_trend_points (grain, scope, level, severities, period, cohort, stats)
      SELECT grain, scope, level, severities, period, cohort, stats
      FROM json_to_recordset(${JSON.stringify(points)}::json) AS p (grain text, scope text, level float8, severities text, period date, cohort text, stats json)
    `);
  }
}

export const incidentTrendPoints: DerivedTable = {
  name: 'incident_trend_points',
  reads: ['incident_facts', 'incident_scopes'],
  order: 'grain, scope, level, severities, period, cohort',
  snapshotColumns: 'grain, scope, level, severities, period, cohort, stats::text',
  async refresh(context) {
    await refreshGrain(context, 'week');
    await refreshGrain(context, 'month');
  },
};
