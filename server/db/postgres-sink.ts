// The Postgres Sink. Validated records are buffered into chunks; each chunk is written in one
// transaction: COPY into a staging table per kind, then one merge statement per kind
// (merge-statements.ts) in dependency order. Rejections — from validation or the database — go
// to quarantine in the same transaction, so that
// `received = inserted + updated + unchanged + quarantined + pending` always holds.
// Order never matters (docs/ingest-format.md "Common rules"):
// - a record repeated in the batch is an update: the later line wins, as if it came in the next
//   batch (a repeat within the chunk replaces the earlier line; a repeat of an earlier chunk
//   waits for that chunk to commit, then merges over it);
// - a record whose required reference is not stored yet (a classification before its incident)
//   is kept in pending_records, and applied when the batch ends or by the first later batch
//   after which its target is stored.
// Two chunks are written at once on two connections while the caller parses the next: the
// database is the bottleneck, and the machine has cores to spare for it. A batch takes its
// second connection only when it has a second chunk to write: most HTTP batches are one chunk.
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  type BatchSummary,
  type Kind,
  type KindCounts,
  type Ledger,
  type NormalizedRecord,
  type Position,
  type Rejection,
  type Sink,
  type Validated,
  emptyCounts,
  emptyLedger,
} from '../../ingest/model.ts';
import { type Db, poolOf } from './connection.ts';
import { copyLine } from './copy-text.ts';
import { abandonStaleBatches, finishBatch, recordProgress, startBatch } from './ingest-batches.repository.ts';
import { KIND_TABLES, WRITE_ORDER, kindTable } from './kind-tables.ts';
import { type MergeStatements, mergeStatements } from './merge-statements.ts';
import { hash53 } from './natural-key-hash.ts';
import { NumberSet } from './number-set.ts';
import { type PendingRecord, holdPending, resolvablePending } from './pending-records.repository.ts';
import { insertQuarantine } from './quarantine.repository.ts';

export interface PostgresSinkOptions {
  source: string;
  origin?: string | null;
  /** Records per transaction; memory stays bounded by about two chunks. */
  chunkSize?: number;
  onProgress?: (summary: BatchSummary) => void;
}

export interface PostgresSink extends Sink {
  readonly batchId: string;
}

interface Buffered {
  record: NormalizedRecord;
  position: Position;
}

interface Writer {
  client: PoolClient;
  busy: Promise<void>;
  writing: boolean;
}

interface Chunk {
  records: Map<Kind, Buffered[]>;
  /** Where each natural key of the chunk sits in its kind's list, so that a repeat replaces it. */
  slots: Map<string, number>;
  rejections: Rejection[];
  /** Whose counts the chunk moves: the batch's, or those of pending records from earlier batches. */
  ledger: Ledger;
  /** A key of this chunk was in an earlier chunk: write it only once those are committed. */
  repeatsEarlier: boolean;
}

const MAX_KEPT_REJECTIONS = 100;
const WRITERS = 2;
/**
 * Staged rows a connection's stage of one kind may hold deleted before it is truncated: emptied
 * by DELETE, a temp table keeps growing (and every scan of it reads the dead rows) until then.
 * About what fits in the default temp_buffers (8 MB) for deployments.
 */
const STAGE_TRUNCATE_ROWS = 20_000;
/**
 * Per pooled connection (a pg client lives as long as its session): the kinds whose stage it
 * has created, and the rows staged since that stage was last truncated.
 */
const stagedRows = new WeakMap<PoolClient, Map<Kind, number>>();
/** Pending records read per round when applying them. */
const PENDING_PAGE = 5000;
const MERGES = Object.fromEntries(WRITE_ORDER.map((kind) => [kind, mergeStatements(kind, kindTable(kind))])) as Record<Kind, MergeStatements>;

export async function openPostgresSink(db: Db, options: PostgresSinkOptions): Promise<PostgresSink> {
  await abandonStaleBatches(db);
  const batchId = await startBatch(db, options.source, options.origin ?? null);
  return new CopySink(db, await poolOf(db).connect(), batchId, options);
}

class CopySink implements PostgresSink {
  private chunk: Chunk;
  private buffered = 0;
  /** The chunk each client is writing (or its last); a client takes the next chunk when free. */
  private readonly writers: Writer[];
  /**
   * Natural keys of earlier chunks, by hash (see natural-key-hash.ts). A collision only makes a
   * chunk wait for the earlier ones to commit, as a real repeat does.
   */
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
    client: PoolClient,
    readonly batchId: string,
    private readonly options: PostgresSinkOptions,
  ) {
    this.writers = [{ client, busy: Promise.resolve(), writing: false }];
    this.chunkSize = options.chunkSize ?? 5000;
    this.summary = { batchId: Number(batchId), ...emptyLedger(), appliedPending: emptyLedger(), rejections: [] };
    this.chunk = emptyChunk(this.summary);
  }

  async write(items: Validated[]): Promise<void> {
    for (const item of items) {
      if (!item.ok) {
        this.receive(item.rejection.kind);
        this.reject(item.rejection);
        continue;
      }
      this.receive(item.record.kind);
      const key = KIND_TABLES[item.record.kind].naturalKey(item.record as never);
      const slot = this.chunk.slots.get(key);
      if (slot !== undefined) {
        this.supersede(this.chunk.records.get(item.record.kind)!, slot, item);
        continue;
      }
      if (!this.seen.add(hash53(key))) this.chunk.repeatsEarlier = true;
      this.buffer(this.chunk, item, key);
      if (++this.buffered >= this.chunkSize) await this.dispatch();
    }
    if (this.chunk.rejections.length >= this.chunkSize) await this.dispatch();
  }

  async finish(): Promise<BatchSummary> {
    await this.dispatch();
    await this.idle();
    await this.applyPending();
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

  /**
   * Writes the pending records whose target is stored now — this batch's and earlier ones' —
   * through the same merge as new lines; the merge deletes their pending rows. One that still
   * waits (for another reference) is held again, so each round reads only ids above the last.
   */
  private async applyPending(): Promise<void> {
    for (const kind of WRITE_ORDER) {
      if (MERGES[kind].unresolved.length === 0) continue;
      let afterId = '0';
      for (;;) {
        const page: PendingRecord[] = await resolvablePending(this.writers[0]!.client, kind, MERGES[kind].unresolved, afterId, PENDING_PAGE);
        if (page.length === 0) break;
        afterId = page.at(-1)!.id;
        const own = emptyChunk(this.summary);
        const earlier = emptyChunk(this.summary.appliedPending);
        for (const pending of page) {
          const chunk = pending.batchId === this.batchId ? own : earlier;
          // Its line was received (and counted pending) by its own batch; it now lands.
          if (chunk === own) {
            this.counts(pending.record.kind).pending--;
            this.summary.total.pending--;
          } else this.receive(pending.record.kind, earlier.ledger);
          this.buffer(chunk, { record: pending.record, position: pending.position }, String(pending.id));
        }
        await this.send(own);
        await this.send(earlier);
        await this.idle();
      }
    }
  }

  private buffer(chunk: Chunk, item: Buffered, key: string): void {
    let list = chunk.records.get(item.record.kind);
    if (!list) chunk.records.set(item.record.kind, (list = []));
    chunk.slots.set(key, list.length);
    list.push(item);
  }

  /**
   * A repeat within the chunk: the later line replaces the earlier, which counts as if it had
   * been stored by a run of its own before this one — the later line updates it, or leaves it
   * unchanged when identical. Append-only kinds keep their first version, as a later batch would.
   */
  private supersede(list: Buffered[], index: number, item: Buffered): void {
    const earlier = list[index]!;
    const kind = item.record.kind;
    const same = JSON.stringify(earlier.record) === JSON.stringify(item.record);
    if (KIND_TABLES[kind].appendOnly) {
      this.add(kind, { inserted: 0, updated: 0, unchanged: 1 });
      return;
    }
    list[index] = item;
    this.add(kind, { inserted: 0, updated: same ? 0 : 1, unchanged: same ? 1 : 0 });
  }

  /** Hands the buffered chunk to a free writer without waiting for it to be written. */
  private async dispatch(): Promise<void> {
    const chunk = this.chunk;
    this.chunk = emptyChunk(this.summary);
    this.buffered = 0;
    await this.send(chunk);
  }

  private async send(chunk: Chunk): Promise<void> {
    if (chunk.records.size === 0 && chunk.rejections.length === 0) return;
    // A repeat merges over the version an earlier chunk writes; a classification should find
    // the incidents of earlier chunks (else it waits in pending until the batch ends).
    if (chunk.repeatsEarlier || chunk.records.has('classification')) await this.idle();
    const writer = await this.freeWriter();
    writer.writing = true;
    writer.busy = this.writeChunk(writer.client, chunk).finally(() => (writer.writing = false));
    // Surface a failure at the next await, not as an unhandled rejection meanwhile.
    writer.busy.catch(() => undefined);
  }

  /** A writer with no chunk under way: a new connection while there are fewer than WRITERS. */
  private async freeWriter(): Promise<Writer> {
    const free = this.writers.find((writer) => !writer.writing);
    if (free) {
      await free.busy; // a failed chunk surfaces here, not overwritten by the next
      return free;
    }
    if (this.writers.length < WRITERS) {
      const writer: Writer = { client: await poolOf(this.db).connect(), busy: Promise.resolve(), writing: false };
      this.writers.push(writer);
      return writer;
    }
    return Promise.race(this.writers.map((w) => w.busy.then(() => w)));
  }

  private async writeChunk(client: PoolClient, chunk: Chunk): Promise<void> {
    // In dispatch order, so a chunk never finds a name "known" whose insert is still running.
    const ready = this.placeholders.then(() => createPlaceholderServices(client, chunk, this.knownServices));
    this.placeholders = ready.catch(() => undefined);
    await ready;
    await createStages(client, chunk.records.keys());
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
    await truncateFullStages(client);
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
    const staged = stagedRows.get(client)!;
    staged.set(kind, staged.get(kind)! + items.length);

    let held = 0;
    for (const check of statements.unresolved) {
      const { rows } = await client.query<{ seq: number; value: string }>(check.sql);
      if (rows.length === 0) continue;
      await holdPending(client, this.batchId, rows.map(({ seq, value }) => ({ ...items[seq]!, field: check.field, waitingFor: value })));
      await client.query(`DELETE FROM ${statements.stage} WHERE seq = ANY ($1::int[])`, [rows.map((row) => row.seq)]);
      held += rows.length;
    }
    if (held > 0) {
      this.counts(kind, chunk.ledger).pending += held;
      chunk.ledger.total.pending += held;
    }
    // What is stored or refused now no longer waits: a version held by an earlier batch, or the
    // pending record this chunk applies.
    if (statements.clearPending) await client.query(statements.clearPending);

    const placeholders = statements.replacesPlaceholder ? ((await client.query<{ n: number }>(statements.replacesPlaceholder)).rows[0]?.n ?? 0) : 0;
    const merged = await this.merge(client, statements, items, chunk);
    await client.query(statements.emptyStage);

    const stored = items.length - held - merged.refused;
    const inserted = merged.inserted + placeholders;
    const updated = merged.changed - inserted;
    this.add(kind, { inserted, updated, unchanged: stored - merged.changed }, chunk.ledger);
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

  private counts(kind: string | null, ledger: Ledger = this.summary): KindCounts {
    return (ledger.byKind[kind ?? 'unknown'] ??= emptyCounts());
  }

  private receive(kind: string | null, ledger: Ledger = this.summary): void {
    this.counts(kind, ledger).received++;
    ledger.total.received++;
  }

  /** Counts a rejection and queues it for quarantine with the chunk it belongs to. */
  private reject(rejection: Rejection, chunk: Chunk = this.chunk): void {
    this.counts(rejection.kind, chunk.ledger).quarantined++;
    chunk.ledger.total.quarantined++;
    chunk.rejections.push(rejection);
    if (this.summary.rejections.length < MAX_KEPT_REJECTIONS) this.summary.rejections.push(rejection);
  }

  private add(kind: Kind, counts: Pick<KindCounts, 'inserted' | 'updated' | 'unchanged'>, ledger: Ledger = this.summary): void {
    const own = this.counts(kind, ledger);
    for (const field of ['inserted', 'updated', 'unchanged'] as const) {
      own[field] += counts[field];
      ledger.total[field] += counts[field];
    }
  }

  private release(): void {
    if (this.released) return;
    this.released = true;
    for (const writer of this.writers) writer.client.release();
  }
}

/** Creates, outside the chunk's transaction, the stages of these kinds this connection lacks. */
async function createStages(client: PoolClient, kinds: Iterable<Kind>): Promise<void> {
  let staged = stagedRows.get(client);
  if (!staged) stagedRows.set(client, (staged = new Map()));
  for (const kind of kinds) {
    if (staged.has(kind)) continue;
    await client.query(MERGES[kind].createStage);
    staged.set(kind, 0);
  }
}

async function truncateFullStages(client: PoolClient): Promise<void> {
  const staged = stagedRows.get(client)!;
  for (const [kind, rows] of staged) {
    if (rows < STAGE_TRUNCATE_ROWS) continue;
    await client.query(MERGES[kind].truncateStage);
    staged.set(kind, 0);
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

function emptyChunk(ledger: Ledger): Chunk {
  return { records: new Map(), slots: new Map(), rejections: [], ledger, repeatsEarlier: false };
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
