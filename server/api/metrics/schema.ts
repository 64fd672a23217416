import { Type } from 'typebox';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';

export const CfrTrendResponse = Type.Object({
  period: Period,
  min_confidence: Type.Number(),
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ description: 'ISO week Monday, YYYY-MM-DD' }),
      cohort: Type.Union([Type.Literal('ai'), Type.Literal('human'), Type.Literal('unknown')]),
      deployments: Type.Integer(),
      failed: Type.Integer(),
      rate: Type.Number(),
      ci_low: Type.Number(),
      ci_high: Type.Number(),
    }),
  ),
});

export const CfrTrendSchema = {
  summary: 'Weekly change failure rate per cohort with Wilson 95 % intervals (metrics.md)',
  querystring: MetricFilterQuery,
  response: { 200: CfrTrendResponse, 400: ErrorBody, 500: ErrorBody },
};
