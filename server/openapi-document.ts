// The OpenAPI document as /docs/json serves it, built without a database: routes only touch
// the database when a request comes in, so a pool that never connects is enough. Used by
// `npm run gen:api` (scripts/gen-api.ts) and the test that the generated web types are current.
import { buildApp } from './app.ts';
import { connect } from './db/connection.ts';

export async function openApiDocument(): Promise<Record<string, unknown>> {
  // Nothing listens on port 9; the pool is created lazily and never used.
  const db = connect('postgres://unused@127.0.0.1:9/unused', 1);
  const app = await buildApp({ db, serveWeb: false, jobQueue: false });
  try {
    await app.ready();
    return app.swagger() as unknown as Record<string, unknown>;
  } finally {
    await app.close();
    await db.destroy();
  }
}

/** `web/src/lib/api/schema.d.ts`: the document's paths as TypeScript types (openapi-typescript). */
export async function generatedApiTypes(document?: Record<string, unknown>): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const ast = await openapiTS((document ?? (await openApiDocument())) as never, { alphabetize: true });
  const header =
    '// Generated from the server\'s OpenAPI document (/docs/json) by `npm run gen:api`; do not edit.\n' +
    '// test/unit/api-schema.test.ts fails when this file no longer matches the server.\n';
  return header + astToString(ast);
}

export const API_TYPES_FILE = new URL('../web/src/lib/api/schema.d.ts', import.meta.url);
