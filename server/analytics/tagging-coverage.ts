import { sql } from 'kysely';
import type { ChangeCoverage, TeamCoverage, WeeklyCoverage } from '../api/data-quality/schema.ts';
import type { Coverage } from '../api/metrics/schema.ts';
import type { Db } from '../db/connection.ts';
import { type MetricFilters, periodUnion, serviceFilter } from './filters.ts';
import { productionRollupsInScope } from './production-deployments.ts';
import { KNOWN_EVIDENCE as EVIDENCE } from './rollup-columns.ts';
import { wilsonInterval } from './wilson-interval.ts';

export type { Coverage };

type Evidence = (typeof EVIDENCE)[number];

/** Known of all, with the share's 95 % Wilson interval (null when there are none). */
interface KnownShare {
  known: number;
  share: number | null;
  ci_low: number | null;
  ci_high: number | null;
  by_evidence: Record<string, number>;
}

function knownShare(known: number, total: number, byEvidence: Record<string, number>): KnownShare {
  const interval = wilsonInterval(known, total);
  return { known, share: total > 0 ? known / total : null, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null, by_evidence: byEvidence };
}

/**
 * docs/metrics.md "Tagging coverage": known / all production deployments in the period, the known
 * ones split by how their AI status was known (declared, trailer, …, inferred from changes).
 */
export async function deploymentCoverage(db: Db, filters: MetricFilters): Promise<Coverage> {
  const { productionEnvironments } = filters.settings;
  const { rows } = await sql<{ deployments: number } & Record<Evidence, number>>`
    SELECT coalesce(sum(r.deployments), 0)::int AS deployments,
           ${sql.join(EVIDENCE.map((e) => sql`coalesce(sum(${sql.ref(`r.ev_${e}`)}), 0)::int AS ${sql.ref(e)}`))}
    FROM ${productionRollupsInScope(filters, productionEnvironments)}
  `.execute(db);
  const row = rows[0]!;
  const byEvidence = Object.fromEntries(EVIDENCE.filter((e) => row[e] > 0).map((e) => [e, row[e]]));
  const known = EVIDENCE.reduce((sum, e) => sum + row[e], 0);
  return { deployments: row.deployments, ...knownShare(known, row.deployments, byEvidence) };
}

/** The same for changes, in the period by authored_at, from their day rollups (derived/change-rollups.ts). */
export async function changeCoverage(db: Db, filters: MetricFilters): Promise<ChangeCoverage> {
  const { rows } = await sql<{ evidence: string; n: number }>`
    SELECT r.evidence, sum(r.changes)::int AS n
    FROM (${periodUnion(
      filters, 'month',
      (from, to) => sql`SELECT service_id, evidence, changes FROM change_month_rollups WHERE month >= ${from}::date AND month < ${to}::date`,
      (part) => sql`SELECT service_id, evidence, changes FROM change_rollups WHERE day >= ${part.from}::date AND day < ${part.to}::date`,
    )}) r JOIN services s ON s.id = r.service_id
    WHERE ${serviceFilter(filters)}
    GROUP BY 1
  `.execute(db);
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  const tagged = rows.filter((row) => row.evidence !== 'none');
  const known = tagged.reduce((sum, row) => sum + row.n, 0);
  return { changes: total, ...knownShare(known, total, Object.fromEntries(tagged.map((row) => [row.evidence, row.n]))) };
}

/** Deployment coverage per ISO week of the period: whether tagging improves, and by which evidence. */
export async function deploymentCoverageByWeek(db: Db, filters: MetricFilters): Promise<WeeklyCoverage[]> {
  const { productionEnvironments } = filters.settings;
  const { rows } = await sql<{ week: string; deployments: number } & Record<Evidence, number>>`
    SELECT to_char(date_trunc('week', r.day), 'YYYY-MM-DD') AS week,
           sum(r.deployments)::int AS deployments,
           ${sql.join(EVIDENCE.map((e) => sql`sum(${sql.ref(`r.ev_${e}`)})::int AS ${sql.ref(e)}`))}
    FROM ${productionRollupsInScope(filters, productionEnvironments)}
    GROUP BY 1 ORDER BY 1
  `.execute(db);
  return rows.map((row) => ({
    week: row.week,
    deployments: row.deployments,
    known: EVIDENCE.reduce((sum, e) => sum + row[e], 0),
    by_evidence: Object.fromEntries(EVIDENCE.filter((e) => row[e] > 0).map((e) => [e, row[e]])),
  }));
}

/**
 * Deployment coverage per owning team, most untagged deployments first: who to ask for the
 * missing tags. From the per-service rollups, so a team filter keeps one team.
 */
export async function deploymentCoverageByTeam(db: Db, filters: MetricFilters): Promise<TeamCoverage[]> {
  const { productionEnvironments } = filters.settings;
  const perService = productionRollupsInScope(filters, productionEnvironments, { perService: true });
  const { rows } = await sql<{ team: string | null; deployments: number; known: number }>`
    SELECT s.team, sum(r.deployments)::int AS deployments,
           sum(${sql.join(EVIDENCE.map((e) => sql.ref(`r.ev_${e}`)), sql` + `)})::int AS known
    FROM ${perService}
    GROUP BY s.team
    ORDER BY sum(r.deployments) - sum(${sql.join(EVIDENCE.map((e) => sql.ref(`r.ev_${e}`)), sql` + `)}) DESC, s.team
  `.execute(db);
  return rows.map((row) => {
    const { by_evidence: _none, ...share } = knownShare(row.known, row.deployments, {});
    return { team: row.team, deployments: row.deployments, untagged: row.deployments - row.known, ...share };
  });
}
