import { type Static, Type } from 'typebox';
import { ErrorBody } from '../error-schema.ts';
import { Nullable } from '../schema-types.ts';

const QueueName = Type.Union([Type.Literal('refresh'), Type.Literal('rebuild'), Type.Literal('relink')]);

export const JobItem = Type.Object({
  id: Type.String(),
  queue: QueueName,
  state: Type.Union([Type.Literal('created'), Type.Literal('retry'), Type.Literal('active'), Type.Literal('completed'), Type.Literal('cancelled'), Type.Literal('failed')], {
    description: 'created: waiting; retry: failed, waiting for another attempt; active: running; completed; cancelled; failed: retries spent',
  }),
  requested_by: Nullable(Type.String({ description: 'who or what queued it: a user, a command, an ingest request' })),
  reason: Nullable(Type.String()),
  created_at: Type.String({ format: 'date-time' }),
  started_at: Nullable(Type.String({ format: 'date-time' })),
  finished_at: Nullable(Type.String({ format: 'date-time' })),
  retry_count: Type.Integer(),
  phase: Nullable(Type.String({ description: 'the step it was in at its last report, e.g. "rollups: insert deployment_rollups"' })),
  done: Nullable(Type.Integer({ description: 'steps finished, of total' })),
  total: Nullable(Type.Integer()),
  error: Nullable(Type.String({ description: "the last attempt's error, for a failed job or one waiting to retry" })),
});

export const JobCounts = Type.Object({
  waiting: Type.Integer(),
  running: Type.Integer(),
  failed_last_day: Type.Integer({ description: 'failed for good in the last 24 hours' }),
});

export const JobsSchema = {
  summary: 'The newest jobs that keep derived data (refresh, rebuild, relink): state, progress and errors',
  querystring: Type.Object({
    queue: Type.Optional(QueueName),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  }),
  response: { 200: Type.Object({ counts: JobCounts, jobs: Type.Array(JobItem) }), 400: ErrorBody, 401: ErrorBody },
};

export const QueueJobSchema = {
  summary: 'Queue a job: rebuild all derived data, relink every incident, or refresh what changed',
  description: 'Needs role admin. 202 with the job; when an equal job already waits, 202 with that one (it covers this request).',
  body: Type.Object({ queue: QueueName, reason: Type.Optional(Type.String({ maxLength: 500 })) }),
  response: { 202: Type.Object({ job: JobItem }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody },
};

export type JobView = Static<typeof JobItem>;
export type QueueCounts = Static<typeof JobCounts>;
