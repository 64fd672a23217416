import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { derivedBacklog, rowCounts } from '../../db/health.repository.ts';
import { migrationState, serverVersion } from '../../db/migrate.ts';
import { HealthSchema } from './schema.ts';

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', { schema: HealthSchema, config: { public: true } }, async (_request, reply) => {
    try {
      const [version, migration, counts, derived] = await Promise.all([serverVersion(app.db), migrationState(app.db), rowCounts(app.db), derivedBacklog(app.db)]);
      return {
        status: migration.pending === 0 ? 'ok' : 'unavailable',
        database: { reachable: true, embedded: app.embeddedDatabase, server_version: version, migration: migration.latest, pending_migrations: migration.pending },
        counts,
        derived,
      } as const;
    } catch (error) {
      app.log.warn({ err: error }, 'health check: database unreachable');
      return reply.status(503).send({
        status: 'unavailable',
        database: { reachable: false, embedded: app.embeddedDatabase, server_version: null, migration: null, pending_migrations: 0 },
        counts: {},
        derived: { pending_days: 0, pending_incidents: 0, unrefreshed_batches: 0 },
      });
    }
  });
};

export default health;
