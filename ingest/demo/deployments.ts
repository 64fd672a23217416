// Building deployment records: ordinary ones (with fresh changes and, sometimes, a staging
// run first), rollbacks, and hotfixes.
import type { ActorType, AiTag, ChangeRecord, DeploymentRecord, DeploymentStatus } from '../model.ts';
import { declaredDeploymentTag, pickCohort, UNKNOWN_TAG, type Cohort } from './ai-adoption.ts';
import { DEPLOY_PIPELINE, person, teamMembers, type Service } from './catalog.ts';
import type { ChangeFactory } from './changes.ts';
import { iso, MINUTE } from './calendar.ts';
import type { Random } from './random.ts';

export interface PlannedDeployment {
  record: DeploymentRecord;
  /** The changes this deployment introduced (a staging run shares them, it does not repeat them). */
  changes: ChangeRecord[];
  service: Service;
  cohort: Cohort;
  startedMs: number;
  finishedMs: number;
  staging: DeploymentRecord | null;
  /** Part of a modeled event: its outcome is written by hand, not drawn. */
  scripted: boolean;
}

export interface DeploymentSpec {
  id: string;
  service: Service;
  environment?: string;
  startedMs: number;
  finishedMs: number;
  status?: DeploymentStatus;
  changes: ChangeRecord[];
  actor: string;
  actorType: ActorType;
  rollbackOf?: string | null;
  remediates?: string[];
  regions?: string[];
  ai?: AiTag;
}

export function deploymentRecord(spec: DeploymentSpec): DeploymentRecord {
  const types = new Set(spec.changes.map((change) => change.change_type));
  const [onlyType] = types;
  return {
    kind: 'deployment',
    source: 'demo',
    id: spec.id,
    attributes: {},
    service: spec.service.id,
    environment: spec.environment ?? 'production',
    started_at: iso(spec.startedMs),
    status: spec.status ?? 'succeeded',
    finished_at: iso(spec.finishedMs),
    version: null,
    changes: spec.changes.map((change) => change.id),
    actor: spec.actor,
    actor_type: spec.actorType,
    rollback_of: spec.rollbackOf ?? null,
    remediates: spec.remediates ?? [],
    regions: spec.regions ?? spec.service.regions,
    change_type: types.size === 1 ? (onlyType ?? null) : types.size > 1 ? 'code' : null,
    // Undeclared: the deployment's AI status follows its changes.
    ai: spec.ai ?? UNKNOWN_TAG,
  };
}

export class DeploymentPlanner {
  private readonly used = new Set<string>();

  constructor(
    private readonly random: Random,
    private readonly changes: ChangeFactory,
  ) {}

  /**
   * `dep-<service>-<yyyymmdd>-<hhmmss>` from the start time, so ids and versions read in time
   * order whatever order the generator creates deployments in (rollbacks and fixes come late).
   */
  nextId(service: Service, startedMs: number): { id: string; version: string } {
    const stamp = iso(startedMs).replace(/[-:]/g, '');
    const base = `dep-${service.id}-${stamp.slice(0, 8)}-${stamp.slice(9, 15)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}-${n}`;
    this.used.add(id);
    return { id, version: `${stamp.slice(0, 4)}.${stamp.slice(4, 6)}.${stamp.slice(6, 8)}-${stamp.slice(9, 13)}` };
  }

  /**
   * An ordinary production deployment with 1–3 new changes. A fix for an incident names it in
   * `remediates` and is written after `writtenAfterMs` (detection), skipping staging.
   */
  ordinary(service: Service, startedMs: number, fix?: { remediates: string; writtenAfterMs: number }): PlannedDeployment {
    const random = this.random;
    const cohort = pickCohort(random, startedMs);
    const finishedMs = startedMs + random.int(4 * 60, 25 * 60) * 1000;
    const stagingStartMs = !fix && random.chance(0.15) ? startedMs - random.int(30, 180) * MINUTE : null;
    const taggedAtDeployment = cohort !== 'unknown' && random.chance(0.1);
    const firstDeployMs = stagingStartMs ?? startedMs;
    const maxLeadMs = fix ? firstDeployMs - fix.writtenAfterMs : undefined;
    const changes = this.changes.forDeployment(service, cohort, firstDeployMs, taggedAtDeployment, maxLeadMs);
    const remediates = fix ? [fix.remediates] : [];
    const ai = taggedAtDeployment ? declaredDeploymentTag(random, cohort, startedMs) : UNKNOWN_TAG;
    const { id, version } = this.nextId(service, startedMs);
    const automated = random.chance(0.45);
    const actor = automated ? DEPLOY_PIPELINE : this.humanActor(service, changes);
    const record = { ...deploymentRecord({ id, service, startedMs, finishedMs, changes, actor, actorType: automated ? 'automation' : 'human', remediates, ai }), version };
    const staging =
      stagingStartMs === null
        ? null
        : {
            ...record,
            id: `${id}-staging`,
            environment: 'staging',
            started_at: iso(stagingStartMs),
            finished_at: iso(stagingStartMs + random.int(4 * 60, 20 * 60) * 1000),
            status: random.chance(0.96) ? ('succeeded' as const) : ('failed' as const),
            regions: ['eu-west-1'],
          };
    return { record, changes, service, cohort, startedMs, finishedMs, staging, scripted: false };
  }

  /** Rolls `bad` back with a revert; finishes at `finishedMs`. */
  rollback(bad: PlannedDeployment, finishedMs: number, actor: string, actorType: ActorType, named?: string): PlannedDeployment {
    const startedMs = finishedMs - this.random.int(3 * 60, 8 * 60) * 1000;
    const [first] = bad.changes;
    const operator = actorType === 'human' ? actor : this.random.pick(teamMembers(bad.service.team)).id;
    const changes = first ? [this.changes.revertOf(first, bad.service, startedMs - 6 * MINUTE, operator)] : [];
    const { id, version } = named ? { id: named, version: null } : this.nextId(bad.service, startedMs);
    const record = {
      ...deploymentRecord({ id, service: bad.service, startedMs, finishedMs, changes, actor, actorType, rollbackOf: bad.record.id, regions: bad.record.regions }),
      version,
    };
    return { record, changes, service: bad.service, cohort: 'human', startedMs, finishedMs, staging: null, scripted: bad.scripted };
  }

  private humanActor(service: Service, changes: ChangeRecord[]): string {
    const author = changes[changes.length - 1]?.author;
    return author && person(author)?.seniority !== 'unknown' ? author : this.random.pick(teamMembers(service.team)).id;
  }
}
