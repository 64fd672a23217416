// Small tallies the headline tiles show, read from the summary (docs/api.md "GET /api/metrics/summary").
import type { MetricsSummary, SloVerdict } from '../../lib/api/types.ts';

export interface SloCounts {
  total: number;
  met: number;
  at_risk: number;
  breached: number;
  no_data: number;
}

export function sloCounts(slos: readonly SloVerdict[]): SloCounts {
  const counts: SloCounts = { total: slos.length, met: 0, at_risk: 0, breached: 0, no_data: 0 };
  for (const slo of slos) counts[slo.status] += 1;
  return counts;
}

/** The governance controls in the words of docs/metrics.md "Governance controls". */
export const CONTROL_LABELS: Readonly<Record<string, string>> = {
  two_person_review: 'two-person review',
  change_documentation: 'change ticket',
  automated_checks: 'automated checks',
  senior_signoff: 'senior sign-off',
  single_operator_config: 'single-operator config',
  agent_destructive_approval: 'agent destructive action approval',
};

export function controlViolations(governance: MetricsSummary['governance']): { total: number; worst: { control: string; count: number } | null } {
  const entries = Object.entries(governance.violations);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const [control, count] = entries.reduce((worst, entry) => (entry[1] > worst[1] ? entry : worst), ['', 0] as [string, number]);
  return { total, worst: count > 0 ? { control, count } : null };
}
