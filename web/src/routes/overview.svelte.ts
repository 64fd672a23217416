// Data for the Overview page. Each part of the page has its own request, drawn as soon as it
// arrives: the period's summary (tiles) and the summary of the period of the same length just
// before (the tiles' deltas), the weekly CFR (the first chart), the weekly and monthly trends
// (the other charts), the what-if projection at the slider's share, and the before/after comparison at
// the reset date. A newer request of a part cancels its older one still in flight.
import { getCfrTrend, getComparison, getSummary, getTrends, getWhatIf } from '$lib/api/metrics.ts';
import type { CfrTrendResponse, MetricsSummary, PeriodComparison, TrendsResponse, WhatIf } from '$lib/api/types.ts';
import { previousPeriod } from '$lib/format.ts';
import { Loader } from '$lib/state/loader.svelte.ts';

export class OverviewState {
  summary = new Loader<MetricsSummary>();
  /** The period of the same length just before; null when it has no deployments. */
  previous = new Loader<MetricsSummary | null>();
  cfrTrend = new Loader<CfrTrendResponse>();
  trends = new Loader<TrendsResponse>();
  /** Monthly: incident medians need more incidents than most weeks have. */
  monthlyTrends = new Loader<TrendsResponse>();
  whatIf = new Loader<WhatIf>();
  comparison = new Loader<PeriodComparison>();

  #generation = 0;

  /** Everything that depends on the filters alone. */
  load(filters: URLSearchParams): void {
    const generation = ++this.#generation;
    // The first chart is what a reader sees first: the trends behind the charts further down
    // wait for it, so their heavier queries do not slow it down.
    void this.cfrTrend.run((signal) => getCfrTrend(filters, { signal })).then(() => {
      if (generation !== this.#generation) return;
      void this.trends.run((signal) => getTrends(filters, 'week', { signal }));
      void this.monthlyTrends.run((signal) => getTrends(filters, 'month', { signal }));
    });
    this.previous.cancel(); // an answer for the old filters must not land after the new summary
    this.previous.loading = true;
    void this.summary.run((signal) => getSummary(filters, { signal })).then((summary) => {
      if (summary === null) {
        if (!this.summary.loading) this.previous.clear();
        return;
      }
      const before = new URLSearchParams(filters);
      const { from, to } = previousPeriod(summary.period.from, summary.period.to);
      before.set('from', from);
      before.set('to', to);
      void this.previous.run((signal) => getSummary(before, { signal }).then((previous) => (previous.coverage.deployments > 0 ? previous : null)));
    });
  }

  /** `share` 0–1 from the slider, or null for today's share. */
  loadWhatIf(filters: URLSearchParams, share: number | null): void {
    void this.whatIf.run((signal) => getWhatIf(filters, share, { signal }));
  }

  /** `reset` is a YYYY-MM-DD day, or '' for no comparison. */
  loadComparison(filters: URLSearchParams, reset: string): void {
    if (reset === '') this.comparison.clear();
    else void this.comparison.run((signal) => getComparison(filters, reset, { signal }));
  }

  cancel(): void {
    for (const part of [this.summary, this.previous, this.cfrTrend, this.trends, this.monthlyTrends, this.whatIf, this.comparison]) part.cancel();
  }
}
