// Admin endpoints (role admin): users and API tokens.
import { api, unwrap } from './client.ts';
import type { AdminToken, AdminUser, NewUser, Role, UserChanges } from './types.ts';

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

