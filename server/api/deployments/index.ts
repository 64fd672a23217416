import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestFilters } from '../../analytics/request-filters.ts';
import { type DeploymentSortKey, listDeployments, NEWEST_FIRST } from '../../analytics/deployment-list.ts';
import { periodOf } from '../../analytics/filters.ts';
import { DEFAULT_PAGE_SIZE, DeploymentsSchema } from './schema.ts';

const deployments: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/deployments', { schema: DeploymentsSchema, config: { table: 'deployments' } }, async (request, reply) => {
    const { cohort, status, production, q, limit, sort, cursor, ...common } = request.query;
    const filters = await requestFilters(app.db, common);
    const order = sort ? { key: sort.replace(/^-/, '') as DeploymentSortKey, descending: sort.startsWith('-') } : NEWEST_FIRST;
    const page = await listDeployments(app.db, {
      ...filters, cohort: cohort ?? null, status: status ?? null, production: production ?? null, q: q?.trim() || null, limit: limit ?? DEFAULT_PAGE_SIZE, sort: order, cursor: cursor ?? null,
    });
    if (page.nextCursor !== null) {
      // The cursor also travels in a header, for Arrow and CSV clients that see only the rows.
      const next = new URL(request.url, 'http://localhost');
      next.searchParams.set('cursor', page.nextCursor);
      reply.header('link', `<${next.pathname}${next.search}>; rel="next"`);
    }
    return {
      period: periodOf(filters),
      min_confidence: filters.minConfidence,
      deployments: page.deployments.map((row) => ({ ...row, started_at: row.started_at.toISOString(), finished_at: row.finished_at?.toISOString() ?? null })),
      next_cursor: page.nextCursor,
    };
  });
};

export default deployments;
