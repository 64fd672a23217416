// Data for the Overview page: the weekly CFR trend (the chart) and the period's summary (the
// tiles) for the current filters, each drawn as soon as it arrives, and the summary of the
// period of the same length just before, for the tiles' deltas.
import { errorMessage } from '$lib/api/client.ts';
  import { getCfrTrend, getSummary } from '$lib/api/metrics.ts';
import type { CfrTrendResponse, MetricsSummary } from '$lib/api/types.ts';
import { previousPeriod } from '$lib/format.ts';

export class OverviewState {
  trend: CfrTrendResponse | null = $state(null);
  trendLoading = $state(true);
  trendError: string | null = $state(null);

  summary: MetricsSummary | null = $state(null);
  summaryLoading = $state(true);
  summaryError: string | null = $state(null);
  /** undefined while loading; null when it failed or the period before has no deployments. */
  previous: MetricsSummary | null | undefined = $state(undefined);

  empty = $derived(this.trend !== null && this.trend.weeks.length === 0);

  #request: AbortController | null = null;

  /** Fetch for these filters; a newer call cancels an older one still in flight. */
  load(filters: URLSearchParams): void {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    const { signal } = request;
    this.trendLoading = true;
    this.trendError = null;
    this.summaryLoading = true;
    this.summaryError = null;
    this.previous = undefined;

    getCfrTrend(filters, { signal })
      .then((trend) => {
        if (signal.aborted) return;
        this.trend = trend;
        this.trendLoading = false;
      })
      .catch((failure: unknown) => {
        if (signal.aborted) return;
        this.trend = null;
        this.trendError = errorMessage(failure);
        this.trendLoading = false;
      });

    getSummary(filters, { signal })
      .then((summary) => {
        if (signal.aborted) return;
        this.summary = summary;
        this.summaryLoading = false;
        const before = new URLSearchParams(filters);
        const { from, to } = previousPeriod(summary.period.from, summary.period.to);
        before.set('from', from);
        before.set('to', to);
        return getSummary(before, { signal }).then((previous) => {
          if (!signal.aborted) this.previous = previous.coverage.deployments > 0 ? previous : null;
        });
      })
      .catch((failure: unknown) => {
        if (signal.aborted) return;
        if (this.summaryLoading) {
          this.summary = null;
          this.summaryError = errorMessage(failure);
          this.summaryLoading = false;
        }
        this.previous = null;
      });
  }

  cancel(): void {
    this.#request?.abort();
    this.#request = null;
  }
}
