import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { COHORT_COLORS } from '../../web/src/lib/cohorts.ts';
import { LANES, type TimelineDeployment, type TimelineIncident, serviceTimelineSpec, timelineLinks } from '../../web/src/lib/charts/service-timeline.ts';

const period = { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' };

function deployment(fields: Partial<TimelineDeployment> & Pick<TimelineDeployment, 'id'>): TimelineDeployment {
  return { started_at: '2026-03-03T08:50:00.000Z', finished_at: '2026-03-03T09:00:00.000Z', status: 'succeeded', cohort: 'human', failed: false, linked_incidents: [], version: null, ...fields };
}

const deployments = [
  deployment({ id: 'd-ai', cohort: 'ai', failed: true, linked_incidents: ['i-1', 'i-elsewhere'] }),
  deployment({ id: 'd-human', finished_at: null, started_at: '2026-03-05T10:00:00.000Z', status: 'in_progress' }),
];
const incidents: TimelineIncident[] = [{ id: 'i-1', title: 'payments down', severity: 'sev1', impact_started_at: '2026-03-03T12:00:00.000Z' }];

// The spec is a plain object; read it loosely so the test does not mirror vega-lite's types.
type Loose = Record<string, any>;

describe('serviceTimelineSpec', () => {
  const spec = serviceTimelineSpec(deployments, incidents, { service: 'pay', period }) as Loose;
  const layer = (name: string) => (spec.layer as Loose[]).find((l) => l.name === name)!;

  it('compiles, and describes itself with its counts for screen readers', () => {
    expect(() => compile(spec as never)).not.toThrow();
    expect(spec.description).toBe(
      'Timeline of pay from 1 Mar 2026 to 31 Mar 2026: 2 production deployments, 1 of them failed, and 1 incident, each incident joined by a line to the deployments linked to it.',
    );
  });

  it('puts failed deployments on their own lane, at their effective time, in cohort colours', () => {
    const marks = layer('deployments');
    expect(marks.data.values.map((v: Loose) => [v.id, v.lane, v.at])).toEqual([
      ['d-ai', LANES.failed, '2026-03-03T09:00:00.000Z'],
      // No finished_at: its start is its effective time.
      ['d-human', LANES.deployment, '2026-03-05T10:00:00.000Z'],
    ]);
    expect(marks.encoding.color.scale.range).toEqual([COHORT_COLORS.ai, COHORT_COLORS.human, COHORT_COLORS.unknown]);
  });

  it('lets the period, not the data, set the time scale', () => {
    expect(layer('deployments').encoding.x.scale).toEqual({ type: 'utc', domain: [period.from, period.to] });
    expect(layer('incidents').encoding.x.scale.domain).toEqual([period.from, period.to]);
  });

  it('joins an incident to its linked deployments on the chart with decorative lines', () => {
    expect(timelineLinks(deployments, incidents)).toEqual([{ deployed_at: '2026-03-03T09:00:00.000Z', impact_started_at: '2026-03-03T12:00:00.000Z', from_lane: LANES.failed }]);
    expect(layer('links').mark.aria).toBe(false);
  });

  it('shades incidents by severity, listing only the severities drawn, in both themes', () => {
    const light = layer('incidents').encoding.color.scale;
    expect(light.domain).toEqual(['Sev1']);
    const dark = (serviceTimelineSpec(deployments, incidents, { service: 'pay', period, theme: 'dark' }) as Loose).layer.find((l: Loose) => l.name === 'incidents').encoding.color.scale;
    expect(dark.range).not.toEqual(light.range);
  });
});
