// Incidents per ISO week, stacked by incident cohort: the cohort of the deployments an incident
// is linked to (docs/metrics.md "Linking"), or not linked. Counts the severities of the filters
// (Sev1 and Sev2 by default). A week only partly inside the period is faded and labelled
// "partial": it has fewer days, so fewer incidents, and must not read as an improvement.
import type { TopLevelSpec } from 'vega-lite';
import type { TrendPoint } from '../api/types.ts';
import { INCIDENT_COHORT_COLORS, INCIDENT_COHORT_LABELS, INCIDENT_COHORTS, type IncidentCohortKey } from '../cohorts.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';
import { barEnd, isPartialWeek, pointAxis, stackByWeek } from './week-edges.ts';

export const WEEKLY_INCIDENTS_DESCRIPTION =
  'Sev1 and Sev2 incidents per week, stacked by the cohort of the deployment each is linked to: AI-assisted, human, untagged, or not linked to any deployment.';

export interface WeeklyIncidentRow {
  week: string;
  bar_end: string;
  cohort: IncidentCohortKey;
  cohort_label: string;
  /** Stacking order: AI at the bottom, where it is easiest to compare. */
  order: number;
  incidents: number;
  week_total: number;
  days: number;
  partial: boolean;
}

/** One row per week and cohort, stacked (y0–y1) AI at the bottom. */
export function weeklyIncidentRows(points: readonly TrendPoint[]) {
  const rows: WeeklyIncidentRow[] = points.flatMap((point) =>
    INCIDENT_COHORTS.map((cohort, order) => ({
      week: point.period,
      bar_end: barEnd(point.period),
      cohort,
      cohort_label: INCIDENT_COHORT_LABELS[cohort],
      order,
      incidents: cohort === 'unattributed' ? point.incidents.unattributed : point.incidents[cohort].count,
      week_total: point.incidents.total,
      days: point.days,
      partial: isPartialWeek(point.days),
    })),
  );
  return stackByWeek(rows, (row) => row.incidents);
}

export function weeklyIncidentsSpec(points: readonly TrendPoint[], options: { theme?: ChartTheme; height?: number } = {}): TopLevelSpec {
  const palette = chartPalette(options.theme);
  const partialWeeks = points.filter((point) => isPartialWeek(point.days)).map((point) => ({ week: point.period }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: WEEKLY_INCIDENTS_DESCRIPTION,
    width: 'container',
    height: options.height ?? 220,
    layer: [
      {
        name: 'partial_label',
        data: { values: partialWeeks },
        mark: { type: 'text', text: 'partial', align: 'left', baseline: 'top', dx: 2, dy: 2, fontSize: 10, color: palette.muted, aria: false },
        encoding: { x: { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate' }, y: { value: 0 } },
      },
      {
        name: 'incidents',
        data: { values: weeklyIncidentRows(points) },
        // Stacked by hand (y0–y1) so each bar spans its ISO week exactly (x to x2).
        mark: { type: 'rect' },
        encoding: {
          x: {
            field: 'week',
            type: 'temporal',
            timeUnit: 'utcyearmonthdate',
            title: null,
            axis: pointAxis(points.map((point) => point.period)),
          },
          x2: { field: 'bar_end', timeUnit: 'utcyearmonthdate' },
          y: { field: 'y1', type: 'quantitative', title: 'Incidents per week', axis: { tickMinStep: 1, format: 'd' } },
          y2: { field: 'y0' },
          color: {
            field: 'cohort',
            type: 'nominal',
            scale: { domain: [...INCIDENT_COHORTS], range: INCIDENT_COHORTS.map((cohort) => INCIDENT_COHORT_COLORS[cohort]) },
            legend: { title: null, orient: 'top', direction: 'horizontal', labelExpr: labelExpr() },
          },
          opacity: { condition: { test: 'datum.partial', value: 0.4 }, value: 1 },
          tooltip: [
            { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', format: '%a %-d %b %Y' },
            { field: 'cohort_label', type: 'nominal', title: 'Linked to' },
            { field: 'incidents', type: 'quantitative', title: 'Incidents' },
            { field: 'week_total', type: 'quantitative', title: 'All incidents that week' },
            { field: 'days', type: 'quantitative', title: 'Days in period' },
          ],
        },
      },
    ],
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}

function labelExpr(): string {
  return INCIDENT_COHORTS.map((cohort) => `datum.label === '${cohort}' ? '${INCIDENT_COHORT_LABELS[cohort]}' : `).join('') + 'datum.label';
}
