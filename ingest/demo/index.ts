// The deterministic demo dataset: a year (Dec 2025 – Nov 2026) of a retailer's deployments,
// changes and incidents, telling the story sevscope is for (AI adoption rising, an early-March
// spike of AI-linked failures, the reset of 2026-03-16 and its effect on controls).
import type { ChangeRecord, DeploymentRecord, NormalizedRecord, PersonRecord, ServiceRecord } from '../model.ts';
import { routineAgentActions } from './agent-actions.ts';
import { AGENTS, ENGINEERS, SERVICES } from './catalog.ts';
import { ChangeFactory } from './changes.ts';
import { classifyIncidents } from './classifications.ts';
import { DeploymentPlanner } from './deployments.ts';
import { stageEvents } from './events.ts';
import { IncidentBuilder } from './incidents.ts';
import { decideOutcomes } from './outcomes.ts';
import { Random } from './random.ts';
import { scheduleYear, Timeline } from './timeline.ts';

export const DEFAULT_DEMO_SEED = 20260316;

export interface DemoOptions {
  seed?: number;
}

/**
 * Yields the demo records in dependency order: services, people, changes, deployments,
 * incidents, classifications, agent actions. Every record has `source: 'demo'`; the same seed
 * always gives the same records.
 */
export function* generateDemo(options: DemoOptions = {}): Generator<NormalizedRecord> {
  yield* buildDemo(options.seed ?? DEFAULT_DEMO_SEED);
}

function buildDemo(seed: number): NormalizedRecord[] {
  const random = new Random(seed);
  const changes = new ChangeFactory(random.fork('changes'));
  const planner = new DeploymentPlanner(random.fork('deployments'), changes);
  const timeline = new Timeline();
  scheduleYear(random.fork('timeline'), planner, timeline);
  // Modeled events go first so the drawn outcomes and incidents work around them.
  const events = stageEvents({ changes, planner, timeline });
  const culprits = decideOutcomes(random.fork('outcomes'), planner, timeline);
  const incidents = new IncidentBuilder(random.fork('incidents'), planner, timeline);
  const caused = incidents.fromCulprits(culprits);
  const stories = [...events.stories, ...caused, ...incidents.unattributed(Math.round(caused.length * 0.11)), ...incidents.minor(140)];
  stories.sort(by((story) => story.record.impact_started_at));

  const plans = [...timeline.all(), ...timeline.rollbacks];
  const changeRecords: ChangeRecord[] = plans.flatMap((plan) => plan.changes).sort(by((change) => change.authored_at));
  const deployments: DeploymentRecord[] = plans.flatMap((plan) => (plan.staging ? [plan.staging, plan.record] : [plan.record])).sort(by((deployment) => deployment.started_at));
  const classifications = classifyIncidents(random.fork('classifications'), stories).sort(by((record) => record.classified_at));
  const agentActions = [...events.agentActions, ...routineAgentActions(random.fork('agent-actions'))].sort(by((action) => action.at));

  return [...catalogRecords(), ...changeRecords, ...deployments, ...stories.map((story) => story.record), ...classifications, ...agentActions];
}

/** Orders by an ISO time (plain string order; locale-aware comparison is needlessly slow). */
function by<T>(key: (item: T) => string): (a: T, b: T) => number {
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

function catalogRecords(): (ServiceRecord | PersonRecord)[] {
  const services: ServiceRecord[] = SERVICES.map((service) => ({
    kind: 'service',
    source: 'demo',
    id: service.id,
    attributes: {},
    name: service.id,
    team: service.team,
    tier: service.tier,
    domain: service.domain,
    high_risk: service.highRisk,
  }));
  const people: PersonRecord[] = [...ENGINEERS, ...AGENTS].map((person) => ({
    kind: 'person',
    source: 'demo',
    id: person.id,
    attributes: {},
    name: person.name,
    team: person.team,
    seniority: person.seniority,
  }));
  return [...services, ...people];
}
