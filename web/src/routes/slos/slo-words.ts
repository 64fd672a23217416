// How the SLOs page names a policy's parts: metric, cohort, threshold with its unit, status.
// The words of docs/metrics.md "AI-safety SLOs", in plain English.
import type { SloPolicy, SloStatus } from '$lib/api/types.ts';
import { formatNumber } from '$lib/format.ts';

type Metric = SloPolicy['metric'];

export const METRIC_LABELS: Record<Metric, string> = {
  ttd: 'Time to detect',
  ttrb: 'Time to roll back',
  restore: 'Time to restore',
  blast_services: 'Services hit',
  traffic_share: 'Share of traffic hit',
  impact_minutes: 'Impact minutes',
  cfr: 'Change failure rate',
};

export const COHORT_WORDS: Record<SloPolicy['cohort'], string> = { ai: 'AI-assisted', human: 'Human', all: 'All attributed' };

export const STATUS_LABELS: Record<SloStatus, string> = { met: 'Met', at_risk: 'At risk', breached: 'Breached', no_data: 'No data' };

/** Metrics whose threshold is a share (0–1), entered and shown as a percentage. */
export const isShareMetric = (metric: Metric) => metric === 'cfr' || metric === 'traffic_share';

export function thresholdUnit(metric: Metric): string {
  return isShareMetric(metric) ? '%' : metric === 'blast_services' ? 'services' : 'minutes';
}

export function formatThreshold(metric: Metric, threshold: number): string {
  if (isShareMetric(metric)) return formatNumber(threshold, 'percent');
  if (metric === 'blast_services') return `${formatNumber(threshold, 'count')} ${threshold === 1 ? 'service' : 'services'}`;
  return `${formatNumber(threshold, 'count')} min`;
}

/** A burning incident's value in the policy's unit: minutes to one decimal, hours past two. */
export function formatValue(metric: Metric, value: number): string {
  if (isShareMetric(metric) || metric === 'blast_services') return formatThreshold(metric, value);
  if (value >= 120) return `${(value / 60).toFixed(1)} h`;
  return `${Math.round(value * 10) / 10} min`;
}

/** "AI-assisted Sev1/Sev2 incidents: time to detect ≤ 15 min, 95 % of them, over 28 days." */
export function policySentence(policy: Pick<SloPolicy, 'metric' | 'cohort' | 'severities' | 'threshold' | 'objective' | 'window_days'>): string {
  const severities = policy.severities.map((s) => s.replace(/^sev/, 'Sev')).join('/');
  if (policy.metric === 'cfr') {
    return `${COHORT_WORDS[policy.cohort]} production deployments: change failure rate's upper 95 % bound ≤ ${formatThreshold('cfr', policy.threshold)}, over ${policy.window_days} days.`;
  }
  return `${COHORT_WORDS[policy.cohort]} ${severities} incidents: ${METRIC_LABELS[policy.metric].toLowerCase()} ≤ ${formatThreshold(policy.metric, policy.threshold)} for ${formatNumber(policy.objective, 'percent')} of them, over ${policy.window_days} days.`;
}
