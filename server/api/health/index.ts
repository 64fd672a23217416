import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { derivedBacklog, rowCounts } from '../../db/health.repository.ts';
import { demoState } from '../../demo-data.ts';
import { queueCounts } from '../../jobs/job-progress.ts';
import { migrationState, serverVersion } from '../../db/migrate.ts';
import { HealthSchema } from './schema.ts';

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', { schema: HealthSchema, config: { public: true } }, async (_request, reply) => {
    try {
      const [version, migration, counts, derived, demo, jobs] = await Promise.all([serverVersion(app.db), migrationState(app.db), rowCounts(app.db), derivedBacklog(app.db), demoState(app.db), queueCounts(app.db)]);
      return {
        status: migration.pending === 0 ? 'ok' : 'unavailable',
        database: { reachable: true, embedded: app.embeddedDatabase, server_version: version, migration: migration.latest, pending_migrations: migration.pending },
        demo: { loaded: demo.loaded_at !== null, loaded_at: demo.loaded_at, loading: demo.loaded_at === null && demo.started_at !== null, records_loaded: demo.records_loaded },
        counts: counts.counts,
        counts_estimated: counts.estimated,
        derived,
        jobs,
      } as const;
    } catch (error) {
      app.log.warn({ err: error }, 'health check: database unreachable');
      return reply.status(503).send({
        status: 'unavailable',
        database: { reachable: false, embedded: app.embeddedDatabase, server_version: null, migration: null, pending_migrations: 0 },
        demo: { loaded: false, loaded_at: null, loading: false, records_loaded: null },
        counts: {},
        counts_estimated: [],
        derived: { pending_days: 0, pending_incidents: 0, unrefreshed_batches: 0, oldest_pending_at: null, lag_seconds: 0 },
        jobs: { waiting: 0, running: 0, failed_last_day: 0 },
      });
    }
  });
};

export default health;
