#!/usr/bin/env node
// The `sevscope` command (api.md "CLI"): exit 0 on success, 1 on failure, 2 on bad usage.
import { createServer } from 'node:net';
import { parseArgs } from 'node:util';
import type { BatchSummary } from '../ingest/model.ts';
import { buildApp } from './app.ts';
import { readConfig } from './config.ts';
import { type DatabaseHandle, openDatabase } from './db/connection.ts';
import { migrateToLatest } from './db/migrate.ts';
import { demoWanted, loadDemo } from './demo-data.ts';
import { progressLine } from './progress-line.ts';
import { ensureWebBuilt } from './web-build.ts';

class UsageError extends Error {}

const HELP = `sevscope — incident analytics and AI-risk dashboard

Usage: sevscope <command> [options]

Commands:
  start              migrate, load the demo data on first run, serve API + web
  migrate            apply database migrations and exit
  seed-demo [--seed N]  load the deterministic demo dataset

Environment: DATABASE_URL (else an embedded PostgreSQL in SEVSCOPE_DATA_DIR, default ./.sevscope/pg),
PORT (3000), HOST (127.0.0.1).`;

const say = (line: string) => process.stdout.write(`${line}\n`);

async function withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(readConfig());
  try {
    await migrateToLatest(handle.db);
    return await work(handle);
  } finally {
    await handle.close();
  }
}

function printSummary(summary: BatchSummary): void {
  const rows = Object.entries(summary.byKind).map(([kind, c]) => [kind, c.received, c.inserted, c.updated, c.unchanged, c.quarantined]);
  rows.push(['total', summary.total.received, summary.total.inserted, summary.total.updated, summary.total.unchanged, summary.total.quarantined]);
  const header = ['kind', 'received', 'inserted', 'updated', 'unchanged', 'quarantined'];
  for (const row of [header, ...rows]) say(row.map((cell, i) => (i === 0 ? String(cell).padEnd(16) : String(cell).padStart(12))).join(''));
  for (const rejection of summary.rejections.slice(0, 10)) say(`quarantined ${rejection.kind ?? '?'} ${rejection.id ?? ''}: ${rejection.reason}`);
}

async function seedDemo(handle: DatabaseHandle, seed?: number): Promise<void> {
  const progress = progressLine('loading demo data');
  const started = Date.now();
  const summary = await loadDemo(handle.db, { ...(seed === undefined ? {} : { seed }), onProgress: progress.update });
  progress.done();
  say(`demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printSummary(summary);
}

function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(new Error(error.code === 'EADDRINUSE' ? `port ${port} on ${host} is already in use; set PORT to a free port` : `cannot listen on ${host}:${port}: ${error.message}`)),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

async function start(): Promise<void> {
  const config = readConfig();
  const started = Date.now();
  await assertPortFree(config.host, config.port);
  const handle = await openDatabase(config);
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping…`);
    await app?.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  say(handle.embedded ? 'database: embedded PostgreSQL' : 'database: DATABASE_URL');
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) say(`migrations applied: ${applied.join(', ')}`);
  if (await demoWanted(handle.db)) await seedDemo(handle);
  await ensureWebBuilt(say);
  app = await buildApp({ db: handle.db, embeddedDatabase: handle.embedded, logger: false });
  await app.listen({ port: config.port, host: config.host });
  say(`sevscope is running at http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${config.port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'start':
      return start();
    case 'migrate':
      return withDatabase(async ({ db }) => {
        const applied = await migrateToLatest(db);
        say(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
      });
    case 'seed-demo': {
      const { values } = parseArgs({ args: rest, options: { seed: { type: 'string' } } });
      const seed = values.seed === undefined ? undefined : Number(values.seed);
      if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed: expected an integer, got ${JSON.stringify(values.seed)}`);
      return withDatabase((handle) => seedDemo(handle, seed));
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      say(HELP);
      return;
    default:
      throw new UsageError(`unknown command ${JSON.stringify(command)}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sevscope: ${message}\n`);
  if (error instanceof UsageError) process.stderr.write('run "sevscope --help" for usage\n');
  process.exit(error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1);
});
