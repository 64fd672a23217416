import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { IncidentLink, NearbyDeployment, TimelineEvent } from '../../web/src/lib/api/types.ts';
import { COHORT_COLORS } from '../../web/src/lib/cohorts.ts';
import {
  type IncidentTimelineInput, deploymentRow, incidentTimelineLayout, incidentTimelineNotes, incidentTimelineSpec, relativeToImpact,
} from '../../web/src/lib/charts/incident-timeline.ts';

const IMPACT = '2026-03-04T12:00:00.000Z';
const at = (minutesFromImpact: number) => new Date(Date.parse(IMPACT) + minutesFromImpact * 60_000).toISOString();

const timeline: TimelineEvent[] = [
  { at: at(-10), event: 'linked deployment finished', detail: null },
  { at: IMPACT, event: 'impact started', detail: null },
  { at: at(10), event: 'detected', detail: 'alert' },
  { at: at(40), event: 'mitigated', detail: null },
  { at: at(60), event: 'resolved', detail: null },
  { at: at(3 * 24 * 60), event: 'classified', detail: 'primary by alice' },
];
const nearby = (id: string, minutes: number, cohort: string, linked = false): NearbyDeployment => ({ id, service: 'checkout-api', cohort, status: 'succeeded', at: at(minutes), rollback_of: null, linked });
const link = (deployment: string, minutesBefore: number, cohort = 'ai'): IncidentLink => ({
  deployment, service: 'checkout-api', rule: 'explicit', confidence: 1, cohort, status: 'succeeded', finished_at: at(-minutesBefore),
  minutes_before_impact: minutesBefore, decision: null, decided_by: null, decision_notes: null, why: '',
});

const input: IncidentTimelineInput = {
  incident: { id: 'INC-1', impact_started_at: IMPACT },
  timeline,
  nearby: [nearby('dep-ai', -10, 'ai', true), nearby('dep-human', -300, 'human')],
  // An explicit link to a deployment three days before impact: outside the 24 h window.
  links: [link('dep-ai', 10), link('dep-old', 3 * 24 * 60, 'human')],
  nearbyHours: 24,
};

type Loose = Record<string, any>;

describe('incidentTimelineSpec', () => {
  const spec = incidentTimelineSpec(input) as Loose;
  const layer = (name: string) => (spec.layer as Loose[]).find((l) => l.name === name)!;
  const layout = incidentTimelineLayout(input);

  it('sets the time scale from the window, not from a classification days later or an old linked deployment', () => {
    expect(layout.domain[0]).toBe(at(-24 * 60));
    expect(Date.parse(layout.domain[1])).toBeGreaterThan(Date.parse(at(60)));
    expect(Date.parse(layout.domain[1])).toBeLessThan(Date.parse(at(24 * 60)));
    expect(spec.encoding.x.scale).toMatchObject({ type: 'utc', domain: layout.domain.map((d) => Date.parse(d)), nice: false });
    expect(spec.encoding.x.title).toBe('Time (UTC)');
  });

  it('draws an old linked deployment on the left edge with how long before impact, and says so', () => {
    const old = layout.points.find((p) => p.label === 'dep-old')!;
    expect(old).toMatchObject({ off_scale: true, at_shown: layout.domain[0], linked: true, row: deploymentRow('checkout-api') });
    expect(spec.data.values.find((v: Loose) => v.label === 'dep-old').edge_text).toBe('← 3 d before');
    expect(incidentTimelineNotes(layout)).toEqual([expect.stringMatching(/older than the window and drawn on its left edge/)]);
  });

  it('gives each moment that happened its own row, in order, then one row per service; not the classification', () => {
    expect(layout.rows).toEqual(['Impact started', 'Detected', 'Mitigated', 'Resolved', 'Deployments · checkout-api']);
    expect(spec.encoding.y.sort).toEqual(layout.rows);
    expect(layout.points.some((p) => p.label.toLowerCase().includes('classified'))).toBe(false);
  });

  it('colours deployments by cohort from cohorts.ts, fills only the linked ones', () => {
    const deployments = layer('deployments');
    expect(deployments.encoding.color.scale).toEqual({ domain: ['ai', 'human', 'unknown'], range: [COHORT_COLORS.ai, COHORT_COLORS.human, COHORT_COLORS.unknown] });
    const values = spec.data.values as Loose[];
    expect(values.find((v) => v.label === 'dep-ai')?.fill_color).toBe(COHORT_COLORS.ai);
    expect(values.find((v) => v.label === 'dep-human')?.fill_color).toBe('#ffffff');
    expect(incidentTimelineSpec(input, { theme: 'dark' }) as Loose).toMatchObject({ data: { values: expect.arrayContaining([expect.objectContaining({ label: 'dep-human', fill_color: '#0d1117' })]) } });
  });

  it('shades the impact from start to resolution; shading and rules are hidden from screen readers', () => {
    expect(layer('impact').data.values).toEqual([{ from: IMPACT, to: at(60) }]);
    for (const name of ['impact', 'impact_start', 'partial', 'linked_label', 'moment_label']) expect(layer(name).mark.aria).toBe(false);
  });

  it('hides an empty deployments layer from screen readers (an unlabelled image otherwise), not a drawn one', () => {
    expect(layer('deployments').mark.aria).toBe(true);
    const alone = incidentTimelineSpec({ ...input, nearby: [], links: [] }) as Loose;
    expect((alone.layer as Loose[]).find((l) => l.name === 'deployments')!.mark.aria).toBe(false);
  });

  it('marks a window cut at the API limit as partial', () => {
    const cut = incidentTimelineLayout({ ...input, truncated: true });
    expect(cut.partialUntil).toBe(at(-300));
    expect(incidentTimelineNotes(cut)[0]).toMatch(/oldest are left out/);
  });

  it('describes the chart for screen readers and compiles', () => {
    expect(spec.description).toBe(
      'Timeline of incident INC-1: impact started 4 Mar 2026, 12:00 UTC; detected 10 min after impact; mitigated 40 min after impact; resolved 1 h after impact. ' +
        '3 production deployments of its services from 24 h before impact, 2 linked to the incident.',
    );
    expect(() => compile(spec as never)).not.toThrow();
  });

  it('says times relative to the impact start', () => {
    expect(relativeToImpact(at(-42), IMPACT)).toBe('42 min before impact');
    expect(relativeToImpact(at(65), IMPACT)).toBe('1 h 5 min after impact began');
    expect(relativeToImpact(at(-3 * 24 * 60), IMPACT)).toBe('3 d before impact');
  });
});
