// Deployment endpoints: the list, a page at a time (JSON), and all of it as CSV.
import { api, jsonRows, unwrap, type RequestOptions } from './client.ts';
import type { DeploymentList, DeploymentListQuery } from './types.ts';

/** `GET /api/deployments`: newest first; `next_cursor` fetches the next page. */
export function getDeployments(query: DeploymentListQuery, options: RequestOptions = {}): Promise<DeploymentList> {
  return jsonRows(unwrap(() => api.GET('/api/deployments', { params: { query }, signal: options.signal }), options.signal));
}

/** `GET /api/deployments` as CSV (Accept: text/csv): the same rows as the JSON. */
export function getDeploymentsCsv(query: DeploymentListQuery, options: RequestOptions = {}): Promise<Blob> {
  return unwrap(
    () => api.GET('/api/deployments', { params: { query }, headers: { Accept: 'text/csv' }, parseAs: 'blob', signal: options.signal }),
    options.signal,
  );
}
