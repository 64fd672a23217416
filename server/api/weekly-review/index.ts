// The weekly operations review (docs/api.md "GET /api/weekly-review"): one week's agenda.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { lastCompleteWeek, parseWeek } from '../../analytics/iso-week.ts';
import { weeklyReview } from '../../analytics/weekly-review.ts';
import { WeeklyReviewSchema } from './schema.ts';

const weeklyReviewRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/weekly-review', { schema: WeeklyReviewSchema }, async (request) => {
    const now = new Date();
    const start = request.query.week ? parseWeek(request.query.week) : lastCompleteWeek(now);
    return weeklyReview(app.db, start, now);
  });
};

export default weeklyReviewRoutes;
