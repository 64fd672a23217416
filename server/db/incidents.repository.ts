import { sql } from 'kysely';
import type { AiRole, ClassificationFactors } from '../../ingest/model.ts';
import type { Principal } from './api-tokens.repository.ts';
import { audit } from './audit-log.repository.ts';
import type { Db } from './connection.ts';

export interface IncidentRef {
  id: string;
  external_id: string;
  source: string;
}

/**
 * An incident by its external id (the id people see), or `ambiguous` when two sources use the
 * same id and no source was given.
 */
export async function findIncident(db: Db, externalId: string, source?: string): Promise<IncidentRef | 'ambiguous' | undefined> {
  let query = db.selectFrom('incidents').select(['id', 'external_id', 'source']).where('external_id', '=', externalId);
  if (source) query = query.where('source', '=', source);
  const rows = await query.limit(2).execute();
  return rows.length > 1 ? 'ambiguous' : rows[0];
}

export interface IncidentLinkRow {
  deployment: string;
  service: string;
  rule: string;
  confidence: number;
  cohort: string;
  status: string;
  finished_at: Date | null;
  /** Minutes from the deployment's effective time to the impact start; negative when it came after. */
  minutes_before_impact: number;
  decision: 'confirmed' | 'rejected' | null;
  decided_by: string | null;
  decision_notes: string | null;
}

/** The incident's links, and deployments an SRE rejected (confidence 0), strongest first. */
export async function incidentLinks(db: Db, incidentId: string): Promise<IncidentLinkRow[]> {
  const { rows } = await sql<IncidentLinkRow>`
    SELECT d.external_id AS deployment, s.external_id AS service, coalesce(l.rule, 'manual') AS rule,
           coalesce(l.confidence, 0) AS confidence, d.cohort, d.status, d.finished_at,
           extract(epoch FROM i.impact_started_at - d.effective_at)::float8 / 60 AS minutes_before_impact,
           m.decision, m.decided_by, m.notes AS decision_notes
    FROM (SELECT deployment_id FROM incident_links WHERE incident_id = ${incidentId}
          UNION SELECT deployment_id FROM link_decisions WHERE incident_id = ${incidentId}) ids
    JOIN deployments d ON d.id = ids.deployment_id
    JOIN services s ON s.id = d.service_id
    JOIN incidents i ON i.id = ${incidentId}
    LEFT JOIN incident_links l ON l.incident_id = ${incidentId} AND l.deployment_id = d.id
    LEFT JOIN link_decisions m ON m.incident_id = ${incidentId} AND m.deployment_id = d.id
    ORDER BY coalesce(l.confidence, 0) DESC, d.effective_at DESC
  `.execute(db);
  return rows;
}

/** An SRE's decision on a link (docs/metrics.md rule 1, "manual"); the caller relinks the incident. */
export async function decideLink(
  db: Db,
  principal: Principal,
  incident: IncidentRef,
  deploymentId: string,
  decision: 'confirmed' | 'rejected',
  notes: string | null,
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('link_decisions')
      .values({ incident_id: incident.id, deployment_id: deploymentId, decision, decided_by: principal.name, notes })
      .onConflict((oc) => oc.columns(['incident_id', 'deployment_id']).doUpdateSet({ decision, decided_by: principal.name, decided_at: new Date(), notes }))
      .execute();
    await audit(tx, principal, { action: `link_${decision}`, entity: 'incident', entityId: incident.external_id, details: { deployment_id: deploymentId, notes } });
  });
}

export interface ClassificationRow {
  ai_role: string;
  factors: ClassificationFactors;
  notes: string | null;
  classified_by: string;
  classified_at: Date;
  source: string;
}

/** Newest first, ties by natural key as currentRole breaks them: the first is the current classification. */
export async function classificationHistory(db: Db, incidentId: string): Promise<ClassificationRow[]> {
  return db
    .selectFrom('classifications')
    .select(['ai_role', 'factors', 'notes', 'classified_by', 'classified_at', 'source'])
    .where('incident_id', '=', incidentId)
    .orderBy('classified_at', 'desc')
    .orderBy('source', 'desc')
    .orderBy('external_id', 'desc')
    .execute();
}

/**
 * Appends a classification (the table refuses updates). Its natural key follows the ingest
 * convention: source `sevscope`, id `<incident>@<classified_at>`.
 */
export async function addClassification(
  db: Db,
  principal: Principal,
  incident: IncidentRef,
  input: { ai_role: AiRole; factors: ClassificationFactors; notes: string | null },
): Promise<void> {
  const classifiedAt = new Date();
  await db.transaction().execute(async (tx) => {
    await tx
      .insertInto('classifications')
      .values({
        source: 'sevscope',
        external_id: `${incident.external_id}@${classifiedAt.toISOString()}`,
        incident_id: incident.id,
        ai_role: input.ai_role,
        factors: JSON.stringify(input.factors),
        notes: input.notes,
        classified_by: principal.name,
        classified_at: classifiedAt,
      })
      .execute();
    await audit(tx, principal, { action: 'classify', entity: 'incident', entityId: incident.external_id, details: input });
  });
}
