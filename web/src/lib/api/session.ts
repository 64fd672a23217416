// Health and the signed-in user: health, me, sign-in and sign-out.
import { api, unwrap, ApiError, errorBodyMessage, type RequestOptions } from './client.ts';
import type { Health, Me } from './types.ts';

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

