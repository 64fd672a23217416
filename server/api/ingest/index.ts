// POST /api/ingest/records: the generic HTTP source. The body streams through the same NDJSON
// reader, validation and sink as `sevscope ingest`, in bounded memory.
import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { readStream } from '../../../ingest/sources/file.ts';
import { validateRecord } from '../../../ingest/validate.ts';
import { readSeverityMap } from '../../db/settings.repository.ts';
import { storeRecords } from '../../load-records.ts';
import { IngestSchema } from './schema.ts';

/** Bytes one request may send; bigger histories go through `sevscope ingest` or several requests. */
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

const ingest: FastifyPluginAsyncTypebox<{ maxBytes?: number }> = async (app, options) => {
  const maxBytes = options.maxBytes ?? (Number(process.env.SEVSCOPE_INGEST_MAX_BYTES) || DEFAULT_MAX_BYTES);
  // Hand the raw body stream to the route instead of buffering it.
  for (const type of ['application/x-ndjson', 'application/jsonl', 'text/plain']) {
    app.addContentTypeParser(type, (_request, payload, done) => done(null, payload));
  }

  app.post('/api/ingest/records', { schema: IngestSchema, config: { role: 'sre' } }, async (request, reply) => {
    const declared = Number(request.headers['content-length']);
    if (declared > maxBytes) {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: `body: ${declared} bytes is over the ${maxBytes}-byte limit; split it or use sevscope ingest` } });
    }
    const body = request.body as NodeJS.ReadableStream | undefined;
    if (!body || typeof body.pipe !== 'function') {
      return reply.status(400).send({ error: { code: 'invalid_request', message: 'body: expected NDJSON with Content-Type application/x-ndjson' } });
    }
    const limit = new ByteLimit(maxBytes);
    body.pipe(limit);
    const severityMap = await readSeverityMap(app.db);
    const source = request.query.source ?? 'api';
    const origin = `POST /api/ingest/records by ${request.principal?.name ?? 'unknown'}`;
    const summary = await storeRecords(app.db, { source, origin }, readStream(limit, { format: 'ndjson', gzip: false, origin: 'request' }, {
      defaultSource: source,
      validate: (raw, position) => validateRecord(raw, position, { severityMap }),
    }));
    const batchId = String(summary.batchId);
    const refreshJob = await app.jobs.send('refresh', { requested_by: origin, reason: `batch ${batchId}` });
    const quarantined = await app.db.selectFrom('quarantine').select('id').where('batch_id', '=', batchId).orderBy('id').limit(10_000).execute();
    const result = {
      batch_id: batchId,
      total: summary.total,
      by_kind: summary.byKind,
      applied_pending: { total: summary.appliedPending.total, by_kind: summary.appliedPending.byKind },
      quarantine_ids: quarantined.map((row) => row.id),
      refresh: { job_id: refreshJob },
      ...(limit.exceeded ? { truncated: true } : {}),
    };
    return reply.status(limit.exceeded ? 413 : 200).send(result);
  });
};

/** Passes bytes through until the limit, then ends the stream (what came before is kept). */
class ByteLimit extends Transform {
  private seen = 0;
  exceeded = false;

  constructor(private readonly max: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (this.exceeded) return callback();
    this.seen += chunk.length;
    if (this.seen <= this.max) return callback(null, chunk);
    this.exceeded = true;
    // Keep whole lines only: the line the limit cuts is not read (the response says so).
    const keep = chunk.subarray(0, chunk.length - (this.seen - this.max));
    const lastNewline = keep.lastIndexOf(0x0a);
    callback(null, lastNewline >= 0 ? keep.subarray(0, lastNewline + 1) : undefined);
    this.end();
  }
}

export default ingest;
