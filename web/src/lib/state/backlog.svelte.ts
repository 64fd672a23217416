// The classification backlog's count for the navigation: unclassified Sev1/Sev2 incidents older
// than 48 h under the current filters, the same count as the Incidents page's backlog card.
// Reloaded when the filters change, after a classification (`refresh()`), and at most every
// 30 s on navigation, so it follows other reviewers' work without a request per click.
import { getBacklog } from '../api/incidents.ts';

const STALE_MS = 30_000;

class BacklogCount {
  count = $state<number | null>(null);
  #search: string | null = null;
  #loadedAt = 0;
  #request: AbortController | null = null;

  /** Load for these filters unless a fresh count for them is already here. */
  load(search: string): void {
    if (search === this.#search && Date.now() - this.#loadedAt < STALE_MS) return;
    this.#search = search;
    this.refresh();
  }

  /** Load again now (e.g. after a classification). */
  refresh(): void {
    const search = this.#search ?? '';
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.#loadedAt = Date.now();
    getBacklog(new URLSearchParams(search), { signal: request.signal })
      .then((body) => (this.count = body.backlog.length))
      .catch(() => {
        // The Incidents page shows the error; the navigation just shows no count.
        if (!request.signal.aborted) this.count = null;
      });
  }
}

export const backlogCount = new BacklogCount();
