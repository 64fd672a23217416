// How each normalized record kind is stored: its table, natural key, row, and the child rows
// kept in step with it. The sink (postgres-sink.ts) drives these in dependency order.
import { sql } from 'kysely';
import type {
  AgentActionRecord,
  ChangeRecord,
  ClassificationRecord,
  DeploymentRecord,
  IncidentRecord,
  Kind,
  PersonRecord,
  RecordOfKind,
  ServiceRecord,
} from '../../ingest/model.ts';
import type { Db } from './connection.ts';
import { KEY_SEPARATOR, type Row, type UpsertTarget, type UpsertedRow } from './upsert.ts';

/** Ids the rows of a chunk refer to, resolved before the chunk is written. */
export interface References {
  /** service external id → services.id */
  services: Map<string, string>;
  /** incident external id → incidents.id (for classifications) */
  incidents: Map<string, string>;
}

export interface KindWriter<K extends Kind> {
  target: UpsertTarget;
  /** The natural key as upsertRows returns it, to keep a chunk free of duplicate keys. */
  key(record: RecordOfKind<K>): string;
  /** Service ids the record refers to (created as placeholders when unknown). */
  services(record: RecordOfKind<K>): string[];
  /** Returns the row, or a reason (naming the field) why it cannot be stored. */
  toRow(record: RecordOfKind<K>, refs: References): Row | { reject: string; field: string };
  /** Rewrites child rows for the records that were inserted or changed. */
  afterWrite?(db: Db, changed: UpsertedRow[], records: Map<string, RecordOfKind<K>>, refs: References): Promise<void>;
}

const json = (value: unknown) => JSON.stringify(value);

function ai(record: ChangeRecord | DeploymentRecord) {
  return {
    ai_assisted: record.ai.assisted,
    ai_tool: record.ai.tool,
    ai_mode: record.ai.mode,
    ai_evidence: record.ai.evidence,
  };
}

function serviceId(refs: References, externalId: string): string {
  const id = refs.services.get(externalId);
  if (id === undefined) throw new Error(`service ${externalId} was not resolved before writing`);
  return id;
}

const service: KindWriter<'service'> = {
  target: { table: 'services', key: ['external_id'] },
  key: (r) => r.id,
  services: () => [],
  toRow: (r: ServiceRecord) => ({
    external_id: r.id,
    source: r.source,
    name: r.name,
    team: r.team,
    tier: r.tier,
    domain: r.domain,
    high_risk: r.high_risk,
    attributes: json(r.attributes),
  }),
};

const person: KindWriter<'person'> = {
  target: { table: 'people', key: ['external_id'] },
  key: (r) => r.id,
  services: () => [],
  toRow: (r: PersonRecord) => ({
    external_id: r.id,
    source: r.source,
    name: r.name,
    team: r.team,
    seniority: r.seniority,
    attributes: json(r.attributes),
  }),
};

const change: KindWriter<'change'> = {
  target: { table: 'changes', key: ['source', 'external_id'] },
  key: (r) => `${r.source}${KEY_SEPARATOR}${r.id}`,
  services: (r) => [r.service],
  toRow: (r: ChangeRecord, refs) => ({
    source: r.source,
    external_id: r.id,
    service_id: serviceId(refs, r.service),
    author: r.author,
    authored_at: r.authored_at,
    repo: r.repo,
    title: r.title,
    merged_at: r.merged_at,
    approvers: r.approvers,
    change_ticket: r.change_ticket,
    checks_passed: r.checks_passed,
    change_type: r.change_type,
    lines_added: r.lines_added,
    lines_deleted: r.lines_deleted,
    reverts: r.reverts,
    ...ai(r),
    attributes: json(r.attributes),
  }),
};

const deployment: KindWriter<'deployment'> = {
  target: { table: 'deployments', key: ['source', 'external_id'] },
  key: (r) => `${r.source}${KEY_SEPARATOR}${r.id}`,
  services: (r) => [r.service],
  toRow: (r: DeploymentRecord, refs) => ({
    source: r.source,
    external_id: r.id,
    service_id: serviceId(refs, r.service),
    environment: r.environment,
    started_at: r.started_at,
    finished_at: r.finished_at,
    status: r.status,
    version: r.version,
    change_ids: r.changes,
    actor: r.actor,
    actor_type: r.actor_type,
    rollback_of: r.rollback_of,
    remediates: r.remediates,
    regions: r.regions,
    change_type: r.change_type,
    ...ai(r),
    attributes: json(r.attributes),
  }),
  async afterWrite(db, changed, records) {
    const ids = changed.map((row) => row.id);
    const pairs = changed.flatMap((row) =>
      (records.get(row.key)?.changes ?? []).map((changeId) => [row.id, changeId] as const),
    );
    await db.deleteFrom('deployment_changes').where('deployment_id', 'in', ids).execute();
    await insertPairs(db, 'deployment_changes', 'deployment_id', 'change_external_id', pairs);
  },
};

const incident: KindWriter<'incident'> = {
  target: { table: 'incidents', key: ['source', 'external_id'] },
  key: (r) => `${r.source}${KEY_SEPARATOR}${r.id}`,
  services: (r) => r.services,
  toRow: (r: IncidentRecord) => ({
    source: r.source,
    external_id: r.id,
    title: r.title,
    severity: r.severity,
    status: r.status,
    impact_started_at: r.impact_started_at,
    detected_at: r.detected_at,
    acknowledged_at: r.acknowledged_at,
    mitigated_at: r.mitigated_at,
    resolved_at: r.resolved_at,
    detection: r.detection,
    services: r.services,
    caused_by: r.caused_by,
    regions: r.regions,
    orders_lost: r.impact.orders_lost,
    errors: r.impact.errors,
    users_affected: r.impact.users_affected,
    traffic_share: r.impact.traffic_share,
    postmortem_url: r.postmortem_url,
    attributes: json(r.attributes),
  }),
  async afterWrite(db, changed, records, refs) {
    const pairs = changed.flatMap((row) =>
      [...new Set(records.get(row.key)?.services ?? [])].map((s) => [row.id, serviceId(refs, s)] as const),
    );
    await db.deleteFrom('incident_services').where('incident_id', 'in', changed.map((row) => row.id)).execute();
    await insertPairs(db, 'incident_services', 'incident_id', 'service_id', pairs);
  },
};

const classification: KindWriter<'classification'> = {
  target: { table: 'classifications', key: ['source', 'external_id'], appendOnly: true },
  key: (r) => `${r.source}${KEY_SEPARATOR}${r.id}`,
  services: () => [],
  toRow: (r: ClassificationRecord, refs) => {
    const incidentId = refs.incidents.get(r.incident);
    if (incidentId === undefined) {
      return { field: 'classification.incident', reject: `classification.incident: no incident "${r.incident}" is stored` };
    }
    return {
      source: r.source,
      external_id: r.id,
      incident_id: incidentId,
      ai_role: r.ai_role,
      factors: json(r.factors),
      notes: r.notes,
      classified_by: r.classified_by,
      classified_at: r.classified_at,
      attributes: json(r.attributes),
    };
  },
};

const agentAction: KindWriter<'agent_action'> = {
  target: { table: 'agent_actions', key: ['source', 'external_id'] },
  key: (r) => `${r.source}${KEY_SEPARATOR}${r.id}`,
  services: (r) => (r.service ? [r.service] : []),
  toRow: (r: AgentActionRecord, refs) => ({
    source: r.source,
    external_id: r.id,
    agent: r.agent,
    at: r.at,
    action: r.action,
    service_id: r.service ? serviceId(refs, r.service) : null,
    environment: r.environment,
    destructive: r.destructive,
    approved_by: r.approved_by,
    permission_scope: r.permission_scope,
    outcome: r.outcome,
    attributes: json(r.attributes),
  }),
};

/** In dependency order: what a later kind refers to is written first. */
export const WRITERS: { [K in Kind]: KindWriter<K> } = {
  service,
  person,
  change,
  deployment,
  incident,
  classification,
  agent_action: agentAction,
};
export const WRITE_ORDER: readonly Kind[] = ['service', 'person', 'change', 'deployment', 'incident', 'classification', 'agent_action'];

export function writerFor<K extends Kind>(kind: K): KindWriter<K> {
  return WRITERS[kind];
}

async function insertPairs(
  db: Db,
  table: 'deployment_changes' | 'incident_services',
  left: string,
  right: string,
  pairs: ReadonlyArray<readonly [string, string]>,
): Promise<void> {
  if (pairs.length === 0) return;
  await sql`
    INSERT INTO ${sql.table(table)} (${sql.ref(left)}, ${sql.ref(right)})
    SELECT * FROM unnest(${pairs.map((p) => p[0])}::bigint[], ${pairs.map((p) => p[1])}::${sql.raw(right === 'service_id' ? 'bigint' : 'text')}[])
    ON CONFLICT DO NOTHING
  `.execute(db);
}
