// A refresh finds the deployments of its dirty (day, service) pairs in one of two ways
// (derived/dirty-sets.ts): a probe per pair on the (service, time) index for up to PROBED_DAYS
// pairs, one hash join above. Batches of a few hundred pairs take the probe; marking every pair
// of the same data dirty at once takes the hash join. Both must leave the same derived rows.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NormalizedRecord } from '../../ingest/model.ts';
import { PROBED_DAYS } from '../../server/analytics/derived/dirty-sets.ts';
import { vacuumDerived, refreshRollups } from '../../server/analytics/rollups.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { derivedSnapshot } from '../support/derived-snapshot.ts';
import { AI, HUMAN, UNKNOWN, makeChange, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';
import { random } from '../support/random.ts';

const SERVICES = 20;
const DAYS = 300; // 20 × 300 = 6 000 pairs, above PROBED_DAYS
const DAYS_PER_BATCH = 30; // 600 pairs a batch, below it
const START = Date.UTC(2026, 0, 5);
const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** One deployment per (day, service); every ninth rolled back an hour later; an incident every fifth day. */
function batch(firstDay: number, rnd: ReturnType<typeof random>): NormalizedRecord[] {
  const records: NormalizedRecord[] = [];
  for (let day = firstDay; day < firstDay + DAYS_PER_BATCH; day++) {
    for (let s = 0; s < SERVICES; s++) {
      const service = `svc-${s}`;
      const at = START + day * DAY + (9 + rnd.int(8)) * HOUR;
      const change = makeChange({ service, ai: rnd.pick([AI, HUMAN]), authored_at: iso(at - 2 * DAY), merged_at: iso(at - HOUR) });
      const deployment = makeDeployment({
        service, ai: rnd.pick([AI, HUMAN, UNKNOWN]), finished_at: iso(at), started_at: iso(at - 600_000),
        status: (day + s) % 9 === 0 ? 'rolled_back' : 'succeeded', changes: [change.id],
      });
      records.push(change, deployment);
      if (deployment.status === 'rolled_back') records.push(makeDeployment({ service, ai: HUMAN, rollback_of: deployment.id, finished_at: iso(at + HOUR) }));
      if ((day + s) % 5 === 0 && s % 4 === 0) {
        records.push(makeIncident({
          services: [service], severity: rnd.pick(['sev1', 'sev2', 'sev3']), impact_started_at: iso(at + 20 * 60_000),
          detected_at: iso(at + 30 * 60_000), resolved_at: iso(at + 3 * HOUR), caused_by: rnd.next() < 0.5 ? [deployment.id] : [],
        }));
      }
    }
  }
  return records;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t?.drop());

describe('the dirty deployments of a refresh', () => {
  it('are the same by probe and by hash join: one refresh of every pair leaves the rows the batches left', async () => {
    const rnd = random(20261202);
    await loadRecords(t.db, { source: 'test' }, valid(Array.from({ length: SERVICES }, (_, s) => makeService({ id: `svc-${s}`, team: `team-${s % 3}` }))));
    for (let first = 0; first < DAYS; first += DAYS_PER_BATCH) {
      const records = batch(first, rnd);
      // Each batch's pairs (its days × services, the rollbacks' days among them) stay under the probe limit.
      expect(new Set(records.filter((r) => r.kind === 'deployment').map((r) => `${r.service}@${r.finished_at?.slice(0, 10)}`)).size).toBeLessThanOrEqual(PROBED_DAYS);
      await loadRecords(t.db, { source: 'test' }, valid(records));
    }
    const byProbe = await derivedSnapshot(t.db);
    expect(byProbe.deployment_rollups!.length).toBeGreaterThan(PROBED_DAYS);

    // Every pair dirty again, as one large batch would leave them: a refresh, not a rebuild (it
    // replaces each pair's rows rather than starting from empty tables).
    await sql`INSERT INTO rollup_dirty_days SELECT DISTINCT (effective_at AT TIME ZONE 'UTC')::date, service_id FROM deployments`.execute(t.db);
    const refresh = await refreshRollups(t.db);
    await vacuumDerived(t.db, 'changed');
    expect(refresh.days).toBeGreaterThan(PROBED_DAYS);
    expect(await derivedSnapshot(t.db)).toEqual(byProbe);
  }, 240_000);
});
