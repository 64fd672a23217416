// The jobs that keep derived data (docs/derived-data.md), declared once: the worker registers a
// queue per entry, the API and CLI list and queue them by these names.
import type { Queue } from 'pg-boss';
import { REBUILD_STEPS, REFRESH_STEPS, RELINK_STEPS, rebuildDerived, refreshDerived, relinkDerived } from '../analytics/refresh.ts';
import type { Db } from '../db/connection.ts';

export interface JobDefinition {
  description: string;
  /** pg-boss queue options: how many may wait and run, retries, expiry. */
  queue: Omit<Queue, 'name'>;
  /** The top-level steps it runs, in order: its progress is done/total of these. */
  steps: readonly string[];
  /** Seconds a queued job waits before it may start, so that it covers what arrives meanwhile. */
  gatherSeconds?: number;
  run: (db: Db) => Promise<void>;
}

// A killed worker stops its heartbeat: pg-boss fails the job ~10 s later and retries it. Each
// job is one or a few transactions, so a retry starts from the rows a clean run would read.
const RETRIES = { retryLimit: 5, retryDelay: 2, retryBackoff: true, retryDelayMax: 300, heartbeatSeconds: 10 } as const;

export const DERIVED_JOBS = {
  refresh: {
    description: 'refresh derived data for what changed since the last refresh',
    // Coalesced: while one refresh runs, at most one more waits; it covers every batch stored
    // meanwhile, so more requests add nothing.
    queue: { policy: 'stately', ...RETRIES, expireInSeconds: 3600, deleteAfterSeconds: 86_400 },
    // Back-to-back refreshes of a trickle (webhooks, 20 batches a second) would keep a core busy
    // with each refresh's fixed cost and slow the ingest answers 3× (58 → 191 ms a batch on a
    // 2-core machine); two seconds of gathering make each refresh cover the batches of those
    // two seconds at a cost far inside the minute the metrics may lag.
    gatherSeconds: 2,
    steps: REFRESH_STEPS,
    run: refreshDerived,
  },
  rebuild: {
    description: 'recompute all derived data from the raw tables',
    queue: { policy: 'exclusive', ...RETRIES, expireInSeconds: 4 * 3600 },
    steps: REBUILD_STEPS,
    run: rebuildDerived,
  },
  relink: {
    description: 'relink every incident under the current settings',
    queue: { policy: 'exclusive', ...RETRIES, expireInSeconds: 4 * 3600 },
    steps: RELINK_STEPS,
    run: relinkDerived,
  },
} as const satisfies Record<string, JobDefinition>;

export type JobName = keyof typeof DERIVED_JOBS;
export const JOB_NAMES = Object.keys(DERIVED_JOBS) as JobName[];
