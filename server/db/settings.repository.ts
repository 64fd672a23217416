import type { Severity } from '../../ingest/model.ts';
import type { Db } from './connection.ts';

/** The organisation settings that docs/metrics.md calls configurable. */
export interface MetricSettings {
  productionEnvironments: string[];
  linkSeverities: Severity[];
  linkWindowHours: number;
}

/** The settings of an organisation that set none (docs/metrics.md). */
export const DEFAULT_METRIC_SETTINGS: Readonly<MetricSettings> = Object.freeze({ productionEnvironments: ['production', 'prod'], linkSeverities: ['sev1', 'sev2'] as Severity[], linkWindowHours: 24 });

export async function readMetricSettings(db: Db): Promise<MetricSettings> {
  return metricSettingsOf(await db.selectFrom('settings').select(['key', 'value']).execute());
}

/** The metric settings from the settings table's rows, defaults for those not set. */
export function metricSettingsOf(rows: { key: string; value: unknown }[]): MetricSettings {
  const value = new Map(rows.map((row) => [row.key, row.value]));
  return {
    productionEnvironments: (value.get('production_environments') as string[] | undefined) ?? DEFAULT_METRIC_SETTINGS.productionEnvironments,
    linkSeverities: (value.get('link_severities') as Severity[] | undefined) ?? DEFAULT_METRIC_SETTINGS.linkSeverities,
    linkWindowHours: Number(value.get('link_window_hours') ?? DEFAULT_METRIC_SETTINGS.linkWindowHours),
  };
}

export async function readSetting(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: new Date() }))
    .execute();
}

const SEVERITY_MAP = 'severity_map';

/** Extra severity names an organisation mapped (docs/ingest-format.md: "The mapping is configurable"). */
export async function readSeverityMap(db: Db): Promise<Record<string, Severity>> {
  return ((await readSetting(db, SEVERITY_MAP)) as Record<string, Severity> | undefined) ?? {};
}

export async function mapSeverity(db: Db, name: string, severity: Severity): Promise<void> {
  await writeSetting(db, SEVERITY_MAP, { ...(await readSeverityMap(db)), [name.trim().toLowerCase()]: severity });
}
