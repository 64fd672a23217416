import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { latestDataDay } from '../../analytics/change-failure-rate.ts';
import { DEFAULT_FINDINGS_LIMIT, dataQuality } from '../../analytics/data-quality.ts';
import { parseFilters, periodOf, wholeDays } from '../../analytics/filters.ts';
import { DataQualitySchema } from './schema.ts';

const dataQualityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/data-quality', { schema: DataQualitySchema, config: { table: 'findings' } }, async (request) => {
    const { limit, ...common } = request.query;
    const filters = wholeDays(parseFilters(common, await latestDataDay(app.db)));
    return {
      period: periodOf(filters),
      ...(await dataQuality(app.db, filters, limit ?? DEFAULT_FINDINGS_LIMIT)),
    };
  });
};

export default dataQualityRoutes;
