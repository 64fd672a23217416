import { type Static, Type } from 'typebox';
import { ErrorBody } from '../error-schema.ts';

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Object({
    reachable: Type.Boolean(),
    embedded: Type.Boolean(),
    server_version: Type.Union([Type.String(), Type.Null()]),
    migration: Type.Union([Type.String(), Type.Null()]),
    pending_migrations: Type.Integer(),
  }),
  demo: Type.Object(
    {
      loaded: Type.Boolean(),
      loaded_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      loading: Type.Boolean({ description: 'the demo is being loaded (the first start serves at once and loads it in the background)' }),
      records_loaded: Type.Union([Type.Integer(), Type.Null()], { description: 'while loading: records stored so far (of about 69 000)' }),
    },
    { description: 'whether the generated demo year (a fictional retailer) is in the database: the dashboard says so' },
  ),
  counts: Type.Record(Type.String(), Type.Integer(), { description: 'rows per main table: exact below 100 000 rows, the planner\'s estimate above (see counts_estimated)' }),
  counts_estimated: Type.Array(Type.String(), { description: 'the tables whose count is an estimate: counting 10 M rows exactly takes seconds, and health is polled' }),
  derived: Type.Object(
    {
      pending_days: Type.Integer({ description: '(day, service) pairs whose rollups wait for a refresh' }),
      pending_incidents: Type.Integer({ description: 'incidents whose rollups wait for a refresh' }),
      unrefreshed_batches: Type.Integer({ description: 'ingest batches stored but not yet covered by a refresh' }),
      oldest_pending_at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'when the oldest change not yet in the derived data was stored' }),
      lag_seconds: Type.Number({ description: 'seconds since oldest_pending_at: how stale the metrics may be; 0 when nothing waits' }),
    },
    { description: 'how far rollups and links lag the raw tables; zero after a refresh (the refresh job runs after each batch)' },
  ),
  jobs: Type.Object(
    {
      waiting: Type.Integer({ description: 'refresh, rebuild and relink jobs queued or waiting to retry' }),
      running: Type.Integer(),
      failed_last_day: Type.Integer({ description: 'jobs that failed for good (retries spent) in the last 24 hours' }),
    },
    { description: 'the job queue (GET /api/jobs lists the jobs)' },
  ),
});

/** How far derived data lags the raw tables: all zero right after a refresh. */
export type DerivedBacklog = Static<typeof HealthResponse>['derived'];

export const HealthSchema = {
  summary: 'Is the service up: database reachable, migration version, row counts (no sign-in needed)',
  security: [],
  response: { 200: HealthResponse, 503: HealthResponse, 500: ErrorBody },
};
