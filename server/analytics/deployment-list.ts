// The deployment list (GET /api/deployments): one row per deployment with its cohort, whether it
// failed (the CFR definition) and the incidents linked to it, newest first, in keyset pages.
import { sql } from 'kysely';
import type { DeploymentStatus } from '../../ingest/model.ts';
import type { Db } from '../db/connection.ts';
import type { Cohort } from '../db/schema.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { deploymentFailed } from './change-failure-rate.ts';
import { InvalidFilterError, type MetricFilters, serviceFilter } from './filters.ts';
import { productionDeployment } from './production-deployments.ts';
import { containsPattern } from './text-search.ts';

export interface DeploymentListFilters extends MetricFilters {
  cohort: Cohort | null;
  status: DeploymentStatus | null;
  /** true: only production deployments (docs/metrics.md "Cohorts"); false: only the others. */
  production: boolean | null;
  /** Case-insensitive text in the deployment's id, service, version or change ids. */
  q: string | null;
  limit: number;
  /** From the previous page's `nextCursor`. */
  cursor: string | null;
}

/**
 * Deployments whose effective_at (finished_at, else started_at) is in the period, ordered by
 * (effective_at desc, id desc). `environment` keeps that environment, production or not.
 * `linked_incidents` are the incidents linked at ≥ min_confidence, of any severity.
 * `controls_skipped` are the governance controls it broke (docs/metrics.md "Governance
 * controls"), judged only for production deployments to Tier-1 or high-risk services
 * (`controls_evaluated`).
 */
export async function listDeployments(db: Db, filters: DeploymentListFilters) {
  const { productionEnvironments } = await readMetricSettings(db);
  const after = filters.cursor === null ? null : decodeCursor(filters.cursor);
  const production = productionDeployment(sql.ref('d'), productionEnvironments).$castTo<boolean>();
  const evaluated = sql<boolean>`(${production} AND (s.tier = 1 OR s.high_risk))`;
  const needle = filters.q === null ? null : containsPattern(filters.q);
  const rows = await db
    .selectFrom('deployments as d')
    .innerJoin('services as s', 's.id', 'd.service_id')
    .select([
      'd.external_id as id',
      'd.source',
      's.external_id as service',
      'd.environment',
      'd.version',
      'd.started_at',
      'd.finished_at',
      'd.status',
      'd.cohort',
      'd.cohort_evidence',
      'd.ai_tool',
      'd.change_type',
      'd.rollback_of',
      'd.change_ids as changes',
    ])
    .select([
      deploymentFailed(sql.ref('d'), filters.minConfidence).as('failed'),
      sql<string[]>`ARRAY(
        SELECT i.external_id FROM incident_links l JOIN incidents i ON i.id = l.incident_id
        WHERE l.deployment_id = d.id AND l.confidence >= ${filters.minConfidence}
        ORDER BY i.impact_started_at, i.external_id)`.as('linked_incidents'),
      evaluated.as('controls_evaluated'),
      sql<string[]>`CASE WHEN ${evaluated} THEN ARRAY(
        SELECT DISTINCT g.control FROM governance_findings g WHERE g.deployment_id = d.id ORDER BY g.control) ELSE '{}' END`.as('controls_skipped'),
      // The exact (microsecond) sort key, for the next page's cursor.
      sql<string>`to_char(d.effective_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('position_at'),
      'd.id as position_id',
    ])
    .where('d.effective_at', '>=', filters.from)
    .where('d.effective_at', '<', filters.to)
    .where(serviceFilter(filters).$castTo<boolean>())
    .$if(filters.environment !== null, (qb) => qb.where('d.environment', '=', filters.environment!))
    .$if(filters.cohort !== null, (qb) => qb.where('d.cohort', '=', filters.cohort!))
    .$if(filters.status !== null, (qb) => qb.where('d.status', '=', filters.status!))
    .$if(filters.production !== null, (qb) => qb.where(filters.production ? production : sql<boolean>`NOT ${production}`))
    .$if(needle !== null, (qb) =>
      qb.where(sql<boolean>`(d.external_id ILIKE ${needle} OR s.external_id ILIKE ${needle} OR d.version ILIKE ${needle}
        OR EXISTS (SELECT 1 FROM unnest(d.change_ids) AS c (id) WHERE c.id ILIKE ${needle}))`))
    .$if(after !== null, (qb) => qb.where(sql<boolean>`(d.effective_at, d.id) < (${after!.at}::timestamptz, ${after!.id}::bigint)`))
    .orderBy('d.effective_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(filters.limit + 1)
    .$narrowType<{ status: DeploymentStatus }>() // the deployments_status_check constraint
    .execute();
  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  return {
    deployments: page.map(({ position_at: _at, position_id: _id, ...row }) => row),
    nextCursor: rows.length > filters.limit && last ? encodeCursor({ at: last.position_at, id: last.position_id }) : null,
  };
}

interface Position {
  at: string;
  id: string;
}

/** Opaque to clients: base64url of the last row's sort key. */
function encodeCursor(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) && typeof id === 'string' && /^\d{1,19}$/.test(id)) {
      return { at, id };
    }
  } catch {
    // not base64url JSON: reported below
  }
  throw new InvalidFilterError('cursor', 'is not a next_cursor this endpoint returned');
}
