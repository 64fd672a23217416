import { createServer } from 'node:net';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ensureWebBuilt } from '../web-build.ts';
import { say } from './command-context.ts';
import { seedDemo } from './seed-demo.ts';
import { firstRunSignInPath } from './user.ts';
import { demoWanted, isEmpty } from '../demo-data.ts';
import type { DatabaseHandle } from '../db/connection.ts';

export interface StartOptions {
  /** `start --demo`: load the demo year into an empty DATABASE_URL too. */
  demo?: boolean;
  /** `start --no-worker` sets it false: the jobs run in `sevscope worker` processes. */
  worker?: boolean;
}

/** `sevscope start`: migrate, load the demo on first run, build the web app if needed, serve. */
export async function start(options: StartOptions = {}): Promise<void> {
  const config = readConfig();
  const started = Date.now();
  await assertPortFree(config.host, config.port);
  const handle = await openDatabase(config);
  let app: Awaited<ReturnType<typeof import('../app.ts').buildApp>> | undefined;
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
  try {
    await serve();
  } catch (error) {
    // Ctrl-C while a start-up step still ran: stop() closed the database under it and exits 0
    // by itself; the step's failure is not an error to report.
    if (stopping) return new Promise<never>(() => {});
    throw error;
  }

  async function serve(): Promise<void> {
    say(describeDatabase(handle));
    const applied = await migrateToLatest(handle.db);
    if (applied.length > 0) say(`migrations applied: ${applied.join(', ')}`);
    const demo = await demoWanted(handle.db, { embedded: handle.embedded, requested: options.demo });
    if (!demo && !handle.embedded && (await isEmpty(handle.db))) say('the database is empty: load your data with sevscope ingest (or a demo year with sevscope seed-demo)');
    await ensureWebBuilt(say);
    // Loaded once the port and the database are known good: a failed start fails fast.
    const { buildApp } = await import('../app.ts');
    app = await buildApp({ db: handle.db, embeddedDatabase: handle.embedded, logger: false, worker: options.worker ?? true });
    // Another program may have taken the port since the check above.
    await app.listen({ port: config.port, host: config.host }).catch((error: NodeJS.ErrnoException) => {
      throw listenFailure(config.host, config.port, error);
    });
    const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
    say(`sevscope is running at http://${shownHost}:${config.port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
    const signIn = await firstRunSignInPath(handle.db);
    if (signIn) say(`sign in as admin with this one-time link (valid one hour): ${config.publicUrl}${signIn}`);
    // The demo year loads after the dashboard is up: a first start serves at once, and the
    // dashboard says that the demo is loading (GET /api/health `demo.loading`) until it is in.
    if (demo) {
      say('loading the demo year in the background; the dashboard fills in as it lands');
      seedDemo(handle.db).catch((error: unknown) => {
        if (!stopping) say(`the demo data could not be loaded: ${error instanceof Error ? error.message : String(error)}; the next start tries again`);
      });
    }
  }
}

function describeDatabase(handle: DatabaseHandle): string {
  return handle.embedded ? `database: embedded PostgreSQL in ${handle.cluster?.dataDir}` : 'database: DATABASE_URL';
}

function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => reject(listenFailure(host, port, error)));
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

function listenFailure(host: string, port: number, error: NodeJS.ErrnoException): Error {
  if (error.code === 'EADDRINUSE') return new Error(`port ${port} on ${host} is already in use; set PORT to a free port`);
  if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') return new Error(`cannot listen on ${host}: not an address of this machine; set HOST (default 127.0.0.1)`);
  return new Error(`cannot listen on ${host}:${port} (${error.code ?? error.message}); set PORT or HOST`);
}
