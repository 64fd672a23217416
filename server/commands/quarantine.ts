import { listQuarantine } from '../db/quarantine.repository.ts';
import { retryQuarantine } from '../quarantine-retry.ts';
import { printSummary, refreshAfter, say, withDatabase } from './command-context.ts';

export interface QuarantineListOptions {
  batch?: string;
  kind?: string;
  limit: number;
  all?: boolean;
  json?: boolean;
}

/** `sevscope quarantine list`: what was rejected, and why. */
export async function quarantineList(options: QuarantineListOptions): Promise<void> {
  const { limit } = options;
  await withDatabase(async ({ db }) => {
    const page = await listQuarantine(db, { batchId: options.batch, kind: options.kind, includeResolved: options.all, limit, offset: 0 });
    if (options.json) return say(JSON.stringify(page, null, 2));
    say(`${page.total} quarantined record(s)${options.all ? '' : ' not yet resolved'}${page.total > limit ? `, first ${limit}` : ''}:`);
    for (const item of page.items) {
      const where = item.origin ? `${item.origin}${item.line ? `:${item.line}` : ''}` : item.source;
      say(`#${item.id} batch ${item.batch_id} ${item.kind ?? 'record'} ${item.record_id ?? '(no id)'} at ${where}: ${item.reason}`);
    }
  });
}

export interface QuarantineRetryOptions {
  batch?: string;
  id?: string[];
}

/** `sevscope quarantine retry`: re-validates quarantined records and stores those that now pass. */
export async function quarantineRetry(options: QuarantineRetryOptions): Promise<void> {
  await withDatabase(async ({ db }) => {
    const result = await retryQuarantine(db, { ...(options.batch ? { batchId: options.batch } : {}), ...(options.id ? { ids: options.id } : {}) });
    say(`retried ${result.retried}: ${result.retried - result.stillInvalid} now valid, ${result.stillInvalid} still invalid (reasons updated)`);
    if (result.batch) {
      printSummary(result.batch);
      await refreshAfter(db, `batch ${result.batch.batchId}`, true);
    }
  });
}
