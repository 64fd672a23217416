// Deployment endpoints: the list, a page at a time (JSON), all of it as CSV, and long lists as Arrow.
import { api, jsonRows, unwrap, type RequestOptions } from './client.ts';
import type { TimelineDeployment } from '../charts/service-timeline.ts';
import type { DeploymentList, DeploymentListQuery, Period } from './types.ts';

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

/** Deployments as the timeline draws them: the columns it needs, read from the Arrow stream. */
export interface DeploymentArrowPage {
  period: Period;
  deployments: TimelineDeployment[];
  next_cursor: string | null;
}

/**
 * `GET /api/deployments` as an Arrow stream (Accept: application/vnd.apache.arrow.stream), for
 * long lists such as a service's year of deployments: a fraction of the JSON's size and parse
 * time. The reader (apache-arrow) is loaded only when a page asks for it.
 */
export async function getDeploymentsArrow(query: DeploymentListQuery, options: RequestOptions = {}): Promise<DeploymentArrowPage> {
  const [buffer, { tableFromIPC }] = await Promise.all([
    unwrap(
      () => api.GET('/api/deployments', { params: { query }, headers: { Accept: 'application/vnd.apache.arrow.stream' }, parseAs: 'arrayBuffer', signal: options.signal }),
      options.signal,
    ),
    import('apache-arrow'),
  ]);
  const table = tableFromIPC(new Uint8Array(buffer as unknown as ArrayBuffer));
  const meta = (key: string) => JSON.parse(table.schema.metadata.get(key) ?? 'null') as unknown;
  // Timestamps arrive as epoch milliseconds and lists as vectors: back to the JSON's shapes.
  const time = (value: unknown) => (value === null || value === undefined ? null : new Date(Number(value)).toISOString());
  const deployments = table.toArray().map((row): TimelineDeployment => ({
    id: String(row.id),
    version: row.version ?? null,
    started_at: time(row.started_at)!,
    finished_at: time(row.finished_at),
    status: row.status,
    cohort: row.cohort,
    failed: Boolean(row.failed),
    linked_incidents: row.linked_incidents ? Array.from(row.linked_incidents as Iterable<string>) : [],
  }));
  return { period: meta('period') as Period, deployments, next_cursor: meta('next_cursor') as string | null };
}
