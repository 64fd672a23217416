import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listQuarantine } from '../../db/quarantine.repository.ts';
import { retryQuarantine } from '../../quarantine-retry.ts';
import { QuarantineRetrySchema, QuarantineSchema } from './schema.ts';

const RAW_SHOWN = 4000;

const quarantine: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/quarantine', { schema: QuarantineSchema, config: { table: 'items' } }, async (request) => {
    const { batch_id, kind, source, include_resolved, limit, offset } = request.query;
    const page = await listQuarantine(app.db, { batchId: batch_id, kind, source, includeResolved: include_resolved, limit, offset });
    return {
      total: page.total,
      items: page.items.map((item) => ({
        ...item,
        raw: item.raw.length > RAW_SHOWN ? `${item.raw.slice(0, RAW_SHOWN)}…` : item.raw,
        created_at: item.created_at.toISOString(),
        resolved_at: item.resolved_at?.toISOString() ?? null,
      })),
    };
  });

  app.post('/api/quarantine/retry', { schema: QuarantineRetrySchema, config: { role: 'sre' } }, async (request) => {
    const origin = `POST /api/quarantine/retry by ${request.principal?.name ?? 'unknown'}`;
    const result = await retryQuarantine(app.db, { ids: request.body.ids, batchId: request.body.batch_id }, origin);
    if (result.batch) await app.jobs.send('refresh', { requested_by: origin, reason: `batch ${result.batch.batchId}` });
    return {
      retried: result.retried,
      still_invalid: result.stillInvalid,
      batch: result.batch === null ? null : { batch_id: String(result.batch.batchId), total: result.batch.total },
    };
  });
};

export default quarantine;
