// One hook for all of /api (docs/api.md "Sign-in and roles"): the principal comes from a Bearer
// token (scripts) or the session cookie (the web app). Every /api route needs at least viewer
// unless its config says `public` (health, sign-in); a route that changes data declares the
// least role it needs in `config.role` (viewer < sre < admin). 401 anonymous, 403 too low.
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Principal, ROLES, type Role, findPrincipal } from '../db/api-tokens.repository.ts';
import { SESSION_MAX_MS, findSessionPrincipal } from '../db/users.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    role?: Role;
    /** Answers without a principal (health, the sign-in endpoints). */
    public?: boolean;
  }
}

export const SESSION_COOKIE = 'sevscope_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const error = (code: string, message: string) => ({ error: { code, message } });

/** The session cookie: script-proof (HttpOnly), same-site only, Secure when served over TLS. */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, secret: string): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
    // The browser may keep it up to the session's longest life; the server decides expiry.
    maxAge: Math.floor(SESSION_MAX_MS / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https' });
}

/**
 * Cookies ride along on cross-site requests, so a state-changing request without a Bearer
 * token must come from this origin. SameSite=Strict already stops modern browsers; Origin and
 * Sec-Fetch-Site catch the rest (and sign-in CSRF, which has no cookie yet). The origin is
 * this request's own, or SEVSCOPE_PUBLIC_URL's (a proxy that rewrites Host). Returns why not.
 */
function crossOrigin(request: FastifyRequest, publicOrigin: string | null): string | null {
  if (SAFE_METHODS.has(request.method) || request.headers.authorization) return null;
  const site = request.headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return `the browser says it came from another site (Sec-Fetch-Site: ${site})`;
  const origin = request.headers.origin;
  const own = `${request.protocol}://${request.host}`;
  if (origin === undefined || origin === own || origin === publicOrigin) return null;
  return `Origin ${origin} is not ${own}; behind a proxy, set SEVSCOPE_TRUST_PROXY or SEVSCOPE_PUBLIC_URL`;
}

export async function registerAuth(app: FastifyInstance, publicUrl: string | undefined = process.env.SEVSCOPE_PUBLIC_URL): Promise<void> {
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  await app.register(cookie);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    // Unmatched URLs fall through to the 404 handler. Every write, in the API or not (the
    // sign-in link's POST), must come from this origin; reads outside /api need no principal.
    const route = request.routeOptions.url;
    if (route === undefined) return;
    const refused = crossOrigin(request, publicOrigin);
    if (refused) return reply.status(403).send(error('cross_origin', `a request that changes data must come from the sevscope app itself: ${refused}`));
    if (!(route === '/api' || route.startsWith('/api/'))) return;

    const header = request.headers.authorization;
    const sessionSecret = request.cookies[SESSION_COOKIE];
    let expired = false;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      request.principal = match ? await findPrincipal(app.db, match[1]!) : null;
      if (!request.principal) return reply.status(401).send(error('unauthorized', 'the bearer token is unknown or revoked'));
    } else if (sessionSecret) {
      request.principal = await findSessionPrincipal(app.db, sessionSecret);
      expired = request.principal === null;
    }

    const config = request.routeOptions.config;
    if (config.public) return;
    const required = config.role ?? 'viewer';
    if (!request.principal) {
      if (expired) {
        clearSessionCookie(request, reply);
        return reply.status(401).send(error('session_expired', 'your session has ended; sign in again'));
      }
      return reply.status(401).send(error('unauthorized', `sign in, or send an API token with role ${required} or higher (Authorization: Bearer …)`));
    }
    if (ROLES.indexOf(request.principal.role) < ROLES.indexOf(required)) {
      const whose = request.principal.kind === 'token' ? 'the token has' : `${request.principal.name} has`;
      return reply.status(403).send(error('forbidden', `this needs role ${required}; ${whose} role ${request.principal.role}`));
    }
  });
}
