import { readConfig } from '../config.ts';
import { openDatabase } from '../db/connection.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { say } from './command-context.ts';

/** `sevscope migrate`. Not withDatabase: that migrates first, and this would always report "up to date". */
export async function migrate(): Promise<void> {
  const handle = await openDatabase(readConfig());
  try {
    const applied = await migrateToLatest(handle.db);
    say(applied.length > 0 ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await handle.close();
  }
}
