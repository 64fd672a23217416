// Data for the Overview page: the weekly CFR trend for the current filters.
import { errorMessage, getCfrTrend } from '../../lib/api.ts';
import type { CfrTrendResponse } from '../../lib/api-types.ts';
import { cfrTrendSpec } from '../../lib/charts/cfr-trend.ts';
import { cohortTotals } from './cohort-totals.ts';

export class OverviewState {
  trend: CfrTrendResponse | null = $state(null);
  loading = $state(true);
  error: string | null = $state(null);

  totals = $derived(cohortTotals(this.trend?.weeks ?? []));
  empty = $derived(this.trend !== null && this.trend.weeks.length === 0);
  spec = $derived(this.trend === null ? null : cfrTrendSpec(this.trend.weeks, { title: null }));

  #request: AbortController | null = null;

  /** Fetch for these filters; a newer call cancels an older one still in flight. */
  async load(filters: URLSearchParams): Promise<void> {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.loading = true;
    this.error = null;
    try {
      const trend = await getCfrTrend(filters, { signal: request.signal });
      if (request.signal.aborted) return;
      this.trend = trend;
    } catch (failure) {
      if (request.signal.aborted) return;
      this.trend = null;
      this.error = errorMessage(failure);
    } finally {
      if (this.#request === request) {
        this.loading = false;
        this.#request = null;
      }
    }
  }

  cancel(): void {
    this.#request?.abort();
    this.#request = null;
  }
}
