import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listQuarantine } from '../../db/quarantine.repository.ts';
import { QuarantineSchema } from './schema.ts';

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
};

export default quarantine;
