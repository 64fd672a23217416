// The modeled events the demo exists to show, written out by hand: an agent deleting a
// production environment (Dec 2025), the AI-assisted delivery-estimate change and the
// single-operator config change (early March 2026), and the week of four Sev1s that led to
// the reset on 2026-03-16.
import type { AgentActionRecord, AiRole, AiTag, ChangeType, ClassificationFactors, DeploymentStatus, Detection, IncidentImpact } from '../model.ts';
import type { Cohort } from './ai-adoption.ts';
import { OPS_AGENT, service } from './catalog.ts';
import type { ChangeFactory } from './changes.ts';
import { HOUR, MINUTE } from './calendar.ts';
import { deploymentRecord, type DeploymentPlanner, type PlannedDeployment } from './deployments.ts';
import { agentActionRecord } from './agent-actions.ts';
import { incidentRecord, type IncidentStory } from './incidents.ts';
import type { Timeline } from './timeline.ts';

interface EventContext {
  changes: ChangeFactory;
  planner: DeploymentPlanner;
  timeline: Timeline;
}

interface ModeledEvent {
  deployment: {
    id: string;
    service: string;
    started: string;
    finished: string;
    status: DeploymentStatus;
    actor: string;
    actorType: 'human' | 'agent';
    regions?: string[];
    cohort: Cohort;
    /** Set when the deployment itself declares its AI status. */
    ai?: AiTag;
  };
  change: {
    author: string;
    authored: string;
    merged: string | null;
    type: ChangeType;
    ai: AiTag;
    approvers: string[];
    ticket: boolean;
    checksPassed: boolean | null;
    title: string;
  };
  incident: {
    id: string;
    title: string;
    services: string[];
    regions?: string[];
    impact: string;
    detected: string;
    detection: Detection;
    mitigated: string;
    resolved: string;
    /** Explicit link; otherwise the heuristic must find the culprit. */
    explicit: boolean;
    figures: IncidentImpact;
  };
  /** How it ended: a rollback, a forward fix (`remediates`), or a restore by hand. */
  ending: { rollback: string } | { fix: string; actor: string; title: string };
  classification: { role: AiRole; factors: ClassificationFactors; notes: string };
}

const at = (time: string) => Date.parse(time);
const human = (evidence: 'label' | 'declared'): AiTag => ({ assisted: false, tool: null, mode: null, evidence });
const unknown: AiTag = { assisted: null, tool: null, mode: null, evidence: null };

const EVENTS: ModeledEvent[] = [
  {
    deployment: {
      id: 'dep-2025-12-09-stock-availability-agent-recreate',
      service: 'stock-availability',
      started: '2025-12-09T14:08:00Z',
      finished: '2025-12-09T14:26:00Z',
      status: 'succeeded',
      actor: OPS_AGENT,
      actorType: 'agent',
      regions: ['eu-west-1'],
      cohort: 'ai',
      ai: { assisted: true, tool: OPS_AGENT, mode: 'agent', evidence: 'declared' },
    },
    change: {
      author: OPS_AGENT,
      authored: '2025-12-09T13:58:00Z',
      merged: null,
      type: 'infra',
      ai: { assisted: true, tool: OPS_AGENT, mode: 'agent', evidence: 'bot_author' },
      approvers: [],
      ticket: false,
      checksPassed: null,
      title: 'Delete and recreate stock-availability production environment to clear drifted state',
    },
    incident: {
      id: 'INC-2025-12-agent-env-delete',
      title: 'Agent deleted and recreated the stock-availability production environment: 13 h outage of stock, reservations and checkout in eu-west-1',
      services: ['stock-availability', 'stock-reservation', 'warehouse-sync', 'checkout-api'],
      regions: ['eu-west-1'],
      impact: '2025-12-09T14:33:00Z',
      detected: '2025-12-09T14:41:00Z',
      detection: 'monitor',
      mitigated: '2025-12-10T03:38:00Z',
      resolved: '2025-12-10T09:30:00Z',
      explicit: true,
      figures: { orders_lost: 52_000, errors: 2_300_000, users_affected: 410_000, traffic_share: 0.31 },
    },
    ending: { fix: 'dep-2025-12-10-stock-availability-restore', actor: 'maya.cohen', title: 'Restore stock-availability environment from last known-good state' },
    classification: {
      role: 'primary',
      factors: { human: [], ai: ['unsafe_autonomous_action'], process: ['excessive_agent_permissions', 'missing_two_person_review'] },
      notes: 'The ops agent held operator permissions and chose to delete and recreate the environment; no approval step existed.',
    },
  },
  {
    deployment: { id: 'dep-2026-03-02-delivery-promise-estimates', service: 'delivery-promise', started: '2026-03-02T10:02:00Z', finished: '2026-03-02T10:19:00Z', status: 'rolled_back', actor: 'nadia.rahman', actorType: 'human', cohort: 'ai' },
    change: {
      author: 'nadia.rahman',
      authored: '2026-02-27T15:20:00Z',
      merged: '2026-03-02T08:40:00Z',
      type: 'code',
      ai: { assisted: true, tool: 'cursor', mode: 'authored', evidence: 'trailer' },
      approvers: ['priya.nair'],
      ticket: true,
      checksPassed: true,
      title: 'Read carrier cut-off times from cached SLA table',
    },
    incident: {
      id: 'INC-2026-03-02-delivery-estimates',
      title: 'Wrong delivery-time estimates at checkout after AI-assisted change to delivery-promise',
      services: ['delivery-promise', 'checkout-web'],
      impact: '2026-03-02T10:34:00Z',
      detected: '2026-03-02T12:51:00Z',
      detection: 'customer',
      mitigated: '2026-03-02T16:05:00Z',
      resolved: '2026-03-02T19:30:00Z',
      explicit: true,
      figures: { orders_lost: 120_000, errors: 1_600_000, users_affected: 2_400_000, traffic_share: 0.85 },
    },
    ending: { rollback: 'dep-2026-03-02-delivery-promise-rollback' },
    classification: {
      role: 'primary',
      factors: { human: ['insufficient_review'], ai: ['stale_context', 'hallucinated_logic'], process: ['missing_senior_signoff', 'no_predeploy_validation'] },
      notes: 'AI-written lookup used a stale SLA table; reviewed by a junior engineer only.',
    },
  },
  {
    deployment: { id: 'dep-2026-03-05-order-intake-config', service: 'order-intake', started: '2026-03-05T16:41:00Z', finished: '2026-03-05T16:48:00Z', status: 'rolled_back', actor: 'zoe.fischer', actorType: 'human', regions: ['us-east-1'], cohort: 'human' },
    change: {
      author: 'zoe.fischer',
      authored: '2026-03-05T16:30:00Z',
      merged: '2026-03-05T16:33:00Z',
      type: 'config',
      ai: human('declared'),
      approvers: [],
      ticket: false,
      checksPassed: false,
      title: 'Lower order-intake admission limit for us-east-1',
    },
    incident: {
      id: 'INC-2026-03-05-order-intake-config',
      title: 'Orders dropped 99 % in us-east-1 for 6 h after single-operator config change to order-intake',
      services: ['order-intake'],
      regions: ['us-east-1'],
      impact: '2026-03-05T16:55:00Z',
      detected: '2026-03-05T17:14:00Z',
      detection: 'monitor',
      mitigated: '2026-03-05T22:55:00Z',
      resolved: '2026-03-06T02:30:00Z',
      explicit: true,
      figures: { orders_lost: 6_300_000, errors: 3_900_000, users_affected: 5_100_000, traffic_share: 0.24 },
    },
    ending: { rollback: 'dep-2026-03-05-order-intake-rollback' },
    classification: {
      role: 'none',
      factors: { human: ['misconfiguration'], ai: [], process: ['single_operator_change', 'missing_two_person_review', 'no_change_ticket', 'no_predeploy_validation'] },
      notes: 'One operator changed a production limit without review, ticket or passing checks.',
    },
  },
  {
    deployment: { id: 'dep-2026-03-09-payment-gateway-retries', service: 'payment-gateway', started: '2026-03-09T10:55:00Z', finished: '2026-03-09T11:12:00Z', status: 'rolled_back', actor: 'emma.schulz', actorType: 'human', cohort: 'ai' },
    change: {
      author: 'emma.schulz',
      authored: '2026-03-06T09:10:00Z',
      merged: '2026-03-09T10:20:00Z',
      type: 'code',
      ai: { assisted: true, tool: 'claude-code', mode: 'agent', evidence: 'trailer' },
      approvers: [],
      ticket: true,
      checksPassed: true,
      title: 'Refactor PSP retry loop',
    },
    incident: {
      id: 'INC-2026-03-09-payment-retries',
      title: 'Duplicate card captures after AI-assisted retry refactor in payment-gateway',
      services: ['payment-gateway'],
      impact: '2026-03-09T11:40:00Z',
      detected: '2026-03-09T11:58:00Z',
      detection: 'monitor',
      mitigated: '2026-03-09T13:05:00Z',
      resolved: '2026-03-09T20:00:00Z',
      explicit: true,
      figures: { orders_lost: 8_400, errors: 210_000, users_affected: 36_000, traffic_share: 0.4 },
    },
    ending: { rollback: 'dep-2026-03-09-payment-gateway-rollback' },
    classification: {
      role: 'primary',
      factors: { human: [], ai: ['hallucinated_logic'], process: ['missing_two_person_review'] },
      notes: 'Retry loop lost its idempotency key; shipped without a second reviewer.',
    },
  },
  {
    deployment: { id: 'dep-2026-03-10-promotion-engine-rules', service: 'promotion-engine', started: '2026-03-10T14:03:00Z', finished: '2026-03-10T14:20:00Z', status: 'succeeded', actor: 'jonas.berg', actorType: 'human', cohort: 'ai' },
    change: {
      author: 'copilot-swe-agent[bot]',
      authored: '2026-03-10T09:30:00Z',
      merged: '2026-03-10T13:40:00Z',
      type: 'code',
      ai: { assisted: true, tool: 'copilot', mode: 'agent', evidence: 'bot_author' },
      approvers: ['liam.walsh'],
      ticket: false,
      checksPassed: true,
      title: 'Simplify promotion eligibility rules',
    },
    incident: {
      id: 'INC-2026-03-10-promotion-stacking',
      title: 'Promotions stacked without limit after AI-assisted rules change in promotion-engine',
      services: ['promotion-engine'],
      impact: '2026-03-10T15:05:00Z',
      detected: '2026-03-10T17:40:00Z',
      detection: 'employee',
      mitigated: '2026-03-10T18:32:00Z',
      resolved: '2026-03-11T10:00:00Z',
      explicit: false,
      figures: { orders_lost: 0, errors: 1_200, users_affected: 310_000, traffic_share: 0.6 },
    },
    ending: { fix: 'dep-2026-03-10-promotion-engine-stacking-fix', actor: 'grace.kim', title: 'Cap stacked promotions per basket' },
    classification: {
      role: 'contributory',
      factors: { human: ['insufficient_review'], ai: ['missing_edge_case'], process: ['no_change_ticket'] },
      notes: 'Agent-written rules dropped the stacking limit; the reviewer did not know the rule.',
    },
  },
  {
    deployment: { id: 'dep-2026-03-12-auth-service-token-cache', service: 'auth-service', started: '2026-03-12T09:01:00Z', finished: '2026-03-12T09:15:00Z', status: 'rolled_back', actor: 'vera.novak', actorType: 'human', cohort: 'unknown' },
    change: {
      author: 'vera.novak',
      authored: '2026-03-11T15:45:00Z',
      merged: '2026-03-12T08:30:00Z',
      type: 'code',
      ai: unknown,
      approvers: ['wei.chen'],
      ticket: true,
      checksPassed: true,
      title: 'Share session token cache across auth-service pods',
    },
    incident: {
      id: 'INC-2026-03-12-auth-token-cache',
      title: 'Login failures after session token cache change in auth-service',
      services: ['auth-service'],
      impact: '2026-03-12T09:31:00Z',
      detected: '2026-03-12T09:38:00Z',
      detection: 'monitor',
      mitigated: '2026-03-12T10:48:00Z',
      resolved: '2026-03-12T16:00:00Z',
      explicit: true,
      figures: { orders_lost: 21_000, errors: 940_000, users_affected: 640_000, traffic_share: 0.55 },
    },
    ending: { rollback: 'dep-2026-03-12-auth-service-rollback' },
    classification: {
      role: 'unknown',
      factors: { human: ['knowledge_gap'], ai: [], process: ['no_predeploy_validation'] },
      notes: 'Whether AI helped write the change could not be established.',
    },
  },
  {
    deployment: { id: 'dep-2026-03-13-search-api-index-mapping', service: 'search-api', started: '2026-03-13T14:47:00Z', finished: '2026-03-13T15:02:00Z', status: 'rolled_back', actor: 'kenji.watanabe', actorType: 'human', cohort: 'ai' },
    change: {
      author: 'kenji.watanabe',
      authored: '2026-03-12T11:00:00Z',
      merged: '2026-03-13T14:10:00Z',
      type: 'code',
      ai: { assisted: true, tool: 'claude-code', mode: 'authored', evidence: 'trailer' },
      approvers: ['julia.kowalska'],
      ticket: false,
      checksPassed: false,
      title: 'Regenerate product index mapping',
    },
    incident: {
      id: 'INC-2026-03-13-search-empty-results',
      title: 'Empty search results for 40 % of queries after AI-generated index mapping in search-api',
      services: ['search-api'],
      impact: '2026-03-13T15:20:00Z',
      detected: '2026-03-13T15:49:00Z',
      detection: 'customer',
      mitigated: '2026-03-13T17:10:00Z',
      resolved: '2026-03-13T22:00:00Z',
      explicit: false,
      figures: { orders_lost: 34_000, errors: 2_600_000, users_affected: 880_000, traffic_share: 0.4 },
    },
    ending: { rollback: 'dep-2026-03-13-search-api-rollback' },
    classification: {
      role: 'primary',
      factors: { human: [], ai: ['hallucinated_logic'], process: ['missing_senior_signoff', 'no_predeploy_validation'] },
      notes: 'Generated mapping renamed a keyword field; checks were red and it shipped anyway.',
    },
  },
];

export interface StagedEvents {
  stories: IncidentStory[];
  agentActions: AgentActionRecord[];
}

/**
 * Puts the modeled events on the timeline. The culprit's service is kept free of other
 * deployments from the culprit until the incident is mitigated, so the link is unambiguous.
 */
export function stageEvents(context: EventContext): StagedEvents {
  const stories = EVENTS.map((event) => stage(context, event));
  const agentActions = [
    agentActionRecord({
      id: 'AA-2025-12-agent-env-delete',
      atMs: at('2025-12-09T14:06:00Z'),
      action: 'delete_and_recreate_environment',
      service: 'stock-availability',
      environment: 'production',
      destructive: true,
      approvedBy: [],
      permissionScope: 'operator',
      outcome: 'Deleted and recreated the production environment; stock services down for 13 h',
    }),
  ];
  return { stories, agentActions };
}

function stage({ changes, planner, timeline }: EventContext, event: ModeledEvent): IncidentStory {
  const { deployment: d, change: c, incident: i } = event;
  const svc = service(d.service);
  const change = changes.make({
    service: svc,
    author: c.author,
    authoredMs: at(c.authored),
    mergedMs: c.merged === null ? null : at(c.merged),
    type: c.type,
    ai: c.ai,
    approvers: c.approvers,
    ticket: c.ticket ? changes.nextTicket() : null,
    checksPassed: c.checksPassed,
    title: c.title,
    linesAdded: c.type === 'code' ? 180 : 4,
    linesDeleted: c.type === 'code' ? 95 : 2,
  });
  const startedMs = at(d.started);
  const finishedMs = at(d.finished);
  const record = deploymentRecord({
    id: d.id,
    service: svc,
    startedMs,
    finishedMs,
    status: d.status,
    changes: [change],
    actor: d.actor,
    actorType: d.actorType,
    ...(d.regions ? { regions: d.regions } : {}),
    ...(d.ai ? { ai: d.ai } : {}),
  });
  const culprit: PlannedDeployment = { record, changes: [change], service: svc, cohort: d.cohort, startedMs, finishedMs, staging: null, scripted: true };

  const impactMs = at(i.impact);
  const mitigatedMs = at(i.mitigated);
  for (const other of timeline.ofService(svc.id).filter((plan) => plan.finishedMs >= finishedMs && plan.finishedMs <= mitigatedMs + HOUR)) timeline.remove(other);
  timeline.add(culprit);
  timeline.protect(svc.id, finishedMs, impactMs);

  if ('rollback' in event.ending) {
    timeline.rollbacks.push(planner.rollback(culprit, mitigatedMs, d.actor === OPS_AGENT ? 'maya.cohen' : d.actor, 'human', event.ending.rollback));
  } else {
    const fix = changes.make({
      service: svc,
      author: event.ending.actor,
      authoredMs: mitigatedMs - 50 * MINUTE,
      mergedMs: mitigatedMs - 25 * MINUTE,
      type: 'code',
      ai: human('label'),
      approvers: [svc.team === 'pricing' ? 'hugo.martin' : 'nikolai.petrov'],
      ticket: changes.nextTicket(),
      checksPassed: true,
      title: event.ending.title,
      linesAdded: 24,
      linesDeleted: 6,
    });
    const fixPlan: PlannedDeployment = {
      record: deploymentRecord({ id: event.ending.fix, service: svc, startedMs: mitigatedMs - 14 * MINUTE, finishedMs: mitigatedMs, changes: [fix], actor: event.ending.actor, actorType: 'human', remediates: [i.id], ...(d.regions ? { regions: d.regions } : {}) }),
      changes: [fix],
      service: svc,
      cohort: 'human',
      startedMs: mitigatedMs - 14 * MINUTE,
      finishedMs: mitigatedMs,
      staging: null,
      scripted: true,
    };
    timeline.add(fixPlan);
  }

  const detectedMs = at(i.detected);
  return {
    record: incidentRecord({
      id: i.id,
      title: i.title,
      severity: 'sev1',
      services: i.services,
      regions: i.regions ?? svc.regions,
      impactMs,
      detectedMs,
      acknowledgedMs: detectedMs + 7 * MINUTE,
      mitigatedMs,
      resolvedMs: at(i.resolved),
      detection: i.detection,
      causedBy: i.explicit ? [d.id] : [],
      impact: i.figures,
    }),
    culprit,
    classification: event.classification,
  };
}
