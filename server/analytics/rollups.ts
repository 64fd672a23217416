// The refresh of the derived tables (derived/registry.ts lists them): one transaction that takes
// the dirty marks, rebuilds each table's dirty range in the registry's order, and commits.
import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { readMetricSettings } from '../db/settings.repository.ts';
import { dirtyCounts, takeDirtySets } from './derived/dirty-sets.ts';
import { DERIVED_TABLES, type RefreshContext } from './derived/registry.ts';
import { step } from './refresh-steps.ts';

/** Every derived table, as SQL: emptied by a rebuild, vacuumed after a refresh. */
const DERIVED_TABLE_LIST = sql.raw(DERIVED_TABLES.map((table) => table.name).join(', '));

export interface RollupRefresh {
  days: number;
  incidents: number;
}

/** A statement's step name for timeSteps: its verb and the table it writes, e.g. "insert deployment_rollups". */
function statementLabel(text: string): string {
  const match = /^\s*(?:WITH \w+ AS \((DELETE) FROM (\w+))?.*?\b(INSERT INTO|DELETE FROM|UPDATE|CREATE TEMP TABLE|ANALYZE|TRUNCATE|SET LOCAL|SELECT)\s+"?(\w+)/s.exec(text);
  if (!match) return 'other';
  if (match[1]) return `take ${match[2]}`;
  return `${match[3]!.split(' ')[0]!.toLowerCase()} ${match[4]}`;
}

/** Waits for any other refresh of the derived tables to commit: one runs at a time. */
export async function lockRefresh(tx: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('sevscope.refresh_rollups'))`.execute(tx);
}

/**
 * Rebuilds the derived tables for what changed since the last refresh: the (day, service) pairs
 * and incidents that triggers noted (migrations/202611231300_rollups.ts), widened by
 * derived/dirty-sets.ts. With `rebuild`, everything, from empty tables. One refresh at a time.
 */
export async function refreshRollups(db: Db, options: { rebuild?: boolean } = {}): Promise<RollupRefresh> {
  return db.transaction().execute(async (tx) => {
    const run = (query: RawBuilder<unknown>) => step(statementLabel(query.compile(tx).sql), () => query.execute(tx));
    const created = new Set<string>();
    const context: RefreshContext = {
      tx,
      settings: await readMetricSettings(tx),
      rebuild: options.rebuild ?? false,
      run,
      // Later refreshes find the statistics vacuumDerived keeps, and pay only this lookup.
      analyzeUnanalyzed: async (...tables) => {
        const { rows } = await sql<{ name: string }>`SELECT relname AS name FROM pg_class WHERE oid = ANY(${tables}::regclass[]) AND reltuples < 0`.execute(tx);
        if (rows.length > 0) await run(sql`ANALYZE ${sql.join(rows.map((row) => sql.table(row.name)))}`);
      },
      once: async (key, create) => {
        if (created.has(key)) return;
        created.add(key);
        await create();
      },
    };
    await lockRefresh(tx);
    // One refresh runs at a time: let its joins and groupings hash in memory instead of on disk
    // (a rebuild at 10 M deployments groups tens of millions of rows).
    await run(sql`SET LOCAL work_mem = '256MB'`);
    if (options.rebuild) {
      // Its indexes are built after the rows (indexedAfter): in memory too.
      await run(sql`SET LOCAL maintenance_work_mem = '1GB'`);
      // From nothing, in this transaction: readers wait for the new rows instead of seeing none,
      // and days that no longer hold deployments lose their rows.
      await run(sql`TRUNCATE ${DERIVED_TABLE_LIST}`);
      await run(sql`INSERT INTO rollup_dirty_days SELECT DISTINCT (effective_at AT TIME ZONE 'UTC')::date, service_id FROM deployments`);
      // change_rollups counts changes by the day they were authored, which may hold no deployment.
      await run(sql`INSERT INTO rollup_dirty_days SELECT DISTINCT (authored_at AT TIME ZONE 'UTC')::date, service_id FROM changes`);
      await run(sql`INSERT INTO rollup_dirty_incidents SELECT id FROM incidents`);
    }
    await takeDirtySets(context);
    for (const table of DERIVED_TABLES) await table.before?.(context);
    for (const table of DERIVED_TABLES) {
      await step(table.name, () => (options.rebuild ? indexedAfter(context, table.name, () => table.refresh(context)) : table.refresh(context)));
    }
    return dirtyCounts(context);
  });
}

/**
 * A rebuild fills an emptied table: it drops the table's indexes (its primary key with them),
 * fills it, and builds them again over the finished rows, sorted once, instead of inserting into
 * each index row by row in random order. Tables refreshed later read it with its indexes back;
 * a rebuild that fails rolls back with its drops, like its TRUNCATE.
 */
async function indexedAfter({ tx, run }: RefreshContext, table: string, fill: () => Promise<void>): Promise<void> {
  const { rows: indexes } = await sql<{ index: string; constraint: string | null; definition: string }>`
    SELECT i.relname AS index, c.conname AS constraint, coalesce(pg_get_constraintdef(c.oid), pg_get_indexdef(x.indexrelid)) AS definition
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid
    LEFT JOIN pg_constraint c ON c.conindid = x.indexrelid AND c.conrelid = x.indrelid AND c.contype IN ('p', 'u', 'x')
    WHERE x.indrelid = ${table}::regclass
    ORDER BY c.conname IS NULL, i.relname`.execute(tx);
  for (const { index, constraint } of indexes) {
    await run(constraint ? sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(constraint)}` : sql`DROP INDEX ${sql.id(index)}`);
  }
  await fill();
  await step(`indexes of ${table}`, async () => {
    for (const { constraint, definition } of indexes) {
      await (constraint ? sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(constraint)} ${sql.raw(definition)}` : sql.raw(definition)).execute(tx);
    }
  });
}

/**
 * After a refresh: all-visible pages so that rollup and histogram reads are index-only (VACUUM
 * skips the pages the refresh did not touch), and statistics for the planner. VACUUM cannot run
 * in a transaction, so this runs after the refresh commits. After a rebuild every table is
 * analyzed; after a refresh only those whose rows changed by more than autovacuum's own
 * threshold (50 rows + 10 %), at once instead of at the daemon's next round: analyzing all 16
 * after one day's batch took 1.8 s of 3.7 at 10 M deployments and moved no estimate that matters.
 */
export async function vacuumDerived(db: Db, analyze: 'all' | 'changed'): Promise<void> {
  // With the dirty marks the refresh took by DELETE (marks made meanwhile survive it): every
  // health check reads them, and a rebuild's 1.2 M dead marks took it 62 ms until vacuumed.
  await sql`VACUUM ${DERIVED_TABLE_LIST}, rollup_dirty_days, rollup_dirty_incidents`.execute(db);
  const names = DERIVED_TABLES.map((table) => table.name);
  const { rows } = analyze === 'all' ? { rows: names.map((name) => ({ name })) } : await sql<{ name: string }>`
    SELECT relname AS name FROM pg_stat_user_tables
    WHERE schemaname = current_schema() AND relname = ANY(${names}::text[]) AND n_mod_since_analyze > 50 + 0.1 * greatest(n_live_tup, 0)`.execute(db);
  if (rows.length > 0) await sql`ANALYZE ${sql.join(rows.map((row) => sql.table(row.name)))}`.execute(db);
}
