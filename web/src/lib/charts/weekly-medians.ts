// A weekly median per incident cohort (AI-assisted and human): time to detect, time to rollback
// or services hit (docs/metrics.md "Incident times", "Blast radius"). Trend points are always
// exact percentiles. Honest at the edges, as cfr-trend.ts: a partial week, or a week with fewer
// than MIN_INCIDENTS_FOR_MEDIAN incidents of that cohort, is drawn hollow, is not joined to the
// line, and does not set the y scale; one above the scale sits on its top edge, labelled.
import type { TopLevelSpec } from 'vega-lite';
import type { CohortIncidentTrend, TrendPoint } from '../api/types.ts';
import { COHORT_COLORS, COHORT_LABELS } from '../cohorts.ts';
import { type ChartTheme, chartConfig } from './theme.ts';
import { MIN_INCIDENTS_FOR_MEDIAN, isPartialWeek, niceCeiling } from './week-edges.ts';

export type WeeklyMedianMeasure = 'ttd' | 'ttrb' | 'blast_services';

const COMPARED = ['ai', 'human'] as const;

export const MEASURES: Readonly<Record<WeeklyMedianMeasure, { title: string; axis: string; unit: 'minutes' | 'services'; description: string }>> = {
  ttd: {
    title: 'Time to detect',
    axis: 'Median minutes to detect',
    unit: 'minutes',
    description: 'Weekly median time from the start of impact to detection, for incidents linked to AI-assisted and to human deployments.',
  },
  ttrb: {
    title: 'Time to rollback',
    axis: 'Median minutes to rollback',
    unit: 'minutes',
    description: 'Weekly median time from detection to the rollback (or mitigation) that ended the bad change, for incidents linked to AI-assisted and to human deployments.',
  },
  blast_services: {
    title: 'Blast radius',
    axis: 'Median services hit',
    unit: 'services',
    description: 'Weekly median number of services an incident affected, for incidents linked to AI-assisted and to human deployments.',
  },
};

export interface WeeklyMedianPoint {
  week: string;
  cohort: (typeof COMPARED)[number];
  cohort_label: string;
  incidents: number;
  median: number;
  days: number;
  edge: 'partial' | 'few' | null;
  shown: number;
  off_scale: boolean;
}

function medianOf(trend: CohortIncidentTrend, measure: WeeklyMedianMeasure): number | null {
  return trend[measure].median;
}

export interface WeeklyMedianLayout {
  points: WeeklyMedianPoint[];
  /** The y maximum, set by the full points; null when there are none. */
  scaleMax: number | null;
}

export function weeklyMedianLayout(trend: readonly TrendPoint[], measure: WeeklyMedianMeasure): WeeklyMedianLayout {
  const points: WeeklyMedianPoint[] = [];
  for (const point of trend) {
    for (const cohort of COMPARED) {
      const cohortTrend = point.incidents[cohort];
      const median = medianOf(cohortTrend, measure);
      if (median === null) continue;
      const edge = isPartialWeek(point.days) ? 'partial' : cohortTrend.count < MIN_INCIDENTS_FOR_MEDIAN ? 'few' : null;
      points.push({ week: point.period, cohort, cohort_label: COHORT_LABELS[cohort], incidents: cohortTrend.count, median, days: point.days, edge, shown: median, off_scale: false });
    }
  }
  const full = points.filter((point) => point.edge === null);
  const scaleMax = full.length > 0 ? niceCeiling(Math.max(...full.map((point) => point.median)) * 1.05) : null;
  if (scaleMax !== null) {
    for (const point of points) {
      if (point.median > scaleMax) {
        point.shown = scaleMax;
        point.off_scale = true;
      }
    }
  }
  return { points, scaleMax };
}

export function weeklyMedianSpec(trend: readonly TrendPoint[], measure: WeeklyMedianMeasure, options: { theme?: ChartTheme; height?: number } = {}): TopLevelSpec {
  const { title, axis, unit, description } = MEASURES[measure];
  const layout = weeklyMedianLayout(trend, measure);
  const format = unit === 'minutes' ? ',.0f' : '.1f';
  const y = {
    field: 'shown',
    type: 'quantitative',
    title: axis,
    axis: { tickCount: 5, format: unit === 'services' ? 'd' : ',d', tickMinStep: 1 },
    scale: layout.scaleMax === null ? { zero: true } : { domain: [0, layout.scaleMax], nice: false, clamp: true },
  } as const;
  const colorScale = { domain: [...COMPARED], range: COMPARED.map((cohort) => COHORT_COLORS[cohort]) };
  const light = options.theme === 'dark' ? '#0d1117' : '#ffffff';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `${description} Hollow points are partial weeks or weeks with fewer than ${MIN_INCIDENTS_FOR_MEDIAN} incidents.`,
    width: 'container',
    height: options.height ?? 200,
    data: {
      values: layout.points.map((point) => ({
        ...point,
        fill_color: point.edge === null ? COHORT_COLORS[point.cohort] : light,
        note: point.edge === 'partial' ? `Partial week (${point.days} of 7 days)` : point.edge === 'few' ? `Only ${point.incidents} incident${point.incidents === 1 ? '' : 's'}` : 'Full week',
      })),
    },
    encoding: {
      x: {
        field: 'week',
        type: 'temporal',
        timeUnit: 'utcyearmonthdate',
        title: null,
        axis: { format: '%b %-d', tickCount: { expr: 'ceil(width / 90)' }, labelOverlap: true, grid: false },
      },
      color: { field: 'cohort', type: 'nominal', scale: colorScale, legend: { title: null, orient: 'top', direction: 'horizontal', labelExpr: "datum.label === 'ai' ? 'AI-assisted' : 'Human'" } },
    },
    layer: [
      {
        name: 'median_line',
        transform: [{ filter: 'datum.edge === null' }],
        mark: { type: 'line', strokeWidth: 2, aria: false },
        encoding: { y },
      },
      {
        name: 'weeks',
        mark: { type: 'point', size: 28, strokeWidth: 1.5 },
        encoding: {
          y,
          shape: { field: 'cohort', type: 'nominal', scale: { domain: [...COMPARED], range: ['circle', 'square'] }, legend: null },
          fill: { field: 'fill_color', type: 'nominal', scale: null },
          tooltip: [
            { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', format: '%a %-d %b %Y' },
            { field: 'cohort_label', type: 'nominal', title: 'Linked to' },
            { field: 'median', type: 'quantitative', title: axis, format },
            { field: 'incidents', type: 'quantitative', title: 'Incidents' },
            { field: 'note', type: 'nominal', title: 'Note' },
          ],
        },
      },
      {
        name: 'off_scale',
        transform: [{ filter: 'datum.off_scale' }, { calculate: `'↑ ' + format(datum.median, '${format}')`, as: 'off_scale_text' }],
        mark: { type: 'text', dy: -9, fontSize: 10 },
        encoding: { y, text: { field: 'off_scale_text', type: 'nominal' } },
      },
    ],
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}
