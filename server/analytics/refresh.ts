import { type Db, poolOf } from '../db/connection.ts';
import { markRefreshed, settledUnrefreshedBatches } from '../db/ingest-batches.repository.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { refreshDeploymentCohorts } from './deployment-cohorts.ts';
import { incidentsToRelink, linkIncidents } from './link-incidents.ts';
import { step } from './refresh-steps.ts';
import { refreshRollups, vacuumDerived } from './rollups.ts';

/** The top-level steps of each refresh, in order: a job's progress counts them. */
export const REFRESH_STEPS = ['cohorts', 'incidents to relink', 'links', 'rollups', 'vacuum'] as const;
export const REBUILD_STEPS = ['cohorts', 'links', 'rollups', 'vacuum'] as const;
export const RELINK_STEPS = ['links', 'rollups', 'vacuum'] as const;

/**
 * Refreshes derived data for what changed since the last refresh, not everything
 * (docs/architecture.md): the rows of every batch not refreshed yet and the (day, service) pairs
 * and incidents the triggers marked dirty. The refresh job runs it; many batches stored while
 * one refresh runs are covered by the next one. Batches that finish during the refresh stay
 * unrefreshed: their last rows may have missed it.
 */
export function refreshDerived(db: Db): Promise<void> {
  return oneAtATime(db, async () => {
    const settled = await settledUnrefreshedBatches(db);
    const settings = await readMetricSettings(db);
    await step('cohorts', () => refreshDeploymentCohorts(db, true));
    const incidentIds = await step('incidents to relink', () => incidentsToRelink(db, settings.linkWindowHours));
    await step('links', async () => {
      if (incidentIds.length > 0) await linkIncidents(db, incidentIds, settings);
    });
    await step('rollups', () => refreshRollups(db));
    // The refresh rewrote rows across the derived tables' pages: until VACUUM marks them
    // all-visible again, dashboard reads fetch from the heap instead of the index alone (a fleet
    // year of DORA 49 → 224 ms after a one-day batch at 10 M deployments).
    await step('vacuum', () => vacuumDerived(db, 'changed'));
    await markRefreshed(db, settled);
  });
}

/** Recomputes all derived data from the raw tables: the rebuild job. */
export function rebuildDerived(db: Db): Promise<void> {
  return oneAtATime(db, async () => {
    const settled = await settledUnrefreshedBatches(db);
    await step('cohorts', () => refreshDeploymentCohorts(db, false));
    await step('links', () => linkIncidents(db, null));
    await step('rollups', () => refreshRollups(db, { rebuild: true }));
    await step('vacuum', () => vacuumDerived(db, 'all'));
    await markRefreshed(db, settled);
  });
}

/**
 * Relinks every incident under the current settings (after a change of the link window or
 * rules), then refreshes the rollups the changed links marked dirty: the relink job.
 */
export function relinkDerived(db: Db): Promise<void> {
  return oneAtATime(db, async () => {
    await step('links', () => linkIncidents(db, null));
    await step('rollups', () => refreshRollups(db));
    await step('vacuum', () => vacuumDerived(db, 'changed'));
  });
}

/**
 * One refresh, rebuild or relink at a time, across every process on the database: a session
 * lock held on a connection of its own, released by PostgreSQL if this process dies. (Their
 * steps are separate transactions; two interleaved could each miss the other's rows.)
 */
async function oneAtATime(db: Db, run: () => Promise<void>): Promise<void> {
  const client = await poolOf(db).connect();
  let broken: Error | undefined;
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('sevscope.derived'))`);
    await run();
    await client.query(`SELECT pg_advisory_unlock(hashtext('sevscope.derived'))`).catch((error: Error) => {
      broken = error;
    });
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection that failed is dropped, and its lock with it.
    client.release(broken);
  }
}
