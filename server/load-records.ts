// Runs validated records through the Postgres sink: the one path used by seed-demo, file ingest,
// quarantine retry and the HTTP ingest endpoint. Storing does not refresh derived data: the
// caller queues the refresh job (server/jobs), or runs the refresh itself (loadRecords).
import pLimit, { type LimitFunction } from 'p-limit';
import type { BatchSummary, Validated } from '../ingest/model.ts';
import { refreshDerived } from './analytics/refresh.ts';
import { type Db, poolOf } from './db/connection.ts';
import { type PostgresSinkOptions, openPostgresSink } from './db/postgres-sink.ts';

export type LoadOptions = PostgresSinkOptions;

type Items = Iterable<Validated | Validated[]> | AsyncIterable<Validated | Validated[]>;

/**
 * Batches stored at once per pool. Each holds two writer connections from open to finish; many
 * small batches at once (webhooks, scripts posting in parallel) would otherwise each take one
 * connection and wait for a second that never frees: a deadlock until the pool's timeout.
 * A third of the pool stays free for the dashboard's reads and the jobs.
 */
const batchSlots = new WeakMap<Db, LimitFunction>();

function slotsOf(db: Db): LimitFunction {
  let limit = batchSlots.get(db);
  if (!limit) {
    limit = pLimit(Math.max(1, Math.floor((poolOf(db).options.max ?? 10) / 3)));
    batchSlots.set(db, limit);
  }
  return limit;
}

/** Items may arrive one by one or in slices; memory stays bounded by the sink's chunk size. */
export function storeRecords(db: Db, options: LoadOptions, items: Items): Promise<BatchSummary> {
  return slotsOf(db)(() => store(db, options, items));
}

async function store(db: Db, options: LoadOptions, items: Items): Promise<BatchSummary> {
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
