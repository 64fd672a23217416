// What the operations agent did besides the December incident: routine, mostly harmless
// actions. Before the reset it ran with broad operator permissions and sometimes did
// destructive things unasked; afterwards destructive actions always carry an approval.
import type { AgentActionRecord } from '../model.ts';
import { OPS_AGENT, SERVICES, SRES, isSenior } from './catalog.ts';
import { DAY, iso, isoDate, isWeekend, PERIOD_END, PERIOD_START, RESET_AT, workingTimeOfDay } from './calendar.ts';
import type { Random } from './random.ts';

export interface AgentActionSpec {
  id: string;
  atMs: number;
  action: string;
  service: string | null;
  environment: string | null;
  destructive: boolean;
  approvedBy: string[];
  permissionScope: string;
  outcome: string;
}

export function agentActionRecord(spec: AgentActionSpec): AgentActionRecord {
  return {
    kind: 'agent_action',
    source: 'demo',
    id: spec.id,
    attributes: {},
    agent: OPS_AGENT,
    at: iso(spec.atMs),
    action: spec.action,
    service: spec.service,
    environment: spec.environment,
    destructive: spec.destructive,
    approved_by: spec.approvedBy,
    permission_scope: spec.permissionScope,
    outcome: spec.outcome,
  };
}

const ROUTINE = ['restart_pods', 'scale_out', 'collect_diagnostics', 'rerun_failed_pipeline', 'open_pull_request', 'silence_flapping_alert'];
const DESTRUCTIVE = ['flush_cache', 'delete_preview_environments', 'purge_dead_letter_queue', 'drop_stale_feature_flags'];

/** About three actions a month; a quarter of them destructive. */
export function routineAgentActions(random: Random): AgentActionRecord[] {
  const actions: AgentActionRecord[] = [];
  const seniorSres = SRES.filter((sre) => isSenior(sre.id));
  for (let day = PERIOD_START; day < PERIOD_END; day += DAY) {
    if (isWeekend(day) || !random.chance(0.12)) continue;
    const atMs = day + workingTimeOfDay(random, false);
    const after = atMs >= RESET_AT;
    const destructive = random.chance(0.25);
    const action = random.pick(destructive ? DESTRUCTIVE : ROUTINE);
    const service = random.pick(SERVICES);
    const approvedBy = destructive && (after || random.chance(0.25)) ? [random.pick(seniorSres).id] : [];
    actions.push(
      agentActionRecord({
        id: `AA-${isoDate(atMs)}-${action.replace(/_/g, '-')}-${service.id}`,
        atMs,
        action,
        service: service.id,
        environment: random.chance(0.8) ? 'production' : 'staging',
        destructive,
        approvedBy,
        // After the reset the agent holds scoped permissions; destructive steps need an approval.
        permissionScope: after ? (destructive ? 'operator-with-approval' : 'service-scoped') : 'operator',
        outcome: random.chance(0.93) ? 'succeeded' : 'failed',
      }),
    );
  }
  return actions;
}
