// Weekly review endpoint: one ISO week's agenda for the operations review meeting.
import { api, unwrap, type RequestOptions } from './client.ts';
import type { WeeklyReview } from './types.ts';

/** `GET /api/weekly-review`: the review of `week` (2026-W47), or of the last complete week when null. */
export function getWeeklyReview(week: string | null, options: RequestOptions = {}): Promise<WeeklyReview> {
  const query = week ? { week } : {};
  return unwrap(() => api.GET('/api/weekly-review', { params: { query }, signal: options.signal }), options.signal);
}
