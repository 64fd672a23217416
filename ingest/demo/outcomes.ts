// What happened to each ordinary production deployment: most succeed, a few fail before
// serving traffic, and some are bad — rolled back quietly or, less often, the cause of a
// Sev1/Sev2 incident. AI-assisted deployments are bad more often, much more so in the weeks
// before the March reset; broken review controls raise the odds for every cohort.
import type { Cohort } from './ai-adoption.ts';
import { DEPLOY_PIPELINE, teamMembers } from './catalog.ts';
import { breaksControls, isCritical } from './changes.ts';
import { MINUTE, PERIOD_END, RESET_AT, SPIKE_FROM, SPIKE_TO } from './calendar.ts';
import type { DeploymentPlanner, PlannedDeployment } from './deployments.ts';
import type { Random } from './random.ts';
import type { Timeline } from './timeline.ts';

const BAD_ODDS: Record<Cohort, number> = { ai: 0.042, human: 0.026, unknown: 0.032 };
/** Share of bad deployments that cause a Sev1/Sev2 rather than a quiet rollback, by tier. */
const INCIDENT_ODDS = { 1: 0.23, 2: 0.16, 3: 0.08 } as const;

function inSpike(plan: PlannedDeployment): boolean {
  return plan.cohort === 'ai' && plan.finishedMs >= SPIKE_FROM && plan.finishedMs < SPIKE_TO;
}

function badOdds(plan: PlannedDeployment): number {
  let odds = BAD_ODDS[plan.cohort];
  if (isCritical(plan.service) && plan.changes.some(breaksControls)) odds *= 1.5;
  if (inSpike(plan)) odds *= 2.6;
  else if (plan.cohort === 'ai' && plan.finishedMs >= RESET_AT) odds *= 0.9;
  return odds;
}

/**
 * Sets the status of every unscripted production deployment and adds quiet rollbacks.
 * Returns the deployments that will cause an incident, in order of finishing.
 */
export function decideOutcomes(random: Random, planner: DeploymentPlanner, timeline: Timeline): PlannedDeployment[] {
  const culprits: PlannedDeployment[] = [];
  for (const plan of timeline.all()) {
    if (plan.scripted) continue;
    if (random.chance(0.012)) {
      plan.record.status = 'failed';
      continue;
    }
    if (!random.chance(badOdds(plan))) continue;
    const incidentOdds = INCIDENT_ODDS[plan.service.tier] * (inSpike(plan) ? 1.5 : 1);
    if (random.chance(incidentOdds)) culprits.push(plan);
    else rollBackQuietly(random, planner, timeline, plan);
  }
  return culprits.sort((a, b) => a.finishedMs - b.finishedMs);
}

/** A rollback 5–60 minutes after the bad deployment finished (faster after the reset). */
export function rollBackQuietly(random: Random, planner: DeploymentPlanner, timeline: Timeline, bad: PlannedDeployment): void {
  const after = bad.finishedMs >= RESET_AT;
  const finishedMs = bad.finishedMs + random.int(5, after ? 25 : 60) * MINUTE + random.int(0, 59) * 1000;
  if (finishedMs > PERIOD_END) return;
  bad.record.status = 'rolled_back';
  timeline.rollbacks.push(rollbackBy(random, planner, bad, finishedMs));
}

/** After the reset most rollbacks are automatic; before, the on-call engineer runs them. */
export function rollbackBy(random: Random, planner: DeploymentPlanner, bad: PlannedDeployment, finishedMs: number): PlannedDeployment {
  if (finishedMs >= RESET_AT && random.chance(0.6)) return planner.rollback(bad, finishedMs, DEPLOY_PIPELINE, 'automation');
  return planner.rollback(bad, finishedMs, random.pick(teamMembers(bad.service.team)).id, 'human');
}
