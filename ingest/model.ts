// The normalized record model: what every source (file, git, webhook, API) turns its payloads
// into, and what a Sink stores. Field names and vocabularies follow docs/ingest-format.md.

export const KINDS = ['service', 'person', 'change', 'deployment', 'incident', 'classification', 'agent_action'] as const;
export type Kind = (typeof KINDS)[number];

export const DOMAINS = ['payment', 'pricing', 'inventory', 'identity', 'checkout', 'search', 'fulfillment', 'other'] as const;
export type Domain = (typeof DOMAINS)[number];
/** Domains whose services are high-risk unless a record says otherwise. */
export const HIGH_RISK_DOMAINS: readonly Domain[] = ['payment', 'pricing', 'inventory', 'identity', 'checkout'];

export const SENIORITIES = ['junior', 'mid', 'senior', 'principal', 'unknown'] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const CHANGE_TYPES = ['code', 'config', 'infra', 'data'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const DEPLOYMENT_STATUSES = ['succeeded', 'failed', 'rolled_back', 'in_progress'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

export const ACTOR_TYPES = ['human', 'agent', 'automation'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const DETECTIONS = ['monitor', 'automated_check', 'customer', 'employee'] as const;
export type Detection = (typeof DETECTIONS)[number];

export const AI_ROLES = ['primary', 'contributory', 'incidental', 'none', 'unknown'] as const;
export type AiRole = (typeof AI_ROLES)[number];

/** The built-in classification factors (docs/metrics.md "AI role classification"); admins can extend them. */
export const FACTOR_VOCABULARY = {
  human: ['insufficient_review', 'misconfiguration', 'knowledge_gap', 'wrong_rollout_plan'],
  ai: ['hallucinated_logic', 'stale_context', 'missing_edge_case', 'incorrect_config_suggestion', 'unsafe_autonomous_action'],
  process: ['no_predeploy_validation', 'missing_two_person_review', 'no_change_ticket', 'missing_senior_signoff', 'single_operator_change', 'excessive_agent_permissions'],
} as const;

export const AI_MODES = ['suggestion', 'authored', 'agent'] as const;
export type AiMode = (typeof AI_MODES)[number];

/** How an AI tag was known. `none` = no marker found (the tag is then unknown, never "human"). */
export const AI_EVIDENCE = ['declared', 'trailer', 'bot_author', 'label', 'ticket', 'inferred', 'none'] as const;
export type AiEvidence = (typeof AI_EVIDENCE)[number];

/** The `ai` object on changes and deployments. `assisted: null` means unknown. */
export interface AiTag {
  assisted: boolean | null;
  tool: string | null;
  mode: AiMode | null;
  evidence: AiEvidence | null;
}

/** Times are RFC 3339 strings normalized to UTC (`Date.prototype.toISOString()`). */
export type Time = string;

/** Fields a record did not define in its kind are kept here, never dropped. */
export type Attributes = Record<string, unknown>;

interface RecordBase {
  source: string;
  id: string;
  attributes: Attributes;
}

export interface ServiceRecord extends RecordBase {
  kind: 'service';
  name: string;
  team: string | null;
  tier: 1 | 2 | 3 | null;
  domain: Domain | null;
  high_risk: boolean;
}

export interface PersonRecord extends RecordBase {
  kind: 'person';
  name: string | null;
  team: string | null;
  seniority: Seniority;
}

export interface ChangeRecord extends RecordBase {
  kind: 'change';
  service: string;
  author: string;
  authored_at: Time;
  repo: string | null;
  title: string | null;
  merged_at: Time | null;
  approvers: string[];
  change_ticket: string | null;
  checks_passed: boolean | null;
  change_type: ChangeType | null;
  lines_added: number | null;
  lines_deleted: number | null;
  reverts: string | null;
  ai: AiTag;
}

export interface DeploymentRecord extends RecordBase {
  kind: 'deployment';
  service: string;
  environment: string;
  started_at: Time;
  status: DeploymentStatus;
  finished_at: Time | null;
  version: string | null;
  changes: string[];
  actor: string | null;
  actor_type: ActorType | null;
  rollback_of: string | null;
  remediates: string[];
  regions: string[];
  change_type: ChangeType | null;
  ai: AiTag;
}

export interface IncidentImpact {
  orders_lost: number | null;
  errors: number | null;
  users_affected: number | null;
  /** Share of traffic affected, 0–1. */
  traffic_share: number | null;
}

export interface IncidentRecord extends RecordBase {
  kind: 'incident';
  title: string;
  severity: Severity;
  impact_started_at: Time;
  status: string | null;
  services: string[];
  regions: string[];
  detected_at: Time | null;
  acknowledged_at: Time | null;
  mitigated_at: Time | null;
  resolved_at: Time | null;
  detection: Detection | null;
  caused_by: string[];
  impact: IncidentImpact;
  postmortem_url: string | null;
}

export interface ClassificationFactors {
  human: string[];
  ai: string[];
  process: string[];
}

/** A classification has no id of its own in sources; its id is `<incident>@<classified_at>`. */
export interface ClassificationRecord extends RecordBase {
  kind: 'classification';
  incident: string;
  ai_role: AiRole;
  classified_by: string;
  classified_at: Time;
  factors: ClassificationFactors;
  notes: string | null;
}

export interface AgentActionRecord extends RecordBase {
  kind: 'agent_action';
  agent: string;
  at: Time;
  action: string;
  service: string | null;
  environment: string | null;
  destructive: boolean | null;
  approved_by: string[];
  permission_scope: string | null;
  outcome: string | null;
}

export type NormalizedRecord =
  | ServiceRecord
  | PersonRecord
  | ChangeRecord
  | DeploymentRecord
  | IncidentRecord
  | ClassificationRecord
  | AgentActionRecord;

export type RecordOfKind<K extends Kind> = Extract<NormalizedRecord, { kind: K }>;

/** Where a record came from inside its source, for quarantine and error messages. */
export interface Position {
  /** File path, URL or other origin; null for in-memory sources such as the demo generator. */
  origin: string | null;
  /** 1-based line (NDJSON, CSV) or element index (JSON array); null when not applicable. */
  line: number | null;
}

/** A record that failed validation: kept whole, with a reason that names the field. */
export interface Rejection {
  kind: string | null;
  /** The record's own id when it could be read. */
  id: string | null;
  /** Dotted path of the first offending field, e.g. `incident.detected_at`. */
  field: string | null;
  /** All problems, each naming its field: `incident.detected_at: expected RFC 3339 time, got "yesterday"`. */
  reason: string;
  raw: string;
  position: Position;
}

export type Validated = { ok: true; record: NormalizedRecord; position: Position } | { ok: false; rejection: Rejection };

/**
 * Counts of one ingest run; `received = inserted + updated + unchanged + quarantined + pending`.
 * A record repeated within the run counts once per line, as if each came in its own run.
 * `pending`: stored to wait for the record it refers to (a classification before its incident).
 */
export interface KindCounts {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  quarantined: number;
  pending: number;
}

/** Counts in total and per kind; rejections whose kind could not be read count under `unknown`. */
export interface Ledger {
  total: KindCounts;
  byKind: Record<string, KindCounts>;
}

export interface BatchSummary extends Ledger {
  batchId: number | null;
  /**
   * Records that earlier runs kept pending and this run applied, because what they refer to is
   * stored now: not counted in `total`, whose received are this run's own lines.
   */
  appliedPending: Ledger;
  /** Up to the first 100 rejections, for printing. */
  rejections: Rejection[];
}

/** Where validated records go. The Postgres sink (server/db) is the real one. */
export interface Sink {
  /** Store a slice of a stream; may be called many times. */
  write(items: Validated[]): Promise<void>;
  /** Flush, close the batch, and return its counts. */
  finish(): Promise<BatchSummary>;
  /** Close the batch as failed (the caller hit an error it could not continue past). */
  fail(error: unknown): Promise<void>;
}

export function emptyCounts(): KindCounts {
  return { received: 0, inserted: 0, updated: 0, unchanged: 0, quarantined: 0, pending: 0 };
}

export function emptyLedger(): Ledger {
  return { total: emptyCounts(), byKind: {} };
}
