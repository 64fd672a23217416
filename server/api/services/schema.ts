import { type TSchema, Type } from 'typebox';
import { Nullable } from '../schema-types.ts';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';


// Failure is always judged on Sev1/Sev2 links (the CFR definition), so `severity` does not apply.
const { severity: _severity, ...filters } = MetricFilterQuery.properties;

export const ServicesQuery = Type.Object(filters);

export const ServiceRow = Type.Object({
  id: Type.String({ description: "the source's service id" }),
  name: Type.String(),
  team: Nullable(Type.String()),
  domain: Nullable(Type.String()),
  tier: Nullable(Type.Integer()),
  high_risk: Type.Boolean(),
  deployments: Type.Integer({ description: 'production deployments in the period, rollback deployments excluded (the CFR denominator)' }),
  failed: Type.Integer({ description: 'of those, rolled back or linked at ≥ min_confidence to a Sev1/Sev2 incident' }),
  ai_share: Nullable(Type.Number({ description: 'AI share of those with a known cohort (ai / (ai + human)); null when none is known' })),
});

export const ServicesResponse = Type.Object({
  period: Period,
  min_confidence: Type.Number(),
  services: Type.Array(ServiceRow),
});

export const ServicesSchema = {
  summary: 'Services with their team, domain and tier, and production deployments, failures and AI share in the period',
  querystring: ServicesQuery,
  response: { 200: ServicesResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};
