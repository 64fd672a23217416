// The Postgres Sink. Validated records are buffered into chunks; each chunk is written in one
// transaction: COPY into a staging table per kind, then one merge statement per kind
// (merge-statements.ts) in dependency order. Rejections — from validation, duplicates within
// the batch, unresolvable references or the database — go to quarantine in the same
// transaction, so `received = inserted + updated + unchanged + quarantined` always holds.
// While the database merges one chunk, the caller parses the next (one chunk in flight).
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
const MERGES = Object.fromEntries(WRITE_ORDER.map((kind) => [kind, mergeStatements(kind, kindTable(kind))])) as Record<Kind, MergeStatements>;

export async function openPostgresSink(db: Db, options: PostgresSinkOptions): Promise<PostgresSink> {
  await abandonStaleBatches(db);
  const batchId = await startBatch(db, options.source, options.origin ?? null);
  const client = await poolOf(db).connect();
  try {
    for (const kind of WRITE_ORDER) await client.query(MERGES[kind].createStage);
  } catch (error) {
    client.release();
    throw error;
  }
  return new CopySink(db, client, batchId, options);
}

class CopySink implements PostgresSink {
  private chunk: Chunk = emptyChunk();
  private buffered = 0;
  private inflight: Promise<void> = Promise.resolve();
  /** Natural keys already in this batch, by hash (see natural-key-hash.ts). */
  private readonly seen = new Set<number>();
  private readonly summary: BatchSummary;
  private readonly chunkSize: number;
  private released = false;

  constructor(
    private readonly db: Db,
    private readonly client: PoolClient,
    readonly batchId: string,
    private readonly options: PostgresSinkOptions,
  ) {
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
      const key = hash53(KIND_TABLES[record.kind].naturalKey(record as never));
      if (this.seen.has(key)) {
        this.reject(rejectionOf(record, item.position, `${record.kind}.id`, `${record.kind}.id: duplicate — an earlier record in this batch has the same kind, source and id "${record.id}"`));
        continue;
      }
      this.seen.add(key);
      let list = this.chunk.records.get(record.kind);
      if (!list) this.chunk.records.set(record.kind, (list = []));
      list.push(item);
      if (++this.buffered >= this.chunkSize) await this.dispatch();
    }
    if (this.chunk.rejections.length >= this.chunkSize) await this.dispatch();
  }

  async finish(): Promise<BatchSummary> {
    await this.dispatch();
    await this.inflight;
    await this.options.afterWrite?.(this.batchId);
    this.release();
    await finishBatch(this.db, this.batchId, 'succeeded', this.summary, null);
    return this.summary;
  }

  async fail(error: unknown): Promise<void> {
    await this.inflight.catch(() => undefined);
    this.release();
    const message = error instanceof Error ? error.message : String(error);
    await finishBatch(this.db, this.batchId, 'failed', this.summary, message);
  }

  /** Waits for the chunk in flight, then starts writing the buffered one without waiting for it. */
  private async dispatch(): Promise<void> {
    await this.inflight;
    const chunk = this.chunk;
    this.chunk = emptyChunk();
    this.buffered = 0;
    if (chunk.records.size === 0 && chunk.rejections.length === 0) return;
    this.inflight = this.writeChunk(chunk);
    // Surface a failure at the next await, not as an unhandled rejection meanwhile.
    this.inflight.catch(() => undefined);
  }

  private async writeChunk(chunk: Chunk): Promise<void> {
    const client = this.client;
    await client.query('BEGIN');
    try {
      for (const kind of WRITE_ORDER) {
        const items = chunk.records.get(kind);
        if (items && items.length > 0) await this.writeKind(kind, items, chunk);
      }
      if (chunk.rejections.length > 0) await insertQuarantine(client, this.batchId, this.options.source, chunk.rejections);
      await recordProgress(client, this.batchId, this.summary);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    this.options.onProgress?.(this.summary);
  }

  private async writeKind(kind: Kind, items: Buffered[], chunk: Chunk): Promise<void> {
    const statements = MERGES[kind];
    const spec = kindTable(kind);
    await copyRows(this.client, statements.copy, items.map((item, seq) => copyLine([seq, ...spec.staged.map((column) => column.value(item.record as never))], ['integer', ...spec.staged.map((column) => column.type)])));
    if (statements.placeholders) await this.client.query(statements.placeholders);

    let refused = 0;
    for (const check of statements.unresolved) {
      const { rows } = await this.client.query<{ seq: number; value: string }>(check.sql);
      for (const { seq, value } of rows) {
        const item = items[seq]!;
        this.reject(rejectionOf(item.record, item.position, check.field, `${check.field}: no ${check.what} "${value}" is stored`), chunk);
        refused++;
      }
      if (rows.length > 0) await this.client.query(`DELETE FROM ${statements.stage} WHERE seq = ANY ($1::int[])`, [rows.map((row) => row.seq)]);
    }

    const placeholders = statements.replacesPlaceholder ? ((await this.client.query<{ n: number }>(statements.replacesPlaceholder)).rows[0]?.n ?? 0) : 0;
    const merged = await this.merge(statements, items, chunk);
    refused += merged.refused;

    const stored = items.length - refused;
    const inserted = merged.inserted + placeholders;
    const updated = merged.changed - inserted;
    this.add(kind, { inserted, updated, unchanged: stored - merged.changed });
  }

  /** One statement for the chunk; if the database refuses it, row by row, quarantining refused rows. */
  private async merge(statements: MergeStatements, items: Buffered[], chunk: Chunk): Promise<{ inserted: number; changed: number; refused: number }> {
    await this.client.query('SAVEPOINT merge_chunk');
    try {
      const { rows } = await this.client.query<{ inserted: number; changed: number }>(statements.merge(false), [this.batchId]);
      await this.client.query('RELEASE SAVEPOINT merge_chunk');
      return { ...rows[0]!, refused: 0 };
    } catch {
      await this.client.query('ROLLBACK TO SAVEPOINT merge_chunk');
    }
    const { rows: staged } = await this.client.query<{ seq: number }>(`SELECT seq FROM ${statements.stage} ORDER BY seq`);
    const total = { inserted: 0, changed: 0, refused: 0 };
    for (const { seq } of staged) {
      await this.client.query('SAVEPOINT merge_row');
      try {
        const { rows } = await this.client.query<{ inserted: number; changed: number }>(statements.merge(true), [this.batchId, seq]);
        total.inserted += rows[0]!.inserted;
        total.changed += rows[0]!.changed;
        await this.client.query('RELEASE SAVEPOINT merge_row');
      } catch (error) {
        await this.client.query('ROLLBACK TO SAVEPOINT merge_row');
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
    this.client.release();
  }
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
