import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';

let t: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await buildApp({ db: t.db });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('OpenAPI at /docs', () => {
  it('serves the document generated from the route schemas', async () => {
    const response = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.openapi).toBe('3.1.0');
    expect(spec.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(spec.components.securitySchemes.cookieAuth).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'sevscope_session' });
    expect(spec.security).toEqual([{ bearerAuth: [] }, { cookieAuth: [] }]);
    // Health and sign-in answer anonymous callers, and say so.
    expect(spec.paths['/api/health'].get.security).toEqual([]);
    expect(spec.paths['/api/auth/sign-in'].post.security).toEqual([]);
    expect(spec.paths['/api/deployments'].get.responses['401']).toBeDefined();

    const deployments = spec.paths['/api/deployments'].get;
    expect(deployments.tags).toEqual(['deployments']);
    const parameters = Object.fromEntries(deployments.parameters.map((p: { name: string; in: string }) => [p.name, p]));
    for (const name of ['from', 'to', 'service', 'team', 'domain', 'tier', 'environment', 'min_confidence', 'cohort', 'status', 'production', 'limit', 'cursor']) {
      expect(parameters[name], name).toMatchObject({ in: 'query', required: false });
    }
    expect(parameters.severity).toBeUndefined();
    expect(parameters.cohort.schema).toEqual({ enum: ['ai', 'human', 'unknown'] });
    expect(parameters.limit.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 100000, default: 100 });

    // A table endpoint documents all three formats, and 406.
    const ok = deployments.responses['200'].content;
    expect(Object.keys(ok)).toEqual(['application/json', 'application/vnd.apache.arrow.stream', 'text/csv']);
    expect(ok['application/json'].schema.properties.deployments.items.required).toContain('linked_incidents');
    expect(ok['text/csv'].schema.description).toContain('started_at (timestamp)');
    expect(deployments.responses['406']).toBeDefined();
    expect(spec.paths['/api/services'].get.responses['200'].content).toHaveProperty(['application/vnd.apache.arrow.stream']);
  });

  it('serves the UI from the package, without the network', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).not.toMatch(/https?:\/\/(?!localhost)[^"']*\.(js|css)/);
    const bundle = await app.inject({ method: 'GET', url: '/docs/static/swagger-ui-bundle.js' });
    expect(bundle.statusCode).toBe(200);
  });
});
