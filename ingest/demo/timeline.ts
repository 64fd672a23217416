// The year's production deployments, per service in order of finishing, and the windows in
// which no further deployment of a service may land: between an incident's culprit and the
// incident's start, so the link heuristic (latest deployment before impact) finds the culprit.
import { yearFraction, activityFactor, DAY, isWeekend, PERIOD_END, PERIOD_START, workingTimeOfDay } from './calendar.ts';
import { SERVICES } from './catalog.ts';
import type { DeploymentPlanner, PlannedDeployment } from './deployments.ts';
import type { Random } from './random.ts';

export class Timeline {
  /** Production deployments that are not rollbacks, per service, sorted by finish. */
  private readonly production = new Map<string, PlannedDeployment[]>();
  private readonly windows = new Map<string, [number, number][]>();
  readonly rollbacks: PlannedDeployment[] = [];

  add(plan: PlannedDeployment): void {
    const list = this.production.get(plan.service.id) ?? [];
    let i = list.length;
    while (i > 0 && (list[i - 1] as PlannedDeployment).finishedMs > plan.finishedMs) i--;
    list.splice(i, 0, plan);
    this.production.set(plan.service.id, list);
  }

  remove(plan: PlannedDeployment): void {
    const list = this.production.get(plan.service.id) ?? [];
    const i = list.indexOf(plan);
    if (i >= 0) list.splice(i, 1);
  }

  ofService(serviceId: string): readonly PlannedDeployment[] {
    return this.production.get(serviceId) ?? [];
  }

  /** Every production deployment except rollbacks, service by service. */
  all(): PlannedDeployment[] {
    return [...this.production.values()].flat();
  }

  /** The first finish at or after `ms` of another deployment of the service, or null. */
  nextFinishAfter(serviceId: string, ms: number, except: PlannedDeployment): number | null {
    const list = this.ofService(serviceId);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as PlannedDeployment).finishedMs < ms) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < list.length; i++) {
      const plan = list[i] as PlannedDeployment;
      if (plan !== except) return plan.finishedMs;
    }
    return null;
  }

  /** Whether any deployment of the service finished in [fromMs, toMs]. */
  hasFinishBetween(serviceId: string, fromMs: number, toMs: number): boolean {
    return this.ofService(serviceId).some((plan) => plan.finishedMs >= fromMs && plan.finishedMs <= toMs);
  }

  protect(serviceId: string, fromMs: number, toMs: number): void {
    this.windows.set(serviceId, [...(this.windows.get(serviceId) ?? []), [fromMs, toMs]]);
  }

  overlapsProtected(serviceId: string, fromMs: number, toMs: number): boolean {
    return (this.windows.get(serviceId) ?? []).some(([from, to]) => fromMs <= to && toMs >= from);
  }
}

/** Sum of activityFactor over an ordinary week (four full days, Friday, two quiet weekend days). */
const WEEKLY_ACTIVITY = 4 + 0.75 + 2 * 0.08;

/**
 * Ordinary deployments for the whole year: a Poisson count per service and day, shaped by the
 * working week and the holidays, growing ~35 % over the year as AI speeds teams up.
 */
export function scheduleYear(random: Random, planner: DeploymentPlanner, timeline: Timeline): void {
  for (let day = PERIOD_START; day < PERIOD_END; day += DAY) {
    const weekend = isWeekend(day);
    const activity = activityFactor(day) * (0.8 + 0.3 * yearFraction(day));
    for (const service of SERVICES) {
      const count = random.poisson((service.deploysPerWeek / WEEKLY_ACTIVITY) * activity);
      // Sorted so that deployment numbers (and versions) follow time within the day.
      const starts = Array.from({ length: count }, () => day + workingTimeOfDay(random, weekend)).sort((a, b) => a - b);
      for (const startedMs of starts) {
        const plan = planner.ordinary(service, startedMs);
        if (plan.finishedMs <= PERIOD_END) timeline.add(plan);
      }
    }
  }
}
