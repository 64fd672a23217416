// One SLO policy's verdict at the end of every week of the period (docs/metrics.md "AI-safety
// SLOs", "History"), against its objective. Pure: the web app draws it, reports may render it.
//
// An incident policy plots its attainment with the Wilson 95 % band and a rule at the objective.
// A *thin* point — fewer judged incidents than 1 / (1 − objective), so one bad incident alone
// spends the budget — is drawn hollow without its band and does not set the scale (unless every
// point is thin); a point
// without judged incidents (no data) is not drawn at all, and the line breaks there.
// A cfr policy plots the cohort's change failure rate and its upper Wilson bound (what the
// policy judges) against the threshold, with the interval shaded.
import type { TopLevelSpec } from 'vega-lite';
import type { SloHistoryPoint, SloPolicy } from '../api/types.ts';
import { COHORT_COLORS } from '../cohorts.ts';
import { plural } from '../format.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';
import { pointAxis } from './week-edges.ts';

export interface SloHistorySpecOptions {
  width?: number | 'container';
  height?: number;
  theme?: ChartTheme;
}

type Policy = Pick<SloPolicy, 'name' | 'metric' | 'cohort' | 'objective' | 'threshold' | 'window_days'>;

export interface SloHistoryRow extends SloHistoryPoint {
  /** The value plotted: attainment, or the CFR for a cfr policy. */
  value: number | null;
  low: number | null;
  high: number | null;
  thin: boolean;
}

/** The fewest judged incidents for which one bad one does not spend the whole budget. */
export function thinBelow(objective: number): number {
  return Math.ceil(1 / (1 - objective) - 1e-9);
}

export function sloHistoryRows(points: readonly SloHistoryPoint[], policy: Policy): SloHistoryRow[] {
  const sorted = [...points].sort((a, b) => a.at.localeCompare(b.at));
  if (policy.metric === 'cfr') {
    return sorted.map((p) => ({ ...p, value: p.status === 'no_data' ? null : p.rate, low: p.ci_low, high: p.ci_high, thin: false }));
  }
  const minimum = thinBelow(policy.objective);
  return sorted.map((p) => ({
    ...p,
    value: p.status === 'no_data' ? null : p.attainment,
    low: p.attainment_ci_low,
    high: p.attainment_ci_high,
    thin: p.status !== 'no_data' && p.total < minimum,
  }));
}

/**
 * The y domain: set by the objective (threshold) and the full points' values and bands. When
 * every drawn point is thin, they set it after all: a scale set by the objective alone would
 * clamp them all to its edge.
 */
export function sloHistoryDomain(rows: readonly SloHistoryRow[], policy: Policy): [number, number] {
  const drawn = rows.filter((r) => r.value !== null);
  const full = drawn.some((r) => !r.thin) ? drawn.filter((r) => !r.thin) : drawn;
  if (policy.metric === 'cfr') {
    const top = Math.max(policy.threshold, ...full.map((r) => r.high ?? r.value ?? 0));
    const step = top <= 0.1 ? 0.01 : 0.05;
    return [0, Math.min(1, Math.ceil((top * 1.1) / step - 1e-9) * step)];
  }
  const bottom = Math.min(policy.objective, ...full.map((r) => (r.thin ? r.value : r.low ?? r.value) ?? 1));
  // Room below the lowest value, in steps of 5 points, so the objective's rule is never at the edge.
  return [Math.max(0, Math.floor((bottom - 0.02) * 20 - 1e-9) / 20), 1];
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Plain sentences under the chart: what is not drawn, and why. */
export function sloHistoryNotes(rows: readonly SloHistoryRow[], policy: Policy): string[] {
  const notes: string[] = [];
  const none = rows.filter((r) => r.value === null).length;
  if (none > 0) notes.push(`${none} of ${rows.length} weeks had nothing to judge in the window and are not drawn.`);
  const thin = rows.filter((r) => r.thin);
  const domain = sloHistoryDomain(rows, policy);
  if (thin.length > 0) {
    notes.push(
      `${thin.length} ${thin.length === 1 ? 'week is' : 'weeks are'} drawn hollow: fewer than ${thinBelow(policy.objective)} incidents were judged, so one bad incident alone spends the budget.${rows.some((r) => r.value !== null && !r.thin) ? ' They do not set the scale.' : ''}`,
    );
  }
  const off = rows.filter((r) => r.value !== null && (r.value < domain[0] || r.value > domain[1])).length;
  if (off > 0) notes.push(`${plural(off, 'week')} outside the scale ${off === 1 ? 'is' : 'are'} drawn on its edge, labelled with the value.`);
  const last = rows.at(-1);
  if (last && rows.length > 1 && new Date(last.at).getUTCDay() !== 1) notes.push(`The last point is the window ending ${dayFormat.format(new Date(Date.parse(last.at) - 1))}, the end of the period.`);
  return notes;
}

export function sloHistorySpec(points: readonly SloHistoryPoint[], policy: Policy, options: SloHistorySpecOptions = {}): TopLevelSpec {
  const palette = chartPalette(options.theme);
  const rows = sloHistoryRows(points, policy);
  const domain = sloHistoryDomain(rows, policy);
  const cfr = policy.metric === 'cfr';
  const color = policy.cohort === 'all' ? palette.text : COHORT_COLORS[policy.cohort];
  const target = cfr ? policy.threshold : policy.objective;
  const yTitle = cfr ? 'Change failure rate' : 'Attainment';
  const y = { type: 'quantitative', title: yTitle, scale: { domain, nice: false, clamp: true }, axis: { format: '.0%', tickCount: 5 } } as const;
  const x = {
    field: 'at',
    type: 'temporal',
    timeUnit: 'utcyearmonthdate',
    title: `Window of ${policy.window_days} days ending`,
    axis: pointAxis(rows.map((row) => row.at)),
  } as const;
  const tooltip = [
    { field: 'at', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Window ends', format: '%a %-d %b %Y' },
    { field: 'status_text', type: 'nominal', title: 'Status' },
    { field: 'value', type: 'quantitative', title: cfr ? 'CFR' : 'Attainment', format: '.1%' },
    { field: 'high', type: 'quantitative', title: '95 % CI high', format: '.1%' },
    { field: 'low', type: 'quantitative', title: '95 % CI low', format: '.1%' },
    { field: 'total', type: 'quantitative', title: cfr ? 'Deployments' : 'Incidents judged', format: ',' },
    { field: 'good', type: 'quantitative', title: cfr ? 'Did not fail' : 'Within threshold', format: ',' },
    { field: 'note', type: 'nominal', title: 'Note' },
  ];
  const statusText = { met: 'Met', at_risk: 'At risk', breached: 'Breached', no_data: 'No data' } as const;
  const drawn = { filter: 'datum.value !== null' };
  const targetLabel = cfr ? `Threshold ${Math.round(target * 1000) / 10} %` : `Objective ${Math.round(target * 1000) / 10} %`;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: cfr
      ? `Change failure rate of ${policy.name}'s cohort over each ${policy.window_days}-day window, with its 95 % interval shaded and its upper bound (what the policy judges) dashed, against the threshold of ${Math.round(target * 1000) / 10} %.`
      : `Attainment of ${policy.name} over each ${policy.window_days}-day window, with its 95 % interval shaded, against the objective of ${Math.round(target * 1000) / 10} %.`,
    width: options.width ?? 'container',
    height: options.height ?? 240,
    data: {
      values: rows.map((r) => ({
        ...r,
        status_text: statusText[r.status],
        fill_color: r.thin ? (options.theme === 'dark' ? '#0d1117' : '#ffffff') : color,
        off_scale: r.value !== null && (r.value < domain[0] || r.value > domain[1]),
        note: r.thin ? `Thin: under ${thinBelow(policy.objective)} incidents judged` : 'Enough incidents judged',
      })),
    },
    layer: [
      {
        name: 'band',
        transform: [drawn, { filter: '!datum.thin && datum.low !== null' }],
        mark: { type: 'area', color, opacity: 0.15, aria: false },
        encoding: { x, y: { field: 'low', ...y }, y2: { field: 'high' } },
      },
      {
        name: 'upper_bound',
        transform: [drawn, { filter: cfr ? 'datum.high !== null' : 'false' }],
        mark: { type: 'line', color, strokeDash: [4, 3], strokeWidth: 1.25, aria: false },
        encoding: { x, y: { field: 'high', ...y } },
      },
      {
        name: 'target',
        data: { values: [{ target, label: targetLabel }] },
        mark: { type: 'rule', color: palette.muted, strokeDash: [6, 4], strokeWidth: 1.5, aria: false },
        encoding: { y: { field: 'target', ...y } },
      },
      {
        name: 'line',
        mark: { type: 'line', color, strokeWidth: 2, aria: false, invalid: 'break-paths-show-domains' },
        // A null value breaks the line: weeks without data are gaps, not zeros.
        encoding: { x, y: { field: 'value', ...y } },
      },
      {
        name: 'weeks',
        transform: [drawn],
        mark: { type: 'point', size: 36, strokeWidth: 1.5, color, filled: false },
        encoding: { x, y: { field: 'value', ...y }, fill: { field: 'fill_color', type: 'nominal', scale: null }, tooltip },
      },
      {
        // A point clamped to the scale's edge says its value.
        name: 'off_scale',
        transform: [{ filter: 'datum.off_scale' }, { calculate: "(datum.value < " + domain[0] + " ? '↓ ' : '↑ ') + format(datum.value, '.0%')", as: 'off_scale_text' }],
        mark: { type: 'text', dy: -9, fontSize: 10, color: palette.muted },
        encoding: { x, y: { field: 'value', ...y }, text: { field: 'off_scale_text', type: 'nominal' } },
      },
      // The target's label last, over the line, on a halo of the card's colour: where the line
      // ran along the rule at the right edge it crossed the label.
      ...[{ stroke: palette.surface, strokeWidth: 4, aria: false }, {}].map((halo, k) => ({
        name: k === 0 ? 'target_label_halo' : 'target_label',
        data: { values: [{ target, label: targetLabel }] },
        mark: { type: 'text', align: 'right', baseline: cfr ? 'bottom' : 'top', dy: cfr ? -3 : 3, fontSize: 11, color: palette.muted, strokeJoin: 'round', ...halo },
        encoding: { x: { value: 'width' }, y: { field: 'target', ...y }, text: { field: 'label' } },
      })),
    ],
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}
