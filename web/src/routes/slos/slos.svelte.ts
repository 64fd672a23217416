// Data for the SLOs page: every policy's verdict for the filters (GET /api/slos) and the selected
// policy's weekly history (GET /api/slos/history). A newer load cancels an older one in flight.
import { errorMessage } from '$lib/api/client.ts';
import { getSloHistory, getSlos } from '$lib/api/slos.ts';
import type { SloHistory, SloList } from '$lib/api/types.ts';

export class SlosState {
  list: SloList | null = $state(null);
  listLoading = $state(true);
  listError: string | null = $state(null);

  history: SloHistory | null = $state(null);
  historyLoading = $state(true);
  historyError: string | null = $state(null);
  /** The policy the history is for. */
  historyPolicy: string | null = $state(null);

  #list: AbortController | null = null;
  #history: AbortController | null = null;

  loadList(filters: URLSearchParams): void {
    this.#list?.abort();
    const request = (this.#list = new AbortController());
    this.listLoading = true;
    this.listError = null;
    getSlos(filters, { signal: request.signal })
      .then((list) => {
        if (request.signal.aborted) return;
        this.list = list;
        this.listLoading = false;
      })
      .catch((failure: unknown) => {
        if (request.signal.aborted) return;
        this.listError = errorMessage(failure);
        this.listLoading = false;
      });
  }

  loadHistory(filters: URLSearchParams, policy: string): void {
    this.#history?.abort();
    const request = (this.#history = new AbortController());
    this.historyLoading = true;
    this.historyError = null;
    this.historyPolicy = policy;
    getSloHistory(filters, policy, { signal: request.signal })
      .then((history) => {
        if (request.signal.aborted) return;
        this.history = history;
        this.historyLoading = false;
      })
      .catch((failure: unknown) => {
        if (request.signal.aborted) return;
        this.historyError = errorMessage(failure);
        this.historyLoading = false;
      });
  }

  cancel(): void {
    this.#list?.abort();
    this.#history?.abort();
  }
}
