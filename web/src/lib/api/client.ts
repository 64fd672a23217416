// The sevscope API client: openapi-fetch over the types generated from the server's OpenAPI
// document (schema.d.ts; `npm run gen:api`). Failures become ApiError carrying the server's
// message, so pages can show it as is. A 401 (signed out, or the session ended) goes to the
// sign-in page for a read; a write asks to sign in again in place and is retried, so a form
// keeps what was typed (the layout provides both through onSignInNeeded).
import createClient from 'openapi-fetch';
import type { paths } from './schema.d.ts';
import type {
  AdminToken,
  AdminUser,
  CfrTrendResponse,
  DataQuality,
  FollowUp,
  FollowUpChanges,
  FollowUpInput,
  Health,
  Backlog,
  IncidentDetail,
  IncidentList,
  IncidentListQuery,
  Me,
  MetricFilterQuery,
  MetricsSummary,
  NewUser,
  Role,
  UserChanges,
} from './types.ts';

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
async function unwrap<T>(call: () => Promise<FetchResult<T>>, signal?: AbortSignal, write = false): Promise<T> {
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

/** `GET /api/metrics/cfr-trend`: weekly change failure rate per cohort. */
export function getCfrTrend(filters: URLSearchParams, options: RequestOptions = {}): Promise<CfrTrendResponse> {
  return unwrap(() => api.GET('/api/metrics/cfr-trend', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}

/** `GET /api/metrics/summary`: the period's headline numbers. */
export function getSummary(filters: URLSearchParams, options: RequestOptions = {}): Promise<MetricsSummary> {
  return unwrap(() => api.GET('/api/metrics/summary', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal);
}

/** A table endpoint's JSON body: its schema also lists the CSV text answer, which a JSON request never gets. */
async function jsonRows<T extends object>(body: Promise<T | string>): Promise<T> {
  const value = await body;
  if (typeof value === 'string') throw new ApiError(0, 'http_error', 'The server answered text where JSON was expected.');
  return value;
}

/** `GET /api/incidents`: the period's incidents, newest first, a page at a time, with the total. */
export function getIncidents(query: IncidentListQuery, options: RequestOptions = {}): Promise<IncidentList> {
  return jsonRows(unwrap(() => api.GET('/api/incidents', { params: { query }, signal: options.signal }), options.signal));
}

/** `GET /api/incidents` as CSV (the table-formats plugin answers `Accept: text/csv`): the same rows as the JSON. */
export async function getIncidentsCsv(query: IncidentListQuery, options: RequestOptions = {}): Promise<Blob> {
  return unwrap(
    () => api.GET('/api/incidents', { params: { query }, headers: { Accept: 'text/csv' }, parseAs: 'blob', signal: options.signal }),
    options.signal,
  );
}

/** `GET /api/incidents/backlog`: unclassified Sev1/Sev2 incidents older than 48 h, oldest first. */
export function getBacklog(filters: URLSearchParams, options: RequestOptions = {}): Promise<Backlog> {
  return jsonRows(unwrap(() => api.GET('/api/incidents/backlog', { params: { query: filterQuery(filters) }, signal: options.signal }), options.signal));
}

/** `GET /api/data-quality`: tagging coverage, incident time completeness, findings, pending, quarantine, ingest runs. */
export function getDataQuality(filters: URLSearchParams, options: RequestOptions = {}): Promise<DataQuality> {
  return jsonRows(
    unwrap(() => api.GET('/api/data-quality', { params: { query: filterQuery(filters) }, headers: { accept: 'application/json' }, signal: options.signal }), options.signal),
  );
}

/** `GET /api/incidents/{id}`. */
export function getIncident(id: string, options: RequestOptions = {}): Promise<IncidentDetail> {
  return unwrap(() => api.GET('/api/incidents/{id}', { params: { path: { id } }, signal: options.signal }), options.signal);
}

/** `GET /api/health`; it answers 503 with the same body when the database is down. */
export async function getHealth(options: RequestOptions = {}): Promise<Health> {
  return unwrap(() => api.GET('/api/health', { signal: options.signal }), options.signal);
}

/** `GET /api/auth/me`: who is signed in, with which role. */
export function getMe(options: RequestOptions = {}): Promise<Me> {
  return unwrap(() => api.GET('/api/auth/me', { signal: options.signal }), options.signal);
}

/** `POST /api/auth/sign-in`: sets the session cookie. Its 401 is a wrong name or password, not a lost session. */
export async function postSignIn(name: string, password: string): Promise<Me> {
  const { data, error, response } = await api.POST('/api/auth/sign-in', { body: { name, password } });
  if (response.ok && data) return data;
  const body = errorBodyMessage(error);
  throw new ApiError(response.status, body?.code ?? 'http_error', body?.message ?? `The server answered ${response.status}.`);
}

/** `POST /api/auth/sign-out`. */
export async function postSignOut(): Promise<void> {
  await api.POST('/api/auth/sign-out');
}

/** `GET /api/incidents/{id}/follow-ups`. */
export async function getFollowUps(incident: string, options: RequestOptions = {}): Promise<FollowUp[]> {
  const body = await unwrap(() => api.GET('/api/incidents/{id}/follow-ups', { params: { path: { id: incident } }, signal: options.signal }), options.signal);
  return body.follow_ups;
}

/** `POST /api/incidents/{id}/follow-ups` (role sre). */
export function createFollowUp(incident: string, input: FollowUpInput): Promise<FollowUp> {
  return unwrap(() => api.POST('/api/incidents/{id}/follow-ups', { params: { path: { id: incident } }, body: input }), undefined, true);
}

/** `PATCH /api/follow-ups/{id}` (role sre). */
export function updateFollowUp(id: string, changes: FollowUpChanges): Promise<FollowUp> {
  return unwrap(() => api.PATCH('/api/follow-ups/{id}', { params: { path: { id } }, body: changes }), undefined, true);
}

/** `GET /api/admin/users` (role admin). */
export async function getUsers(): Promise<AdminUser[]> {
  return (await unwrap(() => api.GET('/api/admin/users'))).users;
}

/** `POST /api/admin/users` (role admin). */
export function createUser(input: NewUser): Promise<AdminUser> {
  return unwrap(() => api.POST('/api/admin/users', { body: input }), undefined, true);
}

/** `PATCH /api/admin/users/{id}` (role admin): role, disabled, password. */
export function updateUser(id: string, changes: UserChanges): Promise<AdminUser> {
  return unwrap(() => api.PATCH('/api/admin/users/{id}', { params: { path: { id } }, body: changes }), undefined, true);
}

/** `POST /api/admin/users/{id}/sign-in-link` (role admin): a one-time URL. */
export function createUserSignInLink(id: string): Promise<{ url: string; expires_at: string }> {
  return unwrap(() => api.POST('/api/admin/users/{id}/sign-in-link', { params: { path: { id } } }), undefined, true);
}

/** `GET /api/admin/tokens` (role admin). */
export async function getTokens(): Promise<AdminToken[]> {
  return (await unwrap(() => api.GET('/api/admin/tokens'))).tokens;
}

/** `POST /api/admin/tokens` (role admin): the answer holds the token, this once. */
export function createToken(name: string, role: Role): Promise<AdminToken & { token: string }> {
  return unwrap(() => api.POST('/api/admin/tokens', { body: { name, role } }), undefined, true);
}

/** `DELETE /api/admin/tokens/{id}` (role admin). */
export function revokeToken(id: string): Promise<AdminToken> {
  return unwrap(() => api.DELETE('/api/admin/tokens/{id}', { params: { path: { id } } }), undefined, true);
}

/** A message fit to show a user, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong.';
}
