// The demo dataset tells the story in its brief: every figure is computed here from the
// generated records, with the definitions of docs/metrics.md.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_SEED, generateDemo } from '../../ingest/demo/index.ts';
import {
  AI_EVIDENCE,
  AI_MODES,
  AI_ROLES,
  CHANGE_TYPES,
  DEPLOYMENT_STATUSES,
  DETECTIONS,
  DOMAINS,
  KINDS,
  SENIORITIES,
  SEVERITIES,
  type AgentActionRecord,
  type ChangeRecord,
  type ClassificationRecord,
  type DeploymentRecord,
  type IncidentRecord,
  type Kind,
  type NormalizedRecord,
} from '../../ingest/model.ts';

/** Every field of each kind in ingest/model.ts: the demo writes all of them, nulls where unknown. */
const FIELDS: Record<Kind, string[]> = {
  service: ['kind', 'source', 'id', 'attributes', 'name', 'team', 'tier', 'domain', 'high_risk'],
  person: ['kind', 'source', 'id', 'attributes', 'name', 'team', 'seniority'],
  change: ['kind', 'source', 'id', 'attributes', 'service', 'author', 'authored_at', 'repo', 'title', 'merged_at', 'approvers', 'change_ticket', 'checks_passed', 'change_type', 'lines_added', 'lines_deleted', 'reverts', 'ai'],
  deployment: ['kind', 'source', 'id', 'attributes', 'service', 'environment', 'started_at', 'status', 'finished_at', 'version', 'changes', 'actor', 'actor_type', 'rollback_of', 'remediates', 'regions', 'change_type', 'ai'],
  incident: ['kind', 'source', 'id', 'attributes', 'title', 'severity', 'impact_started_at', 'status', 'services', 'regions', 'detected_at', 'acknowledged_at', 'mitigated_at', 'resolved_at', 'detection', 'caused_by', 'impact', 'postmortem_url'],
  classification: ['kind', 'source', 'id', 'attributes', 'incident', 'ai_role', 'classified_by', 'classified_at', 'factors', 'notes'],
  agent_action: ['kind', 'source', 'id', 'attributes', 'agent', 'at', 'action', 'service', 'environment', 'destructive', 'approved_by', 'permission_scope', 'outcome'],
};

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR_START = Date.UTC(2025, 11, 1);
const YEAR_END = Date.UTC(2026, 10, 30, 23, 59, 59);
const RESET = Date.UTC(2026, 2, 16);

const records = [...generateDemo()];
const ofKind = <K extends NormalizedRecord['kind']>(kind: K) => records.filter((record): record is Extract<NormalizedRecord, { kind: K }> => record.kind === kind);
const services = ofKind('service');
const people = ofKind('person');
const changes = ofKind('change');
const deployments = ofKind('deployment');
const incidents = ofKind('incident');
const classifications = ofKind('classification');
const agentActions = ofKind('agent_action');

const changeById = new Map(changes.map((change) => [change.id, change]));
const deploymentById = new Map(deployments.map((deployment) => [deployment.id, deployment]));
const serviceById = new Map(services.map((service) => [service.id, service]));
const personById = new Map(people.map((person) => [person.id, person]));
const ms = (time: string | null) => (time === null ? NaN : Date.parse(time));
const finishMs = (deployment: DeploymentRecord) => ms(deployment.finished_at ?? deployment.started_at);

// --- docs/metrics.md, computed by hand -------------------------------------------------------------

/** Production deployment: environment production, status succeeded or rolled_back. */
const production = deployments.filter((d) => d.environment === 'production' && (d.status === 'succeeded' || d.status === 'rolled_back'));
const counted = production.filter((d) => d.rollback_of === null);

type Cohort = 'ai' | 'human' | 'unknown';
function cohortOf(deployment: DeploymentRecord): Cohort {
  if (deployment.ai.assisted !== null) return deployment.ai.assisted ? 'ai' : 'human';
  const tags = deployment.changes.map((id) => changeById.get(id)?.ai.assisted ?? null);
  if (tags.some((tag) => tag === true)) return 'ai';
  if (tags.length > 0 && tags.every((tag) => tag === false)) return 'human';
  return 'unknown';
}

const isSev12 = (incident: IncidentRecord) => incident.severity === 'sev1' || incident.severity === 'sev2';
const sev12 = incidents.filter(isSev12);

/** Explicit `caused_by`, else per service the latest non-rollback production deployment in the 24 h before impact. */
const candidatesByService = new Map<string, DeploymentRecord[]>();
for (const deployment of counted) candidatesByService.set(deployment.service, [...(candidatesByService.get(deployment.service) ?? []), deployment]);
function linksOf(incident: IncidentRecord): string[] {
  if (incident.caused_by.length > 0) return incident.caused_by;
  const impact = ms(incident.impact_started_at);
  const links: string[] = [];
  for (const service of incident.services) {
    let latest: DeploymentRecord | null = null;
    for (const deployment of candidatesByService.get(service) ?? []) {
      const at = finishMs(deployment);
      if (at <= impact && at >= impact - DAY && (latest === null || at > finishMs(latest))) latest = deployment;
    }
    if (latest) links.push(latest.id);
  }
  return links;
}
const links = new Map(sev12.map((incident) => [incident.id, linksOf(incident)]));
const linkedDeployments = new Set([...links.values()].flat());
const failed = (deployment: DeploymentRecord) => deployment.status === 'rolled_back' || linkedDeployments.has(deployment.id);

function failureRate(deploymentsIn: DeploymentRecord[], cohort: Cohort): number {
  const inCohort = deploymentsIn.filter((d) => cohortOf(d) === cohort);
  return inCohort.filter(failed).length / inCohort.length;
}

const inMonth = (list: DeploymentRecord[], month: string) => list.filter((d) => (d.finished_at ?? d.started_at).startsWith(month));
const aiShare = (list: DeploymentRecord[]) => {
  const known = list.filter((d) => cohortOf(d) !== 'unknown');
  return known.filter((d) => cohortOf(d) === 'ai').length / known.length;
};
const coverage = (list: DeploymentRecord[]) => list.filter((d) => cohortOf(d) !== 'unknown').length / list.length;

const isCritical = (serviceId: string) => {
  const service = serviceById.get(serviceId);
  return service?.tier === 1 || service?.high_risk === true;
};
const isSeniorId = (id: string) => ['senior', 'principal'].includes(personById.get(id)?.seniority ?? '');
function violates(change: ChangeRecord): boolean {
  const author = personById.get(change.author)?.seniority;
  return (
    !change.approvers.some((id) => id !== change.author) ||
    change.change_ticket === null ||
    change.checks_passed !== true ||
    (change.ai.assisted === true && (author === 'junior' || author === 'mid') && !change.approvers.some(isSeniorId))
  );
}
const violationRate = (list: DeploymentRecord[]) => list.filter((d) => d.changes.some((id) => violates(changeById.get(id) as ChangeRecord))).length / list.length;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

// ---------------------------------------------------------------------------------------------

describe('generateDemo', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const first = JSON.stringify(records);
    expect(JSON.stringify([...generateDemo({ seed: DEFAULT_DEMO_SEED })]) === first).toBe(true);
    expect(JSON.stringify([...generateDemo({ seed: 7 })]) === first).toBe(false);
  });

  it('yields kinds in dependency order, all from the demo source, ids unique per kind', () => {
    const order = records.map((record) => KINDS.indexOf(record.kind));
    expect(order.every((kind, i) => i === 0 || kind >= (order[i - 1] as number))).toBe(true);
    expect(records.every((record) => record.source === 'demo')).toBe(true);
    for (const kind of KINDS) {
      const ids = records.filter((record) => record.kind === kind).map((record) => record.id);
      expect(new Set(ids).size, kind).toBe(ids.length);
    }
  });

  it('writes every field of the model, in its vocabulary, with UTC times', () => {
    const expected = Object.fromEntries(KINDS.map((kind) => [kind, [...FIELDS[kind]].sort().join()]));
    const misshapen = records.filter((record) => Object.keys(record).sort().join() !== expected[record.kind] || Object.keys(record.attributes).length > 0);
    expect(misshapen.slice(0, 3)).toEqual([]);
    const times = [
      ...changes.flatMap((c) => [c.authored_at, c.merged_at]),
      ...deployments.flatMap((d) => [d.started_at, d.finished_at]),
      ...incidents.flatMap((i) => [i.impact_started_at, i.detected_at, i.acknowledged_at, i.mitigated_at, i.resolved_at]),
      ...classifications.map((c) => c.classified_at),
      ...agentActions.map((a) => a.at),
    ].filter((time): time is string => time !== null);
    expect(times.every((time) => new Date(time).toISOString() === time)).toBe(true);
    expect(services.every((s) => DOMAINS.includes(s.domain as never) && [1, 2, 3].includes(s.tier as number))).toBe(true);
    expect(people.every((p) => SENIORITIES.includes(p.seniority))).toBe(true);
    expect(changes.every((c) => CHANGE_TYPES.includes(c.change_type as never))).toBe(true);
    expect(deployments.every((d) => DEPLOYMENT_STATUSES.includes(d.status))).toBe(true);
    expect(incidents.every((i) => SEVERITIES.includes(i.severity) && DETECTIONS.includes(i.detection as never))).toBe(true);
    const tags = [...changes.map((c) => c.ai), ...deployments.map((d) => d.ai)];
    expect(tags.every((t) => (t.mode === null || AI_MODES.includes(t.mode)) && (t.evidence === null || AI_EVIDENCE.includes(t.evidence)))).toBe(true);
    // Unknown is unknown: no tool, mode or evidence without a verdict.
    expect(tags.filter((t) => t.assisted === null).every((t) => t.evidence === null && t.tool === null)).toBe(true);
  });

  it('describes ~40 services and ~60 engineers of a retailer', () => {
    expect(services.length).toBeGreaterThanOrEqual(35);
    expect(services.length).toBeLessThanOrEqual(45);
    const tier1 = services.filter((s) => s.tier === 1).length / services.length;
    expect(tier1).toBeGreaterThan(0.25);
    expect(tier1).toBeLessThan(0.45);
    for (const domain of DOMAINS.filter((d) => d !== 'other')) expect(services.some((s) => s.domain === domain), domain).toBe(true);
    expect(serviceById.get('delivery-promise')?.domain).toBe('fulfillment');
    expect(serviceById.get('order-intake')?.domain).toBe('checkout');
    const teams = new Set(people.map((p) => p.team).filter((team) => team !== null));
    expect(teams.size).toBeGreaterThanOrEqual(8);
    expect(teams.size).toBeLessThanOrEqual(12);
    const engineers = people.filter((p) => p.seniority !== 'unknown');
    expect(engineers.length).toBeGreaterThanOrEqual(55);
    expect(engineers.length).toBeLessThanOrEqual(65);
    for (const seniority of ['junior', 'mid', 'senior', 'principal']) expect(engineers.some((p) => p.seniority === seniority), seniority).toBe(true);
    expect(personById.has('ops-agent')).toBe(true);
  });

  it('has ~25 000 production deployments of 1–3 changes, following the working week', () => {
    expect(production.length).toBeGreaterThanOrEqual(22_000);
    expect(production.length).toBeLessThanOrEqual(28_000);
    expect(counted.every((d) => d.changes.length >= 1 && d.changes.length <= 3)).toBe(true);
    expect(deployments.every((d) => d.changes.every((id) => changeById.has(id)))).toBe(true);
    expect(counted.every((d) => ms(d.finished_at) >= YEAR_START && ms(d.finished_at) <= YEAR_END)).toBe(true);
    // Every change is authored, then merged, before any deployment that ships it.
    const outOfOrder = deployments.filter((deployment) =>
      deployment.changes.some((id) => {
        const change = changeById.get(id) as ChangeRecord;
        const merged = change.merged_at === null ? ms(change.authored_at) : ms(change.merged_at);
        return !(ms(change.authored_at) <= merged && merged <= ms(deployment.started_at));
      }),
    );
    expect(outOfOrder.map((d) => d.id)).toEqual([]);
    const weekend = counted.filter((d) => [0, 6].includes(new Date(ms(d.started_at)).getUTCDay())).length / counted.length;
    expect(weekend).toBeLessThan(0.05);
    const perDay = (from: string, days: number) => counted.filter((d) => ms(d.started_at) >= Date.parse(from) && ms(d.started_at) < Date.parse(from) + days * DAY).length / days;
    // Christmas week (Mon 22 – Fri 26 Dec) against the first full week of December, weekdays only.
    expect(perDay('2025-12-22T00:00:00Z', 5)).toBeLessThan(0.5 * perDay('2025-12-08T00:00:00Z', 5));
  });

  it('raises the AI share from ~30 % to ~80 % and tagging coverage from ~50 % to ~95 %', () => {
    const december = inMonth(production, '2025-12');
    const november = inMonth(production, '2026-11');
    expect(aiShare(december)).toBeLessThan(0.4);
    expect(aiShare(november)).toBeGreaterThan(0.7);
    expect(coverage(december)).toBeLessThan(0.6);
    expect(coverage(november)).toBeGreaterThan(0.9);
    const evidence = new Set(changes.map((c) => c.ai.evidence));
    for (const kind of ['trailer', 'bot_author', 'label', 'declared']) expect(evidence.has(kind as never), kind).toBe(true);
    // Most deployments inherit their tag from their changes; some declare it themselves.
    const declared = counted.filter((d) => d.ai.assisted !== null).length / counted.length;
    expect(declared).toBeGreaterThan(0.02);
    expect(declared).toBeLessThan(0.2);
  });

  it('pairs every rollback with an emitted deployment and every rolled-back deployment with a rollback', () => {
    const rollbacks = production.filter((d) => d.rollback_of !== null);
    expect(rollbacks.length).toBeGreaterThan(300);
    expect(rollbacks.every((r) => deploymentById.has(r.rollback_of as string) && r.status === 'succeeded')).toBe(true);
    expect(rollbacks.every((r) => finishMs(r) > finishMs(deploymentById.get(r.rollback_of as string) as DeploymentRecord))).toBe(true);
    const rolledBack = new Set(rollbacks.map((r) => r.rollback_of));
    expect(production.filter((d) => d.status === 'rolled_back').every((d) => rolledBack.has(d.id))).toBe(true);
    // Fixes (`remediates`) name emitted incidents and were written after the incident began.
    const fixes = deployments.filter((d) => d.remediates.length > 0);
    expect(fixes.length).toBeGreaterThan(0);
    for (const fix of fixes) {
      const incident = incidents.find((i) => i.id === fix.remediates[0]) as IncidentRecord;
      expect(incident, fix.id).toBeDefined();
      expect(fix.changes.every((id) => ms((changeById.get(id) as ChangeRecord).authored_at) > ms(incident.impact_started_at)), fix.id).toBe(true);
    }
  });

  it('links most Sev1/Sev2 incidents to the deployment that caused them', () => {
    expect(sev12.length).toBeGreaterThanOrEqual(150);
    expect(sev12.length).toBeLessThanOrEqual(250);
    expect(incidents.every((i) => i.caused_by.every((id) => deploymentById.has(id)))).toBe(true);
    const explicit = sev12.filter((i) => i.caused_by.length > 0).length / sev12.length;
    expect(explicit).toBeGreaterThan(0.2);
    expect(explicit).toBeLessThan(0.45);
    const unattributed = sev12.filter((i) => (links.get(i.id) ?? []).length === 0).length / sev12.length;
    expect(unattributed).toBeGreaterThan(0.04);
    expect(unattributed).toBeLessThan(0.2);
    // An explicit cause is also what the heuristic would find: 5–300 min before, nothing later.
    for (const incident of sev12.filter((i) => i.caused_by.length === 1)) {
      const culprit = deploymentById.get(incident.caused_by[0] as string) as DeploymentRecord;
      const lag = ms(incident.impact_started_at) - finishMs(culprit);
      expect(lag, incident.id).toBeGreaterThanOrEqual(5 * MINUTE);
      expect(lag, incident.id).toBeLessThanOrEqual(300 * MINUTE);
      const heuristic = linksOf({ ...incident, caused_by: [], services: [culprit.service] });
      expect(heuristic, incident.id).toEqual([culprit.id]);
    }
    const linkedFinishes = [...links.entries()].flatMap(([id, ids]) => ids.map((dep) => ms((sev12.find((i) => i.id === id) as IncidentRecord).impact_started_at) - finishMs(deploymentById.get(dep) as DeploymentRecord)));
    expect(linkedFinishes.every((lag) => lag >= 5 * MINUTE && lag <= 300 * MINUTE)).toBe(true);
  });

  it('fails AI-assisted deployments more often than human ones, most in early March 2026', () => {
    const ai = failureRate(counted, 'ai');
    const human = failureRate(counted, 'human');
    expect(ai).toBeGreaterThan(human);
    expect(ai).toBeGreaterThan(0.03);
    expect(ai).toBeLessThan(0.06);
    expect(human).toBeGreaterThan(0.015);
    expect(human).toBeLessThan(0.04);
    expect(failureRate(inMonth(counted, '2026-03'), 'ai')).toBeGreaterThan(ai);
    // Weekly AI CFR: the spike weeks stand well above the typical week.
    const weekOf = (d: DeploymentRecord) => Math.floor((finishMs(d) - Date.UTC(2025, 11, 1)) / (7 * DAY));
    const weeks = new Map<number, DeploymentRecord[]>();
    for (const d of counted.filter((d) => cohortOf(d) === 'ai')) weeks.set(weekOf(d), [...(weeks.get(weekOf(d)) ?? []), d]);
    const weekly = [...weeks.values()].map((list) => list.filter(failed).length / list.length);
    const spike = [Date.UTC(2026, 1, 23), Date.UTC(2026, 2, 2), Date.UTC(2026, 2, 9)].map((start) => {
      const list = weeks.get(Math.floor((start - Date.UTC(2025, 11, 1)) / (7 * DAY))) ?? [];
      return list.filter(failed).length / list.length;
    });
    expect(Math.min(...spike)).toBeGreaterThan(1.5 * median(weekly));
  });

  it('models the agent that deleted a production environment (December 2025)', () => {
    const action = agentActions.find((a) => a.id === 'AA-2025-12-agent-env-delete') as AgentActionRecord;
    expect(action).toMatchObject({ agent: 'ops-agent', destructive: true, approved_by: [], permission_scope: 'operator', environment: 'production' });
    const incident = incidents.find((i) => i.id === 'INC-2025-12-agent-env-delete') as IncidentRecord;
    expect(incident.severity).toBe('sev1');
    expect(incident.impact_started_at.startsWith('2025-12')).toBe(true);
    expect(incident.services.length).toBeGreaterThanOrEqual(3);
    const outageHours = (ms(incident.mitigated_at) - ms(incident.impact_started_at)) / HOUR;
    expect(outageHours).toBeGreaterThan(12.5);
    expect(outageHours).toBeLessThan(13.5);
    const culprit = deploymentById.get(incident.caused_by[0] as string) as DeploymentRecord;
    expect(culprit).toMatchObject({ actor: 'ops-agent', actor_type: 'agent', ai: { assisted: true, mode: 'agent' } });
  });

  it('models the AI-assisted delivery-estimate change (2026-03-02)', () => {
    const incident = incidents.find((i) => i.id === 'INC-2026-03-02-delivery-estimates') as IncidentRecord;
    expect(incident).toMatchObject({ severity: 'sev1', impact: { orders_lost: 120_000, errors: 1_600_000 } });
    expect(incident.impact_started_at.startsWith('2026-03-02')).toBe(true);
    expect(incident.services).toContain('delivery-promise');
    const culprit = deploymentById.get(links.get(incident.id)?.[0] as string) as DeploymentRecord;
    expect(culprit.service).toBe('delivery-promise');
    expect(cohortOf(culprit)).toBe('ai');
    const rollback = deployments.find((d) => d.rollback_of === culprit.id) as DeploymentRecord;
    expect(ms(rollback.finished_at)).toBeGreaterThan(ms(incident.detected_at));
  });

  it('models the single-operator config change to order-intake (2026-03-05)', () => {
    const incident = incidents.find((i) => i.id === 'INC-2026-03-05-order-intake-config') as IncidentRecord;
    expect(incident).toMatchObject({ severity: 'sev1', services: ['order-intake'], impact: { orders_lost: 6_300_000 } });
    expect(incident.regions).toHaveLength(1);
    expect(incident.impact.traffic_share).toBeLessThan(0.5);
    const outageHours = (ms(incident.mitigated_at) - ms(incident.impact_started_at)) / HOUR;
    expect(outageHours).toBeGreaterThan(5.5);
    expect(outageHours).toBeLessThan(6.5);
    const culprit = deploymentById.get(incident.caused_by[0] as string) as DeploymentRecord;
    expect(culprit.change_type).toBe('config');
    const [change] = culprit.changes.map((id) => changeById.get(id) as ChangeRecord);
    expect(change).toMatchObject({ change_type: 'config', approvers: [], checks_passed: false, change_ticket: null });
  });

  it('has four Sev1s in the week of 2026-03-09, mostly AI-linked', () => {
    const week = sev12.filter((i) => i.severity === 'sev1' && ms(i.impact_started_at) >= Date.UTC(2026, 2, 9) && ms(i.impact_started_at) < RESET);
    expect(week).toHaveLength(4);
    const aiLinked = week.filter((i) => (links.get(i.id) ?? []).some((id) => cohortOf(deploymentById.get(id) as DeploymentRecord) === 'ai'));
    expect(aiLinked.length).toBeGreaterThanOrEqual(3);
  });

  it('shows the reset of 2026-03-16: controls kept, faster rollbacks, more automated detection', () => {
    const critical = counted.filter((d) => isCritical(d.service));
    const before = critical.filter((d) => finishMs(d) < Date.UTC(2026, 2, 1));
    const after = critical.filter((d) => finishMs(d) >= Date.UTC(2026, 3, 1));
    expect(violationRate(before)).toBeGreaterThan(0.3);
    expect(violationRate(after)).toBeLessThan(0.05);
    const mitigation = (list: IncidentRecord[]) => median(list.filter((i) => i.mitigated_at).map((i) => ms(i.mitigated_at) - ms(i.detected_at)));
    const incidentsBefore = sev12.filter((i) => ms(i.impact_started_at) < RESET);
    const incidentsAfter = sev12.filter((i) => ms(i.impact_started_at) >= RESET);
    expect(mitigation(incidentsAfter)).toBeLessThan(0.6 * mitigation(incidentsBefore));
    const automated = (list: IncidentRecord[]) => list.filter((i) => i.detection === 'automated_check').length / list.length;
    expect(automated(incidentsAfter)).toBeGreaterThan(automated(incidentsBefore) + 0.15);
    // The agent keeps destructive actions behind an approval afterwards.
    const destructive = agentActions.filter((a) => a.destructive);
    expect(destructive.filter((a) => ms(a.at) >= RESET).every((a) => a.approved_by.length > 0)).toBe(true);
    expect(destructive.filter((a) => ms(a.at) < RESET).some((a) => a.approved_by.length === 0)).toBe(true);
  });

  it('classifies most older Sev1/Sev2 incidents, by an SRE, 1–5 days after resolution', () => {
    const due = sev12.filter((i) => i.resolved_at !== null && ms(i.resolved_at) < YEAR_END - 5 * DAY);
    const classified = new Set(classifications.map((c) => c.incident));
    const share = due.filter((i) => classified.has(i.id)).length / due.length;
    expect(share).toBeGreaterThan(0.8);
    expect(share).toBeLessThan(0.97);
    const incidentById = new Map(incidents.map((i) => [i.id, i]));
    for (const c of classifications) {
      const incident = incidentById.get(c.incident) as IncidentRecord;
      expect(isSev12(incident)).toBe(true);
      expect(AI_ROLES).toContain(c.ai_role);
      expect(personById.get(c.classified_by)?.team).toBe('sre');
      const days = (ms(c.classified_at) - ms(incident.resolved_at)) / DAY;
      expect(days).toBeGreaterThanOrEqual(0);
      expect(days).toBeLessThanOrEqual(5);
      expect(c.id).toBe(`${c.incident}@${c.classified_at}`);
    }
    // AI-caused incidents are classified as AI-involved; human-caused ones are not.
    const latest = new Map<string, ClassificationRecord>();
    for (const c of classifications) latest.set(c.incident, c);
    const roleOf = (cohort: Cohort) =>
      [...latest.values()].filter((c) => {
        const ids = links.get(c.incident) ?? [];
        return ids.length === 1 && cohortOf(deploymentById.get(ids[0] as string) as DeploymentRecord) === cohort;
      });
    expect(roleOf('ai').every((c) => c.ai_role === 'primary' || c.ai_role === 'contributory')).toBe(true);
    expect(roleOf('human').every((c) => c.ai_role === 'none')).toBe(true);
  });
});
