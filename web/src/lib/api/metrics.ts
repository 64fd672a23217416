// Metrics endpoints: the period's summary, weekly trends, the what-if projection and the
// before/after comparison.
import { api, unwrap, filterQuery, type RequestOptions } from './client.ts';
import type { CfrTrendResponse, MetricsSummary, PeriodComparison, TrendsResponse, WhatIf } from './types.ts';

/** `GET /api/metrics/cfr-trend`: weekly change failure rate per cohort. */
export function getCfrTrend(filters: URLSearchParams, options: RequestOptions = {}): Promise<CfrTrendResponse> {
  return unwrap(() => api.GET('/api/metrics/cfr-trend', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}

/** `GET /api/metrics/summary`: the period's headline numbers. */
export function getSummary(filters: URLSearchParams, options: RequestOptions = {}): Promise<MetricsSummary> {
  return unwrap(() => api.GET('/api/metrics/summary', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}

/** `GET /api/metrics/trends`: deployments, CFR and incidents per ISO week or month. */
export function getTrends(filters: URLSearchParams, grain: 'week' | 'month', options: RequestOptions = {}): Promise<TrendsResponse> {
  return unwrap(
    () => api.GET('/api/metrics/trends', { params: { query: { ...filterQuery(filters), grain } }, signal: options.signal }),
    options.signal,
  );
}

/** `GET /api/metrics/what-if?share=`: expected failed deployments per week at an AI share (0–1); null: only today's share and the curve. */
export function getWhatIf(filters: URLSearchParams, share: number | null, options: RequestOptions = {}): Promise<WhatIf> {
  const query = share === null ? filterQuery(filters) : { ...filterQuery(filters), share: String(share) };
  return unwrap(
    () => api.GET('/api/metrics/what-if', { params: { query }, signal: options.signal }),
    options.signal,
  );
}

/** `GET /api/metrics/compare?split=`: the period before and after a day (YYYY-MM-DD). */
export function getComparison(filters: URLSearchParams, split: string, options: RequestOptions = {}): Promise<PeriodComparison> {
  return unwrap(
    () => api.GET('/api/metrics/compare', { params: { query: { ...filterQuery(filters), split } }, signal: options.signal }),
    options.signal,
  );
}
