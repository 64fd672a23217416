import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { cfrByWeek } from '../../analytics/change-failure-rate.ts';
import { requestFilters } from '../../analytics/request-filters.ts';
import { InvalidFilterError, periodOf, wholeDays } from '../../analytics/filters.ts';
import { metricsSummary } from '../../analytics/metrics-summary.ts';
import { comparePeriods, parseSplit } from '../../analytics/period-comparison.ts';
import { trends } from '../../analytics/trends.ts';
import { whatIfProjection } from '../../analytics/what-if-projection.ts';
import { CfrTrendSchema, CompareSchema, MetricsSummarySchema, TrendsSchema, WhatIfSchema } from './schema.ts';

const metrics: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/metrics/cfr-trend', { schema: CfrTrendSchema }, async (request) => {
    const filters = await requestFilters(app.db, request.query, { wholeDays: true });
    const weeks = await cfrByWeek(app.db, filters);
    return { period: periodOf(filters), min_confidence: filters.minConfidence, weeks };
  });

  app.get('/api/metrics/summary', { schema: MetricsSummarySchema }, async (request) => {
    return metricsSummary(app.db, await requestFilters(app.db, request.query, { wholeDays: true }));
  });

  app.get('/api/metrics/compare', { schema: CompareSchema }, async (request) => {
    const filters = await requestFilters(app.db, request.query, { wholeDays: true });
    return comparePeriods(app.db, filters, parseSplit(request.query.split, filters));
  });

  app.get('/api/metrics/trends', { schema: TrendsSchema }, async (request) => {
    const filters = await requestFilters(app.db, request.query, { wholeDays: true });
    const grain = request.query.grain ?? 'week';
    return { period: periodOf(filters), grain, points: await trends(app.db, filters, grain) };
  });

  app.get('/api/metrics/what-if', { schema: WhatIfSchema }, async (request) => {
    const filters = await requestFilters(app.db, request.query, { wholeDays: true });
    const raw = request.query.share;
    const share = raw === undefined ? null : Number(raw);
    if (share !== null && !(raw!.trim() !== '' && share >= 0 && share <= 1)) throw new InvalidFilterError('share', `expected a number from 0 to 1, got ${JSON.stringify(raw)}`);
    return { period: periodOf(filters), ...(await whatIfProjection(app.db, filters, share)) };
  });
};

export default metrics;
