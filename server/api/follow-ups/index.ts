// Follow-up actions on incidents (docs/api.md "Follow-ups"): anyone signed in reads, role sre writes.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { createFollowUp, incidentFollowUps, listFollowUps, updateFollowUp } from '../../db/follow-ups.repository.ts';
import { findIncident } from '../../db/incidents.repository.ts';
import { FollowUpCreateSchema, FollowUpListSchema, FollowUpUpdateSchema, IncidentFollowUpsSchema } from './schema.ts';

const followUps: FastifyPluginAsyncTypebox = async (app) => {
  /** The incident named in the path, or a 404/409 already sent (as the incidents routes do). */
  async function resolve(reply: FastifyReply, id: string, source: string | undefined) {
    const incident = await findIncident(app.db, id, source);
    if (incident === 'ambiguous') return void reply.status(409).send({ error: { code: 'ambiguous', message: `incident ${JSON.stringify(id)} exists in several sources; add ?source=` } });
    if (!incident) return void reply.status(404).send({ error: { code: 'not_found', message: `no incident ${JSON.stringify(id)}${source ? ` from source ${JSON.stringify(source)}` : ''}` } });
    return incident;
  }

  app.get('/api/incidents/:id/follow-ups', { schema: IncidentFollowUpsSchema }, async (request, reply) => {
    const incident = await resolve(reply, request.params.id, request.query.source);
    if (!incident) return reply;
    return { follow_ups: await incidentFollowUps(app.db, incident.id) };
  });

  app.post('/api/incidents/:id/follow-ups', { schema: FollowUpCreateSchema, config: { role: 'sre' } }, async (request, reply) => {
    const incident = await resolve(reply, request.params.id, request.query.source);
    if (!incident) return reply;
    const { title, owner = null, due_date = null, status = 'open' } = request.body;
    return reply.status(201).send(await createFollowUp(app.db, incident, { title, owner, due_date, status }, request.principal!));
  });

  app.patch('/api/follow-ups/:id', { schema: FollowUpUpdateSchema, config: { role: 'sre' } }, async (request, reply) => {
    const followUp = await updateFollowUp(app.db, request.params.id, request.body, request.principal!);
    return followUp ?? reply.status(404).send({ error: { code: 'not_found', message: `no follow-up ${request.params.id}` } });
  });

  app.get('/api/follow-ups', { schema: FollowUpListSchema }, async (request) => {
    const { status, due_before, limit = 200 } = request.query;
    return { follow_ups: await listFollowUps(app.db, { ...(status ? { status } : {}), ...(due_before ? { dueBefore: due_before } : {}), limit }) };
  });
};

export default followUps;
