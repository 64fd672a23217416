// docs/metrics.md "Governance controls": which production deployments to Tier-1 or high-risk services
// (and which destructive agent actions) broke a control, per week, and which Sev1/Sev2
// incidents followed from such a deployment.
import { type RawBuilder, sql } from 'kysely';
import type { GovernanceSummary, GovernanceViolation, GovernanceWeek, IncidentWithViolation } from '../api/governance/schema.ts';
import type { Db } from '../db/connection.ts';
import { InvalidFilterError, type MetricFilters, serviceFilter } from './filters.ts';
import { incidentsInScope } from './incident-facts.ts';
import { rollupScope } from './rollup-scope.ts';
import { environmentsInScope, productionDeployment, productionRollupsInScope } from './production-deployments.ts';
import { DEPLOYMENT_CONTROLS, GOVERNANCE_CONTROLS, type GovernanceControl } from './governance-control-list.ts';

export type { GovernanceSummary, GovernanceViolation };

export function isGovernanceControl(value: string): value is GovernanceControl {
  return (GOVERNANCE_CONTROLS as readonly string[]).includes(value);
}

/** The `control` query parameter: absent means every control. */
export function parseControl(raw: string | undefined): GovernanceControl | null {
  if (raw === undefined || raw === '') return null;
  if (!isGovernanceControl(raw)) throw new InvalidFilterError('control', `expected one of ${GOVERNANCE_CONTROLS.join(', ')}, got ${JSON.stringify(raw)}`);
  return raw;
}

export interface Scope {
  /** Production environments to evaluate; null: every environment (the stored findings). */
  environments: string[] | null;
  filters: MetricFilters;
  /**
   * false: every evaluated deployment of all time and every service, for incident evidence
   * (docs/metrics.md "Periods and filters": links and failures are decided on all data).
   */
  periodAndServices: boolean;
  /** Only these deployments (a query of ids): the ones the incidents in question link to. */
  deploymentIds?: RawBuilder<unknown>;
}

/** The filters' period and services, and the configured production set the rollups narrow themselves. */
export async function scopeOf(db: Db, filters: MetricFilters): Promise<{ scope: Scope; productionEnvironments: string[] }> {
  const { productionEnvironments } = filters.settings;
  return { scope: { environments: environmentsInScope(filters, productionEnvironments), filters, periodAndServices: true }, productionEnvironments };
}

/**
 * agent_destructive_approval is evaluated on destructive agent actions in production, on a
 * Tier-1 or high-risk service or on none, in the period by the action's time. They are few
 * (one per agent operation), so they are read raw.
 */
export function evaluatedActions({ environments, filters, periodAndServices, deploymentIds }: Scope): RawBuilder<unknown> {
  return sql`
    SELECT a.id, a.external_id, a.agent, a.action, a.at, a.approved_by, a.environment, a.service_id, s.external_id AS service, s.team
    FROM agent_actions a
    LEFT JOIN services s ON s.id = a.service_id
    WHERE a.destructive IS TRUE
      AND a.environment = ANY(${environments}::text[])
      AND (s.id IS NULL OR s.tier = 1 OR s.high_risk)
      AND ${periodAndServices ? sql`a.at >= ${filters.from} AND a.at < ${filters.to} AND ${serviceFilter(filters)}` : sql`true`}
      AND ${deploymentIds ? sql`false` : sql`true`}`;
}

/**
 * The CTEs every governance query starts from (docs/metrics.md "Governance controls"):
 * - `evaluated`: production deployments to Tier-1 or high-risk services;
 * - `evaluated_action`: destructive agent actions in production on such a service (or none);
 * - `finding`: one row per broken control, per change for the change-level controls, per
 *   deployment for single_operator_config, per action for agent_destructive_approval.
 */
export function governanceFindings({ environments, filters, periodAndServices, deploymentIds }: Scope): RawBuilder<unknown> {
  const inPeriod = (column: RawBuilder<unknown>) =>
    periodAndServices ? sql`${column} >= ${filters.from} AND ${column} < ${filters.to}` : sql`true`;
  const byService = periodAndServices ? serviceFilter(filters) : sql`true`;
  return sql`
    evaluated AS NOT MATERIALIZED (
      SELECT d.id, d.external_id, d.source, d.effective_at, d.change_type, d.environment, d.service_id,
             s.external_id AS service
      FROM deployments d
      JOIN services s ON s.id = d.service_id
      WHERE ${environments ? productionDeployment(sql.ref('d'), environments) : sql`d.status IN ('succeeded', 'rolled_back')`}
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
             e.id AS deployment_id, e.external_id AS deployment, e.service, e.service_id, e.environment,
             e.effective_at, e.change_type AS deployment_change_type,
             c.external_id AS change, c.author, c.approvers, c.change_ticket, c.checks_passed,
             c.change_type, c.ai_assisted, coalesce(p.seniority, 'unknown') AS author_seniority
      FROM evaluated e
      JOIN deployment_changes dc ON dc.deployment_id = e.id
      JOIN changes c ON c.external_id = dc.change_external_id
      LEFT JOIN people p ON p.external_id = c.author
      ORDER BY e.id, c.external_id, c.source = e.source DESC, c.id
    ),
    change_finding AS (
      SELECT v.control, x.deployment_id, x.deployment, x.change, x.service, x.service_id, x.environment,
             ARRAY[x.author] AS authors, x.approvers, x.effective_at
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
      SELECT x.deployment_id, x.deployment, x.service, x.service_id, x.environment, x.effective_at,
             array_agg(DISTINCT x.author ORDER BY x.author) AS authors
      FROM deployment_change x
      GROUP BY x.deployment_id, x.deployment, x.service, x.service_id, x.environment, x.effective_at, x.deployment_change_type
      HAVING coalesce(x.deployment_change_type IN ('config', 'infra'), bool_or(x.change_type IN ('config', 'infra')), false)
         AND bool_and(cardinality(x.approvers) = 0)
    ),
    evaluated_action AS (${evaluatedActions({ environments, filters, periodAndServices, deploymentIds })}),
    finding AS (
      SELECT f.control::text AS control, f.deployment_id, NULL::bigint AS action_id, f.deployment,
             f.change, NULL::text AS agent_action, f.service, f.service_id, f.environment, f.authors,
             f.approvers, NULL::text AS agent, f.effective_at AS at
      FROM change_finding f
      UNION ALL
      SELECT 'single_operator_config', f.deployment_id, NULL, f.deployment, NULL, NULL, f.service,
             f.service_id, f.environment, f.authors, '{}'::text[], NULL, f.effective_at
      FROM config_finding f
      UNION ALL
      SELECT 'agent_destructive_approval', NULL, a.id, NULL, NULL, a.external_id, a.service,
             a.service_id, a.environment, '{}'::text[], a.approved_by, a.agent, a.at
      FROM evaluated_action a
      WHERE cardinality(a.approved_by) = 0
    )
  `;
}

/** The findings in the period, latest first; `control` keeps one control, `limit` the first rows. */
export async function governanceViolations(
  db: Db,
  filters: MetricFilters,
  options: { control?: GovernanceControl | null; limit?: number | null } = {},
): Promise<GovernanceViolation[]> {
  const { scope } = await scopeOf(db, filters);
  const order = sql`ORDER BY at DESC, deployment, change, agent_action, array_position(${GOVERNANCE_CONTROLS}::text[], control)`;
  const limit = sql`LIMIT ${options.limit ?? null}::bigint`;
  const ofControl = options.control ? sql`control = ${options.control}` : sql`true`;
  const findings = (where: RawBuilder<unknown>) => sql`
    SELECT g.control, g.deployment, g.change, NULL::text AS agent_action, g.service, g.authors, g.approvers, NULL::text AS agent, g.at
    FROM governance_findings g
    WHERE g.environment = ANY(${scope.environments}::text[]) AND g.at >= ${filters.from} AND g.at < ${filters.to} AND ${ofControl} AND ${where}
    ${order} ${limit}`;
  // Each branch takes its own first rows, then the two merge. Deployment findings walk the time
  // index for the fleet; with a service filter, each kept service's own (service, time) index,
  // so a service with few findings does not walk a year of everyone's (1.2 s → ms).
  // Agent actions alone skip the deployment findings, whose time index they walked for a control
  // never there (a week at 10 M deployments: 16 ms).
  const deploymentFindings = options.control === 'agent_destructive_approval'
    ? findings(sql`false`)
    : rollupScope(filters) === 'fleet'
      ? findings(sql`true`)
      : sql`SELECT f.* FROM services s CROSS JOIN LATERAL (${findings(sql`g.service_id = s.id`)}) f WHERE ${serviceFilter(filters)}`;
  const { rows } = await sql<Omit<GovernanceViolation, 'at'> & { at: Date }>`
    SELECT * FROM (
      (${deploymentFindings})
      UNION ALL
      (SELECT 'agent_destructive_approval' AS control, NULL::text AS deployment, NULL::text AS change, a.external_id AS agent_action,
              a.service, '{}'::text[] AS authors, a.approved_by AS approvers, a.agent, a.at
       FROM (${evaluatedActions(scope)}) a
       WHERE cardinality(a.approved_by) = 0 AND ${options.control && options.control !== 'agent_destructive_approval' ? sql`false` : sql`true`}
       ORDER BY a.at DESC, a.external_id ${limit})
    ) finding
    ${order} ${limit}
  `.execute(db);
  return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
}

/** Evaluated deployments and, per deployment control, those with a finding, from the rollups. */
export const ROLLUP_VERDICTS = sql`coalesce(sum(r.gov_evaluated), 0)::int AS evaluated,
  ${sql.join(DEPLOYMENT_CONTROLS.map((control) => sql`coalesce(sum(${sql.ref(`r.gov_${control}`)}), 0)::int AS ${sql.ref(control)}`))}`;

export type Verdicts = { evaluated: number } & Record<Exclude<GovernanceControl, 'agent_destructive_approval'>, number>;

/** The summary's `governance` object (docs/api.md): evaluated deployments and violators per control. */
export async function governanceSummary(db: Db, filters: MetricFilters): Promise<GovernanceSummary> {
  const { scope, productionEnvironments } = await scopeOf(db, filters);
  const [deployments, actions] = await Promise.all([
    sql<Verdicts>`SELECT ${ROLLUP_VERDICTS} FROM ${productionRollupsInScope(filters, productionEnvironments)}`.execute(db),
    sql<{ violations: number }>`SELECT count(*)::int AS violations FROM (${evaluatedActions(scope)}) a WHERE cardinality(a.approved_by) = 0`.execute(db),
  ]);
  const { evaluated, ...violations } = deployments.rows[0]!;
  return { evaluated, violations: { ...violations, agent_destructive_approval: actions.rows[0]!.violations } };
}

/**
 * governanceSummary for each team of the fleet at once (the service filters do not apply), from
 * the teams' scope rows: one query, not one per team. Teams with nothing evaluated and no
 * destructive agent action are left out.
 */
export async function governanceSummaryByTeam(db: Db, period: MetricFilters): Promise<(GovernanceSummary & { team: string })[]> {
  const filters = { ...period, service: null, team: null, domain: null, tier: null };
  const { scope, productionEnvironments } = await scopeOf(db, filters);
  const environments = environmentsInScope(filters, productionEnvironments);
  const [deployments, actions] = await Promise.all([
    sql<Verdicts & { team: string }>`
      SELECT substr(r.scope, length('team:') + 1) AS team, ${ROLLUP_VERDICTS}
      FROM deployment_scope_rollups r
      WHERE r.scope LIKE 'team:%' AND r.environment = ANY(${environments}::text[]) AND r.day >= ${filters.from}::date AND r.day < ${filters.to}::date
      GROUP BY r.scope HAVING sum(r.gov_evaluated) > 0`.execute(db),
    sql<{ team: string; violations: number }>`
      SELECT a.team, count(*) FILTER (WHERE cardinality(a.approved_by) = 0)::int AS violations
      FROM (${evaluatedActions(scope)}) a WHERE a.team IS NOT NULL GROUP BY a.team`.execute(db),
  ]);
  const teams = new Map<string, GovernanceSummary & { team: string }>();
  const none = Object.fromEntries(DEPLOYMENT_CONTROLS.map((control) => [control, 0])) as Omit<Verdicts, 'evaluated'>;
  for (const { team, evaluated, ...violations } of deployments.rows) teams.set(team, { team, evaluated, violations: { ...violations, agent_destructive_approval: 0 } });
  for (const { team, violations } of actions.rows) {
    const row = teams.get(team) ?? { team, evaluated: 0, violations: { ...none, agent_destructive_approval: 0 } };
    row.violations.agent_destructive_approval = violations;
    teams.set(team, row);
  }
  return [...teams.values()].filter((row) => row.evaluated > 0 || row.violations.agent_destructive_approval > 0);
}

/** Per ISO week and control: evaluated subjects, violators and their share. */
export async function governanceByWeek(db: Db, filters: MetricFilters): Promise<GovernanceWeek[]> {
  const { scope, productionEnvironments } = await scopeOf(db, filters);
  const [deployments, actions] = await Promise.all([
    sql<Verdicts & { week: string }>`
      SELECT to_char(date_trunc('week', r.day), 'YYYY-MM-DD') AS week, ${ROLLUP_VERDICTS}
      FROM ${productionRollupsInScope(filters, productionEnvironments)}
      GROUP BY 1 HAVING sum(r.gov_evaluated) > 0`.execute(db),
    sql<{ week: string; evaluated: number; violations: number }>`
      SELECT to_char(date_trunc('week', a.at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, count(*)::int AS evaluated,
             count(*) FILTER (WHERE cardinality(a.approved_by) = 0)::int AS violations
      FROM (${evaluatedActions(scope)}) a GROUP BY 1`.execute(db),
  ]);
  const weeks: GovernanceWeek[] = [
    ...deployments.rows.flatMap(({ week, evaluated, ...violators }) =>
      DEPLOYMENT_CONTROLS.map((control) => {
        const violations = violators[control as keyof typeof violators];
        return { week, control, evaluated, violations, rate: violations / evaluated };
      }),
    ),
    ...actions.rows.map((row) => ({ ...row, control: 'agent_destructive_approval' as const, rate: row.violations / row.evaluated })),
  ];
  return weeks.sort((a, b) => a.week.localeCompare(b.week) || GOVERNANCE_CONTROLS.indexOf(a.control) - GOVERNANCE_CONTROLS.indexOf(b.control));
}

/**
 * "Incidents whose linked deployment violated a control": incidents of the counted severities
 * that started in the period and affected a service that passes the filters, linked at ≥
 * min_confidence to a production deployment with a finding — one row per incident and
 * deployment. The deployment may lie before the period.
 */
export async function incidentsWithViolations(
  db: Db,
  filters: MetricFilters,
  options: { control?: GovernanceControl | null; limit?: number | null; incidents?: readonly string[] } = {},
): Promise<IncidentWithViolation[]> {
  const { environments } = (await scopeOf(db, filters)).scope;
  // Latest incidents first, each joined to its findings on its own: with a limit, PostgreSQL
  // walks the incidents' time index and stops, instead of grouping a year of links first.
  const incidents = incidentsInScope(filters, sql`incidents i`, 'i.id', 'i.impact_started_at');
  const { rows } = await sql<Omit<IncidentWithViolation, 'impact_started_at'> & { impact_started_at: Date }>`
    SELECT i.external_id AS incident, i.title, i.severity, i.impact_started_at, x.deployment, x.service, x.controls
    FROM ${incidents.from}
    CROSS JOIN LATERAL (
      SELECT f.deployment, f.service, array_agg(DISTINCT f.control ORDER BY f.control) AS controls
      FROM incident_links l
      JOIN governance_findings f ON f.deployment_id = l.deployment_id AND f.environment = ANY(${environments}::text[])
      WHERE l.incident_id = i.id AND l.confidence >= ${filters.minConfidence}
        AND ${options.control ? sql`f.control = ${options.control}` : sql`true`}
      GROUP BY f.deployment_id, f.deployment, f.service
    ) x
    WHERE i.severity = ANY(${filters.severities}::text[]) AND ${incidents.where}
      AND ${options.incidents ? sql`i.external_id = ANY(${options.incidents}::text[])` : sql`true`}
    ORDER BY ${incidents.at} DESC, i.external_id, x.deployment
    LIMIT ${options.limit ?? null}::bigint
  `.execute(db);
  return rows.map((row) => ({ ...row, impact_started_at: row.impact_started_at.toISOString() }));
}
