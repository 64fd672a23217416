// SLO endpoints: every policy with its verdict, its weekly history, and (role admin) policy changes.
import { api, filterQuery, unwrap, type RequestOptions } from './client.ts';
import type { NewSloPolicy, SloHistory, SloList, SloPolicy, SloPolicyChanges } from './types.ts';

/** `GET /api/slos`: each policy evaluated over its window ending at the filters' `to`, with the incidents that burned it. */
export function getSlos(filters: URLSearchParams, options: RequestOptions = {}): Promise<SloList> {
  return unwrap(() => api.GET('/api/slos', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}

/** `GET /api/slos/history`: the same verdicts at every Monday of the period; `policy` keeps one. */
export function getSloHistory(filters: URLSearchParams, policy: string | null, options: RequestOptions = {}): Promise<SloHistory> {
  const query = { ...filterQuery(filters), ...(policy === null ? {} : { policy }) };
  return unwrap(() => api.GET('/api/slos/history', { params: { query }, signal: options.signal }), options.signal);
}

/** `POST /api/slos` (role admin). */
export function createSloPolicy(input: NewSloPolicy): Promise<SloPolicy> {
  return unwrap(() => api.POST('/api/slos', { body: input }), undefined, true);
}

/** `PATCH /api/slos/{id}` (role admin). */
export function updateSloPolicy(id: string, changes: SloPolicyChanges): Promise<SloPolicy> {
  return unwrap(() => api.PATCH('/api/slos/{id}', { params: { path: { id } }, body: changes }), undefined, true);
}

/** `DELETE /api/slos/{id}` (role admin). */
export async function deleteSloPolicy(id: string): Promise<void> {
  await unwrap(async () => {
    const result = await api.DELETE('/api/slos/{id}', { params: { path: { id } } });
    // 204 has no body: openapi-fetch gives no data, so report success as an empty object.
    return result.response.ok ? { ...result, data: {} } : result;
  }, undefined, true);
}
