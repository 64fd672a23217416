// Loads the deterministic demo dataset (ingest/demo) through validation and the same sink as
// any other source, so the demo exercises the real path.
import { generateDemo } from '../ingest/demo/index.ts';
import type { BatchSummary, Validated } from '../ingest/model.ts';
import { validateRecord } from '../ingest/validate.ts';
import type { Db } from './db/connection.ts';
import { readSetting, writeSetting } from './db/settings.repository.ts';
import { loadRecords } from './load-records.ts';

const LOADED_KEY = 'demo_loaded_at';

function* validatedDemo(seed: number | undefined): Generator<Validated> {
  let line = 0;
  for (const record of generateDemo(seed === undefined ? {} : { seed })) {
    yield validateRecord(record, { origin: 'demo', line: ++line });
  }
}

export async function loadDemo(db: Db, options: { seed?: number; onProgress?: (summary: BatchSummary) => void } = {}): Promise<BatchSummary> {
  const summary = await loadRecords(db, { source: 'demo', origin: 'sevscope seed-demo', onProgress: options.onProgress }, validatedDemo(options.seed));
  await writeSetting(db, LOADED_KEY, new Date().toISOString());
  return summary;
}

/**
 * Whether `start` loads the demo: on the embedded default's first run (an empty cluster of its
 * own), or when asked (`start --demo`). A database of one's own (DATABASE_URL) never gets
 * generated data unasked; and once loaded, a second start reuses the data as it is.
 */
export async function demoWanted(db: Db, options: { embedded: boolean; requested?: boolean | undefined }): Promise<boolean> {
  if ((await demoLoadedAt(db)) !== null) return false;
  if (options.requested) return true;
  return options.embedded && (await isEmpty(db));
}

/** When the demo was loaded into this database, or null if it never was. */
export async function demoLoadedAt(db: Db): Promise<string | null> {
  const value = await readSetting(db, LOADED_KEY);
  return typeof value === 'string' ? value : null;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const any = await db.selectFrom('deployments').select('id').limit(1).executeTakeFirst();
  return any === undefined;
}
