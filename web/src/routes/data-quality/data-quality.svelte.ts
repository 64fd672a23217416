// Data for the Data quality page: GET /api/data-quality for the current filters.
import { errorMessage } from '$lib/api/client.ts';
  import { getDataQuality } from '$lib/api/data-quality.ts';
import type { DataQuality } from '$lib/api/types.ts';

export class DataQualityState {
  data: DataQuality | null = $state(null);
  loading = $state(true);
  error: string | null = $state(null);

  #request: AbortController | null = null;
  #filters = new URLSearchParams();

  /** Fetch for these filters; a newer call cancels an older one still in flight. */
  load(filters: URLSearchParams): void {
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#filters = filters;
    const { signal } = request;
    this.loading = true;
    this.error = null;
    getDataQuality(filters, { signal })
      .then((data) => {
        if (signal.aborted) return;
        this.data = data;
        this.loading = false;
      })
      .catch((failure: unknown) => {
        if (signal.aborted) return;
        this.data = null;
        this.error = errorMessage(failure);
        this.loading = false;
      });
  }

  retry = (): void => this.load(this.#filters);

  cancel(): void {
    this.#request?.abort();
    this.#request = null;
  }
}
