// The weekly operations review (docs/api.md "GET /api/weekly-review"): one ISO week's agenda in
// one answer, each section built from the metric it reports (docs/metrics.md), so the meeting
// sees the numbers the other pages show for the same days.
import { sql } from 'kysely';
import type { HeadlineWeek, ReviewFollowUp, ReviewLink, TeamControls } from '../api/weekly-review/schema.ts';
import type { Db } from '../db/connection.ts';
import { listFollowUps } from '../db/follow-ups.repository.ts';
import { type BacklogItem, classificationBacklog } from './classification.ts';
import { DAY_MS, type MetricFilters, periodOf } from './filters.ts';
import type { GovernanceControl } from './governance-control-list.ts';
import {
  type GovernanceViolation,
  governanceByWeek,
  governanceSummaryByTeam,
  governanceViolations,
  incidentsWithViolations,
} from './governance-controls.ts';
import { storedIncidentFacts } from './incident-facts.ts';
import { type IncidentListRow, listIncidents } from './incident-views.ts';
import { weekName, weekStart } from './iso-week.ts';
import { requestFilters } from './request-filters.ts';
import { type SloBurner, type SloEvaluation, evaluateSlos } from './slo-evaluation.ts';
import { trends } from './trends.ts';
import { wilsonInterval } from './wilson-interval.ts';

/** Weeks the headline compares this week with. */
export const HEADLINE_WEEKS_BEFORE = 4;
/** Most follow-ups and agent actions listed: a week with more is not a meeting agenda. */
const LIST_LIMIT = 1000;
/**
 * Most incidents listed, and most of an SLO's burners of the week: the Sev1s first; the totals
 * count them all. (At 10 M deployments a week holds 3 000; listing 1 000 made a 940 kB answer.)
 */
const INCIDENTS_LISTED = 200;
/** The backlog's oldest incidents listed: on a projector ten rows are the most anyone reads; the Incidents page lists them all. */
const BACKLOG_LISTED = 10;

export interface ReviewIncident extends IncidentListRow {
  /** Links at or above min_confidence, strongest first. */
  links: ReviewLink[];
  /** Controls a linked deployment skipped (docs/metrics.md "Governance controls"). */
  controls_skipped: GovernanceControl[];
}

export interface ReviewSlo extends Omit<SloEvaluation, 'burning' | 'burned'> {
  /** Incidents of this week above the threshold (event SLOs); null for the ratio SLO cfr. */
  burned_this_week: number | null;
  burning_this_week: SloBurner[];
}

export interface WeeklyReview {
  week: string;
  period: { from: string; to: string };
  /** False while the week is still going on. */
  complete: boolean;
  previous_week: string;
  /** Null when the next week has not begun. */
  next_week: string | null;
  min_confidence: number;
  follow_ups: ReviewFollowUp[];
  /** At most INCIDENTS_LISTED, Sev1s first; incidents_total counts them all. */
  incidents: ReviewIncident[];
  incidents_total: number;
  slos: ReviewSlo[];
  controls_by_team: TeamControls[];
  /** The oldest of the backlog (BACKLOG_LISTED at most); backlog_total counts them all. */
  backlog: BacklogItem[];
  backlog_total: number;
  headline: HeadlineWeek[];
  agent_actions: { destructive: number; approved: number; unapproved: number; unapproved_actions: GovernanceViolation[] };
}

const day = (date: Date) => date.toISOString().slice(0, 10);

/** The review of the ISO week that starts at `start` (a Monday), as seen at `now`. */
export async function weeklyReview(db: Db, start: Date, now: Date): Promise<WeeklyReview> {
  const end = new Date(start.getTime() + 7 * DAY_MS);
  const filters = await requestFilters(db, { from: start.toISOString(), to: end.toISOString() });
  const [followUps, incidents, slos, controlsByTeam, backlog, headline, agentActions] = await Promise.all([
    dueFollowUps(db, start, end),
    weekIncidents(db, filters),
    sloBurn(db, filters),
    teamControls(db, filters),
    // Unclassified incidents of the twelve months up to the week's end, as on the Incidents page.
    classificationBacklog(db, { ...filters, from: new Date(Date.UTC(end.getUTCFullYear() - 1, end.getUTCMonth(), end.getUTCDate())) }, now, BACKLOG_LISTED),
    headlineWeeks(db, filters, now),
    agentActionsOf(db, filters),
  ]);
  return {
    week: weekName(start),
    period: periodOf(filters),
    complete: end <= now,
    previous_week: weekName(new Date(start.getTime() - 7 * DAY_MS)),
    next_week: end <= weekStart(now) ? weekName(end) : null,
    min_confidence: filters.minConfidence,
    follow_ups: followUps,
    incidents: incidents.incidents,
    incidents_total: incidents.total,
    slos,
    controls_by_team: controlsByTeam,
    backlog: backlog.items,
    backlog_total: backlog.total,
    headline,
    agent_actions: agentActions,
  };
}

/** Open follow-ups due on or before the week's Sunday (GET /api/follow-ups?status=open&due_before=…). */
async function dueFollowUps(db: Db, start: Date, end: Date): Promise<ReviewFollowUp[]> {
  const rows = await listFollowUps(db, { status: 'open', dueBefore: day(new Date(end.getTime() - DAY_MS)), limit: LIST_LIMIT });
  return rows.map((row) => ({ ...row, overdue: row.due_date !== null && row.due_date < day(start) }));
}

/**
 * The week's Sev1/Sev2 incidents, Sev1 first then by impact start (INCIDENTS_LISTED of them,
 * Sev1s first, and how many there were), with their links and skipped controls.
 */
async function weekIncidents(db: Db, filters: MetricFilters): Promise<{ total: number; incidents: ReviewIncident[] }> {
  const { total, incidents } = await listIncidents(db, filters, { cohort: null, limit: INCIDENTS_LISTED, offset: 0, sort: { key: 'severity', descending: false } });
  const ids = incidents.map((incident) => incident.id);
  const [links, violations] = await Promise.all([
    // Each incident's links by its key (LATERAL, OFFSET 0): planned as a join, PostgreSQL guessed
    // 4 incidents and hashed every link (10 M deployments: 51 ms, this 9).
    sql<ReviewLink & { source: string; incident: string }>`
      SELECT i.source, i.external_id AS incident, x.deployment, x.service, x.cohort, x.confidence, x.rule
      FROM incidents i
      CROSS JOIN LATERAL (
        SELECT d.external_id AS deployment, s.external_id AS service, d.cohort, l.confidence, l.rule, d.effective_at
        FROM incident_links l JOIN deployments d ON d.id = l.deployment_id JOIN services s ON s.id = d.service_id
        WHERE l.incident_id = i.id AND l.confidence >= ${filters.minConfidence} OFFSET 0) x
      WHERE i.external_id = ANY(${ids}::text[]) AND i.impact_started_at >= ${filters.from} AND i.impact_started_at < ${filters.to}
      ORDER BY x.confidence DESC, x.effective_at DESC, x.deployment`.execute(db),
    // The listed incidents' own: the week's newest LIST_LIMIT could miss a listed Sev1's.
    incidentsWithViolations(db, filters, { incidents: ids }),
  ]);
  // Grouped once by incident: filtering every list per incident was 1 000 × 4 000 comparisons.
  const linksOf = Map.groupBy(links.rows, (link) => JSON.stringify([link.source, link.incident]));
  const skippedOf = Map.groupBy(violations, (violation) => violation.incident);
  return {
    total,
    incidents: incidents
      .map((incident) => ({
        ...incident,
        links: (linksOf.get(JSON.stringify([incident.source, incident.id])) ?? []).map(({ source: _s, incident: _i, ...link }) => link),
        controls_skipped: [...new Set((skippedOf.get(incident.id) ?? []).flatMap((v) => v.controls))].sort(),
      }))
      .sort((a, b) => a.severity.localeCompare(b.severity) || a.impact_started_at.getTime() - b.impact_started_at.getTime() || a.id.localeCompare(b.id)),
  };
}

/**
 * Every enabled SLO over its window ending at the week's end, with the incidents of this week
 * that burned its budget; those that burned budget this week first.
 */
async function sloBurn(db: Db, filters: MetricFilters): Promise<ReviewSlo[]> {
  // The window ends at the week's end, so "from the week's start" is this week.
  const evaluations = await evaluateSlos(db, filters, { burning: INCIDENTS_LISTED, burningFrom: filters.from });
  return evaluations
    .map(({ burning, burned, ...evaluation }) => ({ ...evaluation, burned_this_week: burned, burning_this_week: burning }))
    .sort((a, b) => (b.burned_this_week ?? 0) - (a.burned_this_week ?? 0) || a.name.localeCompare(b.name));
}

/** The governance summary of each team's services this week; teams without evaluated work are left out. */
async function teamControls(db: Db, filters: MetricFilters): Promise<TeamControls[]> {
  const rows = await governanceSummaryByTeam(db, filters);
  const total = (row: TeamControls) => Object.values(row.violations).reduce((n, v) => n + v, 0);
  return rows.sort((a, b) => total(b) - total(a) || a.team.localeCompare(b.team));
}

/** This week and the four before it, oldest first: CFR per cohort, deployments, AI share, incidents, TTD and TTRb medians. */
async function headlineWeeks(db: Db, filters: MetricFilters, now: Date): Promise<HeadlineWeek[]> {
  const from = new Date(filters.from.getTime() - HEADLINE_WEEKS_BEFORE * 7 * DAY_MS);
  const span = { ...filters, from };
  const starts = Array.from({ length: HEADLINE_WEEKS_BEFORE + 1 }, (_, k) => new Date(from.getTime() + k * 7 * DAY_MS));
  const [points, incidentRows] = await Promise.all([
    trends(db, span, 'week'),
    // Grouped by the week's place among the weeks' starts (width_bucket), medians only: a week
    // label computed per incident and p90s nobody reads took 22 ms of a week at 10 M, this 16.
    sql<{ week: number; total: number; sev1: number; sev2: number; ttd: number | null; ttrb: number | null; ttd_n: number; ttrb_n: number }>`
      SELECT width_bucket(f.impact_started_at, ${starts.map((start) => start.toISOString())}::timestamptz[]) AS week,
             count(*)::int AS total, count(*) FILTER (WHERE f.severity = 'sev1')::int AS sev1, count(*) FILTER (WHERE f.severity = 'sev2')::int AS sev2,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY f.ttd) AS ttd, percentile_cont(0.5) WITHIN GROUP (ORDER BY f.ttrb) AS ttrb,
             count(f.ttd)::int AS ttd_n, count(f.ttrb)::int AS ttrb_n
      FROM (${storedIncidentFacts(span)}) f GROUP BY 1`.execute(db),
  ]);
  return points.map((point) => {
    const start = new Date(`${point.period}T00:00:00Z`);
    const row = incidentRows.rows.find((r) => starts[r.week - 1]!.getTime() === start.getTime());
    const tagged = point.cfr.ai.deployments + point.cfr.human.deployments;
    const share = wilsonInterval(point.cfr.ai.deployments, tagged);
    return {
      week: weekName(start),
      from: start.toISOString(),
      days: Math.max(0, Math.min(7, (now.getTime() - start.getTime()) / DAY_MS)),
      deployments: point.deployments,
      cfr: { ai: point.cfr.ai, human: point.cfr.human, unknown: point.cfr.unknown },
      ai_share: { rate: tagged > 0 ? point.cfr.ai.deployments / tagged : null, ci_low: share?.low ?? null, ci_high: share?.high ?? null, n: tagged },
      incidents: { total: row?.total ?? 0, sev1: row?.sev1 ?? 0, sev2: row?.sev2 ?? 0 },
      ttd: { median: row?.ttd ?? null, n: row?.ttd_n ?? 0 },
      ttrb: { median: row?.ttrb ?? null, n: row?.ttrb_n ?? 0 },
    };
  });
}

/** Destructive agent actions this week as the agent_destructive_approval control judges them, and those without approval. */
async function agentActionsOf(db: Db, filters: MetricFilters): Promise<WeeklyReview['agent_actions']> {
  const [weeks, unapproved] = await Promise.all([
    governanceByWeek(db, filters),
    governanceViolations(db, filters, { control: 'agent_destructive_approval', limit: LIST_LIMIT }),
  ]);
  const week = weeks.find((w) => w.control === 'agent_destructive_approval');
  const destructive = week?.evaluated ?? 0;
  const without = week?.violations ?? 0;
  return { destructive, approved: destructive - without, unapproved: without, unapproved_actions: unapproved };
}
