import { Type } from 'typebox';
import { Nullable } from '../schema-types.ts';
import { GOVERNANCE_CONTROLS } from '../../analytics/governance-control-list.ts';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';


const Control = Type.Enum(GOVERNANCE_CONTROLS);

export const GovernanceQuery = Type.Object({
  ...MetricFilterQuery.properties,
  // A string checked by parseControl, so a bad value is an invalid_filter naming `control`.
  control: Type.Optional(Type.String({ description: `one control: ${GOVERNANCE_CONTROLS.join(', ')}; default all` })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'most violations, and most incidents with violations, listed: latest first' }),
});

/** The `governance` object of GET /api/metrics/summary (docs/api.md), every control present. */
export const GovernanceSummary = Type.Object({
  evaluated: Type.Integer({ description: 'production deployments to Tier-1 or high-risk services in the period' }),
  violations: Type.Object(
    Object.fromEntries(GOVERNANCE_CONTROLS.map((control) => [control, Type.Integer()])) as Record<(typeof GOVERNANCE_CONTROLS)[number], ReturnType<typeof Type.Integer>>,
    { description: 'deployments (agent actions for agent_destructive_approval) with at least one violation, per control' },
  ),
});

const RateFields = {
  control: Control,
  evaluated: Type.Integer({ description: 'evaluated deployments; destructive agent actions for agent_destructive_approval' }),
  violations: Type.Integer({ description: 'of those, the ones with at least one finding for the control' }),
  compliance: Nullable(Type.Number({ description: '1 − violations / evaluated; null when nothing was evaluated' })),
  ci_low: Nullable(Type.Number({ description: "compliance's Wilson 95 % interval" })),
  ci_high: Nullable(Type.Number()),
};
const GroupRate = Type.Object({
  group: Nullable(Type.String({ description: 'the service (by_service) or team (by_team); null: no team, or an agent action on no service' })),
  team: Nullable(Type.String()),
  ...RateFields,
});

export const GovernanceViolationsResponse = Type.Object({
  period: Period,
  summary: GovernanceSummary,
  controls: Type.Array(Type.Object(RateFields), { description: 'every control: evaluated, violations and compliance with its interval' }),
  by_service: Type.Array(GroupRate, { description: 'per service with something evaluated and control, most violations first' }),
  by_team: Type.Array(GroupRate, { description: 'the same per team (the sums of its services)' }),
  agent_actions: Type.Array(
    Type.Object({
      agent_action: Type.String(),
      agent: Type.String(),
      action: Type.String(),
      service: Nullable(Type.String()),
      environment: Type.String(),
      approvers: Type.Array(Type.String()),
      approved: Type.Boolean(),
      at: Type.String({ format: 'date-time' }),
    }),
    { description: 'the destructive agent actions agent_destructive_approval evaluates, approved or not, latest first, at most limit' },
  ),
  weeks: Type.Array(
    Type.Object({
      week: Type.String({ description: 'ISO week Monday, YYYY-MM-DD' }),
      control: Control,
      evaluated: Type.Integer(),
      violations: Type.Integer(),
      rate: Type.Number(),
    }),
  ),
  violations: Type.Array(
    Type.Object({
      control: Control,
      deployment: Nullable(Type.String()),
      change: Nullable(Type.String()),
      agent_action: Nullable(Type.String()),
      service: Nullable(Type.String()),
      authors: Type.Array(Type.String()),
      approvers: Type.Array(Type.String()),
      agent: Nullable(Type.String()),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
  incidents: Type.Array(
    Type.Object({
      incident: Type.String(),
      title: Type.String(),
      severity: Type.String(),
      impact_started_at: Type.String({ format: 'date-time' }),
      deployment: Type.String(),
      service: Type.String(),
      controls: Type.Array(Control),
    }),
  ),
});

export const GovernanceViolationsSchema = {
  summary: 'Governance control violations of production deployments to Tier-1 or high-risk services, per week, and the incidents that followed (docs/metrics.md)',
  querystring: GovernanceQuery,
  response: { 200: GovernanceViolationsResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};
