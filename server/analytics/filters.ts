// The common metric filters (docs/api.md "Common"), parsed once for the API and the CLI.
import { type RawBuilder, sql } from 'kysely';
import { DOMAINS, SEVERITIES, type Severity } from '../../ingest/model.ts';
import type { MetricSettings } from '../db/settings.repository.ts';

export interface MetricFilters {
  from: Date;
  /** Exclusive. */
  to: Date;
  service: string | null;
  team: string | null;
  domain: string | null;
  tier: number | null;
  environment: string | null;
  /** Incident severities the incident figures count (docs/metrics.md: Sev1 and Sev2 unless told). */
  severities: Severity[];
  minConfidence: number;
  /** The organisation's settings, read once per request (requestFilters) and handed to every metric. */
  settings: MetricSettings;
}

export type RawFilters = Partial<Record<'from' | 'to' | 'service' | 'team' | 'domain' | 'tier' | 'environment' | 'severity' | 'min_confidence', string>>;

export class InvalidFilterError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(`${parameter}: ${message}`);
  }
}

export const DEFAULT_MIN_CONFIDENCE = 0.5;
export const DEFAULT_SEVERITIES: Severity[] = ['sev1', 'sev2'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An RFC 3339 date (midnight UTC) or date-time with offset. */
export function parseInstant(parameter: string, value: string): Date {
  const time = DATE.test(value) ? Date.parse(`${value}T00:00:00Z`) : DATE_TIME.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) throw new InvalidFilterError(parameter, `expected a date (2026-03-01) or RFC 3339 time, got ${JSON.stringify(value)}`);
  return new Date(time);
}

export const DAY_MS = 86_400_000;

/** The period as metric responses echo it. */
export const periodOf = (filters: Pick<MetricFilters, 'from' | 'to'>) => ({ from: filters.from.toISOString(), to: filters.to.toISOString() });

/** Weeks in the period, for per-week rates (docs/metrics.md: days in the period / 7). */
export const weeksIn = (filters: Pick<MetricFilters, 'from' | 'to'>) => (filters.to.getTime() - filters.from.getTime()) / DAY_MS / 7;

/**
 * One query over a period whose rows are also kept per month or ISO week: `whole(from, to)`
 * reads the whole months (weeks) inside the period, `part(filters)` each partial one at its
 * edges, or the whole period when it holds none; their rows are joined by UNION ALL.
 */
export function periodUnion(
  filters: MetricFilters,
  grain: 'week' | 'month',
  whole: (from: Date, to: Date) => RawBuilder<unknown>,
  part: (filters: MetricFilters) => RawBuilder<unknown>,
): RawBuilder<unknown> {
  const range = wholePeriods(filters, grain);
  const parts = range === null
    ? [part(filters)]
    : [whole(range.from, range.to), ...[{ ...filters, to: range.from }, { ...filters, from: range.to }].filter((edge) => edge.from < edge.to).map(part)];
  return sql.join(parts, sql` UNION ALL `);
}

/** The whole UTC months (ISO weeks) inside the period, as [first start, end); null when none. */
function wholePeriods({ from, to }: MetricFilters, grain: 'week' | 'month'): { from: Date; to: Date } | null {
  const day = new Date(Math.ceil(from.getTime() / DAY_MS) * DAY_MS); // the first midnight in the period
  const first = grain === 'month'
    ? new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + (day.getUTCDate() === 1 ? 0 : 1), 1))
    : new Date(day.getTime() + ((8 - day.getUTCDay()) % 7) * DAY_MS);
  const last = grain === 'month'
    ? new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), 1))
    : new Date(Math.floor(to.getTime() / DAY_MS) * DAY_MS - ((to.getUTCDay() + 6) % 7) * DAY_MS);
  return first < last ? { from: first, to: last } : null;
}

/**
 * Metrics are kept per UTC day (analytics/derived/): their period is whole days, a time
 * widening to its day. Metric endpoints echo the widened period.
 */
export function wholeDays(filters: MetricFilters): MetricFilters {
  const from = new Date(Math.floor(filters.from.getTime() / DAY_MS) * DAY_MS);
  const to = new Date(Math.ceil(filters.to.getTime() / DAY_MS) * DAY_MS);
  return { ...filters, from, to };
}

/**
 * `defaultTo` is where the default period ends (the day after the latest data); the default
 * period is the twelve months before it.
 */
export function parseFilters(raw: RawFilters, defaultTo: Date, settings: MetricSettings): MetricFilters {
  const to = raw.to ? parseInstant('to', raw.to) : defaultTo;
  const from = raw.from ? parseInstant('from', raw.from) : new Date(Date.UTC(to.getUTCFullYear() - 1, to.getUTCMonth(), to.getUTCDate()));
  if (from >= to) throw new InvalidFilterError('from', `must be before to (${to.toISOString()})`);
  const tier = raw.tier ? Number(raw.tier) : null;
  if (tier !== null && ![1, 2, 3].includes(tier)) throw new InvalidFilterError('tier', `expected 1, 2 or 3, got ${JSON.stringify(raw.tier)}`);
  if (raw.domain && !(DOMAINS as readonly string[]).includes(raw.domain)) {
    throw new InvalidFilterError('domain', `expected one of ${DOMAINS.join(', ')}, got ${JSON.stringify(raw.domain)}`);
  }
  const minConfidence = raw.min_confidence ? Number(raw.min_confidence) : DEFAULT_MIN_CONFIDENCE;
  if (!(minConfidence > 0 && minConfidence <= 1)) {
    throw new InvalidFilterError('min_confidence', `expected a number in (0, 1], got ${JSON.stringify(raw.min_confidence)}`);
  }
  const severities = raw.severity ? raw.severity.split(',').map((value) => value.trim()) : DEFAULT_SEVERITIES;
  const unknown = severities.find((value) => !(SEVERITIES as readonly string[]).includes(value));
  if (unknown !== undefined) throw new InvalidFilterError('severity', `expected a comma-separated list of ${SEVERITIES.join(', ')}, got ${JSON.stringify(unknown)}`);
  return {
    from,
    to,
    service: raw.service || null,
    team: raw.team || null,
    domain: raw.domain || null,
    tier,
    environment: raw.environment || null,
    severities: [...new Set(severities)] as Severity[],
    minConfidence,
    settings,
  };
}

/** The service-attribute filters, for a query that joins services as `s`. */
export function serviceFilter(filters: MetricFilters): RawBuilder<unknown> {
  const conditions = [
    filters.service === null ? null : sql`s.external_id = ${filters.service}`,
    filters.team === null ? null : sql`s.team = ${filters.team}`,
    filters.domain === null ? null : sql`s.domain = ${filters.domain}`,
    filters.tier === null ? null : sql`s.tier = ${filters.tier}`,
  ].filter((condition) => condition !== null);
  return conditions.length === 0 ? sql`true` : sql.join(conditions, sql` AND `);
}
