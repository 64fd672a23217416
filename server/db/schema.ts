// The one Database interface, written by hand from migrations/. test/db/schema.test.ts checks
// that every table and column here exists in the migrated database and nothing is missing.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** timestamptz: read as Date (pg), written as Date or RFC 3339 string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = Record<string, unknown>> = ColumnType<T, string | T | undefined, string | T>;
type TextArray = ColumnType<string[], string[] | undefined, string[]>;
type Id = Generated<string>; // bigint identity: pg returns int8 as string

export type Cohort = 'ai' | 'human' | 'unknown';

export interface ServicesTable {
  id: Id;
  external_id: string;
  source: string;
  name: string;
  team: string | null;
  tier: number | null;
  domain: string | null;
  high_risk: Generated<boolean>;
  attributes: Json;
  ingest_batch_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PeopleTable {
  id: Id;
  external_id: string;
  source: string;
  name: string | null;
  team: string | null;
  seniority: Generated<string>;
  attributes: Json;
  ingest_batch_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ChangesTable {
  id: Id;
  source: string;
  external_id: string;
  service_id: string;
  author: string;
  authored_at: Timestamp;
  repo: string | null;
  title: string | null;
  merged_at: Timestamp | null;
  approvers: TextArray;
  change_ticket: string | null;
  checks_passed: boolean | null;
  change_type: string | null;
  lines_added: number | null;
  lines_deleted: number | null;
  reverts: string | null;
  ai_assisted: boolean | null;
  ai_tool: string | null;
  ai_mode: string | null;
  ai_evidence: string | null;
  attributes: Json;
  ingest_batch_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface DeploymentsTable {
  id: Id;
  source: string;
  external_id: string;
  service_id: string;
  environment: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  effective_at: ColumnType<Date, never, never>;
  status: string;
  version: string | null;
  change_ids: TextArray;
  actor: string | null;
  actor_type: string | null;
  rollback_of: string | null;
  remediates: TextArray;
  regions: TextArray;
  change_type: string | null;
  ai_assisted: boolean | null;
  ai_tool: string | null;
  ai_mode: string | null;
  ai_evidence: string | null;
  cohort: Generated<Cohort>;
  cohort_evidence: string | null;
  attributes: Json;
  ingest_batch_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface DeploymentChangesTable {
  deployment_id: string;
  change_external_id: string;
}

export interface IncidentsTable {
  id: Id;
  source: string;
  external_id: string;
  title: string;
  severity: string;
  status: string | null;
  impact_started_at: Timestamp;
  detected_at: Timestamp | null;
  acknowledged_at: Timestamp | null;
  mitigated_at: Timestamp | null;
  resolved_at: Timestamp | null;
  detection: string | null;
  services: TextArray;
  caused_by: TextArray;
  regions: TextArray;
  orders_lost: ColumnType<string | null, number | null, number | null>;
  errors: ColumnType<string | null, number | null, number | null>;
  users_affected: ColumnType<string | null, number | null, number | null>;
  traffic_share: number | null;
  postmortem_url: string | null;
  attributes: Json;
  ingest_batch_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface IncidentServicesTable {
  incident_id: string;
  service_id: string;
}

export type LinkRule = 'manual' | 'explicit' | 'heuristic';

export interface LinkDecisionsTable {
  incident_id: string;
  deployment_id: string;
  decision: 'confirmed' | 'rejected';
  decided_by: string;
  decided_at: CreatedAt;
  notes: string | null;
}

export interface IncidentLinksTable {
  incident_id: string;
  deployment_id: string;
  rule: LinkRule;
  confidence: number;
  computed_at: CreatedAt;
}

export interface ClassificationsTable {
  id: Id;
  source: string;
  external_id: string;
  incident_id: string;
  ai_role: string;
  factors: Json<{ human: string[]; ai: string[]; process: string[] }>;
  notes: string | null;
  classified_by: string;
  classified_at: Timestamp;
  attributes: Json;
  ingest_batch_id: string | null;
  created_at: CreatedAt;
}

export interface AgentActionsTable {
  id: Id;
  source: string;
  external_id: string;
  agent: string;
  at: Timestamp;
  action: string;
  service_id: string | null;
  environment: string | null;
  destructive: boolean | null;
  approved_by: TextArray;
  permission_scope: string | null;
  outcome: string | null;
  attributes: Json;
  ingest_batch_id: string | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface SloPoliciesTable {
  id: Id;
  name: string;
  metric: string;
  cohort: string;
  severities: TextArray;
  threshold: number;
  objective: number;
  window_days: Generated<number>;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface IngestBatchesTable {
  id: Id;
  source: string;
  origin: string | null;
  status: Generated<'running' | 'succeeded' | 'failed' | 'abandoned'>;
  started_at: CreatedAt;
  finished_at: Timestamp | null;
  received: Generated<number>;
  inserted: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  quarantined: Generated<number>;
  pending: Generated<number>;
  by_kind: Json;
  error: string | null;
  heartbeat_at: CreatedAt;
  refreshed_at: Timestamp | null;
}

export interface QuarantineTable {
  id: Id;
  batch_id: string | null;
  source: string;
  kind: string | null;
  record_id: string | null;
  origin: string | null;
  line: number | null;
  field: string | null;
  reason: string;
  raw: string;
  created_at: CreatedAt;
  resolved_at: Timestamp | null;
}

/** A record waiting for the record it refers to (migrations/202612010900_pending_records.ts). */
export interface PendingRecordsTable {
  id: Id;
  kind: string;
  source: string;
  external_id: string;
  /** The reference that did not resolve, e.g. `classification.incident`. */
  field: string;
  /** The id it names. */
  waiting_for: string;
  /** The validated normalized record. */
  record: Json;
  origin: string | null;
  line: number | null;
  batch_id: string | null;
  received_at: CreatedAt;
}

export interface ApiTokensTable {
  id: Id;
  name: string;
  role: 'viewer' | 'sre' | 'admin';
  token_hash: string;
  created_at: CreatedAt;
  last_used_at: Timestamp | null;
  revoked_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Id;
  at: CreatedAt;
  actor: string;
  token_id: string | null;
  user_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  details: Json;
}

export interface UsersTable {
  id: Id;
  name: string;
  role: 'viewer' | 'sre' | 'admin';
  /** argon2id; null for a user who signs in only through one-time links. */
  password_hash: string | null;
  created_at: CreatedAt;
  last_sign_in_at: Timestamp | null;
  disabled_at: Timestamp | null;
}

export interface SessionsTable {
  /** SHA-256 of the cookie's secret. */
  id: string;
  user_id: string;
  created_at: CreatedAt;
  last_seen_at: CreatedAt;
  expires_at: Timestamp;
}

export interface SignInLinksTable {
  id: Id;
  token_hash: string;
  user_id: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface SignInFailuresTable {
  name: string;
  failures: number;
  last_at: Timestamp;
}

export interface FollowUpsTable {
  id: Id;
  incident_id: string;
  title: string;
  owner: string | null;
  /** date: read it as text (to_char), pg would make a local-midnight Date of it. */
  due_date: ColumnType<string | null, string | null | undefined, string | null>;
  status: ColumnType<'open' | 'done' | 'cancelled', 'open' | 'done' | 'cancelled' | undefined, 'open' | 'done' | 'cancelled'>;
  created_by: string;
  updated_by: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface SettingsTable {
  key: string;
  value: Json<unknown>;
  updated_at: CreatedAt;
}

/** The additive counts of a deployment rollup row (migrations/202611231300_rollups.ts, …1400_scoped_rollups.ts). */
export interface DeploymentRollupCounts {
  deployments: number;
  rollbacks: number;
  rework: number;
  rolled_back: number;
  linked_050: number;
  linked_070: number;
  linked_090: number;
  linked_100: number;
  ev_declared: number;
  ev_trailer: number;
  ev_bot_author: number;
  ev_label: number;
  ev_ticket: number;
  ev_inferred: number;
  gov_evaluated: number;
  gov_two_person_review: number;
  gov_change_documentation: number;
  gov_automated_checks: number;
  gov_senior_signoff: number;
  gov_single_operator_config: number;
  /** Deployments with at least one finding, whatever the control (migrations/202612011500_rollup_violated.ts). */
  gov_violated: number;
}

/** Derived (migrations/202611231300_rollups.ts): rebuilt from raw tables by analytics/derived/. */
export interface DeploymentRollupsTable extends DeploymentRollupCounts {
  day: ColumnType<string, string, string>;
  service_id: string;
  environment: string;
  cohort: Cohort;
}

/** Derived: deployment_rollups summed per scope ('fleet', 'team:…', 'domain:…', 'tier:…'). */
export interface DeploymentScopeRollupsTable extends DeploymentRollupCounts {
  day: ColumnType<string, string, string>;
  scope: string;
  environment: string;
  cohort: Cohort;
}

/** Derived: deployment_rollups summed per UTC month (its first day), service, environment and cohort. */
export interface DeploymentMonthRollupsTable extends DeploymentRollupCounts {
  month: ColumnType<string, string, string>;
  service_id: string;
  environment: string;
  cohort: Cohort;
}

/** Derived: change_rollups summed per UTC month (its first day). */
export interface ChangeMonthRollupsTable {
  month: ColumnType<string, string, string>;
  service_id: string;
  evidence: string;
  changes: number;
}

/** Derived: changes per UTC day authored, service and tagging evidence ('none': untagged). */
export interface ChangeRollupsTable {
  day: ColumnType<string, string, string>;
  service_id: string;
  evidence: string;
  changes: number;
}

/** Derived: a deployment that finished before a change it shipped was authored (a negative lead time). */
export interface LeadTimeFindingsTable {
  deployment_id: string;
  day: ColumnType<string, string, string>;
  service_id: string;
  change_external_id: string;
  authored_at: Timestamp;
  minutes: number;
}

/** Derived: one row per finding of a deployment governance control. */
export interface GovernanceFindingsTable {
  deployment_id: string;
  day: ColumnType<string, string, string>;
  service_id: string;
  environment: string;
  control: string;
  deployment: string;
  change: string | null;
  service: string;
  authors: string[];
  approvers: string[];
  at: Timestamp;
}

/** Derived: durations counted per logarithmic bucket (analytics/duration-histogram.ts), as parallel arrays. */
export interface DurationHistogramsTable {
  scope: string;
  metric: 'lead_time' | 'merge_to_deploy' | 'recovery';
  day: ColumnType<string, string, string>;
  environment: string;
  link_level: number;
  buckets: number[];
  counts: number[];
}

/** Derived: duration_histograms summed per month (month: its first day). */
export interface DurationMonthHistogramsTable extends Omit<DurationHistogramsTable, 'day'> {
  month: ColumnType<string, string, string>;
}

/** Derived: each change of a finished production-status deployment, its durations in minutes. */
export interface ChangeDurationsTable {
  service_id: string;
  /** The deployment's finished day (UTC). */
  day: ColumnType<string, string, string>;
  environment: string;
  lead_time: number;
  /** Null when the change's merged_at is unknown. */
  merge_to_deploy: number | null;
}

export interface DeploymentRecoveriesTable {
  deployment_id: string;
  day: ColumnType<string, string, string>;
  service_id: string;
  environment: string;
  minutes: number;
  max_link_confidence: number | null;
}

export interface IncidentFactsTable {
  level: number;
  incident_id: string;
  severity: string;
  impact_started_at: Timestamp;
  cohort: 'ai' | 'human' | 'unknown' | 'unattributed';
  ttd: number | null;
  ttrb: number | null;
  restore: number | null;
  resolve: number | null;
  blast_services: number;
  regions: number;
  orders_lost: number | null;
  errors: number | null;
  users_affected: number | null;
  traffic_share: number | null;
  impact_minutes: number | null;
  /** The latest classification's role; null while unclassified. */
  ai_role: string | null;
  /** The times (ttd, ttrb, restore, resolve) whose raw value is negative: a data error the times above drop. */
  negative_times: ColumnType<string[], string[] | undefined, string[]>;
}

/** Derived (analytics/derived/incident-value-days.ts): incidents and SLO metric values, sorted, per scope, level, day, severity and cohort. */
export interface IncidentValueDaysTable {
  scope: string;
  level: number;
  day: ColumnType<string, string, string>;
  severity: string;
  cohort: IncidentFactsTable['cohort'];
  incidents: number;
  ttd: number[];
  ttrb: number[];
  restore: number[];
  blast_services: number[];
  traffic_share: number[];
  impact_minutes: number[];
}

/** Derived: the scopes (analytics/rollup-scope.ts) each incident touches, for filtered reads by time. */
export interface IncidentScopesTable {
  scope: string;
  impact_started_at: Timestamp;
  incident_id: string;
}

/** Derived: incidents per month, scope, link level, severity and cohort (analytics/incident-rollups.ts). */
export interface IncidentRollupsTable {
  scope: string;
  level: number;
  month: ColumnType<string, string, string>;
  severity: string;
  cohort: IncidentFactsTable['cohort'];
  incidents: number;
  classified: number;
  ai_involved: number;
  /** Per time: incidents where it is known (≥ 0) and where it is negative; missing is the rest. */
  ttd_known: number;
  ttd_negative: number;
  ttrb_known: number;
  ttrb_negative: number;
  restore_known: number;
  restore_negative: number;
  resolve_known: number;
  resolve_negative: number;
}

/** Derived: the same incidents' times per log bucket and services hit per count, as parallel arrays. */
export interface IncidentHistogramsTable {
  scope: string;
  level: number;
  month: ColumnType<string, string, string>;
  severity: string;
  metric: 'ttd' | 'ttrb' | 'restore' | 'blast_services';
  cohort: IncidentFactsTable['cohort'];
  buckets: number[];
  counts: number[];
}

/** Derived: weekly and monthly incident trend points per scope, level, severity set and cohort (analytics/incident-trend-points.ts). */
export interface IncidentTrendPointsTable {
  grain: 'week' | 'month';
  scope: string;
  level: number;
  severities: string;
  /** The ISO week's Monday or the month's first day. */
  period: ColumnType<string, string, string>;
  cohort: IncidentFactsTable['cohort'];
  stats: unknown;
}

export interface RollupDirtyDaysTable {
  day: ColumnType<string, string, string>;
  service_id: string;
  marked_at: CreatedAt;
}

export interface RollupDirtyIncidentsTable {
  incident_id: string;
  marked_at: CreatedAt;
}

/** What a running job last reported (server/jobs/job-progress.ts); pg-boss keeps the rest. */
export interface JobProgressTable {
  job_id: string;
  queue: string;
  phase: string;
  done: number;
  total: number;
  updated_at: CreatedAt;
}

export interface Database {
  services: ServicesTable;
  people: PeopleTable;
  changes: ChangesTable;
  deployments: DeploymentsTable;
  deployment_changes: DeploymentChangesTable;
  incidents: IncidentsTable;
  incident_services: IncidentServicesTable;
  link_decisions: LinkDecisionsTable;
  incident_links: IncidentLinksTable;
  classifications: ClassificationsTable;
  agent_actions: AgentActionsTable;
  slo_policies: SloPoliciesTable;
  ingest_batches: IngestBatchesTable;
  quarantine: QuarantineTable;
  pending_records: PendingRecordsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  sessions: SessionsTable;
  sign_in_links: SignInLinksTable;
  sign_in_failures: SignInFailuresTable;
  follow_ups: FollowUpsTable;
  settings: SettingsTable;
  deployment_rollups: DeploymentRollupsTable;
  deployment_scope_rollups: DeploymentScopeRollupsTable;
  deployment_month_rollups: DeploymentMonthRollupsTable;
  governance_findings: GovernanceFindingsTable;
  change_rollups: ChangeRollupsTable;
  change_month_rollups: ChangeMonthRollupsTable;
  lead_time_findings: LeadTimeFindingsTable;
  duration_histograms: DurationHistogramsTable;
  duration_month_histograms: DurationMonthHistogramsTable;
  deployment_recoveries: DeploymentRecoveriesTable;
  change_durations: ChangeDurationsTable;
  incident_facts: IncidentFactsTable;
  incident_value_days: IncidentValueDaysTable;
  incident_scopes: IncidentScopesTable;
  incident_rollups: IncidentRollupsTable;
  incident_histograms: IncidentHistogramsTable;
  incident_trend_points: IncidentTrendPointsTable;
  rollup_dirty_days: RollupDirtyDaysTable;
  rollup_dirty_incidents: RollupDirtyIncidentsTable;
  job_progress: JobProgressTable;
}

export type Deployment = Selectable<DeploymentsTable>;
export type NewDeployment = Insertable<DeploymentsTable>;
export type Incident = Selectable<IncidentsTable>;
