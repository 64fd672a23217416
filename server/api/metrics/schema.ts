import { Type } from 'typebox';
import { ErrorBody } from '../error-schema.ts';

/** The common filters (api.md "Common"); parsed by server/analytics/filters.ts for clear errors. */
export const MetricFilterQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'RFC 3339 date or time, inclusive; default: 12 months before `to`' })),
  to: Type.Optional(Type.String({ description: 'RFC 3339 date or time, exclusive; default: the day after the latest deployment' })),
  service: Type.Optional(Type.String()),
  team: Type.Optional(Type.String()),
  domain: Type.Optional(Type.String()),
  tier: Type.Optional(Type.String({ description: '1, 2 or 3' })),
  environment: Type.Optional(Type.String({ description: 'one of the production environments' })),
  min_confidence: Type.Optional(Type.String({ description: 'links below this are ignored; default 0.5' })),
});

export const Period = Type.Object({ from: Type.String(), to: Type.String() });

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
