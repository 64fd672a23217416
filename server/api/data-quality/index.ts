import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestFilters } from '../../analytics/request-filters.ts';
import { DEFAULT_FINDINGS_LIMIT, dataQuality } from '../../analytics/data-quality.ts';
import { periodOf, wholeDays } from '../../analytics/filters.ts';
import { DataQualitySchema } from './schema.ts';

const dataQualityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/data-quality', { schema: DataQualitySchema, config: { table: 'findings' } }, async (request) => {
    const { limit, ...common } = request.query;
    const filters = await requestFilters(app.db, common, { wholeDays: true });
    return {
      period: periodOf(filters),
      ...(await dataQuality(app.db, filters, limit ?? DEFAULT_FINDINGS_LIMIT)),
    };
  });
};

export default dataQualityRoutes;
