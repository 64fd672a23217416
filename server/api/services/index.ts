import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestFilters } from '../../analytics/request-filters.ts';
import { periodOf } from '../../analytics/filters.ts';
import { listServices } from '../../analytics/service-list.ts';
import { findService } from '../../db/services.repository.ts';
import { ServiceDetailSchema, ServicesSchema } from './schema.ts';

const services: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/services', { schema: ServicesSchema, config: { table: 'services' } }, async (request) => {
    const filters = await requestFilters(app.db, request.query);
    return {
      period: periodOf(filters),
      min_confidence: filters.minConfidence,
      services: await listServices(app.db, filters),
    };
  });

  app.get('/api/services/:id', { schema: ServiceDetailSchema }, async (request, reply) => {
    const service = await findService(app.db, request.params.id);
    if (!service) return reply.status(404).send({ error: { code: 'not_found', message: `no service ${JSON.stringify(request.params.id)}` } });
    return { service };
  });
};

export default services;
