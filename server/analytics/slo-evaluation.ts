import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { type SloPolicy, listSloPolicies } from '../db/slo-policies.repository.ts';
import { type CohortCfr, cfrByCohort } from './change-failure-rate.ts';
import { DAY_MS, type MetricFilters } from './filters.ts';
import { storedIncidentFacts } from './incident-facts.ts';
import { type WindowCounts, eventCounts, isBad, policyColumns, windowCounts } from './slo-window-counts.ts';
import { wilsonInterval } from './wilson-interval.ts';

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
  /** The attainment's Wilson 95 % interval (incident SLOs with judged incidents), else null. */
  attainment_ci_low: number | null;
  attainment_ci_high: number | null;
  budget_remaining: number | null;
  burn_rate: number | null;
  /** cfr SLOs: the cohort's rate and its Wilson interval over the window (the upper bound is judged). */
  rate: number | null;
  ci_low: number | null;
  ci_high: number | null;
  status: SloStatus;
  /**
   * The incidents that burned the budget (value above threshold) from `burningFrom` (default: the
   * window's start), worst first, at most `burning` of them.
   */
  burning: SloBurner[];
  /** How many incidents burned the budget from `burningFrom`, all of them; null for cfr. */
  burned: number | null;
}

/**
 * docs/metrics.md "AI-safety SLOs", the given policies (default: the enabled ones), each over its
 * rolling window ending at the filters' `to`, with the filters' services. Incident metrics are event SLOs: good = linked
 * incidents of the cohort whose value ≤ threshold; attainment = good / total; error budget
 * remaining = 1 − bad / ((1 − objective) × total); burn rate = (bad / total) / (1 − objective);
 * no incidents = attainment 1, status no_data. `cfr` is met when the Wilson upper bound ≤
 * threshold. Status: breached when the budget is spent (below 0), at_risk when less than a
 * quarter is left (for cfr: the rate is within the threshold but its interval is not).
 */
export async function evaluateSlos(db: Db, filters: MetricFilters, options: { policies?: SloPolicy[]; burning?: number; burningFrom?: Date } = {}): Promise<SloEvaluation[]> {
  const policies = options.policies ?? (await listSloPolicies(db)).filter((p) => p.enabled);
  const counts = await incidentSloCounts(db, filters, policies.filter((p) => p.metric !== 'cfr'), options.burning ?? BURNING_LIMIT, options.burningFrom);
  return Promise.all(policies.map((policy) => evaluateSlo(db, filters, policy, counts.get(policy))));
}

/** Default of how many burning incidents are listed; `total − good` counts them all. */
export const BURNING_LIMIT = 100;

export interface EventCounts extends WindowCounts {
  /** The bad events from `burningFrom` (all of them when it is not given). */
  burned: number;
  burning: SloBurner[];
}

export const windowOf = (filters: MetricFilters, policy: SloPolicy) => ({ from: new Date(filters.to.getTime() - policy.window_days * DAY_MS), to: filters.to });

/**
 * The event counts of every incident policy over its window and its `burning` worst incidents
 * from `burningFrom` (worst first; the same value and start in ingest order). Without
 * `burningFrom`, one scan of the widest window's facts gives both. With it (the weekly review's
 * week), or with no burners asked (the summary), the window's counts come from windowCounts (a
 * scope's day rows where it has them) and only the facts from `burningFrom` are scanned.
 */
async function incidentSloCounts(db: Db, filters: MetricFilters, policies: SloPolicy[], burning: number, burningFrom?: Date): Promise<Map<SloPolicy, EventCounts>> {
  if (policies.length === 0) return new Map();
  if (burningFrom === undefined && burning > 0) return factCounts(db, filters, policies, burning);
  const [counts, burners] = await Promise.all([
    windowCounts(db, filters, policies, [filters.to]),
    burningFrom === undefined ? null : factCounts(db, filters, policies, burning, burningFrom),
  ]);
  return new Map(policies.map((policy) => {
    const [count] = counts.get(policy)!;
    const burnt = burners?.get(policy);
    return [policy, { ...count!, burned: burnt?.burned ?? count!.bad, burning: burnt?.burning ?? [] }];
  }));
}

/**
 * The counts and burners from one scan of the facts, from the widest window's start or from
 * `burningFrom` when later (then incidents, total and bad count only the incidents from there),
 * then the names of the incidents listed.
 */
async function factCounts(db: Db, filters: MetricFilters, policies: SloPolicy[], burning: number, burningFrom?: Date): Promise<Map<SloPolicy, EventCounts>> {
  const widest = Math.min(...policies.map((p) => windowOf(filters, p).from.getTime()));
  const from = new Date(Math.max(widest, burningFrom?.getTime() ?? widest));
  const severities = [...new Set(policies.flatMap((p) => p.severities))];
  const flags = policyColumns(policies, (policy) => windowOf(filters, policy).from);
  const counts = policies.map((policy, k) => {
    const value = sql.ref(`y.v${k}`);
    const [incidents, total, bad] = eventCounts(policy, k);
    return sql`json_build_object(
      'incidents', ${incidents}, 'total', ${total}, 'bad', ${bad}, 'burned', count(*) FILTER (WHERE ${isBad(policy, k)}),
      'worst', ${burning === 0 ? sql`NULL` : sql`(array_agg(json_build_object('id', y.id, 'value', ${value})
        ORDER BY ${value} DESC, y.impact_started_at, y.id) FILTER (WHERE ${isBad(policy, k)}))[1:${burning}]`})`;
  });
  const { rows } = await sql<{ counts: (Omit<EventCounts, 'burning'> & { worst: { id: string; value: number }[] | null })[] }>`
    SELECT json_build_array(${sql.join(counts)}) AS counts
    FROM (SELECT x.id, x.impact_started_at, ${flags} FROM (${storedIncidentFacts({ ...filters, from, severities })}) x OFFSET 0) y`.execute(db);
  const ids = [...new Set(rows[0]!.counts.flatMap((c) => (c.worst ?? []).map((w) => String(w.id))))];
  const { rows: named } = ids.length === 0 ? { rows: [] } : await sql<Omit<SloBurner, 'value'> & { internal_id: string }>`
    SELECT id::text AS internal_id, external_id AS id, title, severity, impact_started_at FROM incidents WHERE id = ANY(${ids}::bigint[])`.execute(db);
  const byId = new Map(named.map(({ internal_id, ...incident }) => [internal_id, incident]));
  return new Map(policies.map((policy, k) => {
    const { worst, ...count } = rows[0]!.counts[k]!;
    return [policy, { ...count, burning: (worst ?? []).map((w) => ({ ...byId.get(String(w.id))!, value: w.value })) }];
  }));
}

/** A verdict's figures, without the policy's own fields, its window and its burning incidents. */
export type SloVerdict = Omit<SloEvaluation, 'name' | 'metric' | 'cohort' | 'threshold' | 'objective' | 'window_days' | 'window' | 'burning' | 'burned'>;

/** A cfr policy's verdict from its cohort's rate over the window. */
export function cfrVerdict(policy: SloPolicy, cfr: CohortCfr): SloVerdict {
  const status: SloStatus =
    cfr.deployments === 0 ? 'no_data' : cfr.ci_high! <= policy.threshold ? 'met' : cfr.rate! <= policy.threshold ? 'at_risk' : 'breached';
  return { total: cfr.deployments, good: cfr.deployments - cfr.failed, missing: 0, attainment: null, attainment_ci_low: null, attainment_ci_high: null, budget_remaining: null, burn_rate: null, rate: cfr.rate, ci_low: cfr.ci_low, ci_high: cfr.ci_high, status };
}

/** An incident policy's verdict from its event counts over the window. */
export function incidentVerdict(policy: SloPolicy, { incidents, total, bad }: Pick<EventCounts, 'incidents' | 'total' | 'bad'>): SloVerdict {
  const none = { rate: null, ci_low: null, ci_high: null };
  if (total === 0) {
    return { total, good: 0, missing: incidents, attainment: 1, attainment_ci_low: null, attainment_ci_high: null, budget_remaining: 1, burn_rate: 0, ...none, status: 'no_data' };
  }
  const budgetRemaining = 1 - bad / ((1 - policy.objective) * total);
  const interval = wilsonInterval(total - bad, total)!;
  return {
    total,
    good: total - bad,
    missing: incidents - total,
    attainment: (total - bad) / total,
    attainment_ci_low: interval.low,
    attainment_ci_high: interval.high,
    budget_remaining: budgetRemaining,
    burn_rate: bad / total / (1 - policy.objective),
    ...none,
    status: budgetRemaining < 0 ? 'breached' : budgetRemaining < AT_RISK_BUDGET ? 'at_risk' : 'met',
  };
}

/** One policy's verdict; for an incident policy from its counts. */
async function evaluateSlo(db: Db, filters: MetricFilters, policy: SloPolicy, counts: EventCounts | undefined): Promise<SloEvaluation> {
  const { from, to } = windowOf(filters, policy);
  const base = {
    name: policy.name, metric: policy.metric, cohort: policy.cohort, threshold: policy.threshold,
    objective: policy.objective, window_days: policy.window_days, window: { from: from.toISOString(), to: to.toISOString() },
  };
  if (policy.metric === 'cfr') return { ...base, ...cfrVerdict(policy, (await cfrByCohort(db, { ...filters, from, to }))[policy.cohort]), burning: [], burned: null };
  return { ...base, ...incidentVerdict(policy, counts!), burning: counts!.burning, burned: counts!.burned };
}
