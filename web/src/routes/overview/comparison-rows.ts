// The rows of the Overview's before/after table, from GET /api/metrics/compare: the same figures
// for both parts of the period, and for rates the two-proportion test of the change
// (docs/metrics.md "Before and after a date"). Pure, so it can be tested and reused by reports;
// relative imports (not $lib) so unit tests load it outside SvelteKit.
import type { MetricsSummary, PeriodComparison, ProportionChange } from '../../lib/api/types.ts';
import { COHORT_LABELS } from '../../lib/cohorts.ts';
import { type NumberKind, formatDelta, formatInterval, formatNumber } from '../../lib/format.ts';
import { CONTROL_LABELS } from './headline-figures.ts';

export interface ComparisonCell {
  value: string;
  /** The 95 % interval, or the n behind the value. */
  detail: string;
}

export interface ComparisonRow {
  key: string;
  label: string;
  definition: string;
  before: ComparisonCell;
  after: ComparisonCell;
  change: string;
  /** The test's verdict in words, or why there is none. */
  significance: string;
  significant: boolean;
}

const SIGNIFICANCE = 0.05;

function verdict(test: ProportionChange | null): { significance: string; significant: boolean } {
  if (test === null) return { significance: 'not tested: compare the intervals', significant: false };
  if (test.p_value === null) return { significance: 'not testable: a part has no deployments', significant: false };
  const p = test.p_value < 0.001 ? 'p < 0.001' : `p = ${test.p_value.toFixed(test.p_value < 0.01 ? 3 : 2)}`;
  if (test.p_value >= SIGNIFICANCE) return { significance: `no significant change (${p})`, significant: false };
  return { significance: `significantly ${(test.difference ?? 0) < 0 ? 'lower' : 'higher'} (${p})`, significant: true };
}

function cell(value: number | null, kind: NumberKind, low: number | null = null, high: number | null = null, n = ''): ComparisonCell {
  return { value: formatNumber(value, kind), detail: low !== null && high !== null ? formatInterval([low, high], kind) : n };
}

function change(before: number | null, after: number | null, kind: NumberKind): string {
  return before === null || after === null ? '—' : formatDelta(after, before, kind);
}

function perWeekChange(before: number, after: number): string {
  const text = formatDelta(after, before, 'decimal');
  return text === 'no change' ? text : `${text} a week`;
}

const weeks = (summary: MetricsSummary) => (Date.parse(summary.period.to) - Date.parse(summary.period.from)) / (7 * 86_400_000);

export function comparisonRows(comparison: PeriodComparison): ComparisonRow[] {
  const { before, after } = comparison;
  const rows: ComparisonRow[] = [];
  for (const cohort of ['ai', 'human', 'unknown'] as const) {
    const [b, a] = [before.cfr[cohort], after.cfr[cohort]];
    rows.push({
      key: `cfr-${cohort}`,
      label: `Change failure rate · ${COHORT_LABELS[cohort]}`,
      definition: 'Share of production deployments rolled back or linked to a Sev1/Sev2 incident.',
      before: cell(b.rate, 'percent', b.ci_low, b.ci_high),
      after: cell(a.rate, 'percent', a.ci_low, a.ci_high),
      change: change(b.rate, a.rate, 'percent'),
      ...verdict(comparison.cfr[cohort]),
    });
  }
  const [rb, ra] = [before.cfr.risk_ratio, after.cfr.risk_ratio];
  rows.push({
    key: 'risk-ratio',
    label: 'Risk ratio · AI vs human',
    definition: 'AI-assisted change failure rate divided by the human one.',
    before: cell(rb.value, 'ratio', rb.ci_low, rb.ci_high),
    after: cell(ra.value, 'ratio', ra.ci_low, ra.ci_high),
    change: change(rb.value, ra.value, 'ratio'),
    ...verdict(null),
  });
  const severe = (s: MetricsSummary) => s.incidents.sev1 + s.incidents.sev2;
  rows.push({
    key: 'incidents',
    label: 'Sev1 and Sev2 incidents',
    definition: 'Incidents of severity 1 or 2 whose impact began in the part; the parts may differ in length, so compare the weekly pace.',
    before: cell(severe(before), 'count', null, null, `${formatNumber(severe(before) / weeks(before), 'decimal')} a week`),
    after: cell(severe(after), 'count', null, null, `${formatNumber(severe(after) / weeks(after), 'decimal')} a week`),
    change: perWeekChange(severe(before) / weeks(before), severe(after) / weeks(after)),
    significance: 'not tested',
    significant: false,
  });
  for (const [metric, label, definition] of [
    ['ttd', 'Time to detect', 'Median time from the start of impact to detection.'],
    ['ttrb', 'Time to rollback', 'Median time from detection to the rollback (or mitigation) that ended the bad change.'],
  ] as const) {
    for (const cohort of ['ai', 'human'] as const) {
      const [b, a] = [before.incidents.by_cohort[cohort], after.incidents.by_cohort[cohort]];
      const approximate = !before.incidents.times_exact || !after.incidents.times_exact;
      rows.push({
        key: `${metric}-${cohort}`,
        label: `${label} · ${COHORT_LABELS[cohort]}`,
        definition: `${definition}${approximate ? ' Approximate: read from 2 %-wide buckets (over 5,000 incidents).' : ''}`,
        before: cell(b[metric].median, 'minutes', null, null, `median of ${b.count}`),
        after: cell(a[metric].median, 'minutes', null, null, `median of ${a.count}`),
        change: change(b[metric].median, a[metric].median, 'minutes'),
        significance: 'not tested',
        significant: false,
      });
    }
  }
  for (const [control, entry] of Object.entries(comparison.governance)) {
    rows.push({
      key: `control-${control}`,
      label: `Skipped ${CONTROL_LABELS[control] ?? control}`,
      definition: 'Share of production deployments to Tier-1 or high-risk services that skipped this control.',
      before: cell(entry.before.rate, 'percent', entry.before.ci_low, entry.before.ci_high),
      after: cell(entry.after.rate, 'percent', entry.after.ci_low, entry.after.ci_high),
      change: change(entry.before.rate, entry.after.rate, 'percent'),
      ...verdict(entry.change),
    });
  }
  return rows;
}
