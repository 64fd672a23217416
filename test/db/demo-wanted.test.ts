// Who gets the demo year: the embedded default's first run, or whoever asks (start --demo);
// never a database of one's own unasked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoLoadedAt, demoState, demoWanted } from '../../server/demo-data.ts';
import { loadRecords } from '../../server/load-records.ts';
import { writeSetting } from '../../server/db/settings.repository.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { makeDeployment, makeService, valid } from '../support/factories.ts';

let empty: TestDatabase;
let own: TestDatabase;

beforeAll(async () => {
  [empty, own] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  await loadRecords(own.db, { source: 'test' }, valid([makeService({ id: 'shop' }), makeDeployment({ service: 'shop' })]));
});
afterAll(() => Promise.all([empty.drop(), own.drop()]));

describe('demoWanted', () => {
  it('loads into an empty embedded cluster, or an empty DATABASE_URL only when asked', async () => {
    expect(await demoWanted(empty.db, { embedded: true })).toBe(true);
    expect(await demoWanted(empty.db, { embedded: false })).toBe(false);
    expect(await demoWanted(empty.db, { embedded: false, requested: false })).toBe(false);
    expect(await demoWanted(empty.db, { embedded: false, requested: true })).toBe(true);
  });

  it('does not mix into data of one\'s own unless asked', async () => {
    expect(await demoWanted(own.db, { embedded: true })).toBe(false);
    expect(await demoWanted(own.db, { embedded: false })).toBe(false);
    expect(await demoWanted(own.db, { embedded: false, requested: true })).toBe(true);
  });

  it('takes up a demo load that was cut short, and reports its progress meanwhile', async () => {
    // A start killed halfway through its demo load: records of the batch stored, none finished.
    const cut = await createTestDatabase();
    try {
      await writeSetting(cut.db, 'demo_started_at', '2026-11-30T07:59:00.000Z');
      await loadRecords(cut.db, { source: 'test' }, valid([makeService({ id: 'shop' }), makeDeployment({ service: 'shop' })]));
      await cut.db.insertInto('ingest_batches').values({ source: 'demo', origin: 'sevscope seed-demo', received: 5000 }).execute();
      expect(await demoState(cut.db)).toEqual({ loaded_at: null, started_at: '2026-11-30T07:59:00.000Z', records_loaded: 5000 });
      expect(await demoWanted(cut.db, { embedded: true })).toBe(true);
      expect(await demoWanted(cut.db, { embedded: false })).toBe(true); // it was asked for then
    } finally {
      await cut.drop();
    }
  });

  it('is not loaded twice, asked or not', async () => {
    expect(await demoLoadedAt(empty.db)).toBeNull();
    await writeSetting(empty.db, 'demo_loaded_at', '2026-11-30T08:00:00.000Z');
    expect(await demoLoadedAt(empty.db)).toBe('2026-11-30T08:00:00.000Z');
    expect(await demoWanted(empty.db, { embedded: true })).toBe(false);
    expect(await demoWanted(empty.db, { embedded: false, requested: true })).toBe(false);
  });
});
