// The Postgres Sink. Validated records are buffered into chunks; each chunk is written in one
// transaction: COPY into a staging table per kind, then one merge statement per kind
// (merge-statements.ts) in dependency order. Rejections — from validation, duplicates within
// the batch, unresolvable references or the database — go to quarantine in the same
// transaction, so `received = inserted + updated + unchanged + quarantined` always holds.
// Two chunks are written at once on two connections while the caller parses the next: the
// database is the bottleneck, and the machine has cores to spare for it.
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  type BatchSummary,
  type Kind,
  type KindCounts,
  type NormalizedRecord,
  type Position,
  type Rejection,
  type Sink,
  type Validated,
  emptyCounts,
} from '../../ingest/model.ts';
import { type Db, poolOf } from './connection.ts';
import { copyLine } from './copy-text.ts';
import { abandonStaleBatches, finishBatch, recordProgress, startBatch } from './ingest-batches.repository.ts';
import { KIND_TABLES, WRITE_ORDER, kindTable } from './kind-tables.ts';
import { type MergeStatements, mergeStatements } from './merge-statements.ts';
import { hash53 } from './natural-key-hash.ts';
import { NumberSet } from './number-set.ts';
import { insertQuarantine } from './quarantine.repository.ts';

export interface PostgresSinkOptions {
  source: string;
  origin?: string | null;
  /** Records per transaction; memory stays bounded by about two chunks. */
  chunkSize?: number;
  /** Called once everything is stored, before the batch is closed: refresh derived data. */
  afterWrite?: (batchId: string) => Promise<void>;
  onProgress?: (summary: BatchSummary) => void;
}

export interface PostgresSink extends Sink {
  readonly batchId: string;
}

interface Buffered {
  record: NormalizedRecord;
  position: Position;
}

interface Chunk {
  records: Map<Kind, Buffered[]>;
  rejections: Rejection[];
}

const MAX_KEPT_REJECTIONS = 100;
const WRITERS = 2;
const MERGES = Object.fromEntries(WRITE_ORDER.map((kind) => [kind, mergeStatements(kind, kindTable(kind))])) as Record<Kind, MergeStatements>;

export async function openPostgresSink(db: Db, options: PostgresSinkOptions): Promise<PostgresSink> {
  await abandonStaleBatches(db);
  const batchId = await startBatch(db, options.source, options.origin ?? null);
  const clients: PoolClient[] = [];
  try {
    for (let i = 0; i < WRITERS; i++) {
      const client = await poolOf(db).connect();
      clients.push(client);
      for (const kind of WRITE_ORDER) await client.query(MERGES[kind].createStage);
    }
  } catch (error) {
    for (const client of clients) client.release();
    throw error;
  }
  return new CopySink(db, clients, batchId, options);
}

class CopySink implements PostgresSink {
  private chunk: Chunk = emptyChunk();
  private buffered = 0;
  /** The chunk each idle client last wrote (or nothing); a client takes the next chunk when free. */
  private readonly writers: { client: PoolClient; busy: Promise<void> }[];
  /** Natural keys already in this batch, by hash (see natural-key-hash.ts). */
  private readonly seen = new NumberSet();
  /** Service names this batch has made sure exist (a few thousand at most). */
  private readonly knownServices = new Set<string>();
  private placeholders: Promise<void> = Promise.resolve();
  /** Records of each kind written so far (for analyzeGrownTables). */
  private readonly written = new Map<Kind, number>();
  private readonly summary: BatchSummary;
  private readonly chunkSize: number;
  private released = false;

  constructor(
    private readonly db: Db,
    clients: PoolClient[],
    readonly batchId: string,
    private readonly options: PostgresSinkOptions,
  ) {
    this.writers = clients.map((client) => ({ client, busy: Promise.resolve() }));
    this.chunkSize = options.chunkSize ?? 5000;
    this.summary = { batchId: Number(batchId), total: emptyCounts(), byKind: {}, rejections: [] };
  }

  async write(items: Validated[]): Promise<void> {
    for (const item of items) {
      if (!item.ok) {
        this.receive(item.rejection.kind);
        this.reject(item.rejection);
        continue;
      }
      const { record } = item;
      this.receive(record.kind);
      if (!this.seen.add(hash53(KIND_TABLES[record.kind].naturalKey(record as never)))) {
        this.reject(rejectionOf(record, item.position, `${record.kind}.id`, `${record.kind}.id: duplicate — an earlier record in this batch has the same kind, source and id "${record.id}"`));
        continue;
      }
      let list = this.chunk.records.get(record.kind);
      if (!list) this.chunk.records.set(record.kind, (list = []));
      list.push(item);
      if (++this.buffered >= this.chunkSize) await this.dispatch();
    }
    if (this.chunk.rejections.length >= this.chunkSize) await this.dispatch();
  }

  async finish(): Promise<BatchSummary> {
    await this.dispatch();
    await this.idle();
    await this.options.afterWrite?.(this.batchId);
    this.release();
    await finishBatch(this.db, this.batchId, 'succeeded', this.summary, null);
    return this.summary;
  }

  async fail(error: unknown): Promise<void> {
    await Promise.allSettled(this.writers.map((writer) => writer.busy));
    this.release();
    const message = error instanceof Error ? error.message : String(error);
    await finishBatch(this.db, this.batchId, 'failed', this.summary, message);
  }

  /** All chunks written (a failure of any surfaces here). */
  private async idle(): Promise<void> {
    for (const writer of this.writers) await writer.busy;
  }

  /** Hands the buffered chunk to a free writer without waiting for it to be written. */
  private async dispatch(): Promise<void> {
    const chunk = this.chunk;
    this.chunk = emptyChunk();
    this.buffered = 0;
    if (chunk.records.size === 0 && chunk.rejections.length === 0) return;
    // A classification must see the incidents of earlier chunks committed.
    if (chunk.records.has('classification')) await this.idle();
    const writer = await Promise.race(this.writers.map((w) => w.busy.then(() => w)));
    writer.busy = this.writeChunk(writer.client, chunk);
    // Surface a failure at the next await, not as an unhandled rejection meanwhile.
    writer.busy.catch(() => undefined);
  }

  private async writeChunk(client: PoolClient, chunk: Chunk): Promise<void> {
    // In dispatch order, so a chunk never finds a name "known" whose insert is still running.
    const ready = this.placeholders.then(() => createPlaceholderServices(client, chunk, this.knownServices));
    this.placeholders = ready.catch(() => undefined);
    await ready;
    await client.query('BEGIN');
    try {
      for (const kind of WRITE_ORDER) {
        const items = chunk.records.get(kind);
        if (items && items.length > 0) await this.writeKind(client, kind, items, chunk);
      }
      if (chunk.rejections.length > 0) await insertQuarantine(client, this.batchId, this.options.source, chunk.rejections);
      await recordProgress(client, this.batchId, this.summary);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    await this.analyzeGrownTables(client, chunk);
    this.options.onProgress?.(this.summary);
  }

  /**
   * A bulk load outruns autovacuum: with statistics from when a table was empty, the planner
   * scans where it should look up (the cohort inference reads changes by id). ANALYZE a table
   * each time this batch has written ten times more of its rows (5 000, 50 000, …).
   */
  private async analyzeGrownTables(client: PoolClient, chunk: Chunk): Promise<void> {
    for (const [kind, items] of chunk.records) {
      const before = this.written.get(kind) ?? 0;
      const after = before + items.length;
      this.written.set(kind, after);
      if (Math.floor(Math.log10(after / 500)) > Math.floor(Math.log10(Math.max(before, 1) / 500)) && after >= 5000) {
        // Statistics are an optimisation: a failure here must not fail the stored chunk.
        // deployment_changes grows with deployments: the governance and lead-time joins read it.
        const tables = kind === 'deployment' ? 'deployments, deployment_changes' : KIND_TABLES[kind].table;
        await client.query(`ANALYZE ${tables}`).catch(() => undefined);
      }
    }
  }

  private async writeKind(client: PoolClient, kind: Kind, items: Buffered[], chunk: Chunk): Promise<void> {
    const statements = MERGES[kind];
    const spec = kindTable(kind);
    const types = ['integer' as const, ...spec.staged.map((column) => column.type)];
    await copyRows(client, statements.copy, items.map((item, seq) => copyLine([seq, ...spec.staged.map((column) => column.value(item.record as never))], types)));

    let refused = 0;
    for (const check of statements.unresolved) {
      const { rows } = await client.query<{ seq: number; value: string }>(check.sql);
      for (const { seq, value } of rows) {
        const item = items[seq]!;
        this.reject(rejectionOf(item.record, item.position, check.field, `${check.field}: no ${check.what} "${value}" is stored`), chunk);
        refused++;
      }
      if (rows.length > 0) await client.query(`DELETE FROM ${statements.stage} WHERE seq = ANY ($1::int[])`, [rows.map((row) => row.seq)]);
    }

    const placeholders = statements.replacesPlaceholder ? ((await client.query<{ n: number }>(statements.replacesPlaceholder)).rows[0]?.n ?? 0) : 0;
    const merged = await this.merge(client, statements, items, chunk);
    refused += merged.refused;

    const stored = items.length - refused;
    const inserted = merged.inserted + placeholders;
    const updated = merged.changed - inserted;
    this.add(kind, { inserted, updated, unchanged: stored - merged.changed });
  }

  /** One statement for the chunk; if the database refuses it, row by row, quarantining refused rows. */
  private async merge(client: PoolClient, statements: MergeStatements, items: Buffered[], chunk: Chunk): Promise<{ inserted: number; changed: number; refused: number }> {
    await client.query('SAVEPOINT merge_chunk');
    try {
      const { rows } = await client.query<{ inserted: number; changed: number }>(statements.merge(false), [this.batchId]);
      await client.query('RELEASE SAVEPOINT merge_chunk');
      return { ...rows[0]!, refused: 0 };
    } catch {
      await client.query('ROLLBACK TO SAVEPOINT merge_chunk');
    }
    const { rows: staged } = await client.query<{ seq: number }>(`SELECT seq FROM ${statements.stage} ORDER BY seq`);
    const total = { inserted: 0, changed: 0, refused: 0 };
    for (const { seq } of staged) {
      await client.query('SAVEPOINT merge_row');
      try {
        const { rows } = await client.query<{ inserted: number; changed: number }>(statements.merge(true), [this.batchId, seq]);
        total.inserted += rows[0]!.inserted;
        total.changed += rows[0]!.changed;
        await client.query('RELEASE SAVEPOINT merge_row');
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT merge_row');
        const item = items[seq]!;
        const { field, reason } = databaseReason(item.record.kind, kindTable(item.record.kind).table, error);
        this.reject(rejectionOf(item.record, item.position, field, reason), chunk);
        total.refused++;
      }
    }
    return total;
  }

  private counts(kind: string | null): KindCounts {
    return (this.summary.byKind[kind ?? 'unknown'] ??= emptyCounts());
  }

  private receive(kind: string | null): void {
    this.counts(kind).received++;
    this.summary.total.received++;
  }

  /** Counts a rejection and queues it for quarantine with the chunk it belongs to. */
  private reject(rejection: Rejection, chunk: Chunk = this.chunk): void {
    this.counts(rejection.kind).quarantined++;
    this.summary.total.quarantined++;
    chunk.rejections.push(rejection);
    if (this.summary.rejections.length < MAX_KEPT_REJECTIONS) this.summary.rejections.push(rejection);
  }

  private add(kind: Kind, counts: Pick<KindCounts, 'inserted' | 'updated' | 'unchanged'>): void {
    const own = this.counts(kind);
    for (const field of ['inserted', 'updated', 'unchanged'] as const) {
      own[field] += counts[field];
      this.summary.total[field] += counts[field];
    }
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    for (const writer of this.writers) writer.client.release();
  }
}

/**
 * Services that records name but no record defined yet, created before the chunk's transaction
 * in sorted order: committed at once, so two writers never wait on each other for them.
 */
async function createPlaceholderServices(client: PoolClient, chunk: Chunk, known: Set<string>): Promise<void> {
  const names = new Set<string>();
  for (const [kind, items] of chunk.records) {
    const serviceNames = KIND_TABLES[kind].serviceNames as ((record: NormalizedRecord) => (string | null)[]) | undefined;
    if (!serviceNames) continue;
    for (const item of items) for (const name of serviceNames(item.record)) if (name && !known.has(name)) names.add(name);
  }
  if (names.size === 0) return;
  for (const name of names) known.add(name);
  await client.query(
    `INSERT INTO services (external_id, source, name) SELECT n, 'implicit', n FROM unnest($1::text[]) AS n
     ON CONFLICT (external_id) DO NOTHING`,
    [[...names].sort()],
  );
}

function emptyChunk(): Chunk {
  return { records: new Map(), rejections: [] };
}

async function copyRows(client: PoolClient, statement: string, lines: string[]): Promise<void> {
  const stream = client.query(copyFrom(statement));
  await new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    stream.end(lines.join(''));
  });
}

function rejectionOf(record: NormalizedRecord, position: Position, field: string, reason: string): Rejection {
  return { kind: record.kind, id: record.id, field, reason, raw: JSON.stringify(record), position };
}

/** Turns a database error into a reason that names the field, e.g. from a CHECK constraint. */
function databaseReason(kind: Kind, table: string, error: unknown): { field: string; reason: string } {
  const pgError = error as { column?: string; constraint?: string; message?: string };
  const column = pgError.column ?? pgError.constraint?.replace(`${table}_`, '').replace(/_(check|key|fkey)$/, '');
  const field = `${kind}.${column ?? 'record'}`;
  return { field, reason: `${field}: refused by the database: ${pgError.message ?? String(error)}` };
}
