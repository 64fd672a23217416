import type { Db } from '../db/connection.ts';
import { markRefreshed } from '../db/ingest-batches.repository.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { refreshDeploymentCohorts } from './deployment-cohorts.ts';
import { incidentsToRelink, linkIncidents } from './link-incidents.ts';
import { step } from './refresh-steps.ts';
import { refreshRollups, vacuumDerived } from './rollups.ts';

/**
 * After a batch: refresh derived data for what it touched, not everything (docs/architecture.md) —
 * and for what earlier batches that never got here (killed, failed) touched.
 */
export async function refreshAfterBatch(db: Db, batchId: string): Promise<void> {
  const settings = await readMetricSettings(db);
  await step('cohorts', () => refreshDeploymentCohorts(db, true));
  const incidentIds = await step('incidents to relink', () => incidentsToRelink(db, settings.linkWindowHours));
  if (incidentIds.length > 0) await step('links', () => linkIncidents(db, incidentIds, settings));
  await step('rollups', () => refreshRollups(db));
  // The refresh rewrote rows across the derived tables' pages: until VACUUM marks them
  // all-visible again, dashboard reads fetch from the heap instead of the index alone (a fleet
  // year of DORA 49 → 224 ms after a one-day batch at 10 M deployments). VACUUM skips the pages
  // the refresh did not touch.
  await step('vacuum', () => vacuumDerived(db));
  await markRefreshed(db, batchId);
}

/** Recomputes all derived data from the raw tables. */
export async function refreshAll(db: Db): Promise<void> {
  await step('cohorts', () => refreshDeploymentCohorts(db, false));
  await step('links', () => linkIncidents(db, null));
  await step('rollups', () => refreshRollups(db, { rebuild: true }));
  await step('vacuum', () => vacuumDerived(db));
}
