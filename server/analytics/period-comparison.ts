// Before and after a date (docs/metrics.md "Before and after a date"): the period split at a
// day, the summary of each part, and whether each rate changed (two-proportion z-test).
import type { ControlRate, PeriodComparison } from '../api/metrics/schema.ts';
import type { Db } from '../db/connection.ts';
import { type MetricFilters, InvalidFilterError, parseInstant, periodOf } from './filters.ts';
import { DEPLOYMENT_CONTROLS, type GovernanceControl } from './governance-control-list.ts';
import { type MetricsSummary, metricsSummary } from './metrics-summary.ts';
import { twoProportionTest } from './two-proportion-test.ts';
import { wilsonInterval } from './wilson-interval.ts';

export type { PeriodComparison };

function controlRate(summary: MetricsSummary, control: GovernanceControl): ControlRate {
  const violations = summary.governance.violations[control];
  const { evaluated } = summary.governance;
  const interval = wilsonInterval(violations, evaluated);
  return { violations, evaluated, rate: evaluated > 0 ? violations / evaluated : null, ci_low: interval?.low ?? null, ci_high: interval?.high ?? null };
}

/** `split` as a UTC midnight strictly inside the (whole-day) period. */
export function parseSplit(raw: string | undefined, filters: MetricFilters): Date {
  if (raw === undefined || raw.trim() === '') throw new InvalidFilterError('split', 'required: the first day of the "after" period, e.g. 2026-06-01');
  const split = parseInstant('split', raw.trim());
  const day = new Date(Math.floor(split.getTime() / 86_400_000) * 86_400_000);
  if (!(day > filters.from && day < filters.to)) {
    throw new InvalidFilterError('split', `must be a day after from (${filters.from.toISOString()}) and before to (${filters.to.toISOString()}), got ${JSON.stringify(raw)}`);
  }
  return day;
}

export async function comparePeriods(db: Db, filters: MetricFilters, split: Date): Promise<PeriodComparison> {
  const [before, after] = await Promise.all([metricsSummary(db, { ...filters, to: split }), metricsSummary(db, { ...filters, from: split })]);
  const cfrChange = (cohort: 'ai' | 'human' | 'unknown') =>
    twoProportionTest(
      { successes: before.cfr[cohort].failed, trials: before.cfr[cohort].deployments },
      { successes: after.cfr[cohort].failed, trials: after.cfr[cohort].deployments },
    );
  const governance = Object.fromEntries(
    DEPLOYMENT_CONTROLS.map((control) => {
      const [b, a] = [controlRate(before, control), controlRate(after, control)];
      return [control, { before: b, after: a, change: twoProportionTest({ successes: b.violations, trials: b.evaluated }, { successes: a.violations, trials: a.evaluated }) }];
    }),
  );
  return {
    period: periodOf(filters),
    split: split.toISOString(),
    before,
    after,
    cfr: { ai: cfrChange('ai'), human: cfrChange('human'), unknown: cfrChange('unknown') },
    governance,
  };
}
