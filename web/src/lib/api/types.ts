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
// Data quality: coverage per week and team, quarantine and its retry.
export type TeamCoverage = DataQuality['coverage']['by_team'][number];
export type QuarantineList = JsonOf<'/api/quarantine'>;
export type QuarantineItem = QuarantineList['items'][number];
export type QuarantineRetryResult = paths['/api/quarantine/retry']['post']['responses'][200]['content']['application/json'];

// Weekly review (GET /api/weekly-review).
export type WeeklyReview = JsonOf<'/api/weekly-review'>;
export type ReviewFollowUp = WeeklyReview['follow_ups'][number];
export type ReviewIncident = WeeklyReview['incidents'][number];
export type ReviewSlo = WeeklyReview['slos'][number];
export type TeamControls = WeeklyReview['controls_by_team'][number];
export type HeadlineWeek = WeeklyReview['headline'][number];
// Overview: trends, what-if and the before/after comparison.
export type TrendsResponse = JsonOf<'/api/metrics/trends'>;
export type TrendPoint = TrendsResponse['points'][number];
export type CohortIncidentTrend = TrendPoint['incidents']['ai'];
export type WhatIf = JsonOf<'/api/metrics/what-if'>;
export type PeriodComparison = JsonOf<'/api/metrics/compare'>;
export type ProportionChange = PeriodComparison['cfr']['ai'];
export type SloVerdict = MetricsSummary['slos'][number];
export type Dora = MetricsSummary['dora'];

// The incident page: timeline, links and their picker, classification.
export type IncidentDetailQuery = QueryOf<'/api/incidents/{id}'>;
export type IncidentLink = IncidentDetail['links'][number];
export type TimelineEvent = IncidentDetail['timeline'][number];
export type NearbyDeployment = IncidentDetail['nearby_deployments'][number];
export type SkippedControl = IncidentDetail['skipped_controls'][number];
export type InvolvedPeople = IncidentDetail['people'];
export type Classification = IncidentDetail['classifications'][number];
export type FactorVocabulary = JsonOf<'/api/classification/factors'>;
export type ClassificationInput = NonNullable<paths['/api/incidents/{id}/classification']['post']['requestBody']>['content']['application/json'];
export type LinkDecisionInput = NonNullable<paths['/api/incidents/{id}/links']['post']['requestBody']>['content']['application/json'];
export type DeploymentQuery = QueryOf<'/api/deployments'>;
export type DeploymentRow = JsonOf<'/api/deployments'>['deployments'][number];

// SLOs and governance
export type SloList = JsonOf<'/api/slos'>;
export type SloEvaluation = SloList['slos'][number];
export type SloPolicy = SloEvaluation['policy'];
export type SloStatus = SloEvaluation['status'];
export type SloBurner = SloEvaluation['burning'][number];
export type SloHistory = JsonOf<'/api/slos/history'>;
export type SloHistoryPoint = SloHistory['points'][number];
export type SloHistoryQuery = QueryOf<'/api/slos/history'>;
export type NewSloPolicy = NonNullable<paths['/api/slos']['post']['requestBody']>['content']['application/json'];
export type SloPolicyChanges = NonNullable<paths['/api/slos/{id}']['patch']['requestBody']>['content']['application/json'];
export type Governance = JsonOf<'/api/governance/violations'>;
export type GovernanceQuery = QueryOf<'/api/governance/violations'>;
export type GovernanceControl = Governance['controls'][number]['control'];
export type ControlRate = Governance['controls'][number];
export type GroupControlRate = Governance['by_service'][number];
export type GovernanceWeek = Governance['weeks'][number];
export type GovernanceFinding = Governance['violations'][number];
export type IncidentWithViolation = Governance['incidents'][number];
export type AgentActionVerdict = Governance['agent_actions'][number];
// Deployments and services (the Deployments and Services pages).
export type DeploymentList = JsonOf<'/api/deployments'>;
export type DeploymentListRow = DeploymentList['deployments'][number];
export type DeploymentListQuery = QueryOf<'/api/deployments'>;
export type DeploymentStatus = DeploymentListRow['status'];
export type ServiceList = JsonOf<'/api/services'>;
export type ServiceListRow = ServiceList['services'][number];
export type ServiceDetail = JsonOf<'/api/services/{id}'>['service'];
// Jobs: the refresh, rebuild and relink of derived data.
export type JobList = JsonOf<'/api/jobs'>;
export type JobItem = JobList['jobs'][number];
export type JobQueueName = JobItem['queue'];
