// The deployment list (GET /api/deployments): one row per deployment with its cohort, whether it
// failed (the CFR definition) and the incidents linked to it, sorted (newest first by default),
// in keyset pages.
import { type RawBuilder, sql } from 'kysely';
import type { DeploymentStatus } from '../../ingest/model.ts';
import type { Db } from '../db/connection.ts';
import type { Cohort } from '../db/schema.ts';
import { deploymentFailed } from './change-failure-rate.ts';
import { InvalidFilterError, type MetricFilters, serviceFilter } from './filters.ts';
import { productionDeployment } from './production-deployments.ts';
import { containsPattern } from './text-search.ts';

/** Columns the list sorts by; ties newest first (effective_at desc, id desc). */
export const DEPLOYMENT_SORT_KEYS = ['at', 'id', 'service', 'environment', 'status', 'cohort', 'failed'] as const;
export type DeploymentSortKey = (typeof DEPLOYMENT_SORT_KEYS)[number];

export interface DeploymentSort {
  key: DeploymentSortKey;
  descending: boolean;
}

export const NEWEST_FIRST: DeploymentSort = { key: 'at', descending: true };

export interface DeploymentListFilters extends MetricFilters {
  cohort: Cohort | null;
  status: DeploymentStatus | null;
  /** true: only production deployments (docs/metrics.md "Cohorts"); false: only the others. */
  production: boolean | null;
  /** Case-insensitive text in the deployment's id, service, version or change ids. */
  q: string | null;
  limit: number;
  sort: DeploymentSort;
  /** From the previous page's `nextCursor`, for the same sort. */
  cursor: string | null;
}

/**
 * Each sort key's column (none is null) and how its cursor text is read back. `at` is
 * effective_at to the microsecond, so a page boundary never falls inside a rounded instant.
 */
function sortColumn(key: DeploymentSortKey, minConfidence: number): { value: RawBuilder<unknown>; text: RawBuilder<string>; cast: string } {
  const d = sql.ref('d');
  switch (key) {
    case 'at':
      return { value: sql`d.effective_at`, text: sql<string>`to_char(d.effective_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, cast: 'timestamptz' };
    case 'failed': {
      const failed = deploymentFailed(d, minConfidence);
      return { value: failed, text: sql<string>`${failed}::text`, cast: 'boolean' };
    }
    default: {
      const column = key === 'id' ? sql`d.external_id` : key === 'service' ? sql`s.external_id` : sql.ref(`d.${key}`);
      return { value: column, text: sql<string>`${column}::text`, cast: 'text' };
    }
  }
}

/**
 * Deployments whose effective_at (finished_at, else started_at) is in the period, ordered by the
 * sort column, then (effective_at desc, id desc); a page starts after the cursor's row in that
 * order (keyset). `environment` keeps that environment, production or not.
 * `linked_incidents` are the incidents linked at ≥ min_confidence, of any severity.
 * `controls_skipped` are the governance controls it broke (docs/metrics.md "Governance
 * controls"), judged only for production deployments to Tier-1 or high-risk services
 * (`controls_evaluated`).
 */
export async function listDeployments(db: Db, filters: DeploymentListFilters) {
  const { productionEnvironments } = filters.settings;
  const after = filters.cursor === null ? null : decodeCursor(filters.cursor, filters.sort);
  const column = sortColumn(filters.sort.key, filters.minConfidence);
  const direction = sql.raw(filters.sort.descending ? 'DESC' : 'ASC');
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
      // The row's place in the order, for the next page's cursor.
      column.text.as('position_key'),
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
    .$if(after !== null, (qb) => {
      // After the cursor's row: further along the sort column, or level with it and older.
      const key = sql`${after!.key}::${sql.raw(column.cast)}`;
      const older = sql`(d.effective_at, d.id) < (${after!.at}::timestamptz, ${after!.id}::bigint)`;
      const further = filters.sort.descending ? sql`${column.value} < ${key}` : sql`${column.value} > ${key}`;
      return qb.where(sql<boolean>`(${further} OR (${column.value} = ${key} AND ${older}))`);
    })
    .orderBy(sql`${column.value} ${direction}`)
    .orderBy('d.effective_at', 'desc')
    .orderBy('d.id', 'desc')
    .limit(filters.limit + 1)
    .$narrowType<{ status: DeploymentStatus }>() // the deployments_status_check constraint
    .execute();
  const page = rows.slice(0, filters.limit);
  const last = page.at(-1);
  return {
    deployments: page.map(({ position_key: _key, position_at: _at, position_id: _id, ...row }) => row),
    nextCursor: rows.length > filters.limit && last ? encodeCursor(filters.sort, { key: last.position_key, at: last.position_at, id: last.position_id }) : null,
  };
}

interface Position {
  /** The sort column's value, as text. */
  key: string;
  at: string;
  id: string;
}

const sortText = (sort: DeploymentSort) => `${sort.descending ? '-' : ''}${sort.key}`;

/** Opaque to clients: base64url of the sort and the last row's place in it. */
function encodeCursor(sort: DeploymentSort, position: Position): string {
  return Buffer.from(JSON.stringify([sortText(sort), position.key, position.at, position.id])).toString('base64url');
}

function decodeCursor(cursor: string, sort: DeploymentSort): Position {
  let decoded: unknown[] = [];
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
  } catch {
    // not base64url JSON: reported below
  }
  const [sorted, key, at, id] = Array.isArray(decoded) ? decoded : [];
  const valid =
    typeof sorted === 'string' &&
    typeof key === 'string' &&
    typeof at === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(at) &&
    typeof id === 'string' && /^\d{1,19}$/.test(id);
  if (!valid) throw new InvalidFilterError('cursor', 'is not a next_cursor this endpoint returned');
  // A cursor is a place in one order: under another sort it would skip or repeat rows.
  if (sorted !== sortText(sort)) throw new InvalidFilterError('cursor', `was made for sort=${sorted}, not sort=${sortText(sort)}: start again without it`);
  if ((sort.key === 'at' && key !== at) || (sort.key === 'failed' && key !== 'true' && key !== 'false')) {
    throw new InvalidFilterError('cursor', 'is not a next_cursor this endpoint returned');
  }
  return { key, at, id };
}
