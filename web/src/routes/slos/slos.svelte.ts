// Data for the SLOs page: every policy's verdict for the filters (GET /api/slos) and the selected
// policy's weekly history (GET /api/slos/history). A newer load cancels an older one in flight.
import { getSloHistory, getSlos } from '$lib/api/slos.ts';
import type { SloHistory, SloList } from '$lib/api/types.ts';
import { Loader } from '$lib/state/loader.svelte.ts';

export class SlosState {
  list = new Loader<SloList>();
  history = new Loader<SloHistory>();
  /** The policy the history is for. */
  historyPolicy: string | null = $state(null);

  loadList(filters: URLSearchParams): void {
    void this.list.run((signal) => getSlos(filters, { signal }));
  }

  loadHistory(filters: URLSearchParams, policy: string): void {
    this.historyPolicy = policy;
    void this.history.run((signal) => getSloHistory(filters, policy, { signal }));
  }

  cancel(): void {
    this.list.cancel();
    this.history.cancel();
  }
}
