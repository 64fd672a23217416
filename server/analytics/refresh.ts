import type { Db } from '../db/connection.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { refreshDeploymentCohorts } from './deployment-cohorts.ts';
import { incidentsToRelink, linkIncidents } from './link-incidents.ts';

/** After a batch: refresh derived data for what it touched, not everything (architecture.md). */
export async function refreshAfterBatch(db: Db, batchId: string): Promise<void> {
  const settings = await readMetricSettings(db);
  await refreshDeploymentCohorts(db, batchId);
  const incidentIds = await incidentsToRelink(db, batchId, settings.linkWindowHours);
  if (incidentIds.length > 0) await linkIncidents(db, incidentIds, settings);
}

/** Recomputes all derived data from the raw tables. */
export async function refreshAll(db: Db): Promise<void> {
  await refreshDeploymentCohorts(db, null);
  await linkIncidents(db, null);
}
