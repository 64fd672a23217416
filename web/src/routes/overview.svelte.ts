// Data for the Overview page: the weekly CFR trend and the period's summary for the current
// filters, and the summary of the period of the same length just before, for the deltas.
import { errorMessage, getCfrTrend, getSummary } from '$lib/api/client.ts';
import type { CfrTrendResponse, MetricsSummary } from '$lib/api/types.ts';
import { previousPeriod } from '$lib/format.ts';

export class OverviewState {
  trend: CfrTrendResponse | null = $state(null);
  summary: MetricsSummary | null = $state(null);
  /** undefined while loading; null when it failed (the tiles then say so). */
  previous: MetricsSummary | null | undefined = $state(undefined);
  loading = $state(true);
  error: string | null = $state(null);

  empty = $derived(this.trend !== null && this.trend.weeks.length === 0);

  #request: AbortController | null = null;

  /** Fetch for these filters; a newer call cancels an older one still in flight. */
  async load(filters: URLSearchParams): Promise<void> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    const { signal } = request;
    this.loading = true;
    this.error = null;
    this.previous = undefined;
    try {
      const [trend, summary] = await Promise.all([getCfrTrend(filters, { signal }), getSummary(filters, { signal })]);
      if (signal.aborted) return;
      this.trend = trend;
      this.summary = summary;
      this.loading = false;
      // The previous period only feeds the deltas: it loads after the page is drawn.
      const before = new URLSearchParams(filters);
      const { from, to } = previousPeriod(summary.period.from, summary.period.to);
      before.set('from', from);
      before.set('to', to);
      getSummary(before, { signal })
        .then((previous) => {
          if (!signal.aborted) this.previous = previous.coverage.deployments > 0 ? previous : null;
        })
        .catch(() => {
          if (!signal.aborted) this.previous = null;
        });
    } catch (failure) {
      if (signal.aborted) return;
      this.trend = null;
      this.summary = null;
      this.previous = null;
      this.error = errorMessage(failure);
      this.loading = false;
    }
  }

  cancel(): void {
    this.#request?.abort();
    this.#request = null;
  }
}
