import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { type MetricFilters, serviceFilter } from './filters.ts';
import { productionRollupsInScope } from './production-deployments.ts';
import { KNOWN_EVIDENCE as EVIDENCE } from './rollup-columns.ts';

type Evidence = (typeof EVIDENCE)[number];

export interface Coverage {
  deployments: number;
  known: number;
  share: number | null;
  by_evidence: Record<string, number>;
}

export interface ChangeCoverage {
  changes: number;
  known: number;
  share: number | null;
  by_evidence: Record<string, number>;
}

/**
 * docs/metrics.md "Tagging coverage": known / all production deployments in the period, the known
 * ones split by how their AI status was known (declared, trailer, …, inferred from changes).
 */
export async function deploymentCoverage(db: Db, filters: MetricFilters): Promise<Coverage> {
  const { productionEnvironments } = await readMetricSettings(db);
  const { rows } = await sql<{ deployments: number } & Record<Evidence, number>>`
    SELECT coalesce(sum(r.deployments), 0)::int AS deployments,
           ${sql.join(EVIDENCE.map((e) => sql`coalesce(sum(${sql.ref(`r.ev_${e}`)}), 0)::int AS ${sql.ref(e)}`))}
    FROM ${productionRollupsInScope(filters, productionEnvironments)}
  `.execute(db);
  const row = rows[0]!;
  const byEvidence = Object.fromEntries(EVIDENCE.filter((e) => row[e] > 0).map((e) => [e, row[e]]));
  const known = EVIDENCE.reduce((sum, e) => sum + row[e], 0);
  return { deployments: row.deployments, known, share: row.deployments > 0 ? known / row.deployments : null, by_evidence: byEvidence };
}

/** The same for changes, in the period by authored_at. */
export async function changeCoverage(db: Db, filters: MetricFilters): Promise<ChangeCoverage> {
  const { rows } = await sql<{ evidence: string | null; n: number }>`
    SELECT CASE WHEN c.ai_assisted IS NOT NULL THEN coalesce(c.ai_evidence, 'declared') END AS evidence,
           count(*)::int AS n
    FROM changes c JOIN services s ON s.id = c.service_id
    WHERE c.authored_at >= ${filters.from} AND c.authored_at < ${filters.to} AND ${serviceFilter(filters)}
    GROUP BY 1
  `.execute(db);
  const total = rows.reduce((sum, row) => sum + row.n, 0);
  const byEvidence = Object.fromEntries(rows.filter((row) => row.evidence !== null).map((row) => [row.evidence, row.n]));
  const known = total - (rows.find((row) => row.evidence === null)?.n ?? 0);
  return { changes: total, known, share: total > 0 ? known / total : null, by_evidence: byEvidence };
}
