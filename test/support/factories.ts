// Small record factories: a test states only the fields that matter to it.
import type {
  AiTag,
  ChangeRecord,
  ClassificationRecord,
  DeploymentRecord,
  IncidentRecord,
  NormalizedRecord,
  ServiceRecord,
  Validated,
} from '../../ingest/model.ts';

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export const AI: AiTag = { assisted: true, tool: 'claude-code', mode: 'authored', evidence: 'trailer' };
export const HUMAN: AiTag = { assisted: false, tool: null, mode: null, evidence: 'declared' };
export const UNKNOWN: AiTag = { assisted: null, tool: null, mode: null, evidence: null };

export function makeService(fields: Partial<ServiceRecord> = {}): ServiceRecord {
  const id = fields.id ?? nextId('svc');
  return { kind: 'service', source: 'test', id, name: id, team: 'team-a', tier: 1, domain: 'checkout', high_risk: true, attributes: {}, ...fields };
}

export function makeChange(fields: Partial<ChangeRecord> & Pick<ChangeRecord, 'service'>): ChangeRecord {
  return {
    kind: 'change',
    source: 'test',
    id: nextId('chg'),
    author: 'alice',
    authored_at: '2026-03-01T09:00:00.000Z',
    repo: null,
    title: null,
    merged_at: null,
    approvers: [],
    change_ticket: null,
    checks_passed: null,
    change_type: 'code',
    lines_added: null,
    lines_deleted: null,
    reverts: null,
    ai: UNKNOWN,
    attributes: {},
    ...fields,
  };
}

export function makeDeployment(fields: Partial<DeploymentRecord> & Pick<DeploymentRecord, 'service'>): DeploymentRecord {
  return {
    kind: 'deployment',
    source: 'test',
    id: nextId('dep'),
    environment: 'production',
    started_at: fields.finished_at ?? '2026-03-02T10:00:00.000Z',
    status: 'succeeded',
    finished_at: '2026-03-02T10:00:00.000Z',
    version: null,
    changes: [],
    actor: null,
    actor_type: null,
    rollback_of: null,
    remediates: [],
    regions: [],
    change_type: null,
    ai: UNKNOWN,
    attributes: {},
    ...fields,
  };
}

export function makeIncident(fields: Partial<IncidentRecord> & Pick<IncidentRecord, 'services' | 'impact_started_at'>): IncidentRecord {
  return {
    kind: 'incident',
    source: 'test',
    id: nextId('inc'),
    title: 'checkout errors',
    severity: 'sev1',
    status: 'resolved',
    regions: [],
    detected_at: null,
    acknowledged_at: null,
    mitigated_at: null,
    resolved_at: null,
    detection: null,
    caused_by: [],
    impact: { orders_lost: null, errors: null, users_affected: null, traffic_share: null },
    postmortem_url: null,
    attributes: {},
    ...fields,
  };
}

/** Records as the sink takes them, as if they had passed validation. */
export function valid(records: NormalizedRecord[]): Validated[] {
  return records.map((record) => ({ ok: true, record, position: { origin: null, line: null } }));
}

export function makeClassification(fields: Partial<ClassificationRecord> & Pick<ClassificationRecord, 'incident' | 'ai_role'>): ClassificationRecord {
  return {
    kind: 'classification',
    source: 'test',
    id: nextId('cls'),
    classified_by: 'sre-1',
    classified_at: '2026-03-10T09:00:00.000Z',
    factors: { human: [], ai: [], process: [] },
    notes: null,
    attributes: {},
    ...fields,
  };
}

// Imported here rather than in the list at the top so this block can be appended on its own.
type Person = import('../../ingest/model.ts').PersonRecord;
type AgentAction = import('../../ingest/model.ts').AgentActionRecord;

export function makePerson(fields: Partial<Person> & Pick<Person, 'id'>): Person {
  return { kind: 'person', source: 'test', name: null, team: 'team-a', seniority: 'unknown', attributes: {}, ...fields };
}

export function makeAgentAction(fields: Partial<AgentAction> & Pick<AgentAction, 'at'>): AgentAction {
  return {
    kind: 'agent_action',
    source: 'test',
    id: nextId('act'),
    agent: 'deploy-agent',
    action: 'kubectl delete',
    service: null,
    environment: 'production',
    destructive: false,
    approved_by: [],
    permission_scope: null,
    outcome: null,
    attributes: {},
    ...fields,
  };
}
