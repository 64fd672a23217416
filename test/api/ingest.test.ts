import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { createToken } from '../../server/db/api-tokens.repository.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';

let t: TestDatabase;
let app: FastifyInstance;
let sre: string;
let viewer: string;

const ndjson = (...lines: (object | string)[]) => lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n');
const deployment = (id: string) => ({ kind: 'deployment', id, service: 'shop', environment: 'production', started_at: '2026-03-01T10:00:00Z', status: 'succeeded' });
const post = (payload: string | Readable, token?: string) =>
  app.inject({
    method: 'POST',
    url: '/api/ingest/records?source=ci',
    headers: { 'content-type': 'application/x-ndjson', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    payload,
  });

beforeAll(async () => {
  t = await createTestDatabase();
  app = await buildApp({ db: t.db, ingestMaxBytes: 2000 });
  sre = (await createToken(t.db, 'ci-pipeline', 'sre')).token;
  viewer = (await createToken(t.db, 'dashboard', 'viewer')).token;
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

describe('POST /api/ingest/records', () => {
  it('needs a token with role sre', async () => {
    expect((await post(ndjson(deployment('d-0')))).statusCode).toBe(401);
    const forbidden = await post(ndjson(deployment('d-0')), viewer);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.message).toBe('this needs role sre; the token has role viewer');
    expect((await post(ndjson(deployment('d-0')), 'sev_not-a-token')).statusCode).toBe(401);
  });

  it('stores good lines, quarantines bad ones and answers with the per-kind summary', async () => {
    const response = await post(ndjson(deployment('d-1'), '{"kind": "deployment", "id": ', { ...deployment('d-2'), status: 'ok' }, deployment('d-3')), sre);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toEqual({ received: 4, inserted: 2, updated: 0, unchanged: 0, quarantined: 2, pending: 0 });
    expect(body.by_kind.deployment).toEqual({ received: 3, inserted: 2, updated: 0, unchanged: 0, quarantined: 1, pending: 0 });
    expect(body.quarantine_ids).toHaveLength(2);
    const stored = await t.db.selectFrom('deployments').select(['external_id', 'source']).orderBy('external_id').execute();
    expect(stored).toEqual([{ external_id: 'd-1', source: 'ci' }, { external_id: 'd-3', source: 'ci' }]);

    const quarantine = await app.inject({ method: 'GET', headers: { authorization: `Bearer ${viewer}` }, url: `/api/quarantine?batch_id=${body.batch_id}` });
    expect(quarantine.json().items.map((item: { line: number; field: string }) => [item.line, item.field])).toEqual([
      [2, 'record'],
      [3, 'deployment.status'],
    ]);
    const again = await post(ndjson(deployment('d-1'), deployment('d-3')), sre);
    expect(again.json().total).toMatchObject({ received: 2, unchanged: 2 });
  });

  it('refuses a body over the limit, and stops reading a streamed one at the limit', async () => {
    const big = ndjson(...Array.from({ length: 40 }, (_, i) => deployment(`big-${i}`)));
    const declared = await post(big, sre);
    expect(declared.statusCode).toBe(413);
    expect(declared.json().error.code).toBe('payload_too_large');

    const streamed = await post(Readable.from([Buffer.from(big)]), sre);
    expect(streamed.statusCode).toBe(413);
    const body = streamed.json();
    expect(body.truncated).toBe(true);
    // Whole lines before the 2000-byte limit are stored and counted; nothing past it.
    const lineBytes = JSON.stringify(deployment('big-0')).length + 1;
    expect(body.total.inserted).toBe(Math.floor(2000 / lineBytes));
    expect(body.total.received).toBe(body.total.inserted);
  });

  it('stores many batches posted at once, more than the pool has connections for', async () => {
    // 5 connections, 2 per batch: without a limit on batches at once, each would take one and
    // wait for a second until the pool's timeout (a 500 after 10 s).
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => post(ndjson(deployment(`burst-${i}`)), sre)));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(12).fill(200));
    expect(answers.map((answer) => answer.json().total.inserted)).toEqual(Array(12).fill(1));
    const stored = await t.db.selectFrom('deployments').select((eb) => eb.fn.countAll<string>().as('n')).where('external_id', 'like', 'burst-%').executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(12);
  });
});
