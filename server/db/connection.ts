// One code path for both databases: the embedded cluster or DATABASE_URL, always pg + kysely.
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { type EmbeddedCluster, startEmbeddedPostgres } from './embedded-postgres.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  url: string;
  embedded: boolean;
  /** The embedded cluster's folder and why it is not SEVSCOPE_DATA_DIR itself, if it is not. */
  cluster?: Pick<EmbeddedCluster, 'dataDir' | 'relocated'>;
  close(): Promise<void>;
}

export interface DatabaseConfig {
  /** External server; when absent an embedded cluster is started in dataDir. */
  databaseUrl?: string | undefined;
  dataDir: string;
}

export async function openDatabase(config: DatabaseConfig): Promise<DatabaseHandle> {
  if (config.databaseUrl) {
    const db = connect(config.databaseUrl);
    await assertReachable(db, config.databaseUrl);
    return { db, url: config.databaseUrl, embedded: false, close: () => db.destroy() };
  }
  const cluster = await startEmbeddedPostgres(config.dataDir);
  const moved = cluster.relocated;
  if (moved) process.stderr.write(`new embedded PostgreSQL cluster in ${cluster.dataDir}: ${moved.link} links there because the 'postgres' user that runs it cannot enter ${moved.blockedBy}\n`);
  const db = connect(cluster.url);
  return {
    db,
    url: cluster.url,
    embedded: true,
    cluster: { dataDir: cluster.dataDir, relocated: cluster.relocated },
    close: async () => {
      await db.destroy();
      await cluster.stop();
    },
  };
}

const pools = new WeakMap<Db, pg.Pool>();

/** The pg pool behind a Kysely instance, for what Kysely cannot do (COPY). */
export function poolOf(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error('this Kysely instance was not made by connect()');
  return pool;
}

/** The pool as pg-boss's database adapter: the job queue shares sevscope's pool and settings. */
export function jobQueueDatabase(db: Db): { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> } {
  const pool = poolOf(db);
  return { executeSql: (text, values) => pool.query(text, values) };
}

export function connect(url: string, maxConnections = 10): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: maxConnections,
    // All metric definitions are in UTC (ISO weeks, calendar months). Dashboard queries sort
    // up to a few hundred thousand incident values for exact percentiles: in memory, not in
    // temp files; and JIT compiling costs them 50–100 ms it never wins back. The derived tables
    // are read by index from cache or SSD: at the default random_page_cost (4, for spinning
    // disks) PostgreSQL prefers bitmap heap scans over index-only ones (140 ms vs 13 ms).
    // Parallel workers cost 10–30 ms to start, more than the rollup reads they would split
    // (an SLO's burners: 51 ms → 6 ms without them).
    options: '-c TimeZone=UTC -c work_mem=32MB -c jit=off -c random_page_cost=1.1 -c max_parallel_workers_per_gather=0',
    connectionTimeoutMillis: 10_000,
  });
  // An idle client losing its server (restart, network) must not crash the process. After
  // db.destroy() the pool's clients are still closing: a server stopping then is expected.
  const lost = (error: Error) => {
    if (!pool.ending) console.error(`database connection lost: ${error.message}`);
  };
  pool.on('error', lost);
  // The same for a client in use (a job's lock connection, a transaction between statements):
  // its statement fails, and the job queue retries the job; the process goes on.
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  pools.set(db, pool);
  return db;
}

async function assertReachable(db: Db, url: string): Promise<void> {
  try {
    await db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  } catch (error) {
    await db.destroy();
    throw new Error(`cannot reach the database at ${redactUrl(url)} (${reasonOf(error)}): check DATABASE_URL, or unset it to use the embedded PostgreSQL`);
  }
}

/** node-postgres reports a refused 'localhost' (IPv6 and IPv4 tried) as an AggregateError without a message. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return reasonOf(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}

/** A URL safe to print: the password is replaced. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
