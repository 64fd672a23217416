// A per-cohort incident figure over time, AI-assisted against human: the median time to detect,
// the median time to rollback, or the 90th percentile of services hit (docs/metrics.md
// "Incident times", "Blast radius"), per month or ISO week. Trend points are always exact
// percentiles. Honest at the edges, as cfr-trend.ts: a partial month (week), or one with fewer
// than MIN_INCIDENTS_FOR_MEDIAN incidents of that cohort, is drawn hollow, is not joined to the
// line, and does not set the y scale; one above the scale sits on its top edge, labelled.
import type { TopLevelSpec } from 'vega-lite';
import type { TrendPoint } from '../api/types.ts';
import { COHORT_COLORS, COHORT_LABELS } from '../cohorts.ts';
import { type ChartTheme, chartConfig } from './theme.ts';
import { MIN_INCIDENTS_FOR_MEDIAN, isPartialPoint, niceCeiling, pointAxis } from './week-edges.ts';

export type IncidentTrendMeasure = 'ttd' | 'ttrb' | 'blast_services';
export type Grain = 'week' | 'month';

const COMPARED = ['ai', 'human'] as const;

export const INCIDENT_TREND_MEASURES: Readonly<
  Record<IncidentTrendMeasure, { statistic: 'median' | 'p90'; axis: string; unit: 'minutes' | 'services'; description: string }>
> = {
  ttd: {
    statistic: 'median',
    axis: 'Median minutes to detect',
    unit: 'minutes',
    description: 'Median time from the start of impact to detection, for incidents linked to AI-assisted and to human deployments.',
  },
  ttrb: {
    statistic: 'median',
    axis: 'Median minutes to rollback',
    unit: 'minutes',
    description: 'Median time from detection to the rollback (or mitigation) that ended the bad change, for incidents linked to AI-assisted and to human deployments.',
  },
  blast_services: {
    // Most incidents hit one service, so the median is flat at 1: the 90th percentile shows the spread.
    statistic: 'p90',
    axis: 'Services hit, 90th percentile',
    unit: 'services',
    description: 'The 90th percentile of the number of services an incident affected, for incidents linked to AI-assisted and to human deployments.',
  },
};

export interface IncidentTrendPoint {
  period: string;
  cohort: (typeof COMPARED)[number];
  cohort_label: string;
  incidents: number;
  value: number;
  days: number;
  edge: 'partial' | 'few' | null;
  shown: number;
  off_scale: boolean;
}

export interface IncidentTrendLayout {
  points: IncidentTrendPoint[];
  /** The y maximum, set by the full points; null when there are none. */
  scaleMax: number | null;
}

export function incidentTrendLayout(trend: readonly TrendPoint[], measure: IncidentTrendMeasure, grain: Grain): IncidentTrendLayout {
  const { statistic } = INCIDENT_TREND_MEASURES[measure];
  const points: IncidentTrendPoint[] = [];
  for (const point of trend) {
    for (const cohort of COMPARED) {
      const cohortTrend = point.incidents[cohort];
      const value = cohortTrend[measure][statistic];
      if (value === null) continue;
      const edge = isPartialPoint(point.period, point.days, grain) ? 'partial' : cohortTrend.count < MIN_INCIDENTS_FOR_MEDIAN ? 'few' : null;
      points.push({ period: point.period, cohort, cohort_label: COHORT_LABELS[cohort], incidents: cohortTrend.count, value, days: point.days, edge, shown: value, off_scale: false });
    }
  }
  const full = points.filter((point) => point.edge === null);
  const scaleMax = full.length > 0 ? niceCeiling(Math.max(...full.map((point) => point.value)) * 1.05) : null;
  if (scaleMax !== null) {
    for (const point of points) {
      if (point.value > scaleMax) {
        point.shown = scaleMax;
        point.off_scale = true;
      }
    }
  }
  return { points, scaleMax };
}

export function incidentTrendSpec(
  trend: readonly TrendPoint[],
  measure: IncidentTrendMeasure,
  options: { grain?: Grain; theme?: ChartTheme; height?: number } = {},
): TopLevelSpec {
  const grain = options.grain ?? 'month';
  const { axis, unit, description } = INCIDENT_TREND_MEASURES[measure];
  const layout = incidentTrendLayout(trend, measure, grain);
  const format = unit === 'minutes' ? ',.0f' : '.1f';
  const y = {
    field: 'shown',
    type: 'quantitative',
    title: axis,
    axis: { tickCount: 5, format: ',d', tickMinStep: 1 },
    scale: layout.scaleMax === null ? { zero: true } : { domain: [0, layout.scaleMax], nice: false, clamp: true },
  } as const;
  const colorScale = { domain: [...COMPARED], range: COMPARED.map((cohort) => COHORT_COLORS[cohort]) };
  const hollow = options.theme === 'dark' ? '#0d1117' : '#ffffff';
  const what = grain === 'month' ? 'month' : 'week';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${description} One point per ${what}; hollow points are partial ${what}s or ${what}s with fewer than ${MIN_INCIDENTS_FOR_MEDIAN} incidents.`,
    width: 'container',
    height: options.height ?? 200,
    data: {
      values: layout.points.map((point) => ({
        ...point,
        fill_color: point.edge === null ? COHORT_COLORS[point.cohort] : hollow,
        note:
          point.edge === 'partial'
            ? `Partial ${what} (${point.days} days in the period)`
            : point.edge === 'few'
              ? `Only ${point.incidents} incident${point.incidents === 1 ? '' : 's'}`
              : `Full ${what}`,
      })),
    },
    encoding: {
      x: {
        field: 'period',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: null,
        // The drawn periods only: one whose medians are all missing is outside the scale's domain.
        axis: pointAxis(layout.points.map((point) => point.period), grain === 'month' ? '%b' : '%b %-d'),
      },
      color: {
        field: 'cohort',
        type: 'nominal',
        scale: colorScale,
        legend: { title: null, orient: 'top', direction: 'horizontal', labelExpr: `datum.label === 'ai' ? '${COHORT_LABELS.ai}' : '${COHORT_LABELS.human}'` },
      },
    },
    layer: [
      {
        name: 'trend_line',
        transform: [{ filter: 'datum.edge === null' }],
        mark: { type: 'line', strokeWidth: 2, aria: false },
        encoding: { y },
      },
      {
        name: 'points',
        mark: { type: 'point', size: 36, strokeWidth: 1.5 },
        encoding: {
          y,
          shape: { field: 'cohort', type: 'nominal', scale: { domain: [...COMPARED], range: ['circle', 'square'] }, legend: null },
          fill: { field: 'fill_color', type: 'nominal', scale: null },
          tooltip: [
            { field: 'period', type: 'temporal', timeUnit: 'utcyearmonthdate', title: grain === 'month' ? 'Month' : 'Week of', format: grain === 'month' ? '%B %Y' : '%a %-d %b %Y' },
            { field: 'cohort_label', type: 'nominal', title: 'Linked to' },
            { field: 'value', type: 'quantitative', title: axis, format },
            { field: 'incidents', type: 'quantitative', title: 'Incidents' },
            { field: 'note', type: 'nominal', title: 'Note' },
          ],
        },
      },
      {
        name: 'off_scale',
        transform: [{ filter: 'datum.off_scale' }, { calculate: `'↑ ' + format(datum.value, '${format}')`, as: 'off_scale_text' }],
        mark: { type: 'text', dy: -9, fontSize: 10 },
        encoding: { y, text: { field: 'off_scale_text', type: 'nominal' } },
      },
    ],
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}
