// docs/metrics.md "Governance controls", broken down for the Governance page: compliance per
// control with its Wilson interval, violations per service and per team, and the destructive
// agent actions with and without an approver.
import { sql } from 'kysely';
import type { AgentActionVerdict, ControlRate, GroupControlRate } from '../api/governance/schema.ts';
import type { Db } from '../db/connection.ts';
import type { MetricFilters } from './filters.ts';
import { DEPLOYMENT_CONTROLS, GOVERNANCE_CONTROLS, type GovernanceControl } from './governance-control-list.ts';
import {
  type GovernanceSummary,
  ROLLUP_VERDICTS,
  type Verdicts,
  evaluatedActions,
  scopeOf,
} from './governance-controls.ts';
import { productionRollupsInScope } from './production-deployments.ts';
import { wilsonInterval } from './wilson-interval.ts';

function rate(control: GovernanceControl, evaluated: number, violations: number): ControlRate {
  const interval = wilsonInterval(evaluated - violations, evaluated);
  return { control, evaluated, violations, compliance: evaluated === 0 ? null : (evaluated - violations) / evaluated, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null };
}

/** Per control: evaluated, violations and compliance, from the summary and the agent actions' count. */
export function controlCompliance(summary: GovernanceSummary, actionsEvaluated: number): ControlRate[] {
  return GOVERNANCE_CONTROLS.map((control) =>
    rate(control, control === 'agent_destructive_approval' ? actionsEvaluated : summary.evaluated, summary.violations[control]));
}

/**
 * Per service (and summed per team: a deployment or action belongs to one service, so the sums
 * are exact) and control, for services with something evaluated in the period.
 */
export async function complianceByGroup(db: Db, filters: MetricFilters): Promise<{ by_service: GroupControlRate[]; by_team: GroupControlRate[] }> {
  const { scope, productionEnvironments } = await scopeOf(db, filters);
  const [deployments, actions] = await Promise.all([
    sql<Verdicts & { service: string; team: string | null }>`
      SELECT s.external_id AS service, s.team, ${ROLLUP_VERDICTS}
      FROM ${productionRollupsInScope(filters, productionEnvironments, { perService: true })}
      GROUP BY s.external_id, s.team HAVING sum(r.gov_evaluated) > 0`.execute(db),
    sql<{ service: string | null; team: string | null; evaluated: number; violations: number }>`
      SELECT a.service, a.team, count(*)::int AS evaluated, count(*) FILTER (WHERE cardinality(a.approved_by) = 0)::int AS violations
      FROM (${evaluatedActions(scope)}) a GROUP BY a.service, a.team`.execute(db),
  ]);
  const counts = new Map<string, { group: string | null; team: string | null; control: GovernanceControl; evaluated: number; violations: number }>();
  const add = (group: string | null, team: string | null, control: GovernanceControl, evaluated: number, violations: number) => {
    const key = JSON.stringify([group, control]);
    const row = counts.get(key) ?? { group, team, control, evaluated: 0, violations: 0 };
    row.evaluated += evaluated;
    row.violations += violations;
    counts.set(key, row);
  };
  for (const { service, team, evaluated, ...violators } of deployments.rows) {
    for (const control of DEPLOYMENT_CONTROLS) add(service, team, control, evaluated, violators[control as keyof typeof violators]);
  }
  for (const row of actions.rows) add(row.service, row.team, 'agent_destructive_approval', row.evaluated, row.violations);
  const byService = [...counts.values()];
  const teams = new Map<string, { group: string | null; team: string | null; control: GovernanceControl; evaluated: number; violations: number }>();
  for (const row of byService) {
    const key = JSON.stringify([row.team, row.control]);
    const team = teams.get(key) ?? { group: row.team, team: row.team, control: row.control, evaluated: 0, violations: 0 };
    team.evaluated += row.evaluated;
    team.violations += row.violations;
    teams.set(key, team);
  }
  const rates = (rows: Iterable<{ group: string | null; team: string | null; control: GovernanceControl; evaluated: number; violations: number }>) =>
    [...rows]
      .map((row) => ({ group: row.group, team: row.team, ...rate(row.control, row.evaluated, row.violations) }))
      .sort((a, b) => b.violations - a.violations || String(a.group).localeCompare(String(b.group)) || GOVERNANCE_CONTROLS.indexOf(a.control) - GOVERNANCE_CONTROLS.indexOf(b.control));
  return { by_service: rates(byService), by_team: rates(teams.values()) };
}

/** The destructive agent actions the control evaluates, latest first: approved and not; `evaluated` counts them all. */
export async function destructiveAgentActions(db: Db, filters: MetricFilters, limit: number): Promise<{ evaluated: number; actions: AgentActionVerdict[] }> {
  const { scope } = await scopeOf(db, filters);
  const [count, listed] = await Promise.all([
    sql<{ evaluated: number }>`SELECT count(*)::int AS evaluated FROM (${evaluatedActions(scope)}) a`.execute(db),
    sql<Omit<AgentActionVerdict, 'at'> & { at: Date }>`
      SELECT a.external_id AS agent_action, a.agent, a.action, a.service, a.environment, a.approved_by AS approvers,
             cardinality(a.approved_by) > 0 AS approved, a.at
      FROM (${evaluatedActions(scope)}) a ORDER BY a.at DESC, a.external_id LIMIT ${limit}`.execute(db),
  ]);
  return { evaluated: count.rows[0]!.evaluated, actions: listed.rows.map((row) => ({ ...row, at: row.at.toISOString() })) };
}
