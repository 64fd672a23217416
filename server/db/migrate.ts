import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { PgBoss } from 'pg-boss';
import { type Db, jobQueueDatabase } from './connection.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Loads migrations/<YYYYMMDDHHmm>_<name>.ts in name order. */
class MigrationFolder implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(MIGRATIONS_DIR)).filter((file) => /^\d{12}_\w+\.ts$/.test(file)).sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      migrations[file.replace(/\.ts$/, '')] = (await import(pathToFileURL(path.join(MIGRATIONS_DIR, file)).href)) as Migration;
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

export async function migrationState(db: Db): Promise<MigrationState> {
  const all = await migrator(db).getMigrations();
  const applied = all.filter((migration) => migration.executedAt !== undefined);
  return { latest: applied.at(-1)?.name ?? null, pending: all.length - applied.length };
}

/** Server version string, e.g. "18.1". */
export async function serverVersion(db: Db): Promise<string> {
  const { rows } = await sql<{ version: string }>`SELECT current_setting('server_version') AS version`.execute(db);
  return rows[0]?.version ?? 'unknown';
}
