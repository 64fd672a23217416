// metrics.md "Governance controls": which production deployments to Tier-1 or high-risk services
// (and which destructive agent actions) broke a control, per week, and which Sev1/Sev2
// incidents followed from such a deployment.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { InvalidFilterError, type MetricFilters, serviceFilter } from './filters.ts';
import { environmentsInScope, productionDeployment } from './production-deployments.ts';

export const GOVERNANCE_CONTROLS = [
  'two_person_review',
  'change_documentation',
  'automated_checks',
  'senior_signoff',
  'single_operator_config',
  'agent_destructive_approval',
] as const;
export type GovernanceControl = (typeof GOVERNANCE_CONTROLS)[number];

/** The controls a deployment is evaluated against; the last one is evaluated on agent actions. */
const DEPLOYMENT_CONTROLS: GovernanceControl[] = GOVERNANCE_CONTROLS.filter((control) => control !== 'agent_destructive_approval');

/** One broken control: who and what it concerns (metrics.md: "the control, the deployment/change, the service and the people"). */
export interface GovernanceViolation {
  control: GovernanceControl;
  /** Deployment external id; null for an agent action. */
  deployment: string | null;
  /** Change external id for the change-level controls, else null. */
  change: string | null;
  /** Agent action external id for agent_destructive_approval, else null. */
  agent_action: string | null;
  /** Service external id; null for an agent action that names no service. */
  service: string | null;
  /** The change's author; for single_operator_config every author of the deployment's changes. */
  authors: string[];
  /** The approvers as recorded (empty for single_operator_config and agent_destructive_approval). */
  approvers: string[];
  /** The agent, for agent_destructive_approval. */
  agent: string | null;
  /** The deployment's effective time (finished, else started), or the agent action's time; RFC 3339. */
  at: string;
}

/** The `governance` object of GET /api/metrics/summary (api.md). */
export interface GovernanceSummary {
  /** Production deployments to Tier-1 or high-risk services in the period. */
  evaluated: number;
  /** Deployments (agent actions for agent_destructive_approval) with at least one finding, per control; every control is present. */
  violations: Record<GovernanceControl, number>;
}

export interface GovernanceWeek {
  /** ISO week's Monday, YYYY-MM-DD (UTC). */
  week: string;
  control: GovernanceControl;
  /** Evaluated deployments that week; for agent_destructive_approval, destructive agent actions in scope. */
  evaluated: number;
  /** Of those, the ones with at least one finding for the control. */
  violations: number;
  rate: number;
}

export interface IncidentWithViolation {
  incident: string;
  title: string;
  severity: string;
  impact_started_at: string;
  /** The linked deployment that violated a control, and its service. */
  deployment: string;
  service: string;
  controls: GovernanceControl[];
}

export function isGovernanceControl(value: string): value is GovernanceControl {
  return (GOVERNANCE_CONTROLS as readonly string[]).includes(value);
}

/** The `control` query parameter: absent means every control. */
export function parseControl(raw: string | undefined): GovernanceControl | null {
  if (raw === undefined || raw === '') return null;
  if (!isGovernanceControl(raw)) throw new InvalidFilterError('control', `expected one of ${GOVERNANCE_CONTROLS.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw;
}

interface Scope {
  environments: string[];
  filters: MetricFilters;
  /**
   * false: every evaluated deployment of all time and every service, for incident evidence
   * (metrics.md "Periods and filters": links and failures are decided on all data).
   */
  periodAndServices: boolean;
  /** Only these deployments (a query of ids): the ones the incidents in question link to. */
  deploymentIds?: RawBuilder<unknown>;
}

async function scopeOf(db: Db, filters: MetricFilters, periodAndServices = true, deploymentIds?: RawBuilder<unknown>): Promise<Scope> {
  const { productionEnvironments } = await readMetricSettings(db);
  const environments = environmentsInScope(filters, productionEnvironments);
  return { environments, filters, periodAndServices, deploymentIds };
}

/**
 * The CTEs every governance query starts from (metrics.md "Governance controls"):
 * - `evaluated`: production deployments to Tier-1 or high-risk services;
 * - `evaluated_action`: destructive agent actions in production on such a service (or none);
 * - `finding`: one row per broken control, per change for the change-level controls, per
 *   deployment for single_operator_config, per action for agent_destructive_approval.
 */
function governanceFindings({ environments, filters, periodAndServices, deploymentIds }: Scope): RawBuilder<unknown> {
  const inPeriod = (column: RawBuilder<unknown>) =>
    periodAndServices ? sql`${column} >= ${filters.from} AND ${column} < ${filters.to}` : sql`true`;
  const byService = periodAndServices ? serviceFilter(filters) : sql`true`;
  return sql`
    evaluated AS NOT MATERIALIZED (
      SELECT d.id, d.external_id, d.source, d.effective_at, d.change_type, s.external_id AS service
      FROM deployments d
      JOIN services s ON s.id = d.service_id
      WHERE ${productionDeployment(sql.ref('d'), environments)}
        AND (s.tier = 1 OR s.high_risk)
        AND ${inPeriod(sql.ref('d.effective_at'))}
        AND ${byService}
        AND ${deploymentIds ? sql`d.id IN (${deploymentIds})` : sql`true`}
    ),
    -- The changes of each evaluated deployment, with the deployment's columns and the author's
    -- seniority (unknown without a person record). A change id that two sources share is read
    -- once, the deployment's own source first. A listed change that was never ingested cannot
    -- be judged and is skipped.
    deployment_change AS (
      SELECT DISTINCT ON (e.id, c.external_id)
             e.id AS deployment_id, e.external_id AS deployment, e.service, e.effective_at,
             e.change_type AS deployment_change_type,
             c.external_id AS change, c.author, c.approvers, c.change_ticket, c.checks_passed,
             c.change_type, c.ai_assisted, coalesce(p.seniority, 'unknown') AS author_seniority
      FROM evaluated e
      JOIN deployment_changes dc ON dc.deployment_id = e.id
      JOIN changes c ON c.external_id = dc.change_external_id
      LEFT JOIN people p ON p.external_id = c.author
      ORDER BY e.id, c.external_id, c.source = e.source DESC, c.id
    ),
    change_finding AS (
      SELECT v.control, x.deployment_id, x.deployment, x.change, x.service, ARRAY[x.author] AS authors,
             x.approvers, x.effective_at
      FROM deployment_change x
      CROSS JOIN LATERAL (VALUES
        -- two_person_review: at least one approver who is not the author.
        ('two_person_review', NOT EXISTS (SELECT 1 FROM unnest(x.approvers) AS a (id) WHERE a.id <> x.author)),
        -- change_documentation: a change_ticket (a blank one is none).
        ('change_documentation', coalesce(btrim(x.change_ticket), '') = ''),
        -- automated_checks: checks_passed = true; missing counts as not passed.
        ('automated_checks', x.checks_passed IS NOT TRUE),
        -- senior_signoff: an AI-assisted change by a junior or mid author needs a senior or
        -- principal approver.
        ('senior_signoff', x.ai_assisted IS TRUE AND x.author_seniority IN ('junior', 'mid') AND NOT EXISTS (
          SELECT 1 FROM people ap WHERE ap.external_id = ANY(x.approvers) AND ap.seniority IN ('senior', 'principal')))
      ) AS v (control, violated)
      WHERE v.violated
    ),
    -- single_operator_config: a config or infra deployment (its declared change_type, else any
    -- of its changes') none of whose changes has an approver. Without known changes there is
    -- nothing to judge.
    config_finding AS (
      SELECT x.deployment_id, x.deployment, x.service, x.effective_at,
             array_agg(DISTINCT x.author ORDER BY x.author) AS authors
      FROM deployment_change x
      GROUP BY x.deployment_id, x.deployment, x.service, x.effective_at, x.deployment_change_type
      HAVING coalesce(x.deployment_change_type IN ('config', 'infra'), bool_or(x.change_type IN ('config', 'infra')), false)
         AND bool_and(cardinality(x.approvers) = 0)
    ),
    -- agent_destructive_approval is evaluated on destructive agent actions in production, on a
    -- Tier-1 or high-risk service or on none, in the period by the action's time.
    evaluated_action AS (
      SELECT a.id, a.external_id, a.agent, a.at, a.approved_by, s.external_id AS service
      FROM agent_actions a
      LEFT JOIN services s ON s.id = a.service_id
      WHERE a.destructive IS TRUE
        AND a.environment = ANY(${environments}::text[])
        AND (s.id IS NULL OR s.tier = 1 OR s.high_risk)
        AND ${inPeriod(sql.ref('a.at'))}
        AND ${byService}
        AND ${deploymentIds ? sql`false` : sql`true`}
    ),
    finding AS (
      SELECT f.control::text AS control, f.deployment_id, NULL::bigint AS action_id, f.deployment,
             f.change, NULL::text AS agent_action, f.service, f.authors, f.approvers, NULL::text AS agent,
             f.effective_at AS at
      FROM change_finding f
      UNION ALL
      SELECT 'single_operator_config', f.deployment_id, NULL, f.deployment, NULL, NULL, f.service,
             f.authors, '{}'::text[], NULL, f.effective_at
      FROM config_finding f
      UNION ALL
      SELECT 'agent_destructive_approval', NULL, a.id, NULL, NULL, a.external_id, a.service,
             '{}'::text[], a.approved_by, a.agent, a.at
      FROM evaluated_action a
      WHERE cardinality(a.approved_by) = 0
    )
  `;
}

/**
 * Every evaluated subject against every control it answers to: each evaluated deployment
 * against the five deployment controls, each destructive agent action against its own.
 */
const VERDICT = sql`
  verdict AS (
    SELECT c.control, e.effective_at AS at, f.deployment_id IS NOT NULL AS violated
    FROM evaluated e
    CROSS JOIN unnest(${DEPLOYMENT_CONTROLS}::text[]) AS c (control)
    LEFT JOIN (SELECT DISTINCT deployment_id, control FROM finding WHERE deployment_id IS NOT NULL) f
      ON f.deployment_id = e.id AND f.control = c.control
    UNION ALL
    SELECT 'agent_destructive_approval', a.at, f.action_id IS NOT NULL
    FROM evaluated_action a
    LEFT JOIN (SELECT DISTINCT action_id FROM finding WHERE action_id IS NOT NULL) f ON f.action_id = a.id
  )
`;

/** The findings in the period, latest first; `control` keeps one control, `limit` the first rows. */
export async function governanceViolations(
  db: Db,
  filters: MetricFilters,
  options: { control?: GovernanceControl | null; limit?: number | null } = {},
): Promise<GovernanceViolation[]> {
  const { rows } = await sql<Omit<GovernanceViolation, 'at'> & { at: Date }>`
    WITH ${governanceFindings(await scopeOf(db, filters))}
    SELECT control, deployment, change, agent_action, service, authors, approvers, agent, at
    FROM finding
    WHERE ${options.control ? sql`control = ${options.control}` : sql`true`}
    ORDER BY at DESC, deployment, change, agent_action, array_position(${GOVERNANCE_CONTROLS}::text[], control)
    LIMIT ${options.limit ?? null}::bigint
  `.execute(db);
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

/** The summary's `governance` object (api.md): evaluated deployments and violators per control. */
export async function governanceSummary(db: Db, filters: MetricFilters): Promise<GovernanceSummary> {
  const { rows } = await sql<GovernanceSummary>`
    WITH ${governanceFindings(await scopeOf(db, filters))}, ${VERDICT},
    violators AS (
      SELECT c.control, c.position, count(*) FILTER (WHERE v.violated)::int AS violations
      FROM unnest(${GOVERNANCE_CONTROLS}::text[]) WITH ORDINALITY AS c (control, position)
      LEFT JOIN verdict v ON v.control = c.control
      GROUP BY c.control, c.position
    )
    -- json, not jsonb, keeps the controls in their metrics.md order.
    SELECT (SELECT count(*)::int FROM evaluated) AS evaluated,
           (SELECT json_object_agg(control, violations ORDER BY position) FROM violators) AS violations
  `.execute(db);
  return rows[0]!;
}

/** Per ISO week and control: evaluated subjects, violators and their share. */
export async function governanceByWeek(db: Db, filters: MetricFilters): Promise<GovernanceWeek[]> {
  const { rows } = await sql<Omit<GovernanceWeek, 'rate'>>`
    WITH ${governanceFindings(await scopeOf(db, filters))}, ${VERDICT}
    SELECT to_char(date_trunc('week', v.at), 'YYYY-MM-DD') AS week, v.control,
           count(*)::int AS evaluated, count(*) FILTER (WHERE v.violated)::int AS violations
    FROM verdict v
    GROUP BY 1, 2
    ORDER BY 1, array_position(${GOVERNANCE_CONTROLS}::text[], v.control)
  `.execute(db);
  return rows.map((row) => ({ ...row, rate: row.violations / row.evaluated }));
}

/**
 * "Incidents whose linked deployment violated a control": incidents of the counted severities
 * that started in the period and affected a service that passes the filters, linked at ≥
 * min_confidence to an evaluated deployment with a finding — one row per incident and deployment.
 * The deployment may lie before the period.
 */
export async function incidentsWithViolations(
  db: Db,
  filters: MetricFilters,
  options: { control?: GovernanceControl | null } = {},
): Promise<IncidentWithViolation[]> {
  const affectsFilteredService =
    filters.service === null && filters.team === null && filters.domain === null && filters.tier === null
      ? sql`true`
      : sql`EXISTS (SELECT 1 FROM incident_services x JOIN services s ON s.id = x.service_id
                    WHERE x.incident_id = i.id AND ${serviceFilter(filters)})`;
  // Judge only the deployments these incidents link to, of any time (not every deployment).
  const linked = sql`
    SELECT l.deployment_id FROM incidents i
    JOIN incident_links l ON l.incident_id = i.id AND l.confidence >= ${filters.minConfidence}
    WHERE i.severity = ANY(${filters.severities}::text[])
      AND i.impact_started_at >= ${filters.from} AND i.impact_started_at < ${filters.to}`;
  const { rows } = await sql<Omit<IncidentWithViolation, 'impact_started_at'> & { impact_started_at: Date }>`
    WITH ${governanceFindings(await scopeOf(db, filters, false, linked))}
    SELECT i.external_id AS incident, i.title, i.severity, i.impact_started_at,
           f.deployment, f.service, array_agg(DISTINCT f.control ORDER BY f.control) AS controls
    FROM incidents i
    JOIN incident_links l ON l.incident_id = i.id AND l.confidence >= ${filters.minConfidence}
    JOIN finding f ON f.deployment_id = l.deployment_id
    WHERE i.severity = ANY(${filters.severities}::text[])
      AND i.impact_started_at >= ${filters.from} AND i.impact_started_at < ${filters.to}
      AND ${affectsFilteredService}
      AND ${options.control ? sql`f.control = ${options.control}` : sql`true`}
    GROUP BY i.id, f.deployment_id, f.deployment, f.service
    ORDER BY i.impact_started_at DESC, i.external_id, f.deployment
  `.execute(db);
  return rows.map((row) => ({ ...row, impact_started_at: row.impact_started_at.toISOString() }));
}
