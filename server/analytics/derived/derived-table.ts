// What every derived table declares (registry.ts lists them in refresh order): what it reads,
// how the rows of a dirty range are deleted and rebuilt, and its rows' order for comparisons.
import type { RawBuilder } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { MetricSettings } from '../../db/settings.repository.ts';

export interface RefreshContext {
  /** The refresh's transaction. */
  tx: Db;
  /** The settings, read once at the refresh's start. */
  settings: MetricSettings;
  /** Whether this refresh rebuilds everything, into tables it emptied first. */
  rebuild: boolean;
  /** Runs one statement as a timed step named for its verb and table (bench/demo-load.ts). */
  run(query: RawBuilder<unknown>): Promise<unknown>;
  /**
   * Analyzes those of the tables never analyzed (just created, or emptied by a rebuild): a
   * table without statistics is planned as nearly empty, and the statements reading it loop
   * where they should hash (the weekly trend points: 2.2 M join-filter rows, 0.74 s).
   */
  analyzeUnanalyzed(...tables: string[]): Promise<void>;
  /** Runs `create` the first time a refresh asks for `key`: a temp table several tables read. */
  once(key: string, create: () => Promise<void>): Promise<void>;
}

export interface DerivedTable {
  name: string;
  /** Raw and derived tables its rows are computed from; a derived one is refreshed before it. */
  reads: readonly string[];
  /** Its rows in a fixed order (ORDER BY), for the equivalence snapshot of tests. */
  order: string;
  /** Columns of the snapshot when `*` would not compare (default `*`). */
  snapshotColumns?: string;
  /** Runs before any table of this refresh changes: a table kept by difference reads the old rows here. */
  before?(context: RefreshContext): Promise<void>;
  /** Deletes the rows of the dirty range (dirty-sets.ts) and inserts them again. */
  refresh(context: RefreshContext): Promise<void>;
}
