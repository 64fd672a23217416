// One service's production deployments and incidents on one time axis, so a failure reads next
// to the change that caused it. Pure: the web app draws it and the server's reports can render it.
//
// Three lanes, bottom to top: deployments that did not fail, deployments that failed (rolled
// back or linked to a Sev1/Sev2 incident, docs/metrics.md "Change failure rate"), incidents. A
// deployment is a short vertical rule in its cohort's colour; an incident a triangle whose shade
// says its severity; a thin grey line joins each incident to the deployments linked to it.
// The x scale is the period itself, so neither a busy nor an empty stretch sets it, and the edges
// of a period (partial weeks elsewhere) need no special marking here.
import type { TopLevelSpec } from 'vega-lite';
import type { DeploymentListRow, IncidentListRow, Period } from '../api/types.ts';
import { COHORT_COLORS, COHORT_LABELS, COHORTS } from '../cohorts.ts';
import { plural } from '../format.ts';
import { type ChartTheme, chartConfig, chartPalette } from './theme.ts';

export type TimelineDeployment = Pick<DeploymentListRow, 'id' | 'started_at' | 'finished_at' | 'status' | 'cohort' | 'failed' | 'linked_incidents' | 'version'>;
export type TimelineIncident = Pick<IncidentListRow, 'id' | 'title' | 'severity' | 'impact_started_at'>;

export interface ServiceTimelineOptions {
  /** The service's name, for the description. */
  service: string;
  period: Period;
  theme?: ChartTheme;
  width?: number | 'container';
  height?: number;
}

/** Lane positions on the y scale (quantitative, so links can join two lanes). */
export const LANES = { deployment: 0, failed: 1, incident: 2 } as const;
export const LANE_LABELS = ['Deployments', 'Failed deployments', 'Incidents'] as const;

const HALF_RULE = 0.32;

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

const effectiveAt = (d: TimelineDeployment) => d.finished_at ?? d.started_at;

/** Sev1 darkest: the triangles' shades (not cohort colours: an incident's severity is not a cohort). */
function severityShades(theme: ChartTheme | undefined, shown: readonly string[]): { domain: string[]; range: string[] } {
  const palette = chartPalette(theme);
  const shades: Record<string, string> = { Sev1: palette.text, Sev2: palette.muted, Sev3: palette.edge };
  // Only the severities on the chart, so the legend does not list one that is not drawn.
  const domain = Object.keys(shades).filter((severity) => shown.includes(severity));
  return { domain, range: domain.map((severity) => shades[severity]!) };
}

const severityLabel = (severity: string) => severity.replace(/^sev/i, 'Sev');

/** The screen-reader description: what is drawn and how many of each. */
export function serviceTimelineDescription(deployments: readonly TimelineDeployment[], incidents: readonly TimelineIncident[], options: Pick<ServiceTimelineOptions, 'service' | 'period'>): string {
  const failed = deployments.filter((d) => d.failed).length;
  const end = dateFormat.format(new Date(Date.parse(options.period.to) - 1));
  return (
    `Timeline of ${options.service} from ${dateFormat.format(new Date(options.period.from))} to ${end}: ` +
    `${plural(deployments.length, 'production deployment')}, ${failed} of them failed, and ${plural(incidents.length, 'incident')}, ` +
    'each incident joined by a line to the deployments linked to it.'
  );
}

/** Links between an incident and a deployment, both on the chart. */
export function timelineLinks(deployments: readonly TimelineDeployment[], incidents: readonly TimelineIncident[]) {
  const shown = new Map(incidents.map((incident) => [incident.id, incident]));
  return deployments.flatMap((d) =>
    d.linked_incidents
      .filter((id) => shown.has(id))
      .map((id) => ({ deployed_at: effectiveAt(d), impact_started_at: shown.get(id)!.impact_started_at, from_lane: d.failed ? LANES.failed : LANES.deployment })),
  );
}

export function serviceTimelineSpec(
  deployments: readonly TimelineDeployment[],
  incidents: readonly TimelineIncident[],
  options: ServiceTimelineOptions,
): TopLevelSpec {
  const palette = chartPalette(options.theme);
  // Mutable arrays: vega-lite's types refuse readonly ones.
  const xDomain: string[] = [options.period.from, options.period.to];
  const yDomain: number[] = [-0.6, 2.6];
  const laneValues: number[] = [LANES.deployment, LANES.failed, LANES.incident];
  const x = {
    type: 'temporal',
    title: null,
    // The period sets the scale, not the data (see the header).
    scale: { type: 'utc', domain: xDomain },
    axis: { format: '%b %-d', tickCount: { expr: 'ceil(width / 90)' }, labelOverlap: true, grid: false },
  } as const;
  const y = {
    type: 'quantitative',
    title: null,
    scale: { domain: yDomain, nice: false, zero: false },
    axis: {
      values: laneValues,
      labelExpr: `[${LANE_LABELS.map((label) => `'${label}'`).join(', ')}][datum.value]`,
      grid: true,
      ticks: false,
      domain: false,
      labelPadding: 6,
    },
  } as const;
  const cohortScale = { domain: [...COHORTS], range: COHORTS.map((cohort) => COHORT_COLORS[cohort]) };

  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: serviceTimelineDescription(deployments, incidents, options),
    width: options.width ?? 'container',
    height: options.height ?? 200,
    layer: [
      {
        name: 'links',
        data: { values: timelineLinks(deployments, incidents) },
        // Decorative: the tables below name every link.
        mark: { type: 'rule', strokeWidth: 1, color: palette.edge, opacity: 0.6, aria: false },
        encoding: {
          x: { field: 'deployed_at', ...x },
          x2: { field: 'impact_started_at' },
          y: { field: 'from_lane', ...y },
          y2: { datum: LANES.incident },
        },
      },
      {
        name: 'deployments',
        data: {
          values: deployments.map((d) => ({
            id: d.id,
            version: d.version ?? '—',
            at: effectiveAt(d),
            cohort: d.cohort,
            cohort_label: COHORT_LABELS[d.cohort],
            status: d.status.replace('_', ' '),
            failed: d.failed ? 'yes' : 'no',
            incidents: d.linked_incidents.join(', ') || 'none',
            lane: d.failed ? LANES.failed : LANES.deployment,
          })),
        },
        transform: [{ calculate: `datum.lane - ${HALF_RULE}`, as: 'low' }, { calculate: `datum.lane + ${HALF_RULE}`, as: 'high' }],
        mark: { type: 'rule', strokeWidth: 2 },
        encoding: {
          x: { field: 'at', ...x },
          y: { field: 'low', ...y },
          y2: { field: 'high' },
          color: { field: 'cohort', type: 'nominal', scale: cohortScale, legend: { title: 'Deployment', orient: 'top', direction: 'horizontal', labelExpr: COHORTS.map((c) => `datum.label === '${c}' ? '${COHORT_LABELS[c]}' : `).join('') + 'datum.label' } },
          tooltip: [
            { field: 'id', title: 'Deployment' },
            { field: 'version', title: 'Version' },
            { field: 'at', type: 'temporal', timeUnit: 'utcyearmonthdatehoursminutes', title: 'Finished (UTC)', format: '%-d %b %Y %H:%M' },
            { field: 'cohort_label', title: 'Cohort' },
            { field: 'status', title: 'Status' },
            { field: 'failed', title: 'Failed' },
            { field: 'incidents', title: 'Linked incidents' },
          ],
        },
      },
      {
        name: 'incidents',
        data: {
          values: incidents.map((incident) => ({
            id: incident.id,
            title: incident.title,
            at: incident.impact_started_at,
            severity: severityLabel(incident.severity),
            lane: LANES.incident,
          })),
        },
        mark: { type: 'point', shape: 'triangle-down', filled: true, size: 90, opacity: 0.9 },
        encoding: {
          x: { field: 'at', ...x },
          y: { field: 'lane', ...y },
          color: { field: 'severity', type: 'nominal', scale: severityShades(options.theme, incidents.map((incident) => severityLabel(incident.severity))), legend: { title: 'Incident', orient: 'top', direction: 'horizontal' } },
          tooltip: [
            { field: 'id', title: 'Incident' },
            { field: 'title', title: 'Title' },
            { field: 'severity', title: 'Severity' },
            { field: 'at', type: 'temporal', timeUnit: 'utcyearmonthdatehoursminutes', title: 'Impact start (UTC)', format: '%-d %b %Y %H:%M' },
          ],
        },
      },
    ],
    // Two colour legends (cohorts, severities) on one chart need independent scales.
    resolve: { scale: { color: 'independent' } },
    config: chartConfig(options.theme),
  } as TopLevelSpec;
}
