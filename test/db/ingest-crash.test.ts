// A run killed with SIGKILL halfway and then re-run converges to the same rows as one clean
// run (issue: "Idempotent and crash-safe"). The CLI runs as a child process, as a user runs it.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/db/connection.ts';
import { type TestDatabase, createTestDatabase } from '../support/database.ts';

const CLI = fileURLToPath(new URL('../../bin/sevscope.js', import.meta.url));
const DEPLOYMENTS = 40_000;

let dir: string;
let file: string;
let killed: TestDatabase;
let clean: TestDatabase;

/** Services, changes, deployments (some AI, some rolled back) and incidents that link to them. */
async function writeInput(target: string): Promise<void> {
  const out = createWriteStream(target);
  const write = (record: object) => (out.write(`${JSON.stringify(record)}\n`) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  for (let s = 0; s < 20; s++) await write({ kind: 'service', source: 'file', id: `svc-${s}`, name: `Service ${s}`, tier: (s % 3) + 1, domain: 'checkout' });
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const at = Date.UTC(2026, 0, 1) + i * 60_000;
    await write({ kind: 'change', source: 'git', id: `c-${i}`, service: `svc-${i % 20}`, author: 'dev', authored_at: new Date(at - 3_600_000).toISOString(), ai: { assisted: i % 3 === 0 } });
    await write({
      kind: 'deployment', source: 'ci', id: `d-${i}`, service: `svc-${i % 20}`, environment: 'production', status: i % 50 === 0 ? 'rolled_back' : 'succeeded',
      started_at: new Date(at - 300_000).toISOString(), finished_at: new Date(at).toISOString(), changes: [`c-${i}`],
    });
    if (i % 500 === 250) {
      await write({ kind: 'incident', source: 'pager', id: `i-${i}`, title: 'errors', severity: 'sev2', services: [`svc-${i % 20}`], impact_started_at: new Date(at + 600_000).toISOString() });
    }
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

function ingest(url: string): ChildProcess {
  return spawn(process.execPath, [CLI, 'ingest', file], { env: { ...process.env, DATABASE_URL: url }, stdio: ['ignore', 'pipe', 'pipe'] });
}

const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));

/** Everything that matters, without surrogate ids or timestamps that differ between runs. */
async function contents(db: Db) {
  const { rows: deployments } = await sql`
    SELECT d.source, d.external_id, s.external_id AS service, d.status, d.cohort, d.cohort_evidence, d.change_ids
    FROM deployments d JOIN services s ON s.id = d.service_id ORDER BY d.source, d.external_id`.execute(db);
  const { rows: changes } = await sql`SELECT source, external_id, author, authored_at, ai_assisted FROM changes ORDER BY source, external_id`.execute(db);
  const { rows: pairs } = await sql`
    SELECT d.external_id, dc.change_external_id FROM deployment_changes dc JOIN deployments d ON d.id = dc.deployment_id ORDER BY 1, 2`.execute(db);
  const { rows: links } = await sql`
    SELECT i.external_id AS incident, d.external_id AS deployment, l.rule, l.confidence
    FROM incident_links l JOIN incidents i ON i.id = l.incident_id JOIN deployments d ON d.id = l.deployment_id ORDER BY 1, 2`.execute(db);
  const { rows: services } = await sql`SELECT external_id, source, name, tier FROM services ORDER BY external_id`.execute(db);
  return { deployments, changes, pairs, links, services };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sevscope-crash-'));
  file = path.join(dir, 'history.ndjson');
  await writeInput(file);
  [killed, clean] = await Promise.all([createTestDatabase(), createTestDatabase()]);
}, 120_000);

afterAll(async () => {
  await Promise.all([killed?.drop(), clean?.drop()]);
  await rm(dir, { recursive: true, force: true });
});

describe('ingest killed halfway', () => {
  it('converges to the rows of one clean run when re-run', async () => {
    const victim = ingest(killed.url);
    let stderr = '';
    victim.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let finished = false;
    const victimExit = exited(victim).then((code) => ((finished = true), code));
    // Kill once some chunks are committed but well before the end.
    for (;;) {
      if (finished) throw new Error(`the ingest ended before it could be killed: ${stderr}`);
      const batch = await killed.db.selectFrom('ingest_batches').select(['received', 'status']).executeTakeFirst();
      if (batch && batch.received >= 10_000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    victim.kill('SIGKILL');
    await victimExit;
    const partial = await killed.db.selectFrom('deployments').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(partial.n)).toBeGreaterThan(0);
    expect(Number(partial.n)).toBeLessThan(DEPLOYMENTS);

    expect(await exited(ingest(killed.url))).toBe(0);
    expect(await exited(ingest(clean.url))).toBe(0);

    const [afterCrash, afterClean] = await Promise.all([contents(killed.db), contents(clean.db)]);
    expect(afterClean.deployments).toHaveLength(DEPLOYMENTS);
    expect(afterClean.links.length).toBeGreaterThan(70);
    expect(afterCrash).toEqual(afterClean);

    // The killed run's batch is left open (its heartbeat tells it apart later); the re-run's
    // counts say what it found already stored.
    const batches = await killed.db.selectFrom('ingest_batches').select(['status', 'received', 'inserted', 'unchanged', 'quarantined']).orderBy('id').execute();
    expect(batches.map((b) => b.status)).toEqual(['running', 'succeeded']);
    expect(batches[1]!.received).toBe(2 * DEPLOYMENTS + 20 + DEPLOYMENTS / 500);
    expect(batches[1]!.inserted + batches[1]!.unchanged).toBe(batches[1]!.received);
    expect(batches[1]!.unchanged).toBeGreaterThan(0);
  }, 240_000);
});
