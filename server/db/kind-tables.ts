// How each normalized record kind lands in its raw table: the columns staged by COPY, how
// references (service, incident) resolve, the natural key, and the child rows kept in step.
// postgres-sink.ts turns these descriptions into one merge statement per kind.
import type { ChangeRecord, DeploymentRecord, Kind, NormalizedRecord, RecordOfKind } from '../../ingest/model.ts';
import type { CopyType } from './copy-text.ts';

export interface StagedColumn<R> {
  name: string;
  type: CopyType;
  value(record: R): unknown;
}

export interface KindTable<K extends Kind> {
  table: string;
  /** Natural key columns of the target table (the ON CONFLICT target). */
  key: readonly string[];
  /** The record's natural key as one string, to find a record repeated within a batch. */
  naturalKey(record: RecordOfKind<K>): string;
  staged: StagedColumn<RecordOfKind<K>>[];
  /**
   * Staged columns that are references: the staged name, the target column, and the SQL that
   * resolves it from the staging row `s`. A record whose required reference does not resolve
   * waits in pending_records until its target is stored.
   */
  references?: readonly Reference[];
  /** Service ids the record refers to, created as placeholders before its chunk is written. */
  serviceNames?(record: RecordOfKind<K>): (string | null)[];
  /** Columns computed in the merge (not compared for "changed"): SQL over the staging row `s`. */
  derived?: readonly { column: string; expression: string }[];
  /** Joined to the staging row `s` in the merge, for what the derived expressions read. */
  derivedJoin?: string;
  /** Append-only tables keep the first version; a re-sent row is unchanged. */
  appendOnly?: boolean;
  /** Extra RETURNING columns and the CTEs that maintain child rows from them (alias `m`). */
  returning?: string;
  children?: readonly string[];
}

export interface Reference {
  staged: string;
  target: string;
  /** Resolves the id, or NULL; evaluated with the staging row as `s`. */
  resolve: string;
  /** When set, a row whose reference does not resolve waits as pending under this field name. */
  required?: { field: string };
}

const text = <R>(name: string, value: (record: R) => unknown): StagedColumn<R> => ({ name, type: 'text', value });
const typed = <R>(name: string, type: CopyType, value: (record: R) => unknown): StagedColumn<R> => ({ name, type, value });

const SEP = '\u001f';
const sourceKey = (record: NormalizedRecord) => `${record.kind}${SEP}${record.source}${SEP}${record.id}`;
const SERVICE_BY_NAME = '(SELECT id FROM services WHERE external_id = s.service)';

/**
 * A deployment's cohort (docs/metrics.md "Cohorts"; docs/ingest-format.md "The ai object"): its declared
 * ai.assisted, else from its changes — ai if any change is AI-assisted, human if all are known
 * human, else unknown (never folded into human); evidence `inferred` then. `d` is the alias of
 * a row with ai_assisted, ai_evidence and change_ids; `join` goes after it in FROM, and `cohort`
 * and `evidence` read it. The join reads the changes once per row and only for rows that
 * declare nothing: written into both CASEs, the subquery ran twice per undeclared deployment
 * (5 M of them at 10 M deployments: the rebuild's cohort step took 175 s). Used by the merge
 * and by the refresh when changes arrive after their deployment.
 */
export function deploymentCohort(d: string): { join: string; cohort: string; evidence: string } {
  const inferred = `${d}_inferred`;
  return {
    // OFFSET 0: a subquery of its own, so its WHERE skips the changes for a declared row.
    join: `LEFT JOIN LATERAL (
      SELECT (SELECT CASE WHEN bool_or(x.ai) THEN 'ai' WHEN bool_and(x.ai IS NOT NULL AND NOT x.ai) THEN 'human' END
              FROM (SELECT bool_or(c.ai_assisted) AS ai
                    FROM unnest(${d}.change_ids) AS ci (id) LEFT JOIN changes c ON c.external_id = ci.id
                    GROUP BY ci.id) x) AS cohort
      WHERE ${d}.ai_assisted IS NULL OFFSET 0) ${inferred} ON true`,
    cohort: `CASE WHEN ${d}.ai_assisted THEN 'ai' WHEN NOT ${d}.ai_assisted THEN 'human' ELSE coalesce(${inferred}.cohort, 'unknown') END`,
    evidence: `CASE WHEN ${d}.ai_assisted IS NOT NULL THEN coalesce(${d}.ai_evidence, 'declared') WHEN ${inferred}.cohort IS NOT NULL THEN 'inferred' END`,
  };
}
const STAGED_COHORT = deploymentCohort('s');

/** Raw tables keyed by the source's own id (services and people are keyed by id alone). */
const SOURCE_KEYED = { key: ['source', 'external_id'], naturalKey: sourceKey } as const;

/** Kinds that name one service: created as a placeholder if unknown, stored as service_id. */
const ONE_SERVICE = {
  serviceNames: (r: { service: string | null }) => [r.service],
  references: [{ staged: 'service', target: 'service_id', resolve: SERVICE_BY_NAME }],
} as const;

/** The `ai` object's columns, on changes and deployments alike. */
function aiColumns<R extends ChangeRecord | DeploymentRecord>(): StagedColumn<R>[] {
  return [
    typed('ai_assisted', 'boolean', (r) => r.ai.assisted),
    text('ai_tool', (r) => r.ai.tool),
    text('ai_mode', (r) => r.ai.mode),
    text('ai_evidence', (r) => r.ai.evidence),
  ];
}

type Tables = { [K in Kind]: KindTable<K> };

export const KIND_TABLES: Tables = {
  service: {
    table: 'services',
    key: ['external_id'],
    naturalKey: (r) => `service${SEP}${r.id}`,
    staged: [
      text('external_id', (r) => r.id),
      text('source', (r) => r.source),
      text('name', (r) => r.name),
      text('team', (r) => r.team),
      typed('tier', 'integer', (r) => r.tier),
      text('domain', (r) => r.domain),
      typed('high_risk', 'boolean', (r) => r.high_risk),
      typed('attributes', 'jsonb', (r) => r.attributes),
    ],
  },
  person: {
    table: 'people',
    key: ['external_id'],
    naturalKey: (r) => `person${SEP}${r.id}`,
    staged: [
      text('external_id', (r) => r.id),
      text('source', (r) => r.source),
      text('name', (r) => r.name),
      text('team', (r) => r.team),
      text('seniority', (r) => r.seniority),
      typed('attributes', 'jsonb', (r) => r.attributes),
    ],
  },
  change: {
    table: 'changes',
    ...SOURCE_KEYED,
    ...ONE_SERVICE,
    staged: [
      text('source', (r) => r.source),
      text('external_id', (r) => r.id),
      text('service', (r) => r.service),
      text('author', (r) => r.author),
      typed('authored_at', 'timestamptz', (r) => r.authored_at),
      text('repo', (r) => r.repo),
      text('title', (r) => r.title),
      typed('merged_at', 'timestamptz', (r) => r.merged_at),
      typed('approvers', 'text[]', (r) => r.approvers),
      text('change_ticket', (r) => r.change_ticket),
      typed('checks_passed', 'boolean', (r) => r.checks_passed),
      text('change_type', (r) => r.change_type),
      typed('lines_added', 'integer', (r) => r.lines_added),
      typed('lines_deleted', 'integer', (r) => r.lines_deleted),
      text('reverts', (r) => r.reverts),
      ...aiColumns(),
      typed('attributes', 'jsonb', (r) => r.attributes),
    ],
  },
  deployment: {
    table: 'deployments',
    ...SOURCE_KEYED,
    ...ONE_SERVICE,
    derived: [
      { column: 'cohort', expression: STAGED_COHORT.cohort },
      { column: 'cohort_evidence', expression: STAGED_COHORT.evidence },
    ],
    derivedJoin: STAGED_COHORT.join,
    staged: [
      text('source', (r) => r.source),
      text('external_id', (r) => r.id),
      text('service', (r) => r.service),
      text('environment', (r) => r.environment),
      typed('started_at', 'timestamptz', (r) => r.started_at),
      typed('finished_at', 'timestamptz', (r) => r.finished_at),
      text('status', (r) => r.status),
      text('version', (r) => r.version),
      typed('change_ids', 'text[]', (r) => r.changes),
      text('actor', (r) => r.actor),
      text('actor_type', (r) => r.actor_type),
      text('rollback_of', (r) => r.rollback_of),
      typed('remediates', 'text[]', (r) => r.remediates),
      typed('regions', 'text[]', (r) => r.regions),
      text('change_type', (r) => r.change_type),
      ...aiColumns(),
      typed('attributes', 'jsonb', (r) => r.attributes),
    ],
    // deployment_changes follows change_ids: drop pairs no longer listed, add the new ones.
    returning: 'change_ids',
    children: [
      // = ANY (ARRAY(…)) keeps this an index lookup whatever the statistics say.
      `DELETE FROM deployment_changes dc USING m
       WHERE dc.deployment_id = ANY (ARRAY(SELECT id FROM m WHERE NOT inserted))
         AND dc.deployment_id = m.id AND NOT (dc.change_external_id = ANY (m.change_ids))`,
      `INSERT INTO deployment_changes (deployment_id, change_external_id)
       SELECT DISTINCT m.id, c.change_id FROM m CROSS JOIN unnest(m.change_ids) AS c (change_id)
       ON CONFLICT DO NOTHING`,
    ],
  },
  incident: {
    table: 'incidents',
    ...SOURCE_KEYED,
    serviceNames: (r) => r.services,
    staged: [
      text('source', (r) => r.source),
      text('external_id', (r) => r.id),
      text('title', (r) => r.title),
      text('severity', (r) => r.severity),
      text('status', (r) => r.status),
      typed('impact_started_at', 'timestamptz', (r) => r.impact_started_at),
      typed('detected_at', 'timestamptz', (r) => r.detected_at),
      typed('acknowledged_at', 'timestamptz', (r) => r.acknowledged_at),
      typed('mitigated_at', 'timestamptz', (r) => r.mitigated_at),
      typed('resolved_at', 'timestamptz', (r) => r.resolved_at),
      text('detection', (r) => r.detection),
      typed('services', 'text[]', (r) => r.services),
      typed('caused_by', 'text[]', (r) => r.caused_by),
      typed('regions', 'text[]', (r) => r.regions),
      typed('orders_lost', 'bigint', (r) => r.impact.orders_lost),
      typed('errors', 'bigint', (r) => r.impact.errors),
      typed('users_affected', 'bigint', (r) => r.impact.users_affected),
      typed('traffic_share', 'float', (r) => r.impact.traffic_share),
      text('postmortem_url', (r) => r.postmortem_url),
      typed('attributes', 'jsonb', (r) => r.attributes),
    ],
    // incident_services follows the services list (placeholders exist by now).
    returning: 'services',
    children: [
      `DELETE FROM incident_services x USING m
       WHERE x.incident_id = ANY (ARRAY(SELECT id FROM m WHERE NOT inserted)) AND x.incident_id = m.id
         AND x.service_id NOT IN (SELECT id FROM services WHERE external_id = ANY (m.services))`,
      `INSERT INTO incident_services (incident_id, service_id)
       SELECT DISTINCT m.id, sv.id FROM m CROSS JOIN unnest(m.services) AS n (name) JOIN services sv ON sv.external_id = n.name
       ON CONFLICT DO NOTHING`,
    ],
  },
  classification: {
    table: 'classifications',
    ...SOURCE_KEYED,
    appendOnly: true,
    references: [
      {
        staged: 'incident',
        target: 'incident_id',
        resolve: '(SELECT min(id) FROM incidents WHERE external_id = s.incident)',
        required: { field: 'classification.incident' },
      },
    ],
    staged: [
      text('source', (r) => r.source),
      text('external_id', (r) => r.id),
      text('incident', (r) => r.incident),
      text('ai_role', (r) => r.ai_role),
      typed('factors', 'jsonb', (r) => r.factors),
      text('notes', (r) => r.notes),
      text('classified_by', (r) => r.classified_by),
      typed('classified_at', 'timestamptz', (r) => r.classified_at),
      typed('attributes', 'jsonb', (r) => r.attributes),
    ],
  },
  agent_action: {
    table: 'agent_actions',
    ...SOURCE_KEYED,
    ...ONE_SERVICE,
    staged: [
      text('source', (r) => r.source),
      text('external_id', (r) => r.id),
      text('agent', (r) => r.agent),
      typed('at', 'timestamptz', (r) => r.at),
      text('action', (r) => r.action),
      text('service', (r) => r.service),
      text('environment', (r) => r.environment),
      typed('destructive', 'boolean', (r) => r.destructive),
      typed('approved_by', 'text[]', (r) => r.approved_by),
      text('permission_scope', (r) => r.permission_scope),
      text('outcome', (r) => r.outcome),
      typed('attributes', 'jsonb', (r) => r.attributes),
    ],
  },
};

/** In dependency order: what a later kind refers to is written first. */
export const WRITE_ORDER: readonly Kind[] = ['service', 'person', 'change', 'deployment', 'incident', 'classification', 'agent_action'];

export function kindTable<K extends Kind>(kind: K): KindTable<K> {
  return KIND_TABLES[kind];
}
