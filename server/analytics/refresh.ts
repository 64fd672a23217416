import type { Db } from '../db/connection.ts';
import type { TouchedRecords } from '../db/postgres-sink.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { refreshDeploymentCohorts } from './deployment-cohorts.ts';
import { incidentsToRelink, linkIncidents } from './link-incidents.ts';

/** After a batch: refresh derived data for what it touched, not everything (architecture.md). */
export async function refreshAfterBatch(db: Db, touched: TouchedRecords): Promise<void> {
  const settings = await readMetricSettings(db);
  await refreshDeploymentCohorts(db, touched);
  const incidentIds = await incidentsToRelink(db, touched, settings.linkWindowHours);
  if (incidentIds.length > 0) await linkIncidents(db, incidentIds, settings);
}

/** Recomputes all derived data from the raw tables. */
export async function refreshAll(db: Db): Promise<void> {
  await refreshDeploymentCohorts(db, null);
  await linkIncidents(db, null);
}
