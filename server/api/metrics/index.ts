import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cfrByWeek, latestDataDay } from '../../analytics/change-failure-rate.ts';
import { parseFilters, wholeDays } from '../../analytics/filters.ts';
import { metricsSummary } from '../../analytics/metrics-summary.ts';
import { CfrTrendSchema, MetricsSummarySchema } from './schema.ts';

const metrics: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/metrics/cfr-trend', { schema: CfrTrendSchema }, async (request) => {
    const filters = wholeDays(parseFilters(request.query, await latestDataDay(app.db)));
    const weeks = await cfrByWeek(app.db, filters);
    return { period: { from: filters.from.toISOString(), to: filters.to.toISOString() }, min_confidence: filters.minConfidence, weeks };
  });

  app.get('/api/metrics/summary', { schema: MetricsSummarySchema }, async (request) => {
    return metricsSummary(app.db, wholeDays(parseFilters(request.query, await latestDataDay(app.db))));
  });
};

export default metrics;
