// Response types of the sevscope API, read from the generated schema (schema.d.ts, from the
// server's OpenAPI document): nothing here restates a shape. Pure, so charts and the server's
// reports can import it.
import type { paths } from './schema.d.ts';

/** Paths that answer GET. */
export type GetPath = { [P in keyof paths]: paths[P] extends { get: object } ? P : never }[keyof paths];

type GetOperation<P extends GetPath> = paths[P] extends { get: infer Op } ? Op : never;

/** The JSON body of a 200 answer to `GET path`. */
export type JsonOf<P extends GetPath> = GetOperation<P> extends {
  responses: { 200: { content: { 'application/json': infer Body } } };
}
  ? Body
  : never;

/** The query parameters `GET path` takes. */
export type QueryOf<P extends GetPath> = GetOperation<P> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type CfrTrendResponse = JsonOf<'/api/metrics/cfr-trend'>;
export type CfrTrendPoint = CfrTrendResponse['weeks'][number];
export type Cohort = CfrTrendPoint['cohort'];
export type Period = CfrTrendResponse['period'];
export type MetricsSummary = JsonOf<'/api/metrics/summary'>;
export type CohortCfr = MetricsSummary['cfr']['ai'];
export type Health = JsonOf<'/api/health'>;
export type IncidentDetail = JsonOf<'/api/incidents/{id}'>;
export type MetricFilterQuery = QueryOf<'/api/metrics/summary'>;
export type Me = JsonOf<'/api/auth/me'>;
export type Role = Me['role'];
export type FollowUp = JsonOf<'/api/incidents/{id}/follow-ups'>['follow_ups'][number];
export type FollowUpInput = NonNullable<paths['/api/incidents/{id}/follow-ups']['post']['requestBody']>['content']['application/json'];
export type FollowUpChanges = NonNullable<paths['/api/follow-ups/{id}']['patch']['requestBody']>['content']['application/json'];
export type AdminUser = JsonOf<'/api/admin/users'>['users'][number];
export type AdminToken = JsonOf<'/api/admin/tokens'>['tokens'][number];
export type NewUser = NonNullable<paths['/api/admin/users']['post']['requestBody']>['content']['application/json'];
export type UserChanges = NonNullable<paths['/api/admin/users/{id}']['patch']['requestBody']>['content']['application/json'];
export type DataQuality = JsonOf<'/api/data-quality'>;
export type DataQualityFinding = DataQuality['findings'][number];
export type IngestRun = DataQuality['ingest_runs'][number];
export type PendingRecord = DataQuality['pending']['items'][number];
export type IncidentList = JsonOf<'/api/incidents'>;
export type IncidentListRow = IncidentList['incidents'][number];
export type IncidentListQuery = QueryOf<'/api/incidents'>;
export type IncidentCohort = IncidentListRow['cohort'];
export type Backlog = JsonOf<'/api/incidents/backlog'>;
export type BacklogItem = Backlog['backlog'][number];
// Deployments and services (the Deployments and Services pages).
export type DeploymentList = JsonOf<'/api/deployments'>;
export type DeploymentListRow = DeploymentList['deployments'][number];
export type DeploymentListQuery = QueryOf<'/api/deployments'>;
export type DeploymentStatus = DeploymentListRow['status'];
export type ServiceList = JsonOf<'/api/services'>;
export type ServiceListRow = ServiceList['services'][number];
export type ServiceDetail = JsonOf<'/api/services/{id}'>['service'];
export type Trends = JsonOf<'/api/metrics/trends'>;
