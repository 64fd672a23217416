import { type Static, Type } from 'typebox';
import { Nullable } from '../schema-types.ts';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';

// Failure is always judged on Sev1/Sev2 links (the CFR definition), so `severity` does not apply.
const { severity: _severity, ...filters } = MetricFilterQuery.properties;

export const ServicesQuery = Type.Object(filters);

const Rate = (what: string) => Nullable(Type.Number({ description: `${what}; null without deployments` }));

/** A cohort's CFR as flat columns, so the row stays a table (CSV, Arrow). */
function cohortColumns<C extends 'ai' | 'human' | 'unknown'>(cohort: C) {
  return {
    [`${cohort}_deployments`]: Type.Integer({ description: `production deployments of the ${cohort} cohort (rollbacks excluded)` }),
    [`${cohort}_failed`]: Type.Integer({ description: `of those, the failed ones` }),
    [`${cohort}_cfr`]: Rate(`${cohort} cohort's change failure rate`),
    [`${cohort}_cfr_low`]: Rate('its Wilson 95 % interval, low end'),
    [`${cohort}_cfr_high`]: Rate('its Wilson 95 % interval, high end'),
  } as Record<`${C}_deployments` | `${C}_failed`, ReturnType<typeof Type.Integer>> & Record<`${C}_cfr` | `${C}_cfr_low` | `${C}_cfr_high`, ReturnType<typeof Rate>>;
}

export const ServiceRow = Type.Object({
  risk_rank: Type.Integer({ description: '1 = riskiest: Sev1 incidents, then Sev2 incidents, then the CFR interval\'s low end, then violations, all descending (docs/metrics.md "Services")' }),
  id: Type.String({ description: "the source's service id" }),
  name: Type.String(),
  team: Nullable(Type.String()),
  domain: Nullable(Type.String()),
  tier: Nullable(Type.Integer()),
  high_risk: Type.Boolean(),
  deployments: Type.Integer({ description: 'production deployments in the period, rollback deployments excluded (the CFR denominator)' }),
  failed: Type.Integer({ description: 'of those, rolled back or linked at ≥ min_confidence to a Sev1/Sev2 incident' }),
  cfr: Rate('failed / deployments'),
  cfr_low: Rate('its Wilson 95 % interval, low end'),
  cfr_high: Rate('its Wilson 95 % interval, high end'),
  ai_share: Nullable(Type.Number({ description: 'AI share of those with a known cohort (ai / (ai + human)); null when none is known' })),
  ...cohortColumns('ai'),
  ...cohortColumns('human'),
  ...cohortColumns('unknown'),
  sev1_incidents: Type.Integer({ description: 'Sev1 incidents of the period (by impact start) that affected the service' }),
  sev2_incidents: Type.Integer({ description: 'Sev2 incidents of the period that affected the service' }),
  violations: Type.Integer({ description: 'production deployments of the period with at least one governance finding (only Tier-1 and high-risk services are evaluated)' }),
});

export type ServiceListRow = Static<typeof ServiceRow>;

export const ServicesResponse = Type.Object({
  period: Period,
  min_confidence: Type.Number(),
  services: Type.Array(ServiceRow, { description: 'ranked by risk, riskiest first' }),
});

export const ServicesSchema = {
  summary: 'Services ranked by risk, with their team, domain and tier, and in the period production deployments, CFR per cohort, AI share, incidents and violations',
  querystring: ServicesQuery,
  response: { 200: ServicesResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};

export const ServiceParams = Type.Object({ id: Type.String({ description: "the source's service id" }) });

export const ServiceDetailResponse = Type.Object({
  service: Type.Object({
    id: Type.String(),
    source: Type.String(),
    name: Type.String(),
    team: Nullable(Type.String()),
    domain: Nullable(Type.String()),
    tier: Nullable(Type.Integer()),
    high_risk: Type.Boolean(),
  }),
});

export const ServiceDetailSchema = {
  summary: 'One service: its name, team, domain, tier and whether it is high-risk',
  params: ServiceParams,
  response: { 200: ServiceDetailResponse, 401: ErrorBody, 404: ErrorBody, 500: ErrorBody },
};
