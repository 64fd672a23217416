// What the Incidents page and API show: the list with each incident's facts and current
// classification, and one incident's detail (timeline, links, classification history).
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { type ClassificationRow, type IncidentLinkRow, type IncidentRef, classificationHistory, incidentLinks } from '../db/incidents.repository.ts';
import { suggestedRole, suggestionReason } from './classification.ts';
import { linkReason } from './link-reasons.ts';
import { type InvolvedPeople, type SkippedControl, involvedPeople, skippedControls } from './linked-deployment-controls.ts';
import { type NearbyDeployment, nearbyDeployments } from './nearby-deployments.ts';
import { containsPattern } from './text-search.ts';
import type { MetricFilters } from './filters.ts';
import { type IncidentCohort, type IncidentFactRow, incidentFacts, storedIncidentFacts } from './incident-facts.ts';
import { rollupIncidentTotal } from './incident-rollups.ts';

export interface IncidentListRow extends Omit<IncidentFactRow, 'id' | 'external_id'> {
  id: string;
  source: string;
  status: string | null;
  services: string[];
  ai_role: string | null;
  suggested_role: 'contributory' | 'none';
}

/** Columns the list sorts by; each sorts with missing values last and ties newest first. */
export const INCIDENT_SORT_KEYS = ['impact_started_at', 'severity', 'title', 'services', 'ttd', 'ttrb', 'restore', 'blast_services', 'cohort', 'ai_role'] as const;
export type IncidentSortKey = (typeof INCIDENT_SORT_KEYS)[number];

export interface IncidentListOptions {
  cohort: IncidentCohort | null;
  /** An AI role, or 'unclassified' for incidents nobody has classified; default any. */
  aiRole?: string | null;
  /** Case-insensitive text the title contains; default any. */
  text?: string | null;
  /** Default: newest first. */
  sort?: { key: IncidentSortKey; descending: boolean };
  limit: number;
  offset: number;
}

// The SQL expression behind each sort key (over the matched rows `m`).
const SORT_EXPRESSIONS: Record<IncidentSortKey, string> = {
  impact_started_at: 'm.impact_started_at',
  severity: 'm.severity',
  title: 'lower(m.title)',
  services: "lower(array_to_string(m.services, ', '))",
  ttd: 'm.ttd',
  ttrb: 'm.ttrb',
  restore: 'm.restore',
  blast_services: 'm.blast_services',
  cohort: 'm.cohort',
  ai_role: "coalesce(m.ai_role, 'unclassified')",
};

/**
 * Incidents of the period matching the options, sorted (newest first unless asked otherwise),
 * one page of them, with the total of all matches: a page past the last still reports it.
 */
export async function listIncidents(db: Db, filters: MetricFilters, options: IncidentListOptions): Promise<{ total: number; incidents: IncidentListRow[] }> {
  const sort = options.sort ?? { key: 'impact_started_at', descending: true };
  // impact_started_at is never null: without NULLS LAST its order is the facts index's, read
  // backwards for the newest first, and the page stops after its rows instead of sorting a year.
  const nulls = sort.key === 'impact_started_at' ? '' : ' NULLS LAST';
  const order = sql.raw(`${SORT_EXPRESSIONS[sort.key]} ${sort.descending ? 'DESC' : 'ASC'}${nulls}, m.impact_started_at DESC, m.id DESC`);
  const role = options.aiRole ?? null;
  const text = options.text ?? null;
  // A subquery, not a WITH: PostgreSQL flattens it into the queries below, so a newest-first
  // page reads the facts' time index backwards and stops (a WITH kept it apart: a year sorted).
  const matched = sql`
    SELECT f.id, f.external_id, i.source, f.title, f.severity, i.status, f.impact_started_at, f.cohort,
           f.ttd, f.ttrb, f.restore, f.resolve, f.blast_services, f.regions, f.orders_lost, f.errors,
           f.users_affected, f.traffic_share, f.impact_minutes, i.services, f.ai_role
    -- LEFT: every fact has its incident, and the count, which reads none of i, skips the join.
    FROM (${storedIncidentFacts(filters)}) f LEFT JOIN incidents i ON i.id = f.id
    WHERE ${options.cohort === null ? sql`true` : sql`f.cohort = ${options.cohort}`}
      AND ${role === null ? sql`true` : role === 'unclassified' ? sql`f.ai_role IS NULL` : sql`f.ai_role = ${role}`}
      AND ${text === null ? sql`true` : sql`f.title ILIKE ${containsPattern(text)}`}`;
  // The total and the page as two queries: the page sorts with a top-N heap and works out the
  // suggested role for its own rows only (one query with a window over every match sorted and
  // suggested all of a year's 200 000 incidents: 3.4 s at 10 M deployments).
  const [total, page] = await Promise.all([
    matchCount(db, filters, options, matched),
    // The page's ids are sorted from what the sort needs alone (the facts, and the incident
    // row only for a title or services sort or a text search: PostgreSQL drops the join
    // otherwise), then only the page's rows are read whole: joining a year's incidents to sort
    // them by severity took 0.6 s at 10 M deployments.
    sql<IncidentListRow>`
      SELECT m.external_id AS id, m.source, m.title, m.severity, m.status, m.impact_started_at, m.cohort,
             m.ttd, m.ttrb, m.restore, m.resolve, m.blast_services, m.regions, m.orders_lost, m.errors,
             m.users_affected, m.traffic_share, m.impact_minutes, m.services, m.ai_role,
             ${suggestedRole(sql.ref('m.id'))} AS suggested_role
      FROM (SELECT m.id FROM (${matched}) m ORDER BY ${order} LIMIT ${options.limit} OFFSET ${options.offset}) page
      -- Each page row read by id, in a LATERAL that cannot become a hash join of the period.
      CROSS JOIN LATERAL (SELECT * FROM (${matched}) m WHERE m.id = page.id OFFSET 0) m
      ORDER BY ${order}`.execute(db),
  ]);
  return { total, incidents: page.rows };
}

/**
 * How many incidents match: from incident_rollups' counts per cohort (whole months, the edges
 * from the facts) when a kept scope, cohort and "unclassified" are all the options ask, so a
 * year is not counted row by row (200 000 facts at 10 M deployments); else by counting.
 */
async function matchCount(db: Db, filters: MetricFilters, options: IncidentListOptions, matched: RawBuilder<unknown>): Promise<number> {
  const role = options.aiRole ?? null;
  const fromRollups = (options.text ?? null) === null && (role === null || role === 'unclassified')
    ? await rollupIncidentTotal(db, filters, { cohort: options.cohort, unclassified: role === 'unclassified' })
    : null;
  if (fromRollups !== null) return fromRollups;
  const { rows } = await sql<{ total: number }>`SELECT count(*)::int AS total FROM (${matched}) m`.execute(db);
  return rows[0]!.total;
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
  const settings = filters.settings;
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
