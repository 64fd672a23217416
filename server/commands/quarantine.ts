import { parseArgs } from 'node:util';
import { listQuarantine } from '../db/quarantine.repository.ts';
import { retryQuarantine } from '../quarantine-retry.ts';
import { UsageError, printSummary, say, withDatabase } from './command-context.ts';

/** `sevscope quarantine list|retry`. */
export async function quarantine(args: string[]): Promise<void> {
  const [action, ...rest] = args;
  if (action === 'list') return list(rest);
  if (action === 'retry') return retry(rest);
  throw new UsageError('usage: sevscope quarantine list|retry [options]');
}

async function list(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { batch: { type: 'string' }, kind: { type: 'string' }, limit: { type: 'string', default: '50' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
  });
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit: expected a positive integer, got ${JSON.stringify(values.limit)}`);
  await withDatabase(async ({ db }) => {
    const page = await listQuarantine(db, { batchId: values.batch, kind: values.kind, includeResolved: values.all, limit, offset: 0 });
    if (values.json) return say(JSON.stringify(page, null, 2));
    say(`${page.total} quarantined record(s)${values.all ? '' : ' not yet resolved'}${page.total > limit ? `, first ${limit}` : ''}:`);
    for (const item of page.items) {
      const where = item.origin ? `${item.origin}${item.line ? `:${item.line}` : ''}` : item.source;
      say(`#${item.id} batch ${item.batch_id} ${item.kind ?? 'record'} ${item.record_id ?? '(no id)'} at ${where}: ${item.reason}`);
    }
  });
}

async function retry(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { batch: { type: 'string' }, id: { type: 'string', multiple: true } } });
  await withDatabase(async ({ db }) => {
    const result = await retryQuarantine(db, { ...(values.batch ? { batchId: values.batch } : {}), ...(values.id ? { ids: values.id } : {}) });
    say(`retried ${result.retried}: ${result.retried - result.stillInvalid} now valid, ${result.stillInvalid} still invalid (reasons updated)`);
    if (result.batch) printSummary(result.batch);
  });
}
