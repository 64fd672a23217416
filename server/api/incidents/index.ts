import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { requestFilters } from '../../analytics/request-filters.ts';
import { DEFAULT_BACKLOG_LISTED, FACTOR_SETTING, checkClassification, classificationBacklog, factorVocabulary } from '../../analytics/classification.ts';
import { parseFilters, periodOf } from '../../analytics/filters.ts';
import { type IncidentSortKey, explainedLinks, incidentDetail, listIncidents } from '../../analytics/incident-views.ts';
import { refreshIncidentRole } from '../../analytics/incident-role-refresh.ts';
import { linkIncidents } from '../../analytics/link-incidents.ts';
import { audit } from '../../db/audit-log.repository.ts';
import { addClassification, classificationHistory, decideLink, findIncident } from '../../db/incidents.repository.ts';
import { writeSetting } from '../../db/settings.repository.ts';
import { AddFactorSchema, BacklogSchema, ClassifySchema, FactorsSchema, IncidentDetailSchema, IncidentListSchema, LinkDecisionSchema } from './schema.ts';

const period = (filters: { from: Date; to: Date }) => (periodOf(filters));

function fail(reply: FastifyReply, status: 404 | 409, message: string) {
  return reply.status(status).send({ error: { code: status === 404 ? 'not_found' : 'ambiguous', message } });
}

const incidents: FastifyPluginAsyncTypebox = async (app) => {
  /** The incident named in the path, or a 404/409 already sent. */
  async function resolve(reply: FastifyReply, id: string, source: string | undefined) {
    const incident = await findIncident(app.db, id, source);
    if (incident === 'ambiguous') return void fail(reply, 409, `incident ${JSON.stringify(id)} exists in several sources; add ?source=`);
    if (!incident) return void fail(reply, 404, `no incident ${JSON.stringify(id)}${source ? ` from source ${JSON.stringify(source)}` : ''}`);
    return incident;
  }

  app.get('/api/incidents', { schema: IncidentListSchema, config: { table: 'incidents' } }, async (request) => {
    const { cohort, ai_role, q, sort, limit, offset, ...common } = request.query;
    const filters = await requestFilters(app.db, common);
    const sortSpec = sort ?? '-impact_started_at';
    const options = {
      cohort: cohort ?? null,
      aiRole: ai_role ?? null,
      text: q?.trim() ? q.trim() : null,
      sort: { key: sortSpec.replace(/^-/, '') as IncidentSortKey, descending: sortSpec.startsWith('-') },
      limit: limit ?? 100,
      offset: offset ?? 0,
    };
    return { period: periodOf(filters), ...(await listIncidents(app.db, filters, options)) };
  });

  app.get('/api/incidents/backlog', { schema: BacklogSchema, config: { table: 'backlog' } }, async (request) => {
    const { limit, ...query } = request.query;
    const filters = await requestFilters(app.db, query);
    const backlog = await classificationBacklog(app.db, filters, new Date(), limit ?? DEFAULT_BACKLOG_LISTED);
    return { period: periodOf(filters), total: backlog.total, backlog: backlog.items };
  });

  app.get('/api/incidents/:id', { schema: IncidentDetailSchema }, async (request, reply) => {
    const incident = await resolve(reply, request.params.id, request.query.source);
    if (!incident) return reply;
    const filters = await requestFilters(app.db, { min_confidence: request.query.min_confidence }, { defaultTo: new Date() });
    const { facts, ...detail } = await incidentDetail(app.db, incident, filters, request.query.nearby_hours ?? null);
    return { incident: facts, ...detail };
  });

  app.post('/api/incidents/:id/links', { schema: LinkDecisionSchema, config: { role: 'sre' } }, async (request, reply) => {
    const incident = await resolve(reply, request.params.id, request.query.source);
    if (!incident) return reply;
    const deployments = await app.db.selectFrom('deployments').select('id').where('external_id', '=', request.body.deployment).limit(2).execute();
    if (deployments.length !== 1) {
      return reply.status(400).send({ error: { code: 'invalid_request', message: `body.deployment: ${deployments.length === 0 ? 'no deployment' : 'several deployments'} with id ${JSON.stringify(request.body.deployment)}` } });
    }
    await decideLink(app.db, request.principal!, incident, deployments[0]!.id, request.body.decision, request.body.notes ?? null);
    // The link itself changes at once; the rollups it moves (CFR, the incident's cohort) follow
    // in the refresh job, a few seconds later.
    await linkIncidents(app.db, [incident.id]);
    await app.jobs.send('refresh', { requested_by: request.principal!.name, reason: `link decision on incident ${incident.external_id}` });
    return { links: await explainedLinks(app.db, incident.id) };
  });

  app.post('/api/incidents/:id/classification', { schema: ClassifySchema, config: { role: 'sre' } }, async (request, reply) => {
    const incident = await resolve(reply, request.params.id, request.query.source);
    if (!incident) return reply;
    const factors = { human: request.body.factors?.human ?? [], ai: request.body.factors?.ai ?? [], process: request.body.factors?.process ?? [] };
    const role = checkClassification(request.body.ai_role, factors, await factorVocabulary(app.db));
    await addClassification(app.db, request.principal!, incident, { ai_role: role, factors, notes: request.body.notes ?? null });
    // The incident's facts and monthly counts hold its current role: the new one, from now on.
    await refreshIncidentRole(app.db, incident.id);
    return reply.status(201).send({ classifications: await classificationHistory(app.db, incident.id) });
  });

  app.get('/api/classification/factors', { schema: FactorsSchema }, async () => factorVocabulary(app.db));

  app.post('/api/classification/factors', { schema: AddFactorSchema, config: { role: 'admin' } }, async (request) => {
    const vocabulary = await factorVocabulary(app.db);
    const { group, factor } = request.body;
    if (!vocabulary[group].includes(factor)) {
      vocabulary[group].push(factor);
      await writeSetting(app.db, FACTOR_SETTING, vocabulary);
      await audit(app.db, request.principal!, { action: 'add_factor', entity: 'classification_factors', entityId: group, details: { factor } });
    }
    return vocabulary;
  });
};

export default incidents;
