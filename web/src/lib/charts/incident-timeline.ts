// One incident on one time axis: its moments (impact started, detected, acknowledged, rollback
// finished, mitigated, resolved), one row each, and the production deployments of its services
// around it, one row per service, cohort-coloured, the linked ones larger and outlined
// (docs/metrics.md "Incident times", "Linking incidents to deployments"). Pure.
//
// Honest at the edges, as cfr-trend.ts is: the time scale is the window the page asked for
// (`nearby_hours` before impact to the incident's end). A linked deployment from before that
// window (an explicit link days earlier) does not stretch the scale: it sits on the left edge
// with "← 3 d before" beside it. When the API cut the list at its limit, the window's start is
// marked as partial, shaded and labelled.
import type { TopLevelSpec } from 'vega-lite';
import type { Cohort, IncidentLink, NearbyDeployment, TimelineEvent } from '../api/types.ts';
import { COHORT_COLORS, COHORT_LABELS, COHORTS } from '../cohorts.ts';
import { formatTime } from '../format.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';

/** The incident's moments, in the order they happen, as the rows name them. */
export const MOMENTS = ['impact started', 'detected', 'acknowledged', 'rollback finished', 'mitigated', 'resolved'] as const;
const MOMENT_LABELS: Record<(typeof MOMENTS)[number], string> = {
  'impact started': 'Impact started',
  detected: 'Detected',
  acknowledged: 'Acknowledged',
  'rollback finished': 'Rollback finished',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

const COHORT_SHAPES: Record<Cohort, string> = { ai: 'circle', human: 'square', unknown: 'diamond' };
const MINUTE_MS = 60_000;


export interface IncidentTimelineInput {
  incident: { id: string; impact_started_at: string };
  timeline: readonly TimelineEvent[];
  nearby: readonly NearbyDeployment[];
  links: readonly IncidentLink[];
  /** Hours before impact the nearby deployments cover. */
  nearbyHours: number;
  /** True when the API returned its maximum: older deployments of the window are missing. */
  truncated?: boolean;
}

export interface IncidentTimelineOptions {
  width?: number | 'container';
  theme?: ChartTheme;
}

export interface TimelinePoint {
  row: string;
  kind: 'moment' | 'deployment';
  at: string;
  /** Where it is drawn: `at`, or the left edge for a linked deployment from before the window. */
  at_shown: string;
  off_scale: boolean;
  label: string;
  cohort: Cohort | null;
  linked: boolean;
  status: string | null;
  relative: string;
}

export interface IncidentTimelineLayout {
  points: TimelinePoint[];
  /** Row order, top to bottom: the moments that happened, then one row per service. */
  rows: string[];
  domain: [string, string];
  /** The impact, from its start to its end (resolved, else mitigated), if it ended. */
  impact: { from: string; to: string } | null;
  /** The start of the window when older deployments are missing from it. */
  partialUntil: string | null;
}

const asCohort = (value: string): Cohort => ((COHORTS as readonly string[]).includes(value) ? (value as Cohort) : 'unknown');

/** "42 min before impact", "1 h 5 min after impact began". */
export function relativeToImpact(at: string, impact: string): string {
  const minutes = Math.round((Date.parse(impact) - Date.parse(at)) / MINUTE_MS);
  if (minutes === 0) return 'at impact start';
  const size = Math.abs(minutes);
  const text = size < 60 ? `${size} min` : size < 2880 ? `${Math.floor(size / 60)} h${size % 60 ? ` ${size % 60} min` : ''}` : `${Math.round(size / 1440)} d`;
  return minutes > 0 ? `${text} before impact` : `${text} after impact began`;
}

export const deploymentRow = (service: string) => `Deployments · ${service}`;

export function incidentTimelineLayout(input: IncidentTimelineInput): IncidentTimelineLayout {
  const impact = input.incident.impact_started_at;
  const moments = input.timeline.filter((event): event is TimelineEvent & { event: (typeof MOMENTS)[number] } => (MOMENTS as readonly string[]).includes(event.event));
  const byEvent = new Map(moments.map((event) => [event.event, event.at]));
  const end = byEvent.get('resolved') ?? byEvent.get('mitigated') ?? null;
  const lastMoment = Math.max(...moments.map((event) => Date.parse(event.at)), Date.parse(impact));
  const from = Date.parse(impact) - input.nearbyHours * 3_600_000;
  // A little room after the last moment, so its point is not cut in half.
  const to = lastMoment + Math.max(15 * MINUTE_MS, (lastMoment - from) * 0.03);
  const domain: [string, string] = [new Date(from).toISOString(), new Date(to).toISOString()];

  const linked = new Map(input.links.filter((link) => link.confidence > 0).map((link) => [link.deployment, link]));
  const deployments: TimelinePoint[] = input.nearby.map((d) => ({
    row: deploymentRow(d.service), kind: 'deployment', at: d.at, at_shown: d.at, off_scale: false,
    label: d.id, cohort: asCohort(d.cohort), linked: d.linked, status: d.status, relative: relativeToImpact(d.at, impact),
  }));
  // Linked deployments the window does not hold (older than it): at its left edge.
  for (const link of linked.values()) {
    if (input.nearby.some((d) => d.id === link.deployment)) continue;
    const at = new Date(Date.parse(impact) - link.minutes_before_impact * MINUTE_MS).toISOString();
    const off = Date.parse(at) < from;
    deployments.push({
      row: deploymentRow(link.service), kind: 'deployment', at, at_shown: off ? domain[0] : at, off_scale: off,
      label: link.deployment, cohort: asCohort(link.cohort), linked: true, status: link.status, relative: relativeToImpact(at, impact),
    });
  }
  const points: TimelinePoint[] = [
    ...MOMENTS.filter((moment) => byEvent.has(moment)).map((moment) => {
      const at = byEvent.get(moment)!;
      return { row: MOMENT_LABELS[moment], kind: 'moment' as const, at, at_shown: at, off_scale: false, label: MOMENT_LABELS[moment], cohort: null, linked: false, status: null, relative: relativeToImpact(at, impact) };
    }),
    ...deployments,
  ];
  const services = [...new Set(deployments.map((d) => d.row))].sort();
  return {
    points,
    rows: [...MOMENTS.filter((moment) => byEvent.has(moment)).map((moment) => MOMENT_LABELS[moment]), ...services],
    domain,
    impact: end ? { from: impact, to: end } : null,
    partialUntil: input.truncated && input.nearby.length > 0 ? input.nearby.at(-1)!.at : null,
  };
}

/** Plain sentences under the chart: what is left out or drawn at an edge. */
export function incidentTimelineNotes(layout: IncidentTimelineLayout): string[] {
  const notes: string[] = [];
  if (layout.partialUntil) notes.push('The window holds more deployments than are drawn: the oldest are left out, and that part of the window is shaded as partial.');
  const off = layout.points.filter((point) => point.off_scale);
  if (off.length > 0) notes.push(`${off.length === 1 ? 'A linked deployment is' : `${off.length} linked deployments are`} older than the window and drawn on its left edge, labelled with how long before impact.`);
  return notes;
}

export function incidentTimelineDescription(input: IncidentTimelineInput, layout: IncidentTimelineLayout): string {
  const deployments = layout.points.filter((point) => point.kind === 'deployment');
  const linked = deployments.filter((point) => point.linked).length;
  const moments = layout.points
    .filter((point) => point.kind === 'moment')
    .map((point) => (point.at === input.incident.impact_started_at ? `${point.label.toLowerCase()} ${formatTime(point.at)} UTC` : `${point.label.toLowerCase()} ${point.relative.replace('before impact', 'before').replace(' began', '')}`));
  return (
    `Timeline of incident ${input.incident.id}: ${moments.join('; ')}. ` +
    `${deployments.length} production ${deployments.length === 1 ? 'deployment' : 'deployments'} of its services from ${input.nearbyHours} h before impact, ${linked} linked to the incident.`
  );
}

export function incidentTimelineSpec(input: IncidentTimelineInput, options: IncidentTimelineOptions = {}): TopLevelSpec {
  const palette = chartPalette(options.theme);
  const layout = incidentTimelineLayout(input);
  const background = options.theme === 'dark' ? '#0d1117' : '#ffffff';
  // Every layer shares this scale; the domain is the window, in milliseconds.
  const timeScale = { type: 'utc', domain: layout.domain.map((at) => Date.parse(at)), nice: false } as const;
  const x = {
    field: 'at_shown',
    type: 'temporal',
    title: 'Time (UTC)',
    scale: timeScale,
    // Labels in UTC, as the rest of the page gives times; about one per 110 px.
    axis: { labelExpr: "utcFormat(datum.value, '%-d %b, %H:%M')", tickCount: { expr: 'ceil(width / 110)' }, labelOverlap: true, grid: true, gridColor: palette.grid },
  };
  const y = {
    field: 'row',
    type: 'nominal',
    title: null,
    sort: layout.rows,
    scale: { domain: layout.rows },
    axis: { labelLimit: 220, ticks: false, domain: false, labelPadding: 8 },
  };
  const tooltip = [
    { field: 'label', type: 'nominal', title: 'What' },
    { field: 'when', type: 'nominal', title: 'When (UTC)' },
    { field: 'relative', type: 'nominal', title: 'Relative to impact' },
    { field: 'cohort_label', type: 'nominal', title: 'Cohort' },
    { field: 'status', type: 'nominal', title: 'Status' },
    { field: 'linked_text', type: 'nominal', title: 'Link' },
  ];
  const colorScale = { domain: [...COHORTS], range: COHORTS.map((cohort) => COHORT_COLORS[cohort]) };
  const legendLabels = COHORTS.map((cohort) => `datum.label === '${cohort}' ? '${COHORT_LABELS[cohort]}' : `).join('').concat('datum.label');
  // Hollow legend symbols in the cohort's colour: the marks' fill says linked or not, not cohort.
  const legend = { title: null, orient: 'top', direction: 'horizontal', labelExpr: legendLabels, symbolFillColor: 'transparent', symbolStrokeWidth: 2 } as const;
  const values = layout.points.map((point) => ({
    ...point,
    when: formatTime(point.at),
    clock: point.at.slice(11, 16), // HH:MM of the ISO time: UTC
    cohort_label: point.cohort ? COHORT_LABELS[point.cohort] : null,
    linked_text: point.kind === 'moment' ? null : point.linked ? 'Linked to this incident' : 'Not linked',
    // Linked: filled and outlined; others: hollow (raw colours: no second legend).
    fill_color: point.kind === 'moment' ? palette.text : point.linked ? COHORT_COLORS[point.cohort!] : background,
    edge_text: point.off_scale ? `← ${point.relative.replace(' impact', '')}` : null,
  }));
  const height = Math.max(120, layout.rows.length * 30);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: incidentTimelineDescription(input, layout),
    width: options.width ?? 'container',
    height,
    data: { values },
    encoding: { x, y },
    layer: [
      {
        // The impact's span, shaded behind everything.
        name: 'impact',
        data: { values: layout.impact ? [layout.impact] : [] },
        mark: { type: 'rect', color: COHORT_COLORS.ai, opacity: 0.1, aria: false },
        encoding: { x: { field: 'from', type: 'temporal' }, x2: { field: 'to' }, y: { value: 0 }, y2: { value: height } },
      },
      {
        name: 'partial',
        data: { values: layout.partialUntil ? [{ from: layout.domain[0], to: layout.partialUntil }] : [] },
        mark: { type: 'rect', color: palette.edge, opacity: 0.15, aria: false },
        encoding: { x: { field: 'from', type: 'temporal' }, x2: { field: 'to' }, y: { value: 0 }, y2: { value: height } },
      },
      {
        name: 'partial_label',
        data: { values: layout.partialUntil ? [{ from: layout.domain[0] }] : [] },
        mark: { type: 'text', text: 'partial', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, color: palette.muted, aria: false },
        encoding: { x: { field: 'from', type: 'temporal' }, y: { value: 0 } },
      },
      {
        // The impact start, across every row: deployments before it are candidates.
        name: 'impact_start',
        data: { values: [{ at_shown: input.incident.impact_started_at }] },
        mark: { type: 'rule', color: COHORT_COLORS.ai, strokeDash: [4, 3], strokeWidth: 1.25, aria: false },
        encoding: { x: { field: 'at_shown', type: 'temporal' }, y: { value: 0 }, y2: { value: height } },
      },
      {
        name: 'moments',
        transform: [{ filter: "datum.kind === 'moment'" }],
        mark: { type: 'point', shape: 'triangle-down', size: 90, filled: true, color: palette.text },
        encoding: { tooltip },
      },
      {
        // Shapes tell cohorts apart without colour; linked ones are larger and filled.
        name: 'deployments',
        transform: [{ filter: "datum.kind === 'deployment'" }],
        // No deployments: an empty mark group would be an unlabelled image to a screen reader.
        mark: { type: 'point', strokeWidth: 1.75, opacity: 1, aria: values.some((v) => v.kind === 'deployment') },
        encoding: {
          color: { field: 'cohort', type: 'nominal', scale: colorScale, legend },
          shape: { field: 'cohort', type: 'nominal', scale: { domain: [...COHORTS], range: COHORTS.map((c) => COHORT_SHAPES[c]) }, legend },
          fill: { field: 'fill_color', type: 'nominal', scale: null },
          size: { condition: { test: 'datum.linked', value: 150 }, value: 45 },
          tooltip,
        },
      },
      {
        // Linked deployments come before the impact, where there is room: labelled on their left.
        name: 'linked_label',
        transform: [{ filter: "datum.kind === 'deployment' && datum.linked && !datum.off_scale" }],
        // Above its row's points, so it never sits on a neighbour's marker.
        mark: { type: 'text', align: 'right', baseline: 'bottom', dx: -6, dy: -6, fontSize: 11, color: palette.text, aria: false },
        encoding: { text: { field: 'label', type: 'nominal' } },
      },
      {
        // Each moment's time beside it (its row is its own, so labels never collide).
        name: 'moment_label',
        transform: [{ filter: "datum.kind === 'moment'" }],
        mark: { type: 'text', align: 'right', dx: -9, fontSize: 10, color: palette.muted, aria: false },
        encoding: { text: { field: 'clock', type: 'nominal' } },
      },
      {
        name: 'off_scale',
        transform: [{ filter: 'datum.off_scale' }],
        // Above the row, like the linked labels, clear of the points near the edge.
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -6, fontSize: 10, color: palette.muted },
        encoding: { text: { field: 'edge_text', type: 'nominal' } },
      },
    ],
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}
