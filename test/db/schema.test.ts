import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/schema.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';

// Typed so that tsc fails when server/db/schema.ts gains or loses a column not listed here;
// the test then fails when the migrated database disagrees with this list.
type Columns = { [T in keyof Database]: { [C in keyof Database[T]]-?: true } };
const all = <T extends keyof Database>(columns: Columns[T]) => Object.keys(columns).sort();
const declared: Columns = {
  services: { id: true, external_id: true, source: true, name: true, team: true, tier: true, domain: true, high_risk: true, attributes: true, ingest_batch_id: true, created_at: true, updated_at: true },
  people: { id: true, external_id: true, source: true, name: true, team: true, seniority: true, attributes: true, ingest_batch_id: true, created_at: true, updated_at: true },
  changes: {
    id: true, source: true, external_id: true, service_id: true, author: true, authored_at: true, repo: true, title: true, merged_at: true, approvers: true,
    change_ticket: true, checks_passed: true, change_type: true, lines_added: true, lines_deleted: true, reverts: true, ai_assisted: true, ai_tool: true,
    ai_mode: true, ai_evidence: true, attributes: true, ingest_batch_id: true, created_at: true, updated_at: true,
  },
  deployments: {
    id: true, source: true, external_id: true, service_id: true, environment: true, started_at: true, finished_at: true, effective_at: true, status: true,
    version: true, change_ids: true, actor: true, actor_type: true, rollback_of: true, remediates: true, regions: true, change_type: true, ai_assisted: true,
    ai_tool: true, ai_mode: true, ai_evidence: true, cohort: true, cohort_evidence: true, attributes: true, ingest_batch_id: true, created_at: true, updated_at: true,
  },
  deployment_changes: { deployment_id: true, change_external_id: true },
  incidents: {
    id: true, source: true, external_id: true, title: true, severity: true, status: true, impact_started_at: true, detected_at: true, acknowledged_at: true,
    mitigated_at: true, resolved_at: true, detection: true, services: true, caused_by: true, regions: true, orders_lost: true, errors: true,
    users_affected: true, traffic_share: true, postmortem_url: true, attributes: true, ingest_batch_id: true, created_at: true, updated_at: true,
  },
  incident_services: { incident_id: true, service_id: true },
  link_decisions: { incident_id: true, deployment_id: true, decision: true, decided_by: true, decided_at: true, notes: true },
  incident_links: { incident_id: true, deployment_id: true, rule: true, confidence: true, computed_at: true },
  classifications: {
    id: true, source: true, external_id: true, incident_id: true, ai_role: true, factors: true, notes: true, classified_by: true, classified_at: true,
    attributes: true, ingest_batch_id: true, created_at: true,
  },
  agent_actions: {
    id: true, source: true, external_id: true, agent: true, at: true, action: true, service_id: true, environment: true, destructive: true,
    approved_by: true, permission_scope: true, outcome: true, attributes: true, ingest_batch_id: true, created_at: true, updated_at: true,
  },
  slo_policies: { id: true, name: true, metric: true, cohort: true, severities: true, threshold: true, objective: true, window_days: true, enabled: true, created_at: true, updated_at: true },
  ingest_batches: {
    id: true, source: true, origin: true, status: true, started_at: true, finished_at: true, received: true, inserted: true, updated: true,
    unchanged: true, quarantined: true, pending: true, by_kind: true, error: true, heartbeat_at: true, refreshed_at: true,
  },
  pending_records: {
    id: true, kind: true, source: true, external_id: true, field: true, waiting_for: true, record: true, origin: true, line: true, batch_id: true, received_at: true,
  },
  quarantine: { id: true, batch_id: true, source: true, kind: true, record_id: true, origin: true, line: true, field: true, reason: true, raw: true, created_at: true, resolved_at: true },
  api_tokens: { id: true, name: true, role: true, token_hash: true, created_at: true, last_used_at: true, revoked_at: true },
  audit_log: { id: true, at: true, actor: true, token_id: true, user_id: true, action: true, entity: true, entity_id: true, details: true },
  users: { id: true, name: true, role: true, password_hash: true, created_at: true, last_sign_in_at: true, disabled_at: true },
  sessions: { id: true, user_id: true, created_at: true, last_seen_at: true, expires_at: true },
  sign_in_links: { id: true, token_hash: true, user_id: true, created_at: true, expires_at: true, used_at: true },
  sign_in_failures: { name: true, failures: true, last_at: true },
  follow_ups: { id: true, incident_id: true, title: true, owner: true, due_date: true, status: true, created_by: true, updated_by: true, created_at: true, updated_at: true },
  settings: { key: true, value: true, updated_at: true },
  deployment_rollups: {
    day: true, service_id: true, environment: true, cohort: true, deployments: true, rollbacks: true, rework: true, rolled_back: true,
    linked_050: true, linked_070: true, linked_090: true, linked_100: true, ev_declared: true, ev_trailer: true, ev_bot_author: true,
    ev_label: true, ev_ticket: true, ev_inferred: true,
    gov_evaluated: true, gov_two_person_review: true, gov_change_documentation: true, gov_automated_checks: true, gov_senior_signoff: true, gov_single_operator_config: true, gov_violated: true,
  },
  deployment_scope_rollups: {
    day: true, scope: true, environment: true, cohort: true, deployments: true, rollbacks: true, rework: true, rolled_back: true,
    linked_050: true, linked_070: true, linked_090: true, linked_100: true, ev_declared: true, ev_trailer: true, ev_bot_author: true,
    ev_label: true, ev_ticket: true, ev_inferred: true,
    gov_evaluated: true, gov_two_person_review: true, gov_change_documentation: true, gov_automated_checks: true, gov_senior_signoff: true, gov_single_operator_config: true, gov_violated: true,
  },
  deployment_month_rollups: {
    month: true, service_id: true, environment: true, cohort: true, deployments: true, rollbacks: true, rework: true, rolled_back: true,
    linked_050: true, linked_070: true, linked_090: true, linked_100: true, ev_declared: true, ev_trailer: true, ev_bot_author: true,
    ev_label: true, ev_ticket: true, ev_inferred: true,
    gov_evaluated: true, gov_two_person_review: true, gov_change_documentation: true, gov_automated_checks: true, gov_senior_signoff: true, gov_single_operator_config: true, gov_violated: true,
  },
  change_rollups: { day: true, service_id: true, evidence: true, changes: true },
  change_month_rollups: { month: true, service_id: true, evidence: true, changes: true },
  lead_time_findings: { deployment_id: true, day: true, service_id: true, change_external_id: true, authored_at: true, minutes: true },
  governance_findings: {
    deployment_id: true, day: true, service_id: true, environment: true, control: true, deployment: true, change: true, service: true,
    authors: true, approvers: true, at: true,
  },
  duration_histograms: { scope: true, metric: true, day: true, environment: true, link_level: true, buckets: true, counts: true },
  duration_month_histograms: { scope: true, metric: true, month: true, environment: true, link_level: true, buckets: true, counts: true },
  deployment_recoveries: { deployment_id: true, day: true, service_id: true, environment: true, minutes: true, max_link_confidence: true },
  change_durations: { service_id: true, day: true, environment: true, lead_time: true, merge_to_deploy: true },
  incident_facts: {
    level: true, incident_id: true, severity: true, impact_started_at: true, cohort: true, ttd: true, ttrb: true, restore: true, resolve: true,
    blast_services: true, regions: true, orders_lost: true, errors: true, users_affected: true, traffic_share: true, impact_minutes: true, ai_role: true, negative_times: true,
  },
  incident_value_days: {
    scope: true, level: true, day: true, severity: true, cohort: true, incidents: true,
    ttd: true, ttrb: true, restore: true, blast_services: true, traffic_share: true, impact_minutes: true,
  },
  incident_scopes: { scope: true, impact_started_at: true, incident_id: true },
  incident_rollups: { scope: true, level: true, month: true, severity: true, cohort: true, incidents: true, classified: true, ai_involved: true,
    ttd_known: true, ttd_negative: true, ttrb_known: true, ttrb_negative: true, restore_known: true, restore_negative: true, resolve_known: true, resolve_negative: true },
  incident_trend_points: { grain: true, scope: true, level: true, severities: true, period: true, cohort: true, stats: true },
  incident_histograms: { scope: true, level: true, month: true, severity: true, metric: true, cohort: true, buckets: true, counts: true },
  rollup_dirty_days: { day: true, service_id: true, marked_at: true },
  rollup_dirty_incidents: { incident_id: true, marked_at: true },
  job_progress: { job_id: true, queue: true, phase: true, done: true, total: true, updated_at: true },
};

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe('Database interface', () => {
  it('declares exactly the tables and columns the migrations create', async () => {
    const { rows } = await sql<{ table_name: string; column_name: string }>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name NOT LIKE 'kysely_%'`.execute(t.db);
    const actual: Record<string, string[]> = {};
    for (const row of rows) (actual[row.table_name] ??= []).push(row.column_name);
    for (const columns of Object.values(actual)) columns.sort();
    const expected = Object.fromEntries(Object.keys(declared).map((table) => [table, all(declared[table as keyof Database])]));
    expect(actual).toEqual(expected);
  });

  it('refuses to update or delete audit_log and classifications rows', async () => {
    await t.db.insertInto('audit_log').values({ actor: 'test', action: 'create', entity: 'slo_policy' }).execute();
    await expect(t.db.updateTable('audit_log').set({ actor: 'someone else' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);

    const incident = await t.db
      .insertInto('incidents')
      .values({ source: 'test', external_id: 'i-1', title: 'outage', severity: 'sev1', impact_started_at: '2026-03-01T00:00:00Z' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('classifications')
      .values({ source: 'test', external_id: 'c-1', incident_id: incident.id, ai_role: 'primary', classified_by: 'sre', classified_at: '2026-03-02T00:00:00Z' })
      .execute();
    await expect(t.db.updateTable('classifications').set({ ai_role: 'none' }).execute()).rejects.toThrow(/classifications is append-only/);
    await expect(t.db.deleteFrom('classifications').execute()).rejects.toThrow(/append-only/);
  });

  it('finds incident titles containing a text by their trigram index', async () => {
    await sql`
      INSERT INTO incidents (source, external_id, title, severity, impact_started_at)
      SELECT 'trigram', 'i-' || n, CASE WHEN n % 100 = 0 THEN 'Checkout LATENCY spike ' ELSE 'Queue backlog ' END || n, 'sev2', '2026-03-01T00:00:00Z'
      FROM generate_series(1, 5000) n`.execute(t.db);
    await sql`ANALYZE incidents`.execute(t.db);
    // The index serves ILIKE (a table this small is read whole by choice, so the scan is ruled out).
    const plan = await t.db.transaction().execute(async (tx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(tx);
      return (await sql<Record<string, string>>`EXPLAIN SELECT count(*) FROM incidents WHERE title ILIKE '%latency%'`.execute(tx)).rows.map((row) => Object.values(row)[0]).join('\n');
    });
    expect(plan).toMatch(/Bitmap Index Scan on incidents_title_trgm_idx/);
    const { rows: [found] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incidents WHERE source = 'trigram' AND title ILIKE '%latency%'`.execute(t.db);
    expect(found!.n).toBe(50);
  });

  it('seeds the default SLO policies from docs/metrics.md', async () => {
    const policies = await t.db.selectFrom('slo_policies').select(['name', 'metric', 'cohort', 'threshold', 'objective']).orderBy('name').execute();
    expect(policies).toEqual([
      { name: 'ai-blast-1-service', metric: 'blast_services', cohort: 'ai', threshold: 1, objective: 0.9 },
      { name: 'ai-cfr-15pct', metric: 'cfr', cohort: 'ai', threshold: 0.15, objective: 0.95 },
      { name: 'ai-ttd-15m', metric: 'ttd', cohort: 'ai', threshold: 15, objective: 0.95 },
      { name: 'ai-ttrb-30m', metric: 'ttrb', cohort: 'ai', threshold: 30, objective: 0.95 },
    ]);
  });
});
