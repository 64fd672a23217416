// One PostgreSQL for the whole run: TEST_DATABASE_URL (CI: the machine's server) or an embedded
// cluster in a temp dir. Migrations run once into a template database; every test file then
// gets its own clone (test/support/database.ts), so files run in parallel without sharing rows.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { TestProject } from 'vitest/node';
import { connect } from '../../server/db/connection.ts';
import { startEmbeddedPostgres } from '../../server/db/embedded-postgres.ts';
import { migrateToLatest } from '../../server/db/migrate.ts';
import { databaseUrl } from './database-url.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    adminUrl: string;
    templateDatabase: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let adminUrl = process.env.TEST_DATABASE_URL;
  let cleanup = async () => {};
  if (!adminUrl) {
    const dir = await mkdtemp(path.join(tmpdir(), 'sevscope-test-'));
    const cluster = await startEmbeddedPostgres(path.join(dir, 'pg'));
    adminUrl = cluster.url;
    cleanup = async () => {
      await cluster.stop();
      await rm(dir, { recursive: true, force: true });
      await rm(cluster.dataDir, { recursive: true, force: true }); // as root, outside dir (dir/pg links there)
    };
  }

  const templateDatabase = `sevscope_template_${process.pid}`;
  const admin = connect(adminUrl, 1);
  await sql`DROP DATABASE IF EXISTS ${sql.id(templateDatabase)} WITH (FORCE)`.execute(admin);
  await sql`CREATE DATABASE ${sql.id(templateDatabase)}`.execute(admin);
  const template = connect(databaseUrl(adminUrl, templateDatabase), 1);
  await migrateToLatest(template);
  await template.destroy();

  project.provide('adminUrl', adminUrl);
  project.provide('templateDatabase', templateDatabase);

  return async () => {
    const { rows } = await sql<{ datname: string }>`
      SELECT datname FROM pg_database WHERE datname LIKE ${`sevscope_%_${process.pid}%`}`.execute(admin);
    for (const { datname } of rows) await sql`DROP DATABASE IF EXISTS ${sql.id(datname)} WITH (FORCE)`.execute(admin);
    await admin.destroy();
    await cleanup();
  };
}
