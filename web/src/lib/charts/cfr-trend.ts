// Weekly change failure rate per cohort with its Wilson 95 % interval (metrics.md, "Change
// failure rate (CFR)"). Pure: the web app draws it and the server's reports render it to SVG.
import type { TopLevelSpec } from 'vega-lite';
import type { CfrTrendPoint } from '../api-types.ts';
import { COHORT_COLORS, COHORT_LABELS, COHORTS } from '../cohorts.ts';

export interface CfrTrendSpecOptions {
  /** Chart title; `null` leaves it off (e.g. when the page already has a heading). */
  title?: string | null;
  /** Screen-reader description of the chart (rendered as the SVG's aria label). */
  description?: string;
  /** A number of pixels, or 'container' to fill the parent's width (web). */
  width?: number | 'container';
  height?: number;
}

export const CFR_TREND_TITLE = 'Change failure rate per week, by cohort';
export const CFR_TREND_DESCRIPTION =
  'Weekly change failure rate of production deployments for AI-assisted, human and untagged ' +
  'changes. Lines show the rate, shaded bands its 95 % Wilson interval.';

// Vega expression mapping a cohort key to its label, for the legend.
const cohortLabelExpr = COHORTS.map((cohort) => `datum.label === '${cohort}' ? '${COHORT_LABELS[cohort]}' : `)
  .join('')
  .concat('datum.label');

// The layers share one y scale; giving each the same title and format keeps vega-lite from
// merging field names ("ci_low, rate") into the axis title.
const rateAxis = { title: 'Change failure rate', axis: { format: '.0%', tickCount: 5 } } as const;

export function cfrTrendSpec(points: readonly CfrTrendPoint[], options: CfrTrendSpecOptions = {}): TopLevelSpec {
  const title = options.title === undefined ? CFR_TREND_TITLE : options.title;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    ...(title === null ? {} : { title: { text: title, anchor: 'start', fontSize: 14, fontWeight: 600 } }),
    description: options.description ?? CFR_TREND_DESCRIPTION,
    width: options.width ?? 'container',
    height: options.height ?? 280,
    data: { values: points.map((point) => ({ ...point, cohort_label: COHORT_LABELS[point.cohort] })) },
    encoding: {
      // Weeks are ISO-week Mondays in UTC; a utc time unit keeps them on their day in every
      // viewer's time zone.
      x: {
        field: 'week',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: null,
        // About one label per 90 px, so a year of weeks does not crowd the axis.
        axis: { format: '%b %-d', tickCount: { expr: 'ceil(width / 90)' }, labelOverlap: true, grid: false },
      },
      color: {
        field: 'cohort',
        type: 'nominal',
        scale: { domain: [...COHORTS], range: COHORTS.map((cohort) => COHORT_COLORS[cohort]) },
        legend: { title: null, orient: 'top', direction: 'horizontal', labelExpr: cohortLabelExpr },
      },
    },
    layer: [
      {
        name: 'interval',
        mark: { type: 'area', fillOpacity: 0.16, interpolate: 'linear' },
        encoding: {
          y: { field: 'ci_low', type: 'quantitative', ...rateAxis },
          y2: { field: 'ci_high' },
        },
      },
      {
        name: 'rate',
        mark: { type: 'line', strokeWidth: 2, interpolate: 'linear' },
        encoding: {
          y: { field: 'rate', type: 'quantitative', ...rateAxis },
        },
      },
      {
        // Points carry the tooltip (a line's tooltip would only show one arbitrary week) and, with
        // full opacity, give the legend solid symbols; the band uses fillOpacity for the same reason.
        name: 'weeks',
        mark: { type: 'point', filled: true, size: 36, opacity: 1 },
        encoding: {
          y: { field: 'rate', type: 'quantitative', ...rateAxis },
          tooltip: [
            { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', format: '%a %-d %b %Y' },
            { field: 'cohort_label', type: 'nominal', title: 'Cohort' },
            { field: 'deployments', type: 'quantitative', title: 'Deployments', format: ',' },
            { field: 'failed', type: 'quantitative', title: 'Failed', format: ',' },
            { field: 'rate', type: 'quantitative', title: 'CFR', format: '.1%' },
            { field: 'ci_low', type: 'quantitative', title: '95 % CI low', format: '.1%' },
            { field: 'ci_high', type: 'quantitative', title: '95 % CI high', format: '.1%' },
          ],
        },
      },
    ],
    config: {
      font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
      view: { stroke: null },
      axis: { labelColor: '#59636e', titleColor: '#59636e', domainColor: '#d8dee4', tickColor: '#d8dee4', gridColor: '#eaeef2' },
      legend: { labelColor: '#1f2328', symbolType: 'circle' },
    },
  };
}
