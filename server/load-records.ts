// Runs validated records through the Postgres sink: the one path used by seed-demo, file ingest,
// quarantine retry and the HTTP ingest endpoint. Storing does not refresh derived data: the
// caller queues the refresh job (server/jobs), or runs the refresh itself (loadRecords).
import type { BatchSummary, Validated } from '../ingest/model.ts';
import { refreshDerived } from './analytics/refresh.ts';
import type { Db } from './db/connection.ts';
import { type PostgresSinkOptions, openPostgresSink } from './db/postgres-sink.ts';

export type LoadOptions = PostgresSinkOptions;

type Items = Iterable<Validated | Validated[]> | AsyncIterable<Validated | Validated[]>;

/** Items may arrive one by one or in slices; memory stays bounded by the sink's chunk size. */
export async function storeRecords(db: Db, options: LoadOptions, items: Items): Promise<BatchSummary> {
  const sink = await openPostgresSink(db, options);
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

/**
 * Stores the records and refreshes derived data in this process before returning: for tests and
 * benches that read the result at once. The server and the CLI queue the refresh instead.
 */
export async function loadRecords(db: Db, options: LoadOptions, items: Items): Promise<BatchSummary> {
  const summary = await storeRecords(db, options, items);
  await refreshDerived(db);
  return summary;
}
