import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { type Db, connect } from '../../server/db/connection.ts';
import { databaseUrl } from './database-url.ts';

export interface TestDatabase {
  db: Db;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, migrated database cloned from the run's template; drop it in afterAll. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminUrl');
  const template = inject('templateDatabase');
  // The global setup's pid is in the template's name; clones reuse it so teardown finds them.
  const name = `${template.replace('template', 'test')}_${randomBytes(4).toString('hex')}`;
  const admin = connect(adminUrl, 1);
  try {
    await sql`CREATE DATABASE ${sql.id(name)} TEMPLATE ${sql.id(template)}`.execute(admin);
  } finally {
    await admin.destroy();
  }
  const url = databaseUrl(adminUrl, name);
  const db = connect(url, 5);
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      const dropper = connect(adminUrl, 1);
      await sql`DROP DATABASE IF EXISTS ${sql.id(name)} WITH (FORCE)`.execute(dropper);
      await dropper.destroy();
    },
  };
}
