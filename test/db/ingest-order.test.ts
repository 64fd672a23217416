// docs/ingest-format.md "Common rules": order never matters. The same records, ingested in
// dependency order, shuffled, in small chunks, or split into batches in reverse dependency order
// (classifications before their incidents, deployments before their changes, rollbacks before
// what they roll back), end in the same rows, links and headline metrics.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeploymentRecord, NormalizedRecord } from '../../ingest/model.ts';
import { requestFilters } from '../../server/analytics/request-filters.ts';
import { metricsSummary } from '../../server/analytics/metrics-summary.ts';
import { trends } from '../../server/analytics/trends.ts';
import type { Db } from '../../server/db/connection.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { random } from '../support/random.ts';
import { AI, HUMAN, UNKNOWN, makeAgentAction, makeChange, makeClassification, makeDeployment, makeIncident, makePerson, makeService, valid } from '../support/factories.ts';

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rnd = random(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = rnd.int(i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

const rnd = random(20261201);
const START = Date.UTC(2026, 4, 1);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const iso = (ms: number) => new Date(ms).toISOString();
// 'edge' and 'batch' are never described by a service record: they exist as placeholders only.
const SERVICES = ['checkout', 'payments', 'search', 'edge', 'batch'];

function dataset(): NormalizedRecord[] {
  const records: NormalizedRecord[] = [
    makeService({ id: 'checkout', team: 'shop', tier: 1, domain: 'checkout' }),
    makeService({ id: 'payments', team: 'money', tier: 1, domain: 'payment' }),
    makeService({ id: 'search', team: 'shop', tier: 2, domain: 'search', high_risk: false }),
    ...['alice', 'bob', 'carol'].map((id, i) => makePerson({ id, seniority: (['junior', 'mid', 'senior'] as const)[i]! })),
  ];
  const deployments: DeploymentRecord[] = [];
  for (let i = 0; i < 160; i++) {
    const service = rnd.pick(SERVICES);
    const finished = START + rnd.int(40 * DAY);
    const changes = Array.from({ length: rnd.int(3) }, () =>
      makeChange({ service, ai: rnd.pick([AI, HUMAN, UNKNOWN]), authored_at: iso(finished - rnd.int(3 * DAY)), merged_at: iso(finished - HOUR), author: rnd.pick(['alice', 'bob', 'carol']), approvers: rnd.next() < 0.5 ? ['carol'] : [] }),
    );
    records.push(...changes);
    // Deployments that declare nothing take their cohort from their changes, whenever those arrive.
    const deployment = makeDeployment({
      service, ai: rnd.next() < 0.4 ? rnd.pick([AI, HUMAN]) : UNKNOWN, finished_at: iso(finished), started_at: iso(finished - 600_000),
      status: rnd.pick(['succeeded', 'succeeded', 'succeeded', 'rolled_back']), changes: [...changes.map((c) => c.id), ...(rnd.next() < 0.1 ? ['never-ingested'] : [])],
    });
    deployments.push(deployment);
    records.push(deployment);
    if (deployment.status === 'rolled_back') {
      records.push(makeDeployment({ service, ai: HUMAN, rollback_of: deployment.id, finished_at: iso(finished + rnd.int(2 * HOUR)) }));
    }
  }
  // Two deployments of one service at the same instant: which one a heuristic link takes must
  // not depend on which was stored first.
  const tie = iso(START + 41 * DAY);
  records.push(makeDeployment({ id: 'tie-a', service: 'checkout', ai: AI, finished_at: tie, started_at: tie }));
  records.push(makeDeployment({ id: 'tie-b', service: 'checkout', ai: HUMAN, finished_at: tie, started_at: tie }));
  const incidents = Array.from({ length: 50 }, (_, i) => {
    const impact = START + rnd.int(40 * DAY);
    return makeIncident({
      services: [rnd.pick(SERVICES)],
      severity: rnd.pick(['sev1', 'sev2', 'sev2', 'sev3']),
      impact_started_at: iso(impact),
      detected_at: iso(impact + rnd.int(60) * 60_000),
      resolved_at: iso(impact + 3 * HOUR),
      caused_by: i % 7 === 0 ? [rnd.pick(deployments).id] : [],
    });
  });
  incidents.push(makeIncident({ id: 'tie-incident', services: ['checkout'], severity: 'sev1', impact_started_at: iso(START + 41 * DAY + HOUR) }));
  records.push(...incidents);
  for (const incident of incidents.filter((_, i) => i % 2 === 0)) {
    const at = Date.parse(incident.impact_started_at) + DAY;
    records.push(makeClassification({ incident: incident.id, ai_role: rnd.pick(['primary', 'contributory', 'incidental', 'none']), classified_at: iso(at) }));
    // A re-classification later, and one at the very same instant: the latest wins, ties by id.
    if (rnd.next() < 0.4) records.push(makeClassification({ incident: incident.id, ai_role: rnd.pick(['primary', 'none']), classified_at: iso(at + DAY) }));
    if (rnd.next() < 0.2) records.push(makeClassification({ incident: incident.id, ai_role: 'contributory', classified_at: iso(at) }));
  }
  // Its incident never arrives: it waits in every order.
  records.push(makeClassification({ id: 'orphan', incident: 'never-arrives', ai_role: 'primary' }));
  for (let i = 0; i < 12; i++) {
    records.push(makeAgentAction({ at: iso(START + rnd.int(40 * DAY)), service: rnd.pick(SERVICES), destructive: rnd.next() < 0.5, approved_by: rnd.next() < 0.5 ? ['carol'] : [] }));
  }
  return records;
}

const RECORDS = dataset();
const DEPENDENCY_ORDER = ['service', 'person', 'change', 'deployment', 'incident', 'classification', 'agent_action'] as const;
const byDependency = (records: NormalizedRecord[]) => DEPENDENCY_ORDER.map((kind) => records.filter((r) => r.kind === kind));
// Rollbacks before the deployments they roll back, too.
const rollbacksFirst = (records: NormalizedRecord[]) => [...records].sort((a, b) => Number(b.kind === 'deployment' && b.rollback_of !== null) - Number(a.kind === 'deployment' && a.rollback_of !== null));

/** Everything the records produce, without surrogate ids, batch ids or write times. */
async function snapshot(db: Db) {
  const drop = `'{id,ingest_batch_id,created_at,updated_at,service_id,incident_id}'::text[]`;
  const table = async (from: string, extra = `'{}'::jsonb`) => {
    const { rows } = await sql<{ rows: unknown }>`
      SELECT coalesce(jsonb_agg(x ORDER BY x::text), '[]') AS rows
      FROM (SELECT (to_jsonb(t) - ${sql.raw(drop)}) || ${sql.raw(extra)} AS x FROM ${sql.raw(from)}) q`.execute(db);
    return rows[0]!.rows;
  };
  const service = `jsonb_build_object('service', (SELECT external_id FROM services WHERE id = t.service_id))`;
  const filters = await requestFilters(db, {}, { wholeDays: true });
  return {
    services: await table('services t'),
    people: await table('people t'),
    changes: await table('changes t', service),
    deployments: await table('deployments t', service),
    deployment_changes: await table(
      `(SELECT d.external_id AS deployment, dc.change_external_id FROM deployment_changes dc JOIN deployments d ON d.id = dc.deployment_id) t`,
    ),
    incidents: await table('incidents t'),
    incident_services: await table(
      `(SELECT i.external_id AS incident, s.external_id AS service FROM incident_services x JOIN incidents i ON i.id = x.incident_id JOIN services s ON s.id = x.service_id) t`,
    ),
    classifications: await table('classifications t', `jsonb_build_object('incident', (SELECT external_id FROM incidents WHERE id = t.incident_id))`),
    agent_actions: await table('agent_actions t', service),
    links: await table(
      `(SELECT i.external_id AS incident, d.external_id AS deployment, l.rule, l.confidence FROM incident_links l
        JOIN incidents i ON i.id = l.incident_id JOIN deployments d ON d.id = l.deployment_id) t`,
    ),
    pending: await table(`(SELECT kind, source, external_id, field, waiting_for, record FROM pending_records) t`),
    summary: await metricsSummary(db, filters),
    summaryOfATeam: await metricsSummary(db, await requestFilters(db, { team: 'shop' }, { wholeDays: true })),
    weekly: await trends(db, filters, 'week'),
  };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;

async function ingestInBatches(batches: NormalizedRecord[][], chunkSize?: number): Promise<Snapshot> {
  const t: TestDatabase = await createTestDatabase();
  try {
    for (const batch of batches) await loadRecords(t.db, { source: 'test', ...(chunkSize ? { chunkSize } : {}) }, valid(batch));
    return await snapshot(t.db);
  } finally {
    await t.drop();
  }
}

let expected: Snapshot;

beforeAll(async () => {
  expected = await ingestInBatches([byDependency(RECORDS).flat()]);
}, 120_000);

describe('ingest independent of line order', () => {
  it('has data in every part it compares', () => {
    for (const [name, rows] of Object.entries(expected)) {
      if (Array.isArray(rows)) expect(rows.length, name).toBeGreaterThan(0);
    }
    const { summary } = expected;
    expect(summary.incidents.total).toBeGreaterThan(20);
    expect(summary.incidents.ai_involved).toBeGreaterThan(0);
    expect(summary.incidents.unclassified).toBeGreaterThan(0);
    expect(summary.cfr.ai.deployments).toBeGreaterThan(0);
    expect(summary.cfr.ai.failed).toBeGreaterThan(0);
    expect(summary.coverage.by_evidence.inferred).toBeGreaterThan(0);
    expect((expected.links as { rule: string }[]).some((link) => link.rule === 'explicit')).toBe(true);
    expect((expected.links as { incident: string }[]).some((link) => link.incident === 'tie-incident')).toBe(true);
    expect(expected.pending).toEqual([expect.objectContaining({ kind: 'classification', external_id: 'orphan', field: 'classification.incident', waiting_for: 'never-arrives' })]);
  });

  it.each([11, 22, 33])('gives the same rows and metrics for a shuffled batch (seed %i) written in small chunks', async (seed) => {
    expect(await ingestInBatches([shuffled(RECORDS, seed)], 40)).toEqual(expected);
  }, 120_000);

  it('gives the same rows and metrics for batches in reverse dependency order', async () => {
    const batches = byDependency(RECORDS).reverse().map(rollbacksFirst);
    expect(batches[0]![0]!.kind).toBe('agent_action');
    expect(await ingestInBatches(batches)).toEqual(expected);
  }, 120_000);

  it('gives the same rows and metrics for a shuffle split into five batches', async () => {
    const lines = shuffled(RECORDS, 44);
    const size = Math.ceil(lines.length / 5);
    expect(await ingestInBatches(Array.from({ length: 5 }, (_, i) => lines.slice(i * size, (i + 1) * size)))).toEqual(expected);
  }, 120_000);
});
