// A served dashboard for browser tests: the built web app and the API over a fresh database
// holding the test's records, a browser, and a viewer's session.
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import type { NormalizedRecord } from '../../ingest/model.ts';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { ensureWebBuilt } from '../../server/web-build.ts';
import { type TestSession, signIn } from './auth.ts';
import { launchBrowser } from './browser.ts';
import { type TestDatabase, createTestDatabase } from './database.ts';
import { valid } from './factories.ts';

export interface Dashboard {
  t: TestDatabase;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  viewer: TestSession;
  close(): Promise<void>;
}

export async function startDashboard(records: NormalizedRecord[]): Promise<Dashboard> {
  await ensureWebBuilt();
  const t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid(records));
  const app = await buildApp({ db: t.db });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const viewer = await signIn(t.db, 'viewer');
  const browser = await launchBrowser();
  return {
    t, app, baseUrl, browser, viewer,
    close: async () => {
      await browser.close();
      await app.close();
      await t.drop();
    },
  };
}
