// How a deployment's facts read in tables: the Deployments page and the service page share them.
import type { DeploymentListRow, DeploymentStatus } from '$lib/api/types.ts';
import { COHORT_LABELS } from '$lib/cohorts.ts';

export const STATUS_LABELS: Readonly<Record<DeploymentStatus, string>> = {
  succeeded: 'Succeeded',
  rolled_back: 'Rolled back',
  failed: 'Failed (never served)',
  in_progress: 'In progress',
};

/** How the AI tag was known (docs/ingest-format.md "The ai object"), in words. */
const EVIDENCE_LABELS: Readonly<Record<string, string>> = {
  declared: 'declared',
  trailer: 'commit trailer',
  bot_author: 'bot author',
  label: 'label',
  ticket: 'ticket',
  inferred: 'inferred',
};

/** "AI-assisted · commit trailer"; untagged deployments have no evidence. */
export function cohortText(row: Pick<DeploymentListRow, 'cohort' | 'cohort_evidence'>): string {
  const evidence = row.cohort_evidence ? (EVIDENCE_LABELS[row.cohort_evidence] ?? row.cohort_evidence) : null;
  return evidence ? `${COHORT_LABELS[row.cohort]} · ${evidence}` : COHORT_LABELS[row.cohort];
}

/** "two person review, change documentation", "none", or "not checked". */
export function controlsText(row: Pick<DeploymentListRow, 'controls_evaluated' | 'controls_skipped'>): string {
  if (!row.controls_evaluated) return 'not checked';
  return row.controls_skipped.length === 0 ? 'none' : row.controls_skipped.map((control) => control.replaceAll('_', ' ')).join(', ');
}

const timeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** When it finished, else when it started ("started …"): its effective time. */
export function deploymentTime(row: Pick<DeploymentListRow, 'finished_at' | 'started_at'>): string {
  return row.finished_at ? timeFormat.format(new Date(row.finished_at)) : `started ${timeFormat.format(new Date(row.started_at))}`;
}
