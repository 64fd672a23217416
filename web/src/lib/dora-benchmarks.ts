// DORA performance tiers for the DORA five (docs/metrics.md "DORA five"). docs/metrics.md cites
// no DORA report, so the thresholds are the software delivery performance clusters published
// in the 2024 Accelerate State of DevOps report (DORA, Google Cloud), table "Software delivery
// performance levels":
//
//   cluster  deployment frequency               lead time           change fail rate  recovery time
//   elite    on demand (multiple per day)        < 1 day             5 %               < 1 hour
//   high     once a day to once a week           1 day – 1 week      20 %              < 1 day
//   medium   once a week to once a month         1 week – 1 month    10 %              < 1 day
//   low      once a month to once in 6 months    1 – 6 months        40 %              1 week – 1 month
//
// The report gives each cluster's typical change fail rate, not bounds, and its medium cluster
// (10 %) fails less often than its high one (20 %). We read the rates as upper bounds in tier
// order — elite ≤ 5 %, high ≤ 20 %, low above — so CFR alone never places a team in medium.
// Recovery time is "< 1 day" for both high and medium, so it never places a team in medium
// either; over a day is low. Rework rate joined the report in 2024 without clusters: no tier.
// Pure, so the server's board report can use it too.

export type DoraTier = 'elite' | 'high' | 'medium' | 'low';

export const DORA_REPORT = '2024 State of DevOps report';

export const DORA_TIER_LABELS: Readonly<Record<DoraTier, string>> = { elite: 'Elite', high: 'High', medium: 'Medium', low: 'Low' };

const DAY = 1440;
const WEEK_DAYS = 7;
/** An average month, in days (365.25 / 12). */
const MONTH_DAYS = 30.44;

export interface TierRule {
  tier: DoraTier;
  /** The report's words for the tier, as shown in definitions. */
  published: string;
}

/** Deployment frequency from production deployments per week. */
export function deploymentFrequencyTier(perWeek: number): TierRule {
  if (perWeek > WEEK_DAYS) return { tier: 'elite', published: 'on demand, several deployments a day' };
  if (perWeek >= 1) return { tier: 'high', published: 'between once a day and once a week' };
  if (perWeek >= WEEK_DAYS / MONTH_DAYS) return { tier: 'medium', published: 'between once a week and once a month' };
  return { tier: 'low', published: 'less than once a month' };
}

/** Lead time for changes from its median, in minutes. */
export function leadTimeTier(medianMinutes: number): TierRule {
  if (medianMinutes < DAY) return { tier: 'elite', published: 'under a day' };
  if (medianMinutes <= WEEK_DAYS * DAY) return { tier: 'high', published: 'between a day and a week' };
  if (medianMinutes <= MONTH_DAYS * DAY) return { tier: 'medium', published: 'between a week and a month' };
  return { tier: 'low', published: 'over a month' };
}

/** Change failure rate (0–1). */
export function changeFailureRateTier(rate: number): TierRule {
  if (rate <= 0.05) return { tier: 'elite', published: 'about 5 %' };
  if (rate <= 0.2) return { tier: 'high', published: 'about 20 % (the report’s medium cluster, 10 %, lies inside this band)' };
  return { tier: 'low', published: 'about 40 %' };
}

/** Failed deployment recovery time from its median, in minutes. */
export function recoveryTimeTier(medianMinutes: number): TierRule {
  if (medianMinutes < 60) return { tier: 'elite', published: 'under an hour' };
  if (medianMinutes < DAY) return { tier: 'high', published: 'under a day (high and medium alike)' };
  return { tier: 'low', published: 'a day or more (the report: a week to a month)' };
}
