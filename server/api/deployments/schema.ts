import { type TSchema, Type } from 'typebox';
import { Nullable, Repeating } from '../schema-types.ts';
import { DEPLOYMENT_STATUSES } from '../../../ingest/model.ts';
import { DEPLOYMENT_SORT_KEYS } from '../../analytics/deployment-list.ts';
import { ErrorBody } from '../error-schema.ts';
import { MetricFilterQuery, Period } from '../filter-schema.ts';

/** Rows per page when the query gives no limit. */
export const DEFAULT_PAGE_SIZE = 100;

export const Cohort = Type.Enum(['ai', 'human', 'unknown']);
export const DeploymentStatus = Type.Enum(DEPLOYMENT_STATUSES);

// Failure is always judged on Sev1/Sev2 links (the CFR definition), so `severity` does not apply.
const { severity: _severity, ...filters } = MetricFilterQuery.properties;

export const DeploymentsQuery = Type.Object({
  ...filters,
  environment: Type.Optional(Type.String({ description: 'only this environment (production or not)' })),
  cohort: Type.Optional(Cohort),
  status: Type.Optional(DeploymentStatus),
  production: Type.Optional(Type.Boolean({ description: 'true: only production deployments (docs/metrics.md "Cohorts"); false: only the others' })),
  q: Type.Optional(Type.String({ maxLength: 200, description: "text (case-insensitive) in the deployment's id, service, version or change ids" })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100000, default: DEFAULT_PAGE_SIZE, description: 'rows per page' })),
  sort: Type.Optional(
    Type.Enum(DEPLOYMENT_SORT_KEYS.flatMap((key) => [key, `-${key}`]), {
      description: 'column to sort by, `-` for descending; default -at (finished_at, else started_at). Ties newest first.',
    }),
  ),
  cursor: Type.Optional(Type.String({ description: 'next_cursor of the previous page, with the same sort' })),
});

export const DeploymentRow = Type.Object({
  id: Type.String({ description: "the source's deployment id" }),
  source: Repeating(),
  service: Repeating({ description: "the service's id" }),
  environment: Repeating(),
  version: Nullable(Type.String()),
  started_at: Type.String({ format: 'date-time' }),
  finished_at: Nullable(Type.String({ format: 'date-time' })),
  status: DeploymentStatus,
  cohort: Cohort,
  cohort_evidence: Nullable(Repeating({ description: 'declared, trailer, bot_author, label, ticket or inferred' })),
  ai_tool: Nullable(Repeating()),
  change_type: Nullable(Repeating()),
  rollback_of: Nullable(Type.String({ description: 'the deployment this one rolled back' })),
  changes: Type.Array(Type.String(), { description: 'ids of the changes it shipped' }),
  failed: Type.Boolean({ description: 'rolled back, or linked at ≥ min_confidence to a Sev1/Sev2 incident (docs/metrics.md "Change failure rate")' }),
  linked_incidents: Type.Array(Type.String(), { description: 'ids of incidents linked at ≥ min_confidence, any severity' }),
  controls_evaluated: Type.Boolean({ description: 'a production deployment to a Tier-1 or high-risk service, so governance controls were judged (docs/metrics.md "Governance controls")' }),
  controls_skipped: Type.Array(Type.String(), { description: 'the governance controls it broke; empty when none or not evaluated' }),
});

export const DeploymentsResponse = Type.Object({
  period: Period,
  min_confidence: Type.Number(),
  deployments: Type.Array(DeploymentRow),
  next_cursor: Nullable(Type.String({ description: 'pass as `cursor` for the next page (also in the Link header); null on the last page' })),
});

export const DeploymentsSchema = {
  summary: 'Deployments, sorted (newest first by finished_at, else started_at, by default), in keyset pages',
  querystring: DeploymentsQuery,
  response: { 200: DeploymentsResponse, 400: ErrorBody, 401: ErrorBody, 500: ErrorBody },
};
