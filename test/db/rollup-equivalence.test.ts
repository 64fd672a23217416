// Rollups are a cache: after batches that insert, move, re-tag and roll back deployments and
// rewrite incidents, every rollup-based number must equal the same number computed from the
// raw tables, and the incrementally kept rollups must equal a rebuild from nothing.
import { type RawBuilder, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AiTag, ChangeRecord, DeploymentRecord, IncidentRecord, NormalizedRecord } from '../../ingest/model.ts';
import { cfrByCohort, cfrByWeek, cfrDeployments } from '../../server/analytics/change-failure-rate.ts';
import { dora } from '../../server/analytics/dora.ts';
import { type BucketCount, durationBucket, storedDurationBuckets } from '../../server/analytics/duration-histogram.ts';
import { DEPLOYMENT_CONTROLS, GOVERNANCE_CONTROLS } from '../../server/analytics/governance-control-list.ts';
import { governanceByWeek, governanceFindings, governanceSummary, governanceViolations, incidentsWithViolations } from '../../server/analytics/governance-controls.ts';
import { type MetricFilters, parseFilters, serviceFilter, wholeDays } from '../../server/analytics/filters.ts';
import { incidentFacts } from '../../server/analytics/incident-facts.ts';
import { incidentSummary } from '../../server/analytics/incident-metrics.ts';
import { listIncidents } from '../../server/analytics/incident-views.ts';
import { classificationBacklog } from '../../server/analytics/classification.ts';
import { type CohortIncidentTrend, TREND_STATS } from '../../server/analytics/incident-trend-points.ts';
import { trends } from '../../server/analytics/trends.ts';
import { type CohortBucket, type CohortCounts, incidentBuckets, incidentCounts } from '../../server/analytics/incident-rollups.ts';
import { environmentsInScope, productionDeploymentsInScope } from '../../server/analytics/production-deployments.ts';
import { rollupScope } from '../../server/analytics/rollup-scope.ts';
import { rebuildDerived } from '../../server/analytics/refresh.ts';
import { DERIVED_TABLES } from '../../server/analytics/derived/registry.ts';
import { dataFindings, incidentTimeCompleteness } from '../../server/analytics/data-quality.ts';
import { listServices } from '../../server/analytics/service-list.ts';
import { derivedSnapshot } from '../support/derived-snapshot.ts';
import { changeCoverage, deploymentCoverage } from '../../server/analytics/tagging-coverage.ts';
import { readMetricSettings } from '../../server/db/settings.repository.ts';
import { loadRecords } from '../../server/load-records.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';
import { random } from '../support/random.ts';
import { AI, HUMAN, UNKNOWN, makeAgentAction, makeChange, makeClassification, makeDeployment, makeIncident, makePerson, makeService, valid } from '../support/factories.ts';
import { DEFAULT_METRIC_SETTINGS } from '../../server/db/settings.repository.ts';

let t: TestDatabase;

const rnd = random(20260316);
const START = Date.UTC(2026, 2, 1);
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const SERVICES = ['shop', 'cart', 'pay', 'search', 'ship', 'auth'];
const TAGS: AiTag[] = [AI, HUMAN, UNKNOWN, UNKNOWN];
const PEOPLE = ['alice', 'bob', 'carol', 'dave'];
const ROLES = ['primary', 'contributory', 'incidental', 'none'] as const;

const changes: ChangeRecord[] = [];
const deployments: DeploymentRecord[] = [];
for (let i = 0; i < 400; i++) {
  const service = rnd.pick(SERVICES);
  const finished = START + rnd.int(60 * DAY);
  const own = Array.from({ length: rnd.int(3) }, () => {
    const authored = finished - rnd.int(5 * DAY);
    return makeChange({
      service, ai: rnd.pick([AI, HUMAN, UNKNOWN]), authored_at: iso(authored), merged_at: rnd.next() < 0.5 ? iso(authored + rnd.int(DAY)) : null,
      author: rnd.pick(PEOPLE), approvers: PEOPLE.filter(() => rnd.next() < 0.3), change_ticket: rnd.pick([null, '', 'CHG-1']),
      checks_passed: rnd.pick([true, true, false, null]), change_type: rnd.pick(['code', 'code', 'config', 'infra']),
    });
  });
  changes.push(...own);
  deployments.push(makeDeployment({
    service, ai: rnd.pick(TAGS), finished_at: iso(finished), started_at: iso(finished - 600_000),
    environment: rnd.pick(['production', 'production', 'prod', 'staging']),
    status: rnd.pick(['succeeded', 'succeeded', 'succeeded', 'rolled_back', 'failed']),
    changes: own.map((c) => c.id),
  }));
}
const rollbacks = deployments
  .filter((d) => d.status === 'rolled_back')
  .map((d) => makeDeployment({ service: d.service, ai: HUMAN, environment: d.environment, rollback_of: d.id, finished_at: iso(Date.parse(d.finished_at!) + rnd.int(3 * 3_600_000)) }));
const remediations = deployments.slice(0, 20).map((d) => makeDeployment({ service: d.service, ai: AI, remediates: [d.id], finished_at: iso(Date.parse(d.finished_at!) + DAY) }));
const minutesLater = (ms: number, max: number) => (rnd.next() < 0.15 ? null : iso(ms + (rnd.int(max) - max / 10) * 60_000));
const incidents: IncidentRecord[] = Array.from({ length: 60 }, () => {
  const impact = START + rnd.int(60 * DAY);
  return makeIncident({
    services: [...new Set([rnd.pick(SERVICES), ...(rnd.next() < 0.3 ? [rnd.pick(SERVICES)] : [])])],
    severity: rnd.pick(['sev1', 'sev2', 'sev2', 'sev3']),
    impact_started_at: iso(impact),
    detected_at: minutesLater(impact, 60),
    mitigated_at: minutesLater(impact, 300),
    resolved_at: minutesLater(impact, 900),
    caused_by: rnd.next() < 0.2 ? [rnd.pick(deployments).id] : [],
    impact: { orders_lost: rnd.int(1000), errors: null, users_affected: null, traffic_share: rnd.next() < 0.5 ? null : rnd.next() },
  });
});

const agentActions = Array.from({ length: 30 }, () => makeAgentAction({
  at: iso(START + rnd.int(60 * DAY)), service: rnd.next() < 0.2 ? null : rnd.pick(SERVICES), environment: rnd.pick(['production', 'prod', 'staging']),
  destructive: rnd.pick([true, true, false, null]), approved_by: rnd.next() < 0.5 ? [] : ['bob'],
}));

// Data for every filter case, so that no comparison is between two empty lists: the random data
// leaves some cases thin (one service, the short period, prod only, min_confidence 1, sev1+sev3).
// Per service and production environment, within the short period: a deployment whose one change
// breaks every deployment control, a Sev1 incident naming it (an explicit link, confidence 1;
// never classified), a Sev3 incident (never linked), a Sev2 one detected before it began and a destructive agent action nobody approved.
const EVERY_CASE = Date.UTC(2026, 2, 20, 6);
const everyCase: NormalizedRecord[] = SERVICES.flatMap((service, i) => ['production', 'prod'].flatMap((environment, j) => {
  const at = EVERY_CASE + (2 * i + j) * 5 * 3_600_000;
  const change = makeChange({
    service, ai: AI, author: 'alice', approvers: [], change_ticket: null, checks_passed: null, change_type: 'config',
    authored_at: iso(at - DAY), merged_at: iso(at - 3_600_000),
  });
  const deployment = makeDeployment({ service, environment, ai: AI, started_at: iso(at - 600_000), finished_at: iso(at), changes: [change.id] });
  return [
    change, deployment,
    makeIncident({
      services: [service], severity: 'sev1', impact_started_at: iso(at + 1_800_000), caused_by: [deployment.id],
      detected_at: iso(at + 2_400_000), mitigated_at: iso(at + 5_400_000), resolved_at: iso(at + 9_000_000),
    }),
    makeIncident({ services: [service], severity: 'sev3', impact_started_at: iso(at + 3_600_000) }),
    // Detected before its impact began: a negative TTD, a data error Data quality lists.
    makeIncident({ services: [service], severity: 'sev2', impact_started_at: iso(at + 4_200_000), detected_at: iso(at + 3_900_000), mitigated_at: iso(at + 6_000_000) }),
    makeAgentAction({ at: iso(at), service, environment, destructive: true, approved_by: [] }),
  ];
}));

/**
 * Guards a comparison: two equal empty lists prove nothing, so every case first checks that the
 * fixture gives it data to compare.
 */
function atLeast(minimum: number, count: number, what: string): void {
  expect(count, `${what}: the fixture must give this case at least ${minimum}`).toBeGreaterThanOrEqual(minimum);
}

const load = (records: NormalizedRecord[]) => loadRecords(t.db, { source: 'test' }, valid(records));

beforeAll(async () => {
  t = await createTestDatabase();
  await load([
    ...SERVICES.map((id, i) => makeService({ id, tier: ((i % 3) + 1) as 1 | 2 | 3, domain: i % 2 ? 'payment' : 'checkout', team: `team-${i % 2}`, high_risk: i % 4 === 0 })),
    makePerson({ id: 'alice', seniority: 'junior' }), makePerson({ id: 'bob', seniority: 'senior' }), makePerson({ id: 'carol', seniority: 'mid' }),
  ]);
  // 1: most deployments and half the incidents; their changes only later (cohorts inferred then).
  await load([...deployments.slice(0, 300), ...incidents.slice(0, 30)]);
  // 2: the rest, the changes, the rollbacks (on later days than what they roll back), remediations.
  await load([...changes, ...deployments.slice(300), ...rollbacks, ...remediations, ...incidents.slice(30), ...agentActions, ...everyCase,
    ...incidents.slice(0, 40).map((inc, i) => makeClassification({ incident: inc.id, ai_role: ROLES[i % 4]!, classified_at: '2026-05-01T00:00:00Z' }))]);
  // 3: corrections: deployments move days, change status and tags; incidents move and grow;
  // changes gain approvers and checks; a person is promoted, one appears; a service becomes Tier 1,
  // another high-risk (so that its deployments are evaluated for the governance controls).
  await load([
    makeService({ id: 'cart', tier: 1, domain: 'payment', team: 'team-1', high_risk: false }),
    makeService({ id: 'pay', tier: 3, domain: 'checkout', team: 'team-0', high_risk: true }),
    makePerson({ id: 'carol', seniority: 'senior' }), makePerson({ id: 'dave', seniority: 'junior' }),
    ...changes.slice(0, 80).map((c) => ({ ...c, approvers: [...c.approvers, 'bob'], checks_passed: !c.checks_passed })),
    // changes re-authored later, some after their deployment finished (a negative lead time),
    // and re-tagged: change_rollups and lead_time_findings move with them
    ...changes.slice(80, 120).map((c, i) => ({ ...c, authored_at: iso(Date.parse(c.authored_at) + (i % 4) * 2 * DAY), ai: [AI, HUMAN, UNKNOWN][i % 3]! })),
    ...deployments.slice(0, 60).map((d, i) => ({ ...d, finished_at: iso(Date.parse(d.finished_at!) + ((i % 5) - 2) * DAY), ai: rnd.pick(TAGS), status: i % 7 === 0 ? ('rolled_back' as const) : d.status })),
    // reclassified: the latest classification counts
    ...incidents.slice(20, 40).map((inc, i) => makeClassification({ incident: inc.id, ai_role: ROLES[(i + 1) % 4]!, classified_at: '2026-05-02T00:00:00Z' })),
    ...incidents.slice(0, 20).map((inc, i) => ({ ...inc, impact_started_at: iso(Date.parse(inc.impact_started_at) - (i % 3) * 3_600_000), services: [...inc.services, rnd.pick(SERVICES)].filter((s, j, all) => all.indexOf(s) === j) })),
  ]);
  // 4: classifications alone, touching nothing else.
  await load(incidents.slice(40).map((inc, i) => makeClassification({ incident: inc.id, ai_role: ROLES[i % 4]!, classified_at: '2026-05-03T00:00:00Z' })));
  // 5: per service, a Sev2 incident within the short period that no deployment explains (none of
  // the service's in the day before it), so every case has unattributed, unclassified incidents.
  const { rows: quiet } = await sql<{ service: string; at: Date | null }>`
    SELECT s.external_id AS service,
           (SELECT min(g) FROM generate_series(${new Date(START + 10 * DAY)}::timestamptz, ${new Date(START + 34 * DAY)}::timestamptz, interval '1 hour') g
            WHERE NOT EXISTS (SELECT 1 FROM deployments d WHERE d.service_id = s.id AND d.effective_at BETWEEN g - interval '25 hours' AND g)) AS at
    FROM services s WHERE s.external_id = ANY(${SERVICES}::text[]) ORDER BY 1`.execute(t.db);
  expect(quiet.filter((q) => q.at !== null)).toHaveLength(SERVICES.length);
  await load(quiet.map(({ service, at }) => makeIncident({
    services: [service], severity: 'sev2', impact_started_at: iso(at!.getTime()), detected_at: iso(at!.getTime() + 600_000), mitigated_at: iso(at!.getTime() + 3_600_000),
  })));
});
afterAll(() => t.drop());

const periods: Record<string, string>[] = [{}, { from: '2026-03-10', to: '2026-04-05' }];
const narrowings: Record<string, string>[] = [
  {}, { service: 'pay' }, { tier: '1' }, { domain: 'payment', environment: 'prod' }, { team: 'team-1', tier: '1' },
  { min_confidence: '0.7' }, { min_confidence: '0.9' }, { min_confidence: '1' }, { severity: 'sev1,sev3' },
];
const cases = periods.flatMap((period) => narrowings.map((extra): [string, Record<string, string>] => [JSON.stringify({ ...period, ...extra }), { ...period, ...extra }]));
const filtersOf = (raw: Record<string, string>): MetricFilters => wholeDays(parseFilters({ from: '2026-02-20', to: '2026-05-10', ...raw }, new Date(), DEFAULT_METRIC_SETTINGS));

describe.each(cases)('rollup-based numbers equal raw ones for %s', (_name, raw) => {
  it('CFR per cohort and per week', async () => {
    const filters = filtersOf(raw);
    const { productionEnvironments } = await readMetricSettings(t.db);
    const { rows } = await sql<{ cohort: string; deployments: number; failed: number; week: string }>`
      WITH d AS (${cfrDeployments(filters, productionEnvironments)})
      SELECT to_char(date_trunc('week', effective_at), 'YYYY-MM-DD') AS week, cohort, count(*)::int AS deployments, count(*) FILTER (WHERE failed)::int AS failed
      FROM d GROUP BY 1, 2 ORDER BY 1, 2
    `.execute(t.db);
    atLeast(2, rows.length, 'weeks × cohorts with deployments');
    atLeast(1, rows.reduce((n, r) => n + r.failed, 0), 'failed deployments');
    expect((await cfrByWeek(t.db, filters)).map(({ week, cohort, deployments, failed }) => ({ week, cohort, deployments, failed }))).toEqual(rows);
    const byCohort = await cfrByCohort(t.db, filters);
    for (const cohort of ['ai', 'human', 'unknown'] as const) {
      const mine = rows.filter((r) => r.cohort === cohort);
      expect(byCohort[cohort]).toMatchObject({ deployments: mine.reduce((n, r) => n + r.deployments, 0), failed: mine.reduce((n, r) => n + r.failed, 0) });
    }
    // Per service: whole months from deployment_month_rollups, the edges from the day rows.
    const { rows: perService } = await sql<{ id: string; deployments: number; failed: number; ai_deployments: number; ai_failed: number }>`
      WITH d AS (${cfrDeployments(filters, productionEnvironments)})
      SELECT s.external_id AS id, count(*)::int AS deployments, count(*) FILTER (WHERE failed)::int AS failed,
             count(*) FILTER (WHERE cohort = 'ai')::int AS ai_deployments, count(*) FILTER (WHERE cohort = 'ai' AND failed)::int AS ai_failed
      FROM d JOIN services s ON s.id = d.service_id GROUP BY 1 ORDER BY 1
    `.execute(t.db);
    const services = await listServices(t.db, filters);
    const listed = services
      .filter((row) => row.deployments > 0)
      .map(({ id, deployments, failed, ai_deployments, ai_failed }) => ({ id, deployments, failed, ai_deployments, ai_failed }))
      .sort((a, b) => a.id.localeCompare(b.id));
    expect(listed).toEqual(perService);
    // Its Sev1/Sev2 incidents per service: whole months from incident_rollups, edges from the facts.
    const { rows: hit } = await sql<{ id: string; sev1_incidents: number; sev2_incidents: number }>`
      SELECT s.external_id AS id, count(*) FILTER (WHERE i.severity = 'sev1')::int AS sev1_incidents, count(*) FILTER (WHERE i.severity = 'sev2')::int AS sev2_incidents
      FROM incident_services x JOIN incidents i ON i.id = x.incident_id JOIN services s ON s.id = x.service_id
      WHERE i.impact_started_at >= ${filters.from} AND i.impact_started_at < ${filters.to} AND i.severity IN ('sev1', 'sev2') AND ${serviceFilter(filters)}
      GROUP BY 1 ORDER BY 1`.execute(t.db);
    atLeast(1, hit.length, 'services with Sev1/Sev2 incidents');
    expect(services.filter((row) => row.sev1_incidents + row.sev2_incidents > 0).map(({ id, sev1_incidents, sev2_incidents }) => ({ id, sev1_incidents, sev2_incidents })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(hit);
  });

  it('coverage, deployment frequency, rework, lead times and recovery', async () => {
    const filters = filtersOf(raw);
    const { productionEnvironments } = await readMetricSettings(t.db);
    const { rows } = await sql<{ deployments: number; known: number; rework: number; by_evidence: Record<string, number> | null }>`
      WITH d AS (SELECT d.* FROM ${productionDeploymentsInScope(filters, productionEnvironments)})
      SELECT count(*)::int AS deployments, count(*) FILTER (WHERE cohort <> 'unknown')::int AS known,
             count(*) FILTER (WHERE rollback_of IS NOT NULL OR cardinality(remediates) > 0)::int AS rework,
             (SELECT json_object_agg(e, n) FROM (SELECT coalesce(cohort_evidence, 'declared') AS e, count(*)::int AS n FROM d WHERE cohort <> 'unknown' GROUP BY 1) x) AS by_evidence
      FROM d
    `.execute(t.db);
    const expected = rows[0]!;
    atLeast(1, expected.known, 'production deployments with a known cohort');
    atLeast(1, expected.deployments - expected.known, 'production deployments with an unknown cohort');
    atLeast(1, expected.rework, 'rework deployments');
    expect(await deploymentCoverage(t.db, filters)).toMatchObject({ deployments: expected.deployments, known: expected.known, by_evidence: expected.by_evidence ?? {} });
    // Change coverage: whole months from change_month_rollups, the edges from the day rows.
    const { rows: authored } = await sql<{ changes: number; known: number }>`
      SELECT count(*)::int AS changes, count(*) FILTER (WHERE c.ai_assisted IS NOT NULL)::int AS known
      FROM changes c JOIN services s ON s.id = c.service_id
      WHERE c.authored_at >= ${filters.from} AND c.authored_at < ${filters.to} AND ${serviceFilter(filters)}`.execute(t.db);
    atLeast(1, authored[0]!.known, 'tagged changes');
    expect(await changeCoverage(t.db, filters)).toMatchObject(authored[0]!);

    // DORA recovery from raw: restore of linked incidents, plus rolled-back deployments with no
    // Sev1/Sev2 link at min_confidence: first rollback finished − deployment finished.
    const recovery = await sql<{ n: number; median: number | null; p90: number | null }>`
      WITH f AS (${incidentFacts({ from: filters.from, to: filters.to, filters })}),
      d AS (SELECT d.* FROM ${productionDeploymentsInScope(filters, productionEnvironments)}),
      minutes AS (
        SELECT restore AS m FROM f WHERE cohort <> 'unattributed' AND restore IS NOT NULL
        UNION ALL
        SELECT extract(epoch FROM min(rb.finished_at) - d.finished_at)::float8 / 60
        FROM d JOIN deployments rb ON rb.rollback_of = d.external_id AND rb.service_id = d.service_id AND rb.finished_at >= d.finished_at
        WHERE d.status = 'rolled_back' AND d.rollback_of IS NULL
          AND NOT EXISTS (SELECT 1 FROM incident_links l JOIN incidents i ON i.id = l.incident_id
                          WHERE l.deployment_id = d.id AND l.confidence >= ${filters.minConfidence} AND i.severity IN ('sev1', 'sev2'))
        GROUP BY d.id, d.finished_at
      )
      SELECT count(m)::int AS n, percentile_cont(0.5) WITHIN GROUP (ORDER BY m) AS median, percentile_cont(0.9) WITHIN GROUP (ORDER BY m) AS p90 FROM minutes
    `.execute(t.db);
    const { n: recoveries, ...recoveryTime } = recovery.rows[0]!;
    atLeast(2, recoveries, 'recovery times');
    // Lead time and merge-to-deploy from raw: every change of a finished production deployment.
    const changes = await sql<Record<'lead' | 'merge', { median: number | null; p90: number | null }> & { leads: number; merges: number }>`
      WITH m AS (
        SELECT extract(epoch FROM d.finished_at - c.authored_at)::float8 / 60 AS lead, extract(epoch FROM d.finished_at - c.merged_at)::float8 / 60 AS merge
        FROM (SELECT d.* FROM ${productionDeploymentsInScope(filters, productionEnvironments)} AND d.finished_at IS NOT NULL) d
        JOIN deployment_changes dc ON dc.deployment_id = d.id JOIN changes c ON c.external_id = dc.change_external_id)
      SELECT (SELECT json_build_object('median', percentile_cont(0.5) WITHIN GROUP (ORDER BY lead), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY lead)) FROM m WHERE lead >= 0) AS lead,
             (SELECT json_build_object('median', percentile_cont(0.5) WITHIN GROUP (ORDER BY merge), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY merge)) FROM m WHERE merge >= 0) AS merge,
             (SELECT count(*)::int FROM m WHERE lead >= 0) AS leads, (SELECT count(*)::int FROM m WHERE merge >= 0) AS merges
    `.execute(t.db);
    atLeast(2, changes.rows[0]!.leads, 'lead times');
    atLeast(2, changes.rows[0]!.merges, 'merge-to-deploy times');
    const fast = await dora(t.db, filters);
    expect(fast.durations_exact).toBe(true);
    expect(fast.lead_time).toEqual(changes.rows[0]!.lead);
    expect(fast.merge_to_deploy).toEqual(changes.rows[0]!.merge);
    const days = (filters.to.getTime() - filters.from.getTime()) / DAY;
    expect(fast.deploys_per_week).toBeCloseTo(expected.deployments / (days / 7), 9);
    expect(fast.rework_rate).toBe(expected.deployments > 0 ? expected.rework / expected.deployments : null);
    expect(fast.recovery_time).toEqual(recoveryTime);
  });

  it('incident counts and every percentile per cohort', async () => {
    const filters = filtersOf(raw);
    type Pair = { median: number | null; p90: number | null };
    const { rows } = await sql<{ cohort: string; count: number; ttd: Pair; ttrb: Pair; restore: Pair; blast: Pair & { max: number | null } }>`
      WITH f AS (${incidentFacts({ from: filters.from, to: filters.to, filters })})
      SELECT cohort, count(*)::int AS count,
             json_build_object('median', percentile_cont(0.5) WITHIN GROUP (ORDER BY ttd), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY ttd)) AS ttd,
             json_build_object('median', percentile_cont(0.5) WITHIN GROUP (ORDER BY ttrb), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY ttrb)) AS ttrb,
             json_build_object('median', percentile_cont(0.5) WITHIN GROUP (ORDER BY restore), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY restore)) AS restore,
             json_build_object('median', percentile_cont(0.5) WITHIN GROUP (ORDER BY blast_services), 'p90', percentile_cont(0.9) WITHIN GROUP (ORDER BY blast_services), 'max', max(blast_services)) AS blast
      FROM f GROUP BY cohort
    `.execute(t.db);
    const attributed = rows.filter((r) => r.cohort !== 'unattributed');
    atLeast(2, attributed.reduce((n, r) => n + r.count, 0), 'attributed incidents');
    atLeast(1, rows.find((r) => r.cohort === 'unattributed')?.count ?? 0, 'unattributed incidents');
    atLeast(1, attributed.filter((r) => r.ttd.p90 !== null && r.ttrb.median !== null && r.restore.p90 !== null).length, 'cohorts with every time');
    const summary = await incidentSummary(t.db, filters);
    expect(summary.total).toBe(rows.reduce((n, r) => n + r.count, 0));
    expect(summary.unattributed).toBe(rows.find((r) => r.cohort === 'unattributed')?.count ?? 0);
    const none = { median: null, p90: null };
    for (const cohort of ['ai', 'human', 'unknown'] as const) {
      const row = rows.find((r) => r.cohort === cohort);
      const got = summary.by_cohort[cohort];
      expect({ count: got.count, ttd: got.ttd, ttrb: got.ttrb, restore: got.restore, blast_services: got.blast_services }).toEqual({
        count: row?.count ?? 0, ttd: row?.ttd ?? none, ttrb: row?.ttrb ?? none, restore: row?.restore ?? none, blast_services: row?.blast ?? { ...none, max: null },
      });
    }
    // The incident list's total, counted from the rollups when the options allow.
    const list = (options: Partial<Parameters<typeof listIncidents>[2]>) => listIncidents(t.db, filters, { cohort: null, limit: 1, offset: 0, ...options });
    expect((await list({})).total).toBe(summary.total);
    expect((await list({ cohort: 'ai' })).total).toBe(rows.find((r) => r.cohort === 'ai')?.count ?? 0);
    const { rows: unclassified } = await sql<{ n: number }>`
      WITH f AS (${incidentFacts({ from: filters.from, to: filters.to, filters })})
      SELECT count(*)::int AS n FROM f WHERE NOT EXISTS (SELECT 1 FROM classifications c WHERE c.incident_id = f.id)`.execute(t.db);
    atLeast(1, summary.total - unclassified[0]!.n, 'classified incidents');
    expect((await list({ aiRole: 'unclassified' })).total).toBe(unclassified[0]!.n);
    // The classification backlog's total: rollups up to the 48-hour cutoff, mid-April here.
    const now = new Date(Date.UTC(2026, 3, 15, 13));
    const { rows: waiting } = await sql<{ n: number }>`
      WITH f AS (${incidentFacts({ from: filters.from, to: filters.to, filters })})
      SELECT count(*)::int AS n FROM f
      WHERE NOT EXISTS (SELECT 1 FROM classifications c WHERE c.incident_id = f.id) AND f.impact_started_at < ${new Date(now.getTime() - 48 * 3_600_000)}`.execute(t.db);
    atLeast(1, waiting[0]!.n, 'unclassified incidents before the cutoff');
    expect((await classificationBacklog(t.db, filters, now, 1)).total).toBe(waiting[0]!.n);
  });

  it('incident time completeness and the negative times listed', async () => {
    const filters = filtersOf(raw);
    const { rows } = await sql<{ metric: string; incidents: number; known: number; missing: number; negative: number }>`
      WITH f AS (${incidentFacts({ from: filters.from, to: filters.to, filters })})
      SELECT t.metric, count(*)::int AS incidents, count(*) FILTER (WHERE t.minutes >= 0)::int AS known,
             count(*) FILTER (WHERE t.minutes IS NULL)::int AS missing, count(*) FILTER (WHERE t.minutes < 0)::int AS negative
      FROM f CROSS JOIN LATERAL (VALUES ('ttd', f.raw_ttd), ('ttrb', f.raw_ttrb), ('restore', f.raw_restore), ('resolve', f.raw_resolve)) t(metric, minutes)
      GROUP BY t.metric ORDER BY t.metric
    `.execute(t.db);
    atLeast(1, rows.reduce((n, r) => n + r.negative, 0), 'negative incident times');
    atLeast(1, rows.reduce((n, r) => n + r.missing, 0), 'missing incident times');
    const completeness = await incidentTimeCompleteness(t.db, filters);
    expect(rows.map(({ metric, ...counts }) => [metric, counts])).toEqual(Object.entries(completeness).sort(([a], [b]) => a.localeCompare(b)));
    const all = await dataFindings(t.db, filters, 1000);
    expect(all.findings.filter((f) => f.kind === 'incident').length).toBe(rows.reduce((n, r) => n + r.negative, 0));
    expect(all.total).toBe(all.findings.length);
    // A short page is the head of the full list, and still counts them all.
    const page = await dataFindings(t.db, filters, 2);
    expect(page).toEqual({ total: all.total, findings: all.findings.slice(0, 2) });
  });
});

describe.each(cases)('governance and duration histograms equal raw ones for %s', (_name, raw) => {
  it('governance: evaluated and violators per control and week, and the findings', async () => {
    const filters = filtersOf(raw);
    const { productionEnvironments } = await readMetricSettings(t.db);
    const scope = { environments: environmentsInScope(filters, productionEnvironments), filters, periodAndServices: true };
    const findings = governanceFindings(scope);
    const { rows: weeks } = await sql<{ week: string; control: string; evaluated: number; violations: number }>`
      WITH ${findings},
      verdict AS (
        SELECT c.control, e.effective_at AS at,
               EXISTS (SELECT 1 FROM finding f WHERE f.deployment_id = e.id AND f.control = c.control) AS violated
        FROM evaluated e CROSS JOIN unnest(${DEPLOYMENT_CONTROLS}::text[]) AS c (control)
        UNION ALL
        SELECT 'agent_destructive_approval', a.at, cardinality(a.approved_by) = 0 FROM evaluated_action a
      )
      SELECT to_char(date_trunc('week', at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week, control,
             count(*)::int AS evaluated, count(*) FILTER (WHERE violated)::int AS violations
      FROM verdict GROUP BY 1, 2 ORDER BY 1, array_position(${GOVERNANCE_CONTROLS}::text[], control)
    `.execute(t.db);
    atLeast(1, weeks.filter((w) => w.control === 'two_person_review').length, 'weeks with evaluated deployments');
    atLeast(1, weeks.filter((w) => w.control === 'agent_destructive_approval').length, 'weeks with destructive agent actions');
    for (const control of GOVERNANCE_CONTROLS) atLeast(1, weeks.filter((w) => w.control === control).reduce((n, w) => n + w.violations, 0), `${control} violations`);
    expect((await governanceByWeek(t.db, filters)).map(({ rate: _rate, ...week }) => week)).toEqual(weeks);
    const total = (control: string) => weeks.filter((w) => w.control === control).reduce((n, w) => n + w.violations, 0);
    expect(await governanceSummary(t.db, filters)).toEqual({
      evaluated: weeks.filter((w) => w.control === 'two_person_review').reduce((n, w) => n + w.evaluated, 0),
      violations: Object.fromEntries(GOVERNANCE_CONTROLS.map((control) => [control, total(control)])),
    });
    const { rows: list } = await sql<Record<string, unknown>>`
      WITH ${findings}
      SELECT control, deployment, change, agent_action, service, authors, approvers, agent, at FROM finding
      ORDER BY at DESC, deployment, change, agent_action, array_position(${GOVERNANCE_CONTROLS}::text[], control)
    `.execute(t.db);
    atLeast(GOVERNANCE_CONTROLS.length, list.length, 'findings');
    expect(await governanceViolations(t.db, filters)).toEqual(list.map((row) => ({ ...row, at: (row.at as Date).toISOString() })));
  });

  it('incidents whose linked deployment violated a control', async () => {
    const filters = filtersOf(raw);
    const { productionEnvironments } = await readMetricSettings(t.db);
    const { rows } = await sql<Record<string, unknown>>`
      WITH ${governanceFindings({ environments: environmentsInScope(filters, productionEnvironments), filters, periodAndServices: false })}
      SELECT i.external_id AS incident, i.title, i.severity, i.impact_started_at, f.deployment, f.service,
             array_agg(DISTINCT f.control ORDER BY f.control) AS controls
      FROM incidents i JOIN incident_links l ON l.incident_id = i.id AND l.confidence >= ${filters.minConfidence}
      JOIN finding f ON f.deployment_id = l.deployment_id
      WHERE i.severity = ANY(${filters.severities}::text[]) AND i.impact_started_at >= ${filters.from} AND i.impact_started_at < ${filters.to}
        AND EXISTS (SELECT 1 FROM incident_services isv JOIN services s ON s.id = isv.service_id WHERE isv.incident_id = i.id AND ${serviceFilter(filters)})
      GROUP BY i.id, f.deployment_id, f.deployment, f.service
      ORDER BY i.impact_started_at DESC, i.external_id, f.deployment
    `.execute(t.db);
    atLeast(Object.keys(raw).length === 0 ? 4 : 1, rows.length, 'incidents linked to a violating deployment');
    expect(await incidentsWithViolations(t.db, filters)).toEqual(rows.map((row) => ({ ...row, impact_started_at: (row.impact_started_at as Date).toISOString() })));
  });

  it('duration histograms hold every raw value in its bucket', async () => {
    const filters = filtersOf(raw);
    // Two service attributes have no scope row of their own (their percentiles are exact): the
    // kept services' own rows must then add up to the raw values, each deployment having one service.
    const scope = rollupScope(filters);
    const scopes = scope !== null ? [scope] : (await sql<{ scope: string }>`
      SELECT 'service:' || s.external_id AS scope FROM services s WHERE ${serviceFilter(filters)} ORDER BY 1`.execute(t.db)).rows.map((r) => r.scope);
    atLeast(scope === null ? 2 : 1, scopes.length, 'scopes');
    const { productionEnvironments } = await readMetricSettings(t.db);
    const environments = environmentsInScope(filters, productionEnvironments);
    const stored = async (metric: 'lead_time' | 'merge_to_deploy' | 'recovery') => (await sql<BucketCount>`
      SELECT bucket, sum(n)::int AS n FROM (${sql.join(scopes.map((one) => storedDurationBuckets(filters, environments, metric, one)), sql` UNION ALL `)}) b
      GROUP BY 1 ORDER BY 1`.execute(t.db)).rows;
    const rawBuckets = async (minutes: RawBuilder<unknown>) =>
      (await sql<BucketCount>`SELECT ${durationBucket(sql.ref('m'))} AS bucket, count(*)::int AS n FROM (${minutes}) x WHERE m >= 0 GROUP BY 1 ORDER BY 1`.execute(t.db)).rows;
    const changeMinutes = (start: string) => sql`
      SELECT extract(epoch FROM d.finished_at - ${sql.ref(`c.${start}`)})::float8 / 60 AS m
      FROM (SELECT d.* FROM ${productionDeploymentsInScope(filters, productionEnvironments)} AND d.finished_at IS NOT NULL) d
      JOIN deployment_changes dc ON dc.deployment_id = d.id JOIN changes c ON c.external_id = dc.change_external_id`;
    const leadTimes = await rawBuckets(changeMinutes('authored_at'));
    atLeast(5, leadTimes.length, 'lead time buckets');
    expect(await stored('lead_time')).toEqual(leadTimes);
    const mergeTimes = await rawBuckets(changeMinutes('merged_at'));
    atLeast(3, mergeTimes.length, 'merge-to-deploy buckets');
    expect(await stored('merge_to_deploy')).toEqual(mergeTimes);
    const recoveries = await rawBuckets(sql`
      SELECT extract(epoch FROM min(rb.finished_at) - d.finished_at)::float8 / 60 AS m
      FROM (SELECT d.* FROM ${productionDeploymentsInScope(filters, productionEnvironments)}) d
      JOIN deployments rb ON rb.rollback_of = d.external_id AND rb.service_id = d.service_id AND rb.finished_at >= d.finished_at
      WHERE d.status = 'rolled_back' AND d.rollback_of IS NULL
        AND NOT EXISTS (SELECT 1 FROM incident_links l JOIN incidents i ON i.id = l.incident_id
                        WHERE l.deployment_id = d.id AND l.confidence >= ${filters.minConfidence} AND i.severity IN ('sev1', 'sev2'))
      GROUP BY d.id, d.finished_at`);
    atLeast(1, recoveries.length, 'rollback recovery buckets');
    expect(await stored('recovery')).toEqual(recoveries);
  });
});

describe.each(cases)('incident rollups and histograms equal raw ones for %s', (_name, raw) => {
  // Whole months from incident_rollups / incident_histograms, partial ones from the facts.
  const rawFacts = (filters: MetricFilters) => sql`
    SELECT f.*, c.ai_role FROM (${incidentFacts({ from: filters.from, to: filters.to, filters })}) f
    LEFT JOIN (SELECT DISTINCT ON (incident_id) incident_id, ai_role FROM classifications ORDER BY incident_id, classified_at DESC, id DESC) c
      ON c.incident_id = f.id`;

  it('counts per cohort and severity, classified and AI-involved', async () => {
    const filters = filtersOf(raw);
    const { rows } = await sql<CohortCounts>`
      SELECT cohort, severity, count(*)::int AS incidents, count(ai_role)::int AS classified,
             count(*) FILTER (WHERE ai_role IN ('primary', 'contributory'))::int AS ai_involved
      FROM (${rawFacts(filters)}) f GROUP BY 1, 2`.execute(t.db);
    const order = (list: CohortCounts[]) => [...list].sort((a, b) => `${a.cohort}/${a.severity}`.localeCompare(`${b.cohort}/${b.severity}`));
    const sum = (pick: (row: CohortCounts) => number, keep: (row: CohortCounts) => boolean = () => true) => rows.filter(keep).reduce((n, row) => n + pick(row), 0);
    atLeast(3, rows.length, 'cohort × severity groups');
    atLeast(1, sum((r) => r.classified), 'classified incidents');
    atLeast(1, sum((r) => r.incidents - r.classified), 'unclassified incidents');
    atLeast(1, sum((r) => r.ai_involved), 'AI-involved incidents');
    // The summary's counts: from the stored facts (two attributes have no rollup scope) …
    const summary = await incidentSummary(t.db, filters);
    expect({
      total: summary.total, sev1: summary.sev1, sev2: summary.sev2, unattributed: summary.unattributed, ai_involved: summary.ai_involved,
      unclassified: summary.unclassified, ai: summary.by_cohort.ai.count, human: summary.by_cohort.human.count, unknown: summary.by_cohort.unknown.count,
    }).toEqual({
      total: sum((r) => r.incidents), sev1: sum((r) => r.incidents, (r) => r.severity === 'sev1'), sev2: sum((r) => r.incidents, (r) => r.severity === 'sev2'),
      unattributed: sum((r) => r.incidents, (r) => r.cohort === 'unattributed'), ai_involved: sum((r) => r.ai_involved),
      unclassified: sum((r) => r.incidents - r.classified), ai: sum((r) => r.incidents, (r) => r.cohort === 'ai'),
      human: sum((r) => r.incidents, (r) => r.cohort === 'human'), unknown: sum((r) => r.incidents, (r) => r.cohort === 'unknown'),
    });
    // … and from the monthly rollups of the filters' scope, when there is one.
    const scope = rollupScope(filters);
    if (scope !== null) expect(order(await incidentCounts(t.db, filters, scope))).toEqual(order(rows));
  });

  it('weekly and monthly trend points', async () => {
    // Stored points: the default Sev1–2, and Sev1–3 (a stored set) beside it; sev1,sev3 is computed.
    const severitySets = raw.severity ? [raw.severity] : [undefined, 'sev1,sev2,sev3'];
    for (const [filters, grain] of severitySets.flatMap((severity) => (['week', 'month'] as const).map((grain) => [filtersOf(severity ? { ...raw, severity } : raw), grain] as const))) {
      const { rows } = await sql<{ period: string; cohort: string; stats: CohortIncidentTrend }>`
        SELECT to_char(date_trunc(${grain}, f.impact_started_at::timestamp), 'YYYY-MM-DD') AS period, f.cohort, ${TREND_STATS} AS stats
        FROM (${incidentFacts({ from: filters.from, to: filters.to, filters })}) f GROUP BY 1, 2`.execute(t.db);
      const points = await trends(t.db, filters, grain);
      atLeast(2, points.filter((p) => p.incidents.total > 0).length, `${grain}s with incidents`);
      atLeast(1, rows.filter((r) => r.cohort !== 'unattributed' && r.stats.ttd.median !== null).length, `${grain} points with an attributed time`);
      expect(points.reduce((n, p) => n + p.incidents.total, 0)).toBe(rows.reduce((n, r) => n + r.stats.count, 0));
      for (const point of points) {
        const mine = rows.filter((r) => r.period === point.period);
        expect(point.incidents.total).toBe(mine.reduce((n, r) => n + r.stats.count, 0));
        expect(point.incidents.unattributed).toBe(mine.find((r) => r.cohort === 'unattributed')?.stats.count ?? 0);
        for (const cohort of ['ai', 'human', 'unknown'] as const) {
          const row = mine.find((r) => r.cohort === cohort);
          if (row) expect(point.incidents[cohort]).toEqual(row.stats);
          else expect(point.incidents[cohort].count).toBe(0);
        }
      }
    }
  });

  it('every time in its bucket and every incident in its services-hit count', async () => {
    const filters = filtersOf(raw);
    const { rows } = await sql<CohortBucket>`
      SELECT f.cohort, m.metric, m.bucket, count(*)::int AS n
      FROM (${rawFacts(filters)}) f
      CROSS JOIN LATERAL (VALUES ('ttd', ${durationBucket(sql.ref('f.ttd'))}::int), ('ttrb', ${durationBucket(sql.ref('f.ttrb'))}::int),
                                 ('restore', ${durationBucket(sql.ref('f.restore'))}::int), ('blast_services', f.blast_services)) m (metric, bucket)
      WHERE m.bucket IS NOT NULL GROUP BY 1, 2, 3`.execute(t.db);
    const order = (list: CohortBucket[]) => [...list].sort((a, b) => `${a.cohort}/${a.metric}`.localeCompare(`${b.cohort}/${b.metric}`) || a.bucket - b.bucket);
    atLeast(6, rows.length, 'buckets');
    atLeast(2, new Set(rows.map((r) => r.cohort)).size, 'cohorts with buckets');
    expect(order(await incidentBuckets(t.db, filters))).toEqual(order(rows));
  });
});

describe('incremental rollups', () => {
  it('equal a rebuild from nothing', async () => {
    const snapshot = () => derivedSnapshot(t.db);
    const incremental = await snapshot();
    expect(incremental.deployment_rollups!.length).toBeGreaterThan(100);
    expect(incremental.deployment_recoveries!.length).toBeGreaterThan(10);
    expect(incremental.change_durations!.length).toBeGreaterThan(100);
    expect(incremental.change_rollups!.length).toBeGreaterThan(100);
    expect(incremental.lead_time_findings!.length).toBeGreaterThan(3);
    expect(incremental.governance_findings!.length).toBeGreaterThan(100);
    const { rows: [stored] } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM incidents`.execute(t.db);
    expect(stored!.n).toBe(incidents.length + everyCase.filter((r) => r.kind === 'incident').length + SERVICES.length);
    expect(incremental.incident_facts!.length).toBe(4 * stored!.n);
    expect(incremental.incident_scopes!.length).toBeGreaterThan(4 * stored!.n);
    // A rebuild drops the tables' indexes and builds them again: every one must come back as it was.
    const indexes = async () =>
      (await sql<{ table: string; definition: string; constraint: string | null }>`
        SELECT x.indrelid::regclass::text AS table, pg_get_indexdef(x.indexrelid) AS definition, c.conname AS constraint
        FROM pg_index x LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid
        WHERE x.indrelid::regclass::text = ANY(${DERIVED_TABLES.map((table) => table.name)}::text[])
        ORDER BY 1, 2`.execute(t.db)).rows;
    const before = await indexes();
    expect(before.filter((index) => index.constraint !== null).length).toBeGreaterThanOrEqual(10);
    await rebuildDerived(t.db);
    expect(await snapshot()).toEqual(incremental);
    expect(await indexes()).toEqual(before);
  });

  it('serviceFilter and the random data reach every cohort and link level', async () => {
    // Guards the test itself: the data must exercise what the comparisons claim to cover.
    const { rows } = await sql<{ cohorts: number; levels: number; filtered: number }>`
      SELECT (SELECT count(DISTINCT cohort)::int FROM deployment_rollups) AS cohorts,
             (SELECT count(DISTINCT confidence)::int FROM incident_links) AS levels,
             (SELECT count(*)::int FROM services s WHERE ${serviceFilter(filtersOf({ tier: '1' }))}) AS filtered
    `.execute(t.db);
    expect(rows[0]).toEqual({ cohorts: 3, levels: expect.any(Number), filtered: 3 });
    expect(rows[0]!.levels).toBeGreaterThanOrEqual(3);
  });
});
