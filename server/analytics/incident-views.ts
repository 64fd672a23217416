// What the Incidents page and API show: the list with each incident's facts and current
// classification, and one incident's detail (timeline, links, classification history).
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { type ClassificationRow, type IncidentLinkRow, type IncidentRef, classificationHistory, incidentLinks } from '../db/incidents.repository.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { suggestedRole, suggestionReason } from './classification.ts';
import { linkReason } from './link-reasons.ts';
import { type InvolvedPeople, type SkippedControl, involvedPeople, skippedControls } from './linked-deployment-controls.ts';
import { type NearbyDeployment, nearbyDeployments } from './nearby-deployments.ts';
import type { MetricFilters } from './filters.ts';
import { type IncidentCohort, type IncidentFactRow, incidentFacts, storedIncidentFacts } from './incident-facts.ts';

export interface IncidentListRow extends Omit<IncidentFactRow, 'id' | 'external_id'> {
  id: string;
  source: string;
  status: string | null;
  services: string[];
  ai_role: string | null;
  suggested_role: 'contributory' | 'none';
}

export interface IncidentListOptions {
  cohort: IncidentCohort | null;
  limit: number;
  offset: number;
}

/** Incidents of the period, newest first, with their facts and classification. */
export async function listIncidents(db: Db, filters: MetricFilters, options: IncidentListOptions): Promise<{ total: number; incidents: IncidentListRow[] }> {
  const { rows } = await sql<IncidentListRow & { total: number }>`
    WITH f AS (${storedIncidentFacts(filters)})
    SELECT f.external_id AS id, i.source, f.title, f.severity, i.status, f.impact_started_at, f.cohort,
           f.ttd, f.ttrb, f.restore, f.resolve, f.blast_services, f.regions, f.orders_lost, f.errors,
           f.users_affected, f.traffic_share, f.impact_minutes, i.services,
           f.ai_role,
           ${suggestedRole(sql.ref('f.id'))} AS suggested_role,
           count(*) OVER ()::int AS total
    FROM f JOIN incidents i ON i.id = f.id
    WHERE ${options.cohort === null ? sql`true` : sql`f.cohort = ${options.cohort}`}
    ORDER BY f.impact_started_at DESC, f.id DESC
    LIMIT ${options.limit} OFFSET ${options.offset}
  `.execute(db);
  return { total: rows[0]?.total ?? 0, incidents: rows.map(({ total: _total, ...row }) => row) };
}

export interface TimelineEvent {
  at: Date;
  event: string;
  detail: string | null;
}

/** A link with its reason in words (link-reasons.ts). */
export type ExplainedLink = IncidentLinkRow & { why: string };

export interface IncidentDetail {
  facts: IncidentFactRow & { source: string; status: string | null; services: string[]; regions_list: string[]; detection: string | null; postmortem_url: string | null };
  timeline: TimelineEvent[];
  links: ExplainedLink[];
  nearby_deployments: NearbyDeployment[];
  nearby_hours: number;
  skipped_controls: SkippedControl[];
  people: InvolvedPeople;
  classifications: ClassificationRow[];
  suggested_role: 'contributory' | 'none';
  suggestion_reason: string;
}

/** The incident's links, each with why it exists. */
export async function explainedLinks(db: Db, incidentId: string): Promise<ExplainedLink[]> {
  return (await incidentLinks(db, incidentId)).map((link) => ({ ...link, why: linkReason(link) }));
}

/** `nearbyHours`: how far before the impact start nearby deployments are listed; null = the link window. */
export async function incidentDetail(db: Db, incident: IncidentRef, filters: MetricFilters, nearbyHours: number | null = null): Promise<IncidentDetail> {
  const { rows } = await sql<IncidentDetail['facts'] & { acknowledged_at: Date | null; detected_at: Date | null; mitigated_at: Date | null; resolved_at: Date | null; rollback_finished_at: Date | null; suggested_role: 'contributory' | 'none' }>`
    WITH f AS (${incidentFacts({ from: filters.from, to: filters.to, filters, ids: [incident.id] })})
    SELECT f.*, i.source, i.status, i.services, i.regions AS regions_list, i.detection, i.postmortem_url, i.acknowledged_at,
           ${suggestedRole(sql.ref('f.id'))} AS suggested_role
    FROM f JOIN incidents i ON i.id = f.id
  `.execute(db);
  const row = rows[0]!;
  const settings = await readMetricSettings(db);
  const hours = nearbyHours ?? settings.linkWindowHours;
  const [links, classifications, nearby, controls, people] = await Promise.all([
    explainedLinks(db, incident.id),
    classificationHistory(db, incident.id),
    nearbyDeployments(db, incident.id, hours, settings.productionEnvironments),
    skippedControls(db, incident.id, filters.minConfidence),
    involvedPeople(db, incident.id, filters.minConfidence),
  ]);
  const timeline: TimelineEvent[] = [
    { at: row.impact_started_at, event: 'impact started', detail: null },
    row.detected_at && { at: row.detected_at, event: 'detected', detail: row.detection },
    row.acknowledged_at && { at: row.acknowledged_at, event: 'acknowledged', detail: null },
    row.rollback_finished_at && { at: row.rollback_finished_at, event: 'rollback finished', detail: null },
    row.mitigated_at && { at: row.mitigated_at, event: 'mitigated', detail: null },
    row.resolved_at && { at: row.resolved_at, event: 'resolved', detail: null },
    ...links
      .filter((link) => link.finished_at !== null && link.confidence > 0)
      .map((link) => ({ at: link.finished_at!, event: 'linked deployment finished', detail: `${link.deployment} (${link.service}, ${link.cohort}, ${link.rule} ${link.confidence})` })),
    ...classifications.map((c) => ({ at: c.classified_at, event: 'classified', detail: `${c.ai_role} by ${c.classified_by}` })),
  ]
    .filter((event): event is TimelineEvent => Boolean(event))
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const { acknowledged_at: _a, detected_at: _d, mitigated_at: _m, resolved_at: _r, rollback_finished_at: _rb, suggested_role, ...facts } = row;
  return {
    facts: { ...facts, id: row.external_id },
    timeline,
    links,
    nearby_deployments: nearby,
    nearby_hours: hours,
    skipped_controls: controls,
    people,
    classifications,
    suggested_role,
    suggestion_reason: suggestionReason(suggested_role, links),
  };
}
