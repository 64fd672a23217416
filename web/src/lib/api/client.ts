// The sevscope API client: openapi-fetch over the types generated from the server's OpenAPI
// document (schema.d.ts; `npm run gen:api`). Failures become ApiError carrying the server's
// message, so pages can show it as is. A 401 (signed out, or the session ended) goes to the
// sign-in page for a read; a write asks to sign in again in place and is retried, so a form
// keeps what was typed (the layout provides both through onSignInNeeded).
// Endpoint functions live beside it, one module per area (metrics.ts, incidents.ts, …).
import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';
import type { MetricFilterQuery } from './types.ts';

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

export function errorBodyMessage(body: unknown): { code: string; message: string } | null {
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

export interface SignInHandlers {
  /** A read was refused: show the sign-in page (then come back). */
  signInPage(): void;
  /** A write was refused: ask to sign in again in place; true when signed in (the write is retried). */
  signInAgain(): Promise<boolean>;
}

// Until the layout sets them: a plain redirect, and no in-place sign-in.
let signIn: SignInHandlers = {
  signInPage: () => window.location.assign(signInUrl()),
  signInAgain: async () => false,
};

/** The layout's answer to a 401. */
export function onSignInNeeded(handlers: SignInHandlers): void {
  signIn = handlers;
}

/** `/sign-in?next=<this page>`. */
export function signInUrl(location: Location = window.location): string {
  return `/sign-in?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
}

/** The body of a successful answer, or an ApiError explaining the failure. */
export async function unwrap<T>(call: () => Promise<FetchResult<T>>, signal?: AbortSignal, write = false): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call();
  } catch (failure) {
    if (signal?.aborted) throw failure;
    throw new ApiError(0, 'network_error', 'Could not reach the sevscope server.');
  }
  const { data, error, response } = result;
  if (response.ok && data !== undefined) return data;
  if (response.status === 401) {
    if (write && (await signIn.signInAgain())) return unwrap(call, signal, write);
    if (!write) signIn.signInPage();
  }
  const body = errorBodyMessage(error);
  if (body) throw new ApiError(response.status, body.code, body.message);
  const statusText = response.statusText ? ` ${response.statusText}` : '';
  throw new ApiError(response.status, 'http_error', `The server answered ${response.status}${statusText}.`);
}

/** URL filters as the API's query object (the server validates and explains bad values). */
export function filterQuery(params: URLSearchParams): MetricFilterQuery {
  return Object.fromEntries(params) as MetricFilterQuery;
}

/** A table endpoint's JSON body: its schema also lists the CSV text answer, which a JSON request never gets. */
export async function jsonRows<T extends object>(body: Promise<T | string>): Promise<T> {
  const value = await body;
  if (typeof value === 'string') throw new ApiError(0, 'http_error', 'The server answered text where JSON was expected.');
  return value;
}

/** A message fit to show a user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
