import { createServer } from 'node:net';
import { buildApp } from '../app.ts';
import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ensureWebBuilt } from '../web-build.ts';
import { say } from './command-context.ts';
import { seedDemo } from './seed-demo.ts';
import { firstRunSignInPath } from './user.ts';
import { demoWanted } from '../demo-data.ts';

/** `sevscope start`: migrate, load the demo on first run, build the web app if needed, serve. */
export async function start(options: { demo?: boolean } = {}): Promise<void> {
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
  if (await demoWanted(handle.db)) await seedDemo(handle.db);
  await ensureWebBuilt(say);
  app = await buildApp({ db: handle.db, embeddedDatabase: handle.embedded, logger: false });
  await app.listen({ port: config.port, host: config.host });
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  say(`sevscope is running at http://${shownHost}:${config.port} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  const signIn = await firstRunSignInPath(handle.db);
  if (signIn) say(`sign in as admin with this one-time link (valid one hour): ${config.publicUrl}${signIn}`);
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
