// Loads the deterministic demo dataset (ingest/demo) through validation and the same sink as
// any other source, so the demo exercises the real path.
import { generateDemo } from '../ingest/demo/index.ts';
import type { BatchSummary, Validated } from '../ingest/model.ts';
import { validateRecord } from '../ingest/validate.ts';
import type { Db } from './db/connection.ts';
import { readSetting, writeSetting } from './db/settings.repository.ts';
import { runJobAndWait } from './jobs/wait-for-job.ts';
import { storeRecords } from './load-records.ts';

const LOADED_KEY = 'demo_loaded_at';
/** Set before the load begins: a load that was cut short (Ctrl-C, a crash) is taken up again. */
const STARTED_KEY = 'demo_started_at';

function* validatedDemo(seed: number | undefined): Generator<Validated> {
  let line = 0;
  for (const record of generateDemo(seed === undefined ? {} : { seed })) {
    yield validateRecord(record, { origin: 'demo', line: ++line });
  }
}

export async function loadDemo(db: Db, options: { seed?: number; onProgress?: (summary: BatchSummary) => void } = {}): Promise<BatchSummary> {
  await writeSetting(db, STARTED_KEY, new Date().toISOString());
  const summary = await storeRecords(db, { source: 'demo', origin: 'sevscope seed-demo', onProgress: options.onProgress }, validatedDemo(options.seed));
  // Loaded means on the dashboard: its metrics too.
  await runJobAndWait(db, 'refresh', { requested_by: 'sevscope seed-demo', reason: `demo batch ${summary.batchId}` });
  await writeSetting(db, LOADED_KEY, new Date().toISOString());
  return summary;
}

/**
 * Whether `start` loads the demo: on the embedded default's first run (an empty cluster of its
 * own), when asked (`start --demo`), or to finish a demo load that was cut short (loading the
 * same records again completes it: ingest is idempotent). A database of one's own
 * (DATABASE_URL) never gets generated data unasked; and once loaded, a second start reuses the
 * data as it is.
 */
export async function demoWanted(db: Db, options: { embedded: boolean; requested?: boolean | undefined }): Promise<boolean> {
  const state = await demoState(db);
  if (state.loaded_at !== null) return false;
  if (options.requested || state.started_at !== null) return true;
  return options.embedded && (await isEmpty(db));
}

export interface DemoState {
  loaded_at: string | null;
  started_at: string | null;
  /** Records the running demo load has stored so far (its batch's count, updated per chunk). */
  records_loaded: number | null;
}

/** Whether the demo is in this database, or on its way: read from the database, so any process can tell. */
export async function demoState(db: Db): Promise<DemoState> {
  const [loaded, started] = await Promise.all([readSetting(db, LOADED_KEY), readSetting(db, STARTED_KEY)]);
  const loadedAt = typeof loaded === 'string' ? loaded : null;
  const startedAt = typeof started === 'string' ? started : null;
  if (loadedAt !== null || startedAt === null) return { loaded_at: loadedAt, started_at: startedAt, records_loaded: null };
  const running = await db
    .selectFrom('ingest_batches')
    .select('received')
    .where('source', '=', 'demo')
    .where('status', '=', 'running')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return { loaded_at: null, started_at: startedAt, records_loaded: running?.received ?? 0 };
}

/** When the demo was loaded into this database, or null if it never was. */
export async function demoLoadedAt(db: Db): Promise<string | null> {
  return (await demoState(db)).loaded_at;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const any = await db.selectFrom('deployments').select('id').limit(1).executeTakeFirst();
  return any === undefined;
}
