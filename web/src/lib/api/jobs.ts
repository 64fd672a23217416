// The job queue's endpoints: the jobs that keep derived data, and queuing one (admin).
import { api, jsonRows, unwrap, type RequestOptions } from './client.ts';
import type { JobItem, JobList, JobQueueName } from './types.ts';

/** `GET /api/jobs`: the newest jobs with their state, progress and errors. */
export function getJobs(limit: number, options: RequestOptions = {}): Promise<JobList> {
  return jsonRows(unwrap(() => api.GET('/api/jobs', { params: { query: { limit } }, headers: { accept: 'application/json' }, signal: options.signal }), options.signal));
}

/** `POST /api/jobs` (role admin): queue a rebuild, relink or refresh. */
export async function queueJob(queue: JobQueueName, reason?: string): Promise<JobItem> {
  const answer = await unwrap(() => api.POST('/api/jobs', { body: reason ? { queue, reason } : { queue } }), undefined, true);
  return answer.job;
}
