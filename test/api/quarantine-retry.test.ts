// POST /api/quarantine/retry: role sre; after a fix, the records that pass are stored as a new
// batch named for the user, those still invalid stay with their current reason.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRecord } from '../../ingest/validate.ts';
import { buildApp } from '../../server/app.ts';
import { mapSeverity } from '../../server/db/settings.repository.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signInEach } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';

let t: TestDatabase;
let app: FastifyInstance;
let sessions: Record<'viewer' | 'sre' | 'admin', TestSession>;
const incident = (id: string, severity: string) => ({ kind: 'incident', source: 'pager', id, title: 'down', severity, impact_started_at: '2026-03-20T10:00:00Z', services: ['cart'] });

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'pager', origin: 'pager.ndjson' }, [
    validateRecord(incident('P-1', 'urgent'), { origin: 'pager.ndjson', line: 1 }),
    validateRecord(incident('P-2', 'whatever'), { origin: 'pager.ndjson', line: 2 }),
  ]);
  app = await buildApp({ db: t.db });
  sessions = await signInEach(t.db);
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const retry = (session: TestSession | null, body: object = {}) =>
  app.inject({ method: 'POST', url: '/api/quarantine/retry', headers: session ? session.headers : {}, payload: body });

describe('POST /api/quarantine/retry', () => {
  it('needs a session (401) and role sre (403)', async () => {
    expect((await retry(null)).statusCode).toBe(401);
    expect((await retry(sessions.viewer)).statusCode).toBe(403);
  });

  it('stores what passes after a fix, keeps the rest, and names who asked on the new batch', async () => {
    await mapSeverity(t.db, 'Urgent', 'sev1');
    const response = await retry(sessions.sre);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      retried: 2, still_invalid: 1,
      batch: { batch_id: expect.stringMatching(/^\d+$/), total: { received: 1, inserted: 1, updated: 0, unchanged: 0, quarantined: 0, pending: 0 } },
    });
    const stored = await t.db.selectFrom('incidents').select(['external_id', 'severity']).execute();
    expect(stored).toEqual([{ external_id: 'P-1', severity: 'sev1' }]);
    const batch = await t.db.selectFrom('ingest_batches').select('origin').where('id', '=', body.batch.batch_id).executeTakeFirstOrThrow();
    expect(batch.origin).toBe(`POST /api/quarantine/retry by ${sessions.sre.name}`);
    // Nothing more passes: a second retry stores nothing.
    expect((await retry(sessions.sre)).json()).toEqual({ retried: 1, still_invalid: 1, batch: null });
  });

  it('retries only the ids asked for, and names a malformed id', async () => {
    const open = await app.inject({ url: '/api/quarantine', headers: sessions.viewer.headers });
    const [item] = open.json().items as { id: string }[];
    expect((await retry(sessions.sre, { ids: ['999999'] })).json()).toEqual({ retried: 0, still_invalid: 0, batch: null });
    expect((await retry(sessions.sre, { ids: [item!.id] })).json()).toMatchObject({ retried: 1, still_invalid: 1 });
    const bad = await retry(sessions.sre, { ids: ['abc'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/ids/);
  });
});
