// API latency at scale (issue 5 "Performance"), measured in one run:
//   npm run bench:api -- --deployments 10000000 --incidents 200000 [--requests 200] [--keep]
// 1. loads a synthetic dataset straight into the raw tables with COPY (not through ingest):
//    200 services, 500 people, ~1.2 changes per deployment, N deployments over the twelve
//    months 2025-12-01..2026-12-01, their deployment_changes, M incidents with their
//    incident_services, a few classifications and agent actions. Every row is a pure function
//    of its index and a fixed seed, so the stream is regenerated per table in bounded memory;
//    stored cohorts match what refresh would derive (kind-tables.ts `deploymentCohort`);
// 2. ANALYZE, rebuildDerived (links, cohorts, rollups, VACUUM ANALYZE of the derived tables);
// 3. warm, in-process (`app.inject`): p50/p95/p99 of every GET the dashboard's pages make —
//    /api/metrics/summary, every …-trend and …/trends route (found in the app's route table),
//    what-if, compare, governance, SLOs and their history, services, data quality, the incident
//    and deployment lists — each over --requests requests with varied periods and filters, and
//    of the reads without a period (a service, the weekly review, backlog, follow-ups, jobs, health);
// 4. bytes of /api/deployments?limit=100000 as JSON and as an Arrow stream;
// 5. the incremental refresh of one day's batch (the last day marked dirty again) and its VACUUM.
// Goals: p95 ≤ 50 ms per endpoint; Arrow ≥ 3× smaller than JSON.
// BENCH_DATABASE_URL: use that server (a fresh database sevscope_bench_api, dropped at the
// end unless --keep or --reuse); otherwise an embedded cluster in a temp dir. --keep keeps the
// data dir (or database).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import { AI_MODES, DETECTIONS, DOMAINS, type Domain, FACTOR_VOCABULARY, HIGH_RISK_DOMAINS } from '../ingest/model.ts';
import { rebuildDerived } from '../server/analytics/refresh.ts';
import { refreshRollups, vacuumDerived } from '../server/analytics/rollups.ts';
import { type StepTime, timeSteps } from '../server/analytics/refresh-steps.ts';
import { buildApp } from '../server/app.ts';
import { createToken } from '../server/db/api-tokens.repository.ts';
import { type Db, connect, poolOf } from '../server/db/connection.ts';
import { type CopyType, copyLine } from '../server/db/copy-text.ts';
import { startEmbeddedPostgres } from '../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../server/db/migrate.ts';

const { values: args } = parseArgs({
  options: {
    deployments: { type: 'string', default: '10000000' },
    incidents: { type: 'string', default: '200000' },
    requests: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
    // With BENCH_DATABASE_URL: measure a database an earlier --keep run left, without loading
    // it again; migrations run and the rollups refresh what they mark dirty.
    reuse: { type: 'boolean', default: false },
    // Only the endpoints whose path starts with one of these (comma-separated), e.g. /api/services.
    only: { type: 'string' },
    // No endpoint: only the one-day refresh at the end (with --reuse), with its slowest steps.
    'refresh-only': { type: 'boolean', default: false },
  },
});
const N = positiveInteger('deployments', args.deployments);
const M = positiveInteger('incidents', args.incidents);
const REQUESTS = positiveInteger('requests', args.requests);
const only = args.only?.split(',');
const GOAL_P95_MS = 50;
const GOAL_ARROW_RATIO = 3;
const BENCH_DATABASE = 'sevscope_bench_api';

const SEED = 0x5e5c09e;
const SOURCE = 'bench';
const START = Date.UTC(2025, 11, 1);
const END = Date.UTC(2026, 11, 1);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SERVICES = 200;
const TEAMS = 25;
const PEOPLE_PER_TEAM = 20;
const PEOPLE = TEAMS * PEOPLE_PER_TEAM;
const AGENT_ACTIONS = Math.max(10, Math.round(N / 500));
const REGIONS = ['eu-west-1', 'us-east-1', 'eu-central-1', 'ap-southeast-1'];

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const fmt = (n: number) => Math.round(n).toLocaleString('en');
const iso = (ms: number) => new Date(ms).toISOString();

function positiveInteger(name: string, value: string | undefined): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name}: expected a positive integer, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return n;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness: every entity draws from its own small generator, seeded by a hash
// of (seed, table, index), so any row can be recomputed without the rows before it.

function mix(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

class Rng {
  private state: number;
  constructor(index: number, salt: number) {
    this.state = mix(mix(SEED ^ salt) ^ mix(index + 0x9e3779b9));
  }
  /** mulberry32: uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Exponential with the given mean. */
  exp(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}

const SALT = { service: 1, person: 2, deployment: 3, rollback: 4, change: 5, incident: 6, classification: 7, agent: 8, popularity: 9 } as const;

/** Index into a cumulative weight table for u in [0, 1). */
function searchCumulative(cumulative: Float64Array, u: number): number {
  const target = u * cumulative[cumulative.length - 1]!;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cumulative[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

// Deployment time: a position p in [0, 1) maps to a time through hourly weights (working hours
// in Europe and the US, quiet weekends, a holiday dip), so deployments stay in time order.
const HOURS = (END - START) / HOUR;
const hourCumulative = (() => {
  const table = new Float64Array(HOURS + 1);
  for (let h = 0; h < HOURS; h++) {
    const at = new Date(START + h * HOUR);
    const weekday = at.getUTCDay();
    const hour = at.getUTCHours();
    const month = at.getUTCMonth();
    const date = at.getUTCDate();
    const holiday = (month === 11 && date >= 22) || (month === 0 && date <= 2);
    const dayWeight = (weekday === 0 || weekday === 6 ? 0.2 : weekday === 5 ? 0.7 : 1) * (holiday ? 0.35 : 1);
    const hourWeight = hour >= 7 && hour < 21 ? 1 : hour >= 5 && hour < 23 ? 0.4 : 0.12;
    table[h + 1] = table[h]! + dayWeight * hourWeight;
  }
  return table;
})();

function timeAt(p: number): number {
  const target = p * hourCumulative[HOURS]!;
  let lo = 0;
  let hi = HOURS - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (hourCumulative[mid]! <= target) lo = mid;
    else hi = mid - 1;
  }
  const within = (target - hourCumulative[lo]!) / (hourCumulative[lo + 1]! - hourCumulative[lo]!);
  return START + (lo + Math.min(within, 0.999999)) * HOUR;
}

// ---------------------------------------------------------------------------------------------
// Catalog: services and people.

interface Service {
  index: number;
  externalId: string;
  name: string;
  team: number;
  domain: Domain;
  tier: 1 | 2 | 3;
  highRisk: boolean;
  regions: string[];
}

const NOUNS = ['api', 'gateway', 'worker', 'store', 'router', 'engine', 'sync', 'ledger', 'cache', 'scheduler'];
const teamName = (team: number) => `${DOMAINS[team % DOMAINS.length]}-${Math.floor(team / DOMAINS.length) + 1}`;

const services: Service[] = Array.from({ length: SERVICES }, (_, index) => {
  const rng = new Rng(index, SALT.service);
  const team = index % TEAMS;
  const domain = DOMAINS[team % DOMAINS.length]!;
  const r = rng.next();
  const tier = r < 0.2 ? 1 : r < 0.6 ? 2 : 3;
  const highRisk = (HIGH_RISK_DOMAINS.includes(domain) && tier <= 2) || rng.next() < 0.05;
  return {
    index,
    externalId: `svc-${String(index).padStart(3, '0')}`,
    name: `${domain}-${rng.pick(NOUNS)}-${index}`,
    team,
    domain,
    tier,
    highRisk,
    regions: tier === 1 ? REGIONS : tier === 2 ? REGIONS.slice(0, 3) : REGIONS.slice(0, 2),
  };
});

// A few services take most deployments (Zipf-like), in an order unrelated to their ids.
const serviceCumulative = (() => {
  const order = services.map((s) => s.index).sort((a, b) => mix(a ^ SALT.popularity) - mix(b ^ SALT.popularity));
  const weights = new Float64Array(SERVICES);
  order.forEach((service, rank) => (weights[service] = 1 / (rank + 3) ** 0.8));
  const table = new Float64Array(SERVICES);
  let sum = 0;
  for (let s = 0; s < SERVICES; s++) table[s] = sum += weights[s]!;
  return table;
})();
const pickService = (u: number) => searchCumulative(serviceCumulative, u);

const SENIORITY_CUMULATIVE: [number, string][] = [
  [0.2, 'junior'],
  [0.55, 'mid'],
  [0.85, 'senior'],
  [0.95, 'principal'],
  [1, 'unknown'],
];
const personId = (person: number) => `person-${String(person).padStart(3, '0')}`;
const personOfTeam = (team: number, rng: Rng) => team * PEOPLE_PER_TEAM + rng.int(PEOPLE_PER_TEAM);

// ---------------------------------------------------------------------------------------------
// Deployments and their changes.

type Cohort = 'ai' | 'human' | 'unknown';

interface ChangeSeed {
  externalId: string;
  author: number;
  ai: boolean | null;
  /** Listed by the deployment but never delivered (a change that "arrives later"). */
  missing: boolean;
  changeType: string;
}

interface Deployment {
  index: number;
  externalId: string;
  service: Service;
  environment: string;
  production: boolean;
  startedMs: number;
  finishedMs: number | null;
  status: 'succeeded' | 'failed' | 'rolled_back' | 'in_progress';
  changes: ChangeSeed[];
  aiAssisted: boolean | null;
  aiTool: string | null;
  aiMode: string | null;
  aiEvidence: string | null;
  cohort: Cohort;
  cohortEvidence: string | null;
  actor: string;
  actorType: string;
  rollbackOf: string | null;
  remediates: string[];
  /** Even indexes only: the next deployment is its rollback. */
  rolledBack: boolean;
}

const AI_TOOLS = ['claude-code', 'copilot', 'cursor', 'codex'];
const ROLLBACK_PROBABILITY: Record<Cohort, number> = { ai: 0.035, human: 0.025, unknown: 0.03 };
const depId = (i: number) => `dep-${i}`;
const effectiveMs = (d: Deployment) => d.finishedMs ?? d.startedMs;

/** docs/metrics.md "Cohorts": declared status, else the changes' (kind-tables.ts deploymentCohort). */
function inferredCohort(changes: ChangeSeed[]): Cohort | null {
  if (changes.length === 0) return null;
  let anyAi = false;
  let allHuman = true;
  for (const change of changes) {
    const ai = change.missing ? null : change.ai;
    if (ai === true) anyAi = true;
    if (ai !== false) allHuman = false;
  }
  return anyAi ? 'ai' : allHuman ? 'human' : null;
}

function baseDeployment(i: number): Deployment {
  const rng = new Rng(i, SALT.deployment);
  const p = (i + rng.next()) / N;
  const service = services[pickService(rng.next())]!;
  const production = rng.next() < 0.85;
  const environment = production ? 'production' : rng.next() < 0.8 ? 'staging' : 'canary';
  const finished = timeAt(p);
  const started = finished - (2 + rng.exp(6)) * MINUTE;
  const inProgress = finished > END - 20 * MINUTE;

  // AI adoption grows over the year: from 35 % to 65 % of deployments.
  const aiIntent = rng.next() < 0.35 + 0.3 * p;
  const r = rng.next();
  const changeCount = r < 0.82 ? 1 : r < 0.98 ? 2 : 3;
  const changes: ChangeSeed[] = [];
  for (let j = 0; j < changeCount; j++) {
    const known = rng.next() < 0.88;
    const ct = rng.next();
    changes.push({
      externalId: `ch-${i}-${j}`,
      author: rng.next() < 0.9 ? personOfTeam(service.team, rng) : rng.int(PEOPLE),
      ai: known ? aiIntent && rng.next() < 0.85 : null,
      missing: rng.next() < 0.003,
      changeType: ct < 0.8 ? 'code' : ct < 0.9 ? 'config' : ct < 0.97 ? 'infra' : 'data',
    });
  }
  const declares = rng.next() < 0.5;
  const aiAssisted = declares ? aiIntent : null;
  const ev = rng.next();
  const aiEvidence = !declares ? null : aiIntent ? (ev < 0.5 ? 'declared' : ev < 0.75 ? 'trailer' : ev < 0.9 ? 'label' : 'bot_author') : ev < 0.7 ? 'declared' : ev < 0.9 ? 'label' : 'ticket';
  const inferred = inferredCohort(changes);
  const cohort: Cohort = aiAssisted === true ? 'ai' : aiAssisted === false ? 'human' : (inferred ?? 'unknown');
  const cohortEvidence = aiAssisted !== null ? aiEvidence : inferred !== null ? 'inferred' : null;

  const s = rng.next();
  const rolledBack = production && !inProgress && i % 2 === 0 && s < 2 * ROLLBACK_PROBABILITY[cohort];
  const failed = !inProgress && !rolledBack && rng.next() < 0.02;
  const a = rng.next();
  const actorType = a < 0.7 ? 'human' : a < 0.9 ? 'automation' : 'agent';
  const remediates = M > 0 && production && rng.next() < 0.004 ? [`inc-${Math.max(0, Math.floor(p * M) - 1)}`] : [];
  return {
    index: i,
    externalId: depId(i),
    service,
    environment,
    production,
    startedMs: started,
    finishedMs: inProgress ? null : finished,
    status: inProgress ? 'in_progress' : rolledBack ? 'rolled_back' : failed ? 'failed' : 'succeeded',
    changes,
    aiAssisted,
    aiTool: aiAssisted ? rng.pick(AI_TOOLS) : null,
    aiMode: aiAssisted ? rng.pick(AI_MODES) : null,
    aiEvidence,
    cohort,
    cohortEvidence,
    actor: actorType === 'human' ? personId(changes[0]!.author) : actorType === 'automation' ? 'deploy-bot' : 'release-agent',
    actorType,
    rollbackOf: null,
    remediates,
    rolledBack,
  };
}

/** The rollback of a rolled-back deployment: a new deployment of the previous version, no changes. */
function rollbackDeployment(i: number, bad: Deployment): Deployment {
  const rng = new Rng(i, SALT.rollback);
  const started = bad.finishedMs! + (1 + rng.exp(12)) * MINUTE;
  const finished = Math.max(bad.finishedMs! + 1000, Math.min(END - 1000, started + (1 + rng.exp(2)) * MINUTE));
  const automated = rng.next() < 0.5;
  return {
    index: i,
    externalId: depId(i),
    service: bad.service,
    environment: bad.environment,
    production: bad.production,
    startedMs: Math.min(started, finished - 1000),
    finishedMs: finished,
    status: 'succeeded',
    changes: [],
    aiAssisted: null,
    aiTool: null,
    aiMode: null,
    aiEvidence: null,
    cohort: 'unknown',
    cohortEvidence: null,
    actor: automated ? 'deploy-bot' : personId(personOfTeam(bad.service.team, rng)),
    actorType: automated ? 'automation' : 'human',
    rollbackOf: bad.externalId,
    remediates: [],
    rolledBack: false,
  };
}

/** Deployment i; `previous` is baseDeployment(i - 1) when the caller already has it. */
function deployment(i: number, previous?: Deployment): Deployment {
  if (i % 2 === 1) {
    const before = previous ?? baseDeployment(i - 1);
    if (before.rolledBack) return rollbackDeployment(i, before);
  }
  return baseDeployment(i);
}

/** All deployments in order, each computed once. */
function* allDeployments(): Generator<Deployment> {
  let previous: Deployment | undefined;
  for (let i = 0; i < N; i++) {
    const base = baseDeployment(i);
    yield i % 2 === 1 && previous?.rolledBack ? rollbackDeployment(i, previous) : base;
    previous = base;
  }
}

// ---------------------------------------------------------------------------------------------
// Incidents.

interface Incident {
  index: number;
  externalId: string;
  severity: 'sev1' | 'sev2' | 'sev3' | 'sev4';
  impactMs: number;
  anchor: Deployment;
  services: Service[];
  causedBy: string[];
  row: unknown[];
}

const SYMPTOMS = ['elevated 5xx', 'latency spike', 'checkout errors', 'stale prices', 'login failures', 'queue backlog', 'partial outage', 'data mismatch'];
const orNull = (rng: Rng, pNull: number, value: number) => (rng.next() < pNull ? null : value);

function incident(k: number): Incident {
  const rng = new Rng(k, SALT.incident);
  const j = Math.min(N - 1, Math.floor(((k + rng.next()) / M) * N));
  const anchor = deployment(j);
  const s = rng.next();
  const severity = s < 0.2 ? 'sev1' : s < 0.8 ? 'sev2' : s < 0.95 ? 'sev3' : 'sev4';
  const d = rng.next();
  const delay = d < 0.7 ? rng.exp(25) : d < 0.9 ? 60 + rng.next() * 300 : 360 + rng.next() * 840;
  const impact = Math.min(END - MINUTE, effectiveMs(anchor) + delay * MINUTE);
  const causedBy = (severity === 'sev1' || severity === 'sev2') && !anchor.rollbackOf && rng.next() < 0.15 ? [anchor.externalId] : [];

  const affected = [anchor.service];
  const x = rng.next();
  const extra = x < 0.7 ? 0 : x < 0.9 ? 1 : 2 + rng.int(3);
  for (let e = 0; e < extra; e++) {
    const other = services[pickService(rng.next())]!;
    if (!affected.includes(other)) affected.push(other);
  }
  const regionCount = 1 + rng.int(anchor.service.regions.length);
  const regions = anchor.service.regions.slice(0, regionCount);

  const major = severity === 'sev1' || severity === 'sev2';
  // A few data errors (detected before impact), as real feeds have.
  const detected = rng.next() < 0.03 ? null : impact + (rng.next() < 0.002 ? -5 : 1 + rng.exp(severity === 'sev1' ? 6 : 12)) * MINUTE;
  const acknowledged = detected === null ? null : detected + rng.exp(4) * MINUTE;
  const mitigated = rng.next() < 0.04 ? null : (detected ?? impact) + (3 + rng.exp(major ? 35 : 60)) * MINUTE;
  const resolvedAt = mitigated === null || rng.next() < 0.02 ? null : mitigated + (10 + rng.exp(180)) * MINUTE;
  const resolved = resolvedAt !== null && resolvedAt < END ? resolvedAt : null;
  const scale = severity === 'sev1' ? 10 : severity === 'sev2' ? 3 : 1;
  const sales = anchor.service.domain === 'checkout' || anchor.service.domain === 'payment';
  const trafficShare = rng.next() < 0.1 ? null : Math.round(Math.min(1, rng.next() ** 2 * (severity === 'sev1' ? 0.9 : 0.4)) * 1000) / 1000;
  const externalId = `inc-${k}`;
  const row = [
    SOURCE,
    externalId,
    `${anchor.service.name}: ${rng.pick(SYMPTOMS)}`,
    severity,
    resolved !== null ? 'resolved' : mitigated !== null ? 'mitigated' : 'investigating',
    iso(impact),
    detected === null ? null : iso(detected),
    acknowledged === null ? null : iso(acknowledged),
    mitigated === null ? null : iso(mitigated),
    resolved === null ? null : iso(resolved),
    rng.pick(DETECTIONS),
    affected.map((service) => service.externalId),
    causedBy,
    regions,
    sales ? orNull(rng, 0.1, Math.floor(rng.exp(40 * scale))) : null,
    orNull(rng, 0.08, Math.floor(rng.exp(2000 * scale))),
    orNull(rng, 0.08, Math.floor(rng.exp(5000 * scale))),
    trafficShare,
    major && resolved !== null ? `https://wiki.example.com/postmortems/${externalId}` : null,
  ];
  return { index: k, externalId, severity, impactMs: impact, anchor, services: affected, causedBy, row };
}

// ---------------------------------------------------------------------------------------------
// COPY, streamed with backpressure, with progress and rows/s per table.

interface LoadFigure {
  table: string;
  rows: number;
  seconds: number;
}
const loadFigures: LoadFigure[] = [];

async function copyTable(db: Db, table: string, columns: [string, CopyType][], rows: Iterable<unknown[]>, expected?: number): Promise<void> {
  const names = columns.map(([name]) => name);
  const types = columns.map(([, type]) => type);
  let count = 0;
  const started = process.hrtime.bigint();
  function* chunks(): Generator<string> {
    let chunk = '';
    let inChunk = 0;
    for (const row of rows) {
      chunk += copyLine(row, types);
      count++;
      if (++inChunk === 512) {
        yield chunk;
        chunk = '';
        inChunk = 0;
      }
    }
    if (chunk) yield chunk;
  }
  const progress = setInterval(() => {
    const share = expected ? ` (${Math.floor((count / expected) * 100)} %)` : '';
    console.log(`  ${table}: ${fmt(count)}${expected ? ` of ${fmt(expected)}` : ''} rows${share}, ${fmt(count / seconds(started))} rows/s`);
  }, 10_000);
  const client = await poolOf(db).connect();
  try {
    await pipeline(Readable.from(chunks(), { objectMode: false }), client.query(copyFrom(`COPY ${table} (${names.join(', ')}) FROM STDIN`)));
  } finally {
    clearInterval(progress);
    client.release();
  }
  const elapsed = seconds(started);
  loadFigures.push({ table, rows: count, seconds: elapsed });
  console.log(`${table.padEnd(19)} ${fmt(count).padStart(12)} rows ${elapsed.toFixed(1).padStart(8)} s ${fmt(count / elapsed).padStart(10)} rows/s`);
}

/** Identity ids of a table just filled by one COPY: contiguous, in row order. */
async function firstId(db: Db, table: 'deployments' | 'incidents', expected: number): Promise<number> {
  const { rows } = await sql<{ min: string; max: string; n: string }>`SELECT min(id) AS min, max(id) AS max, count(*) AS n FROM ${sql.table(table)}`.execute(db);
  const { min, max, n } = rows[0]!;
  if (Number(n) !== expected || Number(max) - Number(min) + 1 !== expected) throw new Error(`${table}: expected ${expected} contiguous ids, found ${n} rows, ids ${min}..${max}`);
  return Number(min);
}

async function load(db: Db): Promise<void> {
  await copyTable(
    db,
    'services',
    [['external_id', 'text'], ['source', 'text'], ['name', 'text'], ['team', 'text'], ['tier', 'integer'], ['domain', 'text'], ['high_risk', 'boolean']],
    services.map((s) => [s.externalId, SOURCE, s.name, teamName(s.team), s.tier, s.domain, s.highRisk]),
  );
  const serviceIds = new Map<string, string>();
  for (const row of await db.selectFrom('services').select(['id', 'external_id']).execute()) serviceIds.set(row.external_id, row.id);
  const serviceId = (s: Service) => serviceIds.get(s.externalId)!;

  await copyTable(
    db,
    'people',
    [['external_id', 'text'], ['source', 'text'], ['name', 'text'], ['team', 'text'], ['seniority', 'text']],
    Array.from({ length: PEOPLE }, (_, p) => {
      const u = new Rng(p, SALT.person).next();
      return [personId(p), SOURCE, `Person ${p}`, teamName(Math.floor(p / PEOPLE_PER_TEAM)), SENIORITY_CUMULATIVE.find(([limit]) => u < limit)![1]];
    }),
  );

  await copyTable(
    db,
    'changes',
    [
      ['source', 'text'], ['external_id', 'text'], ['service_id', 'bigint'], ['author', 'text'], ['authored_at', 'timestamptz'],
      ['repo', 'text'], ['title', 'text'], ['merged_at', 'timestamptz'], ['approvers', 'text[]'], ['change_ticket', 'text'],
      ['checks_passed', 'boolean'], ['change_type', 'text'], ['lines_added', 'integer'], ['lines_deleted', 'integer'],
      ['ai_assisted', 'boolean'], ['ai_tool', 'text'], ['ai_mode', 'text'], ['ai_evidence', 'text'],
    ],
    (function* () {
      for (const d of allDeployments()) {
        for (let j = 0; j < d.changes.length; j++) {
          const change = d.changes[j]!;
          if (change.missing) continue;
          const rng = new Rng(d.index * 4 + j, SALT.change);
          const lead = Math.min(30 * DAY, 10 * MINUTE + rng.exp(18 * HOUR));
          const authored = d.startedMs - lead;
          const merged = rng.next() < 0.03 ? null : d.startedMs - 2 * MINUTE - rng.next() * Math.min(lead * 0.5, 6 * HOUR);
          const a = rng.next();
          const reviewer = () => {
            const person = personOfTeam(d.service.team, rng);
            return person === change.author ? (person + 1) % PEOPLE : person;
          };
          const approvers = a < 0.07 ? [] : a < 0.09 ? [change.author] : a < 0.8 ? [reviewer()] : [reviewer(), reviewer()];
          const checks = rng.next();
          const ai = change.ai;
          const ev = rng.next();
          yield [
            SOURCE,
            change.externalId,
            serviceId(d.service),
            personId(change.author),
            iso(authored),
            `acme/${d.service.name}`,
            `${change.changeType === 'code' ? 'Update' : 'Adjust'} ${d.service.name} (#${d.index})`,
            merged === null ? null : iso(Math.max(authored, merged)),
            [...new Set(approvers)].map(personId),
            rng.next() < 0.93 ? `CHG-${100000 + d.index}` : null,
            checks < 0.95 ? true : checks < 0.98 ? false : null,
            change.changeType,
            1 + Math.floor(rng.exp(80)),
            Math.floor(rng.exp(30)),
            ai,
            ai ? rng.pick(AI_TOOLS) : null,
            ai ? rng.pick(AI_MODES) : null,
            ai === null ? 'none' : ai ? (ev < 0.5 ? 'trailer' : ev < 0.65 ? 'bot_author' : ev < 0.85 ? 'label' : 'declared') : ev < 0.8 ? 'declared' : 'label',
          ];
        }
      }
    })(),
  );

  await copyTable(
    db,
    'deployments',
    [
      ['source', 'text'], ['external_id', 'text'], ['service_id', 'bigint'], ['environment', 'text'], ['started_at', 'timestamptz'],
      ['finished_at', 'timestamptz'], ['status', 'text'], ['version', 'text'], ['change_ids', 'text[]'], ['actor', 'text'],
      ['actor_type', 'text'], ['rollback_of', 'text'], ['remediates', 'text[]'], ['regions', 'text[]'], ['change_type', 'text'],
      ['ai_assisted', 'boolean'], ['ai_tool', 'text'], ['ai_mode', 'text'], ['ai_evidence', 'text'], ['cohort', 'text'], ['cohort_evidence', 'text'],
    ],
    (function* () {
      for (const d of allDeployments()) {
        yield [
          SOURCE,
          d.externalId,
          serviceId(d.service),
          d.environment,
          iso(d.startedMs),
          d.finishedMs === null ? null : iso(d.finishedMs),
          d.status,
          `build-${d.index}`,
          d.changes.map((c) => c.externalId),
          d.actor,
          d.actorType,
          d.rollbackOf,
          d.remediates,
          d.service.regions,
          d.changes[0]?.changeType ?? 'code',
          d.aiAssisted,
          d.aiTool,
          d.aiMode,
          d.aiEvidence,
          d.cohort,
          d.cohortEvidence,
        ];
      }
    })(),
    N,
  );
  const firstDeployment = await firstId(db, 'deployments', N);

  await copyTable(
    db,
    'deployment_changes',
    [['deployment_id', 'bigint'], ['change_external_id', 'text']],
    (function* () {
      for (const d of allDeployments()) for (const change of d.changes) yield [firstDeployment + d.index, change.externalId];
    })(),
  );

  await copyTable(
    db,
    'incidents',
    [
      ['source', 'text'], ['external_id', 'text'], ['title', 'text'], ['severity', 'text'], ['status', 'text'], ['impact_started_at', 'timestamptz'],
      ['detected_at', 'timestamptz'], ['acknowledged_at', 'timestamptz'], ['mitigated_at', 'timestamptz'], ['resolved_at', 'timestamptz'],
      ['detection', 'text'], ['services', 'text[]'], ['caused_by', 'text[]'], ['regions', 'text[]'], ['orders_lost', 'bigint'],
      ['errors', 'bigint'], ['users_affected', 'bigint'], ['traffic_share', 'float'], ['postmortem_url', 'text'],
    ],
    (function* () {
      for (let k = 0; k < M; k++) yield incident(k).row;
    })(),
    M,
  );
  const firstIncident = await firstId(db, 'incidents', M);

  await copyTable(
    db,
    'incident_services',
    [['incident_id', 'bigint'], ['service_id', 'bigint']],
    (function* () {
      for (let k = 0; k < M; k++) for (const s of incident(k).services) yield [firstIncident + k, serviceId(s)];
    })(),
  );

  await copyTable(
    db,
    'classifications',
    [['source', 'text'], ['external_id', 'text'], ['incident_id', 'bigint'], ['ai_role', 'text'], ['factors', 'jsonb'], ['notes', 'text'], ['classified_by', 'text'], ['classified_at', 'timestamptz']],
    (function* () {
      for (let k = 0; k < M; k++) {
        const rng = new Rng(k, SALT.classification);
        if (rng.next() >= 0.4) continue;
        const i = incident(k);
        if (i.severity !== 'sev1' && i.severity !== 'sev2') continue;
        const versions = rng.next() < 0.1 ? 2 : 1;
        for (let v = 0; v < versions; v++) {
          const r = rng.next();
          const role = i.anchor.cohort === 'ai' ? (r < 0.3 ? 'primary' : r < 0.7 ? 'contributory' : r < 0.8 ? 'incidental' : 'none') : r < 0.8 ? 'none' : r < 0.9 ? 'unknown' : 'incidental';
          const factors = {
            human: rng.next() < 0.5 ? [rng.pick(FACTOR_VOCABULARY.human)] : [],
            ai: role === 'primary' || role === 'contributory' ? [rng.pick(FACTOR_VOCABULARY.ai)] : [],
            process: rng.next() < 0.6 ? [rng.pick(FACTOR_VOCABULARY.process)] : [],
          };
          const at = i.impactMs + (1 + v * 3 + rng.next() * 8) * DAY;
          yield [SOURCE, `cls-${k}-${v}`, firstIncident + k, role, factors, v === 0 ? null : 'reclassified after the postmortem', personId(rng.int(PEOPLE)), iso(at)];
        }
      }
    })(),
  );

  const DESTRUCTIVE = ['delete_resource', 'drop_table', 'scale_to_zero', 'force_push'];
  const ACTIONS = ['restart_pod', 'scale_deployment', 'edit_config', 'rotate_secret', 'run_migration', ...DESTRUCTIVE];
  await copyTable(
    db,
    'agent_actions',
    [
      ['source', 'text'], ['external_id', 'text'], ['agent', 'text'], ['at', 'timestamptz'], ['action', 'text'], ['service_id', 'bigint'],
      ['environment', 'text'], ['destructive', 'boolean'], ['approved_by', 'text[]'], ['permission_scope', 'text'], ['outcome', 'text'],
    ],
    (function* () {
      for (let a = 0; a < AGENT_ACTIONS; a++) {
        const rng = new Rng(a, SALT.agent);
        const at = timeAt((a + rng.next()) / AGENT_ACTIONS);
        const service = services[pickService(rng.next())]!;
        const action = rng.pick(ACTIONS);
        const destructive = rng.next() < 0.05 ? null : DESTRUCTIVE.includes(action);
        const approved = rng.next() < (destructive ? 0.85 : 0.3);
        yield [
          SOURCE,
          `act-${a}`,
          rng.pick(['claude-code', 'devin', 'copilot-agent']),
          iso(at),
          action,
          serviceId(service),
          rng.next() < 0.75 ? 'production' : 'staging',
          destructive,
          approved ? [personId(personOfTeam(service.team, rng))] : [],
          rng.pick(['read', 'write', 'admin']),
          rng.next() < 0.95 ? 'succeeded' : 'failed',
        ];
      }
    })(),
  );
}

// ---------------------------------------------------------------------------------------------
// Requests.

interface Endpoint {
  url: string;
  queries: Record<string, string>[];
}

const ymd = (ms: number) => iso(ms).slice(0, 10);

/** Period × filter, cycling so every period meets every kind of filter. */
function requestQueries(count: number, salt: number): Record<string, string>[] {
  const rng = new Rng(salt, 0xbe5c);
  const filterKinds = ['none', 'service', 'team', 'domain', 'tier', 'min_confidence', 'severity'] as const;
  const queries: Record<string, string>[] = [];
  for (let n = 0; n < count; n++) {
    const query: Record<string, string> = {};
    const period = n % 4;
    if (period === 0) {
      query.from = ymd(START);
      query.to = ymd(END);
    } else if (period === 1) {
      const q = rng.int(4);
      query.from = ymd(Date.UTC(2026, q * 3, 1));
      query.to = ymd(Date.UTC(2026, q * 3 + 3, 1));
    } else if (period === 2) {
      const m = rng.int(12);
      query.from = ymd(Date.UTC(2025, 11 + m, 1));
      query.to = ymd(Date.UTC(2025, 12 + m, 1));
    } else {
      const week = START + rng.int(52) * 7 * DAY; // 2025-12-01 is a Monday
      query.from = ymd(week);
      query.to = ymd(week + 7 * DAY);
    }
    const kind = filterKinds[(n + Math.floor(n / 4)) % filterKinds.length]!;
    if (kind === 'service') query.service = services[pickService(rng.next())]!.externalId;
    if (kind === 'team') query.team = teamName(rng.int(TEAMS));
    if (kind === 'domain') query.domain = rng.pick(DOMAINS);
    if (kind === 'tier') query.tier = String(1 + rng.int(3));
    if (kind === 'min_confidence') query.min_confidence = rng.pick(['0.7', '0.9', '1']);
    if (kind === 'severity') query.severity = rng.pick(['sev1', 'sev1,sev2,sev3', 'sev1,sev2,sev3,sev4']);
    queries.push(query);
  }
  return queries;
}

/** GET routes, from the app's route table (printRoutes, one full path per line). */
function getRoutes(tree: string): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:[│ ] {3})*)[├└]── (.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    stack.length = depth;
    const full = (stack[depth - 1] ?? '') + match[2]!;
    stack[depth] = full;
    if (match[3]?.split(',').some((method) => method.trim() === 'GET')) routes.push(full);
  }
  return routes;
}

/** The slowest statements of a timed refresh (the steps inside a derived table's step), slowest first. */
function printSlowest(steps: StepTime[], count: number): void {
  console.log('slowest steps:');
  for (const { name, seconds: s } of steps.filter((entry) => entry.depth > 0).sort((a, b) => b.seconds - a.seconds).slice(0, count)) console.log(`  ${s.toFixed(2).padStart(7)} s  ${name}`);
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;

// ---------------------------------------------------------------------------------------------

const dir = await mkdtemp(path.join(tmpdir(), 'sevscope-bench-api-'));
const serverUrl = process.env.BENCH_DATABASE_URL;
const cluster = serverUrl ? null : await startEmbeddedPostgres(path.join(dir, 'pg'));
let url = cluster?.url ?? '';
if (args.reuse && !serverUrl) {
  console.error('--reuse: needs BENCH_DATABASE_URL (the server holding a kept database)');
  process.exit(2);
}
if (serverUrl) {
  const admin = connect(serverUrl, 1);
  try {
    if (!args.reuse) {
    await sql`DROP DATABASE IF EXISTS ${sql.id(BENCH_DATABASE)}`.execute(admin);
    await sql`CREATE DATABASE ${sql.id(BENCH_DATABASE)}`.execute(admin);
    }
  } finally {
    await admin.destroy();
  }
  const parsed = new URL(serverUrl);
  parsed.pathname = `/${BENCH_DATABASE}`;
  url = parsed.toString();
}
const db = connect(url);
const totalStarted = process.hrtime.bigint();

try {
  await migrateToLatest(db);
  console.log(`dataset: ${fmt(N)} deployments, ${fmt(M)} incidents, ${SERVICES} services, ${PEOPLE} people, ${fmt(AGENT_ACTIONS)} agent actions, ${ymd(START)}..${ymd(END)}`);
  let t = process.hrtime.bigint();
  if (args.reuse) {
    await refreshRollups(db);
    console.log(`refreshRollups (the kept database) ${seconds(t).toFixed(1)} s`);
    t = process.hrtime.bigint();
    await vacuumDerived(db, 'changed');
    console.log(`VACUUM (ANALYZE of the changed) ${seconds(t).toFixed(1)} s`);
  } else {
    await load(db);
    const loadSeconds = seconds(t);
    const loadedRows = loadFigures.reduce((sum, figure) => sum + figure.rows, 0);
    console.log(`load total          ${fmt(loadedRows).padStart(12)} rows ${loadSeconds.toFixed(1).padStart(8)} s ${fmt(loadedRows / loadSeconds).padStart(10)} rows/s`);
    console.log(`                    ${((loadSeconds / N) * 1e6).toFixed(1)} s per million deployments (with their changes and links)`);
    const { rows: size } = await sql<{ bytes: string }>`SELECT pg_database_size(current_database()) AS bytes`.execute(db);
    console.log(`                    database ${fmt(Number(size[0]!.bytes) / 1e6)} MB; peak RSS of this process so far ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);

    t = process.hrtime.bigint();
    await sql`ANALYZE`.execute(db);
    console.log(`ANALYZE             ${seconds(t).toFixed(1)} s`);
    t = process.hrtime.bigint();
    const rebuildSteps: StepTime[] = [];
    await timeSteps(rebuildSteps, () => rebuildDerived(db));
    const refreshSeconds = seconds(t);
    console.log(`rebuildDerived          ${refreshSeconds.toFixed(1)} s (with VACUUM ANALYZE of the derived tables)`);
    printSlowest(rebuildSteps, 20);
  }

  const { rows: cohortMix } = await sql<{ cohort: string; n: string; rolled_back: string }>`
    SELECT cohort, count(*) AS n, count(*) FILTER (WHERE status = 'rolled_back') AS rolled_back
    FROM deployments GROUP BY cohort ORDER BY cohort`.execute(db);
  const { rows: links } = await sql<{ n: string; incidents: string }>`SELECT count(*) AS n, count(DISTINCT incident_id) AS incidents FROM incident_links`.execute(db);
  console.log(`cohorts             ${cohortMix.map((row) => `${row.cohort} ${fmt(Number(row.n))} (${fmt(Number(row.rolled_back))} rolled back)`).join(', ')}`);
  console.log(`incident links      ${fmt(Number(links[0]!.n))} links for ${fmt(Number(links[0]!.incidents))} incidents`);

  const app = await buildApp({ db });
  // Every /api read needs a viewer: the bench reads as a viewer token, as a script would.
  const headers = { authorization: `Bearer ${(await createToken(db, `bench-${Date.now()}`, 'viewer')).token}` };
  try {
    await app.ready();
    const routes = getRoutes(app.printRoutes({ commonPrefix: false, method: 'GET' }));
    const trends = routes.filter((route) => route.startsWith('/api/metrics/') && /(-trend|\/trends)$/.test(route) && !route.includes(':'));
    // Every page's reads, with the same varied periods and filters (an endpoint ignores the
    // filters it does not take).
    const measured = [
      '/api/metrics/summary', ...trends.filter((route) => route !== '/api/metrics/summary'), '/api/metrics/what-if', '/api/metrics/compare',
      '/api/governance/violations', '/api/slos', '/api/slos/history', '/api/services', '/api/data-quality', '/api/incidents', '/api/deployments',
    ];
    // Each route's own parameters on top: the trends' grain (weekly and monthly), the compare's
    // split (the period's middle day), the what-if's share, the incident list's sort and search.
    const INCIDENT_SORTS = ['-impact_started_at', 'severity', '-ttd', 'title'];
    const adapt = (route: string, queries: Record<string, string>[]) =>
      queries.map((query, n) => {
        if (route.endsWith('/trends')) return { ...query, grain: Math.floor(n / 4) % 2 ? 'month' : 'week' };
        if (route.endsWith('/what-if')) return { ...query, share: String(0.25 + (n % 3) * 0.25) };
        if (route.endsWith('/compare')) return { ...query, split: ymd((Date.parse(query.from!) + Date.parse(query.to!)) / 2 - ((Date.parse(query.from!) + Date.parse(query.to!)) / 2) % DAY) };
        if (route === '/api/incidents') return { ...query, sort: INCIDENT_SORTS[n % INCIDENT_SORTS.length]!, limit: '50', ...(n % 5 === 4 ? { q: 'latency' } : {}) };
        if (route === '/api/deployments') return { ...query, limit: '100' };
        if (route === '/api/data-quality') return { ...query, limit: '100' };
        return query;
      });
    const endpoints: Endpoint[] = measured.map((route, e) => ({ url: route, queries: adapt(route, requestQueries(REQUESTS, e + 1)) }));
    // Reads that take no period: one query each, asked REQUESTS times.
    const serviceId = services[0]!.externalId;
    for (const [url, query] of [
      [`/api/services/${serviceId}`, {}], ['/api/weekly-review', {}], ['/api/weekly-review', { week: '2026-W20' }], ['/api/incidents/backlog', {}],
      ['/api/follow-ups', {}], ['/api/jobs', {}], ['/api/health', {}],
    ] as const) {
      endpoints.push({ url, queries: Array.from({ length: REQUESTS }, () => ({ ...query })) });
    }

    if (only) endpoints.splice(0, endpoints.length, ...endpoints.filter((endpoint) => only.some((prefix) => endpoint.url.startsWith(prefix))));
    if (args['refresh-only']) endpoints.length = 0;
    console.log(`\nlatency, warm, in-process (app.inject), ${REQUESTS} requests per endpoint with varied periods and filters`);
    console.log(`${'endpoint'.padEnd(34)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'max ms'.padStart(8)}  p95 ≤ ${GOAL_P95_MS} ms   p95 by period: year / quarter / month / week`);
    let allMet = true;
    for (const endpoint of endpoints) {
      // Warm-up: the full year and a few filtered periods, not counted.
      for (const query of [{}, ...requestQueries(4, 1000 + endpoints.indexOf(endpoint))]) await app.inject({ method: 'GET', url: endpoint.url, query, headers });
      const times: number[] = [];
      const byPeriod: number[][] = [[], [], [], []];
      let errors = 0;
      let firstError = '';
      for (const [n, query] of endpoint.queries.entries()) {
        const started = performance.now();
        const response = await app.inject({ method: 'GET', url: endpoint.url, query, headers });
        const ms = performance.now() - started;
        times.push(ms);
        byPeriod[n % 4]!.push(ms);
        if (response.statusCode !== 200) {
          errors++;
          firstError ||= `${response.statusCode} ${new URLSearchParams(query).toString()}: ${response.body.slice(0, 200)}`;
        }
      }
      const slowest = endpoint.queries.map((query, n) => ({ query, ms: times[n]! })).sort((a, b) => b.ms - a.ms).slice(0, 3);
      times.sort((a, b) => a - b);
      const p95 = percentile(times, 0.95);
      const met = p95 <= GOAL_P95_MS && errors === 0;
      allMet &&= met;
      const cells = [0.5, 0.95, 0.99].map((q) => percentile(times, q).toFixed(1).padStart(8)).join(' ');
      const periods = byPeriod.map((list) => (list.length ? percentile(list.sort((a, b) => a - b), 0.95).toFixed(0) : '-')).join(' / ');
      console.log(`${endpoint.url.padEnd(34)} ${cells} ${times[times.length - 1]!.toFixed(1).padStart(8)}  ${(met ? 'yes' : 'NO').padEnd(13)}  ${periods}${errors ? `  (${errors} errors; first: ${firstError})` : ''}`);
      console.log(`${''.padEnd(34)} slowest: ${slowest.map(({ query, ms }) => `${ms.toFixed(0)} ms ${new URLSearchParams(query).toString()}`).join('; ')}`);
    }
    console.log(`all endpoints p95 ≤ ${GOAL_P95_MS} ms: ${allMet ? 'yes' : 'NO'}`);

    if (!only && !args['refresh-only']) {
      const deploymentsUrl = '/api/deployments?limit=100000';
      let t0 = performance.now();
      const json = await app.inject({ method: 'GET', url: deploymentsUrl, headers: { ...headers, accept: 'application/json' } });
      const jsonMs = performance.now() - t0;
      t0 = performance.now();
      const arrow = await app.inject({ method: 'GET', url: deploymentsUrl, headers: { ...headers, accept: 'application/vnd.apache.arrow.stream' } });
      const arrowMs = performance.now() - t0;
      if (json.statusCode !== 200 || arrow.statusCode !== 200) throw new Error(`${deploymentsUrl}: JSON ${json.statusCode}, Arrow ${arrow.statusCode}: ${(json.statusCode !== 200 ? json : arrow).body.slice(0, 300)}`);
      const rowCount = (JSON.parse(json.body) as { deployments: unknown[] }).deployments.length;
      const jsonBytes = json.rawPayload.length;
      const arrowBytes = arrow.rawPayload.length;
      const ratio = jsonBytes / arrowBytes;
      console.log(`\nGET ${deploymentsUrl} (${fmt(rowCount)} rows)`);
      console.log(`JSON                ${fmt(jsonBytes).padStart(14)} bytes  ${jsonMs.toFixed(0).padStart(6)} ms`);
      console.log(`Arrow stream        ${fmt(arrowBytes).padStart(14)} bytes  ${arrowMs.toFixed(0).padStart(6)} ms  (${arrow.headers['content-type']})`);
      console.log(`JSON / Arrow        ${ratio.toFixed(2)}×  (goal ≥ ${GOAL_ARROW_RATIO}×: ${ratio >= GOAL_ARROW_RATIO ? 'yes' : 'NO'})`);
    }
  } finally {
    await app.close();
  }

  if (only) process.exit(0);
  // What one day's batch costs the refresh: the last day's deployments of every service and the
  // incidents that started that day are marked dirty again, as a batch rewriting them would.
  t = process.hrtime.bigint();
  const { rows: marked } = await sql<{ days: number; incidents: number }>`
    WITH last AS (SELECT max(effective_at) AS at FROM deployments),
    days AS (
      INSERT INTO rollup_dirty_days
      SELECT DISTINCT (d.effective_at AT TIME ZONE 'UTC')::date, d.service_id FROM deployments d, last
      WHERE d.effective_at >= date_trunc('day', last.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' RETURNING 1),
    incidents AS (
      INSERT INTO rollup_dirty_incidents
      SELECT i.id FROM incidents i, last WHERE i.impact_started_at >= date_trunc('day', last.at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' RETURNING 1)
    SELECT (SELECT count(*)::int FROM days) AS days, (SELECT count(*)::int FROM incidents) AS incidents
  `.execute(db);
  const steps: StepTime[] = [];
  const refreshed = await timeSteps(steps, () => refreshRollups(db));
  const refreshSeconds = seconds(t);
  t = process.hrtime.bigint();
  await vacuumDerived(db, 'changed');
  console.log(`\none day's batch (${marked[0]!.days} service days, ${marked[0]!.incidents} incidents marked; ${refreshed.days} service days and ${refreshed.incidents} incidents refreshed): refreshRollups ${refreshSeconds.toFixed(1)} s, VACUUM (ANALYZE of the changed tables) ${seconds(t).toFixed(1)} s`);
  printSlowest(steps, 12);
  console.log(`\ntotal ${seconds(totalStarted).toFixed(0)} s, peak RSS of this process ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
} finally {
  await db.destroy();
  // A database --reuse measured took twenty minutes to load: it stays.
  if (serverUrl && !args.keep && !args.reuse) {
    const admin = connect(serverUrl, 1);
    await sql`DROP DATABASE IF EXISTS ${sql.id(BENCH_DATABASE)}`.execute(admin).finally(() => admin.destroy());
  }
  await cluster?.stop();
  if (args.keep) console.log(serverUrl ? `kept database ${BENCH_DATABASE}` : `kept ${path.join(dir, 'pg')} (password in its sevscope-password file)`);
  else {
    await rm(dir, { recursive: true, force: true });
    if (cluster) await rm(cluster.dataDir, { recursive: true, force: true }); // as root, outside dir (dir/pg links there)
  }
}
