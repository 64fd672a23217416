// The fictional retailer: its services, teams and people. Fixed, not drawn from the seed, so
// every demo shows the same organisation and the modeled events can name who was involved.
import { HIGH_RISK_DOMAINS, type Domain, type Seniority } from '../model.ts';

export interface Service {
  id: string;
  team: string;
  tier: 1 | 2 | 3;
  domain: Domain;
  highRisk: boolean;
  /** Typical production deployments per week in mid-year (fewer in December, more by November). */
  deploysPerWeek: number;
  regions: string[];
}

export interface Person {
  id: string;
  name: string;
  team: string | null;
  seniority: Seniority;
}

export const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'] as const;

// [id, team, tier, domain, deploys per week]
const SERVICE_TABLE: [string, string, 1 | 2 | 3, Domain, number][] = [
  ['payment-gateway', 'payments', 1, 'payment', 22],
  ['card-tokenizer', 'payments', 1, 'payment', 8],
  ['fraud-scoring', 'payments', 1, 'payment', 16],
  ['refund-service', 'payments', 2, 'payment', 9],
  ['gift-card-service', 'payments', 2, 'payment', 5],
  ['payment-psp-adapter', 'payments', 2, 'payment', 3],
  ['price-engine', 'pricing', 1, 'pricing', 24],
  ['promotion-engine', 'pricing', 1, 'pricing', 22],
  ['tax-calculator', 'pricing', 2, 'pricing', 7],
  ['price-feed-importer', 'pricing', 3, 'pricing', 4],
  ['stock-availability', 'inventory', 1, 'inventory', 19],
  ['stock-reservation', 'inventory', 1, 'inventory', 14],
  ['warehouse-sync', 'inventory', 2, 'inventory', 8],
  ['replenishment-planner', 'inventory', 3, 'inventory', 4],
  ['auth-service', 'identity', 1, 'identity', 14],
  ['session-store', 'identity', 1, 'identity', 7],
  ['customer-profile', 'identity', 2, 'identity', 12],
  ['consent-manager', 'identity', 3, 'identity', 3],
  ['checkout-api', 'checkout', 1, 'checkout', 32],
  ['order-intake', 'checkout', 1, 'checkout', 19],
  ['basket-service', 'checkout', 2, 'checkout', 20],
  ['checkout-web', 'checkout', 2, 'checkout', 30],
  ['order-confirmation-mailer', 'checkout', 3, 'checkout', 4],
  ['search-api', 'search-discovery', 2, 'search', 24],
  ['search-indexer', 'search-discovery', 3, 'search', 11],
  ['product-catalog', 'search-discovery', 1, 'search', 19],
  ['autocomplete', 'search-discovery', 3, 'search', 8],
  ['recommendations', 'search-discovery', 3, 'search', 16],
  ['delivery-promise', 'fulfillment', 1, 'fulfillment', 16],
  ['carrier-gateway', 'fulfillment', 2, 'fulfillment', 11],
  ['shipment-tracking', 'fulfillment', 2, 'fulfillment', 12],
  ['returns-service', 'fulfillment', 3, 'fulfillment', 7],
  ['label-printer', 'fulfillment', 3, 'fulfillment', 3],
  ['edge-gateway', 'platform', 1, 'other', 11],
  ['feature-flags', 'platform', 2, 'other', 8],
  ['notification-hub', 'platform', 2, 'other', 9],
  ['loyalty-points', 'customer-engagement', 2, 'other', 14],
  ['mobile-bff', 'customer-engagement', 2, 'other', 27],
  ['store-locator', 'customer-engagement', 3, 'other', 4],
  ['customer-care-portal', 'customer-engagement', 3, 'other', 8],
];

/** The edge gateway fronts every purchase, so it is high-risk although its domain is `other`. */
const HIGH_RISK_OVERRIDES = new Set(['edge-gateway']);

const regionsForTier = (tier: 1 | 2 | 3): string[] => (tier === 1 ? [...REGIONS] : tier === 2 ? REGIONS.slice(0, 3) : ['eu-west-1', 'us-east-1']);

export const SERVICES: readonly Service[] = SERVICE_TABLE.map(([id, team, tier, domain, deploysPerWeek]) => ({
  id,
  team,
  tier,
  domain,
  highRisk: HIGH_RISK_DOMAINS.includes(domain) || HIGH_RISK_OVERRIDES.has(id),
  deploysPerWeek,
  regions: regionsForTier(tier),
}));

export const ENGINEERING_TEAMS = ['payments', 'pricing', 'inventory', 'identity', 'checkout', 'search-discovery', 'fulfillment', 'platform', 'customer-engagement'] as const;
export const SRE_TEAM = 'sre';

// Six people per team, in team order (nine engineering teams, then SRE).
const NAMES = [
  'Alice Nguyen', 'Bruno Costa', 'Chiara Rossi', 'Daniel Okafor', 'Emma Schulz', 'Farid Haddad',
  'Grace Kim', 'Hugo Martin', 'Ines Duarte', 'Jonas Berg', 'Kavya Iyer', 'Liam Walsh',
  'Maya Cohen', 'Nikolai Petrov', 'Olivia Brown', 'Pedro Alvarez', 'Qing Zhao', 'Rosa Jimenez',
  'Samuel Mensah', 'Tara Singh', 'Umar Siddiqui', 'Vera Novak', 'Wei Chen', 'Ximena Torres',
  'Yusuf Demir', 'Zoe Fischer', 'Arjun Mehta', 'Beatriz Lima', 'Carlos Ruiz', 'Dana Levy',
  'Elif Yilmaz', 'Felix Wagner', 'Hana Sato', 'Isaac Adeyemi', 'Julia Kowalska', 'Kenji Watanabe',
  'Lena Hoffmann', 'Marco Bianchi', 'Nadia Rahman', 'Oscar Lindqvist', 'Priya Nair', 'Rafael Souza',
  'Sofia Andersson', 'Tomas Horvat', 'Uma Patel', 'Victor Dubois', 'Wanjiru Kamau', 'Yara Haddad',
  'Aaron Fitzgerald', 'Bianca Moreau', 'Chen Jie', 'Diego Herrera', 'Eva Lindberg', 'Fatima Zahra',
  'Gabriel Silva', 'Helena Novak', 'Ivan Horvath', 'Joanna Baker', 'Karim Benali', 'Lucia Ferreira',
];

// Alternate two team shapes: about 8 % principal, 25 % senior, 42 % mid, 25 % junior.
const TEAM_SHAPES: Seniority[][] = [
  ['principal', 'senior', 'mid', 'mid', 'junior', 'junior'],
  ['senior', 'senior', 'mid', 'mid', 'mid', 'junior'],
];

const personId = (name: string) => name.toLowerCase().replace(/\s+/g, '.');

export const ENGINEERS: readonly Person[] = NAMES.map((name, index) => {
  const teamIndex = Math.floor(index / 6);
  const shape = TEAM_SHAPES[teamIndex % 2] as Seniority[];
  return {
    id: personId(name),
    name,
    team: ENGINEERING_TEAMS[teamIndex] ?? SRE_TEAM,
    seniority: shape[index % 6] as Seniority,
  };
});

/** The operations agent with operator permissions (modeled event of December 2025). */
export const OPS_AGENT = 'ops-agent';
/** Logins of coding agents that author changes themselves (evidence `bot_author`). */
export const BOT_AUTHORS: Record<string, string> = {
  copilot: 'copilot-swe-agent[bot]',
  'amazon-q': 'amazon-q-developer[bot]',
  devin: 'devin-ai-integration[bot]',
};
/** The CD system that runs most deployments (actor_type `automation`). */
export const DEPLOY_PIPELINE = 'deploy-pipeline';

export const AGENTS: readonly Person[] = [
  { id: OPS_AGENT, name: 'Ops agent (operations automation)', team: 'platform', seniority: 'unknown' },
  ...Object.values(BOT_AUTHORS).map((id) => ({ id, name: id.replace('[bot]', ' (bot)'), team: null, seniority: 'unknown' as const })),
];

const serviceById = new Map(SERVICES.map((service) => [service.id, service]));
const membersByTeam = new Map<string, Person[]>();
for (const person of ENGINEERS) {
  const team = person.team ?? '';
  membersByTeam.set(team, [...(membersByTeam.get(team) ?? []), person]);
}

export function service(id: string): Service {
  const found = serviceById.get(id);
  if (!found) throw new Error(`demo catalog has no service ${id}`);
  return found;
}

export function teamMembers(team: string): Person[] {
  return membersByTeam.get(team) ?? [];
}

export const SRES: readonly Person[] = teamMembers(SRE_TEAM);

const personById = new Map([...ENGINEERS, ...AGENTS].map((person) => [person.id, person]));

export function person(id: string): Person | undefined {
  return personById.get(id);
}

export function isSenior(id: string): boolean {
  const seniority = person(id)?.seniority;
  return seniority === 'senior' || seniority === 'principal';
}
