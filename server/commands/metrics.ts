import { parseArgs } from 'node:util';
import { latestDataDay } from '../analytics/change-failure-rate.ts';
import { InvalidFilterError, type RawFilters, parseFilters, wholeDays } from '../analytics/filters.ts';
import { type MetricsSummary, metricsSummary } from '../analytics/metrics-summary.ts';
import { UsageError, say, withDatabase } from './command-context.ts';

const FILTER_OPTIONS = ['from', 'to', 'service', 'team', 'domain', 'tier', 'severity', 'environment', 'min-confidence'] as const;

/** `sevscope metrics summary [--json] [--from D] [--to D] [--service S] …`: the API's summary object. */
export async function metrics(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { json: { type: 'boolean', default: false }, ...Object.fromEntries(FILTER_OPTIONS.map((name) => [name, { type: 'string' as const }])) },
  });
  if (positionals[0] !== 'summary' || positionals.length > 1) throw new UsageError('usage: sevscope metrics summary [--json] [--from DATE] [--to DATE] [--service S] [--team T] [--domain D] [--tier N] [--severity sev1,sev2] [--environment E] [--min-confidence X]');
  const raw: RawFilters = {};
  for (const name of FILTER_OPTIONS) {
    const value = (values as Record<string, string | boolean | undefined>)[name];
    if (typeof value === 'string') raw[name === 'min-confidence' ? 'min_confidence' : name] = value;
  }
  await withDatabase(async ({ db }) => {
    let filters;
    try {
      filters = wholeDays(parseFilters(raw, await latestDataDay(db)));
    } catch (error) {
      if (error instanceof InvalidFilterError) throw new UsageError(`--${error.parameter.replace('_', '-')}: ${error.message.slice(error.parameter.length + 2)}`);
      throw error;
    }
    const summary = await metricsSummary(db, filters);
    say(values.json ? JSON.stringify(summary, null, 2) : describe(summary));
  });
}

const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)} %`);
const min = (x: number | null) => (x === null ? '—' : `${Math.round(x)} min`);

/** A terminal-sized reading of the summary; --json is the contract. */
function describe(s: MetricsSummary): string {
  const lines = [
    `period            ${s.period.from.slice(0, 10)} – ${s.period.to.slice(0, 10)} (to exclusive)`,
    `tagging coverage  ${pct(s.coverage.share)} of ${s.coverage.deployments} production deployments`,
    `CFR ai / human / unknown  ${pct(s.cfr.ai.rate)} / ${pct(s.cfr.human.rate)} / ${pct(s.cfr.unknown.rate)}`,
    `                  ${s.cfr.headline}`,
    `incidents         ${s.incidents.total} (${s.incidents.sev1} Sev1, ${s.incidents.sev2} Sev2), ${s.incidents.unattributed} unattributed, ${s.incidents.unclassified} unclassified`,
    `AI-linked TTD     median ${min(s.incidents.by_cohort.ai.ttd.median)}, p90 ${min(s.incidents.by_cohort.ai.ttd.p90)}`,
    `DORA              ${s.dora.deploys_per_week.toFixed(1)} deploys/week, lead time median ${min(s.dora.lead_time.median)}, CFR ${pct(s.dora.cfr)}, recovery median ${min(s.dora.recovery_time.median)}, rework ${pct(s.dora.rework_rate)}`,
    ...s.slos.map((slo) => `SLO ${slo.name.padEnd(22)} ${slo.status.padEnd(9)} attainment ${pct(slo.attainment)} (objective ${pct(slo.objective)})`),
    `governance        ${s.governance.evaluated} deployments evaluated; ${Object.entries(s.governance.violations).filter(([, n]) => n > 0).map(([control, n]) => `${control} ${n}`).join(', ') || 'no violations'}`,
  ];
  return lines.join('\n');
}
