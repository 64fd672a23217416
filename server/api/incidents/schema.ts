import { type Static, Type } from 'typebox';
import { AI_ROLES } from '../../../ingest/model.ts';
import { INCIDENT_COHORTS } from '../../analytics/incident-facts.ts';
import { INCIDENT_SORT_KEYS } from '../../analytics/incident-views.ts';
import { DEFAULT_BACKLOG_LISTED } from '../../analytics/classification.ts';
import { NEARBY_LIMIT, NEARBY_MAX_HOURS } from '../../analytics/nearby-deployments.ts';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';
import { DateTime, Nullable } from '../schema-types.ts';
const Minutes = Nullable(Type.Number({ description: 'minutes; null when an input is missing or the duration is negative' }));
const Time = DateTime;
const IncidentCohort = Type.Union([Type.Literal('ai'), Type.Literal('human'), Type.Literal('unknown'), Type.Literal('unattributed')]);
const Factors = Type.Object({ human: Type.Array(Type.String()), ai: Type.Array(Type.String()), process: Type.Array(Type.String()) });

/** One incident's facts (docs/metrics.md "Incident times", "Blast radius"). */
const IncidentFacts = {
  id: Type.String(),
  source: Type.String(),
  title: Type.String(),
  severity: Type.String(),
  status: Nullable(Type.String()),
  impact_started_at: Time,
  cohort: IncidentCohort,
  ttd: Minutes,
  ttrb: Minutes,
  restore: Minutes,
  resolve: Minutes,
  blast_services: Type.Integer(),
  regions: Type.Integer(),
  orders_lost: Nullable(Type.Number()),
  errors: Nullable(Type.Number()),
  users_affected: Nullable(Type.Number()),
  traffic_share: Nullable(Type.Number()),
  impact_minutes: Minutes,
  services: Type.Array(Type.String()),
};

export const IncidentRow = Type.Object({
  ...IncidentFacts,
  ai_role: Nullable(Type.String({ description: 'the current classification; null until classified' })),
  suggested_role: Type.Union([Type.Literal('contributory'), Type.Literal('none')]),
});

export const IncidentListSchema = {
  summary: 'Incidents of the period (Sev1/Sev2 unless `severity` says otherwise), sorted (newest first by default), a page at a time, with the total of all matches',
  querystring: Type.Object({
    ...MetricFilterQuery.properties,
    cohort: Type.Optional(Type.Enum(INCIDENT_COHORTS)),
    ai_role: Type.Optional(Type.Enum([...AI_ROLES, 'unclassified'], { description: "the current classification's AI role, or unclassified" })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'text the title contains (case-insensitive)' })),
    sort: Type.Optional(Type.Enum(INCIDENT_SORT_KEYS.flatMap((key) => [key, `-${key}`]), { description: 'column to sort by, `-` for descending; default -impact_started_at. Missing values last; ties newest first.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000, default: 100, description: 'incidents per page' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0, description: 'incidents skipped in the sort order' })),
  }),
  response: { 200: Type.Object({ period: Period, total: Type.Integer(), incidents: Type.Array(IncidentRow) }), 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};

const Link = Type.Object({
  deployment: Type.String(),
  service: Type.String(),
  rule: Type.String({ description: 'manual, explicit or heuristic; a rejected link has confidence 0' }),
  confidence: Type.Number(),
  cohort: Type.String(),
  status: Type.String(),
  finished_at: Nullable(Time),
  minutes_before_impact: Type.Number({ description: "from the deployment's effective time to the impact start; negative when it came after" }),
  decision: Nullable(Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')])),
  decided_by: Nullable(Type.String({ description: 'who confirmed or rejected it' })),
  decision_notes: Nullable(Type.String()),
  why: Type.String({ description: 'the reason for the link in one sentence: rule, distance to the impact, decision' }),
});

export const NearbyDeployment = Type.Object({
  id: Type.String(),
  service: Type.String(),
  cohort: Type.String(),
  status: Type.String(),
  at: Type.Unsafe<Date | string>({ type: 'string', format: 'date-time', description: 'effective time: finished, else started' }),
  rollback_of: Nullable(Type.String()),
  linked: Type.Boolean({ description: 'linked to the incident (any confidence above 0)' }),
});
export type NearbyDeployment = Static<typeof NearbyDeployment>;

export const SkippedControl = Type.Object({
  control: Type.String(),
  deployment: Type.String(),
  change: Nullable(Type.String({ description: 'null for single_operator_config (the whole deployment)' })),
  service: Type.String(),
  authors: Type.Array(Type.String()),
  approvers: Type.Array(Type.String()),
});
export type SkippedControl = Static<typeof SkippedControl>;

export const People = Type.Object({
  authors: Type.Array(Type.String()),
  approvers: Type.Array(Type.String()),
  operators: Type.Array(Type.Object({ name: Type.String(), type: Nullable(Type.String({ description: 'human, agent or automation' })) }), {
    description: 'who ran the deployments: `actor`, with its type when known',
  }),
});
export type InvolvedPeople = Static<typeof People>;

const Classification = Type.Object({
  ai_role: Type.String(),
  factors: Factors,
  notes: Nullable(Type.String()),
  classified_by: Type.String(),
  classified_at: Time,
  source: Type.String(),
});

const IncidentParams = Type.Object({ id: Type.String({ description: "the incident's id in its source" }) });
const SourceQuery = Type.Object({ source: Type.Optional(Type.String({ description: 'needed only when two sources use the same id' })) });

export const IncidentDetailSchema = {
  summary: 'One incident: facts, blast radius, timeline, links and classification history',
  params: IncidentParams,
  querystring: Type.Object({
    ...SourceQuery.properties,
    min_confidence: MetricFilterQuery.properties.min_confidence,
    nearby_hours: Type.Optional(Type.Integer({ minimum: 1, maximum: NEARBY_MAX_HOURS, description: 'nearby deployments from this many hours before the impact start; default: the link window (24)' })),
  }),
  response: {
    200: Type.Object({
      incident: Type.Object({ ...IncidentFacts, regions_list: Type.Array(Type.String()), detection: Nullable(Type.String()), postmortem_url: Nullable(Type.String()) }),
      timeline: Type.Array(Type.Object({ at: Time, event: Type.String(), detail: Nullable(Type.String()) })),
      links: Type.Array(Link),
      nearby_deployments: Type.Array(NearbyDeployment, { description: `production deployments of its services from nearby_hours before impact to its end, newest first, at most ${NEARBY_LIMIT}` }),
      nearby_hours: Type.Integer(),
      skipped_controls: Type.Array(SkippedControl, { description: 'governance findings of the deployments linked at ≥ min_confidence' }),
      people: People,
      classifications: Type.Array(Classification, { description: 'newest first; the first is current' }),
      suggested_role: Type.Union([Type.Literal('contributory'), Type.Literal('none')]),
      suggestion_reason: Type.String(),
    }),
    400: ErrorBody,
    401: ErrorBody,
    404: ErrorBody,
    409: ErrorBody,
    500: ErrorBody,
  },
};

export const LinkDecisionSchema = {
  summary: 'Confirm or reject a link between the incident and a deployment (role sre; audited)',
  params: IncidentParams,
  querystring: SourceQuery,
  body: Type.Object({
    deployment: Type.String({ description: "the deployment's id in its source" }),
    decision: Type.Union([Type.Literal('confirmed'), Type.Literal('rejected')]),
    notes: Type.Optional(Type.String({ maxLength: 4000 })),
  }),
  response: { 200: Type.Object({ links: Type.Array(Link) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 500: ErrorBody },
};

export const ClassifySchema = {
  summary: "Classify the AI's role in the incident (role sre; append-only history, audited)",
  params: IncidentParams,
  querystring: SourceQuery,
  body: Type.Object({
    ai_role: Type.String({ description: 'primary, contributory, incidental, none or unknown' }),
    factors: Type.Optional(Type.Object({
      human: Type.Optional(Type.Array(Type.String())),
      ai: Type.Optional(Type.Array(Type.String())),
      process: Type.Optional(Type.Array(Type.String())),
    })),
    notes: Type.Optional(Type.String({ maxLength: 20000 })),
  }),
  response: { 201: Type.Object({ classifications: Type.Array(Classification) }), 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody, 409: ErrorBody, 500: ErrorBody },
};

export const BacklogSchema = {
  summary: 'Unclassified Sev1/Sev2 incidents older than 48 h: how many, and the oldest first with the suggested role',
  querystring: Type.Object({
    ...MetricFilterQuery.properties,
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: DEFAULT_BACKLOG_LISTED, description: 'most incidents listed, oldest first; total counts them all' })),
  }),
  response: {
    200: Type.Object({
      period: Period,
      total: Type.Integer({ description: 'every incident of the backlog, listed or not' }),
      backlog: Type.Array(Type.Object({
        id: Type.String(), title: Type.String(), severity: Type.String(), impact_started_at: Time,
        age_hours: Type.Number(), cohort: IncidentCohort, suggested_role: Type.Union([Type.Literal('contributory'), Type.Literal('none')]),
      })),
    }),
    400: ErrorBody,
    401: ErrorBody,
    500: ErrorBody,
  },
};

export type BacklogItem = Static<(typeof BacklogSchema.response)[200]>['backlog'][number];

export const FactorsSchema = {
  summary: 'The classification factor vocabulary (built in, plus what admins added)',
  response: { 200: Factors, 401: ErrorBody },
};

export const AddFactorSchema = {
  summary: 'Add a factor to the vocabulary (role admin; audited)',
  body: Type.Object({
    group: Type.Union([Type.Literal('human'), Type.Literal('ai'), Type.Literal('process')]),
    factor: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$', description: 'snake_case' }),
  }),
  response: { 200: Factors, 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 500: ErrorBody },
};
