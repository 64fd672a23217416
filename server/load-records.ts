// Runs validated records through the Postgres sink and refreshes the derived data they touch:
// the one path used by seed-demo, file ingest and the HTTP ingest endpoint.
import type { BatchSummary, Validated } from '../ingest/model.ts';
import { refreshAfterBatch } from './analytics/refresh.ts';
import type { Db } from './db/connection.ts';
import { openPostgresSink } from './db/postgres-sink.ts';

export interface LoadOptions {
  source: string;
  origin?: string | null;
  /** Records per transaction (the sink's default unless set; tests make it small). */
  chunkSize?: number;
  onProgress?: (summary: BatchSummary) => void;
}

/** Items may arrive one by one or in slices; memory stays bounded by the sink's chunk size. */
export async function loadRecords(
  db: Db,
  options: LoadOptions,
  items: Iterable<Validated | Validated[]> | AsyncIterable<Validated | Validated[]>,
): Promise<BatchSummary> {
  const sink = await openPostgresSink(db, { ...options, afterWrite: (touched) => refreshAfterBatch(db, touched) });
  try {
    let slice: Validated[] = [];
    for await (const item of items) {
      if (Array.isArray(item)) await sink.write(item);
      else slice.push(item);
      if (slice.length >= 500) {
        await sink.write(slice);
        slice = [];
      }
    }
    await sink.write(slice);
    return await sink.finish();
  } catch (error) {
    await sink.fail(error);
    throw error;
  }
}
