// GET /api/jobs and POST /api/jobs: the job queue as the Data quality page and scripts see it.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listJobs, queueCounts } from '../../jobs/job-progress.ts';
import { audit } from '../../db/audit-log.repository.ts';
import { JobsSchema, QueueJobSchema } from './schema.ts';

const jobs: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/jobs', { schema: JobsSchema }, async (request) => {
    const [counts, list] = await Promise.all([queueCounts(app.db), listJobs(app.db, { limit: request.query.limit, queue: request.query.queue })]);
    return { counts, jobs: list };
  });

  app.post('/api/jobs', { schema: QueueJobSchema, config: { role: 'admin' } }, async (request, reply) => {
    const { queue, reason } = request.body;
    const id = await app.jobs.sendOrJoin(queue, { requested_by: request.principal!.name, ...(reason ? { reason } : {}) });
    await audit(app.db, request.principal!, { action: 'queue_job', entity: 'jobs', entityId: id, details: { queue, reason: reason ?? null } });
    const [job] = await listJobs(app.db, { limit: 1, id });
    return reply.status(202).send({ job: job! });
  });
};

export default jobs;
