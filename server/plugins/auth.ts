// One hook for all of /api: a Bearer token identifies the caller; a route that changes data
// declares the least role it needs in `config.role` (viewer < sre < admin).
// Reading is open until the web app has sessions (see the closing note of the ingest issue).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type Principal, ROLES, type Role, findPrincipal } from '../db/api-tokens.repository.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    role?: Role;
  }
}

export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const required = request.routeOptions.config.role;
    const header = request.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      request.principal = match ? await findPrincipal(app.db, match[1]!) : null;
      if (!request.principal) return reply.status(401).send({ error: { code: 'unauthorized', message: 'the bearer token is unknown or revoked' } });
    }
    if (!required) return;
    if (!request.principal) {
      return reply.status(401).send({ error: { code: 'unauthorized', message: `this needs a token with role ${required} or higher (Authorization: Bearer …)` } });
    }
    if (ROLES.indexOf(request.principal.role) < ROLES.indexOf(required)) {
      return reply.status(403).send({ error: { code: 'forbidden', message: `this needs role ${required}; the token has role ${request.principal.role}` } });
    }
  });
}
