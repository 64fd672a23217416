// What a metric request needs from the database before its queries: the end of the default
// period and the organisation's settings, read in one round trip and carried in the filters, so
// that no metric reads the settings table again (the weekly review read it six times).
import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { metricSettingsOf } from '../db/settings.repository.ts';
import { type MetricFilters, type RawFilters, parseFilters, wholeDays } from './filters.ts';

/**
 * The request's filters: the default period is the twelve months up to the day after the latest
 * deployment (or today, with none). `wholeDays`: widened to whole UTC days, as metrics are kept.
 */
export async function requestFilters(db: Db, raw: RawFilters, options: { wholeDays?: boolean; defaultTo?: Date } = {}): Promise<MetricFilters> {
  const { rows } = await sql<{ latest: Date | null; settings: { key: string; value: unknown }[] }>`
    SELECT (SELECT max(effective_at) FROM deployments) AS latest,
           (SELECT coalesce(json_agg(json_build_object('key', key, 'value', value)), '[]') FROM settings) AS settings`.execute(db);
  const { latest, settings } = rows[0]!;
  const filters = parseFilters(raw, options.defaultTo ?? dayAfter(latest ? new Date(latest) : new Date()), metricSettingsOf(settings));
  return options.wholeDays ? wholeDays(filters) : filters;
}

const dayAfter = (at: Date) => new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1));
