// The Postgres Sink: buffers validated records, writes them kind by kind in dependency order
// with idempotent upserts, quarantines whatever is rejected (by validation or by the
// database), and keeps the accounting `received = inserted + updated + unchanged + quarantined`.
import { sql } from 'kysely';
import {
  type BatchSummary,
  type Kind,
  type KindCounts,
  type NormalizedRecord,
  type Position,
  type RecordOfKind,
  type Rejection,
  type Sink,
  type Validated,
  emptyCounts,
} from '../../ingest/model.ts';
import type { Db } from './connection.ts';
import { finishBatch, startBatch } from './ingest-batches.repository.ts';
import { insertQuarantine } from './quarantine.repository.ts';
import { type References, WRITE_ORDER, writerFor } from './record-writers.ts';
import { type Row, type UpsertedRow, upsertRows } from './upsert.ts';

/** What a batch wrote, so derived data (cohorts, links) can be refreshed for just that. */
export interface TouchedRecords {
  deploymentIds: string[];
  changeExternalIds: string[];
  incidentIds: string[];
}

export interface PostgresSinkOptions {
  source: string;
  origin?: string | null;
  /** Records buffered before a write; bounded memory whatever the input size. */
  chunkSize?: number;
  /** Called once the records are stored, before the batch is closed (refresh derived data). */
  afterWrite?: (touched: TouchedRecords) => Promise<void>;
  onProgress?: (summary: BatchSummary) => void;
}

interface Buffered {
  record: NormalizedRecord;
  position: Position;
}

const MAX_KEPT_REJECTIONS = 100;

export async function openPostgresSink(db: Db, options: PostgresSinkOptions): Promise<Sink> {
  const batchId = await startBatch(db, options.source, options.origin ?? null);
  return new PostgresSink(db, batchId, options);
}

class PostgresSink implements Sink {
  private readonly buffers = new Map<Kind, Map<string, Buffered>>();
  private buffered = 0;
  private quarantine: Rejection[] = [];
  private readonly summary: BatchSummary;
  private readonly services = new Map<string, string>();
  private readonly touched = { deploymentIds: new Set<string>(), changeExternalIds: new Set<string>(), incidentIds: new Set<string>() };
  private readonly chunkSize: number;

  constructor(
    private readonly db: Db,
    private readonly batchId: string,
    private readonly options: PostgresSinkOptions,
  ) {
    this.chunkSize = options.chunkSize ?? 1000;
    this.summary = { batchId: Number(batchId), total: emptyCounts(), byKind: {}, rejections: [] };
  }

  async write(items: Validated[]): Promise<void> {
    for (const item of items) {
      if (!item.ok) {
        this.reject(item.rejection);
        continue;
      }
      const { record } = item;
      const key = writerFor(record.kind).key(record as never);
      let buffer = this.buffers.get(record.kind);
      if (!buffer) this.buffers.set(record.kind, (buffer = new Map()));
      // One statement cannot touch a key twice: write what is buffered, then take the newer one.
      if (buffer.has(key)) await this.flush();
      this.count(record.kind).received++;
      this.buffers.get(record.kind)!.set(key, item);
      if (++this.buffered >= this.chunkSize) await this.flush();
    }
    if (this.quarantine.length >= this.chunkSize) await this.flushQuarantine();
  }

  async finish(): Promise<BatchSummary> {
    await this.flush();
    await this.flushQuarantine();
    await this.options.afterWrite?.({
      deploymentIds: [...this.touched.deploymentIds],
      changeExternalIds: [...this.touched.changeExternalIds],
      incidentIds: [...this.touched.incidentIds],
    });
    await finishBatch(this.db, this.batchId, 'succeeded', this.summary, null);
    return this.summary;
  }

  async fail(error: unknown): Promise<void> {
    await this.flushQuarantine().catch(() => undefined);
    const message = error instanceof Error ? error.message : String(error);
    await finishBatch(this.db, this.batchId, 'failed', this.summary, message);
  }

  private count(kind: string): KindCounts {
    return (this.summary.byKind[kind] ??= emptyCounts());
  }

  private reject(rejection: Rejection, counted = false): void {
    const counts = this.count(rejection.kind ?? 'unknown');
    if (!counted) {
      counts.received++;
      this.summary.total.received++;
    }
    counts.quarantined++;
    this.summary.total.quarantined++;
    this.quarantine.push(rejection);
    if (this.summary.rejections.length < MAX_KEPT_REJECTIONS) this.summary.rejections.push(rejection);
  }

  private async flush(): Promise<void> {
    for (const kind of WRITE_ORDER) {
      const buffer = this.buffers.get(kind);
      if (buffer && buffer.size > 0) await this.writeKind(kind, [...buffer.values()]);
      buffer?.clear();
    }
    this.buffered = 0;
    this.options.onProgress?.(this.summary);
  }

  private async writeKind<K extends Kind>(kind: K, items: Buffered[]): Promise<void> {
    const writer = writerFor(kind);
    const records = items.map((item) => item.record as RecordOfKind<K>);
    const refs: References = {
      services: await this.resolveServices(records.flatMap((record) => writer.services(record))),
      incidents: kind === 'classification' ? await this.resolveIncidents(records as RecordOfKind<'classification'>[]) : new Map(),
    };
    const rows: Row[] = [];
    const byKey = new Map<string, RecordOfKind<K>>();
    const positions = new Map<string, Position>();
    items.forEach((item, index) => {
      const record = records[index]!;
      const row = writer.toRow(record, refs);
      if ('reject' in row) {
        this.reject(rejectionOf(record, item.position, String(row.field), String(row.reject)), true);
        return;
      }
      const key = writer.key(record);
      rows.push(row);
      byKey.set(key, record);
      positions.set(key, item.position);
    });
    this.summary.total.received += records.length;

    const placeholders = kind === 'service' ? await this.placeholderServices([...byKey.keys()]) : new Set<string>();
    const { changed, refused } = await this.upsertOrQuarantine(kind, rows, byKey, positions);
    if (changed.length > 0) await writer.afterWrite?.(this.db, changed, byKey, refs);

    const counts = this.count(kind);
    const stored = rows.length - refused;
    let inserted = 0;
    for (const row of changed) {
      if (row.inserted || placeholders.has(row.key)) inserted++;
      if (kind === 'service') this.services.set(row.key, row.id);
      if (kind === 'deployment') this.touched.deploymentIds.add(row.id);
      if (kind === 'incident') this.touched.incidentIds.add(row.id);
      if (kind === 'change') this.touched.changeExternalIds.add(byKey.get(row.key)!.id);
    }
    const updated = changed.length - inserted;
    counts.inserted += inserted;
    counts.updated += updated;
    counts.unchanged += stored - changed.length;
    this.summary.total.inserted += inserted;
    this.summary.total.updated += updated;
    this.summary.total.unchanged += stored - changed.length;
  }

  /** Writes a chunk in one statement; if the database refuses it, row by row, quarantining the refused rows. */
  private async upsertOrQuarantine<K extends Kind>(
    kind: K,
    rows: Row[],
    byKey: Map<string, RecordOfKind<K>>,
    positions: Map<string, Position>,
  ): Promise<{ changed: UpsertedRow[]; refused: number }> {
    const target = writerFor(kind).target;
    try {
      return { changed: await upsertRows(this.db, target, rows), refused: 0 };
    } catch {
      const changed: UpsertedRow[] = [];
      let refused = 0;
      const keys = [...byKey.keys()];
      for (const [index, row] of rows.entries()) {
        try {
          changed.push(...(await upsertRows(this.db, target, [row])));
        } catch (error) {
          const key = keys[index]!;
          const { field, reason } = databaseReason(kind, target.table, error);
          this.reject(rejectionOf(byKey.get(key)!, positions.get(key)!, field, reason), true);
          refused++;
        }
      }
      return { changed, refused };
    }
  }

  /** Services that records refer to are created as placeholders until their own record arrives. */
  private async resolveServices(externalIds: string[]): Promise<Map<string, string>> {
    const missing = [...new Set(externalIds)].filter((id) => !this.services.has(id));
    if (missing.length > 0) {
      await sql`
        INSERT INTO services (external_id, source, name)
        SELECT id, 'implicit', id FROM unnest(${missing}::text[]) AS id
        ON CONFLICT (external_id) DO NOTHING
      `.execute(this.db);
      const found = await this.db.selectFrom('services').select(['id', 'external_id']).where('external_id', 'in', missing).execute();
      for (const row of found) this.services.set(row.external_id, row.id);
    }
    return this.services;
  }

  /** A service record replacing a placeholder counts as inserted: it is new to the sender. */
  private async placeholderServices(externalIds: string[]): Promise<Set<string>> {
    if (externalIds.length === 0) return new Set();
    const rows = await this.db
      .selectFrom('services')
      .select('external_id')
      .where('external_id', 'in', externalIds)
      .where('source', '=', 'implicit')
      .execute();
    return new Set(rows.map((row) => row.external_id));
  }

  private async resolveIncidents(records: RecordOfKind<'classification'>[]): Promise<Map<string, string>> {
    const ids = [...new Set(records.map((record) => record.incident))];
    const rows = await this.db.selectFrom('incidents').select(['id', 'external_id']).where('external_id', 'in', ids).orderBy('id').execute();
    return new Map(rows.map((row) => [row.external_id, row.id]));
  }

  private async flushQuarantine(): Promise<void> {
    if (this.quarantine.length === 0) return;
    await insertQuarantine(this.db, this.batchId, this.options.source, this.quarantine);
    this.quarantine = [];
  }
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
