import { Type } from 'typebox';
import { ErrorBody } from '../error-schema.ts';

export const Counts = Type.Object({
  received: Type.Integer(),
  inserted: Type.Integer(),
  updated: Type.Integer(),
  unchanged: Type.Integer(),
  quarantined: Type.Integer(),
  pending: Type.Integer({ description: 'stored to wait for the record it refers to (e.g. a classification before its incident); applied when that arrives' }),
});

export const IngestResponse = Type.Object({
  batch_id: Type.String(),
  total: Counts,
  by_kind: Type.Record(Type.String(), Counts),
  applied_pending: Type.Object(
    { total: Counts, by_kind: Type.Record(Type.String(), Counts) },
    { description: 'records that earlier batches kept pending and this one applied, because what they refer to is stored now (not in total)' },
  ),
  /** Ids of this batch's quarantine rows (GET /api/quarantine?batch_id=… has the reasons). */
  quarantine_ids: Type.Array(Type.String()),
  refresh: Type.Object(
    { job_id: Type.Union([Type.String(), Type.Null()], { description: 'the refresh job queued for this batch; null when one already waiting covers it' }) },
    { description: 'derived data (metrics, rollups) follows in a job a few seconds later: GET /api/jobs, or derived.lag_seconds in GET /api/health' },
  ),
  /** Set when the body was larger than the limit: what came before it is stored and counted. */
  truncated: Type.Optional(Type.Boolean()),
});

export const IngestQuery = Type.Object({
  source: Type.Optional(Type.String({ description: 'source for records that name none (default "api")' })),
});

export const IngestSchema = {
  summary: 'Ingest normalized records as NDJSON (application/x-ndjson), streamed',
  description: 'One record per line (docs/ingest-format.md). Needs a token with role sre. Answers once the records are stored, pending or quarantined; the refresh of derived data is queued as a job.',
  querystring: IngestQuery,
  // 413: an error when Content-Length is over the limit up front; the counts of what was read
  // when a streamed body crosses it (`truncated`: the rest was not read — send it again).
  response: { 200: IngestResponse, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 413: Type.Union([ErrorBody, IngestResponse]) },
};
