// Weekly change failure rate per cohort with its Wilson 95 % interval (docs/metrics.md, "Change
// failure rate (CFR)"). Pure: the web app draws it and the server's reports render it to SVG.
//
// Honest at the edges: a week only partly inside the period, or a cohort's week with fewer than
// TINY_WEEK_SHARE of that cohort's median week (over the weeks wholly inside the period), is an
// "edge" point. It is drawn hollow and joined
// by a dashed line, its interval is not drawn, and it does not set the y scale (otherwise the
// last days of a period, with a handful of deployments, stretch the axis to 80 % and flatten the
// year into a band near zero). An edge point above the scale sits on its top edge with its value.
import type { TopLevelSpec } from 'vega-lite';
import type { CfrTrendPoint, Cohort, Period } from '../api/types.ts';
import { COHORT_COLORS, COHORT_LABELS, COHORTS } from '../cohorts.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';
import { pointAxis } from './week-edges.ts';

export interface CfrTrendSpecOptions {
  /** Chart title; `null` leaves it off (e.g. when the page already has a heading). */
  title?: string | null;
  /** Screen-reader description of the chart (rendered as the SVG's aria label). */
  description?: string;
  /** A number of pixels, or 'container' to fill the parent's width (web). */
  width?: number | 'container';
  height?: number;
  /** The period the points were counted in; weeks only partly inside it are edge points. */
  period?: Period;
  theme?: ChartTheme;
}

export const CFR_TREND_TITLE = 'Change failure rate per week, by cohort';
export const CFR_TREND_DESCRIPTION =
  'Weekly change failure rate of production deployments for AI-assisted, human and untagged ' +
  'changes. Lines show the rate, shaded bands its 95 % Wilson interval.';

/** A cohort's week with fewer deployments than this share of its median week is "tiny". */
export const TINY_WEEK_SHARE = 0.25;

const DAY_MS = 86_400_000;
const WEEK_DAYS = 7;

export type EdgeReason = 'partial' | 'tiny';

export interface ClassifiedPoint extends CfrTrendPoint {
  cohort_label: string;
  /** Days of the week inside the period (7 without a period). */
  days: number;
  /** Why the point is an edge point, or null for a full, large-enough week. */
  edge: EdgeReason | null;
  /** The rate as plotted: an edge point above the scale is drawn at its top. */
  rate_shown: number;
  /** True when rate_shown is below rate (the point is off the scale). */
  off_scale: boolean;
}

function weekStart(week: string): number {
  return Date.parse(`${week}T00:00:00Z`);
}

/** Days of the ISO week starting on `week` inside [period.from, period.to). */
export function daysInPeriod(week: string, period?: Period): number {
  if (!period) return WEEK_DAYS;
  const start = weekStart(week);
  const from = Math.max(start, Date.parse(period.from));
  const to = Math.min(start + WEEK_DAYS * DAY_MS, Date.parse(period.to));
  return Math.max(0, Math.round(((to - from) / DAY_MS) * 10) / 10);
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds a scale maximum up to a readable step (1 % under 10 %, 5 % above), at most 100 %. */
function niceMax(value: number): number {
  const step = value <= 0.1 ? 0.01 : 0.05;
  return Math.min(1, Math.max(step, Math.ceil(value / step - 1e-9) * step));
}

export interface CfrTrendLayout {
  points: ClassifiedPoint[];
  /** The y scale maximum (0–1), set by the full weeks' intervals; null when there are none. */
  scaleMax: number | null;
  /** Partial weeks at the period's edges, with their days inside it. */
  partialWeeks: { week: string; days: number }[];
}

export function cfrTrendLayout(points: readonly CfrTrendPoint[], period?: Period): CfrTrendLayout {
  const days = points.map((point) => daysInPeriod(point.week, period));
  const median = new Map<Cohort, number>();
  for (const cohort of COHORTS) {
    const sizes = points.filter((point, i) => point.cohort === cohort && days[i]! >= WEEK_DAYS).map((point) => point.deployments);
    median.set(cohort, medianOf(sizes));
  }
  const classified = points.map((point, i) => {
    const inPeriod = days[i]!;
    const tiny = point.deployments < TINY_WEEK_SHARE * (median.get(point.cohort) ?? 0);
    const edge: EdgeReason | null = inPeriod < WEEK_DAYS ? 'partial' : tiny ? 'tiny' : null;
    return { ...point, cohort_label: COHORT_LABELS[point.cohort], days: inPeriod, edge, rate_shown: point.rate, off_scale: false };
  });
  const full = classified.filter((point) => point.edge === null);
  const scaleMax = full.length > 0 ? niceMax(Math.max(...full.map((point) => point.ci_high))) : null;
  if (scaleMax !== null) {
    for (const point of classified) {
      if (point.rate > scaleMax) {
        point.rate_shown = scaleMax;
        point.off_scale = true;
      }
    }
  }
  const partialWeeks = [...new Map(classified.filter((p) => p.edge === 'partial').map((p) => [p.week, { week: p.week, days: p.days }])).values()].sort(
    (a, b) => a.week.localeCompare(b.week),
  );
  return { points: classified, scaleMax, partialWeeks };
}

/** Segments of each cohort's line that touch an edge point, drawn dashed. */
function edgeSegments(points: readonly ClassifiedPoint[]) {
  const segments: { segment: string; cohort: Cohort; week: string; rate_shown: number }[] = [];
  for (const cohort of COHORTS) {
    const series = points.filter((point) => point.cohort === cohort).sort((a, b) => a.week.localeCompare(b.week));
    for (let i = 1; i < series.length; i += 1) {
      const before = series[i - 1]!;
      const after = series[i]!;
      if (before.edge === null && after.edge === null) continue;
      const segment = `${cohort}-${i}`;
      segments.push({ segment, cohort, week: before.week, rate_shown: before.rate_shown });
      segments.push({ segment, cohort, week: after.week, rate_shown: after.rate_shown });
    }
  }
  return segments;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Plain sentences under the chart saying which points are edge points and why. */
export function cfrTrendNotes(layout: CfrTrendLayout): string[] {
  const notes: string[] = [];
  for (const { week, days } of layout.partialWeeks) {
    notes.push(
      `The week of ${dayFormat.format(new Date(weekStart(week)))} is partial: only ${days} of its 7 days are in the period. It is drawn hollow and does not set the scale.`,
    );
  }
  const tiny = layout.points.filter((point) => point.edge === 'tiny');
  if (tiny.length > 0) {
    notes.push(
      `${tiny.length} cohort-${tiny.length === 1 ? 'week has' : 'weeks have'} under a quarter of that cohort's usual weekly deployments: drawn hollow, without an interval, and not setting the scale.`,
    );
  }
  const off = layout.points.filter((point) => point.off_scale);
  if (off.length > 0) notes.push(`${off.length} of them ${off.length === 1 ? 'is' : 'are'} above the scale and drawn on its top edge, labelled with the rate.`);
  return notes;
}

// Vega expression mapping a cohort key to its label, for the legend.
const cohortLabelExpr = COHORTS.map((cohort) => `datum.label === '${cohort}' ? '${COHORT_LABELS[cohort]}' : `)
  .join('')
  .concat('datum.label');

/** The legend selection that brings one cohort forward. */
const FOCUS = 'cohort_focus';
const focusOpacity = { condition: { param: FOCUS, value: 1 }, value: 0.2 };

const COHORT_SHAPES: Record<Cohort, string> = { ai: 'circle', human: 'square', unknown: 'diamond' };

export function cfrTrendSpec(points: readonly CfrTrendPoint[], options: CfrTrendSpecOptions = {}): TopLevelSpec {
  const title = options.title === undefined ? CFR_TREND_TITLE : options.title;
  const palette = chartPalette(options.theme);
  const layout = cfrTrendLayout(points, options.period);
  // The layers share one y scale; giving each the same title and format keeps vega-lite from
  // merging field names ("ci_low, rate") into the axis title. The domain comes from the full
  // weeks only (see the header).
  const rateAxis = {
    title: 'Change failure rate',
    axis: { format: '.0%', tickCount: 5 },
    ...(layout.scaleMax === null ? {} : { scale: { domain: [0, layout.scaleMax], nice: false, clamp: true } }),
  } as const;
  const full = { filter: 'datum.edge === null' };
  const weekTooltip = [
    { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', format: '%a %-d %b %Y' },
    { field: 'cohort_label', type: 'nominal', title: 'Cohort' },
    { field: 'deployments', type: 'quantitative', title: 'Deployments', format: ',' },
    { field: 'failed', type: 'quantitative', title: 'Failed', format: ',' },
    { field: 'rate', type: 'quantitative', title: 'CFR', format: '.1%' },
    { field: 'ci_low', type: 'quantitative', title: '95 % CI low', format: '.1%' },
    { field: 'ci_high', type: 'quantitative', title: '95 % CI high', format: '.1%' },
    { field: 'days', type: 'quantitative', title: 'Days in period', format: '.0f' },
    { field: 'edge_text', type: 'nominal', title: 'Note' },
  ] as const;
  const colorScale = { domain: [...COHORTS], range: COHORTS.map((cohort) => COHORT_COLORS[cohort]) };
  const legend = { title: null, orient: 'top', direction: 'horizontal', labelExpr: cohortLabelExpr } as const;

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(title === null ? {} : { title: { text: title, anchor: 'start', fontSize: 14, fontWeight: 600 } }),
    description: options.description ?? CFR_TREND_DESCRIPTION,
    width: options.width ?? 'container',
    height: options.height ?? 280,
    data: {
      values: layout.points.map((point) => ({
        ...point,
        // Solid for a full week, hollow for an edge point (raw colours: no second legend).
        fill_color: point.edge === null ? COHORT_COLORS[point.cohort] : options.theme === 'dark' ? '#0d1117' : '#ffffff',
        edge_text:
          point.edge === 'partial'
            ? `Partial week (${point.days} of 7 days)`
            : point.edge === 'tiny'
              ? 'Under a quarter of the usual weekly deployments'
              : 'Full week',
      })),
    },
    encoding: {
      // Weeks are ISO-week Mondays in UTC; a utc time unit keeps them on their day in every
      // viewer's time zone.
      x: {
        field: 'week',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: null,
        axis: pointAxis(points.map((point) => point.week)),
      },
      color: { field: 'cohort', type: 'nominal', scale: colorScale, legend },
    },
    layer: [
      {
        // Partial weeks at the period's edges, shaded and labelled.
        name: 'partial',
        data: { values: layout.partialWeeks.map(({ week }) => ({ week, week_end: new Date(weekStart(week) + WEEK_DAYS * DAY_MS).toISOString().slice(0, 10) })) },
        mark: { type: 'rect', color: palette.edge, opacity: 0.12, aria: false },
        encoding: {
          x2: { field: 'week_end', timeUnit: 'utcyearmonthdate' },
          color: { value: palette.edge },
        },
      },
      {
        name: 'partial_label',
        data: { values: layout.partialWeeks.map(({ week }) => ({ week })) },
        mark: { type: 'text', text: 'partial', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, color: palette.muted },
        encoding: { y: { value: 0 }, color: { value: palette.muted } },
      },
      {
        name: 'interval',
        transform: [full],
        mark: { type: 'area', interpolate: 'linear' },
        encoding: {
          y: { field: 'ci_low', type: 'quantitative', ...rateAxis },
          y2: { field: 'ci_high' },
          // The untagged cohort is context, not the comparison: its band is fainter.
          fillOpacity: { condition: [{ param: FOCUS, empty: false, value: 0.3 }, { test: "datum.cohort === 'unknown'", value: 0.07 }], value: 0.14 },
        },
      },
      {
        name: 'rate',
        transform: [full],
        mark: { type: 'line', interpolate: 'linear' },
        encoding: {
          y: { field: 'rate', type: 'quantitative', ...rateAxis },
          strokeWidth: { condition: { test: "datum.cohort === 'unknown'", value: 1.25 }, value: 2 },
          opacity: focusOpacity,
        },
      },
      {
        name: 'edge_line',
        data: { values: edgeSegments(layout.points) },
        mark: { type: 'line', strokeWidth: 1.25, strokeDash: [4, 3], interpolate: 'linear' },
        encoding: {
          opacity: focusOpacity,
          y: { field: 'rate_shown', type: 'quantitative', ...rateAxis },
          detail: { field: 'segment', type: 'nominal' },
        },
      },
      {
        // Points carry the tooltip (a line's tooltip would only show one arbitrary week); edge
        // points are hollow. Shapes tell cohorts apart without colour.
        name: 'weeks',
        mark: { type: 'point', size: 28, strokeWidth: 1.5 },
        // Clicking a legend entry brings that cohort forward (shift-click adds one).
        params: [{ name: FOCUS, select: { type: 'point', fields: ['cohort'] }, bind: 'legend' }],
        encoding: {
          opacity: focusOpacity,
          y: { field: 'rate_shown', type: 'quantitative', ...rateAxis },
          shape: { field: 'cohort', type: 'nominal', scale: { domain: [...COHORTS], range: COHORTS.map((c) => COHORT_SHAPES[c]) }, legend },
          fill: { field: 'fill_color', type: 'nominal', scale: null },
          tooltip: [...weekTooltip],
        },
      },
      {
        name: 'off_scale',
        transform: [{ filter: 'datum.off_scale' }, { calculate: "'↑ ' + format(datum.rate, '.0%')", as: 'off_scale_text' }],
        mark: { type: 'text', dy: -9, fontSize: 10 },
        encoding: {
          y: { field: 'rate_shown', type: 'quantitative', ...rateAxis },
          text: { field: 'off_scale_text', type: 'nominal' },
        },
      },
    ],
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}
