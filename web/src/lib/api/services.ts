// Service endpoints: the list ranked by risk, and one service's facts.
import { api, filterQuery, jsonRows, unwrap, type RequestOptions } from './client.ts';
import type { ServiceDetail, ServiceList } from './types.ts';

/** `GET /api/services`: every service the filters keep, riskiest first. */
export function getServices(filters: URLSearchParams, options: RequestOptions = {}): Promise<ServiceList> {
  return jsonRows(unwrap(() => api.GET('/api/services', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal));
}

/** `GET /api/services/{id}`; an ApiError with status 404 when there is no such service. */
export async function getService(id: string, options: RequestOptions = {}): Promise<ServiceDetail> {
  const body = await unwrap(() => api.GET('/api/services/{id}', { params: { path: { id } }, signal: options.signal }), options.signal);
  return body.service;
}
