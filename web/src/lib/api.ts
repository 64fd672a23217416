// Typed client for the sevscope API. Failures become ApiError carrying the server's message,
// so pages can show it as is.
import type { ApiErrorBody, CfrTrendResponse } from './api-types.ts';

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

interface RequestOptions {
  signal?: AbortSignal;
}

function isErrorBody(body: unknown): body is ApiErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

async function errorFromResponse(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (e.g. a proxy's HTML error page): fall back to the status line.
  }
  if (isErrorBody(body)) return new ApiError(response.status, body.error.code, body.error.message);
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  return new ApiError(response.status, 'http_error', `The server answered ${response.status}${statusText}.`);
}

async function getJson<T>(path: string, params: URLSearchParams, options: RequestOptions = {}): Promise<T> {
  const query = params.toString();
  const url = query ? `${path}?${query}` : path;
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal: options.signal ?? null });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, 'network_error', 'Could not reach the sevscope server.');
  }
  if (!response.ok) throw await errorFromResponse(response);
  return (await response.json()) as T;
}

/** `GET /api/metrics/cfr-trend`: weekly change failure rate per cohort. */
export function getCfrTrend(filters: URLSearchParams, options?: RequestOptions): Promise<CfrTrendResponse> {
  return getJson<CfrTrendResponse>('/api/metrics/cfr-trend', filters, options);
}

/** The part of `GET /api/health` the app shell reads. */
export interface HealthDemo {
  demo: { loaded: boolean; loaded_at: string | null };
}

/** `GET /api/health`: is the generated demo year what the dashboard shows? */
export function getHealth(options?: RequestOptions): Promise<HealthDemo> {
  return getJson<HealthDemo>('/api/health', new URLSearchParams(), options);
}

/** A message fit to show a user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
