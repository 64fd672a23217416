// Incidents: Sev1/Sev2s caused by bad deployments (linked explicitly or left to the
// heuristic), unattributed ones with no deployment nearby, and a background of Sev3/Sev4s.
import type { AiRole, ClassificationFactors, Detection, IncidentImpact, IncidentRecord, Severity } from '../model.ts';
import { SERVICES, type Service } from './catalog.ts';
import { DAY, HOUR, iso, isoDate, MINUTE, PERIOD_END, PERIOD_START, RESET_AT, toSecond } from './calendar.ts';
import type { DeploymentPlanner, PlannedDeployment } from './deployments.ts';
import { rollbackBy, rollBackQuietly } from './outcomes.ts';
import type { Random } from './random.ts';
import type { Timeline } from './timeline.ts';

export interface IncidentStory {
  record: IncidentRecord;
  /** The deployment that caused it; null when unattributed. */
  culprit: PlannedDeployment | null;
  /** Set for the modeled events, whose classification is part of the story. */
  classification?: { role: AiRole; factors: ClassificationFactors; notes: string };
}

export interface IncidentTimes {
  impactMs: number;
  detectedMs: number;
  acknowledgedMs: number;
  mitigatedMs: number;
  resolvedMs: number;
}

export interface IncidentSpec extends IncidentTimes {
  id: string;
  title: string;
  severity: Severity;
  services: string[];
  regions: string[];
  detection: Detection;
  causedBy: string[];
  impact: IncidentImpact;
}

/** Times after the end of the demo year have not happened yet: left null. */
export function incidentRecord(spec: IncidentSpec): IncidentRecord {
  const seen = (ms: number) => (ms <= PERIOD_END ? iso(ms) : null);
  const resolved = seen(spec.resolvedMs);
  return {
    kind: 'incident',
    source: 'demo',
    id: spec.id,
    attributes: {},
    title: spec.title,
    severity: spec.severity,
    impact_started_at: iso(spec.impactMs),
    status: resolved ? 'resolved' : seen(spec.mitigatedMs) ? 'mitigated' : 'investigating',
    services: spec.services,
    regions: spec.regions,
    detected_at: seen(spec.detectedMs),
    acknowledged_at: seen(spec.acknowledgedMs),
    mitigated_at: seen(spec.mitigatedMs),
    resolved_at: resolved,
    detection: spec.detection,
    caused_by: spec.causedBy,
    impact: spec.impact,
    postmortem_url: spec.severity === 'sev1' && resolved ? `https://wiki.acme-retail.example/postmortems/${spec.id}` : null,
  };
}

/** `INC-<date>-<n>`, numbered per day of impact. */
class IncidentIds {
  private readonly perDay = new Map<string, number>();
  next(impactMs: number): string {
    const date = isoDate(impactMs);
    const n = (this.perDay.get(date) ?? 0) + 1;
    this.perDay.set(date, n);
    return `INC-${date}-${String(n).padStart(2, '0')}`;
  }
}

const SYMPTOMS: Record<string, string[]> = {
  payment: ['Card payments declined', 'PSP timeouts at payment', 'Duplicate refund requests'],
  pricing: ['Wrong prices shown', 'Promotions not applied', 'Tax missing on cross-border orders'],
  inventory: ['Items shown out of stock', 'Stock reservations lost', 'Overselling of low-stock items'],
  identity: ['Login failures', 'Sessions dropped', 'Profile updates failing'],
  checkout: ['Orders failing at submit', 'Checkout latency above SLO', 'Baskets emptied on login'],
  search: ['Empty search results', 'Search latency above SLO', 'Products missing from listings'],
  fulfillment: ['Wrong delivery dates shown', 'Shipping labels not generated', 'Tracking updates stalled'],
  other: ['Elevated 5xx at the edge', 'Push notifications not sent', 'Mobile app errors on launch'],
};
const MINOR_SYMPTOMS = ['Elevated latency', 'Intermittent 5xx', 'Delayed background jobs', 'Error-rate alert', 'Degraded cache hit rate'];
const EXTERNAL_CAUSES = ['Payment provider outage', 'Cloud provider network degradation', 'Bot traffic surge', 'Expired TLS certificate at a partner', 'DNS resolution failures'];
/** Share of lost orders by domain: checkout and payment sit directly on the order path. */
const ORDER_WEIGHT: Record<string, number> = { payment: 1, checkout: 1, pricing: 0.5, inventory: 0.5, identity: 0.6, fulfillment: 0.3, search: 0.2, other: 0.1 };
/** The week of the four modeled Sev1s: the background keeps to Sev2 there. */
const inFourSev1Week = (ms: number) => ms >= Date.UTC(2026, 2, 9) && ms < Date.UTC(2026, 2, 16);

export class IncidentBuilder {
  private readonly ids = new IncidentIds();

  constructor(
    private readonly random: Random,
    private readonly planner: DeploymentPlanner,
    private readonly timeline: Timeline,
  ) {}

  /** One incident per culprit, unless another deployment follows it too closely to be the link. */
  fromCulprits(culprits: PlannedDeployment[]): IncidentStory[] {
    const stories: IncidentStory[] = [];
    for (const culprit of culprits) {
      const story = this.fromCulprit(culprit);
      if (story) stories.push(story);
      else rollBackQuietly(this.random, this.planner, this.timeline, culprit);
    }
    return stories;
  }

  /** Incidents whose services had no deployment in the 24 h before: nothing to link. */
  unattributed(count: number): IncidentStory[] {
    const random = this.random;
    const stories: IncidentStory[] = [];
    // Rarely deployed services have the long quiet spells an unattributed incident needs.
    const weights = SERVICES.map((service) => [service, 1 / service.deploysPerWeek] as const);
    for (let attempt = 0; stories.length < count && attempt < count * 200; attempt++) {
      const service = random.weighted(weights);
      const impactMs = toSecond(PERIOD_START + DAY + random.next() * (PERIOD_END - PERIOD_START - 4 * DAY));
      if (this.timeline.hasFinishBetween(service.id, impactMs - DAY, impactMs)) continue;
      const times = this.times(impactMs, service.domain);
      const cause = random.pick(EXTERNAL_CAUSES);
      const region = random.pick(service.regions);
      const record = this.record(service, times, {
        title: `${cause}: ${service.id} degraded in ${region}`,
        severity: random.chance(inFourSev1Week(impactMs) ? 0 : 0.2) ? 'sev1' : 'sev2',
        services: [service.id],
        regions: [region],
        causedBy: [],
      });
      stories.push({ record, culprit: null });
    }
    return stories;
  }

  /** Sev3/Sev4 noise: never linked, small impact, often without order figures. */
  minor(count: number): IncidentStory[] {
    const random = this.random;
    return Array.from({ length: count }, () => {
      const service = random.pick(SERVICES);
      const impactMs = toSecond(PERIOD_START + random.next() * (PERIOD_END - PERIOD_START - 3 * DAY));
      const detectedMs = impactMs + random.int(2, 45) * MINUTE;
      const mitigatedMs = detectedMs + random.int(10, 240) * MINUTE;
      const share = Math.round(random.between(0.005, 0.05) * 1000) / 1000;
      const minutes = (mitigatedMs - impactMs) / MINUTE;
      const record = incidentRecord({
        id: this.ids.next(impactMs),
        title: `${random.pick(MINOR_SYMPTOMS)} on ${service.id}`,
        severity: random.chance(0.6) ? 'sev3' : 'sev4',
        services: [service.id],
        regions: [random.pick(service.regions)],
        impactMs,
        detectedMs,
        acknowledgedMs: detectedMs + random.int(2, 30) * MINUTE,
        mitigatedMs,
        resolvedMs: mitigatedMs + random.int(1, 48) * HOUR,
        detection: random.weighted<Detection>([['monitor', 60], ['automated_check', 25], ['employee', 15]]),
        causedBy: [],
        impact: {
          orders_lost: random.chance(0.5) ? null : Math.round(share * minutes * random.between(5, 40)),
          errors: Math.round(share * minutes * random.between(200, 1500)),
          users_affected: random.chance(0.3) ? null : Math.round(share * minutes * random.between(50, 300)),
          traffic_share: share,
        },
      });
      return { record, culprit: null };
    });
  }

  private fromCulprit(culprit: PlannedDeployment): IncidentStory | null {
    const random = this.random;
    const service = culprit.service;
    // The impact must start 5–300 min after the culprit and before the service's next deployment.
    const next = this.timeline.nextFinishAfter(service.id, culprit.finishedMs, culprit) ?? Infinity;
    const latestMs = Math.min(culprit.finishedMs + 300 * MINUTE, next - MINUTE, PERIOD_END - 2 * DAY);
    const roomMs = latestMs - culprit.finishedMs - 5 * MINUTE;
    if (roomMs < MINUTE) return null;
    const impactMs = toSecond(culprit.finishedMs + 5 * MINUTE + roomMs * random.next() ** 2);
    this.timeline.protect(service.id, culprit.finishedMs, impactMs);

    const multi = random.chance(0.15);
    const services = multi ? [service.id, ...this.downstreamOf(service, random.int(1, 3))] : [service.id];
    const region = random.chance(0.65) ? [random.pick(service.regions)] : service.regions;
    const sev1Odds = inFourSev1Week(impactMs) ? 0 : { 1: 0.3, 2: 0.12, 3: 0.05 }[service.tier];
    const times = this.times(impactMs, service.domain);
    const record = this.record(service, times, {
      title: `${random.pick(SYMPTOMS[service.domain] ?? [])} on ${service.id}${region.length === 1 ? ` in ${region[0]}` : ''}`,
      severity: random.chance(sev1Odds) ? 'sev1' : 'sev2',
      services,
      regions: region,
      // Multi-service incidents name their cause: the heuristic would link every service's latest deployment.
      causedBy: multi || random.chance(0.28) ? [culprit.record.id] : [],
    });
    this.resolve(culprit, record, times);
    return { record, culprit };
  }

  /** Rollback (mostly), forward fix, or mitigation without a deployment (flag, scaling). */
  private resolve(culprit: PlannedDeployment, record: IncidentRecord, times: IncidentTimes): void {
    const random = this.random;
    const after = times.impactMs >= RESET_AT;
    const how = random.weighted([['rollback', after ? 75 : 60], ['hotfix', after ? 15 : 25], ['other', after ? 10 : 15]] as const);
    if (times.mitigatedMs > PERIOD_END || how === 'other') return;
    // Starts at least 10 minutes after detection, so there is time to write the fix.
    const hotfixStartMs = Math.max(times.mitigatedMs - 15 * MINUTE, times.detectedMs + 10 * MINUTE);
    const hotfixFits = !this.timeline.overlapsProtected(culprit.service.id, hotfixStartMs, hotfixStartMs + 26 * MINUTE);
    if (how === 'hotfix' && hotfixFits) {
      const hotfix = this.planner.ordinary(culprit.service, hotfixStartMs, { remediates: record.id, writtenAfterMs: times.detectedMs });
      this.timeline.add(hotfix);
      return;
    }
    // A rolled-back deployment often keeps the status `succeeded` in the CD tool.
    if (random.chance(0.7)) culprit.record.status = 'rolled_back';
    this.timeline.rollbacks.push(rollbackBy(random, this.planner, culprit, times.mitigatedMs));
  }

  private downstreamOf(service: Service, count: number): string[] {
    const others = SERVICES.filter((other) => other.id !== service.id);
    const weights = others.map((other) => [other.id, other.domain === service.domain ? 3 : other.domain === 'checkout' ? 2 : 0.5] as const);
    const picked = new Set<string>();
    while (picked.size < count) picked.add(this.random.weighted(weights));
    return [...picked];
  }

  /** Detection, response and resolution times; faster and more automated after the reset. */
  private times(impactMs: number, domain: string): IncidentTimes & { detection: Detection } {
    const random = this.random;
    const after = impactMs >= RESET_AT;
    const detection = random.weighted<Detection>(
      after
        ? [['automated_check', 45], ['monitor', 40], ['customer', 10], ['employee', 5]]
        : [['monitor', 50], ['automated_check', 12], ['customer', domain === 'other' ? 15 : 28], ['employee', 10]],
    );
    const ttdMinutes = { automated_check: random.int(1, 8), monitor: after ? random.int(2, 15) : random.int(4, 35), customer: random.int(20, 180), employee: random.int(15, 120) }[detection];
    const detectedMs = impactMs + ttdMinutes * MINUTE + random.int(0, 59) * 1000;
    const mitigateMinutes = after ? Math.min(240, Math.max(6, random.logNormal(22, 0.6))) : Math.min(720, Math.max(12, random.logNormal(75, 0.7)));
    const mitigatedMs = toSecond(detectedMs + mitigateMinutes * MINUTE);
    return {
      impactMs,
      detectedMs,
      acknowledgedMs: detectedMs + random.int(1, after ? 8 : 15) * MINUTE,
      mitigatedMs,
      resolvedMs: toSecond(mitigatedMs + Math.min(3 * DAY, Math.max(30 * MINUTE, random.logNormal(6 * HOUR, 1)))),
      detection,
    };
  }

  private record(service: Service, times: IncidentTimes & { detection: Detection }, fields: Pick<IncidentSpec, 'title' | 'severity' | 'services' | 'regions' | 'causedBy'>): IncidentRecord {
    const random = this.random;
    const minutes = (times.mitigatedMs - times.impactMs) / MINUTE;
    const scale = fields.severity === 'sev1' ? 1 : 0.4;
    const share = Math.round(Math.min(1, (fields.regions.length / service.regions.length) * random.between(0.08, 0.7) * scale + 0.01) * 1000) / 1000;
    return incidentRecord({
      ...fields,
      ...times,
      id: this.ids.next(times.impactMs),
      impact: {
        orders_lost: Math.round((ORDER_WEIGHT[service.domain] ?? 0.1) * share * minutes * random.between(150, 450)),
        errors: Math.round(share * minutes * random.between(1500, 6000)),
        users_affected: Math.round(share * minutes * random.between(300, 1200)),
        traffic_share: share,
      },
    });
  }
}
