// Governance violations per control and ISO week as a heat map (docs/metrics.md "Governance
// controls"): each cell's colour is the week's violation rate (violations / evaluated), its
// text the count. Pure: the web app draws it, reports may render it.
//
// Honest at the edges: a week only partly inside the period, or a control's week with fewer
// evaluated than TINY_WEEK_SHARE of that control's median full week or than TINY_WEEK_MIN
// (one agent action, violated, is a rate of 100 % that says little), is an "edge" cell: drawn
// as a small square in the middle of its cell (a faded rect reads as dark, "bad", on the dark
// theme), and it does not set the colour scale (a week of two deployments
// with one violation would otherwise make every ordinary week look pale).
import type { TopLevelSpec } from 'vega-lite';
import type { GovernanceControl, GovernanceWeek, Period } from '../api/types.ts';
import { CONTROL_LABELS, CONTROLS } from '../governance-controls.ts';
import { daysInPeriod } from './cfr-trend.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';
import { pointAxis } from './week-edges.ts';

export interface ViolationsHeatmapOptions {
  width?: number | 'container';
  /** Height of one control's row, in pixels. */
  rowHeight?: number;
  period?: Period;
  theme?: ChartTheme;
}

export const TINY_WEEK_SHARE = 0.25;
export const TINY_WEEK_MIN = 10;
const DAY_MS = 86_400_000;

export interface HeatmapCell extends GovernanceWeek {
  control_label: string;
  week_end: string;
  /** The middle of the week, where an edge cell's square sits. */
  week_mid: string;
  days: number;
  edge: 'partial' | 'tiny' | null;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function heatmapCells(weeks: readonly GovernanceWeek[], period?: Period): HeatmapCell[] {
  const days = weeks.map((w) => daysInPeriod(w.week, period));
  const medians = new Map<GovernanceControl, number>(
    CONTROLS.map((control) => [control, median(weeks.filter((w, i) => w.control === control && days[i]! >= 7).map((w) => w.evaluated))]),
  );
  return weeks.map((w, i) => ({
    ...w,
    control_label: CONTROL_LABELS[w.control],
    week_end: new Date(Date.parse(`${w.week}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10),
    week_mid: new Date(Date.parse(`${w.week}T00:00:00Z`) + 3.5 * DAY_MS).toISOString(),
    days: days[i]!,
    edge: days[i]! < 7 ? 'partial' : w.evaluated < Math.max(TINY_WEEK_MIN, TINY_WEEK_SHARE * (medians.get(w.control) ?? 0)) ? 'tiny' : null,
  }));
}

/** The colour scale's top: the highest rate of a full cell, rounded up to 5 points (at least 5 %). */
export function heatmapScaleMax(cells: readonly HeatmapCell[]): number {
  const full = cells.filter((c) => c.edge === null);
  const top = Math.max(0, ...(full.length > 0 ? full : cells).map((c) => c.rate));
  return Math.min(1, Math.max(0.05, Math.ceil(top * 20 - 1e-9) / 20));
}

export function heatmapNotes(cells: readonly HeatmapCell[]): string[] {
  const notes: string[] = [];
  const partial = [...new Set(cells.filter((c) => c.edge === 'partial').map((c) => c.week))];
  if (partial.length > 0) notes.push(`${partial.length === 1 ? 'One week is' : `${partial.length} weeks are`} only partly inside the period: drawn as small squares and not setting the colour scale.`);
  const tiny = cells.filter((c) => c.edge === 'tiny').length;
  if (tiny > 0) notes.push(`${tiny} control-${tiny === 1 ? 'week has' : 'weeks have'} fewer than ${TINY_WEEK_MIN} evaluated, or under a quarter of that control's usual week: drawn as small squares and not setting the colour scale.`);
  return notes;
}

export function violationsHeatmapSpec(weeks: readonly GovernanceWeek[], options: ViolationsHeatmapOptions = {}): TopLevelSpec {
  const palette = chartPalette(options.theme);
  const cells = heatmapCells(weeks, options.period);
  const scaleMax = heatmapScaleMax(cells);
  const controls = CONTROLS.filter((control) => cells.some((c) => c.control === control));
  const weekStarts = [...new Set(cells.map((c) => c.week))].sort().map((week) => Date.parse(`${week}T00:00:00Z`));
  const x = {
    field: 'week',
    type: 'temporal',
    timeUnit: 'utcyearmonthdate',
    title: 'Week',
    // The whole weeks, whatever is drawn (edge squares sit mid-week), labelled at week starts.
    scale: weekStarts.length === 0 ? {} : { domain: [weekStarts[0]!, weekStarts.at(-1)! + 7 * DAY_MS] },
    axis: pointAxis(cells.map((c) => c.week)),
  } as const;
  // Sequential and colour-blind safe; clamped, so an edge cell above the scale shows its top colour.
  const color = {
    field: 'rate',
    type: 'quantitative',
    title: 'Violation rate',
    scale: { scheme: 'yelloworangered', domain: [0, scaleMax], clamp: true },
    legend: { format: '.0%', orient: 'top', direction: 'horizontal', gradientLength: 160 },
  } as const;
  const tooltip = [
    { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', format: '%a %-d %b %Y' },
    { field: 'control_label', type: 'nominal', title: 'Control' },
    { field: 'evaluated', type: 'quantitative', title: 'Evaluated', format: ',' },
    { field: 'violations', type: 'quantitative', title: 'Violations', format: ',' },
    { field: 'rate', type: 'quantitative', title: 'Violation rate', format: '.1%' },
    { field: 'edge_text', type: 'nominal', title: 'Note' },
  ];
  const y = { field: 'control_label', type: 'nominal', title: null, sort: controls.map((c) => CONTROL_LABELS[c]), axis: { labelLimit: 180 } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description:
      'Heat map of governance control violations per week: one row per control, one column per week; darker cells have a higher share of evaluated deployments (agent actions) violating the control.',
    width: options.width ?? 'container',
    height: Math.max(1, controls.length) * (options.rowHeight ?? 30),
    data: {
      values: cells.map((c) => ({
        ...c,
        edge_text: c.edge === 'partial' ? `Partial week (${c.days} of 7 days)` : c.edge === 'tiny' ? 'Few evaluated this week' : 'Full week',
      })),
    },
    // A layer without items would leave an unlabelled, empty mark group for screen readers.
    layer: [
      {
        name: 'cells',
        transform: [{ filter: 'datum.edge === null' }],
        // Each cell's label for screen readers; its counts are in the tooltip.
        mark: { type: 'rect', stroke: palette.line, strokeWidth: 0.5, description: 'Weeks per control, coloured by violation rate' },
        encoding: { x, x2: { field: 'week_end', timeUnit: 'utcyearmonthdate' }, y, color, tooltip },
      },
      {
        name: 'edge_cells',
        transform: [{ filter: 'datum.edge !== null' }],
        mark: { type: 'square', size: 45, stroke: palette.muted, strokeWidth: 0.75, opacity: 1, description: 'Partial weeks, or weeks with few evaluated' },
        encoding: { x: { ...x, field: 'week_mid', timeUnit: undefined }, y, fill: color, tooltip },
      },
    ].filter((l) => cells.some((c) => (c.edge === null) === (l.name === 'cells'))),
    config: { ...chartConfig(options.theme), axisY: { labelColor: palette.text } },
  } as TopLevelSpec;
}
