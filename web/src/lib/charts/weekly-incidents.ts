// Incidents per ISO week, stacked by incident cohort (docs/metrics.md "Linking incidents to
// deployments": ai, human, unknown, or unattributed when no deployment is linked), from
// /api/metrics/trends. Pure: the web app draws it and the server's reports can render it.
//
// A week only partly inside the period holds fewer days, so its bar is drawn faint and labelled
// "partial" rather than read as a quiet week; counts cannot inflate the scale, so nothing else
// needs to be kept out of it.
import type { TopLevelSpec } from 'vega-lite';
import type { Period, Trends } from '../api/types.ts';
import { COHORT_COLORS, COHORT_LABELS, COHORTS } from '../cohorts.ts';
import { plural } from '../format.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';

export type TrendPoint = Pick<Trends['points'][number], 'period' | 'days' | 'incidents'>;

export interface WeeklyIncidentsOptions {
  period: Period;
  theme?: ChartTheme;
  width?: number | 'container';
  height?: number;
}

export const UNATTRIBUTED_LABEL = 'No linked deployment';
const STACK = [...COHORTS, 'unattributed'] as const;
type StackCohort = (typeof STACK)[number];

const label = (cohort: StackCohort) => (cohort === 'unattributed' ? UNATTRIBUTED_LABEL : COHORT_LABELS[cohort]);

/** One bar segment per week and incident cohort with incidents. */
export function weeklyIncidentRows(points: readonly TrendPoint[]) {
  return points.flatMap((point) =>
    STACK.map((cohort) => ({
      week: point.period,
      cohort,
      cohort_label: label(cohort),
      count: cohort === 'unattributed' ? point.incidents.unattributed : point.incidents[cohort].count,
      partial: point.days < 7,
      days: point.days,
    })).filter((row) => row.count > 0),
  );
}

export function weeklyIncidentsSpec(points: readonly TrendPoint[], options: WeeklyIncidentsOptions): TopLevelSpec {
  const palette = chartPalette(options.theme);
  const total = points.reduce((sum, point) => sum + point.incidents.total, 0);
  const partialWeeks = points.filter((point) => point.days < 7).map((point) => ({ week: point.period }));
  const colorDomain: string[] = STACK.map(label);
  // Incidents without a linked deployment: the text colour, clearly apart from the untagged grey.
  const colorRange: string[] = STACK.map((cohort) => (cohort === 'unattributed' ? palette.text : COHORT_COLORS[cohort]));
  // Every week of the period has a place on the axis, quiet ones included (an ordinal scale
  // would otherwise close the gaps and make the weeks with incidents look consecutive).
  const weeks: string[] = points.map((point) => point.period);
  const x = {
    field: 'week',
    type: 'ordinal',
    title: null,
    scale: { domain: weeks, paddingInner: 0.15 },
    axis: { labelAngle: 0, labelOverlap: true, labelExpr: "utcFormat(toDate(datum.value + 'T00:00:00Z'), '%b %-d')" },
  } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description:
      `Incidents per week, ${plural(total, 'incident')} in all, stacked by how the linked deployment was made ` +
      '(AI-assisted, human, untagged) or with no linked deployment. Partial weeks at the edges are drawn faint.',
    width: options.width ?? 'container',
    height: options.height ?? 200,
    layer: [
      {
        name: 'incidents',
        data: { values: weeklyIncidentRows(points) },
        mark: { type: 'bar' },
        encoding: {
          x,
          y: { field: 'count', type: 'quantitative', aggregate: 'sum', title: 'Incidents', axis: { tickMinStep: 1, format: 'd' } },
          color: { field: 'cohort_label', type: 'nominal', scale: { domain: colorDomain, range: colorRange }, legend: { title: null, orient: 'top', direction: 'horizontal' } },
          order: { field: 'cohort_label' },
          opacity: { condition: { test: 'datum.partial', value: 0.35 }, value: 1 },
          tooltip: [
            { field: 'week', type: 'nominal', title: 'Week of (Monday)' },
            { field: 'cohort_label', title: 'Cohort' },
            { field: 'count', type: 'quantitative', aggregate: 'sum', title: 'Incidents' },
            { field: 'days', type: 'quantitative', aggregate: 'max', title: 'Days in period' },
          ],
        },
      },
      {
        name: 'partial_label',
        data: { values: partialWeeks },
        mark: { type: 'text', text: 'partial', baseline: 'bottom', dy: -2, fontSize: 10, color: palette.muted },
        encoding: { x, y: { value: 0 } },
      },
    ],
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}
