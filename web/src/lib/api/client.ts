// The sevscope API client: openapi-fetch over the types generated from the server's OpenAPI
// document (schema.d.ts; `npm run gen:api`). Failures become ApiError carrying the server's
// message, so pages can show it as is.
import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';
import type { CfrTrendResponse, Health, IncidentDetail, MetricFilterQuery, MetricsSummary } from './types.ts';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export interface RequestOptions {
  signal?: AbortSignal;
}

// Same origin: the fastify server serves both the app and /api (Vite's dev server proxies it).
// `fetch` is looked up per request, so tests and the dev server can wrap it.
export const api = createClient<paths>({ baseUrl: '', fetch: (request) => globalThis.fetch(request) });

function errorBodyMessage(body: unknown): { code: string; message: string } | null {
  if (typeof body !== 'object' || body === null || !('error' in body)) return null;
  const error = (body as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof message === 'string' ? { code: typeof code === 'string' ? code : 'http_error', message } : null;
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer, or an ApiError explaining the failure. */
async function unwrap<T>(call: () => Promise<FetchResult<T>>, signal?: AbortSignal): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call();
  } catch (failure) {
    if (signal?.aborted) throw failure;
    throw new ApiError(0, 'network_error', 'Could not reach the sevscope server.');
  }
  const { data, error, response } = result;
  if (response.ok && data !== undefined) return data;
  const body = errorBodyMessage(error);
  if (body) throw new ApiError(response.status, body.code, body.message);
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  throw new ApiError(response.status, 'http_error', `The server answered ${response.status}${statusText}.`);
}

/** URL filters as the API's query object (the server validates and explains bad values). */
export function filterQuery(params: URLSearchParams): MetricFilterQuery {
  return Object.fromEntries(params) as MetricFilterQuery;
}

/** `GET /api/metrics/cfr-trend`: weekly change failure rate per cohort. */
export function getCfrTrend(filters: URLSearchParams, options: RequestOptions = {}): Promise<CfrTrendResponse> {
  return unwrap(() => api.GET('/api/metrics/cfr-trend', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}

/** `GET /api/metrics/summary`: the period's headline numbers. */
export function getSummary(filters: URLSearchParams, options: RequestOptions = {}): Promise<MetricsSummary> {
  return unwrap(() => api.GET('/api/metrics/summary', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}

/** `GET /api/incidents/{id}`. */
export function getIncident(id: string, options: RequestOptions = {}): Promise<IncidentDetail> {
  return unwrap(() => api.GET('/api/incidents/{id}', { params: { path: { id } }, signal: options.signal }), options.signal);
}

/** `GET /api/health`; it answers 503 with the same body when the database is down. */
export async function getHealth(options: RequestOptions = {}): Promise<Health> {
  return unwrap(() => api.GET('/api/health', { signal: options.signal }), options.signal);
}

/** A message fit to show a user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
