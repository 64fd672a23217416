// The Data quality page's endpoint.
import { api, jsonRows, unwrap, filterQuery, type RequestOptions } from './client.ts';
import type { DataQuality, QuarantineList, QuarantineRetryResult } from './types.ts';

/** `GET /api/data-quality`: tagging coverage, incident time completeness, findings, pending, quarantine, ingest runs. */
export function getDataQuality(filters: URLSearchParams, options: RequestOptions = {}): Promise<DataQuality> {
  return jsonRows(
    unwrap(() => api.GET('/api/data-quality', { params: { query: filterQuery(filters) }, headers: { accept: 'application/json' }, signal: options.signal }), options.signal),
  );
}


/** `GET /api/quarantine`: the open quarantined records, oldest first, a page at a time. */
export function getQuarantine(limit: number, options: RequestOptions = {}): Promise<QuarantineList> {
  return jsonRows(unwrap(() => api.GET('/api/quarantine', { params: { query: { limit, offset: 0 } }, headers: { accept: 'application/json' }, signal: options.signal }), options.signal));
}

/** `POST /api/quarantine/retry` (role sre): validate the open records again and store those that pass. */
export function retryQuarantine(ids?: string[]): Promise<QuarantineRetryResult> {
  return unwrap(() => api.POST('/api/quarantine/retry', { body: ids ? { ids } : {} }), undefined, true);
}
