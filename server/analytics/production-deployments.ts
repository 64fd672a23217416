import { type RawBuilder, sql } from 'kysely';
import { ROLLUP_COUNTS } from './derived/deployment-rollups.ts';
import { type MetricFilters, periodUnion, serviceFilter } from './filters.ts';
import { isServiceScope, rollupScope } from './rollup-scope.ts';

/**
 * docs/metrics.md "Cohorts": a production deployment is one whose environment is in the configured
 * production set and whose status is succeeded or rolled_back (failed never served traffic;
 * in_progress is not counted yet). `d` is the deployments alias.
 */
export function productionDeployment(d: RawBuilder<unknown>, productionEnvironments: string[]): RawBuilder<unknown> {
  return sql`(${d}.environment = ANY(${productionEnvironments}::text[]) AND ${d}.status IN ('succeeded', 'rolled_back'))`;
}

/** The production environments the filters keep: the environment filter narrows the configured set. */
export function environmentsInScope(filters: MetricFilters, productionEnvironments: string[]): string[] {
  return filters.environment ? productionEnvironments.filter((e) => e === filters.environment) : productionEnvironments;
}

/**
 * The production deployments the filters keep, as `d` joined to its service `s`: in the period
 * by effective_at (finished_at, else started_at; docs/metrics.md "Periods and filters"), of the
 * environment filter when set, of services the service filters keep.
 */
export function productionDeploymentsInScope(filters: MetricFilters, productionEnvironments: string[]): RawBuilder<unknown> {
  const environments = environmentsInScope(filters, productionEnvironments);
  return sql`
    deployments d JOIN services s ON s.id = d.service_id
    WHERE ${productionDeployment(sql.ref('d'), environments)}
      AND d.effective_at >= ${filters.from} AND d.effective_at < ${filters.to}
      AND ${serviceFilter(filters)}`;
}

/**
 * The same production deployments, read from their rollups (analytics/derived/) as `r`: the
 * period is whole UTC days (filters.ts aligns it). Without service filters, or with one team,
 * domain or tier, from that scope's day rows (a few per day); otherwise from the per-service
 * day rows joined to their service `s`. With `perService` (a query that groups by service or a
 * service attribute, never by day), always per service, and the whole months of the period from
 * deployment_month_rollups: `r` then has no day.
 */
export function productionRollupsInScope(filters: MetricFilters, productionEnvironments: string[], options: { perService?: boolean } = {}): RawBuilder<unknown> {
  const environments = environmentsInScope(filters, productionEnvironments);
  const inEnvironments = sql`environment = ANY(${environments}::text[])`;
  if (options.perService) {
    const columns = sql.join(['service_id', 'environment', 'cohort', ...ROLLUP_COUNTS].map((column) => sql.ref(column)));
    const rows = periodUnion(
      filters, 'month',
      (from, to) => sql`SELECT ${columns} FROM deployment_month_rollups WHERE ${inEnvironments} AND month >= ${from}::date AND month < ${to}::date`,
      (part) => sql`SELECT ${columns} FROM deployment_rollups WHERE ${inEnvironments} AND day >= ${part.from}::date AND day < ${part.to}::date`,
    );
    return sql`(${rows}) r JOIN services s ON s.id = r.service_id WHERE ${serviceFilter(filters)}`;
  }
  const scope = rollupScope(filters);
  const inPeriod = sql`r.environment = ANY(${environments}::text[]) AND r.day >= ${filters.from}::date AND r.day < ${filters.to}::date`;
  if (scope !== null && !isServiceScope(scope)) return sql`deployment_scope_rollups r WHERE r.scope = ${scope} AND ${inPeriod}`;
  return sql`deployment_rollups r JOIN services s ON s.id = r.service_id WHERE ${inPeriod} AND ${serviceFilter(filters)}`;
}
