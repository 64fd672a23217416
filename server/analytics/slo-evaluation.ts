import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { type SloPolicy, listSloPolicies } from '../db/slo-policies.repository.ts';
import { cfrByCohort } from './change-failure-rate.ts';
import { DAY_MS, type MetricFilters } from './filters.ts';
import { storedIncidentFacts } from './incident-facts.ts';

export type SloStatus = 'met' | 'at_risk' | 'breached' | 'no_data';

/** The part of the error budget left under which an SLO is "at risk". */
export const AT_RISK_BUDGET = 0.25;

export interface SloBurner {
  id: string;
  title: string;
  severity: string;
  impact_started_at: Date;
  value: number;
}

export interface SloEvaluation {
  name: string;
  metric: SloPolicy['metric'];
  cohort: SloPolicy['cohort'];
  threshold: number;
  objective: number;
  window_days: number;
  window: { from: string; to: string };
  /** Incident SLOs: incidents judged, good ones, and those whose value is missing (not judged). */
  total: number;
  good: number;
  missing: number;
  attainment: number | null;
  budget_remaining: number | null;
  burn_rate: number | null;
  /** cfr SLOs: the cohort's rate and Wilson upper bound over the window. */
  rate: number | null;
  ci_high: number | null;
  status: SloStatus;
  /** The incidents that burned the budget (value above threshold), worst first, at most `burning` of them. */
  burning: SloBurner[];
}

/**
 * metrics.md "AI-safety SLOs", each enabled policy over its rolling window ending at the
 * filters' `to`, with the filters' services. Incident metrics are event SLOs: good = linked
 * incidents of the cohort whose value ≤ threshold; attainment = good / total; error budget
 * remaining = 1 − bad / ((1 − objective) × total); burn rate = (bad / total) / (1 − objective);
 * no incidents = attainment 1, status no_data. `cfr` is met when the Wilson upper bound ≤
 * threshold. Status: breached when the budget is spent (below 0), at_risk when less than a
 * quarter is left (for cfr: the rate is within the threshold but its interval is not).
 */
export async function evaluateSlos(db: Db, filters: MetricFilters, options: { policies?: SloPolicy[]; burning?: number } = {}): Promise<SloEvaluation[]> {
  const all = options.policies ?? (await listSloPolicies(db));
  return Promise.all(all.filter((p) => p.enabled).map((policy) => evaluateSlo(db, filters, policy, options)));
}

/** Default of how many burning incidents are listed; `total − good` counts them all. */
export const BURNING_LIMIT = 100;

/** `burning`: how many burning incidents to list, worst first (0: none, as the summary shows only the verdict). */
export async function evaluateSlo(db: Db, filters: MetricFilters, policy: SloPolicy, options: { burning?: number } = {}): Promise<SloEvaluation> {
  const to = filters.to;
  const from = new Date(to.getTime() - policy.window_days * DAY_MS);
  const base = {
    name: policy.name, metric: policy.metric, cohort: policy.cohort, threshold: policy.threshold,
    objective: policy.objective, window_days: policy.window_days, window: { from: from.toISOString(), to: to.toISOString() },
  };
  if (policy.metric === 'cfr') {
    const cfr = (await cfrByCohort(db, { ...filters, from, to }))[policy.cohort];
    const status: SloStatus =
      cfr.deployments === 0 ? 'no_data' : cfr.ci_high! <= policy.threshold ? 'met' : cfr.rate! <= policy.threshold ? 'at_risk' : 'breached';
    return { ...base, total: cfr.deployments, good: cfr.deployments - cfr.failed, missing: 0, attainment: null, budget_remaining: null, burn_rate: null, rate: cfr.rate, ci_high: cfr.ci_high, status, burning: [] };
  }

  const scope = { ...filters, from, to, severities: policy.severities };
  const cohort = policy.cohort === 'all' ? sql`x.cohort <> 'unattributed'` : sql`x.cohort = ${policy.cohort}`;
  const limit = options.burning ?? BURNING_LIMIT;
  const facts = sql`
    SELECT x.external_id, x.title, x.severity, x.impact_started_at, ${sql.ref(`x.${policy.metric}`)}::float8 AS value
    FROM (${storedIncidentFacts(scope)}) x WHERE ${cohort}`;
  // The counts read the facts alone; the worst burners, with their incidents' names, only when listed.
  const [{ rows }, listed] = await Promise.all([
    sql<{ incidents: number; total: number; bad: number }>`
      SELECT count(*)::int AS incidents, count(value)::int AS total, count(*) FILTER (WHERE value > ${policy.threshold})::int AS bad
      FROM (${facts}) f`.execute(db),
    limit === 0
      ? { rows: [] }
      : sql<SloBurner>`
          SELECT external_id AS id, title, severity, impact_started_at, value FROM (${facts}) f
          WHERE value > ${policy.threshold} ORDER BY value DESC, impact_started_at, external_id LIMIT ${limit}`.execute(db),
  ]);
  const burning = listed.rows;
  const { incidents, total, bad } = rows[0]!;
  if (total === 0) {
    return { ...base, total, good: 0, missing: incidents, attainment: 1, budget_remaining: 1, burn_rate: 0, rate: null, ci_high: null, status: 'no_data', burning };
  }
  const budgetRemaining = 1 - bad / ((1 - policy.objective) * total);
  const status: SloStatus = budgetRemaining < 0 ? 'breached' : budgetRemaining < AT_RISK_BUDGET ? 'at_risk' : 'met';
  return {
    ...base,
    total,
    good: total - bad,
    missing: incidents - total,
    attainment: (total - bad) / total,
    budget_remaining: budgetRemaining,
    burn_rate: bad / total / (1 - policy.objective),
    rate: null,
    ci_high: null,
    status,
    burning,
  };
}
