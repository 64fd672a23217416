// Words the weekly review shows for the API's codes: SLO metrics, statuses, AI roles (control
// names come from $lib/governance-controls.ts).
import type { ReviewSlo } from '$lib/api/types.ts';

export const STATUS_LABELS: Readonly<Record<ReviewSlo['status'], string>> = {
  met: 'Met',
  at_risk: 'At risk',
  breached: 'Breached',
  no_data: 'No data',
};

const METRIC_LABELS: Readonly<Record<string, string>> = {
  ttd: 'Time to detect',
  ttrb: 'Time to rollback',
  restore: 'Time to restore',
  blast_services: 'Services hit',
  traffic_share: 'Traffic share',
  impact_minutes: 'Impact minutes',
  cfr: 'Change failure rate',
};

const COHORT_WORDS: Readonly<Record<string, string>> = { ai: 'AI-linked', human: 'human-linked', all: 'attributed' };

/** "Time to rollback ≤ 30 min for 95 % of AI-linked Sev1/Sev2 incidents, over 28 days". */
export function sloObjective(slo: ReviewSlo): string {
  const metric = METRIC_LABELS[slo.metric] ?? slo.metric;
  const cohort = COHORT_WORDS[slo.cohort] ?? slo.cohort;
  if (slo.metric === 'cfr') {
    const deployments = slo.cohort === 'ai' ? 'AI-assisted' : slo.cohort === 'human' ? 'human' : 'all';
    return `${metric} of ${deployments} deployments ≤ ${percent(slo.threshold)} (upper end of its 95 % interval), over ${slo.window_days} days`;
  }
  const threshold = slo.metric === 'blast_services' ? `${slo.threshold} service${slo.threshold === 1 ? '' : 's'}` : slo.metric === 'traffic_share' ? percent(slo.threshold) : `${slo.threshold} min`;
  return `${metric} ≤ ${threshold} for ${percent(slo.objective)} of ${cohort} incidents, over ${slo.window_days} days`;
}

const percent = (value: number) => `${Math.round(value * 1000) / 10} %`;

export const ROLE_LABELS: Readonly<Record<string, string>> = {
  primary: 'Primary',
  contributory: 'Contributory',
  incidental: 'Incidental',
  none: 'None',
  unknown: 'Unknown',
};

export const severityLabel = (severity: string) => severity.replace(/^sev/i, 'Sev');
