// The Data quality page's endpoint.
import { api, jsonRows, unwrap, filterQuery, type RequestOptions } from './client.ts';
import type { DataQuality } from './types.ts';

/** `GET /api/data-quality`: tagging coverage, incident time completeness, findings, pending, quarantine, ingest runs. */
export function getDataQuality(filters: URLSearchParams, options: RequestOptions = {}): Promise<DataQuality> {
  return jsonRows(
    unwrap(() => api.GET('/api/data-quality', { params: { query: filterQuery(filters) }, headers: { accept: 'application/json' }, signal: options.signal }), options.signal),
  );
}

