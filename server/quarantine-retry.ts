// `sevscope quarantine retry`: re-validates quarantined records after a fix (a severity
// mapping, a missing incident now ingested) and stores those that now pass as a new batch.
// Those that still fail stay in quarantine with their current reason. The caller queues the
// refresh of derived data (server/jobs).
import type { BatchSummary, Validated } from '../ingest/model.ts';
import { validateRecord } from '../ingest/validate.ts';
import type { Db } from './db/connection.ts';
import { listQuarantine, markResolved, updateReason } from './db/quarantine.repository.ts';
import { readSeverityMap } from './db/settings.repository.ts';
import { storeRecords } from './load-records.ts';

export interface RetryResult {
  retried: number;
  stillInvalid: number;
  /** The new batch's counts; what the sink refuses again is quarantined under it. */
  batch: BatchSummary | null;
}

const PAGE = 5000;

/** `origin` names who asked, on the new batch (the CLI, or the API with the user's name). */
export async function retryQuarantine(db: Db, filter: { batchId?: string; ids?: string[] } = {}, origin = 'sevscope quarantine retry'): Promise<RetryResult> {
  const severityMap = await readSeverityMap(db);
  const passingIds: string[] = [];
  let retried = 0;
  let stillInvalid = 0;

  async function* revalidated(): AsyncGenerator<Validated[]> {
    let afterId: string | undefined;
    for (;;) {
      const { items } = await listQuarantine(db, { batchId: filter.batchId, afterId, limit: PAGE, offset: 0 });
      if (items.length === 0) return;
      afterId = items.at(-1)!.id;
      const passing: Validated[] = [];
      for (const item of items) {
        if (filter.ids && !filter.ids.includes(item.id)) continue;
        retried++;
        const raw = parseJson(item.raw);
        if (raw === NOT_JSON) {
          stillInvalid++; // a broken line stays broken; its reason already says why
          continue;
        }
        const result = validateRecord(raw, { origin: item.origin, line: item.line }, { severityMap });
        if (result.ok) {
          passing.push(result);
          passingIds.push(item.id);
        } else {
          stillInvalid++;
          await updateReason(db, item.id, result.rejection.field, result.rejection.reason);
        }
      }
      yield passing;
    }
  }

  const batch = await storeRecords(db, { source: 'quarantine-retry', origin }, revalidated());
  await markResolved(db, passingIds);
  return { retried, stillInvalid, batch: batch.total.received > 0 ? batch : null };
}

const NOT_JSON = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}
