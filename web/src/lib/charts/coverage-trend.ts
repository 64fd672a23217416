// Tagging coverage per week (docs/metrics.md, "Tagging coverage"): production deployments of
// each ISO week stacked by how their AI status was known, untagged on top in grey, so a rising
// grey band is the week tagging broke. Counts, not shares: a week with a handful of deployments
// is a short bar, not a full-height one. Weeks only partly inside the period are drawn faded.
import type { TopLevelSpec } from 'vega-lite';
import type { DataQuality, Period } from '../api/types.ts';
import { daysInPeriod } from './cfr-trend.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';
import { barEnd, pointAxis, stackByWeek } from './week-edges.ts';

export type WeeklyCoverage = DataQuality['coverage']['weekly'][number];

/** Evidence in stacking order (bottom first), with labels and colour-blind-safe colours (Okabe–Ito). */
export const EVIDENCE_SERIES = [
  { key: 'declared', label: 'Declared', color: '#0072b2' },
  { key: 'trailer', label: 'Commit trailer', color: '#56b4e9' },
  { key: 'bot_author', label: 'Bot author', color: '#009e73' },
  { key: 'label', label: 'Label', color: '#e69f00' },
  { key: 'ticket', label: 'Ticket', color: '#cc79a7' },
  { key: 'inferred', label: 'Inferred from changes', color: '#f0e442' },
  { key: 'untagged', label: 'Untagged', color: '#999999' },
] as const;

export interface CoverageBar {
  week: string;
  /** Six days after `week`: the bar spans the week, with a day's gap before the next. */
  week_end: string;
  evidence: string;
  order: number;
  deployments: number;
  week_total: number;
  /** This evidence's share of the week's deployments. */
  share: number;
  /** The week's coverage (known / all). */
  coverage: number;
  partial: boolean;
}

/** One bar segment per week and evidence (zero segments left out), stacked (y0–y1) in EVIDENCE_SERIES order. */
export function coverageBars(weeks: readonly WeeklyCoverage[], period?: Period): (CoverageBar & { y0: number; y1: number })[] {
  return stackByWeek(coverageSegments(weeks, period), (bar) => bar.deployments);
}

function coverageSegments(weeks: readonly WeeklyCoverage[], period?: Period): CoverageBar[] {
  return weeks.flatMap((week) => {
    const partial = daysInPeriod(week.week, period) < 7;
    const counts: Record<string, number> = { ...week.by_evidence, untagged: week.deployments - week.known };
    return EVIDENCE_SERIES.flatMap((series, order) => {
      const deployments = counts[series.key] ?? 0;
      if (deployments === 0) return [];
      return [{
        week: week.week,
        week_end: barEnd(week.week),
        evidence: series.label,
        order,
        deployments,
        week_total: week.deployments,
        share: week.deployments > 0 ? deployments / week.deployments : 0,
        coverage: week.deployments > 0 ? week.known / week.deployments : 0,
        partial,
      }];
    });
  });
}

export interface CoverageTrendOptions {
  period?: Period;
  theme?: ChartTheme;
  height?: number;
}

export function coverageTrendSpec(weeks: readonly WeeklyCoverage[], options: CoverageTrendOptions = {}): TopLevelSpec {
  const palette = chartPalette(options.theme);
  const present = new Set(coverageBars(weeks, options.period).map((bar) => bar.evidence));
  const series = EVIDENCE_SERIES.filter((s) => present.has(s.label));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description:
      'Production deployments per week, stacked by how their AI status was known (declared, commit trailer, bot author, label, ticket, inferred), with untagged deployments on top.',
    width: 'container',
    height: options.height ?? 220,
    config: chartConfig(options.theme),
    data: { values: coverageBars(weeks, options.period) },
    // Stacked by hand (y0–y1) so each bar spans its ISO week exactly (x to x2): a bar mark with
    // x2 on a time axis is drawn as a horizontal range, each segment a line at its own height.
    mark: { type: 'rect', tooltip: true, stroke: palette.grid, strokeWidth: 0.5 },
    encoding: {
      x: { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', axis: pointAxis(weeks.map((week) => week.week)) },
      x2: { field: 'week_end', timeUnit: 'utcyearmonthdate' },
      y: { field: 'y1', type: 'quantitative', title: 'Production deployments' },
      y2: { field: 'y0' },
      color: {
        field: 'evidence',
        type: 'nominal',
        title: null,
        sort: series.map((s) => s.label),
        scale: { domain: series.map((s) => s.label), range: series.map((s) => s.color) },
        legend: { orient: 'top', direction: 'horizontal' },
      },
      opacity: { condition: { test: 'datum.partial', value: 0.45 }, value: 1 },
      tooltip: [
        { field: 'week', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'Week of', format: '%a %-d %b %Y' },
        { field: 'evidence', title: 'Evidence' },
        { field: 'deployments', title: 'Deployments', format: ',' },
        { field: 'share', title: 'Share of the week', format: '.0%' },
        { field: 'coverage', title: "Week's coverage", format: '.0%' },
        { field: 'week_total', title: "Week's deployments", format: ',' },
      ],
    },
  };
}
