// Which precomputed scope answers the service filters (migrations/202611231400_scoped_rollups.ts).
import { type RawBuilder, sql } from 'kysely';
import type { MetricFilters } from './filters.ts';

/**
 * The scope rows of deployment_scope_rollups and duration_histograms that hold exactly what
 * the service filters keep: 'fleet' without one, 'service:…', 'team:…', 'domain:…' or 'tier:…'
 * with one. Null when two or more combine: then per-service rows are filtered instead.
 */
export function rollupScope(filters: Pick<MetricFilters, 'service' | 'team' | 'domain' | 'tier'>): string | null {
  const named = [
    filters.service === null ? null : `${SERVICE_PREFIX}${filters.service}`,
    filters.team === null ? null : `team:${filters.team}`,
    filters.domain === null ? null : `domain:${filters.domain}`,
    filters.tier === null ? null : `tier:${filters.tier}`,
  ].filter((scope) => scope !== null);
  if (named.length === 0) return 'fleet';
  return named.length === 1 ? named[0]! : null;
}

const SERVICE_PREFIX = 'service:';

/** A service's own scope, in SQL over services `s` (the 'service:…' of rollupScope). */
export const SERVICE_SCOPE = sql<string>`${sql.lit(SERVICE_PREFIX)} || s.external_id`;

/** Whether a scope is one service's own: kept per service, not summed into scope rows. */
export const isServiceScope = (scope: string) => scope.startsWith(SERVICE_PREFIX);

/** isServiceScope in SQL, over a scope column. */
export const serviceScopeIn = (scope: RawBuilder<unknown>) => sql<boolean>`${scope} LIKE ${sql.lit(`${SERVICE_PREFIX}%`)}`;

/** The scopes a service's rows add to, in SQL over services `s` (fleet, its team, domain and tier). */
export const SERVICE_SCOPES = sql`(VALUES ('fleet'), ('team:' || s.team), ('domain:' || s.domain), ('tier:' || s.tier))`;

/** The scopes an incident on service `s` is kept by (incident_scopes): its own, team, domain and tier. */
export const INCIDENT_SCOPES = sql`(VALUES (${SERVICE_SCOPE}), ('team:' || s.team), ('domain:' || s.domain), ('tier:' || s.tier))`;
