// Production deployments per ISO week, stacked by cohort, with the AI share of the tagged ones
// (AI / (AI + human), as docs/metrics.md "What-if" defines the current share) as a line on its
// own axis. Counts are the CFR denominators: rollback deployments are left out. A week only
// partly inside the period is faded (the card says so: a label would collide with the right-hand
// axis), and its share is hollow and off the line, since a few days' deployments say little.
import type { TopLevelSpec } from 'vega-lite';
import type { TrendPoint } from '../api/types.ts';
import { COHORT_COLORS, COHORT_LABELS, COHORTS } from '../cohorts.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';
import { barEnd, isPartialWeek, pointAxis, stackByWeek } from './week-edges.ts';

export const WEEKLY_DEPLOYMENTS_DESCRIPTION =
  'Production deployments per week, stacked by cohort (AI-assisted, human, untagged), with a line for the AI-assisted share of tagged deployments.';

export interface WeeklyShare {
  week: string;
  ai_share: number;
  tagged: number;
  partial: boolean;
}

/** AI share of tagged deployments per week; weeks without tagged deployments have none. */
export function weeklyAiShare(points: readonly TrendPoint[]): WeeklyShare[] {
  return points.flatMap((point) => {
    const tagged = point.cfr.ai.deployments + point.cfr.human.deployments;
    return tagged === 0 ? [] : [{ week: point.period, ai_share: point.cfr.ai.deployments / tagged, tagged, partial: isPartialWeek(point.days) }];
  });
}

export function weeklyDeploymentsSpec(points: readonly TrendPoint[], options: { theme?: ChartTheme; height?: number } = {}): TopLevelSpec {
  const palette = chartPalette(options.theme);
  const x = {
    field: 'week',
    type: 'temporal',
    timeUnit: 'utcyearmonthdate',
    title: null,
    axis: pointAxis(points.map((point) => point.period)),
  } as const;
  const bars = stackByWeek(points.flatMap((point) =>
    COHORTS.map((cohort, order) => ({
      week: point.period,
      bar_end: barEnd(point.period),
      cohort,
      cohort_label: COHORT_LABELS[cohort],
      order,
      deployments: point.cfr[cohort].deployments,
      partial: isPartialWeek(point.days),
      days: point.days,
    })),
  ), (row) => row.deployments);
  const shares = weeklyAiShare(points).map((share) => ({ ...share, fill_color: share.partial ? (options.theme === 'dark' ? '#0d1117' : '#ffffff') : palette.text }));
  const shareY = { field: 'ai_share', type: 'quantitative', title: 'AI-assisted share of tagged', scale: { domain: [0, 1] }, axis: { format: '.0%', orient: 'right', grid: false } } as const;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: WEEKLY_DEPLOYMENTS_DESCRIPTION,
    width: 'container',
    height: options.height ?? 220,
    resolve: { scale: { y: 'independent' } },
    layer: [
      {
        name: 'deployments',
        data: { values: bars },
        // Stacked by hand (y0–y1) so each bar spans its ISO week exactly (x to x2).
        mark: { type: 'rect' },
        encoding: {
          x,
          x2: { field: 'bar_end', timeUnit: 'utcyearmonthdate' },
          y: { field: 'y1', type: 'quantitative', title: 'Deployments per week', axis: { format: ',d' } },
          y2: { field: 'y0' },
          color: {
            field: 'cohort',
            type: 'nominal',
            scale: { domain: [...COHORTS], range: COHORTS.map((cohort) => COHORT_COLORS[cohort]) },
            legend: {
              title: null,
              orient: 'top',
              direction: 'horizontal',
              labelExpr: COHORTS.map((cohort) => `datum.label === '${cohort}' ? '${COHORT_LABELS[cohort]}' : `).join('') + 'datum.label',
            },
          },
          opacity: { condition: { test: 'datum.partial', value: 0.4 }, value: 0.85 },
          tooltip: [
            { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', format: '%a %-d %b %Y' },
            { field: 'cohort_label', type: 'nominal', title: 'Cohort' },
            { field: 'deployments', type: 'quantitative', title: 'Deployments', format: ',' },
            { field: 'days', type: 'quantitative', title: 'Days in period' },
          ],
        },
      },
      {
        layer: [
          {
            name: 'share_line',
            data: { values: shares.filter((share) => !share.partial) },
            mark: { type: 'line', color: palette.text, strokeWidth: 1.5, strokeDash: [5, 2], aria: false },
            encoding: { x, y: shareY },
          },
          {
            name: 'share_points',
            data: { values: shares },
            mark: { type: 'point', size: 22, color: palette.text, strokeWidth: 1.25 },
            encoding: {
              x,
              y: shareY,
              fill: { field: 'fill_color', type: 'nominal', scale: null },
              tooltip: [
                { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', format: '%a %-d %b %Y' },
                { field: 'ai_share', type: 'quantitative', title: 'AI-assisted share of tagged', format: '.1%' },
                { field: 'tagged', type: 'quantitative', title: 'Tagged deployments', format: ',' },
              ],
            },
          },
        ],
      },
    ],
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}
