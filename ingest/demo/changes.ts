// Changes (commits/PRs) and the review controls around them. Before the reset, tier-1 and
// high-risk services often ship without a second reviewer, a ticket, green checks or a senior
// sign-off on AI-assisted work by junior/mid authors; afterwards these become near-universal.
import type { AiTag, ChangeRecord, ChangeType } from '../model.ts';
import { aiChangeTag, humanChangeTag, UNKNOWN_TAG, type Cohort } from './ai-adoption.ts';
import { ENGINEERS, isSenior, person, teamMembers, type Service } from './catalog.ts';
import { DAY, HOUR, iso, MINUTE, RESET_AT, toSecond } from './calendar.ts';
import type { Random } from './random.ts';

/** Probability that each control is met for one change. */
interface ControlOdds {
  approval: number;
  ticket: number;
  checks: number;
  seniorSignoff: number;
}

export function isCritical(service: Service): boolean {
  return service.tier === 1 || service.highRisk;
}

export function controlOdds(service: Service, ms: number): ControlOdds {
  const after = ms >= RESET_AT;
  if (isCritical(service)) {
    return after ? { approval: 0.997, ticket: 0.99, checks: 0.995, seniorSignoff: 0.98 } : { approval: 0.8, ticket: 0.7, checks: 0.88, seniorSignoff: 0.4 };
  }
  return after ? { approval: 0.9, ticket: 0.55, checks: 0.93, seniorSignoff: 0.7 } : { approval: 0.85, ticket: 0.45, checks: 0.9, seniorSignoff: 0.55 };
}

/** True when a change breaks one of the review controls of docs/metrics.md ("Governance controls"). */
export function breaksControls(change: ChangeRecord): boolean {
  const author = person(change.author);
  const reviewed = change.approvers.some((id) => id !== change.author);
  const juniorAi = change.ai.assisted === true && (author?.seniority === 'junior' || author?.seniority === 'mid');
  return !reviewed || change.change_ticket === null || change.checks_passed !== true || (juniorAi && !change.approvers.some(isSenior));
}

export interface ChangeSpec {
  service: Service;
  author: string;
  authoredMs: number;
  mergedMs: number | null;
  type: ChangeType;
  ai: AiTag;
  approvers: string[];
  ticket: string | null;
  checksPassed: boolean | null;
  title: string;
  linesAdded: number;
  linesDeleted: number;
  reverts?: string | null;
}

const VERBS = ['Fix', 'Add', 'Refactor', 'Handle', 'Speed up', 'Validate', 'Log', 'Retry', 'Cache', 'Simplify'];
/** What each team's changes are about, for change titles. */
const SUBJECTS: Record<string, string[]> = {
  payments: ['3-D Secure challenge flow', 'PSP timeout handling', 'refund idempotency keys', 'card BIN lookup', 'settlement report export'],
  pricing: ['basket price rounding', 'promotion eligibility rules', 'VAT for cross-border orders', 'price feed parsing', 'markdown schedule'],
  inventory: ['stock reservation expiry', 'warehouse stock sync', 'safety stock thresholds', 'availability cache', 'store stock lookup'],
  identity: ['session token refresh', 'password reset emails', 'consent banner state', 'login rate limits', 'profile address validation'],
  checkout: ['order submission retries', 'basket merge on login', 'payment method selection', 'order confirmation page', 'address autocomplete'],
  'search-discovery': ['query spelling correction', 'facet counts', 'index mapping', 'product ranking boosts', 'autocomplete suggestions'],
  fulfillment: ['carrier cut-off times', 'delivery slot calculation', 'shipment status webhooks', 'return label generation', 'parcel tracking links'],
  platform: ['feature flag targeting', 'rate limiting at the edge', 'push notification batching', 'TLS certificate rotation', 'request routing rules'],
  'customer-engagement': ['loyalty points expiry', 'store opening hours', 'mobile app start-up config', 'care ticket search', 'points balance caching'],
};
const CONFIG_KEYS = ['connection pool size', 'timeout', 'feature flag rollout', 'rate limit', 'cache TTL', 'retry budget'];
const INFRA_THINGS = ['node pool', 'database instance', 'load balancer', 'cache cluster', 'autoscaling policy'];

export class ChangeFactory {
  private ticketSeq = 41_000;

  constructor(private readonly random: Random) {}

  nextTicket(): string {
    return `CHG-${this.ticketSeq++}`;
  }

  make(spec: ChangeSpec): ChangeRecord {
    const repo = spec.type === 'infra' ? 'acme-retail/infrastructure' : spec.type === 'config' ? `acme-retail/${spec.service.id}-config` : `acme-retail/${spec.service.id}`;
    return {
      kind: 'change',
      source: 'demo',
      id: this.random.hex(40),
      attributes: {},
      service: spec.service.id,
      author: spec.author,
      authored_at: iso(spec.authoredMs),
      repo,
      title: spec.title,
      merged_at: spec.mergedMs === null ? null : iso(spec.mergedMs),
      approvers: spec.approvers,
      change_ticket: spec.ticket,
      checks_passed: spec.checksPassed,
      change_type: spec.type,
      lines_added: spec.linesAdded,
      lines_deleted: spec.linesDeleted,
      reverts: spec.reverts ?? null,
      ai: spec.ai,
    };
  }

  /**
   * The 1–3 changes shipped by one deployment. `firstDeployMs` is when they first went out
   * (staging when there is one), so every change is authored and merged before it.
   * With `taggedAtDeployment` the deployment declares its AI status and the changes carry none.
   * `maxLeadMs` bounds how long before that they were written (a fix for a live incident).
   */
  forDeployment(service: Service, cohort: Cohort, firstDeployMs: number, taggedAtDeployment: boolean, maxLeadMs = 7 * DAY): ChangeRecord[] {
    const random = this.random;
    const count = random.weighted([[1, 60], [2, 28], [3, 12]] as const);
    const changes: ChangeRecord[] = [];
    for (let i = 0; i < count; i++) {
      let ai = UNKNOWN_TAG;
      let botAuthor: string | null = null;
      if (!taggedAtDeployment) {
        const kind: Cohort = cohort === 'ai' ? (i === 0 ? 'ai' : random.weighted<Cohort>([['ai', 55], ['human', 25], ['unknown', 20]])) : cohort;
        if (kind === 'ai') ({ tag: ai, botAuthor } = aiChangeTag(random, firstDeployMs));
        else if (kind === 'human') ai = humanChangeTag(random);
      }
      changes.push(this.reviewed(service, firstDeployMs, ai, botAuthor, maxLeadMs));
    }
    return changes;
  }

  /** The revert shipped by a rollback deployment: reverts the bad deployment's first change. */
  revertOf(bad: ChangeRecord, service: Service, authoredMs: number, author: string): ChangeRecord {
    const strict = authoredMs >= RESET_AT && isCritical(service);
    const reviewer = this.random.pick(teamMembers(service.team).filter((member) => member.id !== author && (!strict || member.seniority !== 'junior')));
    return this.make({
      service,
      author,
      authoredMs,
      mergedMs: authoredMs + this.random.int(1, 4) * MINUTE,
      type: bad.change_type ?? 'code',
      // Reverts are declared by the rollback tooling; nothing AI-written goes out with them.
      ai: { assisted: false, tool: null, mode: null, evidence: 'declared' },
      approvers: strict || this.random.chance(0.5) ? [reviewer.id] : [],
      ticket: strict || this.random.chance(0.4) ? this.nextTicket() : null,
      checksPassed: strict ? true : this.random.chance(0.5) ? true : null,
      title: `Revert "${bad.title ?? bad.id}"`,
      linesAdded: bad.lines_deleted ?? 0,
      linesDeleted: bad.lines_added ?? 0,
      reverts: bad.id,
    });
  }

  private reviewed(service: Service, firstDeployMs: number, ai: AiTag, botAuthor: string | null, maxLeadMs: number): ChangeRecord {
    const random = this.random;
    const odds = controlOdds(service, firstDeployMs);
    const team = teamMembers(service.team);
    const human = random.chance(0.9) ? random.pick(team) : random.pick(ENGINEERS);
    const author = botAuthor ?? human.id;
    const type = ai.assisted === true ? random.weighted<ChangeType>([['code', 90], ['config', 6], ['infra', 4]]) : random.weighted<ChangeType>([['code', 82], ['config', 11], ['infra', 5], ['data', 2]]);

    const others = team.filter((member) => member.id !== author);
    let approvers: string[] = [];
    if (random.chance(odds.approval)) {
      approvers = random.sample(others, random.chance(0.3) ? 2 : 1).map((member) => member.id);
      const needsSenior = ai.assisted === true && (human.seniority === 'junior' || human.seniority === 'mid') && !botAuthor;
      if (needsSenior) {
        const seniors = others.filter((member) => member.seniority === 'senior' || member.seniority === 'principal');
        const juniors = others.filter((member) => member.seniority === 'junior' || member.seniority === 'mid');
        approvers = random.chance(odds.seniorSignoff) && seniors.length > 0 ? [random.pick(seniors).id, ...approvers.filter(isJuniorOrMid)].slice(0, 2) : juniors.length > 0 ? [random.pick(juniors).id] : [];
      }
    } else if (random.chance(0.2)) {
      approvers = [author]; // self-approved: not a second pair of eyes
    }

    const leadMs = Math.min(maxLeadMs, Math.max(30 * MINUTE, random.logNormal(20 * HOUR, 1)));
    const authoredMs = toSecond(firstDeployMs - leadMs);
    const mergedMs = toSecond(authoredMs + leadMs * random.between(0.3, 0.95));
    const aiFactor = ai.assisted === true ? 1.6 : 1;
    const small = type === 'config' || type === 'data';
    return this.make({
      service,
      author,
      authoredMs,
      mergedMs,
      type,
      ai,
      approvers,
      ticket: random.chance(odds.ticket) ? this.nextTicket() : null,
      checksPassed: random.chance(odds.checks) ? true : random.chance(0.5) ? false : null,
      title: changeTitle(random, service, type),
      linesAdded: small ? random.int(1, 12) : Math.round(random.logNormal(40 * aiFactor, 1.1)) + 1,
      linesDeleted: small ? random.int(0, 8) : Math.round(random.logNormal(14 * aiFactor, 1.2)),
    });
  }
}

function isJuniorOrMid(id: string): boolean {
  const seniority = person(id)?.seniority;
  return seniority === 'junior' || seniority === 'mid';
}

function changeTitle(random: Random, service: Service, type: ChangeType): string {
  if (type === 'config') return `Tune ${random.pick(CONFIG_KEYS)} for ${service.id}`;
  if (type === 'infra') return `${random.pick(['Resize', 'Upgrade', 'Migrate'])} ${service.id} ${random.pick(INFRA_THINGS)}`;
  if (type === 'data') return `Backfill ${random.pick(SUBJECTS[service.team] ?? [])}`;
  return `${random.pick(VERBS)} ${random.pick(SUBJECTS[service.team] ?? [])}`;
}
