// OpenAPI at /docs (docs/architecture.md "API"): the document is generated from the routes' TypeBox
// schemas, so this must be registered before the routes. /docs/json serves the document; the UI's
// assets ship in the package, nothing is fetched at run time.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      // 3.1: TypeBox's `const` and `{ type: 'null' }` are plain JSON Schema there.
      openapi: '3.1.0',
      info: {
        title: 'sevscope API',
        version,
        description:
          'Incident analytics and AI-risk metrics. Table endpoints also answer `Accept: application/vnd.apache.arrow.stream` (Arrow IPC) and `text/csv`.',
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API token from `sevscope token create` or the Admin page.' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: 'sevscope_session', description: 'The web app\'s session, from POST /api/auth/sign-in or a one-time sign-in link.' },
        },
      },
      // Either one: every /api route but health and sign-in needs at least role viewer.
      security: [{ bearerAuth: [] }, { cookieAuth: [] }],
    },
    // One tag per resource (/api/<resource>/…), so the page groups routes as the code does.
    transform: ({ schema, url }) => {
      const resource = /^\/api\/([^/]+)/.exec(url)?.[1];
      if (!schema || !resource || 'tags' in schema) return { schema, url };
      return { schema: { ...schema, tags: [resource] }, url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
