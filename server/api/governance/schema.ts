import { type Static, Type } from 'typebox';
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
export type GovernanceSummary = Static<typeof GovernanceSummary>;

const RateFields = {
  control: Control,
  evaluated: Type.Integer({ description: 'evaluated deployments; destructive agent actions for agent_destructive_approval' }),
  violations: Type.Integer({ description: 'of those, the ones with at least one finding for the control' }),
  compliance: Nullable(Type.Number({ description: '1 − violations / evaluated; null when nothing was evaluated' })),
  ci_low: Nullable(Type.Number({ description: "compliance's Wilson 95 % interval" })),
  ci_high: Nullable(Type.Number()),
};
export const ControlRate = Type.Object(RateFields);
export type ControlRate = Static<typeof ControlRate>;
export const GroupRate = Type.Object({
  group: Nullable(Type.String({ description: 'the service (by_service) or team (by_team); null: no team, or an agent action on no service' })),
  team: Nullable(Type.String()),
  ...RateFields,
});
export type GroupControlRate = Static<typeof GroupRate>;

export const GovernanceViolationsResponse = Type.Object({
  period: Period,
  summary: GovernanceSummary,
  controls: Type.Array(ControlRate, { description: 'every control: evaluated, violations and compliance with its interval' }),
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
      evaluated: Type.Integer({ description: 'evaluated deployments that week; for agent_destructive_approval, destructive agent actions in scope' }),
      violations: Type.Integer({ description: 'of those, the ones with at least one finding for the control' }),
      rate: Type.Number(),
    }),
  ),
  violations: Type.Array(
    Type.Object({
      control: Control,
      deployment: Nullable(Type.String({ description: 'deployment external id; null for an agent action' })),
      change: Nullable(Type.String({ description: 'change external id for the change-level controls, else null' })),
      agent_action: Nullable(Type.String({ description: 'agent action external id for agent_destructive_approval, else null' })),
      service: Nullable(Type.String({ description: 'service external id; null for an agent action that names no service' })),
      authors: Type.Array(Type.String(), { description: "the change's author; for single_operator_config every author of the deployment's changes" }),
      approvers: Type.Array(Type.String(), { description: 'the approvers as recorded (empty for single_operator_config and agent_destructive_approval)' }),
      agent: Nullable(Type.String({ description: 'the agent, for agent_destructive_approval' })),
      at: Type.String({ format: 'date-time', description: "the deployment's effective time (finished, else started), or the agent action's time" }),
    }),
  ),
  incidents: Type.Array(
    Type.Object({
      incident: Type.String(),
      title: Type.String(),
      severity: Type.String(),
      impact_started_at: Type.String({ format: 'date-time' }),
      deployment: Type.String({ description: 'the linked deployment that violated a control' }),
      service: Type.String({ description: "the deployment's service" }),
      controls: Type.Array(Control),
    }),
  ),
});

type GovernanceViolationsBody = Static<typeof GovernanceViolationsResponse>;
export type AgentActionVerdict = GovernanceViolationsBody['agent_actions'][number];
export type GovernanceWeek = GovernanceViolationsBody['weeks'][number];
/** One broken control: who and what it concerns (docs/metrics.md: "the control, the deployment/change, the service and the people"). */
export type GovernanceViolation = GovernanceViolationsBody['violations'][number];
export type IncidentWithViolation = GovernanceViolationsBody['incidents'][number];

export const GovernanceViolationsSchema = {
  summary: 'Governance control violations of production deployments to Tier-1 or high-risk services, per week, and the incidents that followed (docs/metrics.md)',
  querystring: GovernanceQuery,
  response: { 200: GovernanceViolationsResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};
