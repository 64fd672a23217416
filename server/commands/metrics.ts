import { requestFilters } from '../analytics/request-filters.ts';
import { InvalidFilterError, type RawFilters, parseFilters, wholeDays } from '../analytics/filters.ts';
import { type MetricsSummary, metricsSummary } from '../analytics/metrics-summary.ts';
import { UsageError, say, withDatabase } from './command-context.ts';

/** The filters as typed (strings: parseFilters checks them as it does the API's query parameters). */
export interface MetricsSummaryOptions {
  json?: boolean;
  from?: string;
  to?: string;
  service?: string;
  team?: string;
  domain?: string;
  tier?: string;
  severity?: string;
  environment?: string;
  minConfidence?: string;
}

/** `sevscope metrics summary [--json] [--from D] [--to D] [--service S] …`: the API's summary object. */
export async function metricsSummaryCommand(options: MetricsSummaryOptions): Promise<void> {
  const { json, minConfidence, ...rest } = options;
  const raw: RawFilters = { ...rest, ...(minConfidence === undefined ? {} : { min_confidence: minConfidence }) };
  await withDatabase(async ({ db }) => {
    let filters;
    try {
      filters = await requestFilters(db, raw, { wholeDays: true });
    } catch (error) {
      if (error instanceof InvalidFilterError) throw new UsageError(`--${error.parameter.replace('_', '-')}: ${error.message.slice(error.parameter.length + 2)}`);
      throw error;
    }
    const summary = await metricsSummary(db, filters);
    say(json ? JSON.stringify(summary, null, 2) : describe(summary));
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
