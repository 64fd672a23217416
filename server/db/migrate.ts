import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { type Db, jobQueueDatabase } from './connection.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** The files migrations/<YYYYMMDDHHmm>_<name>.ts in name order. */
const migrationFiles = async () => (await readdir(MIGRATIONS_DIR)).filter((file) => /^\d{12}_\w+\.ts$/.test(file)).sort();
const migrationName = (file: string) => file.replace(/\.ts$/, '');

/** Loads the migration files in name order. */
class MigrationFolder implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of await migrationFiles()) {
      migrations[migrationName(file)] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
    }
    return migrations;
  }
}

function migrator(db: Db): Migrator {
  return new Migrator({ db, provider: new MigrationFolder() });
}

/** Applies pending migrations; returns the names applied. Throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results = [] } = await migrator(db).migrateToLatest();
  const failed = results.find((result) => result.status === 'Error');
  if (error || failed) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${reason}`);
  }
  await installJobQueue(db);
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}

/** pg-boss's own schema (pgboss), installed or upgraded by pg-boss itself; server/jobs uses it. */
async function installJobQueue(db: Db): Promise<void> {
  const boss = new PgBoss({ db: jobQueueDatabase(db), schema: 'pgboss', supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, close: false });
}

export interface MigrationState {
  latest: string | null;
  pending: number;
}

/**
 * The files against kysely's own record of what ran (its table, read directly: the Migrator
 * introspects every table's columns first, 14 ms of each health check at 10 M deployments).
 */
export async function migrationState(db: Db): Promise<MigrationState> {
  const names = (await migrationFiles()).map(migrationName);
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration`.execute(db).catch((error: { code?: string }) => {
    if (error.code === UNDEFINED_TABLE) return { rows: [] };
    throw error;
  });
  const applied = new Set(rows.map((row) => row.name));
  return { latest: names.filter((name) => applied.has(name)).at(-1) ?? null, pending: names.filter((name) => !applied.has(name)).length };
}

const UNDEFINED_TABLE = '42P01';

/** Server version string, e.g. "18.1". */
export async function serverVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(db);
  return rows[0]?.version ?? 'unknown';
}
