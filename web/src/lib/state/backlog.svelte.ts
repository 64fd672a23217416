// The classification backlog's count for the navigation: unclassified Sev1/Sev2 incidents older
// than 48 h under the current filters, the same count as the Incidents page's backlog card.
// Reloaded when the filters change, after a classification (`refresh()`), and at most every
// 30 s on navigation, so it follows other reviewers' work without a request per click.
import { getBacklog } from '../api/incidents.ts';
import { Loader } from './loader.svelte.ts';

const STALE_MS = 30_000;

class BacklogCount {
  // The Incidents page shows a failure; the navigation just shows no count.
  #count = new Loader<number>();
  #search: string | null = null;
  #loadedAt = 0;

  get count(): number | null {
    return this.#count.value;
  }

  /** Load for these filters unless a fresh count for them is already here. */
  load(search: string): void {
    if (search === this.#search && Date.now() - this.#loadedAt < STALE_MS) return;
    this.#search = search;
    this.refresh();
  }

  /** Load again now (e.g. after a classification). */
  refresh(): void {
    const search = this.#search ?? '';
    this.#loadedAt = Date.now();
    void this.#count.run((signal) => getBacklog(new URLSearchParams(search), { signal, limit: 1 }).then((body) => body.total));
  }
}

export const backlogCount = new BacklogCount();
