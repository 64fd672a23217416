// Metrics endpoints: the period's summary, the weekly change failure rate and the weekly trends.
import { api, unwrap, filterQuery, type RequestOptions } from './client.ts';
import type { CfrTrendResponse, MetricsSummary, Trends } from './types.ts';

/** `GET /api/metrics/cfr-trend`: weekly change failure rate per cohort. */
export function getCfrTrend(filters: URLSearchParams, options: RequestOptions = {}): Promise<CfrTrendResponse> {
  return unwrap(() => api.GET('/api/metrics/cfr-trend', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}

/** `GET /api/metrics/summary`: the period's headline numbers. */
export function getSummary(filters: URLSearchParams, options: RequestOptions = {}): Promise<MetricsSummary> {
  return unwrap(() => api.GET('/api/metrics/summary', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}


/** `GET /api/metrics/trends?grain=week`: per ISO week deployments, CFR and incidents per cohort. */
export function getWeeklyTrends(filters: URLSearchParams, options: RequestOptions = {}): Promise<Trends> {
  return unwrap(() => api.GET('/api/metrics/trends', { params: { query: { ...filterQuery(filters), grain: 'week' } }, signal: options.signal }), options.signal);
}
