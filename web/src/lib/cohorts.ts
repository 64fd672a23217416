// Cohort names and colours, shared by charts (also rendered server-side) and pages.
import type { Cohort } from './api/types.ts';

export const COHORTS: readonly Cohort[] = ['ai', 'human', 'unknown'];

export const COHORT_LABELS: Readonly<Record<Cohort, string>> = {
  ai: 'AI-assisted',
  human: 'Human',
  unknown: 'Unknown (untagged)',
};

// Fixed so a cohort keeps its colour on every chart, page and report, in both themes. From
// ColorBrewer's RdBu (red vs blue, distinguishable with the common colour-vision deficiencies)
// and a neutral grey; charts also tell cohorts apart by label, never by colour alone.
export const COHORT_COLORS: Readonly<Record<Cohort, string>> = {
  ai: '#d6604d',
  human: '#4393c3',
  unknown: '#999999',
};

// An incident's cohort is its linked deployments' (docs/metrics.md "Linking"), or
// `unattributed` without a link: a fourth, neutral colour (ColorBrewer BrBG tan), never grey,
// so it is not read as "unknown".
export type IncidentCohortKey = Cohort | 'unattributed';
export const INCIDENT_COHORTS: readonly IncidentCohortKey[] = [...COHORTS, 'unattributed'];
export const INCIDENT_COHORT_LABELS: Readonly<Record<IncidentCohortKey, string>> = { ...COHORT_LABELS, unattributed: 'No linked deployment' };
export const INCIDENT_COHORT_COLORS: Readonly<Record<IncidentCohortKey, string>> = { ...COHORT_COLORS, unattributed: '#dfc27d' };

/** The label of a cohort the API gave as a string (deployment or incident cohort); unknown values as is. */
export function cohortLabel(cohort: string): string {
  return cohort in INCIDENT_COHORT_LABELS ? INCIDENT_COHORT_LABELS[cohort as keyof typeof INCIDENT_COHORT_LABELS] : cohort;
}
