import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateRecord } from '../../ingest/validate.ts';
import { findingReason } from '../../server/analytics/data-quality.ts';
import { buildApp } from '../../server/app.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestSession, signIn } from '../support/auth.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { AI, HUMAN, makeChange, makeDeployment, makeIncident, makeService, valid } from '../support/factories.ts';

let t: TestDatabase;
let app: FastifyInstance;
let viewer: TestSession;
const PERIOD = 'from=2026-03-01&to=2026-04-01';

// shop shipped two changes on 03-02 10:00; one of them was authored an hour later: lead time −60.
const cOk = makeChange({ service: 'shop', ai: AI, authored_at: '2026-03-01T09:00:00.000Z' });
const cLate = makeChange({ service: 'shop', authored_at: '2026-03-02T11:00:00.000Z' });
const dShop = makeDeployment({ service: 'shop', ai: HUMAN, changes: [cOk.id, cLate.id], finished_at: '2026-03-02T10:00:00.000Z' });
// cart's deployment is untagged: coverage 1 of 2 deployments.
const dCart = makeDeployment({ service: 'cart', finished_at: '2026-03-09T10:00:00.000Z' });
// Detected ten minutes before impact: TTD −10 is excluded; TTRb 13:00 − 11:50 = 70, restore 60, resolve 120.
const iEarly = makeIncident({
  services: ['shop'], severity: 'sev1', impact_started_at: '2026-03-05T12:00:00.000Z',
  detected_at: '2026-03-05T11:50:00.000Z', mitigated_at: '2026-03-05T13:00:00.000Z', resolved_at: '2026-03-05T14:00:00.000Z',
});
// Never detected: TTD and TTRb missing; restore 60; resolve missing.
const iUndetected = makeIncident({ services: ['cart'], severity: 'sev2', impact_started_at: '2026-03-10T08:00:00.000Z', mitigated_at: '2026-03-10T09:00:00.000Z' });
// A Sev3 resolved before it began: counted only when severity asks for Sev3.
const iSev3 = makeIncident({ services: ['cart'], severity: 'sev3', impact_started_at: '2026-03-12T08:00:00.000Z', resolved_at: '2026-03-12T07:00:00.000Z' });

// Wilson 95 % for 1 of 2: centre (0.5 + z²/4) / (1 + z²/2) = 0.5, half-width (z / (1 + z²/2)) · √(1/8 + z²/16);
// for 0 of 1 the upper end is z² / (1 + z²). With z = 1.959964: 1 of 2 → 0.0945 … 0.9055, 0 of 1 → 0 … 0.7935.
const Z = 1.959963984540054;
const HALF = (Z / (1 + (Z * Z) / 2)) * Math.sqrt(1 / 8 + (Z * Z) / 16);
const HALF_OF_TWO = { low: 0.5 - HALF, high: 0.5 + HALF };
const ZERO_OF_ONE_HIGH = (Z * Z) / (1 + Z * Z);

const ttdReason = 'detected_at 2026-03-05T11:50:00Z is before impact_started_at 2026-03-05T12:00:00Z: TTD −10 min excluded';
const leadReason = `finished_at 2026-03-02T10:00:00Z is before change ${cLate.id} authored_at 2026-03-02T11:00:00Z: lead time −60 min excluded`;

beforeAll(async () => {
  t = await createTestDatabase();
  await loadRecords(t.db, { source: 'test' }, valid([
    makeService({ id: 'shop', team: 'team-a' }), makeService({ id: 'cart', team: 'team-b', tier: 2 }),
    cOk, cLate, dShop, dCart, iEarly, iUndetected, iSev3,
  ]));
  // A second run: a record that names an unknown severity (quarantined) and the classification
  // of an incident not stored yet (pending).
  const pager = { kind: 'incident', source: 'pager', id: 'P-1', title: 'down', severity: 'whatever', impact_started_at: '2026-03-20T10:00:00Z', services: ['cart'] };
  const early = { kind: 'classification', source: 'pager', id: 'C-1', incident: 'P-2', ai_role: 'primary', classified_by: 'sre', classified_at: '2026-03-21T10:00:00Z' };
  await loadRecords(t.db, { source: 'pager', origin: 'pager.ndjson' }, [
    validateRecord(pager, { origin: 'pager.ndjson', line: 1 }),
    validateRecord(early, { origin: 'pager.ndjson', line: 2 }),
  ]);
  app = await buildApp({ db: t.db });
  viewer = await signIn(t.db, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const get = async (query: string) => {
  const response = await app.inject({ method: 'GET', headers: viewer.headers, url: `/api/data-quality?${query}` });
  expect(response.statusCode).toBe(200);
  return response.json();
};

describe('GET /api/data-quality', () => {
  it('reports coverage, incident time completeness, findings, open quarantine and ingest runs', async () => {
    const body = await get(PERIOD);
    expect(body.period).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(body.coverage).toEqual({
      deployments: { deployments: 2, known: 1, share: 0.5, ci_low: expect.closeTo(HALF_OF_TWO.low, 12), ci_high: expect.closeTo(HALF_OF_TWO.high, 12), by_evidence: { declared: 1 } },
      changes: { changes: 2, known: 1, share: 0.5, ci_low: expect.closeTo(HALF_OF_TWO.low, 12), ci_high: expect.closeTo(HALF_OF_TWO.high, 12), by_evidence: { trailer: 1 } },
      // 2026-03-02 and 03-09 are Mondays: one deployment in each ISO week.
      weekly: [
        { week: '2026-03-02', deployments: 1, known: 1, by_evidence: { declared: 1 } },
        { week: '2026-03-09', deployments: 1, known: 0, by_evidence: {} },
      ],
      // Most untagged first: team-b (cart) is the team to ask.
      by_team: [
        { team: 'team-b', deployments: 1, untagged: 1, known: 0, share: 0, ci_low: 0, ci_high: expect.closeTo(ZERO_OF_ONE_HIGH, 12) },
        { team: 'team-a', deployments: 1, untagged: 0, known: 1, share: 1, ci_low: expect.closeTo(1 - ZERO_OF_ONE_HIGH, 12), ci_high: 1 },
      ],
    });
    // Sev1/Sev2 only: iEarly and iUndetected.
    expect(body.incident_times).toEqual({
      ttd: { incidents: 2, known: 0, missing: 1, negative: 1 },
      ttrb: { incidents: 2, known: 1, missing: 1, negative: 0 },
      restore: { incidents: 2, known: 2, missing: 0, negative: 0 },
      resolve: { incidents: 2, known: 1, missing: 1, negative: 0 },
    });
    // Newest record first: the incident of 03-05, then the deployment of 03-02.
    expect(body.findings).toEqual([
      { kind: 'incident', id: iEarly.id, field: 'detected_at', metric: 'ttd', reason: ttdReason, value: -10 },
      { kind: 'deployment', id: dShop.id, field: 'finished_at', metric: 'lead_time', reason: leadReason, value: -60 },
    ]);
    expect(body.findings_total).toBe(2);
    expect(body.quarantine).toEqual({ total: 1, by_field: [{ kind: 'incident', field: 'incident.severity', count: 1 }] });
    expect(body.pending).toEqual({
      total: 1,
      by_field: [{ kind: 'classification', field: 'classification.incident', count: 1 }],
      items: [{
        id: expect.any(String), kind: 'classification', source: 'pager', external_id: 'C-1', field: 'classification.incident', waiting_for: 'P-2',
        origin: 'pager.ndjson', line: 2, batch_id: body.ingest_runs[0].id, received_at: expect.any(String),
      }],
    });
    expect(body.ingest_runs).toHaveLength(2);
    expect(body.ingest_runs[0]).toEqual({
      id: expect.any(String), source: 'pager', origin: 'pager.ndjson', status: 'succeeded',
      started_at: expect.any(String), finished_at: expect.any(String),
      received: 2, inserted: 0, updated: 0, unchanged: 0, quarantined: 1, pending: 1, error: null,
    });
    expect(body.ingest_runs[1]).toMatchObject({ source: 'test', status: 'succeeded', received: 9, inserted: 9, quarantined: 0 });
  });

  it('follows the filters: service, period and severity', async () => {
    const cart = await get(`${PERIOD}&service=cart`);
    expect(cart.coverage.deployments).toEqual({ deployments: 1, known: 0, share: 0, ci_low: 0, ci_high: expect.closeTo(ZERO_OF_ONE_HIGH, 12), by_evidence: {} });
    expect(cart.coverage.changes).toMatchObject({ changes: 0, share: null, ci_low: null, ci_high: null });
    expect(cart.incident_times.ttd).toEqual({ incidents: 1, known: 0, missing: 1, negative: 0 });
    expect(cart.findings).toEqual([]);
    expect(cart.findings_total).toBe(0);
    // Quarantine and ingest runs describe the whole database, whatever the filters.
    expect(cart.quarantine.total).toBe(1);
    expect(cart.ingest_runs).toHaveLength(2);

    // From 03-03 on, the deployment of 03-02 is out of the period; the incident is not.
    const later = await get('from=2026-03-03&to=2026-04-01');
    expect(later.findings.map((f: { metric: string }) => f.metric)).toEqual(['ttd']);

    const sev3 = await get(`${PERIOD}&severity=sev3`);
    expect(sev3.incident_times.resolve).toEqual({ incidents: 1, known: 0, missing: 0, negative: 1 });
    expect(sev3.findings).toEqual([
      {
        kind: 'incident', id: iSev3.id, field: 'resolved_at', metric: 'resolve', value: -60,
        reason: 'resolved_at 2026-03-12T07:00:00Z is before impact_started_at 2026-03-12T08:00:00Z: time to resolve −60 min excluded',
      },
      { kind: 'deployment', id: dShop.id, field: 'finished_at', metric: 'lead_time', reason: leadReason, value: -60 },
    ]);
  });

  it('limits the findings and says how many there are', async () => {
    const body = await get(`${PERIOD}&limit=1`);
    expect(body.findings.map((f: { id: string }) => f.id)).toEqual([iEarly.id]);
    expect(body.findings_total).toBe(2);
  });

  it('exports the findings as CSV that parses back to the JSON rows', async () => {
    const json = await get(PERIOD);
    const response = await app.inject({ method: 'GET', url: `/api/data-quality?${PERIOD}`, headers: { ...viewer.headers, accept: 'text/csv' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="data-quality.csv"');
    const rows = parse(response.body, { columns: true, cast: (value, context) => (context.column === 'value' ? Number(value) : value) });
    expect(rows).toEqual(json.findings);
  });

  it('answers a bad parameter with a 400 that names it', async () => {
    const badLimit = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/data-quality?limit=0' });
    expect(badLimit.statusCode).toBe(400);
    expect(badLimit.json().error.message).toMatch(/^querystring\.limit: /);
    const badTier = await app.inject({ method: 'GET', headers: viewer.headers, url: '/api/data-quality?tier=9' });
    expect(badTier.statusCode).toBe(400);
    expect(badTier.json().error).toMatchObject({ code: 'invalid_filter', message: expect.stringMatching(/^tier: /) });
  });
});

describe('findingReason', () => {
  it('names the rollback when TTRb ends at a rollback, and writes fractions of a minute', () => {
    expect(findingReason({
      metric: 'ttrb', field: 'rollback_finished_at', field_at: new Date('2026-03-05T12:01:30Z'),
      other_field: 'detected_at', other_at: new Date('2026-03-05T12:04:00Z'), other_id: null, value: -2.5,
    })).toBe('rollback_finished_at 2026-03-05T12:01:30Z is before detected_at 2026-03-05T12:04:00Z: TTRb −2.5 min excluded');
  });
});
