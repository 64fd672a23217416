import type { Severity } from '../../../ingest/model.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { requestFilters } from '../../analytics/request-filters.ts';
import { periodOf, wholeDays } from '../../analytics/filters.ts';
import { sloHistory } from '../../analytics/slo-history.ts';
import { evaluateSlos } from '../../analytics/slo-evaluation.ts';
import { audit } from '../../db/audit-log.repository.ts';
import { createSloPolicy, deleteSloPolicy, findSloPolicy, listSloPolicies, updateSloPolicy } from '../../db/slo-policies.repository.ts';
import { SloCreateSchema, SloDeleteSchema, SloHistorySchema, SloListSchema, SloUpdateSchema } from './schema.ts';

const notFound = (id: string) => ({ error: { code: 'not_found', message: `no SLO policy ${id}` } });
const UNIQUE_VIOLATION = '23505';

const slos: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/slos', { schema: SloListSchema }, async (request) => {
    const filters = await requestFilters(app.db, request.query, { wholeDays: true });
    const policies = await listSloPolicies(app.db);
    const evaluations = await evaluateSlos(app.db, filters, { policies, burning: request.query.burning_limit });
    return {
      slos: evaluations.map(({ name: _n, metric: _m, cohort: _c, threshold: _t, objective: _o, window_days: _w, ...evaluation }, k) => ({ policy: policies[k]!, ...evaluation })),
    };
  });

  app.get('/api/slos/history', { schema: SloHistorySchema }, async (request) => {
    const filters = await requestFilters(app.db, request.query, { wholeDays: true });
    const policies = (await listSloPolicies(app.db)).filter((p) => request.query.policy === undefined || p.id === request.query.policy);
    return { period: periodOf(filters), points: await sloHistory(app.db, filters, policies) };
  });

  app.post('/api/slos', { schema: SloCreateSchema, config: { role: 'admin' } }, async (request, reply) => {
    const input = { severities: ['sev1', 'sev2'] as Severity[], window_days: 28, enabled: true, ...request.body };
    try {
      const policy = await createSloPolicy(app.db, input);
      await audit(app.db, request.principal!, { action: 'create', entity: 'slo_policy', entityId: policy.id, details: input });
      return reply.status(201).send(policy);
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return reply.status(409).send({ error: { code: 'conflict', message: `name: an SLO policy named ${JSON.stringify(input.name)} exists` } });
      throw error;
    }
  });

  app.patch('/api/slos/:id', { schema: SloUpdateSchema, config: { role: 'admin' } }, async (request, reply) => {
    const before = await findSloPolicy(app.db, request.params.id);
    if (!before) return reply.status(404).send(notFound(request.params.id));
    const policy = (await updateSloPolicy(app.db, request.params.id, request.body))!;
    await audit(app.db, request.principal!, { action: 'update', entity: 'slo_policy', entityId: policy.id, details: { before, changes: request.body } });
    return policy;
  });

  app.delete('/api/slos/:id', { schema: SloDeleteSchema, config: { role: 'admin' } }, async (request, reply) => {
    const before = await findSloPolicy(app.db, request.params.id);
    if (!before || !(await deleteSloPolicy(app.db, request.params.id))) return reply.status(404).send(notFound(request.params.id));
    await audit(app.db, request.principal!, { action: 'delete', entity: 'slo_policy', entityId: request.params.id, details: { before } });
    return reply.status(204).send(null);
  });
};

export default slos;
